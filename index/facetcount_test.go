package index_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	blevequery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/index"
)

// TestFacetCountsAgreeWithBleve counts facets from the cached columns and
// with bleve's own facet builder, for several queries, after updates and
// deletes (which leave deleted documents in older segments).
func TestFacetCountsAgreeWithBleve(t *testing.T) {
	ix, enr := newIndex(t, 2)
	ctx := context.Background()
	if _, err := ix.Ingest(ctx, readString("f.jsonl", fixtures), enr, index.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	check := func(label string) {
		t.Helper()
		body := blevequery.NewMatchQuery("الكهرباء")
		body.SetField(index.FieldBody)
		for name, q := range map[string]blevequery.Query{"all": blevequery.NewMatchAllQuery(), "word": body} {
			tally, err := ix.FacetCounts(ctx, q, time.Time{})
			if err != nil {
				t.Fatalf("%s %s: %v", label, name, err)
			}
			got := tally.All()
			checkEach(t, tally, got)
			req := bleve.NewSearchRequestOptions(q, 0, 0, false)
			req.AddFacet("f", bleve.NewFacetRequest(index.FieldFacet, 10000))
			res, err := ix.Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]uint64{}
			for _, tf := range res.Facets["f"].Terms.Terms() {
				want[tf.Term] = uint64(tf.Count)
			}
			if len(want) == 0 {
				t.Fatalf("%s %s: bleve counted no facet values", label, name)
			}
			if len(got) != len(want) {
				t.Errorf("%s %s: %d values, bleve %d: %v vs %v", label, name, len(got), len(want), got, want)
			}
			for v, n := range want {
				if got[v] != n {
					t.Errorf("%s %s: %q counted %d, bleve %d", label, name, v, got[v], n)
				}
			}
			checkSearchCounting(t, ix, label+" "+name, q, want)
		}
	}
	check("after ingest")
	// Change a document's source and delete another: the old versions
	// stay in their segments as deleted documents.
	a, err := ix.Get(ctx, "a2")
	if err != nil {
		t.Fatal(err)
	}
	a.Source = "مصدر آخر"
	enr.Enrich(&a, a.Published)
	if _, err := ix.Write(ctx, []index.Doc{enr.Document(a)}); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Delete(ctx, "a3"); err != nil {
		t.Fatal(err)
	}
	check("after update and delete")
}

// checkSearchCounting runs q as ranked pages (by score, by date, after a
// cursor) with SearchCounting: each gives the same hits as Search and the
// counts of every match, whatever the page.
func checkSearchCounting(t *testing.T, ix *index.Index, label string, q blevequery.Query, want map[string]uint64) {
	t.Helper()
	ctx := context.Background()
	first := bleve.NewSearchRequestOptions(q, 1, 0, false)
	first.SortBy([]string{"-" + index.FieldPublished, "_id"})
	top, err := ix.Search(ctx, first)
	if err != nil || len(top.Hits) == 0 {
		t.Fatalf("%s: %v, %d hits", label, err, len(top.Hits))
	}
	byScore := bleve.NewSearchRequestOptions(q, 2, 1, false)
	byScore.SortBy([]string{"-_score", "_id"}) // ties (match-all) in one order
	byDate := bleve.NewSearchRequestOptions(q, 3, 0, false)
	byDate.SortBy([]string{"-" + index.FieldPublished, "_id"})
	after := bleve.NewSearchRequestOptions(q, 2, 0, false)
	after.SortBy([]string{"-" + index.FieldPublished, "_id"})
	after.SearchAfter = top.Hits[0].Sort
	for i, req := range []*bleve.SearchRequest{byScore, byDate, after} {
		plain, err := ix.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		res, tally, err := ix.SearchCounting(ctx, req, time.Time{})
		if err != nil {
			t.Fatalf("%s request %d: %v", label, i, err)
		}
		got := tally.All()
		if res.Total != plain.Total || len(res.Hits) != len(plain.Hits) {
			t.Fatalf("%s request %d: %d hits of %d, Search %d of %d", label, i, len(res.Hits), res.Total, len(plain.Hits), plain.Total)
		}
		for j := range res.Hits {
			if res.Hits[j].ID != plain.Hits[j].ID {
				t.Errorf("%s request %d: hit %d is %s, Search %s", label, i, j, res.Hits[j].ID, plain.Hits[j].ID)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s request %d: counted %v, want %v", label, i, got, want)
		}
	}
}

// checkEach checks that Each lists, for each prefix, the values All gives.
func checkEach(t *testing.T, tally *index.FacetTally, all map[string]uint64) {
	t.Helper()
	seen := 0
	for _, prefix := range []string{index.FacetDay, index.FacetPlace, index.FacetSource, index.FacetCategory, index.FacetAuthor} {
		tally.Each(prefix, func(value string, n uint64) {
			seen++
			if all[prefix+value] != n {
				t.Errorf("Each(%q): %q %d, All %d", prefix, value, n, all[prefix+value])
			}
		})
	}
	if seen != len(all) {
		t.Errorf("Each listed %d values, All %d", seen, len(all))
	}
}

// TestRecentCount counts the matches published since a time, apart from
// the day facet: undated articles never count.
func TestRecentCount(t *testing.T) {
	ix, enr := newIndex(t, 2)
	ctx := context.Background()
	if _, err := ix.Ingest(ctx, readString("f.jsonl", fixtures), enr, index.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	all := blevequery.NewMatchAllQuery()
	for _, tc := range []struct {
		since time.Time
		want  uint64
	}{
		{time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), 2},  // a1 (July 2024), a3 (January 2024)
		{time.Date(2024, 7, 14, 6, 0, 0, 0, time.UTC), 1}, // a1 exactly: at or after counts
		{time.Date(2024, 7, 14, 6, 0, 0, 1, time.UTC), 0}, // a nanosecond later
		{time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), 3},  // every dated article; a4 has none
		{time.Time{}, 0}, // not asked
	} {
		tally, err := ix.FacetCounts(ctx, all, tc.since)
		if err != nil {
			t.Fatal(err)
		}
		_, inPass, err := ix.SearchCounting(ctx, bleve.NewSearchRequestOptions(all, 1, 0, false), tc.since)
		if err != nil {
			t.Fatal(err)
		}
		if tally.Recent != tc.want || inPass.Recent != tc.want {
			t.Errorf("since %v: FacetCounts %d, SearchCounting %d, want %d", tc.since, tally.Recent, inPass.Recent, tc.want)
		}
	}
}
