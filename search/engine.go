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
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/index/synonyms"
	"github.com/fahras/fahras/search/query"
)

// maxExpansion bounds how many terms a prefix or fuzzy word may expand to,
// so that a short prefix cannot turn into a minutes-long search.
const maxExpansion = 4096

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
	// exhaustive scores every match, as bleve does, instead of pruning
	// (for comparisons; see SetExhaustive).
	exhaustive bool
	// windowedEstimate is the estimate of matches from which a date
	// order searches windows of dates (see searchByDate).
	windowedEstimate uint64
	// variants and synonyms expand a query's words (see expand.go).
	variants *variantIndex
	synonyms *synonyms.Set
	// placeSpellings are the other spellings of places the gazetteer
	// lists (see expand.go).
	placeSpellings map[string][]string
}

// Weights are the boosts of the fields a free-text word is matched in;
// ScopedTitle and ScopedTitleExact those of a word scoped to the title
// (title:word).
type Weights struct {
	Title, TitleExact, Body, BodyExact float64
	ScopedTitle, ScopedTitleExact      float64
}

// minPhraseTitleBoost keeps a phrase's title match in the ranking when
// the title's weights are set to zero.
const minPhraseTitleBoost = 0.1

// DefaultWeights rank title matches above body matches and exact forms
// above stem-only matches in the body.
//
// Measured on the ARCD and XQuAD question sets pooled with 31.5k news
// articles (docs/EVALUATION.md): every step of title weight above the
// body's costs answer passages ranks there (their titles rarely share the
// question's words while short news titles do), so the title is weighted
// only a little higher.
var DefaultWeights = Weights{Title: 1.2, TitleExact: 0, Body: 1.0, BodyExact: 0.6, ScopedTitle: 1, ScopedTitleExact: 0.5}

// New returns an engine over an open index. The gazetteer names places in
// facets and resolves place and country filters given by name.
func New(ix *index.Index, g *places.Gazetteer) (*Engine, error) {
	m := ix.Mapping()
	ar := m.AnalyzerNamed(index.AnalyzerAr)
	exact := m.AnalyzerNamed(index.AnalyzerArExact)
	if ar == nil || exact == nil {
		return nil, errors.New("search: the index mapping lacks the Arabic analyzers")
	}
	e := &Engine{ix: ix, gazetteer: g, placeNames: nameIndex(g), places: placeInfos(g), ar: ar, exact: exact, weights: DefaultWeights, windowedEstimate: windowedEstimate, variants: &variantIndex{ix: ix}}
	syn, err := openSynonyms(ix, e.normalizeWord)
	if err != nil {
		return nil, err
	}
	e.synonyms = syn
	e.placeSpellings = e.placeSpellingsOf(g)
	return e, nil
}

// SetWeights changes the field boosts (for evaluation runs).
func (e *Engine) SetWeights(w Weights) { e.weights = w }

// SetExhaustive makes the engine score every match of every query (bleve's
// own search) instead of skipping those that cannot reach the page: the
// answers are the same, only slower; for comparisons and tests.
func (e *Engine) SetExhaustive(on bool) { e.exhaustive = on }

// Index is the index the engine searches.
func (e *Engine) Index() *index.Index { return e.ix }

// parse parses the query text and builds its scoring part. A query that
// is not empty but leaves nothing to search for (a lone operator, a
// one-letter prefix, a scope without a word, only stop words) is refused,
// with the parser's reason when it has one: matching everything would
// answer a question nobody asked.
func (e *Engine) parse(text string) (textPart, query.Query, error) {
	parsed, err := query.Parse(text, query.Options{MaxRunes: MaxQueryRunes})
	if err != nil {
		return textPart{}, parsed, queryError(err)
	}
	t := e.textQuery(parsed)
	if strings.TrimSpace(text) != "" && !t.scored && len(t.mustNot) == 0 {
		why := "it has no word to search for (only stop words or operators)"
		if len(parsed.Warnings) > 0 {
			why = parsed.Warnings[0].Message
		}
		return t, parsed, badParam("q", "empty_query", "the query %q searches for nothing: %s", text, why)
	}
	if err := e.checkExpansion(parsed); err != nil {
		return t, parsed, err
	}
	return t, parsed, nil
}

