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
