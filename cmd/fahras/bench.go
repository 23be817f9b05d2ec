package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/spf13/cobra"

	"github.com/fahras/fahras/analyzers"
	"github.com/fahras/fahras/bench"
	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/index/readers"
)

// benchCommand groups the measurements of fahras against its anchors.
func benchCommand(env *Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "measure indexing and queries against bleve and PostgreSQL",
		Long: "bench index indexes a corpus with bleve's default mapping and its own Arabic analyzer,\n" +
			"then with fahras; bench compare adds queries and PostgreSQL; bench queries runs the\n" +
			"query mix against an existing index; bench chart draws p50 latency against corpus\n" +
			"size from the JSON reports of several compare runs.",
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(benchIndexCommand(env), benchCompareCommand(env), benchQueriesCommand(env), benchChartCommand(env))
	return cmd
}

// benchIndexCommand measures fahras against its anchor on the same
// corpus, in one run, so that the numbers are comparable on a shared,
// noisy machine.
func benchIndexCommand(env *Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "index [flags] CORPUS...",
		Short: "index a corpus with bleve's own Arabic analyzer and with fahras, side by side",
		Long: "Indexes the corpus with bleve's default mapping and its own Arabic analyzer, then with\n" +
			"fahras, and prints documents/s, MB/s and index size side by side.",
		Args: args(1, -1, "a CORPUS file"),
	}
	fs := cmd.Flags()
	limit := fs.Int("limit", 0, "use at most this many articles (0: all)")
	work := fs.String("dir", "", "directory for the indexes (default: a temporary directory, removed after)")
	rounds := fs.Int("rounds", 1, "repeat each measurement this many times, alternating systems")
	only := fs.String("only", "", "measure only this system: bleve or fahras (default: both)")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the measured runs to this file")
	memProfile := fs.String("memprofile", "", "write an allocation profile of the measured runs to this file")
	cmd.RunE = func(cmd *cobra.Command, corpus []string) error {
		return status(runBenchIndex(cmd.Context(), env, corpus, *limit, *work, *rounds, *only, *profile, *memProfile))
	}
	return cmd
}

func runBenchIndex(ctx context.Context, env *Env, corpus []string, limit int, work string, rounds int, only, profile, memProfile string) int {
	articles, _, err := bench.LoadCorpus(ctx, corpus, limit)
	if err != nil {
		fmt.Fprintf(env.Stderr, "fahras bench: %v\n", err)
		return 1
	}
	// The text measured here includes summaries, as bleve's anchor
	// indexes them too.
	var bytes int64
	for _, a := range articles {
		bytes += int64(len(a.Title) + len(a.Body) + len(a.Summary))
	}
	dir := work
	if dir == "" {
		dir, err = os.MkdirTemp("", "fahras-bench-")
		if err != nil {
			fmt.Fprintf(env.Stderr, "fahras bench: %v\n", err)
			return 1
		}
		defer os.RemoveAll(dir)
	}
	g, err := loadGazetteer("")
	if err != nil {
		fmt.Fprintf(env.Stderr, "fahras bench: %v\n", err)
		return 1
	}
	if only != "" && only != "bleve" && only != "fahras" {
		fmt.Fprintf(env.Stderr, "fahras bench: --only %q: want bleve or fahras\n", only)
		return 2
	}
	stopProfile, err := cpuProfile(profile)
	if err != nil {
		fmt.Fprintf(env.Stderr, "fahras bench: %v\n", err)
		return 1
	}
	defer stopProfile()
	if memProfile != "" {
		runtime.MemProfileRate = 64 << 10
		defer func() {
			if f, err := os.Create(memProfile); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	fmt.Fprintf(env.Stdout, "corpus: %d articles, %.1f MB of text; %d CPUs, %s\n\n", len(articles), float64(bytes)/1e6, runtime.NumCPU(), runtime.Version())
	fmt.Fprintf(env.Stdout, "| system | round | docs/s | MB/s | CPU seconds | docs per CPU second | index size / text |\n|---|---|---|---|---|---|---|\n")
	for r := 1; r <= rounds; r++ {
		for _, system := range []string{"bleve ar (default mapping)", "fahras"} {
			if only != "" && !strings.HasPrefix(system, only) {
				continue
			}
			path := filepath.Join(dir, fmt.Sprintf("r%d-%d", r, len(system)))
			start := time.Now()
			cpuStart := bench.CPUTime()
			switch system {
			case "fahras":
				err = benchFahras(ctx, path, articles, g)
			default:
				err = benchBleveAr(path, articles)
			}
			if err != nil {
				fmt.Fprintf(env.Stderr, "fahras bench: %s: %v\n", system, err)
				return 1
			}
			elapsed := time.Since(start)
			cpu := bench.CPUTime() - cpuStart
			size := bench.DirSize(path)
			fmt.Fprintf(env.Stdout, "| %s | %d | %.0f | %.2f | %.1f | %.0f | %.2f |\n", system, r,
				float64(len(articles))/elapsed.Seconds(), float64(bytes)/1e6/elapsed.Seconds(),
				cpu.Seconds(), float64(len(articles))/cpu.Seconds(), float64(size)/float64(bytes))
			os.RemoveAll(path)
		}
	}
	return 0
}

// benchBleveAr indexes with bleve's default mapping and bleve's own Arabic
// analyzer, in batches of 1,000: the baseline a bleve user starts from.
func benchBleveAr(path string, articles []article.Article) error {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = analyzers.NameBleveArabic
	ix, err := bleve.New(path, m)
	if err != nil {
		return err
	}
	defer ix.Close()
	batch := ix.NewBatch()
	for i := range articles {
		a := &articles[i]
		doc := map[string]interface{}{"title": a.Title, "body": a.Body, "summary": a.Summary, "source": a.Source, "category": a.Category, "published": a.PublishedText}
		if err := batch.Index(a.ID, doc); err != nil {
			return err
		}
		if batch.Size() >= 1000 {
			if err := ix.Batch(batch); err != nil {
				return err
			}
			batch = ix.NewBatch()
		}
	}
	return ix.Batch(batch)
}

func benchFahras(ctx context.Context, path string, articles []article.Article, g *places.Gazetteer) error {
	ix, err := index.Create(path, index.Options{ProtectedWords: g.Names()})
	if err != nil {
		return err
	}
	defer ix.Close()
	src := func(ctx context.Context, emit func(readers.Record) error) error {
		for _, a := range articles {
			if err := emit(readers.Record{Article: a}); err != nil {
				return err
			}
		}
		return nil
	}
	_, err = ix.Ingest(ctx, src, index.NewEnricher(g, nil), index.IngestOptions{})
	return err
}
