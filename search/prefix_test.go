package search_test

import (
	"context"
	"io/fs"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/democorpus"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/index/readers"
	"github.com/fahras/fahras/search"
)

var (
	demoOnce   sync.Once
	demoEngine *search.Engine
	demoErr    error
)

// demo returns an engine over the embedded demo corpus, built once.
func demo(t *testing.T) *search.Engine {
	t.Helper()
	demoOnce.Do(func() {
		dir := filepath.Join(t.TempDir(), "demo")
		g, err := places.Default()
		if err != nil {
			demoErr = err
			return
		}
		ix, err := index.Create(dir, index.Options{Shards: 2, ProtectedWords: g.Names()})
		if err != nil {
			demoErr = err
			return
		}
		src := func(ctx context.Context, emit func(readers.Record) error) error {
			for _, name := range democorpus.Files() {
				if err := readDemoFile(ctx, democorpus.FS(), name, emit); err != nil {
					return err
				}
			}
			return nil
		}
		if _, err := ix.Ingest(context.Background(), src, index.NewEnricher(g, nil), index.IngestOptions{}); err != nil {
			demoErr = err
			return
		}
		if demoEngine, demoErr = search.New(ix, g); demoErr == nil {
			_, demoErr = demoEngine.Variants(context.Background())
		}
	})
	if demoErr != nil {
		t.Fatalf("demo index: %v", demoErr)
	}
	return demoEngine
}

func readDemoFile(ctx context.Context, fsys fs.FS, name string, emit func(readers.Record) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return readers.Read(ctx, f, name, readers.Options{}, emit)
}

func demoIDs(t *testing.T, q string) map[string]bool {
	t.Helper()
	res, err := demo(t).Search(context.Background(), search.Request{Query: q, Size: 100, NoFacets: true, Now: time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	out := map[string]bool{}
	for _, h := range res.Hits {
		out[h.ID] = true
	}
	return out
}

// A prefix query sees through clitics and the article: it finds every
// article that the whole word finds, whatever is glued to its front.
func TestPrefixThroughClitics(t *testing.T) {
	tests := []struct{ prefix, word string }{
		{"نفط*", "النفط"},
		{"نفط*", "نفط"},
		{"النف*", "النفط"},
		{"حكوم*", "الحكومة"},
		{"انتخاب*", "الانتخابات"},
		{"title:نفط*", "title:النفط"},
	}
	for _, tc := range tests {
		t.Run(tc.prefix+" "+tc.word, func(t *testing.T) {
			byPrefix, byWord := demoIDs(t, tc.prefix), demoIDs(t, tc.word)
			if len(byWord) == 0 {
				t.Fatalf("%q finds nothing in the demo corpus", tc.word)
			}
			for id := range byWord {
				if !byPrefix[id] {
					t.Errorf("%q finds %s, %q does not (%d against %d hits)", tc.word, id, tc.prefix, len(byPrefix), len(byWord))
				}
			}
		})
	}
}
