package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/gorilla/mux"
)

func TestWritesNeedAKey(t *testing.T) {
	doc := `{"id":"k1","title":"خبر للتجربة","body":"نص قصير عن الطقس في دمشق."}`

	// No write keys configured: writes are refused, not open.
	closed := newTestServer(t, nil)
	status, _, body := closed.call(t, "PUT", "/api/v1/documents/k1", "", jsonBody(doc))
	if status != 403 || errorCode(t, body) != "writes_disabled" {
		t.Errorf("no keys configured: %d %s, want 403 writes_disabled", status, body)
	}
	status, _, body = closed.call(t, "PUT", "/api/v1/documents/k1", "any", jsonBody(doc))
	if status != 403 || errorCode(t, body) != "writes_disabled" {
		t.Errorf("no keys configured, a key given: %d %s", status, body)
	}

	ts := newTestServer(t, func(c *Config) { c.WriteKeys = []string{"w-secret", "w-other"}; c.ReadKeys = []string{"r-secret"} })
	tests := []struct {
		name, method, path, auth string
		status                   int
		code                     string
	}{
		{"write without a key", "PUT", "/api/v1/documents/k1", "", 401, "missing_api_key"},
		{"write with a wrong key", "PUT", "/api/v1/documents/k1", "Bearer nope", 403, "invalid_api_key"},
		{"write with a malformed header", "PUT", "/api/v1/documents/k1", "Basic dzpzZWNyZXQ=", 403, "invalid_api_key"},
		{"write with a read key", "PUT", "/api/v1/documents/k1", "Bearer r-secret", 403, "forbidden"},
		{"write with the key", "PUT", "/api/v1/documents/k1", "Bearer w-secret", 201, ""},
		{"write with the other key", "PUT", "/api/v1/documents/k1", "bearer w-other", 200, ""},
		{"read without a key", "GET", "/api/v1/search?q=x", "", 401, "missing_api_key"},
		{"read with a wrong key", "GET", "/api/v1/search?q=x", "Bearer nope", 403, "invalid_api_key"},
		{"read with the read key", "GET", "/api/v1/documents/k1", "Bearer r-secret", 200, ""},
		{"read with a write key", "GET", "/api/v1/stats", "Bearer w-secret", 200, ""},
		{"health is open", "GET", "/healthz", "", 200, ""},
		{"metrics are open", "GET", "/metrics", "", 200, ""},
		{"the page is open", "GET", "/", "", 200, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var rd io.Reader
			if tc.method == "PUT" {
				rd = jsonBody(doc)
			}
			status, h, body := ts.call(t, tc.method, tc.path, "", rd, "Authorization", tc.auth)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, body)
			}
			if tc.code != "" {
				if code := errorCode(t, body); code != tc.code {
					t.Errorf("code %q, want %q", code, tc.code)
				}
			}
			if status == 401 && !strings.HasPrefix(h.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("401 without WWW-Authenticate: %q", h.Get("WWW-Authenticate"))
			}
		})
	}
}

func TestKeyring(t *testing.T) {
	if _, err := newKeyring([]string{"has space"}, nil); err == nil {
		t.Error("a key with a space was accepted")
	}
	if _, err := newKeyring(nil, []string{""}); err == nil {
		t.Error("an empty key was accepted")
	}
}

func TestRateLimit(t *testing.T) {
	ts := newTestServer(t, func(c *Config) {
		c.RateLimit, c.RateBurst = 0.01, 3 // three requests, then one per 100 s
		c.KeyRateLimit, c.KeyRateBurst = 0.01, 5
		c.ReadKeys = []string{"reader"}
	})
	// Health checks are not limited, so probes never fail for it.
	for i := 0; i < 5; i++ {
		if status, _, _ := ts.call(t, "GET", "/healthz", "", nil); status != 200 {
			t.Fatalf("healthz %d: %d", i, status)
		}
	}
	for i := 0; i < 3; i++ {
		// Failed authentications count against the address too.
		if status, _, body := ts.call(t, "GET", "/api/v1/stats", "", nil); status != 401 {
			t.Fatalf("request %d: %d %s", i, status, body)
		}
	}
	status, h, body := ts.call(t, "GET", "/api/v1/stats", "", nil)
	if status != 429 || errorCode(t, body) != "rate_limited" {
		t.Fatalf("fourth request: %d %s, want 429", status, body)
	}
	if ra := h.Get("Retry-After"); ra == "" || ra == "0" {
		t.Errorf("Retry-After %q", ra)
	}
	// A valid key has its own, larger bucket.
	for i := 0; i < 5; i++ {
		if status, _, body := ts.call(t, "GET", "/api/v1/stats", "reader", nil); status != 200 {
			t.Fatalf("keyed request %d: %d %s", i, status, body)
		}
	}
	if status, _, _ := ts.call(t, "GET", "/api/v1/stats", "reader", nil); status != 429 {
		t.Errorf("sixth keyed request: %d, want 429", status)
	}
}

