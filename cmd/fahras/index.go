package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/index/readers"
)

// defaultIndexDir is where commands keep the index unless told otherwise.
const defaultIndexDir = "./fahras-data"

// loadGazetteer returns the embedded gazetteer, enlarged with a GeoNames
// cities file when one is given.
func loadGazetteer(geonamesFile string) (*places.Gazetteer, error) {
	g, err := places.Default()
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	if geonamesFile == "" {
		return g, nil
	}
	f, err := os.Open(geonamesFile)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	defer f.Close()
	if _, err := g.LoadGeoNames(f); err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", geonamesFile, err)
	}
	return g, nil
}

// parseNow reads the --now flag: RFC 3339 or YYYY-MM-DD; empty is the
// present.
func parseNow(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--now %q: want RFC 3339 or YYYY-MM-DD", s)
	}
	return t, nil
}

func runIndex(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	dir := fs.String("index", defaultIndexDir, "index directory (created if missing)")
	format := fs.String("format", "auto", "input format: auto, text, jsonl or sgml")
	workers := fs.Int("workers", 0, "enrichment workers (0: one per CPU)")
	shards := fs.Int("shards", 0, "shards of a new index (0: one per CPU)")
	batch := fs.Int("batch", 1000, "documents per batch and shard")
	gazetteerFile := fs.String("gazetteer", "", "GeoNames cities file to add to the gazetteer (new index only)")
	nowFlag := fs.String("now", "", "reference time for relative dates (RFC 3339 or YYYY-MM-DD; default: now)")
	quiet := fs.Bool("quiet", false, "no progress bar")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	rebuild := fs.Bool("rebuild", false, "re-index the articles stored in --index into this build's layout (no PATH)")
	memory := fs.String("memory", "1.5GiB", "memory budget of the load (e.g. 1GiB, 2GB): bounds merged segments and the Go heap")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: fahras index [flags] PATH...   (PATH may be a file, a directory or -)\n       fahras index --rebuild [--index DIR]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if (fs.NArg() == 0) != *rebuild {
		fs.Usage()
		return 2
	}
	budget, err := parseBytes(*memory)
	if err != nil {
		fmt.Fprintf(env.Stderr, "fahras index: --memory: %v\n", err)
		return 2
	}
	// The Go heap's share of the budget; bleve's merges are kept within
	// a third of it (index.Options.MemoryBudget).
	debug.SetMemoryLimit(index.GoMemoryLimit(budget))
	f, err := readers.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(env.Stderr, "fahras index: %v\n", err)
		return 2
	}
	now, err := parseNow(*nowFlag)
	if err != nil {
		fmt.Fprintf(env.Stderr, "fahras index: %v\n", err)
		return 2
	}
	g, err := loadGazetteer(*gazetteerFile)
	if err != nil {
		fmt.Fprintf(env.Stderr, "fahras index: %v\n", err)
		return 1
	}
	if *rebuild {
		return rebuildIndex(ctx, env, *dir, index.Options{ProtectedWords: g.Names(), MemoryBudget: budget}, index.NewEnricher(g, nil), now)
	}
	ix, created, err := index.OpenOrCreate(*dir, index.Options{Shards: *shards, ProtectedWords: g.Names(), MemoryBudget: budget})
	if err != nil {
		fmt.Fprintf(env.Stderr, "fahras index: %v\n", err)
		return 1
	}
	defer ix.Close()
	if created {
		env.Logger.Info("created index", "dir", *dir, "shards", ix.Shards())
	}

	var bar *progressbar.ProgressBar
	if env.StderrIsTerminal && !*quiet {
		bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(env.Stderr),
			progressbar.OptionSetDescription("indexing"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	var errMu sync.Mutex
	opts := index.IngestOptions{
		Workers:   *workers,
		BatchDocs: *batch,
		Now:       now,
		OnError: func(origin string, err error) {
			errMu.Lock()
			defer errMu.Unlock()
			if bar != nil {
				bar.Clear()
			}
			fmt.Fprintf(env.Stderr, "skipped %s: %v\n", origin, err)
		},
		Progress: func(p index.Progress) {
			if bar != nil {
				bar.Set64(p.Written)
			}
		},
	}
	if *cpuProfile != "" {
		pf, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintf(env.Stderr, "fahras index: %v\n", err)
			return 1
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			fmt.Fprintf(env.Stderr, "fahras index: %v\n", err)
			return 1
		}
		defer pprof.StopCPUProfile()
	}
	src := pathsSource(fs.Args(), env.Stdin, readers.Options{Format: f})
	sum, err := ix.Ingest(ctx, src, index.NewEnricher(g, nil), opts)
	if bar != nil {
		bar.Finish()
	}
	fmt.Fprintf(env.Stdout, "indexed %d (created %d, updated %d, unchanged %d), duplicates %d, failed %d, read %d, %.1f MB in %s, %.0f docs/s\n",
		sum.Indexed(), sum.Created, sum.Updated, sum.Unchanged, sum.Duplicates, sum.Failed, sum.Read,
		float64(sum.Bytes)/1e6, sum.Elapsed.Round(time.Millisecond), sum.DocsPerSecond())
	if err != nil {
		fmt.Fprintf(env.Stderr, "fahras index: %v\n", err)
		return 1
	}
	if sum.Indexed() == 0 {
		fmt.Fprintln(env.Stderr, "fahras index: nothing could be read")
		return 1
	}
	return 0
}

