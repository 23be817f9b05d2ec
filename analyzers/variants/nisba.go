package variants

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// nisbaEndings are the endings of the adjective of a name (the nisba):
// امريكي، امريكيه، امريكيا، امريكيين، امريكيون، امريكيان، امريكيات.
var nisbaEndings = []string{"ي", "يه", "يا", "يين", "يون", "يان", "يات"}

// nisbaGroups returns the groups of the adjectives of the names in
// groups: an adjective is spelled as its name is (امريكا/اميركا give
// امريكي/اميركي, امريكيه/اميركيه …), so the adjectives of two spellings
// of one name are two spellings of one adjective, although the
// adjectives, used with the article, are not name-like. An adjective
// is kept when it is used at least minCount times, is not a spelling of
// another group already and, when contexts are counted, is used between
// the same words as the most common adjective of its group (as the
// spellings of a name are; see Candidates).
func nisbaGroups(groups []Group, ev map[string]*Spelling, minCount int, ctx *Contexts) []Group {
	taken := map[string]bool{}
	for _, g := range groups {
		for _, s := range g.Spellings {
			taken[s.Word] = true
		}
	}
	var out []Group
	for _, g := range groups {
		for _, end := range nisbaEndings {
			var ss []Spelling
			stems := map[string]bool{}
			for _, s := range g.Spellings {
				stem, ok := nisbaStem(s.Word)
				if !ok || stems[stem] {
					continue // two spellings differing by their ending (سوريا/سوريه) share one adjective
				}
				stems[stem] = true
				e := ev[stem+end]
				if e == nil || e.Count < minCount || taken[e.Word] {
					continue
				}
				ss = append(ss, *e)
			}
			if len(ss) < 2 {
				continue
			}
			sort.SliceStable(ss, func(i, j int) bool { return ss[i].Count > ss[j].Count })
			if ctx != nil {
				kept := ss[:1]
				for _, s := range ss[1:] {
					if sim := ctx.Similarity(ss[0].Word, s.Word); sim >= minContextSimilarity {
						s.Context = math.Round(sim*1000) / 1000
						kept = append(kept, s)
					}
				}
				ss = kept
				ss[0].Context = 1
			}
			if len(ss) < 2 {
				continue
			}
			for _, s := range ss {
				taken[s.Word] = true
			}
			out = append(out, Group{Skeleton: Skeleton(ss[0].Word), Spellings: ss})
		}
	}
	return out
}

// nisbaStem is the part of a name its adjective is built on: the name
// without its final ا or ه (امريكا: امريك). A name ending in ي
// (ملاوي) is its own adjective.
func nisbaStem(w string) (string, bool) {
	if strings.HasSuffix(w, "ي") {
		return "", false
	}
	stem, _ := cutEnding(w)
	return stem, utf8.RuneCountInString(stem) >= 3
}