func TestLimiterEvictsIdleBuckets(t *testing.T) {
	l := newLimiter(1, 1, 1, 1)
	start := mustTime("2024-01-01")
	for i := 0; i < 100; i++ {
		l.allow(fmt.Sprintf("ip:10.0.0.%d", i), false, start)
	}
	if l.size() != 100 {
		t.Fatalf("%d buckets, want 100", l.size())
	}
	later := start.Add(bucketIdle + 2*sweepEvery)
	if wait := l.allow("ip:10.0.1.1", false, later); wait != 0 {
		t.Errorf("a new address had to wait %s", wait)
	}
	if l.size() != 1 {
		t.Errorf("%d buckets after the idle ones expired, want 1", l.size())
	}
}

func TestCORS(t *testing.T) {
	ts := newTestServer(t, func(c *Config) { c.CORSOrigins = []string{"https://news.example"} })
	preflight := func(origin string) (int, http.Header) {
		status, h, _ := ts.call(t, "OPTIONS", "/api/v1/search", "", nil,
			"Origin", origin, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")
		return status, h
	}
	status, h := preflight("https://news.example")
	if status != 204 || h.Get("Access-Control-Allow-Origin") != "https://news.example" ||
		!strings.Contains(h.Get("Access-Control-Allow-Methods"), "POST") ||
		!strings.Contains(h.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("allowed preflight: %d %v", status, h)
	}
	status, h = preflight("https://evil.example")
	if h.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("disallowed origin got %q (status %d)", h.Get("Access-Control-Allow-Origin"), status)
	}
	_, h, _ = ts.call(t, "GET", "/api/v1/stats", "", nil, "Origin", "https://news.example")
	if h.Get("Access-Control-Allow-Origin") != "https://news.example" || !strings.Contains(h.Get("Access-Control-Expose-Headers"), "X-Request-ID") {
		t.Errorf("simple request: %v", h)
	}

	wild := newTestServer(t, func(c *Config) { c.CORSOrigins = []string{"*"} })
	_, h, _ = wild.call(t, "GET", "/api/v1/stats", "", nil, "Origin", "https://anywhere.example")
	if h.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("wildcard: %q", h.Get("Access-Control-Allow-Origin"))
	}

	none := newTestServer(t, nil)
	status, h, _ = none.call(t, "OPTIONS", "/api/v1/search", "", nil, "Origin", "https://news.example", "Access-Control-Request-Method", "POST")
	if status != 405 || h.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("CORS off: %d %v", status, h)
	}
}

// bulkResponse reads an NDJSON bulk response.
func bulkResponse(t *testing.T, body []byte) (lines []map[string]any, summary map[string]any) {
	t.Helper()
	sc := bufio.NewScanner(strings.NewReader(string(body)))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("response line %q: %v", sc.Text(), err)
		}
		if s, ok := m["summary"].(map[string]any); ok {
			summary = s
			continue
		}
		if summary != nil {
			t.Errorf("line after the summary: %s", sc.Text())
		}
		lines = append(lines, m)
	}
	if summary == nil {
		t.Fatalf("no summary in %s", body)
	}
	return lines, summary
}

