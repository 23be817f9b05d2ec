package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/index/readers"
	"github.com/fahras/fahras/search"
)

// testArticles are the fixture articles, one JSON object per line, in the
// JSON Lines schema of the index command.
var testArticles = []string{
	`{"id":"baghdad-bridge","title":"افتتاح جسر جديد على نهر دجلة في بغداد","body":"بغداد - افتتحت أمانة بغداد صباح الأحد جسراً جديداً يربط منطقتي الكرادة والجادرية، في مشروع استغرق تنفيذه ثلاث سنوات. وقال أمين العاصمة إن الجسر سيخفف الزحام المروري عن شوارع الرصافة.","source":"وكالة الرافدين","category":"محليات","author":"سعاد الجبوري","published":"2023-03-12"}`,
	`{"id":"cairo-metro","title":"القاهرة تفتتح المرحلة الثالثة من الخط الثالث للمترو","body":"القاهرة - أعلنت الهيئة القومية للأنفاق تشغيل المرحلة الثالثة من الخط الثالث لمترو القاهرة، لتربط وسط المدينة بمنطقة الجيزة. ويتوقع أن ينقل الخط مليون راكب يومياً.","source":"النيل اليوم","category":"اقتصاد","author":"محمود عبد الحميد","published":"2023-05-20"}`,
	`{"id":"beirut-port","title":"مرفأ بيروت يستقبل أول سفينة حاويات بعد الترميم","body":"بيروت - استقبل مرفأ بيروت أمس أول سفينة حاويات كبيرة منذ انتهاء أعمال ترميم الأرصفة، وقال مدير المرفأ إن الحركة التجارية ستعود تدريجياً إلى مستواها السابق.","source":"صدى لبنان","category":"اقتصاد","author":"ريما خوري","published":"2023-06-02"}`,
	`{"id":"amman-water","title":"عمّان: خطة طارئة لتوزيع المياه خلال الصيف","body":"عمان - أقرت وزارة المياه والري خطة طارئة لتوزيع المياه على أحياء العاصمة خلال أشهر الصيف، بعد تراجع منسوب السدود. ودعت الوزارة المواطنين إلى ترشيد الاستهلاك.","source":"الرأي الأردني","category":"محليات","author":"خالد العبادي","published":"2023-07-15"}`,
	`{"id":"baghdad-book-fair","title":"معرض بغداد الدولي للكتاب يستقبل زواره","body":"بغداد - انطلقت فعاليات معرض بغداد الدولي للكتاب بمشاركة أكثر من ثلاثمئة دار نشر عربية وأجنبية، ويستمر المعرض عشرة أيام في أرض المعارض بالمنصور.","source":"وكالة الرافدين","category":"ثقافة","author":"سعاد الجبوري","published":"2023-09-28"}`,
	`{"id":"cairo-heat","title":"موجة حر تضرب القاهرة والمحافظات","body":"القاهرة - حذرت هيئة الأرصاد الجوية من موجة حر شديدة تضرب القاهرة الكبرى ومحافظات الصعيد، مع درجات حرارة تتجاوز الأربعين، ونصحت بتجنب التعرض لأشعة الشمس.","source":"النيل اليوم","category":"طقس","author":"منى سالم","published":"2023-08-03"}`,
}

var (
	gazOnce sync.Once
	gaz     *places.Gazetteer
	gazErr  error
)

func testGazetteer(t testing.TB) *places.Gazetteer {
	t.Helper()
	gazOnce.Do(func() { gaz, gazErr = places.Default() })
	if gazErr != nil {
		t.Fatalf("gazetteer: %v", gazErr)
	}
	return gaz
}

// buildIndex creates an index in a temporary directory holding the
// fixture articles.
func buildIndex(t testing.TB) (*index.Index, *search.Engine, *index.Enricher) {
	t.Helper()
	g := testGazetteer(t)
	ix, err := index.Create(t.TempDir(), index.Options{Shards: 2, ProtectedWords: g.Names()})
	if err != nil {
		t.Fatalf("create index: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	enricher := index.NewEnricher(g, nil)
	src := func(ctx context.Context, emit func(readers.Record) error) error {
		body := strings.NewReader(strings.Join(testArticles, "\n") + "\n")
		return readers.Read(ctx, body, "fixtures.jsonl", readers.Options{Format: readers.JSONL}, emit)
	}
	sum, err := ix.Ingest(context.Background(), src, enricher, index.IngestOptions{Workers: 1})
	if err != nil || sum.Created != int64(len(testArticles)) {
		t.Fatalf("ingest: %+v, %v", sum, err)
	}
	eng, err := search.New(ix, g)
	if err != nil {
		t.Fatalf("engine: %v", err)
	}
	return ix, eng, enricher
}

// testPage stands in for the web page.
var testPage = fstest.MapFS{
	"index.html": {Data: []byte("<!doctype html><html lang=\"ar\" dir=\"rtl\"><title>فهرس</title><script src=\"app.js\"></script></html>\n")},
	"app.js":     {Data: []byte("\"use strict\";\n")},
	"style.css":  {Data: []byte("body { margin: 0 }\n")},
}

// testServer serves a fresh index; change adjusts the configuration.
type testServer struct {
	*httptest.Server
	srv *Server
	ix  *index.Index
	eng *search.Engine
}

func newTestServer(t testing.TB, change func(*Config)) *testServer {
	t.Helper()
	ix, eng, enricher := buildIndex(t)
	cfg := Config{
		Index: ix, Engine: eng, Enricher: enricher,
		Page:         testPage,
		MaxBodyBytes: 64 << 10,
		RateLimit:    -1,
		KeyRateLimit: -1,
	}
	if os.Getenv("FAHRAS_TEST_LOG") != "" {
		cfg.Logger = slogStderr()
	}
	if change != nil {
		change(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatalf("new server: %v", err)
	}
	if err := srv.Warm(context.Background()); err != nil {
		t.Fatalf("warm: %v", err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &testServer{Server: ts, srv: srv, ix: ix, eng: eng}
}

// call makes one request and returns the status, headers and body.
func (ts *testServer) call(t testing.TB, method, path, key string, body io.Reader, headers ...string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, body)
	if err != nil {
		t.Fatalf("request %s %s: %v", method, path, err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return resp.StatusCode, resp.Header, raw
}

// errorCode returns the code of a JSON error body, or "" when there is none.
func errorCode(t testing.TB, body []byte) string {
	t.Helper()
	var e errorBody
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("error body %q is not JSON: %v", body, err)
	}
	if e.Error.Message == "" && e.Error.Code != "" {
		t.Errorf("error %q has no message", e.Error.Code)
	}
	return e.Error.Code
}

func decode[T any](t testing.TB, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decode %T from %q: %v", v, body, err)
	}
	return v
}

func jsonBody(s string) io.Reader { return bytes.NewReader([]byte(s)) }

// waitFor polls cond for up to a few seconds.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func mustTime(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

func mustRequest(method, target string, body io.Reader) *http.Request {
	return httptest.NewRequest(method, target, body)
}
