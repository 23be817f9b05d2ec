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
	if e.exhaustive || req.Sort != SortRelevance || len(req.SearchAfter) > 0 {
		return index.RankedQuery{}, false
	}
	words, ok := e.rankedWords(t, parsed)
	if !ok {
		return index.RankedQuery{}, false
	}
	rq := index.RankedQuery{Words: words, Filter: conjunction(filters)}
	if rq.Validate() != nil {
		return index.RankedQuery{}, false
	}
	return rq, true
}

// rankedWords gives the query's free words as the terms bleve's match
// queries would search for (see termQuery): the same fields and boosts,
// the same analyzers. It reports false when the query holds anything
// else (phrases, prefixes, scopes, exclusions, alternatives).
func (e *Engine) rankedWords(t textPart, parsed query.Query) ([]index.RankedWord, bool) {
	if len(t.must) > 0 || len(t.mustNot) > 0 || len(t.should) == 0 {
		return nil, false
	}
	fields := e.rankedFields()
	var words []index.RankedWord
	for _, c := range parsed.Clauses {
		if c.Not || len(c.Any) != 1 {
			return nil, false
		}
		term := c.Any[0]
		if term.Field != "" || term.Phrase || term.Prefix || term.Fuzzy {
			return nil, false
		}
		if len(e.tokens(term.Text)) == 0 {
			continue // a stop word: termQuery leaves it out too
		}
		if x := t.expanded[term.Text]; x != nil {
			words = append(words, index.RankedWord{Terms: x.terms})
			continue
		}
		var word index.RankedWord
		for _, f := range fields {
			tokens := f.analyzer.Analyze([]byte(term.Text))
			if len(tokens) != 1 {
				return nil, false
			}
			word.Terms = append(word.Terms, index.RankedTerm{Field: f.name, Term: string(tokens[0].Term), Boost: f.boost})
		}
		words = append(words, word)
	}
	if len(words) != len(t.should) {
		return nil, false
	}
	return words, true
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

// topFunc finds a page of hits and the total, counted up to a limit (as
// index.TopRanked and index.TopPhrase do).
type topFunc func(ctx context.Context, from, size, totalLimit int) (*index.RankedResult, error)

// searchTop answers a query that an index.TopRanked or index.TopPhrase
// ranks: the page by top, the facets (when asked) by a pass over every
// match that scores none of them, meanwhile — by facets when it is set
// (the index's own count for the query's kind), else by walking the
// query all. The total is exact when the facets are counted (all matches
// are seen then), else exact up to index.DefaultTotalLimit unless the
// request asks for an exact count.
func (e *Engine) searchTop(ctx context.Context, req *Request, top topFunc, facets func(context.Context) (*index.FacetTally, error), from int, fields []string, all blevequery.Query, since time.Time) (*bleve.SearchResult, *index.FacetTally, string, error) {
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
			if facets != nil {
				t, err = facets(ctx)
			} else {
				t, err = e.ix.FacetCounts(ctx, all, since)
			}
			counted <- tallyOrErr{t, err}
		}()
		limit = -1
	case req.ExactTotal:
		limit = 0
	}
	found, err := top(ctx, from, req.Size, limit)
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
	if err := e.ix.LoadFields(ctx, found.Hits, fields); err != nil {
		return nil, nil, "", err
	}
	res := &bleve.SearchResult{Hits: found.Hits, Total: found.Total}
	relation := TotalExact
	switch {
	case tally != nil:
		res.Total = tally.Matches
	case !found.TotalExact:
		relation = TotalLowerBound
	}
	return res, tally, relation, nil
}

// searchRanked answers a ranked query (see searchTop); without a filter,
// its facets are counted from the postings bitmaps of its words, united
// per segment.
func (e *Engine) searchRanked(ctx context.Context, req *Request, rq index.RankedQuery, from int, fields []string, all blevequery.Query, since time.Time) (*bleve.SearchResult, *index.FacetTally, string, error) {
	top := func(ctx context.Context, from, size, limit int) (*index.RankedResult, error) {
		return e.ix.TopRanked(ctx, rq, from, size, limit)
	}
	var facets func(context.Context) (*index.FacetTally, error)
	if rq.Filter == nil {
		facets = func(ctx context.Context) (*index.FacetTally, error) { return e.ix.FacetCountsOfTerms(ctx, rq, since) }
	}
	return e.searchTop(ctx, req, top, facets, from, fields, all, since)
}

// searchPhrase answers a phrase query (see searchTop); its facets are
// counted along the phrase's matches without bleve's maps of positions.
func (e *Engine) searchPhrase(ctx context.Context, req *Request, pq index.PhraseQuery, from int, fields []string, all blevequery.Query, since time.Time) (*bleve.SearchResult, *index.FacetTally, string, error) {
	top := func(ctx context.Context, from, size, limit int) (*index.RankedResult, error) {
		return e.ix.TopPhrase(ctx, pq, from, size, limit)
	}
	facets := func(ctx context.Context) (*index.FacetTally, error) { return e.ix.FacetCountsOfPhrase(ctx, pq, since) }
	return e.searchTop(ctx, req, top, facets, from, fields, all, since)
}
