package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/search"
)

// concClient makes requests from many goroutines and records every
// answer the test did not expect.
type concClient struct {
	base   string
	key    string
	client *http.Client

	mu       sync.Mutex
	failures []string
	requests atomic.Int64
}

func (c *concClient) failf(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.failures) < 50 {
		c.failures = append(c.failures, fmt.Sprintf(format, args...))
	}
}

// do makes a request and returns its status and body; a transport error
// is recorded and returned as status 0.
func (c *concClient) do(method, path, body string, write bool) (int, []byte) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.failf("%s %s: %v", method, path, err)
		return 0, nil
	}
	if write {
		req.Header.Set("Authorization", "Bearer "+c.key)
	}
	c.requests.Add(1)
	resp, err := c.client.Do(req)
	if err != nil {
		c.failf("%s %s: %v", method, path, err)
		return 0, nil
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		c.failf("%s %s: read: %v", method, path, err)
		return 0, nil
	}
	if resp.StatusCode >= 500 {
		c.failf("%s %s: %d %s", method, path, resp.StatusCode, raw)
	}
	return resp.StatusCode, raw
}

// expect makes a request and records a failure unless the status is one
// of want.
func (c *concClient) expect(method, path, body string, write bool, want ...int) (int, []byte) {
	status, raw := c.do(method, path, body, write)
	for _, w := range want {
		if status == w {
			return status, raw
		}
	}
	if status != 0 && status < 500 {
		c.failf("%s %s: %d, want %v: %s", method, path, status, want, raw)
	}
	return status, raw
}

func concArticle(id, token string, version int, source, category string) string {
	a := map[string]string{
		"id":        id,
		"title":     fmt.Sprintf("مجلس المحافظة يناقش مشروع الطرق %s (نسخة %d)", token, version),
		"body":      fmt.Sprintf("الموصل - ناقش مجلس محافظة نينوى في جلسته رقم %d مشروع توسعة الطرق %s، وقال رئيس المجلس إن الأعمال تبدأ بعد إقرار الموازنة. المعرف %s.", version, token, id),
		"source":    source,
		"category":  category,
		"published": fmt.Sprintf("2024-%02d-%02d", 1+version%12, 1+version%28),
	}
	raw, _ := json.Marshal(a)
	return string(raw)
}

var (
	concSources    = []string{"وكالة نينوى", "صحيفة الحدباء", "موقع الموصل اليوم"}
	concCategories = []string{"محليات", "اقتصاد"}
	concQueries    = []string{"بغداد", "القاهرة", "مشروع الطرق", "\"مجلس المحافظة\"", "الموصل OR بيروت", "توسع*", "الموازنه~", "مرفأ -بيروت", "", "UPD"}
)

func versionOf(c *concClient, path string, body []byte) int {
	var d article.View
	if err := json.Unmarshal(body, &d); err != nil {
		c.failf("GET %s: %v", path, err)
		return -1
	}
	m := crashVersionRE.FindStringSubmatch(d.Title)
	if m == nil {
		c.failf("GET %s: no version in %q", path, d.Title)
		return -1
	}
	v, _ := strconv.Atoi(m[1])
	return v
}

