package variants

import (
	"strings"
	"unicode/utf8"
)

// The foreign ch is written تش, or ش as Arabic has no such sound:
// تشارلوت/شارلوت, ماساتشوستس/ماساشوستس, نوفيتشوك/نوفيشوك. But the ت
// before a ش is also the ت of Arabic verb forms, written after the
// prefixes of a verb or a participle (تتشاور, متشابه, وتشريد) or after
// the first letter of a root (اكتشف, يكتشفون), and the words without it
// are other words (مشابه, يكشفون); foldCh leaves those.

// foldCh writes as ش the ch of w written تش, where that ت is not the ت
// of an Arabic verb form.
func foldCh(w string) string {
	if !strings.Contains(w, "تش") {
		return w
	}
	rs := []rune(w)
	out := make([]rune, 0, len(rs))
	for i, r := range rs {
		if r == 'ت' && i+1 < len(rs) && rs[i+1] == 'ش' && !verbT(rs[:i]) {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// verbT reports whether a ت after before (the letters of a word before
// it) is the ت of an Arabic verb form: after a prefix of a verb or a
// participle (مت، يت، وت، فست), or after such a prefix and the first
// consonant of a root (اكت، يكت، ومكت).
func verbT(before []rune) bool {
	if verbPrefix(before) {
		return true
	}
	n := len(before)
	return n >= 2 && !longVowel(before[n-1]) && verbPrefix(before[:n-1])
}

// verbPrefix reports whether p, not empty, is a run of the prefixes of a
// verb or a participle: a conjunction (و ف), then a preposition or the
// future (ل ب س), then the letter of the present or the participle
// (ي ت ن ا م).
func verbPrefix(p []rune) bool {
	if len(p) == 0 || len(p) > 3 {
		return false
	}
	i := 0
	for _, set := range []string{"وف", "لبس", "يتنام"} {
		if i < len(p) && strings.ContainsRune(set, p[i]) {
			i++
		}
	}
	return i == len(p)
}

// chSkeleton is the skeleton of w with its ch written ش (see foldCh),
// and whether it differs from w's skeleton.
func chSkeleton(w string) (string, bool) {
	f := foldCh(w)
	if f == w || utf8.RuneCountInString(f) < 3 {
		return "", false
	}
	return Skeleton(f), true
}
