package search

import (
	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/fahras/fahras/index"
)

// MaxFuzziness exposes maxFuzziness to the external tests.
var MaxFuzziness = maxFuzziness

// Ranked reports whether the engine answers req by pruning
// (index.TopRanked) rather than by scoring every match.
func (e *Engine) Ranked(req Request) bool {
	if err := req.normalize(); err != nil {
		return false
	}
	text, parsed, err := e.parse(req.Query)
	if err != nil {
		return false
	}
	filters, err := e.filters(&req, "")
	if err != nil {
		return false
	}
	_, ok := e.rankedQuery(&req, text, parsed, filters)
	return ok
}

// Phrased reports whether the engine answers req by index.TopPhrase
// rather than by reading the positions of every match.
func (e *Engine) Phrased(req Request) bool {
	if err := req.normalize(); err != nil {
		return false
	}
	text, parsed, err := e.parse(req.Query)
	if err != nil {
		return false
	}
	filters, err := e.filters(&req, "")
	if err != nil {
		return false
	}
	_, ok := e.phraseQuery(&req, text, parsed, filters)
	return ok
}

// WindowDates makes date orders search windows of dates whatever their
// number of matches.
func (e *Engine) WindowDates() { e.windowedEstimate = 0 }

// Dated reports whether the engine answers req by index.TopByDate.
func (e *Engine) Dated(req Request) bool {
	if err := req.normalize(); err != nil {
		return false
	}
	text, parsed, err := e.parse(req.Query)
	if err != nil {
		return false
	}
	breq := bleve.NewSearchRequest(bleve.NewMatchAllQuery())
	breq.SortByCustom(bsearch.SortOrder{&index.PublishedSort{Desc: req.Sort == SortNewest}, &index.IDSort{}})
	_, ok := e.dateQuery(&req, text, parsed, breq)
	return ok && req.NoFacets
}
