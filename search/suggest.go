package search

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	blevequery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/search/query"
)

// Limits of the suggestion work per request.
const (
	maxTermsVisited  = 20000
	minPrefixRunes   = 2
	dymMinRatio      = 3
	dymMaxTermLength = 40
)

// Suggest completes what has been typed so far: frequent index terms that
// start with the last word, and titles of articles that match it.
// Terms are shown in the form they are written in the articles (الحكومة,
// not the folded index term الحكومه).
func (e *Engine) Suggest(ctx context.Context, sr SuggestRequest) ([]Completion, error) {
	typed, size := sr.Text, sr.Size
	if size == 0 {
		size = DefaultSuggest
	}
	if size < 1 || size > MaxSuggest {
		return nil, badParam("size", "invalid_size", "size must be between 1 and %d, not %d", MaxSuggest, size)
	}
	if !utf8.ValidString(typed) {
		return nil, badParam("q", "invalid_utf8", "the text to complete is not valid UTF-8")
	}
	if utf8.RuneCountInString(typed) > MaxSuggestRunes {
		return nil, badParam("q", "too_long", "q may be at most %d characters", MaxSuggestRunes)
	}
	words := e.exactTerms(typed)
	if len(words) == 0 {
		return []Completion{}, nil
	}
	last := words[len(words)-1]
	head := strings.TrimSpace(typed)
	if i := strings.LastIndexFunc(head, func(r rune) bool { return r == ' ' }); i >= 0 {
		head = head[:i+1]
	} else {
		head = ""
	}

	out := []Completion{}
	if utf8.RuneCountInString(last) >= minPrefixRunes {
		// A term's count is its document frequency in the field where it
		// is most frequent (titles or bodies), summed over shards.
		counts := map[string]uint64{}
		visited := 0
		for _, field := range []string{index.FieldTitleExact, index.FieldBodyExact} {
			inField := map[string]uint64{}
			err := e.ix.FieldTerms(field, last, func(term string, count uint64) bool {
				inField[term] += count
				visited++
				return visited < maxTermsVisited
			})
			if err != nil {
				return nil, err
			}
			for term, n := range inField {
				counts[term] = max(counts[term], n)
			}
		}
		type tc struct {
			term  string
			count uint64
		}
		list := make([]tc, 0, len(counts))
		for t, c := range counts {
			if t != last || c > 0 {
				list = append(list, tc{t, c})
			}
		}
		sort.Slice(list, func(i, j int) bool {
			if list[i].count != list[j].count {
				return list[i].count > list[j].count
			}
			return list[i].term < list[j].term
		})
		list = list[:min(len(list), size)]
		terms := make([]string, len(list))
		for i, t := range list {
			terms[i] = t.term
		}
		surfaces, err := e.surfaceForms(ctx, terms)
		if err != nil {
			return nil, err
		}
		for _, t := range list {
			out = append(out, Completion{Text: head + surfaces[t.term], Kind: "term", Count: t.count})
		}
	}

	// Titles that contain the earlier words and a word starting with the
	// last one.
	var must []blevequery.Query
	for _, w := range words[:len(words)-1] {
		must = append(must, match(index.FieldTitleExact, w, 1))
	}
	prefix := blevequery.NewPrefixQuery(last)
	prefix.SetField(index.FieldTitleExact)
	must = append(must, prefix)
	found, err := e.storedArticles(ctx, blevequery.NewConjunctionQuery(must), size/2+1)
	if err != nil {
		return nil, err
	}
	for _, a := range found {
		if title := a.Title; title != "" {
			out = append(out, Completion{Text: title, Kind: "title", ID: a.ID})
		}
	}
	return out, nil
}

// didYouMean replaces each plain word of the query that the index hardly
// knows by a close, much more frequent index term; "" when nothing
// better is known.
func (e *Engine) didYouMean(q query.Query, total uint64) string {
	changed := false
	var parts []string
	for _, c := range q.Clauses {
		var alts []string
		for _, t := range c.Any {
			text := t.Text
			if t.Field == "" && !t.Phrase && !t.Prefix && !t.Fuzzy && !c.Not {
				if better := e.closerTerm(text); better != "" {
					text = better
					changed = true
				}
			}
			alts = append(alts, termString(t, text, c.Not))
		}
		parts = append(parts, strings.Join(alts, " OR "))
	}
	if !changed {
		return ""
	}
	return strings.Join(parts, " ")
}

