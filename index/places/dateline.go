package places

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A dateline is short: at most this many words before its separator, and
// the separator within this many characters of the line's start.
const (
	maxDatelineWords = 6
	maxDatelineRunes = 80
)

// datelineMatch is the place name a body opens with, before resolution.
type datelineMatch struct {
	node      *node
	place     int      // set by resolve
	countries []string // countries named after the city: دبي، الإمارات العربية المتحدة
}

// dateline recognizes the opening of a body such as بغداد/المسلة:،
// القاهرة - رويترز، الرياض (واس) -، دبي، الإمارات العربية المتحدة (CNN)—
// or بيروت: …, also after a leading parenthesized source. The words
// before the separator (up to a comma) must be exactly a gazetteer name.
func (m *Matcher) dateline(body string) *datelineMatch {
	line := firstLine(body)
	if line == "" {
		return nil
	}
	rest, inner := stripLeadingParen(line)
	if dl := m.datelineHead(rest); dl != nil {
		return dl
	}
	if inner != "" {
		// (بغداد) - …: the place itself in parentheses.
		return m.datelineHead(inner + ":")
	}
	return nil
}

func firstLine(body string) string {
	for body != "" {
		line, rest, _ := strings.Cut(body, "\n")
		if line = strings.TrimSpace(line); line != "" {
			return line
		}
		body = rest
	}
	return ""
}

// stripLeadingParen removes a short parenthesized group and the dashes
// after it from the start of line, returning the rest and the group's
// contents.
func stripLeadingParen(line string) (rest, inner string) {
	if !strings.HasPrefix(line, "(") {
		return strings.TrimLeftFunc(line, isDashOrSpace), ""
	}
	end := strings.IndexByte(line, ')')
	if end < 0 || utf8.RuneCountInString(line[:end]) > 40 {
		return line, ""
	}
	return strings.TrimLeftFunc(line[end+1:], isDashOrSpace), strings.TrimSpace(line[1:end])
}

func isDash(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―', '−':
		return true
	}
	return false
}

func isDashOrSpace(r rune) bool { return isDash(r) || unicode.IsSpace(r) }

// datelineHead finds the separator in line and matches the words before it.
func (m *Matcher) datelineHead(line string) *datelineMatch {
	sep := -1
	prevSpace := false
	n := 0
	for i, r := range line {
		if n++; n > maxDatelineRunes {
			break
		}
		if r == ':' || r == '/' || r == '(' || r == '|' || isDash(r) || (r == 'ـ' && prevSpace) {
			sep = i
			break
		}
		prevSpace = unicode.IsSpace(r)
	}
	if sep <= 0 {
		return nil
	}
	head := line[:sep]
	if len(strings.Fields(head)) > maxDatelineWords {
		return nil
	}
	parts := strings.FieldsFunc(head, func(r rune) bool { return r == '،' || r == ',' })
	if len(parts) == 0 {
		return nil
	}
	city := m.exactName(parts[0])
	if city == nil {
		return nil
	}
	dl := &datelineMatch{node: city, place: -1}
	for _, part := range parts[1:] {
		if n := m.exactName(part); n != nil {
			if p := m.choose(n.hits, nil, false); p >= 0 {
				dl.countries = append(dl.countries, m.places[p].Country)
			}
		}
	}
	return dl
}

// exactName returns the trie node whose name is exactly the words of s,
// if it names a place (not only an adjective).
func (m *Matcher) exactName(s string) *node {
	toks := tokenize(s, nil)
	if len(toks) == 0 {
		return nil
	}
	level := m.root
	var n *node
	for _, t := range toks {
		if n = level[t.text]; n == nil {
			return nil
		}
		level = n.next
	}
	for _, h := range n.hits {
		if !h.adjective {
			return n
		}
	}
	return nil
}