func TestBulk(t *testing.T) {
	const key = "bulk-key"
	ts := newTestServer(t, func(c *Config) { c.WriteKeys = []string{key}; c.BulkBatch = 2; c.MaxBodyBytes = 1 << 10 })
	input := strings.Join([]string{
		`{"id":"n1","title":"افتتاح مكتبة عامة في حمص","body":"حمص - افتتحت مديرية الثقافة مكتبة عامة جديدة في حي الوعر."}`,
		`{"id":"n2","title":"مهرجان للتمور في القصيم","body":"بريدة - انطلق مهرجان التمور السنوي بمشاركة مئات المزارعين."}`,
		`{"id":"n3","title":"خبر مكسور",`,
		``,
		`{"id":"n4","title":"سباق للدراجات في تونس","body":"تونس - شارك مئتا دراج في سباق حول المدينة العتيقة."}`,
		`{"id":"n5","source":"بلا نص"}`,
		`{"id":"n6","title":"` + strings.Repeat("ط", 600) + `"}`,
		"{\"id\":\"n7\",\"title\":\"\xff\"}",
		`{"id":"n1","title":"افتتاح مكتبة عامة في حمص","body":"حمص - افتتحت مديرية الثقافة مكتبة عامة جديدة في حي الوعر."}`,
		`{"id":"n8","title":"ندوة عن الشعر في الرباط","body":"الرباط - نظم بيت الشعر ندوة عن القصيدة الحديثة."}`,
	}, "\n")
	status, h, body := ts.call(t, "POST", "/api/v1/documents/bulk", key, strings.NewReader(input), "Content-Type", "application/x-ndjson")
	if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/x-ndjson") {
		t.Fatalf("status %d, %q: %s", status, h.Get("Content-Type"), body)
	}
	lines, summary := bulkResponse(t, body)
	type want struct {
		line         int
		id, status   string
		errorCode    string
		hasDuplicate bool
	}
	wants := []want{
		{line: 1, id: "n1", status: "created"},
		{line: 2, id: "n2", status: "created"},
		{line: 3, errorCode: "malformed_json"},
		{line: 5, id: "n4", status: "created"},
		{line: 6, errorCode: "invalid_document"},
		{line: 7, errorCode: "line_too_large"},
		{line: 8, errorCode: "invalid_utf8"},
		{line: 9, id: "n1", status: "unchanged"},
		{line: 10, id: "n8", status: "created"},
	}
	if len(lines) != len(wants) {
		t.Fatalf("%d result lines, want %d: %s", len(lines), len(wants), body)
	}
	for i, w := range wants {
		got := lines[i]
		if int(got["line"].(float64)) != w.line {
			t.Errorf("result %d: line %v, want %d", i, got["line"], w.line)
		}
		if w.errorCode != "" {
			e, _ := got["error"].(map[string]any)
			if e == nil || e["code"] != w.errorCode {
				t.Errorf("line %d: %v, want error %s", w.line, got, w.errorCode)
			}
			continue
		}
		if got["id"] != w.id || got["status"] != w.status {
			t.Errorf("line %d: %v, want %s %s", w.line, got, w.id, w.status)
		}
	}
	if summary["created"] != 4.0 || summary["unchanged"] != 1.0 || summary["failed"] != 4.0 || summary["lines"] != 9.0 {
		t.Errorf("summary %v", summary)
	}
	// The good lines around the bad ones are in the index.
	for _, id := range []string{"n1", "n2", "n4", "n8"} {
		if _, err := ts.ix.Get(context.Background(), id); err != nil {
			t.Errorf("%s: %v", id, err)
		}
	}
	if n, _ := ts.ix.Count(); n != uint64(len(testArticles)+4) {
		t.Errorf("index holds %d documents, want %d", n, len(testArticles)+4)
	}
}

func TestRequestID(t *testing.T) {
	ts := newTestServer(t, nil)
	_, h, _ := ts.call(t, "GET", "/api/v1/stats", "", nil, "X-Request-ID", "trace-42.a:b_c")
	if h.Get("X-Request-ID") != "trace-42.a:b_c" {
		t.Errorf("sane id not echoed: %q", h.Get("X-Request-ID"))
	}
	_, h, _ = ts.call(t, "GET", "/api/v1/stats", "", nil, "X-Request-ID", "bad id\twith <tags>")
	if got := h.Get("X-Request-ID"); got == "" || strings.ContainsAny(got, " <\t") {
		t.Errorf("insane id replaced by %q", got)
	}
	_, h1, _ := ts.call(t, "GET", "/api/v1/stats", "", nil)
	_, h2, body := ts.call(t, "GET", "/api/v1/nothing", "", nil)
	if h1.Get("X-Request-ID") == "" || h1.Get("X-Request-ID") == h2.Get("X-Request-ID") {
		t.Errorf("generated ids %q and %q", h1.Get("X-Request-ID"), h2.Get("X-Request-ID"))
	}
	if errorCode(t, body) != "not_found" {
		t.Errorf("404 body %s", body)
	}
}

