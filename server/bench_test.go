package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fahras/fahras/bench"
	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/index/democorpus"
	"github.com/fahras/fahras/index/readers"
	"github.com/fahras/fahras/search"
)

// benchLoadIDs is how many distinct articles the bulk load writes.
const benchLoadIDs = 5000

// Filters of the search mix.
var benchCats = []string{"سياسة", "اقتصاد", "محليات", "ثقافة", "رياضة"}

// benchQueries are searches a newsroom might run over the demo corpus.
var benchQueries = []string{"الكهرباء", "أسعار الخبز", "\"البنك المركزي\"", "مهرجان الكتاب", "وزارة الصحة حملة", "موجة حر", "الانتخابات", "الطرق -بغداد", "تدريب الشباب", "اتفاقية تجاري*"}

// benchArticle is bulk article n as a JSON line: derived from the demo
// corpus (its sentences recombined, places swapped, dates moved), so the
// bulk load writes news like the corpus's, not a handful of repeated
// phrases that every query would match.
func benchArticle(s *bench.Scaler, n int) string {
	a := s.Article(1, n)
	line := map[string]string{
		"id":        fmt.Sprintf("bulk-%07d", n),
		"title":     a.Title,
		"body":      a.Body,
		"source":    a.Source,
		"category":  a.Category,
		"author":    a.Author,
		"published": a.Published.Format(time.RFC3339),
	}
	raw, _ := json.Marshal(line)
	return string(raw)
}

// BenchmarkSearchWhileBulkLoading serves the demo corpus on loopback, bulk
// loads articles derived from it through the API in the background, as fast
// as the server takes them, and runs searches with every facet from several
// clients over HTTP.
//
//	go test -run '^$' -bench SearchWhileBulk -benchtime 10s ./server/
func BenchmarkSearchWhileBulkLoading(b *testing.B) { benchSearchLoad(b, true) }

// BenchmarkSearchOverHTTP is the same without the bulk load, for
// comparison.
func BenchmarkSearchOverHTTP(b *testing.B) { benchSearchLoad(b, false) }

func benchSearchLoad(b *testing.B, bulk bool) {
	g := testGazetteer(b)
	ix, err := index.Create(b.TempDir(), index.Options{ProtectedWords: g.Names()})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	enricher := index.NewEnricher(g, nil)
	src := func(ctx context.Context, emit func(readers.Record) error) error {
		for _, name := range democorpus.Files() {
			f, err := democorpus.FS().Open(name)
			if err != nil {
				return err
			}
			err = readers.Read(ctx, f, name, readers.Options{}, emit)
			f.Close()
			if err != nil {
				return err
			}
		}
		return nil
	}
	if _, err := ix.Ingest(context.Background(), src, enricher, index.IngestOptions{}); err != nil {
		b.Fatal(err)
	}
	var corpus []article.Article
	if err := src(context.Background(), func(r readers.Record) error {
		if r.Err == nil {
			corpus = append(corpus, r.Article)
		}
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	scaler, err := bench.NewScaler(context.Background(), corpus, g)
	if err != nil {
		b.Fatal(err)
	}
	// The bulk lines are made before the clock starts: the load
	// generator stands for a client on another machine and must not take
	// the server's CPU.
	bulkLines := make([]string, benchLoadIDs)
	for i := range bulkLines {
		bulkLines[i] = benchArticle(scaler, i)
	}
	eng, err := search.New(ix, g)
	if err != nil {
		b.Fatal(err)
	}
	srv, err := New(Config{Index: ix, Engine: eng, Enricher: enricher, WriteKeys: []string{"bench"}, RateLimit: -1, KeyRateLimit: -1})
	if err != nil {
		b.Fatal(err)
	}
	if err := srv.Warm(context.Background()); err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

	// The bulk loader: requests of 1,000 generated articles, one after
	// the other, until the searches are done. IDs cycle through
	// benchLoadIDs, so after the first pass the load rewrites articles
	// (as a news feed correcting stories does) and the index stops
	// growing: the search rate then does not depend on how long the
	// benchmark ran.
	var loaded atomic.Int64
	loadCtx, stopLoading := context.WithCancel(context.Background())
	loaderDone := make(chan struct{})
	go func() {
		defer close(loaderDone)
		n := 0
		for bulk && loadCtx.Err() == nil {
			var body strings.Builder
			for i := 0; i < 1000; i++ {
				body.WriteString(bulkLines[n%benchLoadIDs])
				body.WriteByte('\n')
				n++
			}
			req, _ := http.NewRequestWithContext(loadCtx, "POST", base+"/api/v1/documents/bulk", strings.NewReader(body.String()))
			req.Header.Set("Authorization", "Bearer bench")
			req.Header.Set("Content-Type", "application/x-ndjson")
			resp, err := client.Do(req)
			if err != nil {
				return
			}
			sc := bufio.NewScanner(resp.Body)
			for sc.Scan() {
				if line := sc.Text(); strings.Contains(line, `"status":"created"`) || strings.Contains(line, `"status":"updated"`) {
					loaded.Add(1)
				}
			}
			resp.Body.Close()
		}
	}()

	const clients = 8
	latencies := make([][]time.Duration, clients)
	var next atomic.Int64
	var failures atomic.Int64
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(c), 7))
			for next.Add(1) <= int64(b.N) {
				q := url.Values{"q": {benchQueries[r.IntN(len(benchQueries))]}, "facet_size": {"20"}}
				switch r.IntN(4) {
				case 0:
					q.Set("country", "IQ")
				case 1:
					q.Set("category", benchCats[r.IntN(len(benchCats))])
				case 2:
					q.Set("from", "2018-01-01")
				}
				t0 := time.Now()
				resp, err := client.Get(base + "/api/v1/search?" + q.Encode())
				if err != nil {
					failures.Add(1)
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					failures.Add(1)
				}
				latencies[c] = append(latencies[c], time.Since(t0))
			}
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	stopLoading()
	<-loaderDone
	stop()
	if err := <-served; err != nil {
		b.Errorf("serve: %v", err)
	}
	if f := failures.Load(); f > 0 {
		b.Errorf("%d searches failed", f)
	}

	var all []time.Duration
	for _, l := range latencies {
		all = append(all, l...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	pct := func(p float64) float64 {
		if len(all) == 0 {
			return 0
		}
		return float64(all[int(p*float64(len(all)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "searches/s")
	b.ReportMetric(pct(0.50), "p50_ms")
	b.ReportMetric(pct(0.99), "p99_ms")
	b.ReportMetric(float64(loaded.Load())/elapsed.Seconds(), "bulk_docs/s")
}

// benchBulkBatch is the bulk batch size of the load benchmark.
var benchBulkBatch = 2000
