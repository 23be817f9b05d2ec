package watch_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/index/readers"
	"github.com/fahras/fahras/search"
	"github.com/fahras/fahras/watch"
)

// BenchmarkIndexing measures articles indexed per second into a new
// index without saved searches and with 10,000 of them, in one run:
//
//	go test -run '^$' -bench Indexing -benchtime 1x ./watch/
//
// The saved searches are made from the words of other ANT articles'
// titles: single words, two-word phrases, words with a source or a
// country filter, and a few prefixes.
func BenchmarkIndexing(b *testing.B) {
	if _, err := os.Stat(antCorpus); err != nil {
		b.Skipf("the ANT corpus is not at %s", antCorpus)
	}
	const load, pool = 10000, 3000
	recs := readANT(b, load+pool)
	articles, others := recs[:load], recs[load:]
	g, err := places.Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{0, 10000} {
		b.Run(fmt.Sprintf("watches=%d", n), func(b *testing.B) {
			var elapsed time.Duration
			matches := 0
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				dir := b.TempDir()
				ix, err := index.Create(filepath.Join(dir, "index"), index.Options{Shards: 2, ProtectedWords: g.Names()})
				if err != nil {
					b.Fatal(err)
				}
				eng, err := search.New(ix, g)
				if err != nil {
					b.Fatal(err)
				}
				var svc *watch.Service
				if n > 0 {
					if svc, err = watch.Open(context.Background(), filepath.Join(dir, "watches"), eng, watch.Options{Enricher: index.NewEnricher(g, nil)}); err != nil {
						b.Fatal(err)
					}
					saveWatches(b, svc, others, n)
					ix.SetObserver(svc)
				}
				src := func(ctx context.Context, emit func(readers.Record) error) error {
					for _, r := range articles {
						if err := emit(r); err != nil {
							return err
						}
					}
					return nil
				}
				b.StartTimer()
				start := time.Now()
				if _, err := ix.Ingest(context.Background(), src, index.NewEnricher(g, nil), index.IngestOptions{}); err != nil {
					b.Fatal(err)
				}
				if svc != nil {
					if err := svc.Flush(context.Background()); err != nil {
						b.Fatal(err)
					}
				}
				elapsed += time.Since(start)
				b.StopTimer()
				if svc != nil {
					for _, w := range svc.List("bench") {
						p, _ := svc.Matches("bench", w.ID, 0, 1)
						matches += p.Pending
					}
					svc.Close()
				}
				ix.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(load*b.N)/elapsed.Seconds(), "articles/s")
			b.ReportMetric(float64(matches)/float64(b.N), "matches/run")
		})
	}
}

func readANT(b *testing.B, n int) []readers.Record {
	var out []readers.Record
	errEnough := errors.New("enough")
	err := readers.ReadPath(context.Background(), antCorpus, nil, readers.Options{}, func(r readers.Record) error {
		if r.Err != nil {
			return nil
		}
		if len(out) == n {
			return errEnough
		}
		out = append(out, r)
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		b.Fatal(err)
	}
	return out
}

// saveWatches saves n searches made from the titles of the records.
func saveWatches(b *testing.B, svc *watch.Service, recs []readers.Record, n int) {
	rng := rand.New(rand.NewPCG(1, 2))
	countries := []string{"TN", "EG", "IQ", "SA", "MA", "LB", "SY", "PS", "JO", "DZ"}
	for saved, tries := 0, 0; saved < n; tries++ {
		if tries > 20*n {
			b.Fatalf("saved only %d watches", saved)
		}
		a := recs[rng.IntN(len(recs))].Article
		var words []string
		for _, w := range strings.Fields(a.Title) {
			if utf8.RuneCountInString(w) >= 4 && strings.IndexFunc(w, func(r rune) bool { return r < 0x600 || r > 0x6ff }) < 0 {
				words = append(words, w)
			}
		}
		if len(words) < 2 {
			continue
		}
		k := rng.IntN(len(words) - 1)
		req := search.Request{}
		switch saved % 10 {
		case 0, 1, 2, 3:
			req.Query = words[k]
		case 4, 5, 6:
			req.Query = `"` + words[k] + " " + words[k+1] + `"`
		case 7:
			req.Query, req.Sources = words[k], []string{a.Source}
		case 8:
			req.Query, req.Countries = words[k]+" "+words[k+1], []string{countries[rng.IntN(len(countries))]}
		case 9:
			r := []rune(words[k])
			req.Query = string(r[:len(r)-1]) + "*"
		}
		if _, err := svc.Create(context.Background(), "bench", watch.Spec{Name: req.Query, Request: req}); err != nil {
			continue // a stop word, or a prefix too broad
		}
		saved++
	}
}
