package search

import (
	blevequery "github.com/blevesearch/bleve/v2/search/query"
)

// Check normalizes a request and refuses it with the *Error that Search
// would return for it: the checks of its parameters, of its query and of
// its filters. It runs nothing.
func (e *Engine) Check(req *Request) error {
	if err := req.normalize(); err != nil {
		return err
	}
	_, err := e.MatchQuery(*req)
	return err
}

// MatchQuery is the index query that selects the hits of req, without
// their ranking, paging or facets: an article matches req exactly when
// this query matches it. Saved searches are matched against new articles
// through it. The request must have been checked (see Check).
func (e *Engine) MatchQuery(req Request) (blevequery.Query, error) {
	text, _, err := e.parse(req.Query)
	if err != nil {
		return nil, err
	}
	filters, err := e.filters(&req, "")
	if err != nil {
		return nil, err
	}
	return combine(text, filters), nil
}
