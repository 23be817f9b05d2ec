package server

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fahras/fahras/search"
)

// payload is a request body: opened afresh for each request, so that
// 100 MB bodies are generated as they are sent, never held in memory.
type payload struct {
	open func() io.Reader
	// size is the Content-Length to declare; -1 sends the body chunked.
	size int64
	// halfClose ends the client's side of the connection after the body,
	// so a server waiting for more (a Content-Length the body does not
	// reach) sees the end of the stream.
	halfClose bool
}

func text(s string) *payload {
	return &payload{open: func() io.Reader { return strings.NewReader(s) }, size: int64(len(s))}
}

// repeated is prefix, then unit repeated to fill n bytes, then suffix,
// declared with its length.
func repeated(prefix, unit string, n int64, suffix string) *payload {
	return &payload{
		open: func() io.Reader {
			return io.MultiReader(strings.NewReader(prefix), &repeatReader{unit: unit, left: n}, strings.NewReader(suffix))
		},
		size: int64(len(prefix)) + n + int64(len(suffix)),
	}
}

func chunked(p *payload) *payload { q := *p; q.size = -1; return &q }

// repeatReader yields left bytes of unit, repeated.
type repeatReader struct {
	unit string
	off  int
	left int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > r.left {
		p = p[:r.left]
	}
	n := 0
	for n < len(p) {
		k := copy(p[n:], r.unit[r.off:])
		n += k
		r.off = (r.off + k) % len(r.unit)
	}
	r.left -= int64(n)
	return n, nil
}

func nested(open, close string, depth int) string {
	return strings.Repeat(open, depth) + strings.Repeat(close, depth)
}

// gzipped compresses n bytes of unit repeated: a small body that grows
// n-fold when decompressed.
func gzipped(unit string, n int64) *payload {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = io.Copy(zw, &repeatReader{unit: unit, left: n})
	_ = zw.Close()
	raw := buf.Bytes()
	return &payload{open: func() io.Reader { return bytes.NewReader(raw) }, size: int64(len(raw))}
}

// hostileCase is one raw HTTP request and what the server must answer.
type hostileCase struct {
	name   string
	method string
	target string   // the request-target, written as is (bytes and all)
	header []string // header lines, written as is
	key    string   // sent as a bearer key when set
	body   *payload

	status int
	// code is the JSON error code expected; "" expects no error body, and
	// netHTTP expects net/http's own plain-text refusal (the request
	// never reaches the handler).
	code  string
	check func(t *testing.T, h http.Header, body []byte)
	// maxAlloc, when set, bounds the bytes the whole process allocates
	// while the request is served.
	maxAlloc uint64
}

const netHTTP = "net/http"

// rawCall sends tc on a new connection and reads the answer.
func rawCall(t *testing.T, addr string, tc hostileCase) (*http.Response, []byte) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(2 * time.Minute))

	var head strings.Builder
	fmt.Fprintf(&head, "%s %s HTTP/1.1\r\nHost: %s\r\n", tc.method, tc.target, addr)
	framed := false
	for _, h := range tc.header {
		name, _, _ := strings.Cut(h, ":")
		if strings.EqualFold(name, "Content-Length") || strings.EqualFold(name, "Transfer-Encoding") {
			framed = true
		}
		head.WriteString(h + "\r\n")
	}
	if tc.key != "" {
		head.WriteString("Authorization: Bearer " + tc.key + "\r\n")
	}
	if tc.body != nil && !framed {
		if tc.body.size < 0 {
			head.WriteString("Transfer-Encoding: chunked\r\n")
		} else {
			fmt.Fprintf(&head, "Content-Length: %d\r\n", tc.body.size)
		}
	}
	head.WriteString("Connection: close\r\n\r\n")

	// The body goes out while the answer is read: the server may answer
	// (and stop reading) long before a huge body ends.
	sent := make(chan struct{})
	go func() {
		defer close(sent)
		w := bufio.NewWriterSize(conn, 64<<10)
		if _, err := io.WriteString(w, head.String()); err != nil {
			return
		}
		if tc.body != nil {
			var dst io.Writer = w
			var cw io.WriteCloser
			if tc.body.size < 0 && !framed {
				cw = httputil.NewChunkedWriter(w)
				dst = cw
			}
			if _, err := io.Copy(dst, tc.body.open()); err != nil {
				return
			}
			if cw != nil {
				if cw.Close() != nil {
					return
				}
				if _, err := io.WriteString(w, "\r\n"); err != nil {
					return
				}
			}
		}
		if w.Flush() != nil {
			return
		}
		if tc.body != nil && tc.body.halfClose {
			_ = conn.(*net.TCPConn).CloseWrite()
		}
	}()
	defer func() { conn.Close(); <-sent }()

	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: tc.method})
	if err != nil {
		t.Fatalf("no answer: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		t.Fatalf("read the answer: %v", err)
	}
	return resp, body
}

