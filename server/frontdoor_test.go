package server

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fahras/fahras/search"
	"github.com/fahras/fahras/search/query"
)

// Responses are compressed for the clients that ask, and only for them.
func TestCompression(t *testing.T) {
	ts := newTestServer(t, nil)
	path := "/api/v1/search?size=100&q=" + url.QueryEscape("بغداد OR القاهرة")
	status, h, plain := ts.call(t, "GET", path, "", nil, "Accept-Encoding", "identity")
	if status != 200 || h.Get("Content-Encoding") != "" {
		t.Fatalf("identity: %d, Content-Encoding %q", status, h.Get("Content-Encoding"))
	}
	status, h, packed := ts.call(t, "GET", path, "", nil, "Accept-Encoding", "gzip, deflate")
	if status != 200 || h.Get("Content-Encoding") != "gzip" || !strings.Contains(h.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("gzip: %d, Content-Encoding %q, Vary %q", status, h.Get("Content-Encoding"), h.Get("Vary"))
	}
	zr, err := gzip.NewReader(bytes.NewReader(packed))
	if err != nil {
		t.Fatal(err)
	}
	unpacked, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if len(packed) >= len(plain)/2 {
		t.Errorf("gzip: %d bytes for %d", len(packed), len(plain))
	}
	var a, b map[string]any
	if json.Unmarshal(plain, &a) != nil || json.Unmarshal(unpacked, &b) != nil {
		t.Fatalf("bodies are not JSON")
	}
	delete(a, "took_ms")
	delete(b, "took_ms")
	if !reflect.DeepEqual(a, b) {
		t.Error("the compressed answer differs from the plain one")
	}
	// Errors and small answers too, and the page.
	if _, h, _ := ts.call(t, "GET", "/", "", nil, "Accept-Encoding", "gzip"); h.Get("Content-Encoding") != "" && h.Get("Content-Encoding") != "gzip" {
		t.Errorf("page: Content-Encoding %q", h.Get("Content-Encoding"))
	}
	// Bulk results stream line by line, uncompressed.
	const key = "gz-key"
	ts = newTestServer(t, func(c *Config) { c.WriteKeys = []string{key} })
	var lines strings.Builder
	for i := range 40 {
		lines.WriteString(`{"id":"gz-` + string(rune('a'+i%26)) + string(rune('a'+i/26)) + `","title":"خبر","body":"بغداد - نص قصير."}` + "\n")
	}
	status, h, body := ts.call(t, "POST", "/api/v1/documents/bulk", key, strings.NewReader(lines.String()), "Accept-Encoding", "gzip")
	if status != 200 || h.Get("Content-Encoding") != "" || !bytes.Contains(body, []byte(`"status":"created"`)) {
		t.Errorf("bulk: %d, Content-Encoding %q, %.200s", status, h.Get("Content-Encoding"), body)
	}
}

// pathRecorder keeps the path of every log record.
type pathRecorder struct {
	mu    sync.Mutex
	paths []string
}

func (h *pathRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (h *pathRecorder) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h *pathRecorder) WithGroup(string) slog.Handler            { return h }

func (h *pathRecorder) Handle(_ context.Context, r slog.Record) error {
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "path" {
			h.mu.Lock()
			h.paths = append(h.paths, a.Value.String())
			h.mu.Unlock()
		}
		return true
	})
	return nil
}

func (h *pathRecorder) logged() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.paths)
}

func TestLoggedPathsAreCut(t *testing.T) {
	rec := &pathRecorder{}
	ts := newTestServer(t, func(c *Config) { c.Logger = slog.New(rec) })
	long := "/" + strings.Repeat("ب", 5000) // 10 KB
	status, _, body := ts.call(t, "GET", long, "", nil)
	if status != 404 || len(body) > 1024 {
		t.Errorf("404 for a 10 KB path: %d, %d bytes", status, len(body))
	}
	waitFor(t, "the request's log line", func() bool {
		return slices.ContainsFunc(rec.logged(), func(p string) bool { return strings.HasPrefix(p, "/ببب") })
	})
	for _, p := range rec.logged() {
		if strings.HasPrefix(p, "/ببب") && (len(p) > 300 || !strings.HasSuffix(p, "…(9746 more bytes)")) {
			t.Errorf("logged path of %d bytes: %.300s", len(p), p)
		}
	}
	if got := logPath("/" + strings.Repeat("é", 200)); !strings.HasSuffix(got, "é…(146 more bytes)") {
		t.Errorf("logPath cut inside a character: %q", got)
	}
	if got := logPath("/api/v1/search"); got != "/api/v1/search" {
		t.Errorf("logPath(short) = %q", got)
	}
}

