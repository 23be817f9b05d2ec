package search_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/index/readers"
	"github.com/fahras/fahras/search"
)

// corpus holds articles written for these tests: each one exists to make
// one ranking, filter or facet rule observable.
const corpus = `{"id":"oil-title","title":"أسعار النفط ترتفع في الأسواق العالمية","body":"الرياض - نبض الخليج: ارتفعت أسعار النفط اليوم مع تراجع المخزونات الأمريكية وتوقعات بزيادة الطلب.","source":"نبض الخليج","category":"اقتصاد","published":"2024-03-11T09:00:00+03:00"}
{"id":"oil-body","title":"تقرير اقتصادي أسبوعي","body":"الكويت - المرصد الاقتصادي: تناول التقرير الأسبوعي حركة الأسهم في البورصة وأداء القطاع المصرفي وتطورات سوق العقار ومؤشرات التضخم والعملات الأجنبية، كما تطرق إلى أسعار النفط والذهب وتوقعات المحللين للربع المقبل، وإلى خطط الحكومة لتنويع مصادر الدخل ودعم المشاريع الصغيرة في الكويت.","source":"المرصد الاقتصادي","category":"اقتصاد","published":"2023-05-02"}
{"id":"teachers-exact","title":"إضراب في المدارس","body":"عمّان - وكالة البتراء: نفذ المعلمون إضرابا عن العمل في عدد من مدارس عمّان للمطالبة بزيادة الرواتب.","source":"أنباء الكرمل","category":"مجتمع","published":"2022-09-04"}
{"id":"teachers-stem","title":"يوم دراسي جديد","body":"إربد: استقبل معلم المدرسة طلابه في أول أيام العام الدراسي وسط أجواء من الفرح.","source":"أنباء الكرمل","category":"مجتمع","published":"2022-09-01"}
{"id":"water-both","title":"أزمة في الصيف","body":"القاهرة - أخبار النيل: تعاني قرى عديدة في الصعيد من انقطاع مياه الشرب منذ أسابيع.","source":"أخبار النيل","category":"محليات","published":"2021-07-20"}
{"id":"water-one","title":"مياه الأمطار","body":"الإسكندرية - أخبار النيل: غمرت مياه الأمطار الشوارع، وارتفع منسوب المياه في الأنفاق، وتدخلت فرق المياه لسحبها.","source":"أخبار النيل","category":"محليات","published":"2021-11-03"}
{"id":"council-phrase","title":"جلسة طارئة","body":"نيويورك: عقد مجلس الأمن جلسة طارئة لبحث الأوضاع في غزة بطلب من الجزائر.","source":"Levant Wire","category":"سياسة","published":"2025-01-15T18:00:00Z"}
{"id":"council-apart","title":"الأمن في المدينة","body":"بغداد/الرافدين: أقر مجلس المحافظة خطة لتعزيز الأمن في أحياء بغداد الشرقية.","source":"وكالة الرافدين","category":"سياسة","published":"2025-02-02"}
{"id":"html-body","title":"وسوم <script> في النص","body":"تونس - نسيم قرطاج: نشر موقع تونسي مقالاً عن الأمن الرقمي يشرح خطر <script> في صفحات الويب.","source":"نسيم قرطاج","category":"تكنولوجيا","published":"2020-06-30"}
{"id":"electricity","title":"انقطاع الكهرباء في البصرة","body":"البصرة/الرافدين: شهدت البصرة انقطاعا طويلا للكهرباء مع ارتفاع درجات الحرارة في العراق.","source":"وكالة الرافدين","category":"محليات","published":"2024-07-14"}
`

var (
	once   sync.Once
	engine *search.Engine
	setErr error
)

