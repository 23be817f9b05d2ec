package watch_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/index/readers"
	"github.com/fahras/fahras/search"
	"github.com/fahras/fahras/watch"
)

// antCorpus is the shared news corpus, beside the repository.
var antCorpus = filepath.Join("..", "..", "shared", "data", "news", "ant_v2_1_multisource.jsonl.gz")

// articles written for these tests: each one makes a matching rule
// observable.
const corpus = `{"id":"oil","title":"أسعار النفط ترتفع في الأسواق العالمية","body":"الرياض: ارتفعت أسعار النفط اليوم مع تراجع المخزونات الأمريكية وتوقعات بزيادة الطلب.","source":"نبض الخليج","category":"اقتصاد","published":"2024-03-11T09:00:00+03:00"}
{"id":"oil-late","title":"تقرير أسبوعي","body":"الكويت: تناول التقرير حركة الأسهم والعقار، كما تطرق إلى أسعار النفط والذهب.","source":"المرصد الاقتصادي","category":"اقتصاد","published":"2023-05-02"}
{"id":"council","title":"جلسة طارئة","body":"نيويورك: عقد مجلس الأمن جلسة طارئة لبحث الأوضاع في غزة بطلب من الجزائر.","source":"Levant Wire","category":"سياسة","published":"2025-01-15T18:00:00Z"}
{"id":"council-apart","title":"الأمن في المدينة","body":"بغداد: أقر مجلس المحافظة خطة لتعزيز الأمن في أحياء بغداد الشرقية.","source":"وكالة الرافدين","category":"سياسة","published":"2025-02-02"}
{"id":"teachers","title":"إضراب في المدارس","body":"عمّان: نفذ المعلمون إضرابا عن العمل في عدد من مدارس عمّان للمطالبة بزيادة الرواتب.","source":"أنباء الكرمل","category":"مجتمع","published":"2022-09-04"}
{"id":"teacher","title":"يوم دراسي جديد","body":"إربد: استقبل معلم المدرسة طلابه في أول أيام العام الدراسي.","source":"أنباء الكرمل","category":"مجتمع","published":"2022-09-01"}
{"id":"power","title":"انقطاع الكهرباء في البصرة","body":"البصرة: شهدت البصرة انقطاعا طويلا للكهرباء مع ارتفاع درجات الحرارة في العراق.","source":"وكالة الرافدين","category":"محليات","published":"2024-07-14"}
{"id":"elections","title":"الانتخابات البلدية في تونس","body":"تونس: انطلقت الانتخابات البلدية وسط إقبال متوسط في عدة ولايات.","source":"الجوهرة","category":"سياسة","published":"2018-05-06"}
`

// requests cover what a search can ask: words, phrases, prefixes, fuzzy
// words, exclusions, scopes, alternatives and every filter.
var requests = []search.Request{
	{Query: "النفط"},
	{Query: "أسعار النفط"},
	{Query: `"مجلس الأمن"`},
	{Query: "نفط*"},
	{Query: "الانتخابت~"},
	{Query: "المعلمون -إضراب"},
	{Query: "معلم"},
	{Query: "title:الكهرباء"},
	{Query: "غزة OR البصرة"},
	{Query: "الأمن", Sources: []string{"وكالة الرافدين"}},
	{Query: "", Categories: []string{"اقتصاد"}},
	{Query: "", Countries: []string{"IQ"}},
	{Query: "الحكومة", Countries: []string{"TN"}},
	{Query: "", From: "2024-01-01", To: "2024-12-31"},
	{Query: "النفط", From: "2024-03-11T07:00:00Z", To: "2024-03-11T08:00:00Z"},
	{Query: "تونس", From: "2018-01-01"},
	{Query: "الرئيس", Sources: []string{"الجوهرة"}, To: "2018-12-31"},
	{Query: `"وزارة الصحة" -كورونا`},
	{Query: "الجيش"},
	{Query: "مباراة*"},
	{Query: "نفط*", Sources: []string{"وكالة الرافدين"}},
	{Query: "مباراة*", Countries: []string{"TN"}},
	{Query: "أسعار النفط", Countries: []string{"IQ"}},
	{Query: `"مجلس الأمن"`, From: "2018-01-01"},
	{},
}

