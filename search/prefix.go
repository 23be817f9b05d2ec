package search

import (
	"strings"
	"unicode/utf8"

	blevequery "github.com/blevesearch/bleve/v2/search/query"
	"github.com/fahras/fahras/index"
)

// prefixQuery builds the query of a prefix term (نفط*). The typed prefix
// is matched against the exact words, so a word that starts with the very
// letters typed ranks first, and against the stems, so that it sees
// through the proclitics and the article: نفط* finds النفط, والنفط and
// بالنفطية, whose stems all begin with نفط. A prefix typed with the
// article (النف*) is also matched without it among the stems.
func (e *Engine) prefixQuery(text string, titleOnly bool) blevequery.Query {
	terms := e.exactTerms(text)
	if len(terms) != 1 || utf8.RuneCountInString(terms[0]) < 2 {
		return nil
	}
	typed := terms[0]
	stems := []string{typed}
	if bare, ok := strings.CutPrefix(typed, "ال"); ok && utf8.RuneCountInString(bare) >= 2 {
		stems = append(stems, bare)
	}
	w := e.weights
	fields := []struct {
		exact, stem string
		boost       float64
	}{{index.FieldTitleExact, index.FieldTitle, w.Title}}
	if !titleOnly {
		fields = append(fields, struct {
			exact, stem string
			boost       float64
		}{index.FieldBodyExact, index.FieldBody, w.Body})
	}
	var qs []blevequery.Query
	for _, f := range fields {
		if f.boost <= 0 {
			continue
		}
		exact := blevequery.NewPrefixQuery(typed)
		exact.SetField(f.exact)
		exact.SetBoost(f.boost)
		qs = append(qs, exact)
		for _, s := range stems {
			stem := blevequery.NewPrefixQuery(s)
			stem.SetField(f.stem)
			stem.SetBoost(f.boost)
			qs = append(qs, stem)
		}
	}
	return disjunction(qs...)
}
