package server

import (
	"bufio"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/search"
	"github.com/fahras/fahras/watch"
)

const watchKey = "watch-write-key"

// newWatchServer serves the fixture index with saved searches whose
// webhooks may call loopback addresses.
func newWatchServer(t *testing.T) (*testServer, *watch.Service) {
	t.Helper()
	var svc *watch.Service
	ts := newTestServer(t, func(cfg *Config) {
		policy, err := watch.ParsePolicy([]string{"127.0.0.1"})
		if err != nil {
			t.Fatal(err)
		}
		eng := cfg.Engine.(*search.Engine)
		svc, err = watch.Open(context.Background(), t.TempDir(), eng, watch.Options{
			Webhooks: policy, Enricher: cfg.Enricher,
			Retry: watch.Retry{Base: 20 * time.Millisecond, Max: 200 * time.Millisecond, Timeout: 2 * time.Second},
		})
		if err != nil {
			t.Fatal(err)
		}
		cfg.Index.(*index.Index).SetObserver(svc)
		t.Cleanup(func() { svc.Close() })
		cfg.Watches = svc
		cfg.WriteKeys = []string{watchKey}
	})
	return ts, svc
}

// newArticles are indexed once the watches exist.
var newArticles = []string{
	`{"id":"baghdad-metro","title":"بغداد تعلن خطة لمترو معلق","body":"بغداد - أعلنت أمانة بغداد خطة لإنشاء مترو معلق يربط الكرخ والرصافة خلال خمس سنوات.","source":"وكالة الرافدين","category":"اقتصاد","published":"2024-02-01"}`,
	`{"id":"security-council","title":"مجلس الأمن يناقش الأوضاع الإنسانية","body":"نيويورك - عقد مجلس الأمن جلسة لمناقشة الأوضاع الإنسانية، وطالب بفتح المعابر أمام المساعدات.","source":"صدى لبنان","category":"سياسة","published":"2024-02-03"}`,
	`{"id":"cairo-water","title":"القاهرة تطلق حملة لترشيد المياه","body":"القاهرة - أطلقت وزارة الري حملة لترشيد استهلاك المياه في المنازل مع اقتراب الصيف.","source":"النيل اليوم","category":"محليات","published":"2024-02-05"}`,
	`{"id":"amman-metro","title":"عمّان تدرس مشروع حافلات سريعة","body":"عمان - تدرس أمانة عمان مشروعاً للحافلات السريعة بديلاً عن المترو، وقال مسؤول إن الأمن المروري أولوية.","source":"الرأي الأردني","category":"اقتصاد","published":"2024-02-07"}`,
	`{"id":"baghdad-heat","title":"موجة حر في بغداد","body":"بغداد - سجلت بغداد درجات حرارة قياسية، وقطعت الكهرباء عن أحياء عدة لساعات.","source":"وكالة الرافدين","category":"طقس","published":"2024-02-09"}`,
	`{"id":"beirut-books","title":"معرض بيروت للكتاب يعود","body":"بيروت - يعود معرض بيروت العربي الدولي للكتاب بمشاركة دور نشر من عشرين بلداً.","source":"صدى لبنان","category":"ثقافة","published":"2024-02-11"}`,
}

// watchRequests are the searches saved: words and phrases of the new
// articles and of none, with and without filters.
func watchRequests(n int) []search.Request {
	words := []string{"بغداد", "المترو", "مترو", "القاهرة", "المياه", "الكهرباء", "الكتاب", "معرض", "الأمن", "حرارة", "الحافلات",
		"موسكو", "الانتخابات", "النفط", "كرة", "الذهب", "الزلزال", "الجامعة", "السياحة", "الصيف", "المساعدات"}
	sources := []string{"وكالة الرافدين", "صدى لبنان", "النيل اليوم", "الرأي الأردني"}
	var out []search.Request
	for i := 0; len(out) < n; i++ {
		w, v := words[i%len(words)], words[(i/len(words))%len(words)]
		var req search.Request
		switch i % 5 {
		case 0:
			req.Query = w
		case 1:
			req.Query = w + " " + v
		case 2:
			req.Query, req.Sources = w, []string{sources[i%len(sources)]}
		case 3:
			req.Query = `"` + "مجلس " + w + `"`
		case 4:
			req.Query, req.From = w+" -"+v, fmt.Sprintf("2024-02-%02d", 1+i%12)
		}
		if w == v && i%5 == 4 {
			req.Query = w
		}
		out = append(out, req)
	}
	return out
}

