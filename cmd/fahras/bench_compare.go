package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/fahras/fahras/bench"
)

// runBenchCompare runs the whole comparison of package bench: the same
// corpus indexed and queried by fahras, bleve with its own Arabic analyzer
// and PostgreSQL full-text search, written as Markdown tables.
func runBenchCompare(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("bench compare", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	articles := fs.Int("articles", 0, "derive this many articles from the corpus (0: index the corpus itself)")
	limit := fs.Int("limit", 0, "read at most this many base articles (0: all)")
	seed := fs.Int64("seed", 1, "seed of the derived articles")
	dir := fs.String("dir", "", "directory for the indexes (default: a temporary directory, removed after)")
	systems := fs.String("systems", "", "comma-separated systems to measure: fahras, bleve, postgres (default: all)")
	shards := fs.Int("shards", 0, "shards of the fahras index (0: one per CPU)")
	clients := fs.String("clients", "1,8,32", "comma-separated numbers of concurrent clients")
	duration := fs.Duration("duration", 3*time.Second, "how long each query kind runs at each concurrency")
	out := fs.String("out", "-", "write the Markdown report here (- for standard output)")
	memory := fs.String("memory", "1.5GiB", "memory budget of the fahras load, as fahras index --memory")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	appendN := fs.Int("append", 10000, "new articles appended to the fahras index after the queries, while one client asks the mix (0: none)")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: fahras bench compare [flags] CORPUS...\n\nIndexes the corpus (or N articles derived from it) with fahras, with bleve's\ndefault mapping and Arabic analyzer, and with PostgreSQL's arabic full-text\nsearch (skipped when PostgreSQL is not installed), runs the same query mix at\neach concurrency, and writes the comparison as Markdown.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	cfg := bench.Config{
		Corpus:   fs.Args(),
		Limit:    *limit,
		Articles: *articles,
		Seed:     *seed,
		Dir:      *dir,
		Shards:   *shards,
		Duration: *duration,
		Append:   *appendN,
		Command:  "fahras bench compare " + strings.Join(args, " "),
		Log:      env.Logger,
	}
	if *systems != "" {
		cfg.Systems = strings.Split(*systems, ",")
	}
	for _, c := range strings.Split(*clients, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n <= 0 {
			fmt.Fprintf(env.Stderr, "fahras bench compare: --clients: %q is not a positive number\n", c)
			return 2
		}
		cfg.Clients = append(cfg.Clients, n)
	}
	if cfg.Append == 0 {
		cfg.Append = -1
	}
	var err error
	if cfg.MemoryBudget, err = parseBytes(*memory); err != nil {
		fmt.Fprintf(env.Stderr, "fahras bench compare: --memory: %v\n", err)
		return 2
	}
	if *cpuProfile != "" {
		pf, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintf(env.Stderr, "fahras bench compare: %v\n", err)
			return 1
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			fmt.Fprintf(env.Stderr, "fahras bench compare: %v\n", err)
			return 1
		}
		defer pprof.StopCPUProfile()
	}
	report, err := bench.Run(ctx, cfg)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return 1
		}
		fmt.Fprintf(env.Stderr, "fahras bench compare: %v\n", err)
		return 1
	}
	var w io.Writer = env.Stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintf(env.Stderr, "fahras bench compare: %v\n", err)
			return 1
		}
		defer f.Close()
		w = f
	}
	if err := report.WriteMarkdown(w); err != nil {
		fmt.Fprintf(env.Stderr, "fahras bench compare: %v\n", err)
		return 1
	}
	return 0
}
