package bench

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/index/readers"
	"github.com/fahras/fahras/search"
)

// System names accepted by Config.Systems.
const (
	SystemFahras   = "fahras"
	SystemBleve    = "bleve"
	SystemPostgres = "postgres"
)

// Config configures a comparison run.
type Config struct {
	// Corpus lists the files or directories of the base corpus; Limit
	// caps how many base articles are read (0: all).
	Corpus []string
	Limit  int
	// Articles is how many articles to derive from the base corpus with
	// a Scaler; 0 indexes the base corpus itself.
	Articles int
	Seed     int64
	// Dir holds the indexes and the PostgreSQL cluster (default: a new
	// temporary directory, removed at the end).
	Dir string
	// Systems to measure, in order (default: fahras, bleve, postgres).
	Systems []string
	// Shards of the fahras index (0: one per CPU).
	Shards int
	// MemoryBudget is the fahras load's memory budget, as fahras index
	// --memory sets it (0: index.DefaultMemoryBudget).
	MemoryBudget int64
	// Clients are the concurrencies (default 1, 8, 32); Duration is how
	// long each query kind runs at each concurrency (default 3 s).
	Clients  []int
	Duration time.Duration
	// Append is how many new articles are added to the fahras index once
	// it is measured, while one client asks the query mix (default
	// 10,000; negative: none).
	Append int
	// Command is the command line, for the report.
	Command string
	// Log receives progress (default: discarded).
	Log *slog.Logger
}

// Run indexes the same articles with each system, one after another,
// measures the query mix on each, and returns the report. A system that
// cannot run here (PostgreSQL not installed) is reported as skipped.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if len(cfg.Systems) == 0 {
		cfg.Systems = []string{SystemFahras, SystemBleve, SystemPostgres}
	}
	if len(cfg.Clients) == 0 {
		cfg.Clients = []int{1, 8, 32}
	}
	if cfg.Duration <= 0 {
		cfg.Duration = 3 * time.Second
	}
	dir := cfg.Dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "fahras-bench-")
		if err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	g, err := places.Default()
	if err != nil {
		return nil, fmt.Errorf("bench: gazetteer: %w", err)
	}
	base, _, err := LoadCorpus(ctx, cfg.Corpus, cfg.Limit)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	cfg.Log.Info("base corpus read", "articles", len(base))
	scaler, err := NewScaler(ctx, base, g)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	base = nil
	articles := scaler.Base()
	n := scaler.Len()
	if cfg.Articles > 0 {
		articles, n = scaler.Seq(cfg.Articles, cfg.Seed), cfg.Articles
	}

	// One unmeasured pass: the text size and the newest date (for the
	// date filter), and the cost of deriving the articles.
	gen := startClock()
	var text int64
	var last time.Time
	for a := range articles {
		text += TextBytes(a)
		if a.Published.After(last) {
			last = a.Published
		}
	}
	var genStats IndexStats
	gen.stop(&genStats)
	mix := Mix(last)

	r := &Report{
		Machine:    ThisMachine(),
		Command:    cfg.Command,
		Date:       time.Now().UTC(),
		Corpus:     strings.Join(cfg.Corpus, ", "),
		Articles:   int64(n),
		TextBytes:  text,
		Seed:       cfg.Seed,
		Scaled:     cfg.Articles > 0,
		Generation: genStats.Elapsed,
		Duration:   cfg.Duration,
		Clients:    cfg.Clients,
		Mix:        mix,
	}
	for _, name := range cfg.Systems {
		cfg.Log.Info("measuring", "system", name)
		var sr SystemReport
		var err error
		switch name {
		case SystemFahras:
			sr, err = runFahras(ctx, filepath.Join(dir, "fahras"), cfg, g, text, articles, scaler, mix)
		case SystemBleve:
			sr, err = runBleve(ctx, filepath.Join(dir, "bleve"), cfg, articles, mix)
		case SystemPostgres:
			sr, err = runPostgres(ctx, dir, cfg, articles, mix)
		default:
			return nil, fmt.Errorf("bench: unknown system %q (want %s, %s or %s)", name, SystemFahras, SystemBleve, SystemPostgres)
		}
		if errors.Is(err, ErrNoPostgres) {
			cfg.Log.Warn("skipping PostgreSQL", "reason", err)
			sr.Skipped = err.Error()
			err = nil
		}
		if err != nil {
			return r, fmt.Errorf("bench: %s: %w", name, err)
		}
		r.Systems = append(r.Systems, sr)
		cfg.Log.Info("measured", "system", sr.Name, "docs_per_s", sr.Index.DocsPerSecond())
	}
	return r, nil
}

// Base yields the enriched base articles themselves (original IDs and
// dates).
func (s *Scaler) Base() iter.Seq[article.Article] {
	return func(yield func(article.Article) bool) {
		for _, a := range s.base {
			a.Dateline, a.Places = nil, nil
			if !yield(a) {
				return
			}
		}
	}
}

// Len is the number of base articles.
func (s *Scaler) Len() int { return len(s.base) }

func sourceOf(articles iter.Seq[article.Article]) index.Source {
	return func(ctx context.Context, emit func(readers.Record) error) error {
		for a := range articles {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := emit(readers.Record{Article: a, Origin: a.Origin}); err != nil {
				return err
			}
		}
		return nil
	}
}