type fixture struct {
	ix  *index.Index
	eng *search.Engine
	svc *watch.Service
	dir string
	g   *places.Gazetteer
}

func newFixture(t testing.TB, opts watch.Options) *fixture {
	t.Helper()
	g, err := places.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	f := &fixture{dir: dir, g: g}
	f.open(t, opts)
	return f
}

func (f *fixture) open(t testing.TB, opts watch.Options) {
	t.Helper()
	ix, _, err := index.OpenOrCreate(filepath.Join(f.dir, "index"), index.Options{Shards: 2, ProtectedWords: f.g.Names()})
	if err != nil {
		t.Fatal(err)
	}
	eng, err := search.New(ix, f.g)
	if err != nil {
		t.Fatal(err)
	}
	opts.Enricher = index.NewEnricher(f.g, nil)
	svc, err := watch.Open(context.Background(), filepath.Join(f.dir, "watches"), eng, opts)
	if err != nil {
		t.Fatal(err)
	}
	ix.SetObserver(svc)
	f.ix, f.eng, f.svc = ix, eng, svc
	t.Cleanup(f.close)
}

func (f *fixture) enricher() *index.Enricher { return index.NewEnricher(f.g, nil) }

// ingest2 indexes JSON Lines without waiting for the watches.
func (f *fixture) ingest2(t testing.TB, jsonl string) {
	t.Helper()
	src := func(ctx context.Context, emit func(readers.Record) error) error {
		return readers.Read(ctx, strings.NewReader(jsonl), "corpus.jsonl", readers.Options{}, emit)
	}
	if _, err := f.ix.Ingest(context.Background(), src, index.NewEnricher(f.g, nil), index.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) close() {
	if f.svc != nil {
		f.svc.Close()
		f.svc = nil
	}
	if f.ix != nil {
		f.ix.Close()
		f.ix = nil
	}
}

// ingest indexes JSON Lines, or the first n articles of a file.
func (f *fixture) ingest(t testing.TB, jsonl, path string, n int) {
	t.Helper()
	errEnough := errors.New("enough")
	src := func(ctx context.Context, emit func(readers.Record) error) error {
		count := 0
		stop := func(r readers.Record) error {
			if count++; n > 0 && count > n {
				return errEnough
			}
			return emit(r)
		}
		var err error
		if path != "" {
			err = readers.ReadPath(ctx, path, nil, readers.Options{}, stop)
		} else {
			err = readers.Read(ctx, strings.NewReader(jsonl), "corpus.jsonl", readers.Options{}, stop)
		}
		if errors.Is(err, errEnough) {
			return nil
		}
		return err
	}
	if _, err := f.ix.Ingest(context.Background(), src, index.NewEnricher(f.g, nil), index.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// searched lists the IDs the engine finds for req, sorted.
func searched(t *testing.T, eng *search.Engine, req search.Request) []string {
	t.Helper()
	req.Size, req.NoFacets, req.NoHighlight, req.Sort = 100, true, true, search.SortNewest
	var ids []string
	for {
		res, err := eng.Search(context.Background(), req)
		if err != nil {
			t.Fatalf("search %+v: %v", req, err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if len(res.SearchAfter) == 0 || len(res.Hits) < req.Size {
			break
		}
		req.SearchAfter = res.SearchAfter
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// matched lists the IDs a watch's feed holds, sorted.
func matched(t *testing.T, svc *watch.Service, owner, id string) []string {
	t.Helper()
	var ids []string
	var since uint64
	for {
		p, err := svc.Matches(owner, id, since, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range p.Matches {
			ids = append(ids, m.ID)
		}
		if !p.More {
			break
		}
		since = p.Next
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// checkSameAsSearch saves the requests, indexes articles, and checks that
// each watch matched exactly the articles its search finds.
func checkSameAsSearch(t *testing.T, f *fixture, load func()) {
	ctx := context.Background()
	ids := make([]string, len(requests))
	for i, req := range requests {
		w, err := f.svc.Create(ctx, "desk", watch.Spec{Name: "w" + req.Query, Request: req})
		if err != nil {
			t.Fatalf("save %+v: %v", req, err)
		}
		ids[i] = w.ID
	}
	load()
	for i, req := range requests {
		want := searched(t, f.eng, req)
		got := matched(t, f.svc, "desk", ids[i])
		if !slices.Equal(got, want) {
			t.Errorf("watch %+v matched %d articles, the search finds %d\nonly matched: %v\nonly found: %v",
				req, len(got), len(want), minus(got, want), minus(want, got))
		}
	}
}

func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x); !ok {
			out = append(out, x)
		}
	}
	if len(out) > 10 {
		out = out[:10]
	}
	return out
}

func TestWatchesMatchWhatSearchFinds(t *testing.T) {
	f := newFixture(t, watch.Options{})
	checkSameAsSearch(t, f, func() { f.ingest(t, corpus, "", 0) })
	// Hand-checked: the phrase is in one article only; the prefix نفط*
	// sees through the article, as النفط does.
	for q, want := range map[string][]string{`"مجلس الأمن"`: {"council"}, "نفط*": {"oil", "oil-late"}, "النفط": {"oil", "oil-late"}} {
		for _, w := range f.svc.List("desk") {
			if w.Request.Query == q && w.Request.From == "" && len(w.Request.Sources) == 0 && len(w.Request.Countries) == 0 {
				if got := matched(t, f.svc, "desk", w.ID); !slices.Equal(got, want) {
					t.Errorf("%s matched %v, want %v", q, got, want)
				}
			}
		}
	}
}

func TestWatchesMatchWhatSearchFindsInTheNews(t *testing.T) {
	if _, err := os.Stat(antCorpus); err != nil {
		t.Skipf("the ANT corpus is not at %s", antCorpus)
	}
	if testing.Short() {
		t.Skip("indexes 3,000 articles")
	}
	f := newFixture(t, watch.Options{})
	checkSameAsSearch(t, f, func() { f.ingest(t, "", antCorpus, 3000) })
}

func TestInvalidRequestIsRefusedAsSearchRefusesIt(t *testing.T) {
	f := newFixture(t, watch.Options{})
	for _, req := range []search.Request{
		{Query: "ن*"},
		{Query: "النفط", From: "2024-13-01"},
		{Query: "النفط", From: "2024-02-01", To: "2024-01-01"},
		{Query: "النفط", Sort: "random"},
	} {
		_, searchErr := f.eng.Search(context.Background(), req)
		_, err := f.svc.Create(context.Background(), "desk", watch.Spec{Name: "x", Request: req})
		var se, we *search.Error
		if !errors.As(searchErr, &se) || !errors.As(err, &we) {
			t.Fatalf("%+v: search said %v, the watch %v", req, searchErr, err)
		}
		if *se != *we {
			t.Errorf("%+v: search refused with %+v, the watch with %+v", req, *se, *we)
		}
	}
	if f.svc.Len() != 0 {
		t.Errorf("%d watches saved from invalid requests", f.svc.Len())
	}
}

func TestWatchesSurviveARestart(t *testing.T) {
	f := newFixture(t, watch.Options{})
	ctx := context.Background()
	kept, err := f.svc.Create(ctx, "desk", watch.Spec{Name: "النفط", Request: search.Request{Query: "النفط"}})
	if err != nil {
		t.Fatal(err)
	}
	gone, err := f.svc.Create(ctx, "desk", watch.Spec{Name: "الأمن", Request: search.Request{Query: "الأمن"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Delete("desk", gone.ID); err != nil {
		t.Fatal(err)
	}
	f.ingest(t, corpus, "", 0)
	before := matched(t, f.svc, "desk", kept.ID)
	f.close()
	// A write cut short by a crash leaves half a line behind.
	log := filepath.Join(f.dir, "watches", "watches.jsonl")
	fh, err := os.OpenFile(log, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	fh.WriteString(`{"put":{"id":"wcut","na`)
	fh.Close()
	f.open(t, watch.Options{})
	list := f.svc.List("desk")
	if len(list) != 1 || list[0].ID != kept.ID || list[0].Name != "النفط" || list[0].Request.Query != "النفط" {
		t.Fatalf("after a restart: %+v", list)
	}
	if got := matched(t, f.svc, "desk", kept.ID); !slices.Equal(got, before) || len(got) != 2 {
		t.Errorf("after a restart the feed holds %v, before %v", got, before)
	}
	if _, err := f.svc.Get("desk", gone.ID); !errors.Is(err, watch.ErrNotFound) {
		t.Errorf("a deleted watch came back: %v", err)
	}
	if _, err := f.svc.Get("other", kept.ID); !errors.Is(err, watch.ErrNotFound) {
		t.Errorf("another owner sees the watch: %v", err)
	}
	// New matches continue the sequence.
	p, _ := f.svc.Matches("desk", kept.ID, 0, 10)
	last := p.Next
	f.ingest(t, `{"id":"oil-3","title":"النفط مجددا","body":"عاد النفط إلى الارتفاع.","published":"2024-04-01"}`+"\n", "", 0)
	p, _ = f.svc.Matches("desk", kept.ID, last, 10)
	if len(p.Matches) != 1 || p.Matches[0].ID != "oil-3" || p.Matches[0].Seq <= last {
		t.Errorf("after the restart the new match is %+v (cursor %d)", p.Matches, last)
	}
}

func TestFeedPagesWithCursor(t *testing.T) {
	f := newFixture(t, watch.Options{})
	w, err := f.svc.Create(context.Background(), "", watch.Spec{Name: "كل شيء", Request: search.Request{}})
	if err != nil {
		t.Fatal(err)
	}
	f.ingest(t, corpus, "", 0)
	var seen []string
	var since uint64
	pages := 0
	for {
		p, err := f.svc.Matches("", w.ID, since, 3)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, m := range p.Matches {
			seen = append(seen, m.ID)
			if m.Seq <= since {
				t.Fatalf("match %d after cursor %d", m.Seq, since)
			}
		}
		since = p.Next
		if !p.More {
			break
		}
	}
	if len(seen) != 8 || pages != 3 {
		t.Errorf("paged %d matches in %d pages, want 8 in 3", len(seen), pages)
	}
	if p, _ := f.svc.Matches("", w.ID, since, 3); len(p.Matches) != 0 || p.Next != since || p.Pending != 0 {
		t.Errorf("past the end: %+v", p)
	}
}

// A crash between the write of a batch and the record of its matches
// leaves the batch pending: it is matched when the watches open again.
func TestPendingArticlesAreMatchedAfterACrash(t *testing.T) {
	f := newFixture(t, watch.Options{})
	w, err := f.svc.Create(context.Background(), "desk", watch.Spec{Name: "الكهرباء", Request: search.Request{Query: "الكهرباء", Countries: []string{"IQ"}}})
	if err != nil {
		t.Fatal(err)
	}
	f.svc.Close()
	f.svc = nil
	// The write happens, its matching does not: the observer is gone.
	f.ix.SetObserver(nil)
	f.ingest2(t, corpus)
	pending := filepath.Join(f.dir, "watches", "pending.jsonl")
	if err := os.WriteFile(pending, []byte(`{"pending":["power","oil","not-written"]}`+"\n"+`{"pending":["council"]}`+"\n"+`{"done":["council"]}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.ix.Close()
	f.open(t, watch.Options{})
	if got := matched(t, f.svc, "desk", w.ID); !slices.Equal(got, []string{"power"}) {
		t.Errorf("after the crash the watch matched %v, want [power]", got)
	}
	if b, err := os.ReadFile(pending); err != nil || len(b) != 0 {
		t.Errorf("the pending log holds %q (%v) once matched", b, err)
	}
}
