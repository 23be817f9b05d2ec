package search_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/index/readers"
	"github.com/fahras/fahras/search"
)

// antCorpus is the news corpus the query benchmarks index, relative to this
// package's directory (the shared data sits beside the repository).
var antCorpus = filepath.Join("..", "..", "shared", "data", "news", "ant_v2_1_multisource.jsonl.gz")

var (
	antOnce   sync.Once
	antEngine *search.Engine
	antErr    error
)

// antIndex builds (once per benchmark binary) an index of the ANT corpus
// in a temporary directory; FAHRAS_BENCH_INDEX names a directory to keep
// it between runs.
func antIndex(b *testing.B) *search.Engine {
	b.Helper()
	path := antCorpus
	if _, err := os.Stat(path); err != nil {
		b.Skipf("the ANT corpus is not at %s: %v", path, err)
	}
	antOnce.Do(func() {
		g, err := places.Default()
		if err != nil {
			antErr = err
			return
		}
		dir := os.Getenv("FAHRAS_BENCH_INDEX")
		if dir == "" {
			dir = filepath.Join(os.TempDir(), "fahras-bench-ant")
			os.RemoveAll(dir)
		}
		ix, created, err := index.OpenOrCreate(dir, index.Options{ProtectedWords: g.Names()})
		if err != nil {
			antErr = err
			return
		}
		if created {
			src := func(ctx context.Context, emit func(readers.Record) error) error {
				return readers.ReadPath(ctx, path, nil, readers.Options{}, emit)
			}
			if _, err := ix.Ingest(context.Background(), src, index.NewEnricher(g, nil), index.IngestOptions{}); err != nil {
				antErr = err
				return
			}
		}
		if antEngine, antErr = search.New(ix, g); antErr == nil {
			_, antErr = antEngine.Variants(context.Background())
		}
	})
	if antErr != nil {
		b.Fatalf("ANT index: %v", antErr)
	}
	return antEngine
}

// BenchmarkQueries measures the query mix of the README's performance
// section over the 31.5k-article ANT corpus, and two queries spelling a
// name two outlets spell otherwise, reporting p50 and p99 latencies
// besides ns/op, without and with the expansion of words into their
// spellings mined from the index (variants=off, variants=on):
//
//	go test -run '^$' -bench Queries -benchtime 200x ./search/
func BenchmarkQueries(b *testing.B) {
	eng := antIndex(b)
	now := time.Date(2018, 11, 1, 0, 0, 0, 0, time.UTC)
	// The cursor of a deep page: the last hit of the 100th page of 10.
	deep, err := eng.Search(context.Background(), search.Request{Query: "الحكومة", Sort: search.SortNewest, Size: 100, Page: 10, NoFacets: true, NoHighlight: true, Now: now})
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		req  search.Request
	}{
		{"plain", search.Request{Query: "أسعار النفط", NoFacets: true}},
		{"plain+facets", search.Request{Query: "أسعار النفط"}},
		{"phrase", search.Request{Query: `"مجلس الأمن"`, NoFacets: true}},
		{"phrase+facets", search.Request{Query: `"مجلس الأمن"`}},
		{"filtered-by-date-newest", search.Request{Query: "الانتخابات", From: "2018-03-01", To: "2018-06-30", Sort: search.SortNewest, NoFacets: true}},
		{"place-filtered", search.Request{Query: "الحكومة", Countries: []string{"IQ"}, NoFacets: true}},
		{"match-all+facets", search.Request{}},
		{"deep-page-cursor", search.Request{Query: "الحكومة", Sort: search.SortNewest, SearchAfter: deep.SearchAfter, NoFacets: true}},
		{"name-spelling", search.Request{Query: "بوتن موسكو", NoFacets: true}},
		{"name-spelling+facets", search.Request{Query: "ترمب"}},
	}
	for _, variants := range []string{"off", "on"} {
		b.Run("variants="+variants, func(b *testing.B) {
			eng.SetVariants(variants == "on")
			defer eng.SetVariants(true)
			benchmarkCases(b, eng, cases, now)
		})
	}
	runtime.KeepAlive(eng)
}

func benchmarkCases(b *testing.B, eng *search.Engine, cases []struct {
	name string
	req  search.Request
}, now time.Time) {
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			req := c.req
			req.Now = now
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if _, err := eng.Search(context.Background(), req); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			b.StopTimer()
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}
