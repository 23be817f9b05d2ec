// Package query parses the user query language of fahras into a small
// syntax tree. It knows nothing of the index: package search turns a Query
// into index queries.
//
// The language, in Arabic, English or both:
//
//	غزة رفح                 both words (clauses are joined by AND)
//	"الأمم المتحدة"          a phrase; «…» and “…” quote too
//	-إسرائيل  -"وقف النار"   exclude a word or a phrase
//	غزة OR رفح              either word; | and أو work as OR too
//	نفط*                    a prefix (at least 2 characters before *)
//	الانتخابات~  بغداد~1     fuzzy, with an optional edit distance 0–2
//	title:العراق            scope to a field: title, source, category,
//	عنوان:"مجلس الأمن"       place, country, author, or the Arabic aliases
//	                        عنوان مصدر تصنيف مكان بلد
//
// OR binds tighter than the implicit AND: "a b OR c d" is a AND (b OR c)
// AND d. Parsing never panics and runs in time linear in the length of
// the input; malformed syntax is repaired and reported in
// Query.Warnings, and only invalid UTF-8 and inputs over the configured
// limits are errors.
package query

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Default limits of Options.
const (
	DefaultMaxRunes   = 1000
	DefaultMaxClauses = 64
)

// Errors returned by Parse, wrapped with details.
var (
	ErrInvalidUTF8    = errors.New("query is not valid UTF-8")
	ErrTooLong        = errors.New("query is too long")
	ErrTooManyClauses = errors.New("query has too many clauses")
)

// Options bounds what Parse accepts. Zero values mean the defaults.
type Options struct {
	// MaxRunes is the longest accepted query, in characters
	// (default DefaultMaxRunes).
	MaxRunes int
	// MaxClauses is the largest accepted number of terms, counting each
	// alternative of a disjunction (default DefaultMaxClauses).
	MaxClauses int
}

func (o Options) maxRunes() int {
	if o.MaxRunes <= 0 {
		return DefaultMaxRunes
	}
	return o.MaxRunes
}

func (o Options) maxClauses() int {
	if o.MaxClauses <= 0 {
		return DefaultMaxClauses
	}
	return o.MaxClauses
}

// Query is a parsed query: the conjunction of its clauses.
type Query struct {
	Clauses []Clause `json:"clauses"`
	// Warnings describe the parts of the input that were repaired or
	// ignored, each at most once.
	Warnings []Warning `json:"warnings,omitempty"`
}

// Warning is one part of a query that was repaired or ignored: Code is
// stable for clients, Message says it in English.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Clause is one conjunct of a query: the disjunction of its terms.
// Parse sets exactly one of Must and Not: Must for a required clause, Not
// for an excluded one (the query must match none of its terms).
type Clause struct {
	Must bool   `json:"must"`
	Not  bool   `json:"not"`
	Any  []Term `json:"any"`
}

// Term is a word or phrase to look for.
type Term struct {
	// Field is "" for all text fields, or one of the Fields names.
	Field string `json:"field,omitempty"`
	// Text is the word or phrase as typed, without its operators; runs of
	// white space inside a phrase are collapsed to one space.
	Text   string `json:"text"`
	Phrase bool   `json:"phrase,omitempty"`
	Prefix bool   `json:"prefix,omitempty"`
	Fuzzy  bool   `json:"fuzzy,omitempty"`
	// Fuzziness is the edit distance of a fuzzy term, 0 to 2 (0 means
	// an exact match).
	Fuzziness int `json:"fuzziness,omitempty"`
}

// Fields are the field names a term may be scoped to.
var Fields = []string{"title", "source", "category", "place", "country", "author"}

// fieldNames maps every accepted spelling of a field scope (lower case)
// to its field name.
var fieldNames = map[string]string{
	"title":    "title",
	"source":   "source",
	"category": "category",
	"place":    "place",
	"country":  "country",
	"author":   "author",
	"عنوان":    "title",
	"مصدر":     "source",
	"تصنيف":    "category",
	"مكان":     "place",
	"بلد":      "country",
}

// maxFieldRunes is the length of the longest spelling in fieldNames.
const maxFieldRunes = 8

// DefaultFuzziness is the edit distance of a fuzzy term typed without
// one: 0 (exact) up to 3 characters, 1 up to 7, 2 from 8.
func DefaultFuzziness(text string) int {
	switch n := utf8.RuneCountInString(text); {
	case n <= 3:
		return 0
	case n <= 7:
		return 1
	default:
		return 2
	}
}