// A write refuses a publication date it cannot read, as a search does,
// instead of storing the article without its date.
func TestWritesCheckPublished(t *testing.T) {
	const key = "pub-key"
	ts := newTestServer(t, func(c *Config) { c.WriteKeys = []string{key} })
	tests := []struct {
		published string
		status    int
		message   string
	}{
		{"2020-13-45", 400, "published: 2020-13-45 does not exist: there is no month 13"},
		{"2024-02-30", 400, "published: 2024-02-30 does not exist: February 2024 has 29 days"},
		{"soon", 400, `published: "soon" is not a date fahras reads`},
		{"2024-02-29", 201, ""},
		{"الأحد 12 آذار 2023", 201, ""},
		{"", 201, ""},
	}
	for i, tc := range tests {
		doc, _ := json.Marshal(map[string]string{"title": "خبر عن بغداد", "body": "بغداد - نص الخبر.", "published": tc.published})
		status, _, body := ts.call(t, "PUT", "/api/v1/documents/pub-"+string(rune('a'+i)), key, bytes.NewReader(doc))
		if status != tc.status {
			t.Errorf("published %q: %d %s, want %d", tc.published, status, body, tc.status)
			continue
		}
		if tc.status == 400 {
			e := decode[errorBody](t, body)
			if e.Error.Code != "invalid_date" || e.Error.Param != "published" || !strings.HasPrefix(e.Error.Message, tc.message) {
				t.Errorf("published %q: %+v, want %q", tc.published, e.Error, tc.message)
			}
		}
	}
	// In bulk, the line fails alone.
	bulk := `{"id":"bulk-pub-1","title":"خبر","body":"نص.","published":"2023-05-01"}
{"id":"bulk-pub-2","title":"خبر","body":"نص.","published":"2023-02-31"}
{"id":"bulk-pub-3","title":"خبر","body":"نص."}
`
	status, _, body := ts.call(t, "POST", "/api/v1/documents/bulk", key, strings.NewReader(bulk))
	if status != 200 {
		t.Fatalf("bulk: %d %s", status, body)
	}
	var got []string
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		var line struct {
			Status string
			Error  *errorDetail
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		switch {
		case line.Error != nil && line.Error.Code == "invalid_date":
			got = append(got, line.Error.Message)
		case line.Status != "":
			got = append(got, line.Status)
		}
	}
	want := []string{"created", "published: 2023-02-31 does not exist: February 2023 has 28 days", "created"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("bulk lines %q, want %q", got, want)
	}
}

// /facets/{facet} knows every facet /search returns, by the same name,
// with values of the same shape.
func TestFacetValuesMatchSearch(t *testing.T) {
	ts := newTestServer(t, nil)
	status, _, body := ts.call(t, "GET", "/api/v1/search?now=2023-10-01", "", nil)
	if status != 200 {
		t.Fatalf("search: %d %s", status, body)
	}
	var res struct{ Facets map[string]json.RawMessage }
	if err := json.Unmarshal(body, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Facets) != len(search.FacetNames()) {
		t.Fatalf("search facets %v, the table %v", res.Facets, search.FacetNames())
	}
	for _, name := range search.FacetNames() {
		status, _, body := ts.call(t, "GET", "/api/v1/facets/"+name+"?now=2023-10-01", "", nil)
		if status != 200 {
			t.Errorf("/facets/%s: %d %s", name, status, body)
			continue
		}
		var fv struct {
			Facet  string
			Values json.RawMessage
		}
		if err := json.Unmarshal(body, &fv); err != nil || fv.Facet != name {
			t.Errorf("/facets/%s: %s", name, body)
			continue
		}
		switch name {
		case "places":
			// The search gives a tree, the value list its nodes flat.
			var tree, flat []search.PlaceNode
			_ = json.Unmarshal(res.Facets[name], &tree)
			_ = json.Unmarshal(fv.Values, &flat)
			count := map[string]uint64{}
			for _, n := range flat {
				count[n.ID] = n.Count
			}
			for _, n := range tree {
				if count[n.ID] != n.Count {
					t.Errorf("places: %s counts %d in /search, %d in /facets", n.ID, n.Count, count[n.ID])
				}
			}
		default:
			var a, b any
			_ = json.Unmarshal(res.Facets[name], &a)
			_ = json.Unmarshal(fv.Values, &b)
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%s: /search gives %s, /facets %s", name, res.Facets[name], fv.Values)
			}
		}
	}
	// facets= and fields= choose what comes back.
	status, _, body = ts.call(t, "GET", "/api/v1/search?facets=sources&fields=title&fields=url&q="+url.QueryEscape("بغداد"), "", nil)
	var chosen struct {
		Facets map[string]json.RawMessage
		Hits   []map[string]json.RawMessage
	}
	if err := json.Unmarshal(body, &chosen); status != 200 || err != nil {
		t.Fatalf("chosen: %d %s", status, body)
	}
	if len(chosen.Facets) != 1 || chosen.Facets["sources"] == nil || len(chosen.Hits) == 0 {
		t.Errorf("facets=sources: %s", body)
	}
	for _, h := range chosen.Hits {
		for k := range h {
			if k != "id" && k != "score" && k != "title" && k != "url" {
				t.Errorf("fields=title,url returned %s", k)
			}
		}
	}
}

