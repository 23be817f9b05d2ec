// Package variants finds the spellings of one name among the words of a
// collection: بوتن and بوتين, ترامب and ترمب, ميركل and ميركيل, سوريا and
// سورية. It works on the normalized, unstemmed words of a collection and
// their counts, and keeps the evidence of every group it forms.
//
// Two words are candidates when they have the same consonant skeleton:
// the word without its long vowels (ا و ي after the first letter) and
// hamzas, with doubled letters written once and the final ه or ا dropped
// (a name transliterated with a final s, غريفيث/غريفيثس, is a candidate
// too, and so is one with the foreign ch written تش or ش, تشارلوت/شارلوت).
// A candidate pair is kept as one name when
//
//   - both spellings are frequent enough (Options.MinCount),
//   - they are at most one or two letters apart (edit distance, two only
//     for words of seven letters or more),
//   - both are used like names, not like the Arabic words a shared
//     skeleton also gathers (كتاب، كاتب، كتب): a name rarely carries an
//     attached pronoun (كتابه) and rarely the article, or always
//     (الدنمارك/الدانمارك; the evidence
//     counts the forms of each spelling with ال, with a bare proclitic
//     و ب ل ف, and with a pronoun), and
//   - the two spellings are used alike: the shares of their forms with
//     the article and with a proclitic are close, so that ليبيا (a name:
//     بليبيا، لليبيا) is not grouped with ليبية (an adjective: الليبية).
//
// A name in يا that some outlets write in يه (سوريا/سوريه) is a case of
// its own: the يه spelling is also the feminine of the name's adjective
// (السوريه), so it is not name-like by its counts; it joins the name
// when its uses without the article are written between the same words
// as the name (see endingTwins).
//
// The adjectives (nisba) of the spellings of a name are spellings of one
// adjective (امريكا/اميركا: امريكي/اميركي, امريكية/اميركية), although,
// used with the article, they are not name-like; they are grouped when
// they are used between the same words too.
//
// The words of a group are ordered by count; Table.Variants gives, for a
// word, the other spellings of its group with a weight below 1 that
// grows with how common each spelling is, so that an expanded query
// ranks the spelling the user typed first.
package variants

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Options tune the mining.
type Options struct {
	// MinCount is the fewest occurrences (bare and with clitics) a
	// spelling needs; 0 means DefaultMinCount.
	MinCount int
	// MinLetters is the fewest letters a spelling needs; 0 means
	// DefaultMinLetters.
	MinLetters int
	// Contexts, when set, are the neighbours of the candidate words:
	// two spellings are grouped only when their neighbours are alike
	// (see Candidates).
	Contexts *Contexts
}

// Defaults of Options.
const (
	DefaultMinCount   = 5
	DefaultMinLetters = 4
)

// Limits of the name-like evidence (see the package documentation).
const (
	// maxPronounShare is the largest share of a spelling's forms that may
	// carry an attached pronoun.
	maxPronounShare = 0.04
	// maxArticleShare is the largest share of a spelling's forms that may
	// carry the article.
	maxArticleShare = 0.5
	// maxProfileGap is the largest difference between two spellings'
	// shares of forms with the article, and with a bare proclitic, when
	// they are common; rarer spellings may differ by 1/√count more, the
	// shares of a few uses being noisy.
	maxProfileGap = 0.25
)

// Spelling is one spelling of a group with its evidence: how often it is
// used bare, with the article (الـ, والـ, بالـ, للـ …), with a bare
// proclitic (و ب ل ف) and with an attached pronoun.
type Spelling struct {
	Word      string `json:"word"`
	Count     int    `json:"count"`
	Bare      int    `json:"bare"`
	Article   int    `json:"article"`
	Proclitic int    `json:"proclitic"`
	Pronoun   int    `json:"pronoun"`
	// EndingTwin marks the spelling in يه of a name in يا (سوريه of
	// سوريا): its forms with the article are the name's adjective
	// (السوريه), not the name, and are neither counted in its weight
	// nor expanded.
	EndingTwin bool `json:"ending_twin,omitempty"`
	// Context is the similarity of the spelling's neighbours to those of
	// the group's most common spelling (1 for that one), when contexts
	// were counted.
	Context float64 `json:"context_similarity,omitempty"`
}

// Group is the spellings of one name, most frequent first, under their
// consonant skeleton.
type Group struct {
	Skeleton  string     `json:"skeleton"`
	Spellings []Spelling `json:"spellings"`
}