// sharedDirs are the indexes built once for all the tests of this binary;
// TestMain removes them.
var sharedDirs []string

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range sharedDirs {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

func testEngine(t *testing.T) *search.Engine {
	t.Helper()
	once.Do(func() {
		dir := filepath.Join(os.TempDir(), "fahras-search-test-"+time.Now().Format("150405.000000000"))
		sharedDirs = append(sharedDirs, dir)
		engine, _, setErr = newEngine(dir, corpus)
	})
	if setErr != nil {
		t.Fatalf("test index: %v", setErr)
	}
	return engine
}

// newEngine indexes JSON Lines articles in a new two-shard index in dir
// and returns a search engine over it.
func newEngine(dir, jsonl string) (*search.Engine, *index.Index, error) {
	g, err := places.Default()
	if err != nil {
		return nil, nil, err
	}
	ix, err := index.Create(dir, index.Options{Shards: 2, ProtectedWords: g.Names()})
	if err != nil {
		return nil, nil, err
	}
	src := func(ctx context.Context, emit func(readers.Record) error) error {
		return readers.Read(ctx, strings.NewReader(jsonl), "corpus.jsonl", readers.Options{}, emit)
	}
	if _, err := ix.Ingest(context.Background(), src, index.NewEnricher(g, nil), index.IngestOptions{}); err != nil {
		ix.Close()
		return nil, nil, err
	}
	eng, err := search.New(ix, g)
	if err != nil {
		ix.Close()
		return nil, nil, err
	}
	// The spellings of names, which the engine mines in the background,
	// are there from the first search of a test.
	if _, err := eng.Variants(context.Background()); err != nil {
		ix.Close()
		return nil, nil, err
	}
	return eng, ix, nil
}

func run(t *testing.T, req search.Request) *search.Result {
	t.Helper()
	if req.Now.IsZero() {
		req.Now = time.Date(2025, 2, 10, 12, 0, 0, 0, time.UTC)
	}
	res, err := testEngine(t).Search(context.Background(), req)
	if err != nil {
		t.Fatalf("search %+v: %v", req, err)
	}
	return res
}

func ids(res *search.Result) []string {
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.ID
	}
	return out
}

func rank(res *search.Result, id string) int {
	for i, h := range res.Hits {
		if h.ID == id {
			return i + 1
		}
	}
	return 0
}

func TestRanking(t *testing.T) {
	tests := []struct {
		name, query, better, worse string
	}{
		{"title above body", "النفط", "oil-title", "oil-body"},
		{"exact form above stem-only", "المعلمون", "teachers-exact", "teachers-stem"},
		{"all words above some", "مياه الشرب", "water-both", "water-one"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := run(t, search.Request{Query: tc.query, NoFacets: true})
			b, w := rank(res, tc.better), rank(res, tc.worse)
			if b == 0 || w == 0 || b > w {
				t.Fatalf("%q: %s at %d, %s at %d (hits %v)", tc.query, tc.better, b, tc.worse, w, ids(res))
			}
		})
	}
}

func TestQuerySyntax(t *testing.T) {
	tests := []struct {
		query   string
		want    []string // all of these, in any order
		exclude []string
	}{
		{query: `"مجلس الأمن"`, want: []string{"council-phrase"}, exclude: []string{"council-apart"}},
		{query: `«مجلس الأمن»`, want: []string{"council-phrase"}, exclude: []string{"council-apart"}},
		{query: `مجلس -غزة`, want: []string{"council-apart"}, exclude: []string{"council-phrase"}},
		{query: `الذهب OR الإضراب`, want: []string{"oil-body", "teachers-exact"}},
		{query: `الكهرب*`, want: []string{"electricity"}},
		{query: `الكهرباع~`, want: []string{"electricity"}},
		{query: `title:النفط`, want: []string{"oil-title"}, exclude: []string{"oil-body"}},
		{query: `source:"أخبار النيل"`, want: []string{"water-both", "water-one"}, exclude: []string{"oil-title"}},
		{query: `country:KW`, want: []string{"oil-body"}, exclude: []string{"oil-title"}},
		{query: `place:البصرة`, want: []string{"electricity"}, exclude: []string{"council-apart"}},
		{query: `بلد:العراق الكهرباء`, want: []string{"electricity"}},
		{query: `- من أين يأتي النفط؟`, want: []string{"oil-title", "oil-body"}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			res := run(t, search.Request{Query: tc.query, NoFacets: true, Size: 50})
			for _, id := range tc.want {
				if rank(res, id) == 0 {
					t.Errorf("%q: %s missing from %v", tc.query, id, ids(res))
				}
			}
			for _, id := range tc.exclude {
				if rank(res, id) != 0 {
					t.Errorf("%q: %s should not match (hits %v)", tc.query, id, ids(res))
				}
			}
		})
	}
}