func runFahras(ctx context.Context, dir string, cfg Config, g *places.Gazetteer, text int64, articles iter.Seq[article.Article], scaler *Scaler, mix []Query) (SystemReport, error) {
	sr := SystemReport{Name: "fahras"}
	budget := cfg.MemoryBudget
	if budget <= 0 {
		budget = index.DefaultMemoryBudget
	}
	ix, err := index.Create(dir, index.Options{Shards: cfg.Shards, ProtectedWords: g.Names(), MemoryBudget: budget})
	if err != nil {
		return sr, err
	}
	enricher := index.NewEnricher(g, nil)
	// The Go heap limit fahras index sets by default, above what this
	// process holds already (the base corpus the articles come from).
	var held runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&held)
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(index.GoMemoryLimit(budget) + int64(held.HeapAlloc)))
	clock := startClock()
	sum, err := ix.Ingest(ctx, sourceOf(articles), enricher, index.IngestOptions{})
	if err != nil {
		ix.Close()
		return sr, err
	}
	clock.stop(&sr.Index)
	settle := time.Now()
	if err := ix.WaitMerged(ctx, 100*time.Millisecond); err != nil {
		ix.Close()
		return sr, err
	}
	sr.Settle = time.Since(settle)
	sr.Index.Docs = sum.Indexed()
	sr.Index.Bytes = text
	if sr.Index.SizeBytes, err = ix.SizeBytes(); err != nil {
		ix.Close()
		return sr, err
	}
	eng, err := search.New(ix, g)
	if err != nil {
		ix.Close()
		return sr, err
	}
	// A server mines the spellings of names once it has started; the
	// queries are measured as it then answers them.
	mining := time.Now()
	if _, err := eng.Variants(ctx); err != nil {
		ix.Close()
		return sr, err
	}
	cfg.Log.Info("spellings mined", "system", sr.Name, "seconds", time.Since(mining).Seconds())
	sr.Queries, err = Measure(ctx, Fahras{Engine: eng}, mix, cfg.Clients, cfg.Duration)
	if err == nil && cfg.Append >= 0 {
		n := cfg.Append
		if n == 0 {
			n = 10000
		}
		cfg.Log.Info("appending", "system", sr.Name, "articles", n)
		sr.Append, err = appendWhileQuerying(ctx, ix, enricher, scaler, n, cfg.Seed+1, Fahras{Engine: eng}, mix)
	}
	ix.Close()
	if err != nil {
		return sr, err
	}
	start := time.Now()
	ix, err = index.Open(dir)
	if err != nil {
		return sr, err
	}
	defer ix.Close()
	if eng, err = search.New(ix, g); err != nil {
		return sr, err
	}
	sr.Open = time.Since(start)
	if _, err := eng.Search(ctx, mix[firstQuery].Request()); err != nil {
		return sr, err
	}
	sr.FirstQuery = time.Since(start) - sr.Open
	return sr, nil
}

// firstQuery is the query of the mix timed right after opening an index.
const firstQuery = 2 // facets

func runBleve(ctx context.Context, dir string, cfg Config, articles iter.Seq[article.Article], mix []Query) (SystemReport, error) {
	sr := SystemReport{Name: "bleve-ar"}
	b, stats, err := IndexBleve(ctx, dir, articles)
	if err != nil {
		return sr, err
	}
	sr.Index = stats
	settle := time.Now()
	if err := index.WaitMerged(ctx, 100*time.Millisecond, b.Index); err != nil {
		b.Close()
		return sr, err
	}
	sr.Settle = time.Since(settle)
	sr.Index.SizeBytes = DirSize(dir)
	sr.Queries, err = Measure(ctx, b, mix, cfg.Clients, cfg.Duration)
	b.Close()
	if err != nil {
		return sr, err
	}
	start := time.Now()
	ix, err := bleve.Open(dir)
	if err != nil {
		return sr, err
	}
	defer ix.Close()
	sr.Open = time.Since(start)
	reopened := &Bleve{Index: ix, FirstYear: b.FirstYear, LastYear: b.LastYear}
	if _, err := ix.SearchInContext(ctx, reopened.Request(mix[firstQuery])); err != nil {
		return sr, err
	}
	sr.FirstQuery = time.Since(start) - sr.Open
	return sr, nil
}

func runPostgres(ctx context.Context, dir string, cfg Config, articles iter.Seq[article.Article], mix []Query) (SystemReport, error) {
	sr := SystemReport{Name: "postgres-fts"}
	pg, err := StartPostgres(ctx, dir)
	if err != nil {
		return sr, err
	}
	defer pg.Stop()
	p, stats, err := LoadPostgres(ctx, pg, articles)
	if err != nil {
		return sr, err
	}
	sr.Index = stats
	sr.Queries, err = Measure(ctx, p, mix, cfg.Clients, cfg.Duration)
	p.Close()
	if err != nil {
		return sr, err
	}
	start := time.Now()
	if err := pg.Restart(ctx); err != nil {
		return sr, err
	}
	s, err := pg.session(ctx)
	if err != nil {
		return sr, err
	}
	defer s.close()
	sr.Open = time.Since(start)
	if _, err := s.exec(ctx, p.SQL(mix[firstQuery], nil)); err != nil {
		return sr, err
	}
	sr.FirstQuery = time.Since(start) - sr.Open
	return sr, nil
}
