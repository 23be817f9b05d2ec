package bench

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/fahras/fahras/search"
)

// Query is one query of the mix, in a form every system can translate.
type Query struct {
	// Kind names the query in reports.
	Kind string `json:"kind"`
	// Text holds the words (OR-ed and ranked), or the words of a phrase
	// when Phrase is set; empty matches every article.
	Text   string `json:"text,omitempty"`
	Phrase bool   `json:"phrase,omitempty"`
	// Facets asks for every facet: source, category, dates (and places
	// in fahras).
	Facets bool `json:"facets,omitempty"`
	// From and To filter on the publication date, both inclusive, when
	// not zero.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// Newest sorts by date, newest first, instead of by relevance.
	Newest bool `json:"newest,omitempty"`
	// Country filters on a country: fahras by its ISO code and the
	// gazetteer; the anchors, which know no places, by requiring its
	// Arabic name CountryName in the text.
	Country     string `json:"country,omitempty"`
	CountryName string `json:"country_name,omitempty"`
	// Skip is the depth of a deep page: the page starts after this many
	// hits, reached with each system's cursor (search_after, keyset).
	Skip int `json:"skip,omitempty"`
}

// PageSize is the number of hits every query of the mix returns.
const PageSize = 10

// Mix returns the fixed query mix. The words are among the most frequent
// content words of the ANT news corpus (الحكومة is in about one article in
// six, النفط, الانتخابات and "مجلس الأمن" in hundreds). last is the newest
// publication date of the corpus: the date filter keeps its last four
// months.
//
//	plain    أسعار النفط                   two words, ranked, with highlighting
//	phrase   "مجلس الأمن"                  an exact phrase
//	facets   الحكومة                       with every facet
//	date     الانتخابات, last four months   sorted newest first
//	place    الحكومة in Iraq               country filter
//	deep     الحكومة newest first          the page after 1,000 hits, by cursor
//	browse   (no words)                    every facet, newest first: the landing page
func Mix(last time.Time) []Query {
	last = time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, time.UTC)
	return []Query{
		{Kind: "plain", Text: "أسعار النفط"},
		{Kind: "phrase", Text: "مجلس الأمن", Phrase: true},
		{Kind: "facets", Text: "الحكومة", Facets: true},
		{Kind: "date", Text: "الانتخابات", From: last.AddDate(0, -4, 0), To: last, Newest: true},
		{Kind: "place", Text: "الحكومة", Country: "IQ", CountryName: "العراق"},
		{Kind: "deep", Text: "الحكومة", Newest: true, Skip: 1000},
		{Kind: "browse", Facets: true, Newest: true},
	}
}

// Runner runs one prepared query once, as the given client (0 to
// clients-1).
type Runner func(ctx context.Context, client int) error

// System is a search system under measurement.
type System interface {
	Name() string
	// Prepare translates q and does what a client would have done before
	// asking (fetching the cursor of a deep page), outside the timing.
	Prepare(ctx context.Context, q Query, clients int) (Runner, error)
	// Count is the number of articles q matches (outside the timing),
	// to check that the systems answer the same question.
	Count(ctx context.Context, q Query) (int64, error)
}

// Fahras is the system under test: a search.Engine.
type Fahras struct{ Engine *search.Engine }

// Name implements System.
func (f Fahras) Name() string { return "fahras" }

// Request is q as a fahras request (without the cursor of a deep page).
func (q Query) Request() search.Request {
	req := search.Request{Query: q.Text, Size: PageSize, NoFacets: !q.Facets}
	if q.Phrase {
		req.Query = `"` + q.Text + `"`
	}
	if !q.From.IsZero() {
		req.From = q.From.Format("2006-01-02")
	}
	if !q.To.IsZero() {
		req.To = q.To.Format("2006-01-02")
	}
	if q.Newest {
		req.Sort = search.SortNewest
	}
	if q.Country != "" {
		req.Countries = []string{q.Country}
	}
	return req
}

// Prepare implements System.
func (f Fahras) Prepare(ctx context.Context, q Query, _ int) (Runner, error) {
	req, err := FahrasRequest(ctx, f.Engine, q)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, _ int) error {
		_, err := f.Engine.Search(ctx, req)
		return err
	}, nil
}

