package index_test

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/democorpus"
)

// demoIndex indexes the demo corpus's JSON Lines articles.
func demoIndex(t *testing.T, shards int) *index.Index {
	t.Helper()
	f, err := democorpus.FS().Open("articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	text, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	ix, enr := newIndex(t, shards)
	if _, err := ix.Ingest(context.Background(), readString("articles.jsonl", string(text)+fixtures), enr, index.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	return ix
}

// vocabulary lists a field's terms, most frequent first.
func vocabulary(t *testing.T, ix *index.Index, field string) []string {
	t.Helper()
	type tc struct {
		term string
		n    uint64
	}
	var all []tc
	if err := ix.FieldTerms(field, "", func(term string, n uint64) bool {
		all = append(all, tc{term, n})
		return true
	}); err != nil {
		t.Fatal(err)
	}
	slices.SortStableFunc(all, func(a, b tc) int { return int(b.n) - int(a.n) })
	out := make([]string, len(all))
	for i, c := range all {
		out[i] = c.term
	}
	return out
}

// exhaustive is bleve's answer to q: every match scored, best first,
// ties by ID.
func exhaustive(t *testing.T, ix *index.Index, q index.RankedQuery, from, size int) *bleve.SearchResult {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q.Query(), size, from, false)
	req.SortByCustom(bsearch.SortOrder{&bsearch.SortScore{Desc: true}, &bsearch.SortDocID{}})
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestTopRankedIsExhaustive compares TopRanked with bleve's exhaustive
// search over hundreds of random queries of one to five words, frequent
// and rare, on one and two shards, with and without filters, at page
// sizes where the page's threshold prunes: the same documents in the same
// order with the same scores, and the same totals.
func TestTopRankedIsExhaustive(t *testing.T) {
	for _, shards := range []int{1, 2} {
		ix := demoIndex(t, shards)
		stems := vocabulary(t, ix, index.FieldBody)
		exact := vocabulary(t, ix, index.FieldBodyExact)
		if len(stems) < 200 || len(exact) < 200 {
			t.Fatalf("a vocabulary of %d stems and %d exact forms is too small a test", len(stems), len(exact))
		}
		rng := rand.New(rand.NewPCG(7, uint64(shards)))
		// Frequent terms more often than rare ones, as in queries.
		pick := func(terms []string) string {
			if rng.IntN(2) == 0 {
				return terms[rng.IntN(min(40, len(terms)))]
			}
			return terms[rng.IntN(len(terms))]
		}
		filters := []query.Query{
			nil,
			index.PublishedRange(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Time{}),
			func() query.Query {
				q := query.NewTermQuery("وكالة الرافدين")
				q.SetField(index.FieldSource)
				return q
			}(),
		}
		pruned := 0
		for n := range 400 {
			var q index.RankedQuery
			for range 1 + rng.IntN(5) {
				stem := pick(stems)
				w := index.RankedWord{Terms: []index.RankedTerm{
					{Field: index.FieldTitle, Term: stem, Boost: 1.2},
					{Field: index.FieldBody, Term: stem, Boost: 1},
				}}
				if rng.IntN(3) > 0 {
					w.Terms = append(w.Terms, index.RankedTerm{Field: index.FieldBodyExact, Term: pick(exact), Boost: 0.6})
				}
				q.Words = append(q.Words, w)
			}
			q.Filter = filters[n%len(filters)]
			from, size := []int{0, 0, 0, 1, 3}[n%5], []int{1, 2, 3, 5, 10}[n/5%5]
			want := exhaustive(t, ix, q, from, size)
			got, err := ix.TopRanked(context.Background(), q, from, size, 0)
			if err != nil {
				t.Fatal(err)
			}
			label := fmt.Sprintf("%d shards, query %d %v, from %d size %d", shards, n, q.Words, from, size)
			if got.Total != want.Total || !got.TotalExact {
				t.Errorf("%s: total %d (exact %v), bleve %d", label, got.Total, got.TotalExact, want.Total)
			}
			if len(got.Hits) != len(want.Hits) {
				t.Errorf("%s: %d hits, bleve %d", label, len(got.Hits), len(want.Hits))
				continue
			}
			for i, h := range want.Hits {
				if got.Hits[i].ID != h.ID || got.Hits[i].Score != h.Score {
					t.Errorf("%s: hit %d is %s (%v), bleve's %s (%v)", label, i, got.Hits[i].ID, got.Hits[i].Score, h.ID, h.Score)
				}
			}
			if want.Total > uint64(from+size) {
				pruned++
			}
		}
		if pruned < 100 {
			t.Errorf("%d shards: only %d queries had more matches than their page", shards, pruned)
		}
	}
}

// TestTopRankedTotals counts exactly up to the limit and says when the
// total is a lower bound.
func TestTopRankedTotals(t *testing.T) {
	ix := demoIndex(t, 2)
	stems := vocabulary(t, ix, index.FieldBody)
	var q index.RankedQuery
	for _, s := range stems[:3] {
		q.Words = append(q.Words, index.RankedWord{Terms: []index.RankedTerm{{Field: index.FieldBody, Term: s, Boost: 1}}})
	}
	all := exhaustive(t, ix, q, 0, 1).Total
	if all < 10 {
		t.Fatalf("the three most frequent stems match only %d articles", all)
	}
	for _, c := range []struct {
		limit int
		total uint64
		exact bool
	}{{0, all, true}, {int(all), all, true}, {int(all) + 5, all, true}, {5, 5, false}, {int(all) - 1, all - 1, false}} {
		got, err := ix.TopRanked(context.Background(), q, 0, 3, c.limit)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != c.total || got.TotalExact != c.exact {
			t.Errorf("limit %d: total %d exact %v, want %d %v", c.limit, got.Total, got.TotalExact, c.total, c.exact)
		}
	}
}

func TestRankedQueryValidate(t *testing.T) {
	term := index.RankedTerm{Field: index.FieldBody, Term: "نفط", Boost: 1}
	many := make([]index.RankedWord, 11)
	for i := range many {
		many[i] = index.RankedWord{Terms: []index.RankedTerm{term}}
	}
	for _, c := range []struct {
		name string
		q    index.RankedQuery
		ok   bool
	}{
		{"one word", index.RankedQuery{Words: []index.RankedWord{{Terms: []index.RankedTerm{term}}}}, true},
		{"no words", index.RankedQuery{}, false},
		{"a word without terms", index.RankedQuery{Words: []index.RankedWord{{}}}, false},
		{"eleven words", index.RankedQuery{Words: many}, false},
		{"zero boost", index.RankedQuery{Words: []index.RankedWord{{Terms: []index.RankedTerm{{Field: index.FieldBody, Term: "نفط"}}}}}, false},
	} {
		if err := c.q.Validate(); (err == nil) != c.ok {
			t.Errorf("%s: error %v", c.name, err)
		}
	}
}

// TestDatesBefore finds how far back from a date a window must reach to
// hold k articles, checked against the articles' own dates.
func TestDatesBefore(t *testing.T) {
	ix := demoIndex(t, 2)
	ctx := context.Background()
	first, last, ok, err := ix.PublishedSpan()
	if err != nil || !ok {
		t.Fatalf("span: %v %v", ok, err)
	}
	// Every dated article's date, newest first.
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 1000, 0, false)
	req.SortByCustom(bsearch.SortOrder{&index.PublishedSort{Desc: true}, &bsearch.SortDocID{}})
	res, err := ix.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	var dates []time.Time
	for _, h := range res.Hits {
		if h.DecodedSort[0] == "" {
			continue
		}
		d, err := time.Parse(time.RFC3339Nano, h.DecodedSort[0])
		if err != nil {
			t.Fatal(err)
		}
		dates = append(dates, d)
	}
	if len(dates) < 20 || !dates[0].Equal(last) || !dates[len(dates)-1].Equal(first) {
		t.Fatalf("%d dates from %v to %v; span %v to %v", len(dates), dates[0], dates[len(dates)-1], first, last)
	}
	for _, k := range []int{1, 2, 5, len(dates) / 2, len(dates)} {
		got, ok, err := ix.DatesBefore(last, uint64(k), false)
		if err != nil || !ok || !got.Equal(dates[k-1]) {
			t.Errorf("%d back from the newest: %v %v %v, want %v", k, got, ok, err, dates[k-1])
		}
		got, ok, err = ix.DatesBefore(first, uint64(k), true)
		if want := dates[len(dates)-k]; err != nil || !ok || !got.Equal(want) {
			t.Errorf("%d on from the oldest: %v %v %v, want %v", k, got, ok, err, want)
		}
	}
	if _, ok, _ := ix.DatesBefore(last, uint64(len(dates)+1), false); ok {
		t.Errorf("more articles than there are were found")
	}
}

// TestFacetCountsAll counts every article's facet values from the
// segments' totals as the walk over every article counts them, before
// and after articles are deleted, with the last-day count.
func TestFacetCountsAll(t *testing.T) {
	ix := demoIndex(t, 2)
	ctx := context.Background()
	compare := func(label string, since time.Time) {
		t.Helper()
		want, err := ix.FacetCounts(ctx, bleve.NewMatchAllQuery(), since)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ix.FacetCountsAll(since)
		if err != nil {
			t.Fatal(err)
		}
		n, err := ix.Count()
		if err != nil {
			t.Fatal(err)
		}
		if got.Matches != n || want.Matches != n {
			t.Errorf("%s: %d and %d articles counted, the index holds %d", label, got.Matches, want.Matches, n)
		}
		if got.Recent != want.Recent {
			t.Errorf("%s: %d recent, by walking %d", label, got.Recent, want.Recent)
		}
		if g, w := got.All(), want.All(); !reflect.DeepEqual(g, w) || len(w) < 20 {
			t.Errorf("%s: %d values counted, by walking %d:\n%v\n%v", label, len(g), len(w), g, w)
		}
	}
	_, last, _, err := ix.PublishedSpan()
	if err != nil {
		t.Fatal(err)
	}
	since := last.AddDate(0, -3, 0)
	compare("all", since)
	compare("no last day", time.Time{})
	if recent, err := ix.FacetCountsAll(since); err != nil || recent.Recent == 0 {
		t.Fatalf("no article in the last three months of the corpus: %v", err)
	}
	before, _ := ix.Count()
	if _, err := ix.Delete(ctx, "demo-j001", "demo-j017", "a1"); err != nil {
		t.Fatal(err)
	}
	if after, _ := ix.Count(); after != before-3 {
		t.Fatalf("%d articles after deleting three of %d", after, before)
	}
	compare("after deleting three", since)
}

// TestFacetCountsOfTerms counts the facets of the articles holding any of
// a query's terms from the segments' bitmaps as the walk over the query's
// matches counts them, before and after deletions.
func TestFacetCountsOfTerms(t *testing.T) {
	ix := demoIndex(t, 2)
	ctx := context.Background()
	stems := vocabulary(t, ix, index.FieldBody)
	exact := vocabulary(t, ix, index.FieldBodyExact)
	rng := rand.New(rand.NewPCG(3, 4))
	_, last, _, err := ix.PublishedSpan()
	if err != nil {
		t.Fatal(err)
	}
	since := last.AddDate(0, -3, 0)
	check := func(label string) {
		for n := range 60 {
			var q index.RankedQuery
			for range 1 + rng.IntN(3) {
				s := stems[rng.IntN(min(60, len(stems)))]
				q.Words = append(q.Words, index.RankedWord{Terms: []index.RankedTerm{
					{Field: index.FieldTitle, Term: s, Boost: 1.2},
					{Field: index.FieldBody, Term: s, Boost: 1},
					{Field: index.FieldBodyExact, Term: exact[rng.IntN(min(200, len(exact)))], Boost: 0.6},
				}})
			}
			want, err := ix.FacetCounts(ctx, q.Query(), since)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ix.FacetCountsOfTerms(ctx, q, since)
			if err != nil {
				t.Fatal(err)
			}
			if got.Matches != want.Matches || got.Recent != want.Recent || !reflect.DeepEqual(got.All(), want.All()) {
				t.Errorf("%s, query %d %v: %d matches, %d recent, %d values; walking %d, %d, %d", label, n, q.Words, got.Matches, got.Recent, len(got.All()), want.Matches, want.Recent, len(want.All()))
			}
		}
	}
	check("all articles")
	if _, err := ix.Delete(ctx, "demo-j002", "demo-j020", "a2"); err != nil {
		t.Fatal(err)
	}
	check("after deleting three")
	if _, err := ix.FacetCountsOfTerms(ctx, index.RankedQuery{Filter: bleve.NewMatchAllQuery()}, since); err == nil {
		t.Error("a query with a filter was counted without it")
	}
}