// IsEmpty reports whether the query has no clause at all.
func (q Query) IsEmpty() bool { return len(q.Clauses) == 0 }

// PositiveTerms returns the terms of the clauses that are not excluded, in
// query order: the words to highlight and to base suggestions on.
func (q Query) PositiveTerms() []Term {
	var terms []Term
	for _, c := range q.Clauses {
		if !c.Not {
			terms = append(terms, c.Any...)
		}
	}
	return terms
}

// String returns the canonical form of the query: English field names,
// " OR " between alternatives, phrases in double quotes (or «» when the
// phrase holds a double quote), explicit fuzzy distances. Parsing it gives
// back the same clauses, without warnings. An excluded clause with several
// terms is written as one exclusion per term, which means the same thing.
// The canonical form may be longer than the input.
func (q Query) String() string {
	var b strings.Builder
	for _, c := range q.Clauses {
		if c.Not {
			for _, t := range c.Any {
				if t.Text == "" {
					continue
				}
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteByte('-')
				writeTerm(&b, t, true)
			}
			continue
		}
		first := true
		for _, t := range c.Any {
			if t.Text == "" {
				continue
			}
			if !first {
				b.WriteString(" OR ")
			} else if b.Len() > 0 {
				b.WriteByte(' ')
			}
			first = false
			writeTerm(&b, t, false)
		}
	}
	return b.String()
}

// String returns the term in query syntax.
func (t Term) String() string {
	var b strings.Builder
	writeTerm(&b, t, false)
	return b.String()
}

// writeTerm writes t; negated tells that it follows a "-".
func writeTerm(b *strings.Builder, t Term, negated bool) {
	if _, ok := fieldNames[t.Field]; ok {
		b.WriteString(fieldNames[t.Field])
		b.WriteByte(':')
	}
	if t.Phrase || needsQuotes(t, negated) {
		writePhrase(b, t.Text)
		return
	}
	b.WriteString(t.Text)
	switch {
	case t.Prefix:
		b.WriteByte('*')
	case t.Fuzzy:
		b.WriteByte('~')
		b.WriteString(strconv.Itoa(clampFuzziness(t.Fuzziness)))
	}
}

// needsQuotes reports whether a word term built by hand would not read
// back as itself without quotes. Terms made by Parse never need them.
func needsQuotes(t Term, negated bool) bool {
	if t.Text == "" {
		return false
	}
	_, scoped := fieldNames[t.Field]
	first, _ := utf8.DecodeRuneInString(t.Text)
	if closerOf(first) != 0 || (!scoped && first == '-') {
		return true
	}
	if !scoped {
		if i := strings.IndexByte(t.Text, ':'); i > 0 {
			if _, ok := fieldNames[strings.ToLower(t.Text[:i])]; ok {
				return true
			}
		}
	}
	for _, r := range t.Text {
		if isSpace(r) || r == '|' {
			return true
		}
	}
	last, _ := utf8.DecodeLastRuneInString(t.Text)
	switch {
	case t.Prefix:
		return last == '*' || utf8.RuneCountInString(t.Text) < 2
	case t.Fuzzy:
		return last == '*'
	default:
		return last == '*' || last == '~' || endsWithDistance(t.Text) || (!scoped && !negated && isOperator(t.Text))
	}
}

// endsWithDistance reports whether w ends with "~" and a digit.
func endsWithDistance(w string) bool {
	n := len(w)
	return n >= 2 && w[n-2] == '~' && isDigit(rune(w[n-1]))
}

// writePhrase quotes text with the first quote pair whose closing mark the
// text does not contain; one always fits a phrase made by Parse.
func writePhrase(b *strings.Builder, text string) {
	for _, q := range [][2]string{{`"`, `"`}, {"«", "»"}, {"“", "”"}} {
		if !strings.Contains(text, q[1]) {
			b.WriteString(q[0])
			b.WriteString(text)
			b.WriteString(q[1])
			return
		}
	}
	// Text holding every closing mark: drop the double quotes.
	b.WriteByte('"')
	b.WriteString(strings.ReplaceAll(text, `"`, ""))
	b.WriteByte('"')
}

func clampFuzziness(n int) int {
	return min(max(n, 0), 2)
}
