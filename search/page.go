package search

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/fahras/fahras/index"
)

// Every sort order ends with the document ID, so that pages and cursors
// see one total order even when scores or dates are equal. bleve sorts on
// the ID by reading it from the stored document of every match, which at
// a quarter of a million matches was a third of a query's time. So a page
// is ranked without the ID, one hit before and one after it are fetched,
// and when neither edge falls inside a run of equal sort values the page
// holds exactly the hits the full order would give: it only has to be put
// in that order, runs of equal values by ID. When an edge does fall in
// such a run, the page is ranked again with the ID.

// withoutID is order without its final document-ID key, and whether it
// had one.
func withoutID(order bsearch.SortOrder) (bsearch.SortOrder, bool) {
	if n := len(order); n > 1 {
		if _, ok := order[n-1].(*bsearch.SortDocID); ok {
			return order[:n-1], true
		}
	}
	return order, false
}

// sameRank reports whether a and b are equal in every key of order (the
// order without the ID): neither would come first without the ID.
func sameRank(order bsearch.SortOrder, a, b *bsearch.DocumentMatch) bool {
	for i, so := range order {
		if so.RequiresScoring() {
			if a.Score != b.Score {
				return false
			}
			continue
		}
		if i >= len(a.Sort) || i >= len(b.Sort) || a.Sort[i] != b.Sort[i] {
			return false
		}
	}
	return true
}

// pageOf cuts the page out of hits ranked by order (without the ID),
// which hold lead hits before the page (0 or 1), the page of size, and
// the next hit when there is one. It reports false when a run of equal
// sort values crosses an edge of the page, so that which hits belong in
// it depends on their IDs.
func pageOf(hits []*bsearch.DocumentMatch, order bsearch.SortOrder, lead, size int) ([]*bsearch.DocumentMatch, bool) {
	if len(hits) <= lead {
		return nil, true // the page is beyond the last hit
	}
	if lead == 1 && len(hits) > 1 && sameRank(order, hits[0], hits[1]) {
		return nil, false
	}
	end := min(lead+size, len(hits))
	if end < len(hits) && sameRank(order, hits[end-1], hits[end]) {
		return nil, false
	}
	page := hits[lead:end]
	for i := 0; i < len(page); {
		j := i + 1
		for j < len(page) && sameRank(order, page[i], page[j]) {
			j++
		}
		slices.SortFunc(page[i:j], func(a, b *bsearch.DocumentMatch) int { return strings.Compare(a.ID, b.ID) })
		i = j
	}
	return page, true
}

// cursorAfter checks a search_after cursor against the sort order and
// turns it into the values bleve compares: every value must decode, the
// score must be a number, a date a time this server wrote, and the ID
// non-empty. Any other cursor is refused alike, whatever is wrong with it.
func cursorAfter(cursor []string, order bsearch.SortOrder, sortName string) ([]string, error) {
	bad := badParam("search_after", "invalid_cursor",
		"search_after is not a cursor this server returned for sort %s (it has %d values: pass the search_after of the previous page unchanged)",
		sortName, len(order))
	if len(cursor) != len(order) {
		return nil, bad
	}
	after, err := decodeCursor(cursor)
	if err != nil {
		return nil, bad
	}
	for i, so := range order {
		switch so := so.(type) {
		case *index.PublishedSort:
			if after[i], err = so.CursorKey(after[i]); err != nil {
				return nil, bad
			}
		case *bsearch.SortDocID, *index.IDSort:
			if after[i] == "" || !utf8.ValidString(after[i]) {
				return nil, bad
			}
		default:
			if so.RequiresScoring() {
				f, err := strconv.ParseFloat(after[i], 64)
				if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
					return nil, bad
				}
			}
		}
	}
	return after, nil
}
