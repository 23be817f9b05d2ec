package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/index/readers"
	"github.com/fahras/fahras/search"
	"github.com/fahras/fahras/watch"
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

// inputFlags are the flags of the commands that read articles.
type inputFlags struct {
	format    string
	gazetteer string
	now       string
}

func (f *inputFlags) register(cmd *cobra.Command) {
	fs := cmd.Flags()
	fs.StringVar(&f.format, "format", "auto", "input format: auto, text, jsonl or sgml")
	gazetteerFlag(cmd, &f.gazetteer)
	fs.StringVar(&f.now, "now", "", "reference time for relative dates (RFC 3339 or YYYY-MM-DD; default: now)")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion("auto", "text", "jsonl", "sgml"))
}

// parse checks the format and the reference time and loads the gazetteer.
func (f *inputFlags) parse() (readers.Format, time.Time, *places.Gazetteer, error) {
	format, err := readers.ParseFormat(f.format)
	if err != nil {
		return "", time.Time{}, nil, misused("--format: %v", err)
	}
	var now time.Time
	if f.now != "" {
		if now, err = search.ParseDate(f.now, false); err != nil {
			return "", time.Time{}, nil, misused("--now: %v", err)
		}
	}
	g, err := loadGazetteer(f.gazetteer)
	if err != nil {
		return "", time.Time{}, nil, failed(err)
	}
	return format, now, g, nil
}

// gazetteerFlag registers --gazetteer, the GeoNames file that enlarges
// the embedded gazetteer.
func gazetteerFlag(cmd *cobra.Command, dst *string) {
	cmd.Flags().StringVar(dst, "gazetteer", "", "GeoNames cities file to add to the gazetteer")
	_ = cmd.MarkFlagFilename("gazetteer", "txt")
}

// indexFlag registers --index, the index directory.
func indexFlag(cmd *cobra.Command, dst *string, def, usage string) {
	cmd.Flags().StringVar(dst, "index", def, usage)
	_ = cmd.MarkFlagDirname("index")
}