func TestMetrics(t *testing.T) {
	const key = "m-key"
	ts := newTestServer(t, func(c *Config) { c.WriteKeys = []string{key} })
	ts.call(t, "GET", "/api/v1/search?q="+url.QueryEscape("القاهرة"), "", nil)
	ts.call(t, "GET", "/api/v1/search?q="+url.QueryEscape("ا*"), "", nil)
	ts.call(t, "GET", "/api/v1/documents/"+url.PathEscape("cairo-metro"), "", nil)
	ts.call(t, "PUT", "/api/v1/documents/m1", key, jsonBody(`{"title":"خبر عن السودان","body":"الخرطوم - نص."}`))
	ts.call(t, "GET", "/nothing/here", "", nil)
	status, h, body := ts.call(t, "GET", "/metrics", "", nil)
	if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/plain") {
		t.Fatalf("metrics: %d %q", status, h.Get("Content-Type"))
	}
	text := string(body)
	for _, want := range []string{
		`fahras_http_requests_total{code="200",method="GET",route="/api/v1/search"} 1`,
		`fahras_http_requests_total{code="400",method="GET",route="/api/v1/search"} 1`,
		`fahras_http_requests_total{code="200",method="GET",route="/api/v1/documents/{id}"} 1`,
		`fahras_http_requests_total{code="201",method="PUT",route="/api/v1/documents/{id}"} 1`,
		`fahras_http_requests_total{code="404",method="GET",route="unmatched"} 1`,
		`fahras_http_request_duration_seconds_bucket{code="200",method="GET",route="/api/v1/search",le="+Inf"} 1`,
		`fahras_documents_indexed_total{status="created"} 1`,
		`fahras_search_duration_seconds_count{outcome="ok"} 1`,
		`fahras_search_duration_seconds_count{outcome="error"} 1`,
		fmt.Sprintf("fahras_index_documents %d", len(testArticles)+1),
		"go_goroutines",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// The OpenAPI document describes exactly the routes the router serves.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	ts := newTestServer(t, nil)
	status, _, body := ts.call(t, "GET", "/api/v1/openapi.json", "", nil)
	if status != 200 {
		t.Fatalf("openapi.json: %d", status)
	}
	var doc struct {
		OpenAPI    string                                `json:"openapi"`
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components map[string]map[string]any             `json:"components"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for path, item := range doc.Paths {
		for method, op := range item {
			if method == "parameters" {
				continue
			}
			documented[strings.ToUpper(method)+" "+path] = true
			var o struct{ Responses map[string]any }
			if err := json.Unmarshal(op, &o); err != nil || len(o.Responses) == 0 {
				t.Errorf("%s %s has no responses", method, path)
			}
		}
	}
	pageFiles := map[string]bool{}
	for name := range testPage {
		pageFiles["/"+name] = true
	}
	served := map[string]bool{}
	err := ts.srv.router.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		tpl, err := route.GetPathTemplate()
		if err != nil {
			return err
		}
		methods, err := route.GetMethods()
		if err != nil {
			return err
		}
		if pageFiles[tpl] {
			return nil // the page's own files, described with "/"
		}
		for _, m := range methods {
			if m == http.MethodHead {
				continue
			}
			served[m+" "+tpl] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for k := range served {
		if !documented[k] {
			t.Errorf("route %s is not in openapi.json", k)
		}
	}
	for k := range documented {
		if !served[k] {
			t.Errorf("openapi.json documents %s, which is not served", k)
		}
	}
	// Every reference resolves.
	var refs []string
	collectRefs(t, body, &refs)
	for _, ref := range refs {
		parts := strings.Split(strings.TrimPrefix(ref, "#/components/"), "/")
		if !strings.HasPrefix(ref, "#/components/") || len(parts) != 2 || doc.Components[parts[0]][parts[1]] == nil {
			t.Errorf("unresolved $ref %s", ref)
		}
	}
	if len(refs) < 20 {
		t.Errorf("only %d references found", len(refs))
	}
}

func collectRefs(t *testing.T, raw []byte, out *[]string) {
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				if s, ok := e.(string); ok && k == "$ref" {
					*out = append(*out, s)
				}
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	walk(v)
	sort.Strings(*out)
	*out = slices.Compact(*out)
}

func TestPage(t *testing.T) {
	ts := newTestServer(t, nil)
	status, h, body := ts.call(t, "GET", "/", "", nil)
	if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/html") || !strings.Contains(string(body), "فهرس") {
		t.Fatalf("/: %d %q %s", status, h.Get("Content-Type"), body)
	}
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe") {
		t.Errorf("CSP %q", csp)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Cache-Control") != "no-cache" {
		t.Errorf("page headers %v", h)
	}
	status, h, _ = ts.call(t, "GET", "/app.js", "", nil)
	if status != 200 || !strings.Contains(h.Get("Content-Type"), "javascript") || !strings.Contains(h.Get("Cache-Control"), "max-age") {
		t.Errorf("app.js: %d %v", status, h)
	}
	etag := h.Get("ETag")
	status, _, _ = ts.call(t, "GET", "/app.js", "", nil, "If-None-Match", etag)
	if etag == "" || status != 304 {
		t.Errorf("revalidation with ETag %q: %d, want 304", etag, status)
	}
	status, h, _ = ts.call(t, "GET", "/style.css", "", nil)
	if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/css") {
		t.Errorf("style.css: %d %q", status, h.Get("Content-Type"))
	}
	// The page's state lives in the query string.
	if status, _, _ = ts.call(t, "GET", "/?q="+url.QueryEscape("بغداد")+"&country=IQ", "", nil); status != 200 {
		t.Errorf("/ with a query string: %d", status)
	}
}

// The built-in page is served when the configuration names none.
func TestBuiltInPage(t *testing.T) {
	ts := newTestServer(t, func(c *Config) { c.Page = nil })
	for _, name := range []string{"/", "/app.js", "/style.css"} {
		if status, _, body := ts.call(t, "GET", name, "", nil); status != 200 || len(body) < 100 {
			t.Errorf("%s: %d, %d bytes", name, status, len(body))
		}
	}
}

// Shutting down lets a request in flight finish: a bulk load still
// sending its body when the server is told to stop is read and answered
// to its end.
func TestGracefulShutdown(t *testing.T) {
	ix, eng, enricher := buildIndex(t)
	srv, err := New(Config{Index: ix, Engine: eng, Enricher: enricher, Page: testPage, WriteKeys: []string{"k"}, BulkBatch: 1})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()

	pr, pw := io.Pipe()
	req, _ := http.NewRequest("POST", "http://"+ln.Addr().String()+"/api/v1/documents/bulk", pr)
	req.Header.Set("Authorization", "Bearer k")
	type answer struct {
		body []byte
		err  error
	}
	answered := make(chan answer, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		answered <- answer{b, err}
	}()
	// The reader looks at the first 8 KB before it reads lines.
	long := strings.Repeat("وتشمل الأعمال ترميم المئذنة الحدباء والمصلى والباحات. ", 100)
	fmt.Fprintln(pw, `{"id":"g1","title":"أول الخبر","body":"الموصل - بدأ العمل في ترميم الجامع النوري. `+long+`"}`)
	// Wait until the first line is written, so the request is surely in flight.
	waitFor(t, "the first line to be written", func() bool {
		_, err := ix.Get(context.Background(), "g1")
		return err == nil
	})
	stop()
	fmt.Fprintln(pw, `{"id":"g2","title":"آخر الخبر","body":"الموصل - انتهت المرحلة الأولى من الترميم."}`)
	pw.Close()

	a := <-answered
	if a.err != nil {
		t.Fatalf("in-flight request: %v", a.err)
	}
	lines, summary := bulkResponse(t, a.body)
	if len(lines) != 2 || summary["created"] != 2.0 {
		t.Errorf("in-flight bulk: %s", a.body)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if _, err := ix.Get(context.Background(), "g2"); err != nil {
		t.Errorf("g2 after shutdown: %v", err)
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		t.Error("the server still answers after shutdown")
	}
}
