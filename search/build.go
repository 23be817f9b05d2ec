package search

import (
	"strings"
	"time"
	"unicode/utf8"

	blevequery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/analyzers"
	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/search/query"
)

// textPart is the scoring part of a request built from the query text.
type textPart struct {
	must    []blevequery.Query // phrases and required clauses
	should  []blevequery.Query // free words: the more match, the higher
	mustNot []blevequery.Query
	// scored is false when the text is empty (list by filters only).
	scored bool
	// expanded holds the free words searched with their variants or
	// synonyms, by their text; expansions lists them in query order.
	expanded   map[string]*expandedWord
	expansions []Expansion
}

// textQuery turns the parsed query into bleve clauses.
//
// bleve scores a disjunction as the sum of the matching clauses times the
// fraction that match (coordination). Each free word is one clause of the
// top-level disjunction, so documents with all the words rank above those
// with some; a word's own clause is a disjunction over the title, the
// body and the body's exact form, so a word found in more of them, and in
// its exact form, scores more. (Measured: this flat form beat a structure
// where the exact form is a bonus that never lowers coordination by 0.11
// MRR@10 on XQuAD; see docs/EVALUATION.md.)
func (e *Engine) textQuery(q query.Query) textPart {
	var t textPart
	for _, c := range q.Clauses {
		var alts []blevequery.Query
		phrase := false
		for _, term := range c.Any {
			var tq blevequery.Query
			switch x := t.expandWord(e, term, c.Not); {
			case c.Not:
				tq = e.excludeQuery(term)
			case x != nil:
				tq = termsQuery(x.terms)
			default:
				tq = e.termQuery(term)
			}
			if tq == nil {
				continue
			}
			if term.Phrase {
				phrase = true
			}
			alts = append(alts, tq)
		}
		if len(alts) == 0 {
			continue
		}
		cq := disjunction(alts...)
		switch {
		case c.Not:
			t.mustNot = append(t.mustNot, cq)
		case phrase && len(c.Any) == 1:
			// A quoted phrase is a requirement, as users of every
			// search engine expect.
			t.must = append(t.must, cq)
		default:
			t.should = append(t.should, cq)
		}
	}
	t.scored = len(t.must)+len(t.should) > 0
	return t
}

// tokens returns the terms the "ar" analyzer keeps of text (stop words
// dropped).
func (e *Engine) tokens(text string) []string {
	stream := e.ar.Analyze([]byte(text))
	out := make([]string, 0, len(stream))
	for _, tok := range stream {
		out = append(out, string(tok.Term))
	}
	return out
}

// exactTerms returns the normalized, unstemmed terms of text.
func (e *Engine) exactTerms(text string) []string {
	stream := e.exact.Analyze([]byte(text))
	out := make([]string, 0, len(stream))
	for _, tok := range stream {
		out = append(out, string(tok.Term))
	}
	return out
}

// exactFields are analyzed with ar_exact. bleve resolves a query's
// analyzer from the field's property ("title"), not from the field's own
// name, so queries on these fields name their analyzer explicitly.
var exactFields = map[string]bool{index.FieldTitleExact: true, index.FieldBodyExact: true}

func match(field, text string, boost float64) blevequery.Query {
	if boost <= 0 {
		return nil // a field weighted out of the ranking costs nothing
	}
	q := blevequery.NewMatchQuery(text)
	q.SetField(field)
	q.SetBoost(boost)
	if exactFields[field] {
		q.Analyzer = index.AnalyzerArExact
	}
	return q
}

func matchPhrase(field, text string, boost float64) blevequery.Query {
	q := blevequery.NewMatchPhraseQuery(text)
	q.SetField(field)
	q.SetBoost(boost)
	if exactFields[field] {
		q.Analyzer = index.AnalyzerArExact
	}
	return q
}

func disjunction(qs ...blevequery.Query) blevequery.Query {
	var keep []blevequery.Query
	for _, q := range qs {
		if q != nil {
			keep = append(keep, q)
		}
	}
	switch len(keep) {
	case 0:
		return nil
	case 1:
		return keep[0]
	}
	return blevequery.NewDisjunctionQuery(keep)
}

