package query

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Warnings reported by Parse; their codes are stable, so that a client can
// word them in its own language.
var (
	warnUnbalancedQuote = Warning{"unbalanced_quote", "unbalanced quote: the rest of the query is read as a phrase"}
	warnEmptyPhrase     = Warning{"empty_phrase", "empty phrase ignored"}
	warnEmptyScope      = Warning{"empty_scope", "field scope with nothing after it ignored"}
	warnShortPrefix     = Warning{"short_prefix", "wildcard needs at least 2 characters before *: term ignored"}
	warnLoneWildcard    = Warning{"lone_wildcard", "lone wildcard ignored"}
	warnLoneFuzzy       = Warning{"lone_fuzzy", "lone ~ ignored"}
	warnFuzzyClamped    = Warning{"fuzzy_clamped", "fuzzy distance above 2 lowered to 2"}
	warnPrefixAndFuzzy  = Warning{"prefix_and_fuzzy", "a term cannot be both a prefix and fuzzy: ~ ignored"}
	warnDanglingOR      = Warning{"dangling_or", "OR without a term on both sides ignored"}
	warnNegatedOR       = Warning{"negated_or", "OR cannot join an excluded term: OR ignored"}
)

// Parse parses a user query. It returns ErrInvalidUTF8, ErrTooLong or
// ErrTooManyClauses (wrapped) for input it refuses; every other input gives
// a Query, possibly empty, with Warnings for what was repaired.
func Parse(s string, opts Options) (Query, error) {
	if !utf8.ValidString(s) {
		return Query{}, ErrInvalidUTF8
	}
	if n, limit := utf8.RuneCountInString(s), opts.maxRunes(); n > limit {
		return Query{}, fmt.Errorf("%w: %d characters, the limit is %d", ErrTooLong, n, limit)
	}
	p := parser{rs: []rune(s), maxTerms: opts.maxClauses()}
	if err := p.run(); err != nil {
		return Query{}, err
	}
	return Query{Clauses: p.clauses, Warnings: p.warnings}, nil
}

type parser struct {
	rs       []rune
	pos      int
	maxTerms int
	terms    int
	clauses  []Clause
	warnings []Warning
	// pendingOR is set after an OR that follows a positive clause.
	pendingOR bool
}

func (p *parser) warn(w Warning) {
	for _, have := range p.warnings {
		if have == w {
			return
		}
	}
	p.warnings = append(p.warnings, w)
}

func (p *parser) run() error {
	for p.pos < len(p.rs) {
		r := p.rs[p.pos]
		switch {
		case isSpace(r):
			p.pos++
		case r == '|':
			p.pos++
			p.or()
		default:
			if end, ok := p.operator(p.pos); ok {
				p.pos = end
				p.or()
				continue
			}
			t, not, ok := p.unit()
			if !ok {
				continue
			}
			if err := p.add(t, not); err != nil {
				return err
			}
		}
	}
	if p.pendingOR {
		p.warn(warnDanglingOR)
	}
	return nil
}

// or records an OR operator.
func (p *parser) or() {
	if p.pendingOR || len(p.clauses) == 0 || p.clauses[len(p.clauses)-1].Not {
		p.warn(warnDanglingOR)
		return
	}
	p.pendingOR = true
}

// add appends a term as a new clause, or to the last clause after an OR.
func (p *parser) add(t Term, not bool) error {
	p.terms++
	if p.terms > p.maxTerms {
		return fmt.Errorf("%w: the limit is %d terms", ErrTooManyClauses, p.maxTerms)
	}
	if p.pendingOR {
		p.pendingOR = false
		if !not {
			last := &p.clauses[len(p.clauses)-1]
			last.Any = append(last.Any, t)
			return nil
		}
		p.warn(warnNegatedOR)
	}
	p.clauses = append(p.clauses, Clause{Must: !not, Not: not, Any: []Term{t}})
	return nil
}

// tokenEnd returns the end of the white-space separated token at i.
func (p *parser) tokenEnd(i int) int {
	for i < len(p.rs) && !isSpace(p.rs[i]) && p.rs[i] != '|' {
		i++
	}
	return i
}

// operator recognises the word operators "OR" and "أو" as a whole token
// at i (looking at no more than 3 characters, to stay linear).
func (p *parser) operator(i int) (end int, ok bool) {
	if i+2 > len(p.rs) || !p.atBreak(i+2) {
		return i, false
	}
	if tok := string(p.rs[i : i+2]); isOperator(tok) {
		return i + 2, true
	}
	return i, false
}