// hostileServer serves the fixture index on loopback with Serve, so that
// net/http's own limits (header size, framing) are those of production.
func hostileServer(t *testing.T, key string) string {
	t.Helper()
	ix, eng, enricher := buildIndex(t)
	srv, err := New(Config{
		Index: ix, Engine: eng, Enricher: enricher, Page: testPage,
		WriteKeys: []string{key}, RateLimit: -1, KeyRateLimit: -1,
		// The default single-body limit (10 MB); bulk loads get more, but
		// less than the default gigabyte, to keep the gzip case short.
		MaxBulkBytes: 128 << 20,
		BulkBatch:    10,
	})
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
	t.Cleanup(func() {
		stop()
		if err := <-served; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return ln.Addr().String()
}

// snapshot is every stored document, as GET returns it.
func snapshot(t *testing.T, base string) map[string]string {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/search?no_facets&no_highlight&size=100")
	if err != nil {
		t.Fatal(err)
	}
	var res search.Result
	err = json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("list the documents: %d %v", resp.StatusCode, err)
	}
	docs := map[string]string{}
	for _, h := range res.Hits {
		resp, err := http.Get(base + "/api/v1/documents/" + url.PathEscape(h.ID))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", h.ID, resp.StatusCode, raw)
		}
		docs[h.ID] = string(raw)
	}
	if uint64(len(docs)) != res.Total {
		t.Fatalf("listed %d of %d documents", len(docs), res.Total)
	}
	return docs
}

