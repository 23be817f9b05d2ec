package server

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/fahras/fahras/analyzers"
	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/search"
)

func slogStderr() *slog.Logger { return slog.New(slog.NewTextHandler(os.Stderr, nil)) }

// The API's search answer is the engine's Result, encoded as the command
// line's --json prints it.
func TestSearchMatchesEngine(t *testing.T) {
	ts := newTestServer(t, nil)
	want, err := ts.eng.Search(context.Background(), search.Request{Query: "بغداد", Countries: []string{"IQ"}, Size: 5, Now: mustTime("2023-10-01")})
	if err != nil {
		t.Fatal(err)
	}
	if want.Total != 2 {
		t.Fatalf("fixture check: بغداد in IQ has %d hits, want 2", want.Total)
	}

	get := "/api/v1/search?q=" + url.QueryEscape("بغداد") + "&country=IQ&size=5&now=2023-10-01"
	post := `{"q":"بغداد","country":["IQ"],"size":5,"now":"2023-10-01T00:00:00Z"}`
	for name, call := range map[string]func() (int, http.Header, []byte){
		"GET":  func() (int, http.Header, []byte) { return ts.call(t, "GET", get, "", nil) },
		"POST": func() (int, http.Header, []byte) { return ts.call(t, "POST", "/api/v1/search", "", jsonBody(post)) },
	} {
		status, h, body := call()
		if status != 200 {
			t.Fatalf("%s: status %d: %s", name, status, body)
		}
		if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s: Content-Type %q", name, ct)
		}
		got := decode[search.Result](t, body)
		got.TookMS, want.TookMS = 0, 0
		if !sameJSON(t, got, want) {
			t.Errorf("%s: result differs from the engine's:\n got %s\nwant %s", name, mustJSON(got), mustJSON(want))
		}
		// HTML in highlights is not escaped as \u003c, as with --json.
		if !bytes.Contains(body, []byte("<mark>")) {
			t.Errorf("%s: highlights should carry literal <mark> tags: %s", name, body)
		}
	}
}

func TestSearchParameters(t *testing.T) {
	ts := newTestServer(t, nil)
	// Repeatable filters, sort, size and paging by cursor.
	status, _, body := ts.call(t, "GET", "/api/v1/search?category="+url.QueryEscape("اقتصاد")+"&category="+url.QueryEscape("طقس")+"&sort=oldest&size=2&no_facets=true", "", nil)
	if status != 200 {
		t.Fatalf("status %d: %s", status, body)
	}
	res := decode[search.Result](t, body)
	if res.Total != 3 || len(res.Hits) != 2 || res.Facets != nil {
		t.Fatalf("total %d, %d hits, facets %v; want 3, 2, none", res.Total, len(res.Hits), res.Facets != nil)
	}
	if res.Hits[0].ID != "cairo-metro" || res.Hits[1].ID != "beirut-port" {
		t.Errorf("oldest first: got %s, %s", res.Hits[0].ID, res.Hits[1].ID)
	}
	if len(res.SearchAfter) == 0 {
		t.Fatal("no cursor for the next page")
	}
	next := "/api/v1/search?category=" + url.QueryEscape("اقتصاد") + "&category=" + url.QueryEscape("طقس") +
		"&sort=oldest&size=2&no_facets&search_after=" + url.QueryEscape(strings.Join(res.SearchAfter, ","))
	status, _, body = ts.call(t, "GET", next, "", nil)
	if status != 200 {
		t.Fatalf("next page: status %d: %s", status, body)
	}
	res = decode[search.Result](t, body)
	if len(res.Hits) != 1 || res.Hits[0].ID != "cairo-heat" {
		t.Errorf("next page: %+v", res.Hits)
	}
}

