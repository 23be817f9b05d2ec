// Package search answers fahras queries: it parses the user's query,
// builds the bleve request (BM25 over title and body, exact forms ranked
// above stems, filters), pages, counts facets over dates and places, and
// highlights whole words in snippets. The command line, the HTTP API and
// the web page all go through Engine.Search.
package search

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/search/query"
)

// maxExpansion bounds how many terms a prefix or fuzzy query may expand to,
// so a wildcard such as "ا*" cannot turn into a minutes-long search.
const maxExpansion = 4096

var limitExpansion sync.Once

// Engine searches one index.
type Engine struct {
	ix        *index.Index
	gazetteer *places.Gazetteer
	// placeNames maps normalized place names to gazetteer IDs; places
	// holds what the facet tree shows of each place.
	placeNames map[string][]string
	places     map[string]placeInfo
	ar         analysis.Analyzer
	exact      analysis.Analyzer
	// Weights tune ranking; see DefaultWeights.
	weights Weights
}

// Weights are the boosts of the fields a free-text word is matched in.
type Weights struct {
	Title, TitleExact, Body, BodyExact float64
}

// DefaultWeights rank title matches above body matches and exact forms
// above stem-only matches in the body.
//
// Measured on the ARCD and XQuAD question sets pooled with 31.5k news
// articles (docs/EVALUATION.md): every step of title weight above the
// body's costs answer passages ranks there (their titles rarely share the
// question's words while short news titles do), so the title is weighted
// only a little higher.
var DefaultWeights = Weights{Title: 1.2, TitleExact: 0, Body: 1.0, BodyExact: 0.6}

// New returns an engine over an open index. The gazetteer names places in
// facets and resolves place and country filters given by name.
func New(ix *index.Index, g *places.Gazetteer) (*Engine, error) {
	limitExpansion.Do(func() {
		// bleve reads this limit when it expands a prefix, fuzzy or
		// wildcard query; over it the query fails instead of running.
		searcher.DisjunctionMaxClauseCount = maxExpansion
	})
	m := ix.Mapping()
	ar := m.AnalyzerNamed(index.AnalyzerAr)
	exact := m.AnalyzerNamed(index.AnalyzerArExact)
	if ar == nil || exact == nil {
		return nil, errors.New("search: the index mapping lacks the Arabic analyzers")
	}
	return &Engine{ix: ix, gazetteer: g, placeNames: nameIndex(g), places: placeInfos(g), ar: ar, exact: exact, weights: DefaultWeights}, nil
}

// SetWeights changes the field boosts (for evaluation runs).
func (e *Engine) SetWeights(w Weights) { e.weights = w }

// Index is the index the engine searches.
func (e *Engine) Index() *index.Index { return e.ix }

// Error is a request the engine refuses; Code is stable for API clients.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

func badRequest(code, format string, args ...interface{}) error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// normalize fills defaults and checks a request.
func normalize(req *Request) error {
	if req.Size == 0 {
		req.Size = DefaultSize
	}
	if req.Size < 0 || req.Size > MaxSize {
		return badRequest("invalid_size", "size must be between 1 and %d", MaxSize)
	}
	if req.Page == 0 {
		req.Page = 1
	}
	if req.Page < 1 {
		return badRequest("invalid_page", "page must be 1 or more")
	}
	// Compared by division: page × size overflows for hostile pages.
	if req.Page > MaxWindow/req.Size && len(req.SearchAfter) == 0 {
		return badRequest("page_too_deep", "page × size may not exceed %d; page deeper with the search_after cursor", MaxWindow)
	}
	if len(req.SearchAfter) > 0 && req.Page != 1 {
		return badRequest("invalid_page", "search_after and page cannot be combined")
	}
	switch req.Sort {
	case "":
		if strings.TrimSpace(req.Query) == "" {
			req.Sort = SortNewest
		} else {
			req.Sort = SortRelevance
		}
	case SortRelevance, SortNewest, SortOldest:
	default:
		return badRequest("invalid_sort", "sort must be relevance, newest or oldest, not %q", req.Sort)
	}
	if req.FacetSize == 0 {
		req.FacetSize = 20
	}
	if req.FacetSize < 0 || req.FacetSize > 500 {
		return badRequest("invalid_facet_size", "facet_size must be between 1 and 500")
	}
	for _, list := range [][]string{req.Places, req.Countries, req.Sources, req.Categories, req.Authors} {
		if len(list) > 100 {
			return badRequest("too_many_filters", "at most 100 values per filter")
		}
	}
	if req.Now.IsZero() {
		req.Now = time.Now()
	}
	return nil
}

