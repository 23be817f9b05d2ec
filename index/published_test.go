package index_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/fahras/fahras/index"
)

// TestPublishedSortMatchesBleve sorts every article by date with the
// index's own keys and with bleve's doc values, both ways (the undated
// article last both ways), in one request and page by page with cursors.
func TestPublishedSortMatchesBleve(t *testing.T) {
	for _, shards := range []int{1, 2} {
		ix, enr := newIndex(t, shards)
		ctx := context.Background()
		if _, err := ix.Ingest(ctx, readString("f.jsonl", fixtures), enr, index.IngestOptions{}); err != nil {
			t.Fatal(err)
		}
		for _, desc := range []bool{true, false} {
			field := index.FieldPublished
			if desc {
				field = "-" + field
			}
			ref := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 10, 0, false)
			ref.SortBy([]string{field, "_id"})
			want, err := ix.Search(ctx, ref)
			if err != nil {
				t.Fatal(err)
			}
			order := func() bsearch.SortOrder {
				return bsearch.SortOrder{&index.PublishedSort{Desc: desc}, &bsearch.SortDocID{}}
			}
			req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 10, 0, false)
			req.SortByCustom(order())
			got, err := ix.Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			wantIDs, gotIDs := hitIDs(want), hitIDs(got)
			if len(wantIDs) != 4 || wantIDs[3] != "a4" || !slices.Equal(gotIDs, wantIDs) {
				t.Errorf("%d shards, desc %v: got %v, bleve %v (a4, undated, last)", shards, desc, gotIDs, wantIDs)
			}
			for _, h := range got.Hits {
				a, err := ix.Get(ctx, h.ID)
				if err != nil {
					t.Fatal(err)
				}
				want := ""
				if !a.Published.IsZero() {
					want = a.Published.UTC().Format(time.RFC3339Nano)
				}
				if h.DecodedSort[0] != want {
					t.Errorf("%s: decoded date %q, want %q", h.ID, h.DecodedSort[0], want)
				}
			}

			// One article a page, each page after the last one's cursor.
			var paged []string
			var after []string
			for range 6 {
				page := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 1, 0, false)
				page.SortByCustom(order())
				if after != nil {
					key, err := page.Sort[0].(*index.PublishedSort).CursorKey(after[0])
					if err != nil {
						t.Fatal(err)
					}
					page.SearchAfter = []string{key, after[1]}
				}
				res, err := ix.Search(ctx, page)
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Hits) == 0 {
					break
				}
				paged = append(paged, res.Hits[0].ID)
				after = res.Hits[0].DecodedSort
			}
			if !slices.Equal(paged, wantIDs) {
				t.Errorf("%d shards, desc %v: paged %v, want %v", shards, desc, paged, wantIDs)
			}

			// The same with the index's own ID sort and cursor, which
			// read IDs only for dates that can reach the page.
			for size := 1; size <= 3; size++ {
				var own []string
				var cursor []string
				for range 6 {
					ps := &index.PublishedSort{Desc: desc}
					page := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), size, 0, false)
					page.SortByCustom(bsearch.SortOrder{ps, &index.IDSort{}})
					if cursor != nil {
						key, err := ps.CursorKey(cursor[0])
						if err != nil {
							t.Fatal(err)
						}
						ps.After(key, cursor[1])
					}
					res, err := ix.Search(ctx, page)
					if err != nil {
						t.Fatal(err)
					}
					if res.Total != 4 {
						t.Errorf("total %d with a cursor, want the query's 4", res.Total)
					}
					if len(res.Hits) == 0 {
						break
					}
					own = append(own, hitIDs(res)...)
					cursor = res.Hits[len(res.Hits)-1].DecodedSort
				}
				if !slices.Equal(own, wantIDs) {
					t.Errorf("%d shards, desc %v, size %d, own cursor: paged %v, want %v", shards, desc, size, own, wantIDs)
				}
			}
		}
	}
}

func hitIDs(res *bleve.SearchResult) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}