// Variant is another spelling of a word with the weight an expanded query
// gives it (0 < Weight < 1; the typed word has weight 1).
type Variant struct {
	Word   string  `json:"word"`
	Weight float64 `json:"weight"`
}

// Table is the mined groups. It is read-only once built and safe for
// concurrent use.
type Table struct {
	groups []Group
	byWord map[string]int // word → index in groups
	// twins are the ending twins, whose forms with the article are
	// another word.
	twins map[string]bool
}

// Len is the number of groups.
func (t *Table) Len() int {
	if t == nil {
		return 0
	}
	return len(t.groups)
}

// Groups returns the groups, largest count first.
func (t *Table) Groups() []Group {
	if t == nil {
		return nil
	}
	return t.groups
}

// Group returns the group of word, a normalized word that may begin
// with proclitics or the article (وبوتن, البوتن), if it has one.
func (t *Table) Group(word string) (Group, bool) {
	_, _, i, ok := t.lookup(word)
	if !ok {
		return Group{}, false
	}
	return t.groups[i], true
}

// lookup finds the group of word, or of word without its proclitics or
// article: prefix is what was cut, bare the spelling of the group.
func (t *Table) lookup(word string) (prefix, bare string, group int, ok bool) {
	if t == nil {
		return "", "", 0, false
	}
	if i, ok := t.byWord[word]; ok {
		return "", word, i, true
	}
	if rest, cut := cutArticle(word); cut && !t.twins[rest] {
		if i, ok := t.byWord[rest]; ok {
			return word[:len(word)-len(rest)], rest, i, true
		}
	}
	for _, p := range proclitics {
		if rest, cut := strings.CutPrefix(word, p); cut && utf8.RuneCountInString(rest) >= 3 {
			if i, ok := t.byWord[rest]; ok {
				return p, rest, i, true
			}
		}
	}
	return "", "", 0, false
}

// Same reports whether a and b are spellings of one group, with the
// same proclitics or article (وبوتن and وبوتين are; وبوتن and بوتين
// are not).
func (t *Table) Same(a, b string) bool {
	pa, ba, ga, ok := t.lookup(a)
	if !ok {
		return false
	}
	for _, v := range t.variantsOf(ba, ga) {
		if pa+v.Word == b {
			return true
		}
	}
	return false
}

// Variants returns the other spellings of word's group with their
// weights, most frequent first, with word's proclitics or article
// (وبوتن: وبوتين).
func (t *Table) Variants(word string) []Variant {
	prefix, bare, g, ok := t.lookup(word)
	if !ok {
		return nil
	}
	out := t.variantsOf(bare, g)
	for i := range out {
		out[i].Word = prefix + out[i].Word
	}
	return out
}

func (t *Table) variantsOf(bare string, group int) []Variant {
	g := t.groups[group]
	total := 0
	for _, s := range g.Spellings {
		total += s.Count
		if s.EndingTwin {
			total -= s.Article
		}
	}
	var out []Variant
	for _, s := range g.Spellings {
		if s.Word == bare {
			continue
		}
		count := s.Count
		if s.EndingTwin {
			count -= s.Article
		}
		out = append(out, Variant{Word: s.Word, Weight: weight(count, total)})
	}
	return out
}

// weight is a variant's weight: between 0.3 and 0.6, higher for the
// spellings most of the collection uses.
func weight(count, total int) float64 {
	if total <= 0 {
		return 0.3
	}
	return 0.3 + 0.3*float64(count)/float64(total)
}

// Mine groups the spellings of names among words, a map from normalized
// unstemmed words (as the exact analyzer writes them, clitics included)
// to their counts.
func Mine(words map[string]int, opt Options) *Table {
	t := &Table{byWord: map[string]int{}, twins: map[string]bool{}}
	for _, g := range mine(words, opt) {
		t.groups = append(t.groups, g)
	}
	sort.SliceStable(t.groups, func(i, j int) bool {
		return t.groups[i].Spellings[0].Count > t.groups[j].Spellings[0].Count
	})
	for i, g := range t.groups {
		for _, s := range g.Spellings {
			t.byWord[s.Word] = i
			if s.EndingTwin {
				t.twins[s.Word] = true
			}
		}
	}
	return t
}