// The request's refusals are the same on GET, on POST and across cursors.
func TestUniformRefusals(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, tc := range []struct {
		method, path, body, code, param string
	}{
		{"GET", "/api/v1/search?q=x&search_after=AAAA,BBBB", "", "invalid_cursor", "search_after"},
		{"GET", "/api/v1/search?q=x&search_after=a,b", "", "invalid_cursor", "search_after"},
		{"POST", "/api/v1/search", `{"q":"x","search_after":["AAAA","BBBB"]}`, "invalid_cursor", "search_after"},
		{"GET", "/api/v1/search?q=OR", "", "empty_query", "q"},
		{"GET", "/api/v1/search?q=title:", "", "empty_query", "q"},
		{"POST", "/api/v1/search", `{"q":"ا*"}`, "empty_query", "q"},
		{"GET", "/api/v1/search?from=2024-02-30", "", "invalid_date", "from"},
		{"POST", "/api/v1/search", `{"from":"2024-02-30"}`, "invalid_date", "from"},
		{"GET", "/api/v1/suggest?q=ab&size=21", "", "invalid_size", "size"},
		{"GET", "/api/v1/facets/places?level=planet", "", "invalid_level", "level"},
	} {
		var body io.Reader
		if tc.body != "" {
			body = strings.NewReader(tc.body)
		}
		status, _, got := ts.call(t, tc.method, tc.path, "", body)
		e := decode[errorBody](t, got)
		if status != 400 || e.Error.Code != tc.code || e.Error.Param != tc.param {
			t.Errorf("%s %s %s: %d %s; want 400 %s on %s", tc.method, tc.path, tc.body, status, got, tc.code, tc.param)
		}
		for _, bad := range []string{"query: ", "parse query", "json:", "invalid character", "parsing time"} {
			if strings.Contains(e.Error.Message, bad) {
				t.Errorf("%s %s: message %q says %q", tc.method, tc.path, e.Error.Message, bad)
			}
		}
	}
	// An empty query lists every article, newest first.
	status, _, body := ts.call(t, "GET", "/api/v1/search?no_facets", "", nil)
	res := decode[search.Result](t, body)
	if status != 200 || res.Sort != search.SortNewest || res.Total != uint64(len(testArticles)) {
		t.Errorf("empty query: %d, sort %s, total %d", status, res.Sort, res.Total)
	}
}

// stubSearcher answers every search with one hit, without an index.
type stubSearcher struct{ got search.Request }

func (s *stubSearcher) Search(_ context.Context, req search.Request) (*search.Result, error) {
	s.got = req
	return &search.Result{Query: req.Query, Total: 1, Page: req.Page, Size: req.Size, Sort: req.Sort,
		Hits: []search.Hit{{ID: "stub", Title: "خبر"}}, Warnings: []query.Warning{}}, nil
}

func (s *stubSearcher) Suggest(context.Context, search.SuggestRequest) ([]search.Completion, error) {
	return []search.Completion{{Text: "بغداد", Kind: "term"}}, nil
}

func (s *stubSearcher) FacetValues(_ context.Context, fr search.FacetRequest) (*search.FacetValues, error) {
	return &search.FacetValues{Facet: fr.Facet, Values: []search.Bucket{}}, nil
}

func (s *stubSearcher) Story(_ context.Context, id string) (*search.Story, error) {
	return nil, search.ErrNoStory
}

// The server needs only the small interfaces it names: it runs over a
// stand-in searcher, and reads the request the stand-in sees through the
// parameter tables.
func TestServerOverAStandInSearcher(t *testing.T) {
	ix, _, enricher := buildIndex(t)
	stub := &stubSearcher{}
	srv, err := New(Config{Index: ix, Engine: stub, Enricher: enricher, Page: testPage, RateLimit: -1, KeyRateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{Server: httptest.NewServer(srv.Handler()), srv: srv}
	t.Cleanup(ts.Close)
	status, _, body := ts.call(t, "GET", "/api/v1/search?q=x&country=IQ&size=5&facets=dates", "", nil)
	if status != 200 || !strings.Contains(string(body), `"id":"stub"`) {
		t.Fatalf("search over the stand-in: %d %s", status, body)
	}
	want := search.Request{Query: "x", Countries: []string{"IQ"}, Size: 5, Page: 1, FacetSize: 20, Facets: []string{"dates"}, Sort: search.SortRelevance}
	stub.got.Now = time.Time{}
	if !reflect.DeepEqual(stub.got, want) {
		t.Errorf("the searcher got %+v, want %+v", stub.got, want)
	}
}