// termQuery builds the query for one positive term of the user's query.
func (e *Engine) termQuery(t query.Term) blevequery.Query {
	w := e.weights
	switch t.Field {
	case "", "title":
		titleOnly := t.Field == "title"
		switch {
		case t.Phrase:
			if len(e.exactTerms(t.Text)) == 0 {
				return nil
			}
			title := matchPhrase(index.FieldTitleExact, t.Text, max(w.Title+w.TitleExact, minPhraseTitleBoost))
			if titleOnly {
				return title
			}
			return disjunction(title, matchPhrase(index.FieldBodyExact, t.Text, w.Body+w.BodyExact))
		case t.Prefix:
			return e.prefixQuery(t.Text, titleOnly)
		case t.Fuzzy:
			terms := e.exactTerms(t.Text)
			if len(terms) != 1 {
				return nil
			}
			fuzz := maxFuzziness(terms[0], t.Fuzziness)
			title := blevequery.NewFuzzyQuery(terms[0])
			title.SetField(index.FieldTitleExact)
			title.SetFuzziness(fuzz)
			title.SetBoost(w.Title)
			if titleOnly {
				return title
			}
			body := blevequery.NewFuzzyQuery(terms[0])
			body.SetField(index.FieldBodyExact)
			body.SetFuzziness(fuzz)
			body.SetBoost(w.Body)
			return disjunction(title, body)
		}
		if len(e.tokens(t.Text)) == 0 {
			return nil // a stop word
		}
		if titleOnly {
			return disjunction(match(index.FieldTitle, t.Text, w.ScopedTitle), match(index.FieldTitleExact, t.Text, w.ScopedTitleExact))
		}
		return disjunction(
			match(index.FieldTitle, t.Text, w.Title),
			match(index.FieldTitleExact, t.Text, w.TitleExact),
			match(index.FieldBody, t.Text, w.Body),
			match(index.FieldBodyExact, t.Text, w.BodyExact),
		)
	case "source":
		return keywordQuery(index.FieldSource, t.Text)
	case "category":
		return keywordQuery(index.FieldCategory, t.Text)
	case "author":
		return keywordQuery(index.FieldAuthor, t.Text)
	case "place":
		return e.placeQuery([]string{t.Text})
	case "country":
		return e.countryQuery([]string{t.Text})
	}
	return nil
}

// excludeQuery builds what a -word excludes: any form of the word.
func (e *Engine) excludeQuery(t query.Term) blevequery.Query {
	switch t.Field {
	case "", "title":
		if t.Phrase {
			return e.termQuery(t)
		}
		if len(e.tokens(t.Text)) == 0 {
			return nil
		}
		if t.Field == "title" {
			return match(index.FieldTitle, t.Text, 1)
		}
		return disjunction(match(index.FieldTitle, t.Text, 1), match(index.FieldBody, t.Text, 1))
	}
	return e.termQuery(t)
}

func keywordQuery(field, value string) blevequery.Query {
	value = strings.TrimSpace(value)
	if value == "" {
		return nil
	}
	q := blevequery.NewTermQuery(value)
	q.SetField(field)
	return q
}

func keywordsQuery(field string, values []string) blevequery.Query {
	var qs []blevequery.Query
	for _, v := range values {
		if q := keywordQuery(field, v); q != nil {
			qs = append(qs, q)
		}
	}
	return disjunction(qs...)
}

// placeQuery matches articles about any of the places, given by
// gazetteer ID or by Arabic or English name.
func (e *Engine) placeQuery(values []string) blevequery.Query {
	var qs []blevequery.Query
	for _, v := range values {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		ids := e.resolvePlace(v)
		if len(ids) == 0 {
			qs = append(qs, keywordQuery(index.FieldPlace, v))
			continue
		}
		for _, id := range ids {
			qs = append(qs, keywordQuery(index.FieldPlaceID, id))
		}
	}
	return disjunction(qs...)
}

// countryQuery matches articles about any of the countries, given by ISO
// code or name.
func (e *Engine) countryQuery(values []string) blevequery.Query {
	var qs []blevequery.Query
	for _, v := range values {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if len(v) == 2 && isASCIILetters(v) {
			qs = append(qs, keywordQuery(index.FieldCountry, strings.ToUpper(v)))
			continue
		}
		found := false
		for _, id := range e.resolvePlace(v) {
			if p, ok := e.gazetteer.Lookup(id); ok && p.Level == "country" {
				qs = append(qs, keywordQuery(index.FieldCountry, p.Country))
				found = true
			}
		}
		if !found {
			qs = append(qs, keywordQuery(index.FieldCountry, v))
		}
	}
	return disjunction(qs...)
}

// resolvePlace finds gazetteer IDs for an ID or a name.
func (e *Engine) resolvePlace(v string) []string {
	if p, ok := e.gazetteer.Lookup(v); ok {
		return []string{p.ID}
	}
	if len(v) == 2 && isASCIILetters(v) {
		if p, ok := e.gazetteer.Lookup(strings.ToUpper(v)); ok {
			return []string{p.ID}
		}
	}
	return e.placeNames[placeKey(v)]
}

// placeKey normalizes a place name for lookup: Arabic normalization, the
// article ال dropped, Latin lower-cased.
func placeKey(name string) string {
	k := strings.ToLower(strings.Join(strings.Fields(analyzers.Normalize(name)), " "))
	if strings.HasPrefix(k, "ال") && utf8.RuneCountInString(k) > 4 {
		k = k[len("ال"):]
	}
	return k
}