// Candidates are the words Mine would group without the evidence of
// their contexts: those to count the contexts of.
func Candidates(words map[string]int, opt Options) []string {
	opt.Contexts = nil
	var out []string
	for _, g := range mine(words, opt) {
		for _, s := range g.Spellings {
			out = append(out, s.Word)
		}
	}
	sort.Strings(out)
	return out
}

// mine forms the groups, in skeleton order.
func mine(words map[string]int, opt Options) []Group {
	if opt.MinCount <= 0 {
		opt.MinCount = DefaultMinCount
	}
	if opt.MinLetters <= 0 {
		opt.MinLetters = DefaultMinLetters
	}
	ev := evidence(words)
	// Name-like spellings, by skeleton.
	bySkeleton := map[string][]Spelling{}
	for _, s := range ev {
		if s.Count < opt.MinCount || utf8.RuneCountInString(s.Word) < opt.MinLetters || !nameLike(*s) || cliticForm(s.Word, words) || verbForm(s.Word, words) {
			continue
		}
		k := Skeleton(s.Word)
		if utf8.RuneCountInString(k) < 2 {
			continue
		}
		bySkeleton[k] = append(bySkeleton[k], *s)
	}
	// A ch written تش (تشارلوت) joins the skeleton of ch written ش
	// (شارلوت), when there is one.
	for k, ss := range bySkeleton {
		for _, s := range ss {
			if f, ok := chSkeleton(s.Word); ok && f != k {
				if _, has := bySkeleton[f]; has {
					bySkeleton[f] = append(bySkeleton[f], ss...)
					delete(bySkeleton, k)
					break
				}
			}
		}
	}
	// A name ending in يا spelled يه by some outlets (سوريا/سوريه) joins
	// the name's skeleton, its usual evidence set aside (see endingTwins).
	twins := endingTwins(bySkeleton, ev, opt)
	for twin, name := range twins {
		k := Skeleton(name)
		s := *ev[twin]
		s.EndingTwin = true
		bySkeleton[k] = append(bySkeleton[k], s)
	}
	// A transliterated final s (غريفيثس) joins the skeleton without it.
	for k, ss := range bySkeleton {
		short, ok := strings.CutSuffix(k, "س")
		if !ok || utf8.RuneCountInString(short) < 4 {
			continue
		}
		if _, has := bySkeleton[short]; has {
			bySkeleton[short] = append(bySkeleton[short], ss...)
			delete(bySkeleton, k)
		}
	}
	var out []Group
	keys := make([]string, 0, len(bySkeleton))
	for k := range bySkeleton {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		ss := bySkeleton[k]
		if len(ss) < 2 {
			continue
		}
		sort.Slice(ss, func(i, j int) bool {
			if ss[i].Count != ss[j].Count {
				return ss[i].Count > ss[j].Count
			}
			return ss[i].Word < ss[j].Word
		})
		for _, g := range groupSpellings(ss, opt.Contexts, twins) {
			if len(g) < 2 {
				continue
			}
			if opt.Contexts != nil {
				for i := range g {
					g[i].Context = math.Round(opt.Contexts.Similarity(g[0].Word, g[i].Word)*1000) / 1000
				}
			}
			out = append(out, Group{Skeleton: k, Spellings: g})
		}
	}
	return append(out, nisbaGroups(out, ev, opt.MinCount, opt.Contexts)...)
}

// groupSpellings groups spellings of one skeleton, most common first;
// twins are the ending twins (see endingTwins), each joined to its name.
// Greedy: each spelling joins the first group it pairs with a spelling
// of, the most common groups first. A spelling left alone, as it pairs
// only with spellings that came after it and joined another group
// (تيلغرام pairs with تيليغرام, which joined تليغرام's group first),
// then joins the first group it pairs with.
func groupSpellings(ss []Spelling, ctx *Contexts, twins map[string]string) [][]Spelling {
	pairsWith := func(g []Spelling, s Spelling) bool {
		return slices.ContainsFunc(g, func(o Spelling) bool {
			// An ending twin pairs with its name only.
			if name, ok := twins[s.Word]; ok {
				return o.Word == name
			}
			if name, ok := twins[o.Word]; ok {
				return s.Word == name
			}
			return o.Word != s.Word && pair(o, s, ctx)
		})
	}
	var groups [][]Spelling
	for _, s := range ss {
		joined := false
		for gi, g := range groups {
			if pairsWith(g, s) {
				groups[gi] = append(g, s)
				joined = true
				break
			}
		}
		if !joined {
			groups = append(groups, []Spelling{s})
		}
	}
	for i, g := range groups {
		if len(g) != 1 {
			continue
		}
		for j, h := range groups {
			if j != i && len(h) > 1 && pairsWith(h, g[0]) {
				groups[j] = append(h, g[0])
				groups[i] = nil
				break
			}
		}
	}
	return groups
}

