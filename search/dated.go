package search

import (
	"context"

	"github.com/blevesearch/bleve/v2"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/search/query"
)

// dateQuery gives a date-ordered request as index.TopByDate answers it:
// free words within a span of dates (the request's from or to), newest or
// oldest first, with the other filters, by page or by cursor. It reports
// false for the rest: no span of dates (searchByDate's windows answer
// those), phrases, prefixes, scopes, exclusions, alternatives.
func (e *Engine) dateQuery(req *Request, t textPart, parsed query.Query, breq *bleve.SearchRequest) (index.DateQuery, bool) {
	if e.exhaustive || !byDate(req.Sort) || req.From == "" && req.To == "" {
		return index.DateQuery{}, false
	}
	words, ok := e.rankedWords(t, parsed)
	if !ok {
		return index.DateQuery{}, false
	}
	from, to, err := dateBounds(req.From, req.To)
	if err != nil {
		return index.DateQuery{}, false
	}
	others, err := e.filters(req, "dates")
	if err != nil {
		return index.DateQuery{}, false
	}
	ps, ok := breq.Sort[0].(*index.PublishedSort)
	if !ok {
		return index.DateQuery{}, false
	}
	q := index.DateQuery{Words: words, From: from, To: to, Filter: conjunction(others), Desc: ps.Desc}
	q.AfterKey, q.AfterID, q.After = ps.Cursor()
	if q.Validate() != nil {
		return index.DateQuery{}, false
	}
	return q, true
}

// searchDated answers a date query without facets: the page by
// index.TopByDate, the total exact up to index.DefaultTotalLimit unless
// the request asks for an exact count.
func (e *Engine) searchDated(ctx context.Context, req *Request, dq index.DateQuery, breq *bleve.SearchRequest) (*bleve.SearchResult, string, error) {
	limit := index.DefaultTotalLimit
	if req.ExactTotal {
		limit = 0
	}
	found, err := e.ix.TopByDate(ctx, dq, breq.From, breq.Size, limit)
	if err != nil {
		return nil, "", err
	}
	if err := e.ix.LoadFields(ctx, found.Hits, breq.Fields); err != nil {
		return nil, "", err
	}
	relation := TotalExact
	if !found.TotalExact {
		relation = TotalLowerBound
	}
	return &bleve.SearchResult{Hits: found.Hits, Total: found.Total}, relation, nil
}