// Search runs one request.
func (e *Engine) Search(ctx context.Context, req Request) (*Result, error) {
	start := time.Now()
	if err := normalize(&req); err != nil {
		return nil, err
	}
	parsed, err := query.Parse(req.Query, query.Options{})
	if err != nil {
		return nil, badRequest("invalid_query", "query: %v", err)
	}
	text := e.textQuery(parsed)
	filters, err := e.filters(&req, "")
	if err != nil {
		return nil, err
	}

	mainQuery := combine(text, filters)
	breq := bleve.NewSearchRequestOptions(mainQuery, req.Size, (req.Page-1)*req.Size, false)
	breq.Fields = index.HitFields
	// Dates sort through the index's own keys (index.PublishedSort), not
	// through bleve's doc values.
	byScore, byID := &bsearch.SortScore{Desc: true}, &bsearch.SortDocID{}
	switch {
	case req.Sort == SortNewest:
		breq.SortByCustom(bsearch.SortOrder{&index.PublishedSort{Desc: true}, byScore, byID})
	case req.Sort == SortOldest:
		breq.SortByCustom(bsearch.SortOrder{&index.PublishedSort{}, byScore, byID})
	default:
		breq.SortByCustom(bsearch.SortOrder{byScore, byID})
	}
	if len(req.SearchAfter) > 0 {
		if len(req.SearchAfter) != len(breq.Sort) {
			return nil, badRequest("invalid_cursor", "search_after must have %d values for sort %q", len(breq.Sort), req.Sort)
		}
		after, err := decodeCursor(req.SearchAfter)
		if err != nil {
			return nil, err
		}
		if ps, ok := breq.Sort[0].(*index.PublishedSort); ok {
			if after[0], err = ps.CursorKey(after[0]); err != nil {
				return nil, badRequest("invalid_cursor", "search_after is not a cursor returned by this server")
			}
		}
		breq.SearchAfter = after
		breq.From = 0
	}
	// Without a cursor, rank without the ID tiebreak (see page.go): one
	// hit more on each side of the page shows whether the page is exact.
	fullOrder := breq.Sort
	from := breq.From
	order, hasID := withoutID(fullOrder)
	lead := 0
	if hasID && len(req.SearchAfter) == 0 {
		lead = min(from, 1)
		breq.Sort = order
		breq.From, breq.Size = from-lead, req.Size+lead+1
	} else {
		hasID = false
	}
	// The facets of the query with every filter are counted in the same
	// pass that ranks the hits; the groups with an active filter are
	// counted again without it, meanwhile.
	type groupsOrErr struct {
		groups map[string]facetCounts
		err    error
	}
	groupsDone := make(chan groupsOrErr, 1)
	var res *bleve.SearchResult
	var tally *index.FacetTally
	if req.NoFacets {
		res, err = e.ix.Search(ctx, breq)
	} else {
		go func() {
			g, err := e.groupCounts(ctx, &req, text)
			groupsDone <- groupsOrErr{g, err}
		}()
		res, tally, err = e.ix.SearchCounting(ctx, breq, req.Now.Add(-24*time.Hour))
	}
	if err == nil && hasID {
		page, exact := pageOf(res.Hits, order, lead, req.Size)
		if exact {
			res.Hits = page
		} else {
			breq.Sort, breq.From, breq.Size = fullOrder, from, req.Size
			var full *bleve.SearchResult
			if full, err = e.ix.Search(ctx, breq); err == nil {
				res.Hits = full.Hits
			}
		}
	}
	if err != nil {
		if !req.NoFacets {
			<-groupsDone
		}
		return nil, searchError(ctx, err)
	}

	out := &Result{
		Query:    req.Query,
		Total:    res.Total,
		Page:     req.Page,
		Size:     req.Size,
		Sort:     req.Sort,
		Hits:     make([]Hit, 0, len(res.Hits)),
		Warnings: parsed.Warnings,
	}
	var m *marker
	if !req.NoHighlight {
		m = e.newMarker(parsed)
	}
	for _, h := range res.Hits {
		hit, err := e.hit(h, m)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		out.Hits = append(out.Hits, hit)
	}
	if len(res.Hits) == req.Size && uint64(req.Page*req.Size) < res.Total || len(req.SearchAfter) > 0 && len(res.Hits) == req.Size {
		out.SearchAfter = encodeCursor(cursorValues(res.Hits[len(res.Hits)-1], fullOrder))
	}
	if !req.NoFacets {
		g := <-groupsDone
		if g.err != nil {
			return nil, g.err
		}
		out.Facets = e.facets(&req, tallyCounts(tally, ""), g.groups)
	}
	if res.Total < 3 && text.scored {
		out.DidYouMean = e.didYouMean(parsed, res.Total)
	}
	out.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return out, nil
}

// searchError turns bleve's errors into request errors where the request
// is at fault.
func searchError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	msg := err.Error()
	if strings.Contains(msg, "TooManyClauses") || strings.Contains(msg, "too many clauses") {
		return badRequest("query_too_broad", "a prefix, wildcard or fuzzy word matches too many terms; make it longer")
	}
	return fmt.Errorf("search: %w", err)
}

// cursorValues gives the sort values of a hit in the form bleve's
// search_after reads: the score as a number, dates and IDs decoded.
func cursorValues(h *bsearch.DocumentMatch, order bsearch.SortOrder) []string {
	out := make([]string, len(order))
	for i, so := range order {
		if _, isID := so.(*bsearch.SortDocID); isID {
			out[i] = h.ID
			continue
		}
		switch {
		case so.RequiresScoring():
			out[i] = strconv.FormatFloat(h.Score, 'g', -1, 64)
		case i < len(h.DecodedSort):
			out[i] = h.DecodedSort[i]
		case i < len(h.Sort):
			out[i] = h.Sort[i]
		}
	}
	return out
}