// Count implements System.
func (f Fahras) Count(ctx context.Context, q Query) (int64, error) {
	req := q.Request()
	req.Size, req.NoFacets, req.NoHighlight, req.ExactTotal = 1, true, true, true
	res, err := f.Engine.Search(ctx, req)
	if err != nil {
		return 0, err
	}
	return int64(res.Total), nil
}

// FahrasRequest is q as a fahras request; for a deep page it pages through
// the first q.Skip hits, 100 at a time, to get the cursor.
func FahrasRequest(ctx context.Context, eng *search.Engine, q Query) (search.Request, error) {
	req := q.Request()
	if q.Skip == 0 {
		return req, nil
	}
	walk := req
	walk.Size, walk.NoFacets, walk.NoHighlight = search.MaxSize, true, true
	for seen := 0; seen < q.Skip; {
		walk.Size = min(search.MaxSize, q.Skip-seen)
		res, err := eng.Search(ctx, walk)
		if err != nil {
			return req, fmt.Errorf("%s: page to hit %d: %w", q.Kind, seen, err)
		}
		seen += len(res.Hits)
		if len(res.SearchAfter) == 0 {
			return req, fmt.Errorf("%s: only %d hits, fewer than %d to skip", q.Kind, seen, q.Skip)
		}
		walk.SearchAfter = res.SearchAfter
	}
	req.SearchAfter = walk.SearchAfter
	return req, nil
}

// Latencies summarizes a run of queries.
type Latencies struct {
	Clients int           `json:"clients"`
	Count   int           `json:"count"`
	Errors  int           `json:"errors"`
	Elapsed time.Duration `json:"elapsed_ns"`
	QPS     float64       `json:"qps"`
	Mean    time.Duration `json:"mean_ns"`
	P50     time.Duration `json:"p50_ns"`
	P95     time.Duration `json:"p95_ns"`
	P99     time.Duration `json:"p99_ns"`
	Max     time.Duration `json:"max_ns"`
	// CPU is the CPU time the system spent over the run: this process's
	// for the systems that run in it, the server processes' for
	// PostgreSQL (see Measure); CPUPerQuery is CPU divided by Count.
	// Both are 0 when unknown.
	CPU         time.Duration `json:"cpu_ns"`
	CPUPerQuery time.Duration `json:"cpu_per_query_ns"`
	// FirstErr is the first error met, if any.
	FirstErr string `json:"first_error,omitempty"`
}

// Summarize computes the statistics of successful query latencies over a
// run of the given wall time. Percentiles are nearest-rank: the smallest
// latency that at least p% of the queries did not exceed.
func Summarize(samples []time.Duration, errors int, elapsed time.Duration, clients int) Latencies {
	l := Latencies{Clients: clients, Count: len(samples), Errors: errors, Elapsed: elapsed}
	if len(samples) == 0 {
		return l
	}
	s := slices.Clone(samples)
	slices.Sort(s)
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	l.Mean = sum / time.Duration(len(s))
	l.P50, l.P95, l.P99 = percentile(s, 50), percentile(s, 95), percentile(s, 99)
	l.Max = s[len(s)-1]
	if elapsed > 0 {
		l.QPS = float64(len(s)) / elapsed.Seconds()
	}
	return l
}

// percentile is the nearest-rank percentile of sorted samples.
func percentile(sorted []time.Duration, p float64) time.Duration {
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[min(max(rank, 1), len(sorted))-1]
}