func termString(t query.Term, text string, not bool) string {
	s := text
	if t.Phrase {
		s = `"` + s + `"`
	}
	if t.Prefix {
		s += "*"
	}
	if t.Fuzzy {
		s += "~"
	}
	if t.Field != "" {
		s = t.Field + ":" + s
	}
	if not {
		s = "-" + s
	}
	return s
}

// closerTerm finds the most frequent term within one or two edits of the
// word, if it is much more frequent than the word itself.
func (e *Engine) closerTerm(word string) string {
	terms := e.exactTerms(word)
	if len(terms) != 1 {
		return ""
	}
	t := terms[0]
	n := utf8.RuneCountInString(t)
	if n < 3 || n > dymMaxTermLength {
		return ""
	}
	fuzz := 1
	if n >= 7 {
		fuzz = 2
	}
	cands, err := e.ix.FuzzyTerms(index.FieldBodyExact, t, fuzz)
	if err != nil {
		return ""
	}
	own, err := e.ix.DocFrequency(index.FieldBodyExact, t)
	if err != nil {
		return ""
	}
	best, bestCount := "", uint64(0)
	for c, count := range cands {
		if c == t {
			continue
		}
		if count > bestCount || count == bestCount && c < best {
			best, bestCount = c, count
		}
	}
	// A word the index does not know gives way to any known neighbour;
	// a known one only to a much more frequent one.
	if best == "" || own > 0 && bestCount < dymMinRatio*own {
		return ""
	}
	return best
}

// surfaceForms finds how each exact index term is written in the
// articles: the most frequent spelling, without harakat or tatweel, of
// the words whose exact term it is, in the titles that hold it and, for
// terms no title holds, in bodies. A term found nowhere stands for
// itself.
func (e *Engine) surfaceForms(ctx context.Context, terms []string) (map[string]string, error) {
	forms := map[string]map[string]int{}
	want := map[string]bool{}
	for _, t := range terms {
		want[t] = true
	}
	for _, f := range []struct {
		field string
		text  func(*article.Article) string
		hits  int
	}{
		{index.FieldTitleExact, func(a *article.Article) string { return a.Title }, 50},
		{index.FieldBodyExact, func(a *article.Article) string { return a.Body }, 10},
	} {
		var qs []blevequery.Query
		for t := range want {
			if _, found := forms[t]; found {
				continue
			}
			q := blevequery.NewTermQuery(t)
			q.SetField(f.field)
			qs = append(qs, q)
		}
		if len(qs) == 0 {
			break
		}
		found, err := e.storedArticles(ctx, blevequery.NewDisjunctionQuery(qs), f.hits)
		if err != nil {
			return nil, err
		}
		for i := range found {
			text := f.text(&found[i])
			for _, tok := range e.exact.Analyze([]byte(text)) {
				term := string(tok.Term)
				if !want[term] || tok.Start < 0 || tok.End > len(text) || tok.Start >= tok.End {
					continue
				}
				if forms[term] == nil {
					forms[term] = map[string]int{}
				}
				forms[term][bare(text[tok.Start:tok.End])]++
			}
		}
	}
	out := make(map[string]string, len(terms))
	for _, t := range terms {
		best, n := t, 0
		for form, c := range forms[t] {
			if c > n || c == n && form < best {
				best, n = form, c
			}
		}
		out[t] = best
	}
	return out, nil
}

// bare drops harakat and tatweel from a word.
func bare(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x064B && r <= 0x065F || r == 0x0670 || r == 0x0640 {
			return -1
		}
		return r
	}, s)
}

// storedArticles returns the stored articles of the best size matches of
// q, in rank order.
func (e *Engine) storedArticles(ctx context.Context, q blevequery.Query, size int) ([]article.Article, error) {
	breq := bleve.NewSearchRequestOptions(q, size, 0, false)
	breq.Fields = index.HitFields
	res, err := e.ix.Search(ctx, breq)
	if err != nil {
		return nil, searchError(ctx, err)
	}
	out := make([]article.Article, 0, len(res.Hits))
	for _, h := range res.Hits {
		st, err := e.ix.StoredOf(h.ID, h.Fields)
		if err != nil {
			return nil, fmt.Errorf("suggest: %w", err)
		}
		out = append(out, st.Article)
	}
	return out, nil
}
