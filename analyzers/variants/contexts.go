package variants

import (
	"math"
	"strings"
	"unicode/utf8"
)

// minContextSimilarity is the least cosine similarity of two spellings'
// neighbours: the spellings of a name are written between the same words
// (الرئيس الروسي بوتين / بوتن قال), two look-alike words or names rarely
// are (measured on the ANT corpus: the hand-checked variants' median is
// 0.58, nine look-alikes in ten are below 0.22 and most at 0).
const minContextSimilarity = 0.15

// Contexts counts the words written next to some words of a collection,
// and next to their forms with the article or a proclitic (الدنمارك,
// لسوريا count for دنمارك, سوريا): the evidence that two spellings are
// used alike. Build it with NewContexts over the words Mine might group
// (Candidates), then Add the terms of each text in order.
type Contexts struct {
	of map[string]map[neighbour]int
	// withoutArticle counts the neighbours of the words in يه but for
	// their forms with the article: the evidence for a spelling whose
	// forms with the article are another word (see endingTwins).
	withoutArticle map[string]map[neighbour]int
}

// neighbour is a word written before (after false) or after a word.
type neighbour struct {
	word  string
	after bool
}

// NewContexts returns empty contexts for words.
func NewContexts(words []string) *Contexts {
	c := &Contexts{of: make(map[string]map[neighbour]int, len(words)), withoutArticle: make(map[string]map[neighbour]int, len(words))}
	for _, w := range words {
		c.of[w] = map[neighbour]int{}
		if strings.HasSuffix(w, "يه") {
			c.withoutArticle[w] = map[neighbour]int{}
		}
	}
	return c
}

// Add counts the neighbours of the words in one text's terms, in order,
// and of their forms with the article or a proclitic.
func (c *Contexts) Add(terms []string) {
	for i, t := range terms {
		if m, ok := c.of[t]; ok {
			c.count(m, terms, i)
			if m, ok := c.withoutArticle[t]; ok {
				c.count(m, terms, i)
			}
		}
		if b := bareForm(t); b != t {
			if m, ok := c.of[b]; ok {
				c.count(m, terms, i)
				if m, ok := c.withoutArticle[b]; ok {
					if _, article := cutArticle(t); !article {
						c.count(m, terms, i)
					}
				}
			}
		}
	}
}

// count counts in m the neighbours of terms[i].
func (c *Contexts) count(m map[neighbour]int, terms []string, i int) {
	if i > 0 {
		m[neighbour{terms[i-1], false}]++
	}
	if i+1 < len(terms) {
		m[neighbour{terms[i+1], true}]++
	}
}

// Similarity is the cosine similarity of the neighbours of a and b, 0
// when either has none counted.
func (c *Contexts) Similarity(a, b string) float64 {
	if c == nil {
		return 0
	}
	return cosine(c.of[a], c.of[b])
}

// similarityWithoutArticle is Similarity with b's forms with the
// article left out.
func (c *Contexts) similarityWithoutArticle(a, b string) float64 {
	if c == nil {
		return 0
	}
	return cosine(c.of[a], c.withoutArticle[b])
}

func cosine(ma, mb map[neighbour]int) float64 {
	if len(ma) > len(mb) {
		ma, mb = mb, ma
	}
	var dot, na, nb float64
	for k, v := range ma {
		na += float64(v * v)
		if w, ok := mb[k]; ok {
			dot += float64(v * w)
		}
	}
	for _, w := range mb {
		nb += float64(w * w)
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

// bareForm is w without its article or proclitic (الدنمارك, بالدنمارك,
// لسوريا), or w.
func bareForm(w string) string {
	if r, _ := utf8.DecodeRuneInString(w); !strings.ContainsRune(procliticLetters, r) {
		return w
	}
	if rest, ok := cutArticle(w); ok {
		return rest
	}
	for _, p := range proclitics {
		if rest, ok := strings.CutPrefix(w, p); ok && utf8.RuneCountInString(rest) >= 3 {
			return rest
		}
	}
	return w
}

// procliticLetters are the letters the article and the proclitics begin
// with.
const procliticLetters = "اوفبلك"
