package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/fahras/fahras/index"
)

// AppendStats measures adding articles to an index that already holds
// the corpus, while one client keeps asking the query mix.
type AppendStats struct {
	Docs    int64         `json:"docs"`
	Elapsed time.Duration `json:"elapsed_ns"`
	// Settled is the query mix, one kind after another, asked by one
	// client for the same time on the settled index just before;
	// During is the same while the articles are written.
	Settled Latencies `json:"settled"`
	During  Latencies `json:"during"`
}

// DocsPerSecond is the appending throughput.
func (s AppendStats) DocsPerSecond() float64 { return ratio(float64(s.Docs), s.Elapsed.Seconds()) }

// appendWhileQuerying measures n articles of a new seed written into ix
// while sys answers the mix.
func appendWhileQuerying(ctx context.Context, ix *index.Index, enricher *index.Enricher, scaler *Scaler, n int, seed int64, sys System, mix []Query) (*AppendStats, error) {
	runners := make([]Runner, 0, len(mix))
	for _, q := range mix {
		run, err := sys.Prepare(ctx, q, 1)
		if err != nil {
			continue // a kind this corpus cannot ask (too small for the deep page)
		}
		runners = append(runners, run)
	}
	if len(runners) == 0 {
		return nil, fmt.Errorf("append: no query of the mix can run")
	}
	// Queries run on ctx, so that stopping the load does not cut one short.
	ask := func(_ context.Context, _, i int) error { return runners[i%len(runners)](ctx, 0) }

	out := &AppendStats{}
	// The settled baseline, for as long as the append will take at the
	// rate of the bulk load (at least ten seconds).
	out.Settled = load(ctx, 1, 10*time.Second, ask)

	loadCtx, stop := context.WithCancel(ctx)
	done := make(chan Latencies, 1)
	go func() { done <- load(loadCtx, 1, 24*time.Hour, ask) }()
	start := time.Now()
	sum, err := ix.Ingest(ctx, scaler.Source(n, seed), enricher, index.IngestOptions{})
	out.Elapsed = time.Since(start)
	stop()
	out.During = <-done
	out.Docs = sum.Indexed()
	if err != nil {
		return out, fmt.Errorf("append: %w", err)
	}
	return out, nil
}