func TestSuggestFacetsAnalyzeStats(t *testing.T) {
	ts := newTestServer(t, nil)

	status, _, body := ts.call(t, "GET", "/api/v1/suggest?q="+url.QueryEscape("معر"), "", nil)
	if status != 200 {
		t.Fatalf("suggest: %d %s", status, body)
	}
	sugg := decode[struct{ Suggestions []search.Completion }](t, body)
	if !slices.ContainsFunc(sugg.Suggestions, func(c search.Completion) bool { return strings.Contains(c.Text, "معرض") }) {
		t.Errorf("suggest معر: want a completion with معرض, got %+v", sugg.Suggestions)
	}

	status, _, body = ts.call(t, "GET", "/api/v1/facets/places?level=country&prefix="+url.QueryEscape("مص"), "", nil)
	if status != 200 {
		t.Fatalf("facets: %d %s", status, body)
	}
	fv := decode[struct {
		Facet  string
		Values []search.PlaceNode
	}](t, body)
	if fv.Facet != "places" || len(fv.Values) != 1 || fv.Values[0].ID != "EG" || fv.Values[0].Count != 2 || fv.Values[0].Name != "مصر" {
		t.Errorf("facet places, level country, prefix مص: %+v, want EG with 2", fv)
	}
	// The filters apply to the other facets' values.
	status, _, body = ts.call(t, "GET", "/api/v1/facets/sources?q="+url.QueryEscape("بغداد"), "", nil)
	sv := decode[struct {
		Facet  string
		Values []search.Bucket
	}](t, body)
	if status != 200 || len(sv.Values) != 1 || sv.Values[0].Value != "وكالة الرافدين" {
		t.Errorf("sources of بغداد: %d %+v", status, sv.Values)
	}

	status, _, body = ts.call(t, "POST", "/api/v1/analyze", "", jsonBody(`{"text":"وبالمدينة، الكتب","analyzer":"ar"}`))
	if status != 200 {
		t.Fatalf("analyze: %d %s", status, body)
	}
	toks := decode[[]analyzers.ExplainedToken](t, body)
	if len(toks) != 2 {
		t.Fatalf("analyze: %+v", toks)
	}
	// Offsets count runes: "وبالمدينة" is 9 runes, then "، " and "الكتب".
	if toks[0].Surface != "وبالمدينة" || toks[0].Start != 0 || toks[0].End != 9 || toks[0].Position != 1 {
		t.Errorf("first token %+v", toks[0])
	}
	if toks[1].Surface != "الكتب" || toks[1].Start != 11 || toks[1].End != 16 || toks[1].Position != 2 {
		t.Errorf("second token %+v", toks[1])
	}
	if toks[0].Term == toks[0].Surface {
		t.Errorf("ar should stem وبالمدينة, got %q", toks[0].Term)
	}
	status, _, body = ts.call(t, "POST", "/api/v1/analyze", "", jsonBody(`{"text":"وبالمدينة","analyzer":"ar_exact"}`))
	toks = decode[[]analyzers.ExplainedToken](t, body)
	if status != 200 || len(toks) != 1 || toks[0].Term != "وبالمدينه" {
		t.Errorf("ar_exact: %d %+v, want the normalized unstemmed word", status, toks)
	}

	status, _, body = ts.call(t, "GET", "/api/v1/stats", "", nil)
	if status != 200 {
		t.Fatalf("stats: %d %s", status, body)
	}
	st := decode[statsJSON](t, body)
	if st.Documents != uint64(len(testArticles)) || st.Shards != 2 || st.IndexSizeBytes <= 0 || st.GazetteerPlaces < 100 || st.LastUpdate.IsZero() {
		t.Errorf("stats %+v", st)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	ix, eng, enricher := buildIndex(t)
	srv, err := New(Config{Index: ix, Engine: eng, Enricher: enricher, Page: testPage})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	get := func(path string) int {
		rec := newRecorder()
		h.ServeHTTP(rec, mustRequest("GET", path, nil))
		return rec.Code
	}
	for _, p := range []string{"/healthz", "/api/v1/healthz"} {
		if c := get(p); c != 200 {
			t.Errorf("%s before warming: %d", p, c)
		}
	}
	for _, p := range []string{"/readyz", "/api/v1/readyz"} {
		if c := get(p); c != 503 {
			t.Errorf("%s before warming: %d, want 503", p, c)
		}
	}
	if err := srv.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/readyz", "/api/v1/readyz"} {
		if c := get(p); c != 200 {
			t.Errorf("%s after warming: %d, want 200", p, c)
		}
	}
}