// TestConcurrentReadsAndWrites runs searches with facets, suggestions,
// bulk loads, updates and deletes against one server at once. Each
// document has a single writer, so what each writer last saw
// acknowledged must be what the index holds afterwards; every write is
// visible to the next read of its writer; nothing answers 5xx; and the
// counts add up.
func TestConcurrentReadsAndWrites(t *testing.T) {
	const key = "conc-key"
	ts := newTestServer(t, func(c *Config) { c.WriteKeys = []string{key}; c.BulkBatch = 3 })
	transport := &http.Transport{MaxIdleConnsPerHost: 32}
	defer transport.CloseIdleConnections()
	c := &concClient{base: ts.URL, key: key, client: &http.Client{Transport: transport}}

	run := 5 * time.Second
	if testing.Short() {
		run = time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), run)
	defer cancel()
	var wg sync.WaitGroup
	worker := func(name string, seed uint64, body func(rng *rand.Rand) bool) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(seed, uint64(len(name))))
			for ctx.Err() == nil && body(rng) {
			}
		}()
	}

	// Readers: searches with every facet (GET and POST), facet values,
	// suggestions and statistics.
	var searches atomic.Int64
	for w := 0; w < 3; w++ {
		worker("search", uint64(w), func(rng *rand.Rand) bool {
			q := concQueries[rng.IntN(len(concQueries))]
			var status int
			var raw []byte
			switch rng.IntN(6) {
			case 0:
				body, _ := json.Marshal(search.Request{Query: q, Sources: []string{concSources[rng.IntN(3)]}, Size: 5})
				status, raw = c.expect("POST", "/api/v1/search", string(body), false, 200)
			case 1:
				c.expect("GET", "/api/v1/facets/sources?q="+url.QueryEscape(q), "", false, 200)
				return true
			case 2:
				c.expect("GET", "/api/v1/suggest?q="+url.QueryEscape("مش"), "", false, 200)
				c.expect("GET", "/api/v1/stats", "", false, 200)
				return true
			default:
				path := fmt.Sprintf("/api/v1/search?q=%s&size=%d&facet_size=50", url.QueryEscape(q), 1+rng.IntN(20))
				if rng.IntN(3) == 0 {
					path += "&category=" + url.QueryEscape(concCategories[rng.IntN(2)])
				}
				status, raw = c.expect("GET", path, "", false, 200)
			}
			if status != 200 {
				return true
			}
			searches.Add(1)
			var res search.Result
			if err := json.Unmarshal(raw, &res); err != nil {
				c.failf("search %q: %v", q, err)
				return true
			}
			if res.Facets == nil || uint64(len(res.Hits)) > res.Total || len(res.Hits) > res.Size {
				c.failf("search %q: total %d, %d hits of %d, facets %v", q, res.Total, len(res.Hits), res.Size, res.Facets != nil)
			}
			return true
		})
	}

	// Bulk loaders: batches of new articles, each found by a search for
	// its token as soon as the load is answered.
	var bulkCreated atomic.Int64
	for w := 0; w < 2; w++ {
		batch := 0
		worker("bulk", uint64(10+w), func(rng *rand.Rand) bool {
			batch++
			token := fmt.Sprintf("BW%dN%04d", w, batch)
			n := 2 + rng.IntN(10)
			var body strings.Builder
			for k := 0; k < n; k++ {
				id := fmt.Sprintf("bulk/%d/%04d/%02d", w, batch, k)
				body.WriteString(concArticle(id, token, k, concSources[rng.IntN(3)], concCategories[rng.IntN(2)]) + "\n")
			}
			status, raw := c.expect("POST", "/api/v1/documents/bulk", body.String(), true, 200)
			if status != 200 {
				return true
			}
			created := 0
			sc := bufio.NewScanner(bytes.NewReader(raw))
			for sc.Scan() {
				var line struct {
					Status  string
					Summary *bulkSummary
				}
				if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
					c.failf("bulk %s: %q: %v", token, sc.Text(), err)
					return true
				}
				if line.Summary != nil {
					if line.Summary.Created != n || line.Summary.Failed != 0 || line.Summary.Error != nil {
						c.failf("bulk %s: summary %+v for %d new articles", token, *line.Summary, n)
					}
				} else if line.Status == "created" {
					created++
				}
			}
			if created != n {
				c.failf("bulk %s: %d of %d lines created: %s", token, created, n, raw)
			}
			bulkCreated.Add(int64(created))
			status, raw = c.expect("GET", "/api/v1/search?no_facets&size=1&q="+token, "", false, 200)
			if status == 200 {
				var res search.Result
				if json.Unmarshal(raw, &res) != nil || res.Total != uint64(n) {
					c.failf("search %s right after its load: %s, want %d hits", token, raw, n)
				}
			}
			return true
		})
	}

	// Updaters: each owns its documents and writes ever higher versions;
	// a read right after each acknowledged write must see it.
	type owned struct {
		ids   []string
		acked map[string]int
	}
	var puts, deletes atomic.Int64
	updaters := make([]*owned, 2)
	for w := range updaters {
		o := &owned{acked: map[string]int{}}
		for i := 0; i < 4; i++ {
			o.ids = append(o.ids, fmt.Sprintf("upd/%d/%d", w, i))
		}
		updaters[w] = o
		version := 0
		worker("update", uint64(20+w), func(rng *rand.Rand) bool {
			version++
			id := o.ids[rng.IntN(len(o.ids))]
			path := "/api/v1/documents/" + url.PathEscape(id)
			status, _ := c.expect("PUT", path, concArticle(id, "UPD", version, concSources[w], concCategories[w]), true, 200, 201)
			if status != 200 && status != 201 {
				return true
			}
			if (status == 201) != (o.acked[id] == 0) {
				c.failf("PUT %s v%d: status %d with %d acknowledged before", id, version, status, o.acked[id])
			}
			o.acked[id] = version
			puts.Add(1)
			if status, raw := c.expect("GET", path, "", false, 200); status == 200 {
				if got := versionOf(c, path, raw); got != version {
					c.failf("GET %s right after writing v%d: v%d", id, version, got)
				}
			}
			return true
		})
	}

	// A deleter creates and deletes its own documents in turn.
	present := map[string]bool{}
	delIDs := []string{"del/a", "del/b", "del/c", "del/d", "del/e"}
	worker("delete", 30, func(rng *rand.Rand) bool {
		id := delIDs[rng.IntN(len(delIDs))]
		path := "/api/v1/documents/" + url.PathEscape(id)
		if present[id] {
			if status, _ := c.expect("DELETE", path, "", true, 200); status == 200 {
				present[id] = false
				deletes.Add(1)
				c.expect("GET", path, "", false, 404)
			}
			return true
		}
		if status, _ := c.expect("PUT", path, concArticle(id, "DEL", rng.IntN(1000), concSources[0], concCategories[0]), true, 201); status == 201 {
			present[id] = true
			c.expect("GET", path, "", false, 200)
		}
		return true
	})

	wg.Wait()
	for _, f := range c.failures {
		t.Error(f)
	}
	if t.Failed() {
		return
	}

	// The last acknowledged version of every updated document is the one
	// stored.
	updated := 0
	for w, o := range updaters {
		for _, id := range o.ids {
			path := "/api/v1/documents/" + url.PathEscape(id)
			status, raw := c.do("GET", path, "", false)
			switch {
			case o.acked[id] == 0 && status != 404:
				t.Errorf("%s was never written, GET %d", id, status)
			case o.acked[id] == 0:
			case status != 200:
				t.Errorf("updater %d: GET %s: %d %s", w, id, status, raw)
			default:
				updated++
				if got := versionOf(c, path, raw); got != o.acked[id] {
					t.Errorf("lost update: %s holds v%d, v%d was acknowledged last", id, got, o.acked[id])
				}
			}
		}
	}
	kept := 0
	for _, id := range delIDs {
		want := 404
		if present[id] {
			want, kept = 200, kept+1
		}
		if status, raw := c.do("GET", "/api/v1/documents/"+url.PathEscape(id), "", false); status != want {
			t.Errorf("GET %s: %d, want %d: %s", id, status, want, raw)
		}
	}

	// The counts add up: statistics, an empty search, and the source
	// and category facets (one value per article) agree on the total.
	want := uint64(len(testArticles)) + uint64(bulkCreated.Load()) + uint64(updated) + uint64(kept)
	_, raw := c.do("GET", "/api/v1/stats", "", false)
	var st statsJSON
	if err := json.Unmarshal(raw, &st); err != nil || st.Documents != want {
		t.Errorf("stats: %s; want %d documents", raw, want)
	}
	_, raw = c.do("GET", "/api/v1/search?size=1&facet_size=100", "", false)
	var res search.Result
	if err := json.Unmarshal(raw, &res); err != nil || res.Total != want || res.Facets == nil {
		t.Fatalf("empty search: %s; want %d in total", raw, want)
	}
	for name, buckets := range map[string][]search.Bucket{"source": res.Facets.Sources, "category": res.Facets.Categories} {
		var sum uint64
		for _, b := range buckets {
			sum += b.Count
		}
		if sum != want {
			t.Errorf("%s facet counts sum to %d, want %d: %+v", name, sum, want, buckets)
		}
	}
	_, raw = c.do("GET", "/api/v1/search?no_facets&q=UPD", "", false)
	if err := json.Unmarshal(raw, &res); err != nil || res.Total != uint64(updated) {
		t.Errorf("search UPD: %s; want %d", raw, updated)
	}
	if searches.Load() == 0 || bulkCreated.Load() == 0 || puts.Load() < 2 || deletes.Load() == 0 {
		t.Errorf("too little happened: %d searches, %d bulk-loaded, %d updates, %d deletes",
			searches.Load(), bulkCreated.Load(), puts.Load(), deletes.Load())
	}
	t.Logf("%s: %d requests: %d searches, %d articles bulk-loaded, %d updates of %d articles, %d deletes (%d of %d kept); %d documents",
		run, c.requests.Load(), searches.Load(), bulkCreated.Load(), puts.Load(), updated, deletes.Load(), kept, len(delIDs), want)
}