// nameIndex maps every name and variant of the gazetteer's places to
// their IDs, most specific level first.
func nameIndex(g *places.Gazetteer) map[string][]string {
	out := map[string][]string{}
	for _, p := range g.All() {
		names := append([]string{p.NameAr, p.NameEn}, p.Variants...)
		seen := map[string]bool{}
		for _, n := range names {
			k := placeKey(n)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			out[k] = append(out[k], p.ID)
		}
	}
	return out
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// filters builds the request's filters, leaving out those of the facet
// named skip (for disjunctive facet counts).
func (e *Engine) filters(req *Request, skip string) ([]blevequery.Query, error) {
	var out []blevequery.Query
	if skip != "dates" && (req.From != "" || req.To != "") {
		q, err := dateRange(req.From, req.To)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	if skip != "places" {
		if q := e.placeQuery(req.Places); q != nil {
			out = append(out, q)
		}
		if q := e.countryQuery(req.Countries); q != nil {
			out = append(out, q)
		}
	}
	if skip != "sources" {
		if q := keywordsQuery(index.FieldSource, req.Sources); q != nil {
			out = append(out, q)
		}
	}
	if skip != "categories" {
		if q := keywordsQuery(index.FieldCategory, req.Categories); q != nil {
			out = append(out, q)
		}
	}
	if skip != "authors" {
		if q := keywordsQuery(index.FieldAuthor, req.Authors); q != nil {
			out = append(out, q)
		}
	}
	return out, nil
}

// unscored gives every term of a filter boost 0, so that as a required
// clause it scores 0 and weighs nothing in the query norm: the scores of
// a filtered search are those of the same words unfiltered. (bleve
// ignores the boost of a disjunction or conjunction itself.)
func unscored(q blevequery.Query) blevequery.Query {
	switch q := q.(type) {
	case *blevequery.DisjunctionQuery:
		for _, c := range q.Disjuncts {
			unscored(c)
		}
	case *blevequery.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			unscored(c)
		}
	case *blevequery.BooleanQuery:
		for _, c := range []blevequery.Query{q.Must, q.Should, q.MustNot} {
			if c != nil {
				unscored(c)
			}
		}
	case blevequery.BoostableQuery:
		q.SetBoost(0)
	}
	return q
}

// dateRange matches the days from and to (checked by Request.normalize),
// both inclusive.
func dateRange(from, to string) (blevequery.Query, error) {
	start, end, err := dateBounds(from, to)
	if err != nil {
		return nil, err
	}
	return index.PublishedRange(start, end), nil
}

// dateBounds reads the request's dates: the first instant of from and
// the last of to (zero when absent).
func dateBounds(from, to string) (start, end time.Time, err error) {
	if from != "" {
		if start, err = ParseDate(from, false); err != nil {
			return start, end, badParam("from", "invalid_date", "from: %v", err)
		}
	}
	if to != "" {
		if end, err = ParseDate(to, true); err != nil {
			return start, end, badParam("to", "invalid_date", "to: %v", err)
		}
	}
	if !start.IsZero() && !end.IsZero() && end.Before(start) {
		return start, end, badParam("to", "invalid_date", "from (%s) is after to (%s)", from, to)
	}
	return start, end, nil
}

// combine joins the text part and the filters into one query.
func combine(t textPart, filters []blevequery.Query) blevequery.Query {
	if !t.scored && len(filters) == 0 && len(t.mustNot) == 0 {
		return blevequery.NewMatchAllQuery()
	}
	// Filters are required clauses whose every term has boost 0 (see
	// unscored): they add nothing to the scores, and bleve leapfrogs
	// them with the words, where a boolean query's filter would be
	// walked along every match of the words.
	must := append([]blevequery.Query{}, t.must...)
	for _, f := range filters {
		must = append(must, unscored(f))
	}
	var should []blevequery.Query
	switch {
	case len(t.should) > 0 && len(t.must) == 0 && len(must) > 0:
		// Free words with filters: "at least one word" is one more
		// required clause. (As should clauses beside must ones, bleve's
		// unscored searches drop their minimum and match every article
		// the filters pass.) The scores are those of the words alone.
		words := blevequery.NewDisjunctionQuery(t.should)
		words.SetMin(1)
		must = append(must, words)
	case len(t.should) > 0:
		should = t.should
	}
	if !t.scored {
		must = append(must, blevequery.NewMatchAllQuery())
	}
	bq := blevequery.NewBooleanQuery(nil, nil, nil)
	if len(must) > 0 {
		bq.AddMust(must...)
	}
	if len(should) > 0 {
		bq.AddShould(should...)
		if len(t.must) == 0 {
			// Free words alone: at least one must match.
			bq.SetMinShould(1)
		}
	}
	if len(t.mustNot) > 0 {
		if len(must) == 0 && len(should) == 0 {
			bq.AddMust(blevequery.NewMatchAllQuery())
		}
		bq.AddMustNot(t.mustNot...)
	}
	return bq
}

// maxFuzziness bounds the edit distance by the word's length, whatever the
// user asked: two edits on a three-letter word match half the dictionary
// and take seconds, and say nothing about the word.
func maxFuzziness(term string, asked int) int {
	n := utf8.RuneCountInString(term)
	limit := 2
	switch {
	case n <= 3:
		limit = 0
	case n <= 5:
		limit = 1
	}
	return max(0, min(asked, limit))
}
