package search

import (
	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	blevequery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/search/query"
)

// MaxFuzziness exposes maxFuzziness to the external tests.
var MaxFuzziness = maxFuzziness

// prepared is a request as Search reads it before choosing how to answer
// it; ok is false when Search would refuse it.
func (e *Engine) prepared(req *Request) (t textPart, parsed query.Query, filters []blevequery.Query, ok bool) {
	if err := req.normalize(); err != nil {
		return t, parsed, nil, false
	}
	t, parsed, err := e.parse(req.Query)
	if err != nil {
		return t, parsed, nil, false
	}
	filters, err = e.filters(req, "")
	return t, parsed, filters, err == nil
}

// Ranked reports whether the engine answers req by pruning
// (index.TopRanked) rather than by scoring every match.
func (e *Engine) Ranked(req Request) bool {
	text, parsed, filters, ok := e.prepared(&req)
	if !ok {
		return false
	}
	_, ok = e.rankedQuery(&req, text, parsed, filters)
	return ok
}

// Phrased reports whether the engine answers req by index.TopPhrase
// rather than by reading the positions of every match.
func (e *Engine) Phrased(req Request) bool {
	text, parsed, filters, ok := e.prepared(&req)
	if !ok {
		return false
	}
	_, ok = e.phraseQuery(&req, text, parsed, filters)
	return ok
}

// WindowDates makes date orders search windows of dates whatever their
// number of matches.
func (e *Engine) WindowDates() { e.windowedEstimate = 0 }

// Dated reports whether the engine answers req by index.TopByDate.
func (e *Engine) Dated(req Request) bool {
	text, parsed, _, ok := e.prepared(&req)
	if !ok {
		return false
	}
	breq := bleve.NewSearchRequest(bleve.NewMatchAllQuery())
	breq.SortByCustom(bsearch.SortOrder{&index.PublishedSort{Desc: req.Sort == SortNewest}, &index.IDSort{}})
	_, ok = e.dateQuery(&req, text, parsed, breq)
	return ok && req.NoFacets
}
