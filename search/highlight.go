package search

import (
	"encoding/base64"
	"errors"
	"html"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/fahras/fahras/index"
)

// Snippet sizes, in runes.
const (
	snippetRunes   = 220
	snippetContext = 70
	maxFragments   = 2
)

// span is a byte range [start, end) of a field's text.
type span struct{ start, end int }

// hit turns a bleve hit into a result hit.
func (e *Engine) hit(h *bsearch.DocumentMatch, m *marker) (Hit, error) {
	if _, loaded := h.Fields[index.FieldStored]; !loaded {
		// fields= asked for none of what the article's record holds.
		dup, _ := h.Fields[index.FieldDuplicateOf].(string)
		story, _ := h.Fields[index.FieldStory].(string)
		return Hit{ID: h.ID, Score: h.Score, DuplicateOf: dup, Story: story}, nil
	}
	st, err := e.ix.StoredOf(h.ID, h.Fields)
	if err != nil {
		return Hit{}, err
	}
	out, body := storedHit(h.ID, h.Score, &st)
	if m == nil {
		out.Snippet = html.EscapeString(cutRunes(body, snippetRunes))
		return out, nil
	}
	out.Highlights = map[string]string{
		"title": Mark(out.Title, m.spans(out.Title)),
	}
	out.Snippet = Snippet(body, m.spans(body))
	out.Highlights["body"] = out.Snippet
	return out, nil
}

// hits turns bleve's hits into result hits, on as many cores as there
// are: reading an article's record and analyzing its text again for the
// highlights is most of what a page of hits costs.
func (e *Engine) hits(in []*bsearch.DocumentMatch, m *marker) ([]Hit, error) {
	out := make([]Hit, len(in))
	errs := make([]error, len(in))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(len(in), runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(in); i = int(next.Add(1) - 1) {
				out[i], errs[i] = e.hit(in[i], m)
			}
		})
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// storedHit is the hit of a stored article without snippet or
// highlights, and the text its snippet is cut from.
func storedHit(id string, score float64, st *index.Stored) (Hit, string) {
	a := &st.Article
	out := Hit{
		ID:            id,
		Score:         score,
		Title:         a.Title,
		PublishedText: a.PublishedText,
		Source:        a.Source,
		Category:      a.Category,
		Author:        a.Author,
		URL:           a.URL,
		DuplicateOf:   st.DuplicateOf,
		Story:         st.Story,
		Dateline:      a.Dateline,
		Places:        a.Places,
	}
	if !a.Published.IsZero() {
		t := a.Published
		out.Published = &t
	}
	body := a.Body
	if body == "" {
		body = a.Summary
	}
	return out, body
}

func mergeSpans(in []span) []span {
	if len(in) == 0 {
		return nil
	}
	sort.Slice(in, func(i, j int) bool { return in[i].start < in[j].start })
	out := in[:1]
	for _, s := range in[1:] {
		last := &out[len(out)-1]
		if s.start <= last.end {
			if s.end > last.end {
				last.end = s.end
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// isWordRune reports whether r belongs inside a word (letters, marks,
// digits and tatweel): highlighting never splits such a run.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || r == 'ـ' || r == '\u200c' || r == '\u200d'
}

// wholeWords widens each span to the word boundaries around it and drops
// spans that fall outside the text, so that no <mark> ever sits inside a
// word (it would break Arabic letter joining).
func wholeWords(text string, in []span) []span {
	out := make([]span, 0, len(in))
	for _, s := range in {
		if s.start < 0 || s.end > len(text) || s.start >= s.end {
			continue
		}
		for s.start > 0 {
			r, size := utf8.DecodeLastRuneInString(text[:s.start])
			if !isWordRune(r) {
				break
			}
			s.start -= size
		}
		for s.end < len(text) {
			r, size := utf8.DecodeRuneInString(text[s.end:])
			if !isWordRune(r) {
				break
			}
			s.end += size
		}
		out = append(out, s)
	}
	return mergeSpans(out)
}

// Mark escapes text for HTML and wraps each span, widened to whole words,
// in <mark>.
func Mark(text string, marks []span) string {
	marks = wholeWords(text, marks)
	var b strings.Builder
	pos := 0
	for _, s := range marks {
		b.WriteString(html.EscapeString(text[pos:s.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.start:s.end]))
		b.WriteString("</mark>")
		pos = s.end
	}
	b.WriteString(html.EscapeString(text[pos:]))
	return b.String()
}

// Snippet returns up to two fragments of body around its matches, marked
// and escaped, joined and bounded with "…" where the body was cut. Without
// matches it is the start of the body.
func Snippet(body string, matches []span) string {
	matches = wholeWords(body, matches)
	if len(matches) == 0 {
		return html.EscapeString(cutRunes(body, snippetRunes))
	}
	// Choose fragment starts greedily: the window holding the most
	// matches first, then the best window among the rest.
	var frags []span
	used := make([]bool, len(matches))
	for len(frags) < maxFragments {
		best, bestCount := -1, 0
		for i := range matches {
			if used[i] {
				continue
			}
			w := window(body, matches[i].start)
			count := 0
			for j := range matches {
				if !used[j] && matches[j].start >= w.start && matches[j].end <= w.end {
					count++
				}
			}
			if count > bestCount {
				best, bestCount = i, count
			}
		}
		if best < 0 {
			break
		}
		w := window(body, matches[best].start)
		for j := range matches {
			if matches[j].start >= w.start && matches[j].end <= w.end {
				used[j] = true
			}
		}
		frags = append(frags, w)
	}
	sort.Slice(frags, func(i, j int) bool { return frags[i].start < frags[j].start })
	frags = mergeSpans(frags)

	var b strings.Builder
	for i, f := range frags {
		if f.start > 0 && (i == 0 || frags[i-1].end < f.start) {
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString("… ")
		}
		var inside []span
		for _, m := range matches {
			if m.start >= f.start && m.end <= f.end {
				inside = append(inside, span{m.start - f.start, m.end - f.start})
			}
		}
		b.WriteString(Mark(body[f.start:f.end], inside))
		if i == len(frags)-1 && f.end < len(body) {
			b.WriteString(" …")
		}
	}
	return b.String()
}

// window is the fragment of about snippetRunes runes that starts a little
// before byte offset at, widened to word boundaries.
func window(text string, at int) span {
	start := at
	for n := 0; n < snippetContext && start > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:start])
		start -= size
	}
	// Start at a word boundary, after a space.
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if unicode.IsSpace(r) {
			break
		}
		start -= size
	}
	end := start
	for n := 0; n < snippetRunes && end < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if unicode.IsSpace(r) {
			break
		}
		end += size
	}
	return span{start, end}
}

// cutRunes cuts s to about n runes at a word boundary, adding "…" when
// it cut.
func cutRunes(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	end := 0
	for i := 0; i < n; i++ {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	if cut := strings.LastIndexFunc(s[:end], unicode.IsSpace); cut > end/2 {
		end = cut
	}
	return strings.TrimSpace(s[:end]) + " …"
}

// encodeCursor makes bleve's sort values safe to carry in JSON and URLs
// (they may hold binary, prefix-coded numbers).
func encodeCursor(sort []string) []string {
	out := make([]string, len(sort))
	for i, s := range sort {
		out[i] = base64.RawURLEncoding.EncodeToString([]byte(s))
	}
	return out
}

func decodeCursor(in []string) ([]string, error) {
	out := make([]string, len(in))
	for i, s := range in {
		raw, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil {
			return nil, err
		}
		out[i] = string(raw)
	}
	return out, nil
}