// queryError words the parser's refusals for the user.
func queryError(err error) error {
	switch {
	case errors.Is(err, query.ErrInvalidUTF8):
		return badParam("q", "invalid_utf8", "the query is not valid UTF-8")
	case errors.Is(err, query.ErrTooLong):
		return badParam("q", "too_long", "q may be at most %d characters", MaxQueryRunes)
	case errors.Is(err, query.ErrTooManyClauses):
		return badParam("q", "too_many_terms", "the query may have at most %d terms", query.DefaultMaxClauses)
	}
	return badParam("q", "invalid_query", "the query cannot be read: %v", err)
}

// checkExpansion refuses a prefix or fuzzy word that stands for more
// than maxExpansion index terms, counted before the search runs.
func (e *Engine) checkExpansion(q query.Query) error {
	tooBroad := badParam("q", "query_too_broad", "a prefix or fuzzy word matches more than %d words; make it longer", maxExpansion)
	for _, c := range q.Clauses {
		for _, t := range c.Any {
			if t.Field != "" && t.Field != "title" || !t.Prefix && !t.Fuzzy {
				continue
			}
			terms := e.exactTerms(t.Text)
			if len(terms) != 1 {
				continue
			}
			for _, field := range []string{index.FieldTitleExact, index.FieldBodyExact} {
				n := 0
				if t.Prefix {
					err := e.ix.FieldTerms(field, terms[0], func(string, uint64) bool {
						n++
						return n <= maxExpansion
					})
					if err != nil {
						return fmt.Errorf("search: expand %q: %w", t.Text, err)
					}
				} else if fuzz := maxFuzziness(terms[0], t.Fuzziness); fuzz > 0 {
					cands, err := e.ix.FuzzyTerms(field, terms[0], fuzz)
					if err != nil {
						return fmt.Errorf("search: expand %q: %w", t.Text, err)
					}
					n = len(cands)
				}
				if n > maxExpansion {
					return tooBroad
				}
			}
		}
	}
	return nil
}

