package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/fahras/fahras/bench"
)

// benchCompareCommand runs the whole comparison of package bench: the
// same corpus indexed and queried by fahras, bleve with its own Arabic
// analyzer and PostgreSQL full-text search, written as Markdown tables.
func benchCompareCommand(env *Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "compare [flags] CORPUS...",
		Short: "index and query a corpus with fahras, bleve and PostgreSQL; Markdown report",
		Long: "Indexes the corpus (or N articles derived from it) with fahras, with bleve's\n" +
			"default mapping and Arabic analyzer, and with PostgreSQL's arabic full-text\n" +
			"search (skipped when PostgreSQL is not installed), runs the same query mix at\n" +
			"each concurrency, and writes the comparison as Markdown (and, with --json,\n" +
			"as JSON, which fahras bench chart draws).",
		Args: args(1, -1, "a CORPUS file"),
	}
	fs := cmd.Flags()
	articles := fs.Int("articles", 0, "derive this many articles from the corpus (0: index the corpus itself)")
	limit := fs.Int("limit", 0, "read at most this many base articles (0: all)")
	seed := fs.Int64("seed", 1, "seed of the derived articles")
	dir := fs.String("dir", "", "directory for the indexes (default: a temporary directory, removed after)")
	systems := fs.String("systems", "", "comma-separated systems to measure: fahras, bleve, postgres (default: all)")
	shards := fs.Int("shards", 0, "shards of the fahras index (0: one per CPU)")
	var mf mixFlags
	mf.register(fs, []int{1, 8, 32}, "write a CPU profile of the whole run to this file")
	out := fs.String("out", "-", "write the Markdown report here (- for standard output)")
	jsonOut := fs.String("json", "", "also write the report as JSON to this file (for fahras bench chart)")
	memory := fs.String("memory", "1.5GiB", "memory budget of the fahras load, as fahras index --memory")
	appendN := fs.Int("append", 10000, "new articles appended to the fahras index after the queries, while one client asks the mix (0: none)")
	cmd.RunE = func(cmd *cobra.Command, corpus []string) error {
		ctx := cmd.Context()
		var given []string
		fs.Visit(func(f *pflag.Flag) {
			value := f.Value.String()
			if list, ok := f.Value.(pflag.SliceValue); ok {
				value = strings.Join(list.GetSlice(), ",") // as typed, not "[1,8]"
			}
			given = append(given, "--"+f.Name+" "+value)
		})
		command := strings.Join(append(append([]string{"fahras bench compare"}, given...), corpus...), " ")
		return status(func() int {
			cfg := bench.Config{
				Corpus:   corpus,
				Limit:    *limit,
				Articles: *articles,
				Seed:     *seed,
				Dir:      *dir,
				Shards:   *shards,
				Clients:  mf.clients,
				Duration: mf.duration,
				Append:   *appendN,
				Command:  command,
				Log:      env.Logger,
			}
			if *systems != "" {
				cfg.Systems = strings.Split(*systems, ",")
			}
			if err := mf.check(); err != nil {
				fmt.Fprintf(env.Stderr, "fahras bench compare: %v\n", err)
				return 2
			}
			if cfg.Append == 0 {
				cfg.Append = -1
			}
			var err error
			if cfg.MemoryBudget, err = parseBytes(*memory); err != nil {
				fmt.Fprintf(env.Stderr, "fahras bench compare: --memory: %v\n", err)
				return 2
			}
			stop, err := cpuProfile(mf.cpuProfile)
			if err != nil {
				fmt.Fprintf(env.Stderr, "fahras bench compare: %v\n", err)
				return 1
			}
			defer stop()
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
			if *jsonOut != "" {
				if err := writeFile(*jsonOut, report.WriteJSON); err != nil {
					fmt.Fprintf(env.Stderr, "fahras bench compare: --json: %v\n", err)
					return 1
				}
			}
			return 0
		}())
	}
	return cmd
}

// writeFile creates path and writes it with write, reporting the error of
// closing it too.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
