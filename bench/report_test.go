package bench

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func sampleReport() *Report {
	day := time.Date(2018, 10, 31, 0, 0, 0, 0, time.UTC)
	mix := []Query{
		{Kind: "plain", Text: "أسعار النفط"},
		{Kind: "date", Text: "الانتخابات", From: day.AddDate(0, -4, 0), To: day, Newest: true},
		{Kind: "deep", Text: "الحكومة", Newest: true, Skip: 1000},
	}
	// A run of 100 queries in a second, each costing cpuMS of CPU.
	lat := func(clients int, p50ms, qps, cpuMS float64) Latencies {
		p := time.Duration(p50ms * float64(time.Millisecond))
		cpu := time.Duration(cpuMS * float64(time.Millisecond))
		return Latencies{Clients: clients, Count: 100, Elapsed: time.Second, QPS: qps, Mean: p, P50: p, P95: 2 * p, P99: 3 * p, Max: 4 * p,
			CPU: 100 * cpu, CPUPerQuery: cpu}
	}
	return &Report{
		Machine:    Machine{CPU: "Test CPU", Cores: 2, MemoryMB: 24105, GoVersion: "go1.26.8", OS: "linux/amd64"},
		Command:    "fahras bench compare -articles 100000 corpus.jsonl.gz",
		Date:       time.Date(2026, 11, 28, 21, 30, 0, 0, time.UTC),
		Corpus:     "corpus.jsonl.gz",
		Articles:   100000,
		TextBytes:  350_000_000,
		Scaled:     true,
		Seed:       1,
		Generation: 4200 * time.Millisecond,
		Duration:   3 * time.Second,
		Clients:    []int{1, 8},
		Mix:        mix,
		Systems: []SystemReport{
			{
				Name:  "fahras",
				Index: IndexStats{Docs: 100000, Bytes: 350_000_000, Elapsed: 200 * time.Second, CPU: 380 * time.Second, SizeBytes: 420_000_000, PeakRSS: 900_000_000, StartRSS: 250_000_000},
				Open:  35 * time.Millisecond, FirstQuery: 120 * time.Millisecond, Settle: 12500 * time.Millisecond,
				Append: &AppendStats{Docs: 10000, Elapsed: 16 * time.Second,
					Settled: Latencies{P50: 4 * time.Millisecond, P99: 30 * time.Millisecond},
					During:  Latencies{P50: 9 * time.Millisecond, P99: 75 * time.Millisecond}},
				Queries: withMachineUse([]QueryResult{
					{Kind: "plain", Total: 1845, Latencies: lat(1, 4, 240, 3.9)}, {Kind: "plain", Total: 1845, Latencies: lat(8, 20, 400, 4.6)},
					{Kind: "date", Total: 312, Latencies: lat(1, 2.5, 390, 2.4)}, {Kind: "date", Total: 312, Latencies: lat(8, 9, 880, 2.2)},
					{Kind: "deep", Total: -1, Latencies: Latencies{Clients: 1, Errors: 1, FirstErr: "only 522 hits"}}, {Kind: "deep", Total: -1, Latencies: Latencies{Clients: 8, Errors: 1}},
				}),
			},
			{
				Name:  "bleve-ar",
				Index: IndexStats{Docs: 100000, Bytes: 350_000_000, Elapsed: 400 * time.Second, CPU: 500 * time.Second, SizeBytes: 1_400_000_000, PeakRSS: 700_000_000},
				Open:  3 * time.Millisecond, FirstQuery: 250 * time.Millisecond, Settle: 40 * time.Second,
				Queries: withMachineUse([]QueryResult{
					{Kind: "plain", Total: 1790, Latencies: lat(1, 8, 120, 7.5)}, {Kind: "plain", Total: 1790, Latencies: lat(8, 40, 200, 9.8)},
					{Kind: "date", Total: 298, Latencies: lat(1, 5, 195, 4.8)}, {Kind: "date", Total: 298, Latencies: lat(8, 18, 440, 0)},
				}),
			},
			{Name: "postgres-fts", Skipped: "PostgreSQL not found"},
		},
	}
}

func withMachineUse(results []QueryResult) []QueryResult {
	SetMachineUse(results, 2)
	return results
}

func TestWriteMarkdownGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := sampleReport().WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "report.golden.md")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != string(want) {
		t.Errorf("WriteMarkdown differs from %s (run with -update after checking the change):\n%s", golden, got)
	}
}

func TestWriteMarkdownTablesAreWellFormed(t *testing.T) {
	var buf bytes.Buffer
	if err := sampleReport().WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	// Every row of a table has as many cells as its header.
	cells := -1
	for _, line := range strings.Split(buf.String(), "\n") {
		if !strings.HasPrefix(line, "|") {
			cells = -1
			continue
		}
		n := strings.Count(line, "|")
		if cells < 0 {
			cells = n
		} else if n != cells {
			t.Errorf("row has %d bars, header %d: %s", n, cells, line)
		}
	}
}

func TestWriteMarkdownNothingMeasured(t *testing.T) {
	r := &Report{Clients: []int{1}, Systems: []SystemReport{{Name: "postgres-fts", Skipped: "PostgreSQL not found"}}}
	var buf bytes.Buffer
	if err := r.WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "postgres-fts: skipped (PostgreSQL not found)") {
		t.Errorf("the skipped system is not reported:\n%s", buf.String())
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 31525: "31,525", 1000000: "1,000,000", -4200: "-4,200"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