func TestFiltersAndSort(t *testing.T) {
	res := run(t, search.Request{From: "2024-01-01", To: "2024-12-31", NoFacets: true})
	if got := ids(res); len(got) != 2 || got[0] != "electricity" || got[1] != "oil-title" {
		t.Errorf("2024, newest first: %v, want [electricity oil-title]", got)
	}
	res = run(t, search.Request{Countries: []string{"EG"}, Sort: search.SortOldest, NoFacets: true})
	if got := ids(res); len(got) != 2 || got[0] != "water-both" || got[1] != "water-one" {
		t.Errorf("Egypt oldest first: %v", got)
	}
	res = run(t, search.Request{Places: []string{"الإسكندرية"}, NoFacets: true})
	if got := ids(res); len(got) != 1 || got[0] != "water-one" {
		t.Errorf("place by name: %v", got)
	}
	res = run(t, search.Request{Query: "الأمن", Categories: []string{"سياسة"}, NoFacets: true})
	if rank(res, "html-body") != 0 || rank(res, "council-apart") == 0 {
		t.Errorf("category filter: %v", ids(res))
	}
	// An empty query lists everything, newest first.
	res = run(t, search.Request{NoFacets: true, Size: 100})
	if res.Total != 10 || res.Sort != search.SortNewest || res.Hits[0].ID != "council-apart" {
		t.Errorf("empty query: total %d sort %s first %v", res.Total, res.Sort, ids(res))
	}
}

