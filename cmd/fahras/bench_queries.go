package main

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/fahras/fahras/bench"
	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/search"
)

// benchQueriesCommand runs the benchmark's query mix against an index
// that already exists, so that query latency can be measured (and
// profiled) without indexing again.
func benchQueriesCommand(env *Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "queries [flags]",
		Short: "run the benchmark's query mix against an existing index: latency percentiles and queries/s",
		Long: "Runs the benchmark's query mix (see fahras bench compare) against an existing\n" +
			"index at each concurrency and prints latency percentiles and queries per second.",
		Args: args(0, 0, "arguments"),
	}
	fs := cmd.Flags()
	dir := fs.String("index", defaultIndexDir, "index directory")
	var mf mixFlags
	mf.register(fs, []int{1, 8}, "write a CPU profile of the measured queries to this file")
	kinds := fs.String("kinds", "", "comma-separated query kinds to run (default: the whole mix)")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		ctx := cmd.Context()
		return status(func() int {
			if err := mf.check(); err != nil {
				fmt.Fprintf(env.Stderr, "fahras bench queries: %v\n", err)
				return 2
			}
			fail := func(err error) int {
				fmt.Fprintf(env.Stderr, "fahras bench queries: %v\n", err)
				return 1
			}

			g, err := loadGazetteer("")
			if err != nil {
				return fail(err)
			}
			start := time.Now()
			ix, err := index.Open(*dir)
			if err != nil {
				return fail(err)
			}
			defer ix.Close()
			eng, err := search.New(ix, g)
			if err != nil {
				return fail(err)
			}
			opened := time.Since(start)
			// Measured as a server answers once it has mined the
			// spellings of names.
			if _, err := eng.Variants(ctx); err != nil {
				return fail(err)
			}

			// The mix's date filter keeps the last months of the corpus: ask the
			// index for its newest article.
			newest, err := eng.Search(ctx, search.Request{Sort: search.SortNewest, Size: 1, NoFacets: true, NoHighlight: true, ExactTotal: true})
			if err != nil {
				return fail(err)
			}
			if len(newest.Hits) == 0 || newest.Hits[0].Published == nil {
				return fail(errors.New("the index has no dated article"))
			}
			mix := bench.Mix(*newest.Hits[0].Published)
			if *kinds != "" {
				var chosen []bench.Query
				for _, k := range strings.Split(*kinds, ",") {
					found := false
					for _, q := range mix {
						if q.Kind == strings.TrimSpace(k) {
							chosen, found = append(chosen, q), true
						}
					}
					if !found {
						return fail(fmt.Errorf("--kinds: no query kind %q in the mix", k))
					}
				}
				mix = chosen
			}

			stopProfile, err := cpuProfile(mf.cpuProfile)
			if err != nil {
				return fail(err)
			}
			defer stopProfile()
			results, err := bench.Measure(ctx, bench.Fahras{Engine: eng}, mix, mf.clients, mf.duration)
			if err != nil {
				return fail(err)
			}
			fmt.Fprintf(env.Stdout, "index: %s, %d articles, opened in %s ms\n", *dir, newest.Total, bench.Milliseconds(opened))
			fmt.Fprintf(env.Stdout, "CPU ms/query: this process's CPU time over each run ÷ the queries answered; machine use: queries/s ÷ (%d cores ÷ CPU s/query of the one-client run)\n\n", runtime.NumCPU())
			fmt.Fprintln(env.Stdout, "| query | clients | matches | p50 ms | p95 ms | p99 ms | queries/s | CPU ms/query | machine use | errors |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
			failed := map[string]string{}
			for _, r := range results {
				fmt.Fprintf(env.Stdout, "| %s | %d | %d | %s | %s | %s | %.1f | %s | %s | %d |\n", r.Kind, r.Clients, r.Total,
					bench.Milliseconds(r.P50), bench.Milliseconds(r.P95), bench.Milliseconds(r.P99), r.QPS,
					bench.Milliseconds(r.CPUPerQuery), bench.Share(r.MachineUse), r.Errors)
				if r.FirstErr != "" && failed[r.Kind] == "" {
					failed[r.Kind] = r.FirstErr
				}
			}
			for _, q := range mix {
				if msg := failed[q.Kind]; msg != "" {
					fmt.Fprintf(env.Stderr, "fahras bench queries: %s\n", msg)
				}
			}
			return 0
		}())
	}
	return cmd
}