// bulkLines checks a streamed bulk answer: the result (or error code) of
// each line, then the summary.
func bulkLines(want []string, sumErr string) func(t *testing.T, h http.Header, body []byte) {
	return func(t *testing.T, h http.Header, body []byte) {
		lines, sum := bulkResponse(t, body)
		var got []string
		for _, l := range lines {
			if e, ok := l["error"].(map[string]any); ok {
				got = append(got, fmt.Sprint(e["code"]))
			} else {
				got = append(got, fmt.Sprint(l["status"]))
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("line results %v, want %v", got, want)
		}
		code := ""
		if e, ok := sum["error"].(map[string]any); ok {
			code = fmt.Sprint(e["code"])
		}
		if code != sumErr {
			t.Errorf("summary error %q, want %q: %v", code, sumErr, sum)
		}
	}
}

// warns expects a successful search whose answer explains what it
// ignored.
func warns(t *testing.T, _ http.Header, body []byte) {
	var res search.Result
	if err := json.Unmarshal(body, &res); err != nil {
		t.Fatalf("search answer: %v", err)
	}
	if len(res.Warnings) == 0 {
		t.Errorf("no warning for a repaired query: %s", body)
	}
}

func noHeader(name string) func(t *testing.T, h http.Header, body []byte) {
	return func(t *testing.T, h http.Header, _ []byte) {
		if v := h.Values(name); len(v) > 0 {
			t.Errorf("the answer carries %s: %q", name, v)
		}
	}
}

// TestHostileRequests sends malformed, oversized and malicious requests
// over raw connections. Each gets its 4xx JSON error (or net/http's own
// refusal, for requests it cannot parse), the server stays healthy after
// each, and no stored document is lost or changed.
func TestHostileRequests(t *testing.T) {
	const key = "hostile-write-key"
	addr := hostileServer(t, key)
	base := "http://" + addr
	before := snapshot(t, base)
	if len(before) != len(testArticles) {
		t.Fatalf("fixture: %d documents", len(before))
	}

	const big = 100 << 20 // 100 MB
	const limit = DefaultMaxBodyBytes
	article := `{"title":"خبر عادي عن بغداد","body":"بغداد - نص قصير عن جسر جديد."}`
	tooBig := func(t *testing.T, _ http.Header, body []byte) {
		if !strings.Contains(string(body), fmt.Sprint(limit)) {
			t.Errorf("the error does not name the limit: %s", body)
		}
	}
	orTerms := make([]string, 3000)
	for i := range orTerms {
		orTerms[i] = fmt.Sprintf("ك%d", i)
	}
	fuzzyOr := strings.Repeat("الانتخابات~2 OR ", 40) + "الانتخابات~2"

	tests := []hostileCase{
		// Deeply nested and malformed JSON.
		{name: "search: 100k nested arrays", method: "POST", target: "/api/v1/search", body: text(nested("[", "]", 100_000)), status: 400, code: "malformed_json"},
		{name: "search: 100k nested objects", method: "POST", target: "/api/v1/search", body: text(strings.Repeat(`{"q":`, 100_000) + `"x"` + strings.Repeat("}", 100_000)), status: 400, code: "malformed_json"},
		{name: "document: 100k nested arrays in a field", method: "PUT", target: "/api/v1/documents/nested-1", key: key, body: text(`{"title":"عنوان","body":` + nested("[", "]", 100_000) + `}`), status: 400, code: "malformed_json"},
		{name: "analyze: 100k nested objects", method: "POST", target: "/api/v1/analyze", body: text(strings.Repeat(`{"text":`, 100_000)), status: 400, code: "malformed_json"},
		{name: "bulk: a line of 100k nested arrays", method: "POST", target: "/api/v1/documents/bulk", key: key, body: text(`{"title":"عنوان","body":` + nested("[", "]", 100_000) + "}\n"), status: 200, check: bulkLines([]string{"malformed_json"}, "")},
		{name: "search: unterminated string", method: "POST", target: "/api/v1/search", body: text(`{"q":"بغداد`), status: 400, code: "malformed_json"},
		{name: "document: a bare string", method: "PUT", target: "/api/v1/documents/str-1", key: key, body: text(`"عنوان فقط"`), status: 400, code: "malformed_json"},

		// Wrong types.
		{name: "size 1e400", method: "POST", target: "/api/v1/search", body: text(`{"size":1e400}`), status: 400, code: "invalid_type"},
		{name: "size 2.5", method: "POST", target: "/api/v1/search", body: text(`{"size":2.5}`), status: 400, code: "invalid_type"},
		{name: "page beyond int64", method: "POST", target: "/api/v1/search", body: text(`{"page":9223372036854775808}`), status: 400, code: "invalid_type"},
		{name: "country as a string", method: "POST", target: "/api/v1/search", body: text(`{"country":"IQ"}`), status: 400, code: "invalid_type"},
		{name: "q as an array", method: "POST", target: "/api/v1/search", body: text(`{"q":["بغداد"]}`), status: 400, code: "invalid_type"},
		{name: "no_facets as a string", method: "POST", target: "/api/v1/search", body: text(`{"no_facets":"yes"}`), status: 400, code: "invalid_type"},
		{name: "document: title and body as objects", method: "PUT", target: "/api/v1/documents/obj-1", key: key, body: text(`{"title":{"ar":"عنوان"},"body":{"ar":"نص"}}`), status: 400, code: "invalid_document"},
		{name: "document: numeric id differs from the path", method: "PUT", target: "/api/v1/documents/a1", key: key, body: text(`{"id":12345,"title":"عنوان"}`), status: 400, code: "id_mismatch"},

		// Invalid UTF-8 in the path, the query, the body and the headers.
		{name: "raw 0xFF byte in the path", method: "GET", target: "/api/v1/documents/a\xffb", status: 400, code: "invalid_utf8"},
		{name: "overlong slash in the id", method: "GET", target: "/api/v1/documents/..%C0%AF..%C0%AFetc%C0%AFpasswd", status: 400, code: "invalid_utf8"},
		{name: "raw 0xFF byte in the query", method: "GET", target: "/api/v1/search?q=\xff\xfe", status: 400, code: "invalid_utf8"},
		{name: "surrogate half in the query", method: "GET", target: "/api/v1/search?q=%ED%A0%80", status: 400, code: "invalid_utf8"},
		{name: "invalid UTF-8 in a parameter name", method: "GET", target: "/api/v1/search?%FF=1", status: 400, code: "invalid_utf8"},
		{name: "overlong encoding in an analyze body", method: "POST", target: "/api/v1/analyze", body: text("{\"text\":\"\xc0\xaf\"}"), status: 400, code: "invalid_utf8"},
		{name: "invalid UTF-8 in a bearer key", method: "DELETE", target: "/api/v1/documents/baghdad-bridge", header: []string{"Authorization: Bearer \xff\xfe"}, status: 403, code: "invalid_api_key"},
		{name: "invalid UTF-8 in the Content-Type", method: "POST", target: "/api/v1/search", header: []string{"Content-Type: application/\xff"}, body: text(`{"q":"بغداد"}`), status: 415, code: "unsupported_media_type"},
		{name: "invalid UTF-8 in X-Request-ID", method: "GET", target: "/healthz", header: []string{"X-Request-ID: \xff\xfe"}, status: 200,
			check: func(t *testing.T, h http.Header, _ []byte) {
				if id := h.Get("X-Request-ID"); !saneRequestID(id) {
					t.Errorf("X-Request-ID %q echoed", id)
				}
			}},

		// 100 MB bodies, streamed.
		{name: "search: 100 MB declared", method: "POST", target: "/api/v1/search", body: repeated(`{"q":"`, "بغداد ", big, `"}`), status: 413, code: "body_too_large", check: tooBig, maxAlloc: 32 << 20},
		{name: "search: 100 MB chunked", method: "POST", target: "/api/v1/search", body: chunked(repeated(`{"q":"`, "بغداد ", big, `"}`)), status: 413, code: "body_too_large", check: tooBig, maxAlloc: 64 << 20},
		{name: "document: 100 MB declared", method: "PUT", target: "/api/v1/documents/huge-1", key: key, body: repeated(`{"title":"`, "عنوان طويل ", big, `"}`), status: 413, code: "body_too_large", maxAlloc: 32 << 20},
		{name: "document: 100 MB chunked", method: "PUT", target: "/api/v1/documents/huge-2", key: key, body: chunked(repeated(`{"title":"`, "عنوان طويل ", big, `"}`)), status: 413, code: "body_too_large", maxAlloc: 64 << 20},
		{name: "analyze: 100 MB chunked", method: "POST", target: "/api/v1/analyze", body: chunked(repeated(`{"text":"`, "نص ", big, `"}`)), status: 413, code: "body_too_large", maxAlloc: 64 << 20},
		{name: "bulk: a good line, then a 100 MB line", method: "POST", target: "/api/v1/documents/bulk", key: key,
			body: chunked(repeated(`{"id":"bulk-before-huge","title":"خبر قبل السطر الكبير","body":"بغداد - نص قصير قبل سطر هائل."}`+"\n"+`{"title":"`, "عنوان ", big, "\"}\n")),
			// The line is skipped as it streams: what is allocated is bounded
			// by the line limit (10 MB), not by the body.
			status: 200, check: bulkLines([]string{"created", "line_too_large"}, ""), maxAlloc: 96 << 20},
		{name: "bulk: 2 GB declared", method: "POST", target: "/api/v1/documents/bulk", key: key, header: []string{"Content-Length: 2147483648"}, body: text(article + "\n"), status: 413, code: "body_too_large"},
		{name: "bulk: gzip that inflates past the bulk limit", method: "POST", target: "/api/v1/documents/bulk", key: key, body: gzipped(" ", 160<<20), status: 200, check: bulkLines(nil, "body_too_large")},

		// Huge sizes and pages.
		{name: "size beyond int64", method: "GET", target: "/api/v1/search?size=99999999999999999999", status: 400, code: "invalid_type"},
		{name: "page × size overflowing to zero", method: "GET", target: "/api/v1/search?q=x&page=4611686018427387904&size=4", status: 400, code: "invalid_page"},
		{name: "page × size overflowing to a negative", method: "POST", target: "/api/v1/search", body: text(`{"page":9223372036854775807,"size":2}`), status: 400, code: "invalid_page"},
		{name: "facet_size 2^31", method: "GET", target: "/api/v1/search?facet_size=2147483648", status: 400, code: "invalid_facet_size"},
		{name: "facet values size 10^9", method: "GET", target: "/api/v1/facets/sources?size=1000000000", status: 400, code: "invalid_size"},
		{name: "suggest size -1", method: "GET", target: "/api/v1/suggest?q=ab&size=-1", status: 400, code: "invalid_size"},

		// Wildcard, fuzzy and size bombs in the query.
		// A query that searches for nothing is refused, with the reason.
		{name: "query *", method: "GET", target: "/api/v1/search?q=*", status: 400, code: "empty_query"},
		{name: "query a*", method: "GET", target: "/api/v1/search?q=a*", status: 400, code: "empty_query"},
		{name: "query ا*", method: "GET", target: "/api/v1/search?q=" + url.QueryEscape("ا*"), status: 400, code: "empty_query"},
		{name: "query ا* beside a word", method: "GET", target: "/api/v1/search?q=" + url.QueryEscape("ا* بغداد"), status: 200, check: warns},
		{name: "query ال* with fuzziness", method: "GET", target: "/api/v1/search?q=" + url.QueryEscape("ال*~2 *ال"), status: 200},
		{name: "a storm of ~", method: "GET", target: "/api/v1/search?q=" + strings.Repeat("~", 900), status: 400, code: "empty_query"},
		{name: "a storm of fuzzy words", method: "GET", target: "/api/v1/search?q=" + url.QueryEscape(strings.Repeat("بغداد~2 ", 120)), status: 400, code: "too_many_terms"},
		{name: "tildes and stars between words", method: "GET", target: "/api/v1/search?q=" + url.QueryEscape(strings.Repeat("بغداد~*~ ", 40)), status: 200},
		{name: "a 10,000-character query", method: "GET", target: "/api/v1/search?q=" + url.QueryEscape(strings.Repeat("بغداد ", 1667)), status: 400, code: "too_long"},
		{name: "3,000 OR terms", method: "POST", target: "/api/v1/search", body: text(`{"q":"` + strings.Join(orTerms, " OR ") + `"}`), status: 400, code: "too_long"},
		{name: "41 fuzzy OR terms", method: "GET", target: "/api/v1/search?q=" + url.QueryEscape(fuzzyOr), status: 200},
		{name: "a 10,000-character facet prefix", method: "GET", target: "/api/v1/facets/sources?prefix=" + strings.Repeat("a", 10_000), status: 400, code: "too_long"},

		// Unknown facets.
		{name: "facet ..", method: "GET", target: "/api/v1/facets/%2e%2e", status: 400, code: "unknown_facet"},
		{name: "facet with markup", method: "GET", target: "/api/v1/facets/%3Cscript%3E", status: 400, code: "unknown_facet"},
		{name: "facet with a NUL", method: "GET", target: "/api/v1/facets/sources%00", status: 400, code: "unknown_facet"},

		// Header abuse.
		{name: "a 2 MB header", method: "GET", target: "/api/v1/search", header: []string{"X-Padding: " + strings.Repeat("a", 2<<20)}, status: 431, code: netHTTP},
		{name: "5,000 headers", method: "GET", target: "/api/v1/search?q=" + url.QueryEscape("بغداد"), header: manyHeaders(5000), status: 200},
		{name: "Content-Length not a number", method: "POST", target: "/api/v1/search", header: []string{"Content-Length: abc"}, body: text(`{}`), status: 400, code: netHTTP},
		{name: "negative Content-Length", method: "POST", target: "/api/v1/search", header: []string{"Content-Length: -5"}, body: text(`{}`), status: 400, code: netHTTP},
		{name: "two Content-Lengths", method: "POST", target: "/api/v1/search", header: []string{"Content-Length: 2", "Content-Length: 9"}, body: text(`{}`), status: 400, code: netHTTP},
		{name: "Content-Length beyond the body", method: "POST", target: "/api/v1/search", header: []string{"Content-Length: 1000"}, body: &payload{open: text(`{"q":"x"}`).open, halfClose: true}, status: 400, code: "unreadable_body"},
		{name: "Content-Length short of the body", method: "POST", target: "/api/v1/search", header: []string{"Content-Length: 5"}, body: text(`{"q":"بغداد"}`), status: 400, code: "malformed_json"},
		{name: "bad chunk framing", method: "POST", target: "/api/v1/search", header: []string{"Transfer-Encoding: chunked"}, body: text("zz\r\n{}\r\n0\r\n\r\n"), status: 400, code: "unreadable_body"},
		{name: "unknown Transfer-Encoding", method: "POST", target: "/api/v1/search", header: []string{"Transfer-Encoding: gzip"}, body: &payload{open: text(`{}`).open}, status: 501, code: netHTTP},
		{name: "HTML Content-Type on a document", method: "PUT", target: "/api/v1/documents/html-1", key: key, header: []string{"Content-Type: text/html"}, body: text(article), status: 415, code: "unsupported_media_type"},
		{name: "UTF-16 body declared as JSON", method: "POST", target: "/api/v1/search", header: []string{"Content-Type: application/json; charset=utf-16"}, body: text("{\x00\"\x00q\x00\"\x00:\x00\"\x00x\x00\"\x00}\x00"), status: 400, code: "malformed_json"},
		{name: "garbage Content-Type", method: "POST", target: "/api/v1/search", header: []string{"Content-Type: ;;;="}, body: text(`{}`), status: 415, code: "unsupported_media_type"},
		{name: "multipart bulk", method: "POST", target: "/api/v1/documents/bulk", key: key, header: []string{"Content-Type: multipart/form-data; boundary=x"}, body: text(article + "\n"), status: 415, code: "unsupported_media_type"},

		// Missing, wrong and malformed keys on writes.
		{name: "bulk with Basic auth", method: "POST", target: "/api/v1/documents/bulk", header: []string{"Authorization: Basic Zm9vOmJhcg=="}, body: text(article + "\n"), status: 403, code: "invalid_api_key"},
		{name: "delete with a bare Bearer", method: "DELETE", target: "/api/v1/documents/baghdad-bridge", header: []string{"Authorization: Bearer"}, status: 403, code: "invalid_api_key"},
		{name: "delete with a 100 KB key", method: "DELETE", target: "/api/v1/documents/baghdad-bridge", key: strings.Repeat("k", 100<<10), status: 403, code: "invalid_api_key"},
		{name: "key with a trailing word", method: "PUT", target: "/api/v1/documents/cairo-metro", key: key + " extra", body: text(article), status: 403, code: "invalid_api_key"},
		{name: "a control character in the key", method: "DELETE", target: "/api/v1/documents/baghdad-bridge", header: []string{"Authorization: Bearer \x01" + key}, status: 400, code: netHTTP},
		{name: "delete without a key", method: "DELETE", target: "/api/v1/documents/baghdad-bridge", status: 401, code: "missing_api_key",
			check: func(t *testing.T, h http.Header, _ []byte) {
				if !strings.HasPrefix(h.Get("WWW-Authenticate"), "Bearer") {
					t.Errorf("WWW-Authenticate %q", h.Get("WWW-Authenticate"))
				}
			}},
		{name: "overwrite with a wrong key", method: "PUT", target: "/api/v1/documents/beirut-port", key: "not-the-key", body: text(article), status: 403, code: "invalid_api_key"},
		{name: "the key twice, the wrong one first", method: "DELETE", target: "/api/v1/documents/amman-water", header: []string{"Authorization: Bearer wrong", "Authorization: Bearer " + key}, status: 403, code: "invalid_api_key"},

		// Path traversal and control characters in IDs.
		// Dot segments are cleaned by the router, which redirects to the
		// cleaned path rather than serving or writing anything.
		{name: "raw ../../etc/passwd", method: "GET", target: "/api/v1/documents/../../etc/passwd", status: 301, check: cleanRedirect("/api/etc/passwd")},
		{name: "delete through a raw ../", method: "DELETE", target: "/api/v1/documents/x/../baghdad-bridge", key: key, status: 301, check: cleanRedirect("/api/v1/documents/baghdad-bridge")},
		{name: "encoded ../../etc/passwd", method: "GET", target: "/api/v1/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd", status: 404, code: "not_found"},
		{name: "half-encoded ../../etc/passwd", method: "GET", target: "/api/v1/documents/..%2f..%2fetc%2fpasswd", status: 404, code: "not_found"},
		{name: "double-encoded ../", method: "GET", target: "/api/v1/documents/%252e%252e%252fetc", status: 404, code: "not_found"},
		{name: "an ID that is an encoded ../ of another", method: "PUT", target: "/api/v1/documents/%2e%2e%2fbaghdad-bridge", key: key, body: text(article), status: 201},
		{name: "NUL in a written ID", method: "PUT", target: "/api/v1/documents/evil%00.json", key: key, body: text(article), status: 400, code: "invalid_id"},
		{name: "CRLF in an ID", method: "PUT", target: "/api/v1/documents/a%0d%0aSet-Cookie:%20x=1", key: key, body: text(article), status: 400, code: "invalid_id", check: noHeader("Set-Cookie")},
		{name: "escape sequence in an ID", method: "DELETE", target: "/api/v1/documents/%1b%5b2J", key: key, status: 400, code: "invalid_id"},
		{name: "a 100 KB ID", method: "GET", target: "/api/v1/documents/" + strings.Repeat("%D8%A8", 50<<10), status: 400, code: "invalid_id"},
		{name: "raw NUL in the request line", method: "GET", target: "/api/v1/documents/a\x00b", status: 400, code: netHTTP},
		{name: "unknown method", method: "BREW", target: "/api/v1/search", status: 405, code: "method_not_allowed"},
	}
	if len(tests) < 40 {
		t.Fatalf("only %d cases", len(tests))
	}
	health := &http.Client{Timeout: 30 * time.Second}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			allocBefore := ms.TotalAlloc
			resp, body := rawCall(t, addr, tc)
			if tc.maxAlloc > 0 {
				runtime.ReadMemStats(&ms)
				if grew := ms.TotalAlloc - allocBefore; grew > tc.maxAlloc {
					t.Errorf("%d MB allocated while serving, want at most %d", grew>>20, tc.maxAlloc>>20)
				}
			}
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d: %.300s", resp.StatusCode, tc.status, body)
			}
			ct := resp.Header.Get("Content-Type")
			switch {
			case tc.code == netHTTP:
			case tc.code != "":
				if !strings.HasPrefix(ct, "application/json") {
					t.Errorf("Content-Type %q: %.300s", ct, body)
				} else if code := errorCode(t, body); code != tc.code {
					t.Errorf("code %q, want %q: %.300s", code, tc.code, body)
				}
			case resp.StatusCode < 300 && !strings.HasPrefix(ct, "application/json") && !strings.HasPrefix(ct, "application/x-ndjson"):
				t.Errorf("Content-Type %q: %.300s", ct, body)
			}
			if tc.check != nil && resp.StatusCode == tc.status {
				tc.check(t, resp.Header, body)
			}

			// The server is still healthy and still finds what it held.
			if resp, err := health.Get(base + "/healthz"); err != nil || resp.StatusCode != 200 {
				t.Fatalf("healthz after the request: %v %v", resp, err)
			} else {
				resp.Body.Close()
			}
			resp2, err := health.Get(base + "/api/v1/search?no_highlight&q=" + url.QueryEscape("بغداد جسر"))
			if err != nil {
				t.Fatalf("search after the request: %v", err)
			}
			var res search.Result
			err = json.NewDecoder(resp2.Body).Decode(&res)
			resp2.Body.Close()
			if err != nil || resp2.StatusCode != 200 || res.Total == 0 {
				t.Fatalf("search after the request: %d %v, %d hits", resp2.StatusCode, err, res.Total)
			}
		})
	}

	// Nothing stored before was lost or changed; the only new documents
	// are those two cases created on purpose.
	after := snapshot(t, base)
	for id, doc := range before {
		if after[id] != doc {
			t.Errorf("%s changed:\nbefore %s\n after %s", id, doc, after[id])
		}
	}
	var added []string
	for id := range after {
		if _, ok := before[id]; !ok {
			added = append(added, id)
		}
	}
	slices.Sort(added)
	if want := []string{"../baghdad-bridge", "bulk-before-huge"}; !slices.Equal(added, want) {
		t.Errorf("documents added: %q, want %q", added, want)
	}
}

// cleanRedirect expects a redirect to the cleaned path.
func cleanRedirect(to string) func(t *testing.T, h http.Header, body []byte) {
	return func(t *testing.T, h http.Header, _ []byte) {
		if loc := h.Get("Location"); loc != to {
			t.Errorf("Location %q, want %q", loc, to)
		}
	}
}

// manyHeaders is n small distinct header lines.
func manyHeaders(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("X-Filler-%d: %d", i, i)
	}
	return out
}
