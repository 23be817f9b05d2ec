package variants

import "math"

// minContextSimilarity is the least cosine similarity of two spellings'
// neighbours: the spellings of a name are written between the same words
// (الرئيس الروسي بوتين / بوتن قال), two look-alike words or names rarely
// are (measured on the ANT corpus: the hand-checked variants' median is
// 0.58, nine look-alikes in ten are below 0.22 and most at 0).
const minContextSimilarity = 0.15

// Contexts counts the words written next to some words of a collection:
// the evidence that two spellings are used alike. Build it with
// NewContexts over the words Mine might group (Candidates), then Add the
// terms of each text in order.
type Contexts struct {
	of map[string]map[string]int
}

// NewContexts returns empty contexts for words.
func NewContexts(words []string) *Contexts {
	c := &Contexts{of: make(map[string]map[string]int, len(words))}
	for _, w := range words {
		c.of[w] = map[string]int{}
	}
	return c
}

// Add counts the neighbours of the words in one text's terms, in order.
func (c *Contexts) Add(terms []string) {
	for i, t := range terms {
		m, ok := c.of[t]
		if !ok {
			continue
		}
		if i > 0 {
			m["<"+terms[i-1]]++
		}
		if i+1 < len(terms) {
			m[">"+terms[i+1]]++
		}
	}
}

// Similarity is the cosine similarity of the neighbours of a and b, 0
// when either has none counted.
func (c *Contexts) Similarity(a, b string) float64 {
	if c == nil {
		return 0
	}
	ma, mb := c.of[a], c.of[b]
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
