package search

import (
	"context"
	"time"

	"github.com/blevesearch/bleve/v2"
	blevequery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/index"
)

// The windows of a date-ordered search: the first spans the days in which
// windowMargin times the page's articles are expected (from the matches'
// share of the archive and the archive's own dates), each next one
// windowGrowth times the last, until the page is full or the window holds every date. Below
// windowedEstimate matches as bleve estimates them (its estimate adds the
// postings of every field a word is searched in), one search of them all
// costs less than windows and a count (measured at 100,000 and 1,000,000
// articles).
const (
	windowMargin     = 4
	windowGrowth     = 8
	minWindow        = time.Hour
	windowedEstimate = 100000
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
// Windows are for searches of many matches without a date filter of
// their own; the others search every match once. The total of a windowed
// search is counted first, unscored, exactly up to
// index.DefaultTotalLimit unless the request asks for an exact count; it
// sizes the first window.
func (e *Engine) searchByDate(ctx context.Context, req *Request, breq *bleve.SearchRequest) (*bleve.SearchResult, string, error) {
	// A request's own date filter bounds its dates already (and is costly
	// to search again window after window).
	windowed := req.From == "" && req.To == ""
	var est uint64
	if windowed {
		var err error
		if est, err = e.ix.EstimateMatches(ctx, breq.Query); err != nil {
			return nil, "", err
		}
		windowed = est >= e.windowedEstimate
	}
	var first, last time.Time
	if windowed {
		var err error
		if first, last, windowed, err = e.ix.PublishedSpan(); err != nil {
			return nil, "", err
		}
	}
	if !windowed {
		// Every match is seen: the total is exact.
		res, err := e.ix.Search(ctx, breq)
		return res, TotalExact, err
	}
	limit := index.DefaultTotalLimit
	if req.ExactTotal {
		limit = 0
	}
	total, exact, err := e.ix.CountMatching(ctx, breq.Query, limit)
	if err != nil {
		return nil, "", err
	}
	articles, err := e.ix.Count()
	if err != nil {
		return nil, "", err
	}
	res, err := e.searchWindows(ctx, breq, breq.Sort[0].(*index.PublishedSort), first, last, max(est, total), articles)
	if err != nil {
		return nil, "", err
	}
	if res == nil {
		if res, err = e.ix.Search(ctx, breq); err != nil {
			return nil, "", err
		}
		return res, TotalExact, nil
	}
	res.Total = total
	if !exact {
		return res, TotalLowerBound, nil
	}
	return res, TotalExact, nil
}

// searchWindows searches growing windows of dates; it returns nil when
// none fills the page before a window would hold every date.
func (e *Engine) searchWindows(ctx context.Context, breq *bleve.SearchRequest, ps *index.PublishedSort, first, last time.Time, matches, articles uint64) (*bleve.SearchResult, error) {
	lo, hi := first, last
	anchor := hi
	if !ps.Desc {
		anchor = lo
	}
	if t, ok := ps.CursorTime(); ok {
		anchor = t
	}
	// The first window reaches back (or on) over as many articles of the
	// archive as should hold windowMargin pages of matches, if the
	// matches are spread over time as the archive is.
	needed := float64(breq.From + breq.Size)
	var span time.Duration
	if articles > 0 && matches > 0 {
		k := uint64(min(float64(articles), windowMargin*needed*float64(articles)/float64(matches)))
		t, ok, err := e.ix.DatesBefore(anchor, max(k, 1), !ps.Desc)
		if err != nil {
			return nil, err
		}
		if ok {
			span = anchor.Sub(t)
			if span < 0 {
				span = -span
			}
		}
	}
	span = max(span, minWindow)
	all := breq.Query
	defer func() { breq.Query = all }()
	for ; ; span *= windowGrowth {
		var window blevequery.Query
		if ps.Desc {
			from := anchor.Add(-span)
			if !from.After(first) {
				return nil, nil
			}
			window = index.PublishedRange(from, time.Time{})
		} else {
			to := anchor.Add(span)
			if !to.Before(last) {
				return nil, nil
			}
			window = index.PublishedRange(time.Time{}, to)
		}
		// A required clause, not a filter: bleve walks a filter along the
		// matches of the rest, while the clauses of a conjunction skip
		// ahead to each other's next document. Nothing is scored in a
		// date order, so the clause adds no score.
		breq.Query = blevequery.NewConjunctionQuery([]blevequery.Query{all, window})
		res, err := e.ix.Search(ctx, breq)
		if err != nil {
			return nil, err
		}
		if len(res.Hits) == breq.Size {
			return res, nil
		}
	}
}
