package variants

import (
	"strings"
	"unicode/utf8"
)

// articleRuns are the proclitic runs that end in the article, longest
// first; لل is ل + ال with the alef dropped.
var articleRuns = []string{"وبال", "فبال", "وكال", "فكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "ال", "لل"}

// proclitics are the bare proclitics a name takes (وبوتين، لسوريا،
// بجنيف), longest first.
var proclitics = []string{"وب", "ول", "فب", "فل", "و", "ب", "ل", "ف"}

// pronouns are the attached pronouns, longest first. ي is left out: it
// is also the nisba ending.
var pronouns = []string{"هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ه"}

// evidence counts, for each bare word of words, its uses bare, with the
// article, with a bare proclitic and with a pronoun. A form is counted
// for the bare word it contains only when that bare word is itself one
// of words (or, for the article, has at least 2 letters left), so بيروت
// does not count for a word يروت.
func evidence(words map[string]int) map[string]*Spelling {
	ev := map[string]*Spelling{}
	get := func(w string) *Spelling {
		s := ev[w]
		if s == nil {
			s = &Spelling{Word: w}
			ev[w] = s
		}
		return s
	}
	for form, n := range words {
		if n <= 0 || !arabicWord(form) {
			continue
		}
		if rest, ok := cutArticle(form); ok {
			get(rest).Article += n
			continue
		}
		get(form).Bare += n
		for _, p := range proclitics {
			if rest, ok := strings.CutPrefix(form, p); ok && utf8.RuneCountInString(rest) >= 3 {
				if _, known := words[rest]; known {
					get(rest).Proclitic += n
					break
				}
			}
		}
		for _, p := range pronouns {
			stem, ok := strings.CutSuffix(form, p)
			if !ok || utf8.RuneCountInString(stem) < 3 || nisbaFeminine(stem, p) {
				continue
			}
			if _, known := words[stem]; known {
				get(stem).Pronoun += n
				break
			}
			// The feminine ة is written ت before a pronoun.
			if t, ok := strings.CutSuffix(stem, "ت"); ok {
				if _, known := words[t+"ه"]; known {
					get(t + "ه").Pronoun += n
					break
				}
			}
		}
	}
	for _, s := range ev {
		s.Count = s.Bare + s.Article + s.Proclitic + s.Pronoun
	}
	return ev
}

// nisbaFeminine reports whether a word that is stem with the pronoun p
// is rather the feminine of a nisba (ملاويه, مصريه: the ية of ملاوي,
// مصري), not a pronoun: ه after ي.
func nisbaFeminine(stem, p string) bool {
	return p == "ه" && strings.HasSuffix(stem, "ي")
}

// cutArticle removes a leading run of proclitics ending in the article
// when at least 3 letters remain.
func cutArticle(w string) (string, bool) {
	for _, a := range articleRuns {
		if rest, ok := strings.CutPrefix(w, a); ok && utf8.RuneCountInString(rest) >= 3 {
			return rest, true
		}
	}
	return w, false
}

// arabicWord reports whether w is made only of Arabic letters.
func arabicWord(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if r < 0x0621 || r > 0x064A {
			return false
		}
	}
	return true
}

// Skeleton is the consonant skeleton of a normalized word: the final ه or
// ا dropped, then the long vowels ا و ي and the hamza ء dropped after the
// first letter, and doubled letters written once. بوتين and بوتن give
// بتن; سوريا and سوريه give سر.
func Skeleton(w string) string {
	w = strings.TrimSuffix(w, "ه")
	var b strings.Builder
	var last rune
	for i, r := range w {
		if i > 0 && (r == 'ا' || r == 'و' || r == 'ي' || r == 'ء') {
			continue
		}
		if f, ok := soundFold[r]; ok {
			r = f
		}
		if r == last {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// soundFold writes as one letter the letters that transliterate one
// foreign sound: g as غ ج ك or ق (غواتيمالا/جواتيمالا, انجلترا/انكلترا,
// قازان/كازان), z as ز or س (ميزوري/ميسوري).
var soundFold = map[rune]rune{'ج': 'غ', 'ك': 'غ', 'ق': 'غ', 'ز': 'س'}

// Distance is the edit distance (insertions, deletions, substitutions of
// letters) between a and b.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// cliticForm reports whether w is another word of words with a
// proclitic before it or a pronoun after it (وتتجه, بداياتها), that word
// being at least as common: the form of a word, not a name. A name that
// begins like a proclitic (وليام) is kept, its remainder being rarer.
func cliticForm(w string, words map[string]int) bool {
	n := words[w]
	known := func(stem string) bool {
		return utf8.RuneCountInString(stem) >= 3 && words[stem] >= n
	}
	for _, p := range append(proclitics, "ك", "وك") {
		if rest, ok := strings.CutPrefix(w, p); ok && known(rest) {
			return true
		}
	}
	// The future (سيستمر), as the present is.
	if rest, ok := strings.CutPrefix(w, "س"); ok && verbForm(rest, words) {
		return true
	}
	// The accusative (كثيرا, حدثا), a verb's plural (شاهدوا) and its
	// past feminine (احتاجت).
	for _, end := range []string{"ا", "وا", "ت"} {
		if stem, ok := strings.CutSuffix(w, end); ok && known(stem) {
			return true
		}
	}
	if strings.HasSuffix(w, "وا") {
		return true
	}
	// The dual of a feminine (مقاتلتين, مقاتلتان: مقاتله). The dual of
	// other words is not told from a name ending in ان (كيليان: كيلي).
	for _, end := range []string{"تان", "تين"} {
		if stem, ok := strings.CutSuffix(w, end); ok && known(stem+"ه") {
			return true
		}
	}
	for _, p := range pronouns {
		if stem, ok := strings.CutSuffix(w, p); ok {
			if known(stem) {
				return true
			}
			if t, ok := strings.CutSuffix(stem, "ت"); ok && known(t+"ه") {
				return true
			}
		}
	}
	return false
}

// verbForm reports whether w is a verb of the present tense: it begins
// with one of the prefixes ي ت ن ا, and the same word with another of
// them is in words too (يحاول and تحاول; a name, ترامب, has no يرامب).
func verbForm(w string, words map[string]int) bool {
	r, size := utf8.DecodeRuneInString(w)
	if !strings.ContainsRune(presentPrefixes, r) || utf8.RuneCountInString(w) < 4 {
		return false
	}
	for _, p := range presentPrefixes {
		if p != r && words[string(p)+w[size:]] >= 2 {
			return true
		}
	}
	return false
}

// presentPrefixes begin the verbs of the present tense.
const presentPrefixes = "يتنا"