// fixedCompletion completes a flag from a fixed list of values.
func fixedCompletion(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

func indexCommand(env *Env) *cobra.Command {
	var in inputFlags
	var dir, profile, memory string
	var workers, shards, batch int
	var quiet, rebuild bool
	cmd := &cobra.Command{
		Use:   "index [flags] PATH...",
		Short: "index articles from files, directories or standard input",
		Long: "Indexes articles from files, directories (recursively) or - (standard input).\n" +
			"Indexing the same input twice changes nothing: articles keep stable IDs.\n" +
			"With --rebuild (and no PATH), re-indexes the articles the index stores into\n" +
			"this build's layout, keeping the old index beside it.",
		Args: func(cmd *cobra.Command, paths []string) error {
			if rebuild {
				return args(0, 0, "PATH with --rebuild")(cmd, paths)
			}
			return args(1, -1, "a PATH to index (a file, a directory or -)")(cmd, paths)
		},
	}
	indexFlag(cmd, &dir, defaultIndexDir, "index directory (created if missing)")
	in.register(cmd)
	fs := cmd.Flags()
	fs.IntVar(&workers, "workers", 0, "enrichment workers (0: one per CPU)")
	fs.IntVar(&shards, "shards", 0, "shards of a new index (0: one per CPU)")
	fs.IntVar(&batch, "batch", 1000, "documents per batch and shard")
	fs.BoolVar(&quiet, "quiet", false, "no progress bar")
	fs.StringVar(&profile, "cpuprofile", "", "write a CPU profile of the run to this file")
	fs.BoolVar(&rebuild, "rebuild", false, "re-index the articles stored in --index into this build's layout (no PATH)")
	fs.StringVar(&memory, "memory", "1.5GiB", "memory budget of the load (e.g. 1GiB, 2GB): bounds merged segments and the Go heap")
	cmd.RunE = func(cmd *cobra.Command, paths []string) error {
		ctx := cmd.Context()
		if err := checkPaths(paths); err != nil {
			return err
		}
		budget, err := parseBytes(memory)
		if err != nil {
			return misused("--memory: %v", err)
		}
		format, now, g, err := in.parse()
		if err != nil {
			return err
		}
		// The Go heap's share of the budget; bleve's merges are kept
		// within a third of it (index.Options.MemoryBudget).
		debug.SetMemoryLimit(index.GoMemoryLimit(budget))
		if rebuild {
			return rebuildIndex(ctx, env, dir, index.Options{ProtectedWords: g.Names(), MemoryBudget: budget}, index.NewEnricher(g, nil), now)
		}
		ix, created, err := index.OpenOrCreate(dir, index.Options{Shards: shards, ProtectedWords: g.Names(), MemoryBudget: budget})
		if err != nil {
			return failed(err)
		}
		defer ix.Close()
		if created {
			env.Logger.Info("created index", "dir", dir, "shards", ix.Shards())
		}
		// Saved searches see these articles too; their webhooks are
		// called by the server.
		watches, err := openWatches(ctx, env, ix, g, watch.Options{Hold: true}, true)
		if err != nil {
			return failed(err)
		}
		if watches != nil {
			defer watches.Close() // before the index closes
		}
		var bar *progress
		if env.StderrIsTerminal && !quiet {
			bar = newProgress(env.Stderr, paths)
		}
		var errMu sync.Mutex
		opts := index.IngestOptions{
			Workers:   workers,
			BatchDocs: batch,
			Now:       now,
			OnError: func(origin string, err error) {
				errMu.Lock()
				defer errMu.Unlock()
				bar.clear()
				fmt.Fprintf(env.Stderr, "skipped %s: %v\n", origin, err)
			},
			Progress: bar.written,
		}
		stopProfile, err := cpuProfile(profile)
		if err != nil {
			return failed(err)
		}
		defer stopProfile()
		src := pathsSource(paths, env.Stdin, readers.Options{Format: format, OnRead: bar.read})
		sum, err := ix.Ingest(ctx, src, index.NewEnricher(g, nil), opts)
		bar.finish()
		fmt.Fprintf(env.Stdout, "indexed %d (created %d, updated %d, unchanged %d), duplicates %d, failed %d, read %d, %.1f MB in %s, %.0f docs/s\n",
			sum.Indexed(), sum.Created, sum.Updated, sum.Unchanged, sum.Duplicates, sum.Failed, sum.Read,
			float64(sum.Bytes)/1e6, sum.Elapsed.Round(time.Millisecond), sum.DocsPerSecond())
		if err != nil {
			return failed(err)
		}
		if sum.Indexed() == 0 {
			return failed(errors.New("nothing could be read"))
		}
		return nil
	}
	return cmd
}

// rebuildIndex re-indexes the articles an index stores into this build's
// layout.
func rebuildIndex(ctx context.Context, env *Env, dir string, opts index.Options, enricher *index.Enricher, now time.Time) error {
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
		return failed(err)
	}
	fmt.Fprintf(env.Stdout, "rebuilt %s: %d articles (failed %d) in %s, %.0f docs/s; the old index is in %s (remove it once the new one serves)\n",
		dir, sum.Indexed(), sum.Failed, sum.Elapsed.Round(time.Millisecond), sum.DocsPerSecond(), old)
	return nil
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

// checkPaths refuses, before any work, input paths that cannot be read.
func checkPaths(paths []string) error {
	for _, p := range paths {
		if p == "-" {
			continue
		}
		if _, err := os.Stat(p); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return misused("%s: no such file or directory", p)
			}
			return misused("%s: cannot be read (%v)", p, errors.Unwrap(err))
		}
	}
	return nil
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

func extractCommand(env *Env) *cobra.Command {
	var in inputFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "extract [flags] PATH...",
		Short: "read articles and show their dates and places, without indexing",
		Args:  args(1, -1, "a PATH to read (a file, a directory or -)"),
	}
	in.register(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object per line")
	cmd.RunE = func(cmd *cobra.Command, paths []string) error {
		if err := checkPaths(paths); err != nil {
			return err
		}
		format, now, g, err := in.parse()
		if err != nil {
			return err
		}
		present := time.Now()
		enricher := index.NewEnricher(g, nil)
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		read, skipped := 0, 0
		err = pathsSource(paths, env.Stdin, readers.Options{Format: format})(cmd.Context(), func(r readers.Record) error {
			if r.Err != nil {
				skipped++
				fmt.Fprintf(env.Stderr, "skipped %s: %v\n", r.Origin, r.Err)
				return nil
			}
			read++
			a := r.Article
			enricher.Enrich(&a, index.ReferenceTime(now, r.ModTime, present))
			if asJSON {
				return enc.Encode(a.View())
			}
			printArticle(env.Stdout, a, env.StdoutIsTerminal)
			return nil
		})
		if err != nil && !errors.Is(err, context.Canceled) {
			return failed(err)
		}
		if read == 0 {
			return failed(fmt.Errorf("nothing could be read (%d skipped)", skipped))
		}
		return nil
	}
	return cmd
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