func TestDocuments(t *testing.T) {
	const key = "write-key-1"
	ts := newTestServer(t, func(c *Config) { c.WriteKeys = []string{key} })
	doc := `{
  "title": "مهرجان جرش يعود بدورته الجديدة",
  "body": "عمان - أعلنت إدارة مهرجان جرش للثقافة والفنون برنامج دورتها الجديدة،\nوتشارك فيها فرق من عشر دول عربية.",
  "source": "الرأي الأردني", "category": "ثقافة", "published": "2023-07-20"
}`
	// PUT creates under the path's ID, which may hold a slash.
	path := "/api/v1/documents/" + url.PathEscape("jo/jerash-festival")
	status, h, body := ts.call(t, "PUT", path, key, jsonBody(doc))
	if status != 201 {
		t.Fatalf("PUT: %d %s", status, body)
	}
	wr := decode[index.WriteResult](t, body)
	if wr.ID != "jo/jerash-festival" || wr.Status != index.Created {
		t.Errorf("PUT result %+v", wr)
	}
	if loc := h.Get("Location"); loc != "/api/v1/documents/jo%2Fjerash-festival" {
		t.Errorf("Location %q", loc)
	}
	status, _, body = ts.call(t, "PUT", path, key, jsonBody(doc))
	if wr = decode[index.WriteResult](t, body); status != 200 || wr.Status != index.Unchanged {
		t.Errorf("PUT again: %d %+v, want 200 unchanged", status, wr)
	}
	changed := strings.Replace(doc, "عشر دول", "اثنتي عشرة دولة", 1)
	status, _, body = ts.call(t, "PUT", path, key, jsonBody(changed))
	if wr = decode[index.WriteResult](t, body); status != 200 || wr.Status != index.Updated {
		t.Errorf("PUT changed: %d %+v, want 200 updated", status, wr)
	}

	status, _, body = ts.call(t, "GET", path, "", nil)
	if status != 200 {
		t.Fatalf("GET: %d %s", status, body)
	}
	got := decode[article.View](t, body)
	if got.ID != "jo/jerash-festival" || got.Title != "مهرجان جرش يعود بدورته الجديدة" || !strings.Contains(got.Body, "اثنتي عشرة") ||
		got.Published == nil || !strings.HasPrefix(*got.Published, "2023-07-20") || got.Source != "الرأي الأردني" {
		t.Errorf("GET: %+v", got)
	}
	if got.Dateline == nil || got.Dateline.Country != "JO" {
		t.Errorf("GET: dateline %+v, want Amman in JO", got.Dateline)
	}

	// The new article is searchable at once.
	status, _, body = ts.call(t, "GET", "/api/v1/search?q="+url.QueryEscape("مهرجان جرش"), "", nil)
	if res := decode[search.Result](t, body); status != 200 || res.Total != 1 || res.Hits[0].ID != "jo/jerash-festival" {
		t.Errorf("search after PUT: %d %s", status, body)
	}

	// POST derives an ID from the URL; aliases of the JSON Lines schema work.
	post := `{"url":"https://example.com/news/1","headline":null,"title":"أمطار غزيرة في بيروت","text":"بيروت - هطلت أمطار غزيرة على العاصمة اللبنانية ليل الثلاثاء.","site":"صدى لبنان","date":"2023-11-07"}`
	status, h, body = ts.call(t, "POST", "/api/v1/documents", key, jsonBody(post))
	if status != 201 {
		t.Fatalf("POST: %d %s", status, body)
	}
	wr = decode[index.WriteResult](t, body)
	if wr.ID == "" || h.Get("Location") != "/api/v1/documents/"+url.PathEscape(wr.ID) {
		t.Errorf("POST: %+v, Location %q", wr, h.Get("Location"))
	}
	status, _, body = ts.call(t, "GET", "/api/v1/documents/"+url.PathEscape(wr.ID), "", nil)
	if got = decode[article.View](t, body); status != 200 || got.Source != "صدى لبنان" || !strings.Contains(got.Body, "أمطار غزيرة") {
		t.Errorf("GET posted: %d %+v", status, got)
	}

	status, _, body = ts.call(t, "DELETE", path, key, nil)
	if status != 200 || !bytes.Contains(body, []byte(`"deleted":true`)) {
		t.Errorf("DELETE: %d %s", status, body)
	}
	status, _, body = ts.call(t, "GET", path, "", nil)
	if status != 404 || errorCode(t, body) != "not_found" {
		t.Errorf("GET deleted: %d %s", status, body)
	}
	status, _, body = ts.call(t, "DELETE", path, key, nil)
	if status != 404 || errorCode(t, body) != "not_found" {
		t.Errorf("DELETE again: %d %s", status, body)
	}
}