// TestTimeRanges checks ranges whose ends fall inside a day: whole days
// and the cut days are matched by different terms, and together they must
// give exactly the articles published between the two times.
func TestTimeRanges(t *testing.T) {
	// oil-title: 2024-03-11T06:00:00Z; council-phrase: 2025-01-15T18:00:00Z;
	// council-apart: 2025-02-02.
	tests := []struct {
		from, to string
		want     []string // newest first
	}{
		{"2024-03-11T05:59:00Z", "2024-03-11T06:00:00Z", []string{"oil-title"}},
		{"2024-03-11T06:00:00.000000001Z", "2024-03-11", nil},
		{"2024-03-11", "2024-03-11T05:59:59Z", nil},
		{"2024-03-10T23:00:00Z", "2024-03-12T01:00:00Z", []string{"oil-title"}},
		{"2025-01-15T17:00:00Z", "2025-02-01", []string{"council-phrase"}},
		{"2025-01-15T18:00:01Z", "2025-02-02", []string{"council-apart"}},
		{"2025-01-01", "2025-01-15T17:59:59Z", nil},
		{"2025-01-15T21:00:00+03:00", "", []string{"council-apart", "council-phrase"}},
		{"", "2020-06-30T00:00:00Z", []string{"html-body"}},
	}
	for _, tt := range tests {
		res := run(t, search.Request{From: tt.from, To: tt.to, NoFacets: true, Size: 20})
		if got := ids(res); strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("from %q to %q: %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestCursorPagesThroughEverything(t *testing.T) {
	for _, sort := range []string{search.SortNewest, search.SortRelevance, search.SortOldest} {
		seen := map[string]bool{}
		req := search.Request{Query: "", Size: 3, Sort: sort, NoFacets: true}
		if sort == search.SortRelevance {
			req.Query = "الأمن OR المياه OR النفط OR الكهرباء OR المعلمون OR مدرسة OR مياه"
		}
		first := run(t, req)
		total := first.Total
		res := first
		for pages := 0; ; pages++ {
			for _, h := range res.Hits {
				if seen[h.ID] {
					t.Fatalf("sort %s: %s seen twice", sort, h.ID)
				}
				seen[h.ID] = true
			}
			if len(res.SearchAfter) == 0 || pages > 20 {
				break
			}
			req.SearchAfter = res.SearchAfter
			res = run(t, req)
		}
		if uint64(len(seen)) != total {
			t.Errorf("sort %s: cursor reached %d of %d", sort, len(seen), total)
		}
	}
}

func TestFacets(t *testing.T) {
	res := run(t, search.Request{})
	f := res.Facets
	if f == nil {
		t.Fatal("no facets")
	}
	if f.Dates.Interval != "year" || len(f.Dates.Buckets) != 6 {
		t.Errorf("dates: interval %s, %d buckets, want year, 6 (2020–2025)", f.Dates.Interval, len(f.Dates.Buckets))
	}
	count := func(nodes []search.PlaceNode, id string) uint64 {
		for _, n := range nodes {
			if n.ID == id {
				return n.Count
			}
		}
		return 0
	}
	if count(f.Places, "EG") != 2 || count(f.Places, "IQ") < 2 {
		t.Errorf("countries: %+v", f.Places)
	}
	// Disjunctive: selecting Egypt keeps Iraq's count.
	sel := run(t, search.Request{Countries: []string{"EG"}})
	if sel.Total != 2 || count(sel.Facets.Places, "IQ") != count(f.Places, "IQ") {
		t.Errorf("with country=EG: total %d, IQ %d (was %d)", sel.Total, count(sel.Facets.Places, "IQ"), count(f.Places, "IQ"))
	}
	// But the source facet follows the country filter.
	for _, b := range sel.Facets.Sources {
		if b.Value != "أخبار النيل" {
			t.Errorf("sources with country=EG: %+v", sel.Facets.Sources)
		}
	}
	// A narrow span is counted by day.
	narrow := run(t, search.Request{From: "2022-09-01", To: "2022-09-30"})
	if narrow.Facets.Dates.Interval != "day" {
		t.Errorf("September 2022: interval %s", narrow.Facets.Dates.Interval)
	}
	// The divisions of Iraq hang under Iraq.
	for _, c := range f.Places {
		if c.ID == "IQ" && len(c.Children) == 0 {
			t.Errorf("Iraq has no divisions in the tree")
		}
	}
	vals, err := testEngine(t).FacetValues(context.Background(), search.FacetRequest{Facet: "places", Level: "country", Prefix: "مص", Size: 10})
	if nodes, ok := vals.Values.([]search.PlaceNode); err != nil || !ok || len(nodes) != 1 || nodes[0].ID != "EG" || nodes[0].Count != count(f.Places, "EG") {
		t.Errorf("facet values for مص: %+v, %v", vals, err)
	}
}

func TestHighlighting(t *testing.T) {
	res := run(t, search.Request{Query: "الكهرباء", NoFacets: true})
	if len(res.Hits) == 0 {
		t.Fatal("no hits")
	}
	h := res.Hits[0]
	if h.Highlights["title"] != "انقطاع <mark>الكهرباء</mark> في البصرة" {
		t.Errorf("title highlight %q", h.Highlights["title"])
	}
	if !strings.Contains(h.Snippet, "<mark>للكهرباء</mark>") {
		t.Errorf("snippet should mark the whole word للكهرباء: %q", h.Snippet)
	}
	res = run(t, search.Request{Query: "الرقمي", NoFacets: true})
	if len(res.Hits) != 1 || strings.Contains(res.Hits[0].Snippet, "<script>") || !strings.Contains(res.Hits[0].Snippet, "&lt;script&gt;") {
		t.Errorf("snippet must be escaped: %+v", res.Hits)
	}
	if strings.Contains(res.Hits[0].Highlights["title"], "<script>") {
		t.Errorf("title must be escaped: %q", res.Hits[0].Highlights["title"])
	}
}

func TestDidYouMeanAndSuggest(t *testing.T) {
	res := run(t, search.Request{Query: "انقطاغ", NoFacets: true})
	if res.DidYouMean != "انقطاع" {
		t.Errorf("no suggestion for a misspelling (hits %v)", ids(res))
	}
	comps, err := testEngine(t).Suggest(context.Background(), search.SuggestRequest{Text: "انقطاع الكهر", Size: 5})
	if err != nil {
		t.Fatal(err)
	}
	var sawTerm, sawTitle bool
	for _, c := range comps {
		if c.Kind == "term" && c.Text == "انقطاع الكهرباء" {
			sawTerm = true
		}
		if c.Kind == "title" && c.ID == "electricity" {
			sawTitle = true
		}
	}
	if !sawTerm || !sawTitle {
		t.Errorf("completions %+v", comps)
	}
}

func TestBadRequests(t *testing.T) {
	eng := testEngine(t)
	tests := []struct {
		name string
		req  search.Request
		code string
	}{
		{"size too big", search.Request{Size: 1000}, "invalid_size"},
		{"negative page", search.Request{Page: -1}, "invalid_page"},
		{"page beyond the window", search.Request{Page: 2000, Size: 10}, "page_too_deep"},
		{"page × size overflows", search.Request{Page: 1 << 62, Size: 4}, "invalid_page"},
		{"unknown sort", search.Request{Sort: "random"}, "invalid_sort"},
		{"bad date", search.Request{From: "yesterday"}, "invalid_date"},
		{"reversed dates", search.Request{From: "2025-01-01", To: "2024-01-01"}, "invalid_date"},
		{"too long", search.Request{Query: strings.Repeat("نفط ", 3000)}, "too_long"},
		{"invalid UTF-8", search.Request{Query: "\xff\xfe"}, "invalid_utf8"},
		{"bad cursor", search.Request{SearchAfter: []string{"!!", "??", "**"}}, "invalid_cursor"},
		// Base64 that decodes, but to no score and no ID.
		{"cursor that decodes to nothing", search.Request{Query: "نفط", SearchAfter: []string{"AAAA", "BBBB"}}, "invalid_cursor"},
		{"cursor with an empty ID", search.Request{Query: "نفط", SearchAfter: []string{"MS41", ""}}, "invalid_cursor"},
		{"cursor of another sort", search.Request{Query: "نفط", Sort: search.SortNewest, SearchAfter: []string{"MS41", "eA"}}, "invalid_cursor"},
		{"a day that does not exist", search.Request{From: "2024-02-30"}, "invalid_date"},
		{"unknown facet", search.Request{Facets: []string{"planets"}}, "invalid_facets"},
		{"unknown field", search.Request{Fields: []string{"body"}}, "invalid_fields"},
		// Queries that leave nothing to search for.
		{"a one-letter prefix", search.Request{Query: "ا*"}, "empty_query"},
		{"a lone OR", search.Request{Query: "OR"}, "empty_query"},
		{"OR OR", search.Request{Query: "OR OR"}, "empty_query"},
		{"a scope without a word", search.Request{Query: "title:"}, "empty_query"},
		{"a lone wildcard", search.Request{Query: "*"}, "empty_query"},
		{"a lone minus", search.Request{Query: "-"}, "empty_query"},
		{"stop words only", search.Request{Query: "في من"}, "empty_query"},
		// A cursor of the newest-first order whose date is not a date.
		{"cursor without a date", search.Request{Sort: search.SortNewest, SearchAfter: []string{"bm90IGEgZGF0ZQ", "MQ", "eA"}}, "invalid_cursor"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := eng.Search(context.Background(), tc.req)
			var se *search.Error
			if !errors.As(err, &se) || se.Code != tc.code {
				t.Fatalf("got %v, want code %s", err, tc.code)
			}
		})
	}
	for _, fr := range []search.FacetRequest{{Facet: "planet"}, {Facet: "country"}, {Facet: "sources", Level: "city"}, {Facet: "places", Size: 501}} {
		var se *search.Error
		if _, err := eng.FacetValues(context.Background(), fr); !errors.As(err, &se) {
			t.Errorf("facet request %+v: %v, want a request error", fr, err)
		}
	}
	// Sensible readings, not errors; an empty query lists every article.
	for _, q := range []string{`"غير مغلق`, `مص~2 بغ~2 ال~2`, `نفط -`, ``, `  `} {
		if _, err := eng.Search(context.Background(), search.Request{Query: q}); err != nil {
			t.Errorf("%q: %v", q, err)
		}
	}
}

func TestFuzzinessBoundedByLength(t *testing.T) {
	tests := []struct {
		term  string
		asked int
		want  int
	}{
		{"مص", 2, 0}, {"نفط", 2, 0}, {"غزة", 1, 0}, {"بغداد", 2, 1}, {"دمشق", 1, 1},
		{"الانتخابات", 2, 2}, {"الانتخابات", 1, 1}, {"الانتخابات", 5, 2}, {"النفط", -1, 0},
	}
	for _, tc := range tests {
		if got := search.MaxFuzziness(tc.term, tc.asked); got != tc.want {
			t.Errorf("MaxFuzziness(%q, %d) = %d, want %d", tc.term, tc.asked, got, tc.want)
		}
	}
}

func TestRecentRanges(t *testing.T) {
	// council-phrase was published 2025-01-15T18:00Z; council-apart on
	// 2025-02-02 (midnight UTC).
	now := time.Date(2025, 2, 2, 20, 0, 0, 0, time.UTC)
	res := run(t, search.Request{Now: now})
	got := map[string]uint64{}
	for _, r := range res.Facets.Dates.Ranges {
		got[r.Key] = r.Count
	}
	want := map[string]uint64{"24h": 1, "7d": 1, "30d": 2, "12m": 4}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("range %s: %d, want %d (all %v)", k, got[k], v, got)
		}
	}
	// 24 hours later the article of 2 February has left the last day.
	res = run(t, search.Request{Now: now.Add(25 * time.Hour)})
	for _, r := range res.Facets.Dates.Ranges {
		if r.Key == "24h" && r.Count != 0 {
			t.Errorf("24h a day later: %d, want 0", r.Count)
		}
	}
	// With a date filter the ranges stay disjunctive.
	res = run(t, search.Request{Now: now, From: "2020-01-01", To: "2020-12-31"})
	for _, r := range res.Facets.Dates.Ranges {
		if r.Key == "30d" && r.Count != 2 {
			t.Errorf("30d with a 2020 filter: %d, want 2", r.Count)
		}
	}
}
