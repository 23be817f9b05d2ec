package search

import (
	blevequery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/search/query"
)

// phraseQuery gives the request as index.TopPhrase answers it: one quoted
// phrase, in the title and the body or in the title alone, ranked by
// relevance, with the filters. It reports false for the rest, which bleve
// answers by reading the positions of every match.
//
// The fields, boosts and words are those termQuery gives bleve's phrase
// queries.
func (e *Engine) phraseQuery(req *Request, t textPart, parsed query.Query, filters []blevequery.Query) (index.PhraseQuery, bool) {
	if e.exhaustive || req.Sort != SortRelevance || len(req.SearchAfter) > 0 || len(t.must) != 1 || len(t.should) > 0 || len(t.mustNot) > 0 {
		return index.PhraseQuery{}, false
	}
	var term query.Term
	n := 0
	for _, c := range parsed.Clauses {
		if c.Not || len(c.Any) != 1 {
			return index.PhraseQuery{}, false
		}
		if c.Any[0].Phrase {
			term = c.Any[0]
			n++
		} else if e.termQuery(c.Any[0]) != nil {
			return index.PhraseQuery{}, false // a word or a field beside the phrase
		}
	}
	if n != 1 || term.Field != "" && term.Field != "title" {
		return index.PhraseQuery{}, false
	}
	var words []string
	for i, tok := range e.exact.Analyze([]byte(term.Text)) {
		if tok.Position != i+1 {
			return index.PhraseQuery{}, false // a gap bleve's phrase keeps
		}
		words = append(words, string(tok.Term))
	}
	w := e.weights
	q := index.PhraseQuery{
		Fields: []index.PhraseField{{Field: index.FieldTitleExact, Terms: words, Boost: max(w.Title+w.TitleExact, minPhraseTitleBoost)}},
		Filter: conjunction(filters),
	}
	if term.Field == "" {
		q.Fields = append(q.Fields, index.PhraseField{Field: index.FieldBodyExact, Terms: words, Boost: w.Body + w.BodyExact})
	}
	if q.Validate() != nil {
		return index.PhraseQuery{}, false
	}
	return q, true
}
