package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/index/readers"
	"github.com/fahras/fahras/index/story"
)

// antPath is the shared news corpus, beside the repository.
var antPath = filepath.Join("..", "..", "shared", "data", "news", "ant_v2_1_multisource.jsonl.gz")

// BenchmarkStories measures what stories cost a write, per article: an
// index holding the first 10,000 ANT articles receives batches of 1,000
// of the next ones. "assign" signs a batch and finds each article's
// story (one candidate query per batch, then the comparisons) without
// writing it; "write" writes the batch whole, stories included, under new
// IDs each round.
//
//	flock /tmp/fahras-bench.lock go test ./index -run '^$' -bench Stories -benchtime 5x
func BenchmarkStories(b *testing.B) {
	if _, err := os.Stat(antPath); err != nil {
		b.Skipf("ANT corpus not found at %s", antPath)
	}
	g, err := places.Default()
	if err != nil {
		b.Fatal(err)
	}
	enr := NewEnricher(g, nil)
	ctx := context.Background()
	var docs []Doc
	err = readers.ReadPath(ctx, antPath, nil, readers.Options{}, func(r readers.Record) error {
		if r.Err == nil && len(docs) < 16000 {
			a := r.Article
			enr.Enrich(&a, time.Now())
			docs = append(docs, enr.Document(a))
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if len(docs) < 16000 {
		b.Skipf("the corpus has %d articles, the benchmark needs 16,000", len(docs))
	}
	ix, err := Create(filepath.Join(b.TempDir(), "ix"), Options{Shards: 2, ProtectedWords: g.Names()})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	for i := 0; i < 10000; i += 1000 {
		if _, err := ix.Write(ctx, docs[i:i+1000]); err != nil {
			b.Fatal(err)
		}
	}
	// Measured on a settled index, not while the writes above merge.
	if err := ix.WaitMerged(ctx, 50*time.Millisecond); err != nil {
		b.Fatal(err)
	}
	const batch = 1000
	idx := make([]int, batch)
	b.Run("assign", func(b *testing.B) {
		round := 0
		cpu := processCPU()
		for b.Loop() {
			from := 10000 + (round%6)*batch
			for k := range idx {
				idx[k] = from + k
			}
			_, release, err := ix.assignStories(ctx, docs, idx)
			if err != nil {
				b.Fatal(err)
			}
			release()
			round++
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(round*batch), "ns/article")
		b.ReportMetric(float64((processCPU()-cpu).Nanoseconds())/float64(round*batch), "cpu-ns/article")
	})
	b.Run("sign", func(b *testing.B) {
		round := 0
		cpu := processCPU()
		for b.Loop() {
			from := 10000 + (round%6)*batch
			for k := range batch {
				a := &docs[from+k].Article
				story.SignArticle(a.Title, a.Body)
			}
			round++
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(round*batch), "ns/article")
		b.ReportMetric(float64((processCPU()-cpu).Nanoseconds())/float64(round*batch), "cpu-ns/article")
	})
	b.Run("write", func(b *testing.B) {
		round := 0
		cpu := processCPU()
		for b.Loop() {
			from := 10000 + (round%6)*batch
			next := make([]Doc, batch)
			copy(next, docs[from:from+batch])
			for k := range next {
				next[k].Article.ID = fmt.Sprintf("%s-r%d", next[k].Article.ID, round)
			}
			if _, err := ix.Write(ctx, next); err != nil {
				b.Fatal(err)
			}
			round++
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(round*batch), "ns/article")
		b.ReportMetric(float64((processCPU()-cpu).Nanoseconds())/float64(round*batch), "cpu-ns/article")
	})
}

// processCPU is the CPU time this process has used: on a shared machine
// it measures the work where wall time also measures the neighbours.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
