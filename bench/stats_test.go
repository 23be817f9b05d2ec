package bench

import (
	"math"
	"os"
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	// 1..100 ms in a shuffled order.
	var samples []time.Duration
	for i := range 100 {
		samples = append(samples, time.Duration((i*37)%100+1)*time.Millisecond)
	}
	l := Summarize(samples, 3, 2*time.Second, 8)
	want := Latencies{
		Clients: 8, Count: 100, Errors: 3, Elapsed: 2 * time.Second, QPS: 50,
		Mean: 50500 * time.Microsecond, P50: 50 * time.Millisecond, P95: 95 * time.Millisecond,
		P99: 99 * time.Millisecond, Max: 100 * time.Millisecond,
	}
	if l != want {
		t.Errorf("Summarize =\n%+v, want\n%+v", l, want)
	}
	if samples[0] != time.Millisecond || samples[1] != 38*time.Millisecond {
		t.Error("Summarize reordered its input")
	}
}

func TestPercentileNearestRank(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		var out []time.Duration
		for _, x := range v {
			out = append(out, time.Duration(x)*time.Millisecond)
		}
		return out
	}
	cases := []struct {
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{ms(7), 50, 7 * time.Millisecond},
		{ms(7), 99, 7 * time.Millisecond},
		{ms(1, 2), 50, 1 * time.Millisecond},
		{ms(1, 2), 51, 2 * time.Millisecond},
		{ms(1, 2, 3, 4), 75, 3 * time.Millisecond},
		{ms(1, 2, 3, 4), 76, 4 * time.Millisecond},
		{ms(10, 20, 30, 40, 50, 60, 70, 80, 90, 100), 95, 100 * time.Millisecond},
		{ms(10, 20, 30, 40, 50, 60, 70, 80, 90, 100), 90, 90 * time.Millisecond},
	}
	for _, c := range cases {
		if got := percentile(c.sorted, c.p); got != c.want {
			t.Errorf("percentile(%v, %v) = %v, want %v", c.sorted, c.p, got, c.want)
		}
	}
}

func TestSummarizeEmpty(t *testing.T) {
	l := Summarize(nil, 2, time.Second, 1)
	if l.Count != 0 || l.Errors != 2 || l.QPS != 0 || l.P50 != 0 {
		t.Errorf("Summarize of no samples = %+v", l)
	}
}

func TestIndexStatsRates(t *testing.T) {
	s := IndexStats{Docs: 3000, Bytes: 6_000_000, Elapsed: 2 * time.Second, SizeBytes: 9_000_000}
	if s.DocsPerSecond() != 1500 || s.MBPerSecond() != 3 || s.SizeRatio() != 1.5 {
		t.Errorf("rates: %v docs/s, %v MB/s, size ratio %v", s.DocsPerSecond(), s.MBPerSecond(), s.SizeRatio())
	}
	if (IndexStats{}).DocsPerSecond() != 0 {
		t.Error("no time should give 0 docs/s, not a division by zero")
	}
}

func TestReadProcStat(t *testing.T) {
	st, err := readProcStat("self")
	if err != nil {
		t.Fatal(err)
	}
	if st.ppid != os.Getppid() {
		t.Errorf("ppid %d, want %d", st.ppid, os.Getppid())
	}
	if st.cpu < 0 || st.reaped < 0 {
		t.Errorf("negative CPU: %+v", st)
	}
	if _, err := readProcStat("no-such-process"); err == nil {
		t.Error("no error for a process that does not exist")
	}
}

func TestSetMachineUse(t *testing.T) {
	run := func(kind string, clients int, qps float64, cpu time.Duration) QueryResult {
		return QueryResult{Kind: kind, Latencies: Latencies{Clients: clients, Count: 10, QPS: qps, CPUPerQuery: cpu}}
	}
	results := []QueryResult{
		// 100 queries/s at 5 ms each keep one of two cores busy: 0.25;
		// at 8 clients, 380/s of the same cost: 0.95 (the one-client
		// cost counts, not the 6 ms the queries cost under load).
		run("plain", 1, 100, 5*time.Millisecond), run("plain", 8, 380, 6*time.Millisecond),
		// No one-client run: the fewest clients give the cost.
		run("facets", 8, 50, 30*time.Millisecond), run("facets", 4, 40, 20*time.Millisecond),
		// CPU unknown: machine use unknown.
		run("deep", 1, 100, 0), run("deep", 8, 300, 0),
		// A run that answered nothing uses nothing.
		{Kind: "plain", Latencies: Latencies{Clients: 32}},
	}
	SetMachineUse(results, 2)
	want := []float64{0.25, 0.95, 0.5, 0.4, 0, 0, 0}
	for i, r := range results {
		if math.Abs(r.MachineUse-want[i]) > 1e-9 {
			t.Errorf("%s at %d clients: machine use %.4f, want %.2f", r.Kind, r.Clients, r.MachineUse, want[i])
		}
	}
}
