package search

import (
	"context"
	"time"

	"github.com/blevesearch/bleve/v2"
	blevequery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/index"
)

// The windows of a date-ordered search: the first spans firstWindow
// from the newest article (or the cursor), each next one windowGrowth
// times the last, until the page is full or the window holds every date.
const (
	firstWindow  = 3 * 24 * time.Hour
	windowGrowth = 8
)

// searchByDate answers a date-ordered request without facets by looking
// at the most recent days first (the earliest, oldest first): a search
// restricted to the days from the newest article, or from the cursor,
// back over a window, whose page is the page of the whole search as soon
// as it is full, since every article outside the window comes after
// every article in it. Windows grow until the page is full; the articles
// without a date, which come last, are reached by the search of
// everything. A newsroom's archive answers the first page, and a deep
// page by cursor, from a few days' articles instead of every match.
//
// The total is counted apart, unscored, exactly up to
// index.DefaultTotalLimit unless the request asks for an exact count.
func (e *Engine) searchByDate(ctx context.Context, req *Request, breq *bleve.SearchRequest) (*bleve.SearchResult, string, error) {
	ps := breq.Sort[0].(*index.PublishedSort)
	first, last, dated, err := e.ix.PublishedSpan()
	if err != nil {
		return nil, "", err
	}
	var res *bleve.SearchResult
	if dated {
		anchor := last
		if !ps.Desc {
			anchor = first
		}
		if t, ok := ps.CursorTime(); ok {
			anchor = t
		}
		all := breq.Query
		for span := firstWindow; ; span *= windowGrowth {
			var window blevequery.Query
			if ps.Desc {
				from := anchor.Add(-span)
				if !from.After(first) {
					break
				}
				window = index.PublishedRange(from, time.Time{})
			} else {
				to := anchor.Add(span)
				if !to.Before(last) {
					break
				}
				window = index.PublishedRange(time.Time{}, to)
			}
			bq := blevequery.NewBooleanQuery([]blevequery.Query{all}, nil, nil)
			bq.AddFilter(index.Unscored(window))
			breq.Query = bq
			if res, err = e.ix.Search(ctx, breq); err != nil {
				return nil, "", err
			}
			if len(res.Hits) == breq.Size {
				break
			}
			res = nil
		}
		breq.Query = all
	}
	if res == nil {
		// Every match was seen: the total is exact.
		if res, err = e.ix.Search(ctx, breq); err != nil {
			return nil, "", err
		}
		return res, TotalExact, nil
	}
	limit := index.DefaultTotalLimit
	if req.ExactTotal {
		limit = 0
	}
	total, exact, err := e.ix.CountMatching(ctx, breq.Query, limit)
	if err != nil {
		return nil, "", err
	}
	res.Total = total
	if !exact {
		return res, TotalLowerBound, nil
	}
	return res, TotalExact, nil
}
