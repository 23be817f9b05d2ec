package search_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fahras/fahras/search"
)

// tiedEngine indexes articles made to tie: groups with the same text (so
// the same score) and the same date, with IDs written in the reverse of
// the order they are indexed, so that bleve's order of arrival and the
// order of IDs disagree.
func tiedEngine(t *testing.T) *search.Engine {
	t.Helper()
	texts := []string{
		"ارتفعت أسعار النفط في الأسواق اليوم",
		"أسعار النفط والذهب في نشرة الاقتصاد المسائية مع توقعات المحللين",
		"النفط",
	}
	var b strings.Builder
	n := 0
	for group, text := range texts {
		for copy := range 7 {
			day := 1 + copy%3 // three dates per group: dates tie too
			fmt.Fprintf(&b, `{"id":"t%02d","title":"نشرة %d","body":%q,"published":"2024-05-%02dT10:00:00Z"}`+"\n", 40-n, group, text, day)
			n++
		}
	}
	eng, ix, err := newEngine(filepath.Join(t.TempDir(), "ix"), b.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return eng
}

// TestPagesFollowOneOrder pages through tied hits, by page number and by
// cursor, at every page size, and checks that the pages follow the full
// order (sort keys, then ID) without a hit lost or repeated.
func TestPagesFollowOneOrder(t *testing.T) {
	eng := tiedEngine(t)
	ctx := context.Background()
	for _, sort := range []string{search.SortRelevance, search.SortNewest, search.SortOldest} {
		all, err := eng.Search(ctx, search.Request{Query: "النفط", Sort: sort, Size: 100, NoFacets: true, NoHighlight: true})
		if err != nil {
			t.Fatal(err)
		}
		if all.Total != 21 {
			t.Fatalf("%s: %d hits, want 21", sort, all.Total)
		}
		want := slices.Clone(all.Hits)
		slices.SortFunc(want, func(a, b search.Hit) int {
			if sort != search.SortRelevance && !a.Published.Equal(*b.Published) {
				c := a.Published.Compare(*b.Published)
				if sort == search.SortNewest {
					return -c
				}
				return c
			}
			if a.Score != b.Score {
				if a.Score > b.Score {
					return -1
				}
				return 1
			}
			return strings.Compare(a.ID, b.ID)
		})
		var wantIDs []string
		for _, h := range want {
			wantIDs = append(wantIDs, h.ID)
		}
		for size := 1; size <= 8; size++ {
			var byPage, byCursor []string
			for page := 1; page <= 30 && len(byPage) < 21; page++ {
				res, err := eng.Search(ctx, search.Request{Query: "النفط", Sort: sort, Size: size, Page: page, NoFacets: true, NoHighlight: true})
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range res.Hits {
					byPage = append(byPage, h.ID)
				}
			}
			var after []string
			for range 30 {
				res, err := eng.Search(ctx, search.Request{Query: "النفط", Sort: sort, Size: size, SearchAfter: after, NoFacets: true, NoHighlight: true})
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range res.Hits {
					byCursor = append(byCursor, h.ID)
				}
				if res.SearchAfter == nil {
					break
				}
				after = res.SearchAfter
			}
			if !slices.Equal(byPage, wantIDs) {
				t.Errorf("%s, size %d, by page:\n got %v\nwant %v", sort, size, byPage, wantIDs)
			}
			if !slices.Equal(byCursor, wantIDs) {
				t.Errorf("%s, size %d, by cursor:\n got %v\nwant %v", sort, size, byCursor, wantIDs)
			}
		}
	}
}

// TestFiltersNarrowEveryOrder: free words with filters find the same
// articles whatever the order, and each of them has one of the words:
// a date order, which scores nothing, once let the filters alone decide.
func TestFiltersNarrowEveryOrder(t *testing.T) {
	e := testEngine(t)
	ctx := context.Background()
	for _, c := range []search.Request{
		{Query: "الأمن", Countries: []string{"IQ", "US", "TN"}},
		{Query: "المياه انقطاع", Countries: []string{"EG"}},
		{Query: "الكهرباء", Sources: []string{"وكالة الرافدين"}},
		{Query: "أسعار النفط", From: "2020-01-01"},
	} {
		var sets [][]string
		for _, sort := range []string{search.SortRelevance, search.SortNewest, search.SortOldest} {
			req := c
			req.Sort, req.Size, req.NoFacets = sort, 100, sort != search.SortOldest
			res, err := e.Search(ctx, req)
			if err != nil {
				t.Fatalf("%+v: %v", req, err)
			}
			var ids []string
			for _, h := range res.Hits {
				ids = append(ids, h.ID)
			}
			slices.Sort(ids)
			if int(res.Total) != len(ids) {
				t.Errorf("%q %s: total %d, %d hits", c.Query, sort, res.Total, len(ids))
			}
			sets = append(sets, ids)
		}
		if len(sets[0]) == 0 || len(sets[0]) >= 10 {
			t.Errorf("%q: %d articles by relevance; the case tests nothing", c.Query, len(sets[0]))
		}
		for i, s := range sets[1:] {
			if !slices.Equal(s, sets[0]) {
				t.Errorf("%q: %v in date order %d, %v by relevance", c.Query, s, i+1, sets[0])
			}
		}
	}
}