// Search runs one request.
func (e *Engine) Search(ctx context.Context, req Request) (*Result, error) {
	start := time.Now()
	if err := req.normalize(); err != nil {
		return nil, err
	}
	text, parsed, err := e.parse(req.Query)
	if err != nil {
		return nil, err
	}
	filters, err := e.filters(&req, "")
	if err != nil {
		return nil, err
	}

	mainQuery := combine(text, filters)
	breq := bleve.NewSearchRequestOptions(mainQuery, req.Size, (req.Page-1)*req.Size, false)
	breq.Fields = storedFields(req.Fields)
	// Dates sort through the index's own keys (index.PublishedSort), not
	// through bleve's doc values.
	// A date order is the date, then the ID: nothing is scored, so bleve
	// matches through its postings bitmaps alone (see byDate), and the
	// index reads the IDs of the matches whose dates can reach the page
	// only (index.IDSort).
	byScore, byID := &bsearch.SortScore{Desc: true}, &bsearch.SortDocID{}
	switch {
	case req.Sort == SortNewest:
		breq.SortByCustom(bsearch.SortOrder{&index.PublishedSort{Desc: true}, &index.IDSort{}})
	case req.Sort == SortOldest:
		breq.SortByCustom(bsearch.SortOrder{&index.PublishedSort{}, &index.IDSort{}})
	default:
		breq.SortByCustom(bsearch.SortOrder{byScore, byID})
	}
	if byDate(req.Sort) {
		breq.Score = bleve.ScoreNone
	}
	// A date order's cursor is followed by the index's match handler
	// (index.PublishedSort.After), which reads a match's ID only when its
	// date is the cursor's; bleve's own search_after reads every match's.
	if len(req.SearchAfter) > 0 {
		after, err := cursorAfter(req.SearchAfter, breq.Sort, req.Sort)
		if err != nil {
			return nil, err
		}
		breq.From = 0
		if ps, ok := breq.Sort[0].(*index.PublishedSort); ok {
			ps.After(after[0], after[1])
		} else {
			breq.SearchAfter = after
		}
	}
	// A relevance order without a cursor is ranked without the ID
	// tiebreak (see page.go): one hit more on each side of the page shows
	// whether the page is exact.
	fullOrder := breq.Sort
	from := breq.From
	order, hasID := withoutID(fullOrder)
	lead := 0
	ranked, isRanked := e.rankedQuery(&req, text, parsed, filters)
	phrase, isPhrase := e.phraseQuery(&req, text, parsed, filters)
	dated, isDated := e.dateQuery(&req, text, parsed, breq)
	if hasID && len(req.SearchAfter) == 0 && !isRanked && !isPhrase && !isDated {
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
	relation := TotalExact
	if !req.NoFacets {
		go func() {
			g, err := e.groupCounts(ctx, &req, text)
			groupsDone <- groupsOrErr{g, err}
		}()
	}
	since := req.Now.Add(-24 * time.Hour)
	everything := !text.scored && len(text.mustNot) == 0 && len(filters) == 0
	switch {
	case everything && !req.NoFacets && !e.exhaustive:
		// Everything, every facet (the landing page): the facets from
		// the segments' totals, the page as without facets.
		if tally, err = e.ix.FacetCountsAll(since); err == nil {
			if byDate(req.Sort) {
				res, _, err = e.searchByDate(ctx, &req, breq)
			} else {
				res, err = e.ix.Search(ctx, breq)
			}
			if err == nil {
				res.Total = tally.Matches
			}
		}
	case isRanked:
		res, tally, relation, err = e.searchRanked(ctx, &req, ranked, from, breq.Fields, mainQuery, since)
	case isPhrase:
		res, tally, relation, err = e.searchPhrase(ctx, &req, phrase, from, breq.Fields, mainQuery, since)
	case req.NoFacets && isDated:
		res, relation, err = e.searchDated(ctx, &req, dated, breq)
	case req.NoFacets && byDate(req.Sort) && !e.exhaustive:
		res, relation, err = e.searchByDate(ctx, &req, breq)
	case req.NoFacets:
		res, err = e.ix.Search(ctx, breq)
	default:
		res, tally, err = e.ix.SearchCounting(ctx, breq, since)
	}
	var stories *collapsed
	if err == nil && req.Collapse == CollapseStory {
		// One hit per story (collapse.go); the facets and the total,
		// counted above, stay per article.
		if stories, err = e.collapse(ctx, &req, mainQuery, fullOrder); err == nil {
			res.Hits = stories.hits
		}
	} else if err == nil && hasID {
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
	// The total may be counted on the index of a moment before the hits
	// were found (the facets and the page are read at once, each from
	// its own readers): while articles are written, the page can hold
	// one the count did not see yet. The hits found are matches.
	if seen := uint64(from + len(res.Hits)); stories == nil && res.Total < seen {
		res.Total = seen
	}

	out := &Result{
		Query:         req.Query,
		Total:         res.Total,
		TotalRelation: relation,
		Page:          req.Page,
		Size:          req.Size,
		Sort:          req.Sort,
		Hits:          make([]Hit, 0, len(res.Hits)),
		Warnings:      parsed.Warnings,
	}
	if out.Warnings == nil {
		out.Warnings = []query.Warning{}
	}
	if req.ExplainExpansion {
		out.Expansion = append([]Expansion{}, text.expansions...)
	}
	var m *marker
	if !req.NoHighlight {
		m = e.newMarker(parsed)
		e.markExpansions(m, text.expansions)
	}
	hits, err := e.hits(res.Hits, m)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	for i, hit := range hits {
		if stories != nil {
			hit.Collapsed = stories.groups[res.Hits[i].ID]
		}
		out.Hits = append(out.Hits, keepFields(hit, req.Fields))
	}
	if stories != nil {
		out.Stories = &stories.count
	} else if len(res.Hits) == req.Size && uint64(req.Page*req.Size) < res.Total || len(req.SearchAfter) > 0 && len(res.Hits) == req.Size {
		out.SearchAfter = encodeCursor(cursorValues(res.Hits[len(res.Hits)-1], fullOrder))
	}
	if !req.NoFacets {
		g := <-groupsDone
		if g.err != nil {
			return nil, g.err
		}
		out.Facets = e.facets(&req, tallyCounts(tally), g.groups)
	}
	if res.Total < 3 && text.scored {
		out.DidYouMean = e.didYouMean(parsed, res.Total)
	}
	out.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return out, nil
}

// byDate reports whether a sort orders by publication date, where a
// hit's score plays no part: its matches are not scored (a hit's score is
// then 0), which lets bleve intersect and unite the postings of the
// query's words as bitmaps instead of walking and scoring each match.
func byDate(sort string) bool { return sort == SortNewest || sort == SortOldest }

// searchError turns bleve's errors into request errors where the request
// is at fault.
func searchError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return fmt.Errorf("search: %w", err)
}

// cursorValues gives the sort values of a hit in the form bleve's
// search_after reads: the score as a number, dates and IDs decoded.
func cursorValues(h *bsearch.DocumentMatch, order bsearch.SortOrder) []string {
	out := make([]string, len(order))
	for i, so := range order {
		switch so.(type) {
		case *bsearch.SortDocID, *index.IDSort:
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