// webhookSink receives deliveries on loopback, checks their signatures
// and fails the first one.
type webhookSink struct {
	secret string
	mu     sync.Mutex
	calls  int
	seen   map[string]bool // delivery IDs
	ids    []string
	badSig int
}

func (k *webhookSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	k.mu.Lock()
	defer k.mu.Unlock()
	k.calls++
	if r.Header.Get("X-Fahras-Signature") != watch.Sign(k.secret, body) {
		k.badSig++
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	if k.calls == 1 {
		http.Error(w, "down for a moment", http.StatusServiceUnavailable)
		return
	}
	var p watch.Payload
	if err := json.Unmarshal(body, &p); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if !k.seen[p.Delivery] {
		k.seen[p.Delivery] = true
		for _, m := range p.Matches {
			k.ids = append(k.ids, m.ID)
		}
	}
	w.WriteHeader(http.StatusNoContent)
}

func (k *webhookSink) received() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	out := slices.Clone(k.ids)
	slices.Sort(out)
	return out
}

// sseReader collects the matches of an event stream.
type sseReader struct {
	mu  sync.Mutex
	ids []string
	err error
}

func (s *sseReader) read(body io.Reader) {
	sc := bufio.NewScanner(body)
	for sc.Scan() {
		data, ok := strings.CutPrefix(sc.Text(), "data: ")
		if !ok {
			continue
		}
		var m watch.Match
		if err := json.Unmarshal([]byte(data), &m); err != nil {
			s.mu.Lock()
			s.err = err
			s.mu.Unlock()
			return
		}
		s.mu.Lock()
		s.ids = append(s.ids, m.ID)
		s.mu.Unlock()
	}
}

func (s *sseReader) received() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := slices.Clone(s.ids)
	slices.Sort(out)
	return out
}

