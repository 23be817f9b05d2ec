package readers

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fahras/fahras/index/dateline"
)

// cleanText strips a leading byte order mark, turns CRLF and lone CR into
// LF, and drops invalid UTF-8, NUL and the other C0 and C1 controls except
// \n and \t, as well as invisible bidirectional marks and stray zero-width
// no-break spaces, which carry nothing a search needs.
func cleanText(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			// invalid byte: drop
		case r == '\r':
			b.WriteByte('\n')
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case dropRune(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isClean reports whether cleanText has nothing to change in s.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == '\r' || (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || dropRune(r) {
			return false
		}
		i += size
	}
	return true
}

func dropRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r >= 0x7f && r < 0xa0:
		return true
	case r == '\u200e', r == '\u200f', r == '\u061c', // LRM, RLM, ALM
		r >= '\u202a' && r <= '\u202e', // embeddings and overrides
		r >= '\u2066' && r <= '\u2069', // isolates
		r == '\ufeff':
		return true
	}
	return false
}

// cleanLine cleans s and collapses all its whitespace, newlines included,
// into single spaces: for titles, names, dates and other one-line fields.
func cleanLine(s string) string {
	return strings.Join(strings.Fields(cleanText(s)), " ")
}

// cleanBody cleans s, trims every line and drops the empty ones, so that
// the paragraphs are joined by single newlines.
func cleanBody(s string) string {
	return joinParagraphs(strings.Split(cleanText(s), "\n"))
}

func joinParagraphs(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
	}
	return b.String()
}

// maxTitleRunes is the longest title made from a body's first sentence.
const maxTitleRunes = 120

// titleFromBody makes a title from the first sentence of body, without a
// leading dateline such as "بغداد/المسلة:", cut at a word boundary when it
// is longer than maxTitleRunes.
func titleFromBody(body string) string {
	first, _, _ := strings.Cut(body, "\n")
	first = stripDateline(firstSentence(first))
	return shorten(first, maxTitleRunes)
}

// firstSentence returns s up to and including its first sentence-ending
// mark that is followed by a space or the end of s.
func firstSentence(s string) string {
	for i, r := range s {
		if !isSentenceEnd(r) {
			continue
		}
		next := i + utf8.RuneLen(r)
		if next == len(s) {
			return s
		}
		if r2, _ := utf8.DecodeRuneInString(s[next:]); unicode.IsSpace(r2) {
			return s[:next]
		}
	}
	return s
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '؟', '…', '۔':
		return true
	}
	return false
}

// stripDateline removes a leading dateline from a sentence when its shape
// alone shows one ("بغداد/المسلة:", "القاهرة - (أ ف ب):", "عمّان – "), as
// datelines have and quoted speakers ("قال الوزير:") do not.
func stripDateline(s string) string {
	if d, ok := dateline.Parse(s); ok && d.Certain() && d.Rest != "" {
		return d.Rest
	}
	return s
}

// shorten cuts s to at most n runes at a word boundary and marks the cut
// with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut, count := len(s), 0
	for i := range s {
		if count == n {
			cut = i
			break
		}
		count++
	}
	s = s[:cut]
	if i := strings.LastIndexFunc(s, unicode.IsSpace); i > len(s)/2 {
		s = s[:i]
	}
	return strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r)
	}) + "…"
}
