package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/fahras/fahras/search/query"
)

// marker finds the words of a text that a query matched, by analyzing the
// text again (analysis runs at about 100 MB/s, so a page of hits costs a
// fraction of a millisecond) instead of storing term vectors for every
// field. A word is marked when its stem is a stem of a query word, its
// exact form is a word of a quoted phrase, it starts with a query prefix,
// or it is within a fuzzy word's edit distance.
type marker struct {
	ar, exact analysis.Analyzer
	stems     map[string]bool
	exacts    map[string]bool
	prefixes  []string
	fuzzy     []fuzzyTerm
}

type fuzzyTerm struct {
	term  []rune
	edits int
}

// newMarker collects the positive words of a query.
func (e *Engine) newMarker(q query.Query) *marker {
	m := &marker{ar: e.ar, exact: e.exact, stems: map[string]bool{}, exacts: map[string]bool{}}
	for _, c := range q.Clauses {
		if c.Not {
			continue
		}
		for _, t := range c.Any {
			if t.Field != "" && t.Field != "title" {
				continue
			}
			switch {
			case t.Phrase:
				for _, w := range e.exactTerms(t.Text) {
					m.exacts[w] = true
				}
			case t.Prefix:
				if ws := e.exactTerms(t.Text); len(ws) == 1 {
					m.prefixes = append(m.prefixes, ws[0])
				}
			case t.Fuzzy:
				if ws := e.exactTerms(t.Text); len(ws) == 1 {
					m.fuzzy = append(m.fuzzy, fuzzyTerm{[]rune(ws[0]), maxFuzziness(ws[0], t.Fuzziness)})
				}
			default:
				for _, w := range e.tokens(t.Text) {
					m.stems[w] = true
				}
			}
		}
	}
	return m
}

func (m *marker) empty() bool {
	return len(m.stems) == 0 && len(m.exacts) == 0 && len(m.prefixes) == 0 && len(m.fuzzy) == 0
}

// spans returns the byte ranges of the matched words of text.
func (m *marker) spans(text string) []span {
	if m.empty() || text == "" {
		return nil
	}
	raw := []byte(text)
	var out []span
	if len(m.stems) > 0 {
		for _, tok := range m.ar.Analyze(raw) {
			if m.stems[string(tok.Term)] {
				out = append(out, span{tok.Start, tok.End})
			}
		}
	}
	if len(m.exacts) > 0 || len(m.prefixes) > 0 || len(m.fuzzy) > 0 {
		for _, tok := range m.exact.Analyze(raw) {
			if m.matchExact(string(tok.Term)) {
				out = append(out, span{tok.Start, tok.End})
			}
		}
	}
	return mergeSpans(out)
}

func (m *marker) matchExact(term string) bool {
	if m.exacts[term] {
		return true
	}
	for _, p := range m.prefixes {
		if strings.HasPrefix(term, p) {
			return true
		}
	}
	if len(m.fuzzy) > 0 {
		r := []rune(term)
		for _, f := range m.fuzzy {
			if withinEdits(r, f.term, f.edits) {
				return true
			}
		}
	}
	return false
}

// withinEdits reports whether the Levenshtein distance of a and b is at
// most k.
func withinEdits(a, b []rune, k int) bool {
	if d := len(a) - len(b); d > k || -d > k {
		return false
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > k {
			return false
		}
		prev, cur = cur, prev
	}
	return prev[len(b)] <= k
}