// TestWatchesDeliverExactlyTheMatches saves 1,000 searches, indexes new
// articles through the API (one by PUT, the rest in a bulk load), and
// checks that each watch's feed holds exactly the new articles its
// search finds, and that the webhook (failing once, then retried) and
// the event stream of one watch receive exactly those.
func TestWatchesDeliverExactlyTheMatches(t *testing.T) {
	ts, svc := newWatchServer(t)
	sink := &webhookSink{secret: "a-long-enough-signing-secret", seen: map[string]bool{}}
	hook := httptest.NewServer(sink)
	defer hook.Close()

	reqs := watchRequests(1000)
	ids := make([]string, len(reqs))
	for i, req := range reqs {
		b, _ := json.Marshal(req)
		body := fmt.Sprintf(`{"name":"بحث %d","request":%s}`, i, b)
		if i == 0 {
			body = fmt.Sprintf(`{"name":"بغداد","request":%s,"webhook":{"url":%q,"secret":%q}}`, b, hook.URL+"/hook?token=x", sink.secret)
		}
		status, hdr, raw := ts.call(t, http.MethodPost, "/api/v1/watches", watchKey, jsonBody(body))
		if status != http.StatusCreated {
			t.Fatalf("save %s: %d %s", body, status, raw)
		}
		w := decode[watch.Watch](t, raw)
		if hdr.Get("Location") != "/api/v1/watches/"+w.ID || strings.Contains(string(raw), sink.secret) {
			t.Fatalf("saved: %s (Location %q)", raw, hdr.Get("Location"))
		}
		ids[i] = w.ID
	}
	if svc.Len() != 1000 || reqs[0].Query != "بغداد" {
		t.Fatalf("%d watches, the first for %q", svc.Len(), reqs[0].Query)
	}

	// The event stream of the webhook's watch, open before the articles come.
	sreq, _ := http.NewRequest(http.MethodGet, ts.URL+"/api/v1/watches/"+ids[0]+"/events", nil)
	sreq.Header.Set("Authorization", "Bearer "+watchKey)
	sresp, err := ts.Client().Do(sreq)
	if err != nil || sresp.StatusCode != http.StatusOK || !strings.HasPrefix(sresp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("events: %v %v", sresp, err)
	}
	defer sresp.Body.Close()
	stream := &sseReader{}
	go stream.read(sresp.Body)

	var newIDs []string
	for _, a := range newArticles {
		var v struct{ ID string }
		json.Unmarshal([]byte(a), &v)
		newIDs = append(newIDs, v.ID)
	}
	if status, _, raw := ts.call(t, http.MethodPut, "/api/v1/documents/"+newIDs[0], watchKey, jsonBody(newArticles[0])); status/100 != 2 {
		t.Fatalf("put: %d %s", status, raw)
	}
	bulk := strings.Join(newArticles[1:], "\n") + "\n"
	if status, _, raw := ts.call(t, http.MethodPost, "/api/v1/documents/bulk", watchKey, strings.NewReader(bulk), "Content-Type", "application/x-ndjson"); status != http.StatusOK {
		t.Fatalf("bulk: %d %s", status, raw)
	}
	if err := svc.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}

	// Every feed holds the new articles its search finds, no more.
	total := 0
	var want0 []string
	for i, req := range reqs {
		want := newOnly(t, ts.eng, req, newIDs)
		var got []string
		since := "0"
		for {
			status, _, raw := ts.call(t, http.MethodGet, "/api/v1/watches/"+ids[i]+"/matches?size=2&since="+since, watchKey, nil)
			if status != http.StatusOK {
				t.Fatalf("matches: %d %s", status, raw)
			}
			p := decode[watch.Page](t, raw)
			for _, m := range p.Matches {
				got = append(got, m.ID)
			}
			since = fmt.Sprint(p.Next)
			if !p.More {
				break
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("watch %d %+v: feed %v, search %v", i, req, got, want)
		}
		total += len(got)
		if i == 0 {
			want0 = want
		}
	}
	// Hand-checked: two new articles are about Baghdad.
	if !slices.Equal(want0, []string{"baghdad-heat", "baghdad-metro"}) {
		t.Errorf("the Baghdad watch should match baghdad-heat and baghdad-metro, got %v", want0)
	}
	if total == 0 {
		t.Fatal("no watch matched anything")
	}
	t.Logf("1,000 watches, %d new articles, %d matches", len(newIDs), total)

	waitFor(t, "the webhook's deliveries", func() bool { return slices.Equal(sink.received(), want0) })
	waitFor(t, "the event stream", func() bool { return slices.Equal(stream.received(), want0) })
	if sink.badSig != 0 {
		t.Errorf("%d deliveries badly signed", sink.badSig)
	}
	status, _, raw := ts.call(t, http.MethodGet, "/api/v1/watches/"+ids[0]+"/deliveries", watchKey, nil)
	ds := decode[deliveryList](t, raw).Deliveries
	if status != http.StatusOK || len(ds) < 2 {
		t.Fatalf("deliveries: %d %s", status, raw)
	}
	first := ds[len(ds)-1]
	if first.Delivered || first.Status != http.StatusServiceUnavailable || first.RetryAt == nil || !ds[0].Delivered {
		t.Errorf("the delivery log does not show a failure then a success: %s", raw)
	}
	if strings.Contains(string(raw), sink.secret) || strings.Contains(string(raw), "token=x") {
		t.Errorf("the delivery log shows a secret: %s", raw)
	}
}

// newOnly is what the engine finds for req among ids, sorted.
func newOnly(t *testing.T, eng *search.Engine, req search.Request, ids []string) []string {
	t.Helper()
	req.Size, req.NoFacets, req.NoHighlight = 100, true, true
	res, err := eng.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("search %+v: %v", req, err)
	}
	var out []string
	for _, h := range res.Hits {
		if slices.Contains(ids, h.ID) {
			out = append(out, h.ID)
		}
	}
	slices.Sort(out)
	return out
}

