package variants

import (
	"strings"
	"unicode/utf8"
)

// longVowel reports whether r is written for a vowel or a hamza, the
// letters transliterations add or drop (ا و ي ء).
func longVowel(r rune) bool { return r == 'ا' || r == 'و' || r == 'ي' || r == 'ء' }

// transliterationEdit reports whether two words with one skeleton differ
// only as spellings of one name do, and not as two forms of an Arabic
// word:
//
//   - long vowels written or dropped inside the word (بوتين/بوتن,
//     ترامب/ترمب) or written at another place (امريكا/اميركا), but not
//     one vowel for another at the same place (بوتين/بيتين are two names);
//   - the ending ا for ه (سوريا/سوريه), but not ا or ه added to the word
//     (بوتين/بوتينا, عنصر/عنصرا: the accusative, a pronoun, a dual);
//   - a vowel added last before that ending (تدريجا/تدريجيا, the nisba)
//     is a derived word, not a spelling;
//   - a transliterated final s (غريفيث/غريفيثس), a doubled letter
//     (written once) and the foreign ch written تش or ش (تشارلوت/شارلوت,
//     ماساتشوستس/ماساشوستس; see foldCh) are spellings.
func transliterationEdit(a, b string) bool {
	if pluralFor(a, b) || pluralFor(b, a) {
		return false // يتفقان/يتفقون, مشغولون/مشغولين
	}
	if fa, fb := foldCh(a), foldCh(b); (fa != a || fb != b) && spellingEdit(fa, fb) {
		return true // the ch written تش and ش (see foldCh)
	}
	return spellingEdit(a, b)
}

// spellingEdit is transliterationEdit but for the plural endings and the
// foreign ch.
func spellingEdit(a, b string) bool {
	if strings.HasSuffix(a, "س") != strings.HasSuffix(b, "س") {
		a, b = strings.TrimSuffix(a, "س"), strings.TrimSuffix(b, "س")
	}
	ca, ea := cutEnding(a)
	cb, eb := cutEnding(b)
	if ea != eb && (ea == "" || eb == "" || string(folded(ca)) != string(folded(cb))) {
		return false // ا or ه added, or swapped in a word spelled otherwise too
	}
	if string(folded(ca)) == string(folded(cb)) {
		// Only the ending: ا for ه, in the names of countries and regions
		// (سوريا/سوريه, تركيا/تركيه); elsewhere it is an accusative and a
		// feminine (كثيرا/كثيره).
		// Equal endings: the words differ only in letters of one sound.
		return ea == eb || strings.HasSuffix(ca, "ي")
	}
	ra, rb := folded(ca), folded(cb)
	if len(ra) == 0 || len(rb) == 0 || ra[0] != rb[0] || ra[len(ra)-1] != rb[len(rb)-1] {
		return false // a vowel added first or last
	}
	if doubledFirst(ra) != doubledFirst(rb) {
		return false // تتراجع/تراجع: a verb's prefix
	}
	va, vb := medialVowels(ra), medialVowels(rb)
	if len(va) > len(vb) {
		va, vb = vb, va
	}
	if subsequence(va, vb) || sameLetters(va, vb) {
		return true
	}
	// One vowel for another at the same place is a spelling when one of
	// them is ا (وارنر/وورنر, بيار/بيير), or in a long word; و for ي in a
	// short one is another name (بوتين/بيتين).
	if len(va) != len(vb) || !samePlaces(va, vb) {
		return false
	}
	return min(len(ra), len(rb)) >= minSubstitutionLetters || alefFor(va, vb)
}

// alefFor reports whether the vowels of a and b differ only where one of
// them is ا.
func alefFor(a, b []rune) bool {
	for i := 1; i < len(a); i += 2 {
		if a[i] != b[i] && a[i] != 'ا' && b[i] != 'ا' {
			return false
		}
	}
	return true
}

// minSubstitutionLetters is the shortest word (without its ending) in
// which one vowel may stand for another.
const minSubstitutionLetters = 6

// doubledFirst reports whether a word begins with تت, the prefix of a
// verb's present (تتراجع).
func doubledFirst(w []rune) bool { return len(w) > 1 && w[0] == 'ت' && w[1] == 'ت' }

// folded is w with the letters of one foreign sound written as one (see
// soundFold).
func folded(w string) []rune {
	rs := []rune(w)
	for i, r := range rs {
		if f, ok := soundFold[r]; ok {
			rs[i] = f
		}
	}
	return rs
}

// samePlaces reports whether two vowel lists have their vowels at the
// same places.
func samePlaces(a, b []rune) bool {
	for i := 0; i < len(a); i += 2 {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// cutEnding splits a final ا or ه off a word of more than 3 letters.
func cutEnding(w string) (string, string) {
	if utf8.RuneCountInString(w) <= 3 {
		return w, ""
	}
	for _, e := range []string{"ا", "ه"} {
		if core, ok := strings.CutSuffix(w, e); ok {
			return core, e
		}
	}
	return w, ""
}

// medialVowels are the long vowels and hamzas of a word after its first
// letter, in order, with their places among its consonants: a vowel
// written between the same two consonants in two words is at the same
// place.
func medialVowels(w []rune) []rune {
	var out []rune
	consonants := rune('0')
	for i, r := range w {
		if i == 0 {
			continue
		}
		if longVowel(r) {
			out = append(out, consonants, r)
			continue
		}
		consonants++
	}
	return out
}

// subsequence reports whether the (place, vowel) pairs of short all occur
// in long in order: long only adds vowels.
func subsequence(short, long []rune) bool {
	j := 0
	for i := 0; i+1 < len(short); i += 2 {
		for j+1 < len(long) && (long[j] != short[i] || long[j+1] != short[i+1]) {
			j += 2
		}
		if j+1 >= len(long) {
			return false
		}
		j += 2
	}
	return true
}

// sameLetters reports whether two vowel lists have the same vowels, at
// other places (a vowel moved: امريكا/اميركا). An ا moved is another
// pattern of an Arabic root (جامعه/جماعه, كاتب/كتاب), not a spelling.
func sameLetters(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 1; i < len(a); i += 2 {
		if a[i] == 'ا' || b[i] == 'ا' {
			return false
		}
	}
	count := map[rune]int{}
	for i := 1; i < len(a); i += 2 {
		count[a[i]]++
		count[b[i]]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}

// pluralFor reports whether a is b with the plural ending ون for ين, ان
// or ن (a plural for a dual, another case or the feminine), or يين for
// ين; names ending in ون (جونسون/جونسن) are not. The feminine ن is
// the ending of a verb's present (يتمتعون/يتمتعن), so ون for ن is a
// plural only in a word that begins as the present does: a name
// transliterated with ون or ن (هيوستون/هيوستن) keeps it.
func pluralFor(a, b string) bool {
	if stem, ok := strings.CutSuffix(a, "يين"); ok && b == stem+"ين" {
		return true // متساويين/متساوين: a nisba's plural
	}
	stem, ok := strings.CutSuffix(a, "ون")
	if !ok {
		return false
	}
	if b == stem+"ن" {
		r, _ := utf8.DecodeRuneInString(stem)
		return strings.ContainsRune(presentPrefixes, r)
	}
	return b == stem+"ين" || b == stem+"ان" || b == stem+"يين" || stem == strings.TrimSuffix(b, "يين")
}
