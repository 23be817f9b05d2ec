package search_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/index/readers"
	"github.com/fahras/fahras/search"
)

// newsQueries are queries of the kind a newsroom types, written for this
// test: names, places, topics, one to six words.
var newsQueries = []string{
	"أسعار النفط", "النفط", "الحكومة", "الحكومة العراقية", "الانتخابات البرلمانية في العراق",
	"مجلس الأمن الدولي", "الأمم المتحدة سوريا", "اللاجئين السوريين في لبنان", "كأس العالم",
	"المنتخب المغربي", "الرئيس الأمريكي ترامب", "بوتين", "أردوغان تركيا", "القدس",
	"غزة", "الضفة الغربية الاستيطان", "الاحتلال الإسرائيلي", "البنك المركزي", "سعر الدولار",
	"الذهب", "البورصة المصرية", "صندوق النقد الدولي قرض", "التضخم", "البطالة بين الشباب",
	"الصحة العالمية", "فيروس", "الكهرباء", "المياه", "الجفاف", "الأمطار الغزيرة", "الزلزال",
	"داعش", "الإرهاب", "الحوثيين اليمن", "التحالف العربي", "السعودية إيران", "قطر الحصار",
	"الإمارات", "الكويت مجلس الأمة", "تونس", "الجزائر الحراك", "ليبيا طرابلس", "السودان البشير",
	"مصر السيسي", "الأردن", "المغرب", "موريتانيا", "فلسطين", "العراق", "بغداد", "دمشق",
	"بيروت", "القاهرة", "الرياض", "دبي", "عمان", "الدوحة", "الخرطوم", "صنعاء", "الرباط",
	"وزير الخارجية", "رئيس الوزراء", "البرلمان", "الدستور", "الفساد", "المعارضة", "المظاهرات",
	"الشرطة", "الجيش", "السجن", "المحكمة", "الصحفيين", "حرية الصحافة", "التعليم", "الجامعة",
	"الطلاب", "المدارس", "الثقافة", "السينما", "مهرجان", "الموسيقى", "كرة القدم", "الدوري",
	"برشلونة", "ريال مدريد", "محمد صلاح", "ليفربول", "السياحة", "الطيران", "المطار", "النقل",
	"السيارات", "التكنولوجيا", "الإنترنت", "الهاتف", "فيسبوك", "الذكاء الاصطناعي", "الطاقة الشمسية",
}