// A saved search is refused as the search is, with the same answer.
func TestWatchWithInvalidRequestGetsTheSearchError(t *testing.T) {
	ts, svc := newWatchServer(t)
	for _, req := range []string{
		`{"q":"ن*"}`,
		`{"q":"بغداد","from":"2024-13-01"}`,
		`{"q":"بغداد","size":1000}`,
		`{"q":"بغداد","colour":"red"}`,
		`{"q":7}`,
		`{"q":"بغداد","sort":"random"}`,
	} {
		sstatus, _, sraw := ts.call(t, http.MethodPost, "/api/v1/search", "", jsonBody(req))
		wstatus, _, wraw := ts.call(t, http.MethodPost, "/api/v1/watches", "", jsonBody(`{"name":"x","request":`+req+`}`))
		if sstatus != http.StatusBadRequest || wstatus != sstatus || string(wraw) != string(sraw) {
			t.Errorf("%s: search %d %s, watch %d %s", req, sstatus, sraw, wstatus, wraw)
		}
	}
	for body, code := range map[string]string{
		`{"request":{"q":"بغداد"}}`:                                                            "missing_name",
		`{"name":"x","request":{"q":"بغداد"},"x":1}`:                                           "unknown_field",
		`{"name":"x","webhook":{"url":"http://10.1.2.3/h","secret":"0123456789abcdef"}}`:       "webhook_not_allowed",
		`{"name":"x","webhook":{"url":"http://169.254.169.254/","secret":"0123456789abcdef"}}`: "webhook_not_allowed",
		`{"name":"x","webhook":{"url":"https://example.com/h","secret":"0123456789abcdef"}}`:   "webhook_not_allowed",
		`{"name":"x","webhook":{"url":"ftp://127.0.0.1/h","secret":"0123456789abcdef"}}`:       "webhook_not_allowed",
		`{"name":"x","webhook":{"url":"http://u:p@127.0.0.1/h","secret":"0123456789abcdef"}}`:  "webhook_not_allowed",
		`{"name":"x","webhook":{"url":"http://127.0.0.1/h","secret":"short"}}`:                 "invalid_secret",
		`[1]`: "invalid_type",
	} {
		status, _, raw := ts.call(t, http.MethodPost, "/api/v1/watches", "", jsonBody(body))
		if status != http.StatusBadRequest || errorCode(t, raw) != code {
			t.Errorf("%s: %d %s, want 400 %s", body, status, raw, code)
		}
	}
	if svc.Len() != 0 {
		t.Errorf("%d watches saved from refused bodies", svc.Len())
	}
	for _, path := range []string{"/api/v1/watches/nope", "/api/v1/watches/nope/matches", "/api/v1/watches/nope/feed.atom", "/api/v1/watches/nope/events"} {
		if status, _, raw := ts.call(t, http.MethodGet, path, "", nil); status != http.StatusNotFound || errorCode(t, raw) != "not_found" {
			t.Errorf("GET %s: %d %s", path, status, raw)
		}
	}
}

// A watch is its owner's; the feed reads back as Atom; a deleted watch
// is gone.
func TestWatchLifecycle(t *testing.T) {
	ts, _ := newWatchServer(t)
	status, _, raw := ts.call(t, http.MethodPost, "/api/v1/watches", watchKey, jsonBody(`{"name":"  مياه القاهرة ","request":{"q":"المياه","source":["النيل اليوم"]}}`))
	if status != http.StatusCreated {
		t.Fatalf("create: %d %s", status, raw)
	}
	w := decode[watch.Watch](t, raw)
	if w.Name != "مياه القاهرة" || w.Request.Query != "المياه" || len(w.Request.Sources) != 1 || w.Owner == "" {
		t.Errorf("created %+v", w)
	}
	// Anyone without the key sees neither the watch nor its feed.
	if status, _, _ := ts.call(t, http.MethodGet, "/api/v1/watches/"+w.ID, "", nil); status != http.StatusNotFound {
		t.Errorf("another caller reads the watch: %d", status)
	}
	if _, _, raw := ts.call(t, http.MethodGet, "/api/v1/watches", "", nil); string(raw) != `{"watches":[]}`+"\n" {
		t.Errorf("another caller lists %s", raw)
	}
	ts.call(t, http.MethodPut, "/api/v1/documents/cairo-water", watchKey, jsonBody(newArticles[2]))
	ts.srv.cfg.Watches.Flush(context.Background())
	status, hdr, raw := ts.call(t, http.MethodGet, "/api/v1/watches/"+w.ID+"/feed.atom", watchKey, nil)
	if status != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("atom: %d %s", status, raw)
	}
	var feed atomFeed
	if err := xml.Unmarshal(raw, &feed); err != nil {
		t.Fatalf("atom %s: %v", raw, err)
	}
	if feed.Title != "مياه القاهرة" || len(feed.Entries) != 1 || feed.Entries[0].Title != "القاهرة تطلق حملة لترشيد المياه" ||
		feed.Entries[0].Author == nil || feed.Entries[0].Author.Name != "النيل اليوم" || feed.Entries[0].Published != "2024-02-05T00:00:00Z" {
		t.Errorf("atom feed: %s", raw)
	}
	// Replaced: the new request matches from now on.
	status, _, raw = ts.call(t, http.MethodPut, "/api/v1/watches/"+w.ID, watchKey, jsonBody(`{"name":"كتب","request":{"q":"الكتاب"}}`))
	if got := decode[watch.Watch](t, raw); status != http.StatusOK || got.Name != "كتب" || got.Created != w.Created || !got.Updated.After(w.Created.Add(-time.Millisecond)) {
		t.Errorf("replace: %d %s", status, raw)
	}
	for _, q := range []string{"since=-1", "since=x", "size=0", "size=501", "since=1&since=2", "page=2"} {
		if status, _, raw := ts.call(t, http.MethodGet, "/api/v1/watches/"+w.ID+"/matches?"+q, watchKey, nil); status != http.StatusBadRequest {
			t.Errorf("matches?%s: %d %s", q, status, raw)
		}
	}
	if status, _, _ := ts.call(t, http.MethodDelete, "/api/v1/watches/"+w.ID, watchKey, nil); status != http.StatusNoContent {
		t.Errorf("delete: %d", status)
	}
	if status, _, _ := ts.call(t, http.MethodGet, "/api/v1/watches/"+w.ID+"/matches", watchKey, nil); status != http.StatusNotFound {
		t.Errorf("the deleted watch's feed: %d", status)
	}
}