// minTwinContextSimilarity is the least similarity between the
// neighbours of a name in يا and those of its spelling in يه, the
// latter's forms with the article left out: twice the usual, since the
// يه spelling's bare uses count those of the adjective too (قوات سوريه).
// On the ANT corpus, سوريا/سوريه are at 0.36; the names whose يه
// spelling is only the adjective (تركيا، روسيا، ليبيا، بريطانيا، المانيا
// and eleven others) at 0.22 or less, most below 0.1.
const minTwinContextSimilarity = 0.3

// minTwinProcliticShare is the least share of a word in يا's forms with a
// proclitic for it to be taken as a name (بسوريا، لتركيا، وليبيا: 0.18
// to 0.24 of their forms on the ANT corpus); the adverbs in يا, whose
// يه forms are adjectives (رسميا/رسميه، عالميا/عالميه), are below 0.05.
const minTwinProcliticShare = 0.1

// endingTwins finds the spellings in يه of the name-like words in يا
// (سوريا: سوريه), which some outlets use for the name, and returns them
// with the name they spell. Such a spelling is also the feminine of the
// name's adjective (السوريه, قوات سوريه), so that its forms with the
// article are the adjective's and it is not name-like by itself: it is
// kept when it is frequent enough and its uses without the article are
// between the same words as the name's (without contexts, as a
// candidate). The map goes from the spelling in يه to the name.
func endingTwins(bySkeleton map[string][]Spelling, ev map[string]*Spelling, opt Options) map[string]string {
	twins := map[string]string{}
	for _, ss := range bySkeleton {
		for _, s := range ss {
			stem, ok := strings.CutSuffix(s.Word, "يا")
			if !ok || utf8.RuneCountInString(stem) < 2 || share(s.Proclitic, s) < minTwinProcliticShare {
				continue // not a name: an adverb in يا (رسميا) takes no preposition
			}
			twin := stem + "يه"
			t := ev[twin]
			if t == nil || t.Count < opt.MinCount || nameLike(*t) {
				continue // rare, or a spelling grouped by the usual evidence
			}
			if opt.Contexts != nil && opt.Contexts.similarityWithoutArticle(s.Word, twin) < minTwinContextSimilarity {
				continue
			}
			twins[twin] = s.Word
		}
	}
	return twins
}

// pair reports whether two name-like spellings with the same skeleton
// are close enough, and used alike enough, to be one name.
func pair(a, b Spelling, ctx *Contexts) bool {
	la, lb := utf8.RuneCountInString(a.Word), utf8.RuneCountInString(b.Word)
	maxEdits := 2
	if min(la, lb) >= 7 {
		maxEdits = 3
	}
	if Distance(a.Word, b.Word) > maxEdits {
		return false
	}
	if differsByNisba(a.Word, b.Word) || !transliterationEdit(a.Word, b.Word) {
		return false
	}
	gap := maxProfileGap + 1/math.Sqrt(float64(max(1, min(a.Count, b.Count))))
	return abs(share(a.Article, a)-share(b.Article, b)) <= gap &&
		abs(share(a.Proclitic, a)-share(b.Proclitic, b)) <= gap &&
		(ctx == nil || ctx.Similarity(a.Word, b.Word) >= minContextSimilarity)
}

// differsByNisba reports whether one word is the other with the nisba
// ending ي or يه added or swapped for ا (مصر/مصري, سوري/سوريه): an
// adjective, not another spelling.
func differsByNisba(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	for _, end := range []string{"ي", "يه"} {
		if b == a+end {
			return true
		}
	}
	return strings.HasSuffix(a, "ي") && b == a+"ه"
}

// nameLike reports whether a spelling is used as a name is: rarely with
// an attached pronoun, and rarely with the article, or always (a name
// written with it, الدنمارك, الكويت; a word with the article is used
// without it too).
func nameLike(s Spelling) bool {
	return share(s.Pronoun, s) <= maxPronounShare && (share(s.Article, s) <= maxArticleShare || s.Article == s.Count)
}

func share(n int, s Spelling) float64 {
	if s.Count == 0 {
		return 0
	}
	return float64(n) / float64(s.Count)
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