// rebuildIndex re-indexes the articles an index stores into this build's
// layout.
func rebuildIndex(ctx context.Context, env *Env, dir string, opts index.Options, enricher *index.Enricher, now time.Time) int {
	var errMu sync.Mutex
	ingest := index.IngestOptions{
		Now: now,
		OnError: func(origin string, err error) {
			errMu.Lock()
			defer errMu.Unlock()
			fmt.Fprintf(env.Stderr, "skipped %s: %v\n", origin, err)
		},
	}
	sum, old, err := index.Rebuild(ctx, dir, opts, enricher, ingest)
	if err != nil {
		fmt.Fprintf(env.Stderr, "fahras index: %v\n", err)
		return 1
	}
	fmt.Fprintf(env.Stdout, "rebuilt %s: %d articles (failed %d) in %s, %.0f docs/s; the old index is in %s (remove it once the new one serves)\n",
		dir, sum.Indexed(), sum.Failed, sum.Elapsed.Round(time.Millisecond), sum.DocsPerSecond(), old)
	return 0
}

// parseBytes reads a size such as 1GiB, 512MiB, 1500MB or 1073741824.
func parseBytes(s string) (int64, error) {
	units := []struct {
		suffix string
		factor int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1}}
	num, factor := strings.TrimSpace(s), int64(1)
	for _, u := range units {
		if strings.HasSuffix(strings.ToUpper(num), strings.ToUpper(u.suffix)) {
			num, factor = strings.TrimSpace(num[:len(num)-len(u.suffix)]), u.factor
			break
		}
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v <= 0 || v*float64(factor) > 1<<50 {
		return 0, fmt.Errorf("%q is not a size such as 1GiB or 512MiB", s)
	}
	if n := int64(v * float64(factor)); n >= 64<<20 {
		return n, nil
	}
	return 0, fmt.Errorf("%q is below the smallest budget, 64MiB", s)
}

// pathsSource reads every path in turn.
func pathsSource(paths []string, stdin io.Reader, opts readers.Options) index.Source {
	return func(ctx context.Context, emit func(readers.Record) error) error {
		for _, p := range paths {
			if err := readers.ReadPath(ctx, p, stdin, opts, emit); err != nil {
				return err
			}
		}
		return nil
	}
}

func runExtract(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	format := fs.String("format", "auto", "input format: auto, text, jsonl or sgml")
	asJSON := fs.Bool("json", false, "print one JSON object per line")
	gazetteerFile := fs.String("gazetteer", "", "GeoNames cities file to add to the gazetteer")
	nowFlag := fs.String("now", "", "reference time for relative dates (RFC 3339 or YYYY-MM-DD; default: now)")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: fahras extract [flags] PATH...   (PATH may be a file, a directory or -)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	f, err := readers.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(env.Stderr, "fahras extract: %v\n", err)
		return 2
	}
	now, err := parseNow(*nowFlag)
	if err != nil {
		fmt.Fprintf(env.Stderr, "fahras extract: %v\n", err)
		return 2
	}
	present := time.Now()
	g, err := loadGazetteer(*gazetteerFile)
	if err != nil {
		fmt.Fprintf(env.Stderr, "fahras extract: %v\n", err)
		return 1
	}
	enricher := index.NewEnricher(g, nil)
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	read, failed := 0, 0
	err = pathsSource(fs.Args(), env.Stdin, readers.Options{Format: f})(ctx, func(r readers.Record) error {
		if r.Err != nil {
			failed++
			fmt.Fprintf(env.Stderr, "skipped %s: %v\n", r.Origin, r.Err)
			return nil
		}
		read++
		a := r.Article
		enricher.Enrich(&a, index.ReferenceTime(now, r.ModTime, present))
		if *asJSON {
			return enc.Encode(a.View())
		}
		printArticle(env.Stdout, a, env.StdoutIsTerminal)
		return nil
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintf(env.Stderr, "fahras extract: %v\n", err)
		return 1
	}
	if read == 0 {
		fmt.Fprintf(env.Stderr, "fahras extract: nothing could be read (%d failed)\n", failed)
		return 1
	}
	return 0
}

// printArticle prints an article for a reader at a terminal.
func printArticle(w io.Writer, a article.Article, terminal bool) {
	iso := func(s string) string { return isolate(s, terminal) }
	fmt.Fprintf(w, "── %s\n", a.ID)
	fmt.Fprintf(w, "title:     %s\n", iso(a.Title))
	if !a.Published.IsZero() {
		fmt.Fprintf(w, "published: %s  (%s, from %s)\n", a.Published.Format(time.RFC3339), iso(a.PublishedText), a.PublishedFrom)
	} else {
		fmt.Fprintln(w, "published: unknown")
	}
	fmt.Fprintf(w, "source:    %s   category: %s   author: %s\n", iso(a.Source), iso(a.Category), iso(a.Author))
	if a.Dateline != nil {
		fmt.Fprintf(w, "dateline:  %s (%s)\n", iso(a.Dateline.Name), a.Dateline.Country)
	}
	if len(a.Places) > 0 {
		names := make([]string, 0, len(a.Places))
		for _, p := range a.Places {
			names = append(names, fmt.Sprintf("%s ×%d", iso(p.Name), p.Count))
		}
		fmt.Fprintf(w, "places:    %s\n", strings.Join(names, "، "))
	}
	fmt.Fprintf(w, "body:      %s\n\n", iso(firstRunes(a.Body, 160)))
}

func firstRunes(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}

// isolate wraps text in Unicode first-strong isolates so that Arabic and
// Latin runs display in their own direction inside a terminal line.
func isolate(s string, terminal bool) string {
	if !terminal || s == "" {
		return s
	}
	return "\u2068" + s + "\u2069"
}