// qaQuestions reads the questions of a QA set (id, tab, text).
func qaQuestions(t *testing.T, set string, n int) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "shared", "data", "qa", set, "queries.tsv"))
	if err != nil {
		t.Skipf("the %s questions are not there: %v", set, err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() && len(out) < n {
		if _, q, ok := strings.Cut(sc.Text(), "\t"); ok {
			out = append(out, q)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

var (
	antTestOnce sync.Once
	antTest     *search.Engine
	antTestErr  error
)

// antTestEngine indexes the ANT corpus once for the tests of this binary.
func antTestEngine(t *testing.T) *search.Engine {
	t.Helper()
	if _, err := os.Stat(antCorpus); err != nil {
		t.Skipf("the ANT corpus is not at %s: %v", antCorpus, err)
	}
	if testing.Short() {
		t.Skip("indexes the ANT corpus")
	}
	antTestOnce.Do(func() {
		g, err := places.Default()
		if err != nil {
			antTestErr = err
			return
		}
		dir, err := os.MkdirTemp("", "fahras-ant-test")
		if err != nil {
			antTestErr = err
			return
		}
		sharedDirs = append(sharedDirs, dir)
		ix, err := index.Create(filepath.Join(dir, "ix"), index.Options{ProtectedWords: g.Names()})
		if err != nil {
			antTestErr = err
			return
		}
		src := func(ctx context.Context, emit func(readers.Record) error) error {
			return readers.ReadPath(ctx, antCorpus, nil, readers.Options{}, emit)
		}
		if _, err := ix.Ingest(context.Background(), src, index.NewEnricher(g, nil), index.IngestOptions{}); err != nil {
			antTestErr = err
			return
		}
		if antTest, antTestErr = search.New(ix, g); antTestErr == nil {
			_, antTestErr = antTest.Variants(context.Background())
		}
	})
	if antTestErr != nil {
		t.Fatalf("ANT index: %v", antTestErr)
	}
	return antTest
}

// TestRankedIsExhaustive is the proof that pruning is safe: over the
// ARCD and XQuAD questions and a newsroom's queries on the ANT corpus,
// with and without filters and facets, on the first and later pages,
// the engine that skips what cannot reach the page answers with the same
// articles, in the same order, with the same scores, totals and facets as
// the engine that scores every match.
func TestRankedIsExhaustive(t *testing.T) {
	pruned := antTestEngine(t)
	g, err := places.Default()
	if err != nil {
		t.Fatal(err)
	}
	full, err := search.New(pruned.Index(), g)
	if err != nil {
		t.Fatal(err)
	}
	full.SetExhaustive(true)
	if _, err := full.Variants(context.Background()); err != nil {
		t.Fatal(err)
	}
	queries := append(qaQuestions(t, "arcd", 250), qaQuestions(t, "xquad", 250)...)
	queries = append(queries, newsQueries...)
	variants := []func(*search.Request){
		func(*search.Request) {},
		func(r *search.Request) { r.Page = 2 },
		func(r *search.Request) { r.Size = 3 },
		func(r *search.Request) { r.NoFacets = false },
		func(r *search.Request) { r.From, r.To = "2018-01-01", "2018-12-31" },
		func(r *search.Request) { r.Countries = []string{"EG", "SA"}; r.NoFacets = false },
	}
	ranked := 0
	for i, q := range queries {
		req := search.Request{Query: q, NoFacets: true, NoHighlight: true, ExactTotal: i%2 == 0}
		variants[i%len(variants)](&req)
		if !pruned.Ranked(req) {
			continue
		}
		ranked++
		got, err := pruned.Search(context.Background(), req)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		want, err := full.Search(context.Background(), req)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		label := fmt.Sprintf("%q (%+v)", q, req)
		if len(got.Hits) != len(want.Hits) {
			t.Errorf("%s: %d hits, exhaustively %d", label, len(got.Hits), len(want.Hits))
			continue
		}
		for j := range want.Hits {
			if got.Hits[j].ID != want.Hits[j].ID || got.Hits[j].Score != want.Hits[j].Score {
				t.Errorf("%s: hit %d is %s (%v), exhaustively %s (%v)", label, j, got.Hits[j].ID, got.Hits[j].Score, want.Hits[j].ID, want.Hits[j].Score)
			}
		}
		switch {
		case got.TotalRelation == search.TotalExact && got.Total != want.Total:
			t.Errorf("%s: total %d, exhaustively %d", label, got.Total, want.Total)
		case got.TotalRelation == search.TotalLowerBound && (got.Total != index.DefaultTotalLimit || want.Total <= index.DefaultTotalLimit || req.ExactTotal || !req.NoFacets):
			t.Errorf("%s: total at least %d, exhaustively %d", label, got.Total, want.Total)
		}
		if !reflect.DeepEqual(got.Facets, want.Facets) {
			t.Errorf("%s: facets differ:\n%+v\nexhaustively\n%+v", label, got.Facets, want.Facets)
		}
	}
	if ranked < 400 {
		t.Errorf("only %d of %d queries were pruned", ranked, len(queries))
	}
	t.Logf("%d of %d queries pruned and equal", ranked, len(queries))
}

// TestDateOrderIsExhaustive: a date-ordered search that looks at the
// most recent days first (whatever its number of matches) answers, page after page and cursor after
// cursor, with the articles of the search of every match, in the same
// order, newest and oldest first, with and without filters.
func TestDateOrderIsExhaustive(t *testing.T) {
	pruned := antTestEngine(t)
	g, err := places.Default()
	if err != nil {
		t.Fatal(err)
	}
	full, err := search.New(pruned.Index(), g)
	if err != nil {
		t.Fatal(err)
	}
	full.SetExhaustive(true)
	if _, err := full.Variants(context.Background()); err != nil {
		t.Fatal(err)
	}
	windowed, err := search.New(pruned.Index(), g)
	if err != nil {
		t.Fatal(err)
	}
	windowed.WindowDates()
	if _, err := windowed.Variants(context.Background()); err != nil {
		t.Fatal(err)
	}
	queries := []string{""}
	for i := 0; i < len(newsQueries); i += 2 {
		queries = append(queries, newsQueries[i])
	}
	queries = append(queries, qaQuestions(t, "arcd", 10)...)
	ids := func(r *search.Result) []string {
		out := make([]string, len(r.Hits))
		for i, h := range r.Hits {
			out[i] = h.ID
		}
		return out
	}
	for i, q := range queries {
		req := search.Request{Query: q, NoFacets: true, NoHighlight: true, Sort: []string{search.SortNewest, search.SortOldest}[i%2]}
		switch i % 5 {
		case 1:
			req.Page = 3
		case 2:
			req.Size = 50
		case 3:
			req.From = "2018-06-01"
		case 4:
			req.Countries = []string{"EG"}
		}
		// The first page, then four more by cursor.
		for step := range 5 {
			got, err := windowed.Search(context.Background(), req)
			if err != nil {
				t.Fatalf("%q: %v", q, err)
			}
			want, err := full.Search(context.Background(), req)
			if err != nil {
				t.Fatalf("%q: %v", q, err)
			}
			label := fmt.Sprintf("%q %s page %d step %d", q, req.Sort, req.Page, step)
			if !reflect.DeepEqual(ids(got), ids(want)) {
				t.Errorf("%s: %v, exhaustively %v", label, ids(got), ids(want))
				break
			}
			if !reflect.DeepEqual(got.SearchAfter, want.SearchAfter) {
				t.Errorf("%s: cursor %v, exhaustively %v", label, got.SearchAfter, want.SearchAfter)
				break
			}
			if got.TotalRelation == search.TotalExact && got.Total != want.Total ||
				got.TotalRelation == search.TotalLowerBound && (got.Total != index.DefaultTotalLimit || want.Total <= got.Total) {
				t.Errorf("%s: total %d %s, exhaustively %d", label, got.Total, got.TotalRelation, want.Total)
			}
			if len(got.SearchAfter) == 0 {
				break
			}
			req.SearchAfter, req.Page = got.SearchAfter, 0
		}
	}
}

// TestLandingPageIsExhaustive: everything with every facet, counted from
// the segments' totals, is what walking every article counts, with the
// same page, in both date orders and on a later page.
func TestLandingPageIsExhaustive(t *testing.T) {
	pruned := antTestEngine(t)
	g, err := places.Default()
	if err != nil {
		t.Fatal(err)
	}
	full, err := search.New(pruned.Index(), g)
	if err != nil {
		t.Fatal(err)
	}
	full.SetExhaustive(true)
	if _, err := full.Variants(context.Background()); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2018, 11, 18, 12, 0, 0, 0, time.UTC)
	for _, req := range []search.Request{
		{Now: now},
		{Now: now, Page: 3},
		{Now: now, Sort: search.SortOldest},
		{Now: now, FacetSize: 100},
	} {
		got, err := pruned.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		want, err := full.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		gotIDs, wantIDs := make([]string, len(got.Hits)), make([]string, len(want.Hits))
		for i := range got.Hits {
			gotIDs[i] = got.Hits[i].ID
		}
		for i := range want.Hits {
			wantIDs[i] = want.Hits[i].ID
		}
		if !reflect.DeepEqual(gotIDs, wantIDs) || got.Total != want.Total || got.TotalRelation != search.TotalExact {
			t.Errorf("%+v: %v (%d %s), walking %v (%d)", req, gotIDs, got.Total, got.TotalRelation, wantIDs, want.Total)
		}
		if !reflect.DeepEqual(got.Facets, want.Facets) {
			t.Errorf("%+v: the facets differ from those of walking every article", req)
		}
	}
}

// TestPhraseIsExhaustive is the same proof for quoted phrases: the
// newsroom's queries of several words and runs of two and three words of
// the ARCD and XQuAD questions, quoted, alone or in the title, with and
// without filters and facets, on the first and later pages.
func TestPhraseIsExhaustive(t *testing.T) {
	pruned := antTestEngine(t)
	g, err := places.Default()
	if err != nil {
		t.Fatal(err)
	}
	full, err := search.New(pruned.Index(), g)
	if err != nil {
		t.Fatal(err)
	}
	full.SetExhaustive(true)
	if _, err := full.Variants(context.Background()); err != nil {
		t.Fatal(err)
	}
	var phrases []string
	for _, q := range newsQueries {
		if strings.Contains(q, " ") {
			phrases = append(phrases, `"`+q+`"`)
		}
	}
	for i, q := range append(qaQuestions(t, "arcd", 150), qaQuestions(t, "xquad", 150)...) {
		words := strings.Fields(q)
		size := 2 + i%2
		if len(words) < size+1 {
			continue
		}
		// The run after the question word: "ما هي عاصمة ..." gives "هي عاصمة".
		at := 1 + i%(len(words)-size)
		phrase := `"` + strings.Join(words[at:at+size], " ") + `"`
		if i%7 == 0 {
			phrase = "title:" + phrase
		}
		phrases = append(phrases, phrase)
	}
	variants := []func(*search.Request){
		func(*search.Request) {},
		func(r *search.Request) { r.Page = 2 },
		func(r *search.Request) { r.Size = 3 },
		func(r *search.Request) { r.NoFacets = false },
		func(r *search.Request) { r.From, r.To = "2018-01-01", "2018-12-31" },
		func(r *search.Request) { r.Countries = []string{"EG", "SA"}; r.NoFacets = false },
	}
	phrased, matched := 0, 0
	for i, q := range phrases {
		req := search.Request{Query: q, NoFacets: true, NoHighlight: true, ExactTotal: i%2 == 0}
		variants[i%len(variants)](&req)
		if !pruned.Phrased(req) {
			continue
		}
		phrased++
		got, err := pruned.Search(context.Background(), req)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		want, err := full.Search(context.Background(), req)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if want.Total > 0 {
			matched++
		}
		label := fmt.Sprintf("%s (%+v)", q, req)
		if len(got.Hits) != len(want.Hits) {
			t.Errorf("%s: %d hits, exhaustively %d", label, len(got.Hits), len(want.Hits))
			continue
		}
		for j := range want.Hits {
			if got.Hits[j].ID != want.Hits[j].ID || got.Hits[j].Score != want.Hits[j].Score {
				t.Errorf("%s: hit %d is %s (%v), exhaustively %s (%v)", label, j, got.Hits[j].ID, got.Hits[j].Score, want.Hits[j].ID, want.Hits[j].Score)
			}
		}
		switch {
		case got.TotalRelation == search.TotalExact && got.Total != want.Total:
			t.Errorf("%s: total %d, exhaustively %d", label, got.Total, want.Total)
		case got.TotalRelation == search.TotalLowerBound && (got.Total != index.DefaultTotalLimit || want.Total <= index.DefaultTotalLimit || req.ExactTotal || !req.NoFacets):
			t.Errorf("%s: total at least %d, exhaustively %d", label, got.Total, want.Total)
		}
		if !reflect.DeepEqual(got.Facets, want.Facets) {
			t.Errorf("%s: facets differ:\n%+v\nexhaustively\n%+v", label, got.Facets, want.Facets)
		}
	}
	if phrased < 250 || matched < 100 {
		t.Errorf("only %d of %d phrases were answered by TopPhrase, %d of them with matches", phrased, len(phrases), matched)
	}
	t.Logf("%d of %d phrases answered by TopPhrase and equal, %d with matches", phrased, len(phrases), matched)
}

// TestDatedIsExhaustive: a search of words within a span of dates,
// newest or oldest first, walked in date order by index.TopByDate,
// answers page after page and cursor after cursor with the articles,
// cursors and totals of the search of every match, with and without
// other filters.
func TestDatedIsExhaustive(t *testing.T) {
	pruned := antTestEngine(t)
	g, err := places.Default()
	if err != nil {
		t.Fatal(err)
	}
	full, err := search.New(pruned.Index(), g)
	if err != nil {
		t.Fatal(err)
	}
	full.SetExhaustive(true)
	if _, err := full.Variants(context.Background()); err != nil {
		t.Fatal(err)
	}
	spans := [][2]string{{"2018-06-01", ""}, {"", "2017-12-31"}, {"2019-01-01", "2019-03-31"}, {"2018-02-14", "2018-02-14"}, {"2010-01-01", "2030-12-31"}}
	hits := func(r *search.Result) []string {
		out := make([]string, len(r.Hits))
		for i, h := range r.Hits {
			out[i] = fmt.Sprintf("%s %s %v", h.ID, h.Title, h.Published)
		}
		return out
	}
	dated, withHits := 0, 0
	for i, q := range newsQueries {
		req := search.Request{Query: q, NoFacets: true, NoHighlight: true, Sort: []string{search.SortNewest, search.SortOldest}[i%2], ExactTotal: i%3 == 0}
		req.From, req.To = spans[i%len(spans)][0], spans[i%len(spans)][1]
		switch i % 4 {
		case 1:
			req.Page = 2
		case 2:
			req.Size = 30
		case 3:
			req.Countries = []string{"EG", "IQ"}
		}
		if !pruned.Dated(req) {
			continue
		}
		dated++
		for step := range 4 {
			got, err := pruned.Search(context.Background(), req)
			if err != nil {
				t.Fatalf("%q: %v", q, err)
			}
			want, err := full.Search(context.Background(), req)
			if err != nil {
				t.Fatalf("%q: %v", q, err)
			}
			if step == 0 && len(want.Hits) > 0 {
				withHits++
			}
			label := fmt.Sprintf("%q %s %s–%s page %d step %d", q, req.Sort, req.From, req.To, req.Page, step)
			if !reflect.DeepEqual(hits(got), hits(want)) {
				t.Errorf("%s: %v, exhaustively %v", label, hits(got), hits(want))
				break
			}
			if !reflect.DeepEqual(got.SearchAfter, want.SearchAfter) {
				t.Errorf("%s: cursor %v, exhaustively %v", label, got.SearchAfter, want.SearchAfter)
				break
			}
			if got.TotalRelation == search.TotalExact && got.Total != want.Total ||
				got.TotalRelation == search.TotalLowerBound && (got.Total != index.DefaultTotalLimit || want.Total <= got.Total || req.ExactTotal) {
				t.Errorf("%s: total %d %s, exhaustively %d", label, got.Total, got.TotalRelation, want.Total)
			}
			if len(got.SearchAfter) == 0 {
				break
			}
			req.SearchAfter, req.Page = got.SearchAfter, 0
		}
	}
	if dated < 80 || withHits < 50 {
		t.Errorf("only %d of %d searches were walked in date order, %d with hits", dated, len(newsQueries), withHits)
	}
	t.Logf("%d of %d searches walked in date order and equal, %d with hits", dated, len(newsQueries), withHits)
}
