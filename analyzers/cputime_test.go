package analyzers

import (
	"syscall"
	"testing"
	"time"
)

// reportCPU adds the CPU time per operation and the throughput in CPU
// time to a benchmark's output. On a shared machine wall time measures
// contention as much as work; CPU time measures the work. Call it with
// the CPU time taken before the loop.
func reportCPU(b *testing.B, start time.Duration, bytes int) {
	b.Helper()
	used := processCPU() - start
	if b.N == 0 || used <= 0 {
		return
	}
	perOp := float64(used.Nanoseconds()) / float64(b.N)
	b.ReportMetric(perOp, "cpu-ns/op")
	b.ReportMetric(float64(bytes)/perOp*1e9/1e6, "cpu-MB/s")
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