// load runs fn from clients goroutines, each calling it in a loop, until
// duration has passed (every client finishes its query in flight) or ctx
// is done. i counts each client's calls.
func load(ctx context.Context, clients int, duration time.Duration, fn func(ctx context.Context, client, i int) error) Latencies {
	clients = max(clients, 1)
	var mu sync.Mutex
	var all []time.Duration
	errs := 0
	firstErr := ""
	start := time.Now()
	deadline := start.Add(duration)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			var badErr error
			for i := 0; time.Now().Before(deadline) && ctx.Err() == nil; i++ {
				t := time.Now()
				if err := fn(ctx, c, i); err != nil {
					bad++
					if badErr == nil {
						badErr = err
					}
					continue
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			all = append(all, mine...)
			errs += bad
			if badErr != nil && firstErr == "" {
				firstErr = badErr.Error()
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	l := Summarize(all, errs, time.Since(start), clients)
	l.FirstErr = firstErr
	return l
}

// RunQueries runs the fahras requests of mix from clients concurrent
// clients for duration, each client cycling through the mix from its own
// starting point, and returns the latencies of all of them together.
func RunQueries(ctx context.Context, eng *search.Engine, mix []search.Request, clients int, duration time.Duration) Latencies {
	if len(mix) == 0 {
		return Latencies{Clients: clients}
	}
	return load(ctx, clients, duration, func(ctx context.Context, client, i int) error {
		_, err := eng.Search(ctx, mix[(client+i)%len(mix)])
		return err
	})
}

// QueryResult is the measurement of one kind of query at one concurrency.
type QueryResult struct {
	Kind string `json:"kind"`
	// Total is the number of articles the query matches (-1: unknown).
	Total int64 `json:"total"`
	Latencies
	// MachineUse is how much of the machine the clients kept busy:
	// queries/s at this concurrency ÷ (cores ÷ the CPU seconds one query
	// of this kind costs in the one-client run). 1 means every core did
	// nothing but the work one query costs alone; 0 when unknown.
	MachineUse float64 `json:"machine_use"`
}

// CPUMeter is implemented by a System whose queries are answered by other
// processes: CPUTime is the CPU time they have used so far. Measure charges
// the other systems with this process's CPU time.
type CPUMeter interface {
	CPUTime() time.Duration
}

// cpuClock is the CPU time that sys's queries cost.
func cpuClock(sys System) func() time.Duration {
	if m, ok := sys.(CPUMeter); ok {
		return m.CPUTime
	}
	return CPUTime
}

// SetMachineUse sets the MachineUse of every result from its queries/s and
// the CPU cost per query of the same kind in the one-client run (or the
// run with the fewest clients when there is none), on a machine with the
// given number of cores.
func SetMachineUse(results []QueryResult, cores int) {
	base := map[string]Latencies{}
	for _, r := range results {
		if r.Count == 0 || r.CPUPerQuery <= 0 {
			continue
		}
		if b, ok := base[r.Kind]; !ok || r.Clients < b.Clients {
			base[r.Kind] = r.Latencies
		}
	}
	for i := range results {
		r := &results[i]
		r.MachineUse = 0
		if b, ok := base[r.Kind]; ok && cores > 0 && r.Count > 0 {
			r.MachineUse = r.QPS * b.CPUPerQuery.Seconds() / float64(cores)
		}
	}
}

// Measure runs each query of mix on its own, for duration, at each
// concurrency in clients, after one unmeasured warm-up run of it. The CPU
// time of each run is taken over the same window as its wall time: this
// process's user and system time, or the CPUMeter's when sys is one. A query
// that fails to prepare or to warm up is reported with no latencies and
// its error in FirstErr; only the cancellation of ctx stops the run.
func Measure(ctx context.Context, sys System, mix []Query, clients []int, duration time.Duration) ([]QueryResult, error) {
	most := slices.Max(append([]int{1}, clients...))
	cpu := cpuClock(sys)
	var out []QueryResult
	for _, q := range mix {
		total, err := sys.Count(ctx, q)
		if err != nil {
			total = -1
		}
		run, err := sys.Prepare(ctx, q, most)
		if err == nil {
			err = run(ctx, 0)
		}
		if err != nil {
			if ctx.Err() != nil {
				return out, ctx.Err()
			}
			// A query that cannot run here (a corpus too small for
			// the deep page) is reported as failed; the others go on.
			for _, n := range clients {
				out = append(out, QueryResult{Kind: q.Kind, Total: total, Latencies: Latencies{Clients: n, Errors: 1, FirstErr: err.Error()}})
			}
			continue
		}
		for _, n := range clients {
			cpu0 := cpu()
			l := load(ctx, n, duration, func(ctx context.Context, client, _ int) error { return run(ctx, client) })
			if used := cpu() - cpu0; used > 0 && cpu0 > 0 {
				l.CPU = used
				if l.Count > 0 {
					l.CPUPerQuery = used / time.Duration(l.Count)
				}
			}
			out = append(out, QueryResult{Kind: q.Kind, Total: total, Latencies: l})
			if err := ctx.Err(); err != nil {
				SetMachineUse(out, runtime.NumCPU())
				return out, err
			}
		}
	}
	SetMachineUse(out, runtime.NumCPU())
	return out, nil
}