// The description of the saved searches is checked against real
// requests and answers.
func TestOpenAPIDescribesTheWatches(t *testing.T) {
	ts, svc := newWatchServer(t)
	ctx := context.Background()
	doc, err := openapi3.NewLoader().LoadFromData(ts.srv.openAPIDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc.Servers = openapi3.Servers{{URL: ts.URL}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	// The feed is XML, for feed readers; the validator reads it as text.
	openapi3filter.RegisterBodyDecoder("application/atom+xml", openapi3filter.FileBodyDecoder)
	defer openapi3filter.UnregisterBodyDecoder("application/atom+xml")
	status, _, raw := ts.call(t, http.MethodPost, "/api/v1/watches", watchKey,
		jsonBody(`{"name":"بغداد","request":{"q":"بغداد"},"webhook":{"url":"http://127.0.0.1:1/h","secret":"0123456789abcdef"}}`))
	if status != http.StatusCreated {
		t.Fatalf("create: %d %s", status, raw)
	}
	id := decode[watch.Watch](t, raw).ID
	ts.call(t, http.MethodPut, "/api/v1/documents/baghdad-heat", watchKey, jsonBody(newArticles[4]))
	svc.Flush(ctx)
	waitFor(t, "a failed delivery", func() bool { ds, _ := svc.Deliveries(watchOwner(watchKey), id); return len(ds) > 0 })
	w := "/api/v1/watches/" + id
	for _, ex := range []exchange{
		{method: "GET", path: "/api/v1/watches", key: watchKey, valid: true, status: 200},
		{method: "POST", path: "/api/v1/watches", key: watchKey, body: `{"name":"مياه","request":{"q":"المياه","source":["النيل اليوم"]}}`, valid: true, status: 201},
		{method: "GET", path: w, key: watchKey, valid: true, status: 200},
		{method: "PUT", path: w, key: watchKey, body: `{"name":"بغداد","request":{"q":"بغداد","country":["IQ"]}}`, valid: true, status: 200},
		{method: "GET", path: w + "/matches?since=0&size=10", key: watchKey, valid: true, status: 200},
		{method: "GET", path: w + "/feed.atom", key: watchKey, valid: true, status: 200},
		{method: "GET", path: w + "/deliveries", key: watchKey, valid: true, status: 200},
		{method: "GET", path: "/api/v1/watches/nope", key: watchKey, valid: true, status: 404},
		{method: "POST", path: "/api/v1/watches", key: watchKey, body: `{"name":"x","request":{"q":"بغداد","size":1000}}`, status: 400},
		{method: "POST", path: "/api/v1/watches", key: watchKey, body: `{"request":{"q":"بغداد"}}`, status: 400},
		{method: "GET", path: w + "/matches?size=0", key: watchKey, status: 400},
		{method: "POST", path: "/api/v1/watches", key: watchKey, body: `{"name":"x","request":{"q":"ن*"}}`, valid: true, status: 400},
		{method: "DELETE", path: w, key: watchKey, valid: true, status: 204},
	} {
		checkExchange(t, ctx, ts, router, ex)
	}
}

// watchOwner is the owner the server gives a key's watches.
func watchOwner(key string) string {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("Authorization", "Bearer "+key)
	s := &Server{keys: mustKeyring(key)}
	return s.owner(r)
}

func mustKeyring(key string) *keyring {
	k, err := newKeyring([]string{key}, nil)
	if err != nil {
		panic(err)
	}
	return k
}
