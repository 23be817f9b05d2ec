package bench

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// IndexStats measures one indexing run.
type IndexStats struct {
	Docs  int64 `json:"docs"`
	Bytes int64 `json:"bytes"` // text indexed: titles and bodies
	// Elapsed is wall time; CPU is the user and system time of this
	// process over the run (for PostgreSQL, of its server processes).
	Elapsed time.Duration `json:"elapsed_ns"`
	CPU     time.Duration `json:"cpu_ns"`
	// SizeBytes is the index on disk (for PostgreSQL, the table with
	// its TOAST data and indexes).
	SizeBytes int64 `json:"size_bytes"`
	// PeakRSS is the highest resident set size during the run, in bytes
	// (see startClock); 0 when unknown.
	PeakRSS int64 `json:"peak_rss_bytes"`
	// StartRSS is the resident set size when the run started: what the
	// process held already (the benchmark's own base corpus).
	StartRSS int64 `json:"start_rss_bytes"`
}

// DocsPerSecond is the indexing throughput in documents.
func (s IndexStats) DocsPerSecond() float64 { return ratio(float64(s.Docs), s.Elapsed.Seconds()) }

// MBPerSecond is the indexing throughput in megabytes (10^6) of text.
func (s IndexStats) MBPerSecond() float64 { return ratio(float64(s.Bytes)/1e6, s.Elapsed.Seconds()) }

// SizeRatio is the index size divided by the text size.
func (s IndexStats) SizeRatio() float64 { return ratio(float64(s.SizeBytes), float64(s.Bytes)) }

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// clock times a run in this process: wall time, CPU time and peak RSS.
// The peak is the kernel's VmHWM, reset at the start (writing 5 to
// /proc/self/clear_refs) after returning freed memory to the system, so
// that runs measured one after another in the same process each get their
// own peak. A reset that the kernel refuses leaves PeakRSS at 0.
type clock struct {
	start    time.Time
	cpu      time.Duration
	rss      int64
	hwmKnown bool
}

func startClock() clock {
	debug.FreeOSMemory()
	c := clock{start: time.Now(), cpu: CPUTime()}
	c.hwmKnown = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
	c.rss = procStatus("self", "VmRSS")
	return c
}

func (c clock) stop(s *IndexStats) {
	s.Elapsed = time.Since(c.start)
	s.CPU = CPUTime() - c.cpu
	if c.hwmKnown {
		s.PeakRSS = procStatus("self", "VmHWM")
		s.StartRSS = c.rss
	}
}

// CPUTime is the user and system CPU time of this process: on a shared
// machine it measures work where wall time measures contention.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// procStatus reads a size field (in kB) of /proc/<pid>/status, in bytes.
func procStatus(pid, field string) int64 {
	data, err := os.ReadFile(filepath.Join("/proc", pid, "status"))
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), ":")
		if !ok || name != field {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		if err != nil {
			return 0
		}
		return kb << 10
	}
	return 0
}

// DirSize is the total size of the regular files under path.
func DirSize(path string) int64 {
	var total int64
	filepath.WalkDir(path, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				total += info.Size()
			}
		}
		return nil
	})
	return total
}

// Machine describes the computer a report was measured on.
type Machine struct {
	CPU       string `json:"cpu"`
	Cores     int    `json:"cores"`
	MemoryMB  int64  `json:"memory_mb"`
	GoVersion string `json:"go_version"`
	OS        string `json:"os"`
}

// ThisMachine describes the computer this process runs on.
func ThisMachine() Machine {
	m := Machine{Cores: runtime.NumCPU(), GoVersion: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if name, value, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(name) == "model name" {
				m.CPU = strings.TrimSpace(value)
				break
			}
		}
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
				kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
				m.MemoryMB = kb >> 10
			}
		}
	}
	return m
}