// Every class of bad request gets its 4xx status and a stable code.
func TestBadRequests(t *testing.T) {
	const key = "k-write"
	ts := newTestServer(t, func(c *Config) { c.WriteKeys = []string{key} })
	long := strings.Repeat("x", 600)
	big := `{"q":"` + strings.Repeat("ب", 40<<10) + `"}`
	tests := []struct {
		name, method, path, key, body string
		headers                       []string
		status                        int
		code                          string
	}{
		{"size not a number", "GET", "/api/v1/search?size=ten", "", "", nil, 400, "invalid_type"},
		{"size too large", "GET", "/api/v1/search?size=1000", "", "", nil, 400, "invalid_size"},
		{"negative page", "GET", "/api/v1/search?page=-1", "", "", nil, 400, "invalid_page"},
		{"page beyond the cap", "GET", "/api/v1/search?q=x&page=2000&size=10", "", "", nil, 400, "page_too_deep"},
		{"bad sort", "GET", "/api/v1/search?sort=random", "", "", nil, 400, "invalid_sort"},
		{"bad date", "GET", "/api/v1/search?from=2023-13-45", "", "", nil, 400, "invalid_date"},
		{"dates reversed", "GET", "/api/v1/search?from=2023-05-01&to=2023-01-01", "", "", nil, 400, "invalid_date"},
		{"bad now", "GET", "/api/v1/search?now=yesterday", "", "", nil, 400, "invalid_date"},
		{"bad boolean", "GET", "/api/v1/search?no_facets=maybe", "", "", nil, 400, "invalid_type"},
		{"repeated scalar", "GET", "/api/v1/search?q=a&q=b", "", "", nil, 400, "invalid_parameter"},
		{"unknown parameter", "GET", "/api/v1/search?qq=a", "", "", nil, 400, "unknown_parameter"},
		{"invalid UTF-8 in query", "GET", "/api/v1/search?q=%FF%FE", "", "", nil, 400, "invalid_utf8"},
		{"undecodable query string", "GET", "/api/v1/search?q=%G1", "", "", nil, 400, "invalid_query_string"},
		{"bad cursor", "GET", "/api/v1/search?q=x&search_after=a,b", "", "", nil, 400, "invalid_cursor"},
		{"bad facet size", "GET", "/api/v1/search?facet_size=501", "", "", nil, 400, "invalid_facet_size"},
		{"malformed JSON", "POST", "/api/v1/search", "", `{"q":`, nil, 400, "malformed_json"},
		{"JSON syntax error", "POST", "/api/v1/search", "", `{"q" "x"}`, nil, 400, "malformed_json"},
		{"wrong type", "POST", "/api/v1/search", "", `{"size":"ten"}`, nil, 400, "invalid_type"},
		{"not an object", "POST", "/api/v1/search", "", `["q"]`, nil, 400, "invalid_type"},
		{"unknown field", "POST", "/api/v1/search", "", `{"query":"بغداد"}`, nil, 400, "unknown_field"},
		{"two JSON values", "POST", "/api/v1/search", "", `{"q":"a"} {"q":"b"}`, nil, 400, "malformed_json"},
		{"invalid UTF-8 body", "POST", "/api/v1/search", "", "{\"q\":\"\xff\"}", nil, 400, "invalid_utf8"},
		{"empty body", "POST", "/api/v1/search", "", "", nil, 400, "empty_body"},
		{"bad time in body", "POST", "/api/v1/search", "", `{"now":"yesterday"}`, nil, 400, "invalid_date"},
		{"not JSON", "POST", "/api/v1/search", "", `q=x`, []string{"Content-Type", "application/x-www-form-urlencoded"}, 415, "unsupported_media_type"},
		{"body over the limit", "POST", "/api/v1/search", "", big, nil, 413, "body_too_large"},
		{"page beyond the cap (POST)", "POST", "/api/v1/search", "", `{"q":"x","page":101,"size":100}`, nil, 400, "page_too_deep"},
		{"unknown facet", "GET", "/api/v1/facets/colour", "", "", nil, 400, "unknown_facet"},
		{"facet size", "GET", "/api/v1/facets/sources?size=-3", "", "", nil, 400, "invalid_size"},
		{"suggest size", "GET", "/api/v1/suggest?q=ab&size=500", "", "", nil, 400, "invalid_size"},
		{"suggest too long", "GET", "/api/v1/suggest?q=" + strings.Repeat("a", 300), "", "", nil, 400, "too_long"},
		{"unknown analyzer", "POST", "/api/v1/analyze", "", `{"text":"نص","analyzer":"klingon"}`, nil, 400, "unknown_analyzer"},
		{"analyze wrong type", "POST", "/api/v1/analyze", "", `{"text":5}`, nil, 400, "invalid_type"},
		{"id too long", "GET", "/api/v1/documents/" + long, "", "", nil, 400, "invalid_id"},
		{"id with a control character", "GET", "/api/v1/documents/a%00b", "", "", nil, 400, "invalid_id"},
		{"id not UTF-8", "GET", "/api/v1/documents/a%FFb", "", "", nil, 400, "invalid_utf8"},
		{"id with spaces around", "GET", "/api/v1/documents/%20a", "", "", nil, 400, "invalid_id"},
		{"missing document", "GET", "/api/v1/documents/no-such-article", "", "", nil, 404, "not_found"},
		{"unknown route", "GET", "/api/v1/nothing", "", "", nil, 404, "not_found"},
		{"unknown page file", "GET", "/secret.txt", "", "", nil, 404, "not_found"},
		{"wrong method", "DELETE", "/api/v1/search", "", "", nil, 405, "method_not_allowed"},
		{"wrong method on documents", "GET", "/api/v1/documents", "", "", nil, 405, "method_not_allowed"},
		{"document without text", "POST", "/api/v1/documents", key, `{"id":"empty","source":"لا أحد"}`, nil, 400, "invalid_document"},
		{"document not an object", "POST", "/api/v1/documents", key, `["عنوان"]`, nil, 400, "malformed_json"},
		{"document malformed", "POST", "/api/v1/documents", key, `{"title":"عنوان",}`, nil, 400, "malformed_json"},
		{"document over the limit", "POST", "/api/v1/documents", key, `{"title":"` + strings.Repeat("ع", 40<<10) + `"}`, nil, 413, "body_too_large"},
		{"document id too long", "POST", "/api/v1/documents", key, `{"id":"` + long + `","title":"عنوان"}`, nil, 400, "invalid_id"},
		{"put id mismatch", "PUT", "/api/v1/documents/a1", key, `{"id":"b2","title":"عنوان"}`, nil, 400, "id_mismatch"},
		{"put invalid id", "PUT", "/api/v1/documents/a%01", key, `{"title":"عنوان"}`, nil, 400, "invalid_id"},
		{"put invalid UTF-8", "PUT", "/api/v1/documents/a1", key, "{\"title\":\"\xc3\x28\"}", nil, 400, "invalid_utf8"},
		{"bulk not NDJSON", "POST", "/api/v1/documents/bulk", key, `<xml/>`, []string{"Content-Type", "application/xml"}, 415, "unsupported_media_type"},
		{"bulk empty", "POST", "/api/v1/documents/bulk", key, "\n\n", nil, 400, "empty_body"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var body *strings.Reader
			if tc.body != "" {
				body = strings.NewReader(tc.body)
			}
			var status int
			var h http.Header
			var raw []byte
			if body == nil {
				status, h, raw = ts.call(t, tc.method, tc.path, tc.key, nil, tc.headers...)
			} else {
				status, h, raw = ts.call(t, tc.method, tc.path, tc.key, body, tc.headers...)
			}
			if status != tc.status {
				t.Errorf("status %d, want %d: %s", status, tc.status, raw)
			}
			if code := errorCode(t, raw); code != tc.code {
				t.Errorf("code %q, want %q: %s", code, tc.code, raw)
			}
			if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			if tc.status == 405 && h.Get("Allow") == "" {
				t.Error("405 without an Allow header")
			}
		})
	}
}

func TestTimeout(t *testing.T) {
	ts := newTestServer(t, func(c *Config) { c.RequestTimeout = 1 }) // one nanosecond
	status, _, body := ts.call(t, "GET", "/api/v1/search?q="+url.QueryEscape("بغداد"), "", nil)
	if status != 504 || errorCode(t, body) != "timeout" {
		t.Errorf("status %d: %s, want 504 timeout", status, body)
	}
}

func TestMethodNotAllowedListsMethods(t *testing.T) {
	ts := newTestServer(t, nil)
	status, h, _ := ts.call(t, "PATCH", "/api/v1/documents/x", "", nil)
	if status != 405 || h.Get("Allow") != "GET, PUT, DELETE" {
		t.Errorf("status %d, Allow %q; want 405 and GET, PUT, DELETE", status, h.Get("Allow"))
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func sameJSON(t *testing.T, a, b any) bool {
	t.Helper()
	return mustJSON(a) == mustJSON(b)
}