// atBreak reports whether position i ends a token.
func (p *parser) atBreak(i int) bool {
	return i >= len(p.rs) || isSpace(p.rs[i]) || p.rs[i] == '|'
}

// unit reads one optionally negated, optionally scoped word or phrase at
// p.pos and advances past it. ok is false when nothing usable was there.
func (p *parser) unit() (t Term, not bool, ok bool) {
	i := p.pos
	for i < len(p.rs) && p.rs[i] == '-' {
		i++
	}
	if i > p.pos {
		if p.atBreak(i) {
			// A lone "-", as at the start of "- من هو …": ignore it.
			p.pos = i
			return Term{}, false, false
		}
		not = true
	}
	if closerOf(p.rs[i]) == 0 {
		if field, next, found := p.scope(i); found {
			if p.atBreak(next) {
				p.warn(warnEmptyScope)
				p.pos = next
				return Term{}, false, false
			}
			t.Field = field
			i = next
		}
	}
	if closer := closerOf(p.rs[i]); closer != 0 {
		text, end := p.phrase(i, closer)
		p.pos = end
		if text == "" {
			p.warn(warnEmptyPhrase)
			return Term{}, false, false
		}
		t.Text, t.Phrase = text, true
		return t, not, true
	}
	end := p.tokenEnd(i)
	p.pos = end
	t, ok = p.word(t, string(p.rs[i:end]))
	return t, not, ok
}

// scope recognises a field scope "name:" at i and returns the field and
// the position after the colon.
func (p *parser) scope(i int) (field string, next int, found bool) {
	for j := i; j < len(p.rs) && j-i <= maxFieldRunes; j++ {
		r := p.rs[j]
		if r == ':' {
			field, found = fieldNames[strings.ToLower(string(p.rs[i:j]))]
			return field, j + 1, found
		}
		if isSpace(r) || r == '|' {
			break
		}
	}
	return "", i, false
}

// phrase reads a quoted phrase opened at i and returns its text with white
// space collapsed, and the position after the closing quote. An unclosed
// phrase runs to the end of the input.
func (p *parser) phrase(i int, closer rune) (string, int) {
	end := i + 1
	for end < len(p.rs) && p.rs[end] != closer {
		end++
	}
	next := end + 1
	if end >= len(p.rs) {
		p.warn(warnUnbalancedQuote)
		next = end
	}
	var b strings.Builder
	space := false
	for _, r := range p.rs[i+1 : end] {
		if isSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String(), next
}

// word interprets the suffix operators of a word: "~", "~N", "*".
func (p *parser) word(t Term, w string) (Term, bool) {
	fuzzy, dist := false, -1
	if strings.HasSuffix(w, "~") {
		fuzzy, w = true, w[:len(w)-1]
	} else if endsWithDistance(w) {
		n := len(w)
		fuzzy, dist, w = true, int(w[n-1]-'0'), w[:n-2]
		if dist > 2 {
			p.warn(warnFuzzyClamped)
			dist = 2
		}
	}
	trimmed := strings.TrimRight(w, "*")
	prefix := len(trimmed) < len(w)
	w = trimmed
	switch {
	case w == "" && prefix:
		p.warn(warnLoneWildcard)
		return Term{}, false
	case w == "":
		p.warn(warnLoneFuzzy)
		return Term{}, false
	case prefix && utf8.RuneCountInString(w) < 2:
		p.warn(warnShortPrefix)
		return Term{}, false
	}
	t.Text = w
	switch {
	case prefix:
		if fuzzy {
			p.warn(warnPrefixAndFuzzy)
		}
		t.Prefix = true
	case fuzzy:
		if dist < 0 {
			dist = DefaultFuzziness(w)
		}
		t.Fuzzy, t.Fuzziness = true, dist
	}
	return t, true
}

// closerOf returns the closing quote of an opening quote, or 0.
func closerOf(r rune) rune {
	switch r {
	case '"':
		return '"'
	case '«':
		return '»'
	case '“':
		return '”'
	case '”':
		return '”'
	}
	return 0
}

// isOperator reports whether a whole token is the OR operator.
func isOperator(tok string) bool {
	return tok == "OR" || tok == "أو" || tok == "|"
}

// isSpace reports whether r separates tokens: white space and control
// characters.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r)
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }
