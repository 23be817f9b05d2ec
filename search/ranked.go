package search

import (
	"context"
	"time"

	"github.com/blevesearch/bleve/v2"
	blevequery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/search/query"
)

// Total relations: whether a result's total is exact ("eq") or a lower
// bound ("gte"), as Elasticsearch reports them.
const (
	TotalExact      = "eq"
	TotalLowerBound = "gte"
)

// rankedQuery gives the request as index.TopRanked answers it: free
// words ranked by relevance, each matched in the weighted fields by one
// term, with the filters — the queries that most people type. It reports
// false for the rest (phrases, prefixes, scopes, exclusions, alternatives,
// cursors, date orders), which bleve answers by scoring every match.
//
// The terms are those bleve's match queries would search for (see
// termQuery): the same fields and boosts, the same analyzers.
func (e *Engine) rankedQuery(req *Request, t textPart, parsed query.Query, filters []blevequery.Query) (index.RankedQuery, bool) {
	if e.exhaustive || req.Sort != SortRelevance || len(req.SearchAfter) > 0 || len(t.must) > 0 || len(t.mustNot) > 0 || len(t.should) == 0 {
		return index.RankedQuery{}, false
	}
	fields := e.rankedFields()
	var rq index.RankedQuery
	for _, c := range parsed.Clauses {
		if c.Not || len(c.Any) != 1 {
			return index.RankedQuery{}, false
		}
		term := c.Any[0]
		if term.Field != "" || term.Phrase || term.Prefix || term.Fuzzy {
			return index.RankedQuery{}, false
		}
		if len(e.tokens(term.Text)) == 0 {
			continue // a stop word: termQuery leaves it out too
		}
		if x := t.expanded[term.Text]; x != nil {
			rq.Words = append(rq.Words, index.RankedWord{Terms: x.terms})
			continue
		}
		var word index.RankedWord
		for _, f := range fields {
			tokens := f.analyzer.Analyze([]byte(term.Text))
			if len(tokens) != 1 {
				return index.RankedQuery{}, false
			}
			word.Terms = append(word.Terms, index.RankedTerm{Field: f.name, Term: string(tokens[0].Term), Boost: f.boost})
		}
		rq.Words = append(rq.Words, word)
	}
	if len(rq.Words) != len(t.should) {
		return index.RankedQuery{}, false
	}
	rq.Filter = conjunction(filters)
	if rq.Validate() != nil {
		return index.RankedQuery{}, false
	}
	return rq, true
}

// conjunction joins filters: nil for none, the filter itself for one.
func conjunction(filters []blevequery.Query) blevequery.Query {
	switch len(filters) {
	case 0:
		return nil
	case 1:
		return filters[0]
	}
	return blevequery.NewConjunctionQuery(filters)
}

// searchRanked answers a ranked query: the page by index.TopRanked, the
// facets (when asked) by a pass over every match that scores none of
// them, meanwhile. The total is exact when the facets are counted (all
// matches are seen then), else exact up to index.DefaultTotalLimit
// unless the request asks for an exact count.
func (e *Engine) searchRanked(ctx context.Context, req *Request, rq index.RankedQuery, from int, fields []string, all blevequery.Query, since time.Time) (*bleve.SearchResult, *index.FacetTally, string, error) {
	type tallyOrErr struct {
		tally *index.FacetTally
		err   error
	}
	var counted chan tallyOrErr
	limit := index.DefaultTotalLimit
	switch {
	case !req.NoFacets:
		counted = make(chan tallyOrErr, 1)
		go func() {
			var t *index.FacetTally
			var err error
			if rq.Filter == nil {
				// The words' postings bitmaps, united per segment.
				t, err = e.ix.FacetCountsOfTerms(ctx, rq, since)
			} else {
				t, err = e.ix.FacetCounts(ctx, all, since)
			}
			counted <- tallyOrErr{t, err}
		}()
		limit = -1
	case req.ExactTotal:
		limit = 0
	}
	top, err := e.ix.TopRanked(ctx, rq, from, req.Size, limit)
	var tally *index.FacetTally
	if counted != nil {
		c := <-counted
		if err == nil {
			tally, err = c.tally, c.err
		}
	}
	if err != nil {
		return nil, nil, "", err
	}
	if err := e.ix.LoadFields(ctx, top.Hits, fields); err != nil {
		return nil, nil, "", err
	}
	res := &bleve.SearchResult{Hits: top.Hits, Total: top.Total}
	relation := TotalExact
	switch {
	case tally != nil:
		res.Total = tally.Matches
	case !top.TotalExact:
		relation = TotalLowerBound
	}
	return res, tally, relation, nil
}
