package places

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// normalize folds Arabic spelling variation the way the search analyzers
// do, so that gazetteer names and article text meet in one form: alef
// forms to ا, ى to ي, ة to ه, hamza carriers to their letter, Persian
// look-alikes to Arabic letters, Arabic-Indic digits to ASCII; marks,
// tatweel and bidi controls are removed and Latin is lower-cased. Spaces
// and punctuation are kept.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		if m, ok := foldRune(r); ok {
			if m != 0 {
				b.WriteRune(m)
			}
			continue
		}
		if r < 0x0600 || r > 0x06FF {
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// foldRune maps one non-ASCII rune: ok reports whether it is folded, and
// m == 0 means it is dropped.
func foldRune(r rune) (m rune, ok bool) {
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640,
		r >= 0x06D6 && r <= 0x06ED,
		r == 0x200C, r == 0x200D, r == 0x200E, r == 0x200F,
		r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0xFEFF:
		return 0, true
	case r >= 0x0660 && r <= 0x0669:
		return '0' + (r - 0x0660), true
	case r >= 0x06F0 && r <= 0x06F9:
		return '0' + (r - 0x06F0), true
	}
	switch r {
	case 'آ', 'أ', 'إ', 'ٱ':
		return 'ا', true
	case 'ى', 'ی', 'ې':
		return 'ي', true
	case 'ة', 'ۀ', 'ە', 'ہ', 'ھ':
		return 'ه', true
	case 'ؤ':
		return 'و', true
	case 'ئ':
		return 'ي', true
	case 'ک':
		return 'ك', true
	case '،':
		return ',', true
	case '؛':
		return ';', true
	case '؟':
		return '?', true
	}
	return r, false
}

// token is one word of normalized text. brk is set when punctuation
// separates it from the previous word, so that a multi-word name is not
// matched across a comma or a full stop.
type token struct {
	text string
	brk  bool
}

// tokenize splits normalized text into words of letters and digits.
func tokenize(s string, toks []token) []token {
	start := -1
	brk := true
	for i, r := range s {
		word := isWordRune(r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			toks = append(toks, token{text: s[start:i], brk: brk})
			start = -1
			brk = false
			fallthrough
		case !word:
			if !unicode.IsSpace(r) {
				brk = true
			}
		}
	}
	if start >= 0 {
		toks = append(toks, token{text: s[start:], brk: brk})
	}
	return toks
}

// isWordRune reports whether r belongs to a word: a letter, a digit or a
// combining mark, with fast paths for ASCII and Arabic letters.
func isWordRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case r >= 0x0621 && r <= 0x064A:
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// Proclitics a word may carry before a place name: a conjunction, then a
// preposition; ل before the article ال is written لل.
const (
	alefLam = "ال"
	lamLam  = "لل"
)

// proclitics appends to out the forms of the normalized word w with its
// proclitics removed, longest first, starting with w itself: والانبار →
// والانبار، الانبار; وللمدينه → وللمدينه، للمدينه، المدينه. A stripped
// form keeps at least two letters.
func proclitics(w string, out []string) []string {
	out = append(out, w)
	rest := w
	if r, n := utf8.DecodeRuneInString(rest); (r == 'و' || r == 'ف') && utf8.RuneCountInString(rest[n:]) >= 2 {
		rest = rest[n:]
		out = append(out, rest)
	}
	if strings.HasPrefix(rest, lamLam) && utf8.RuneCountInString(rest) >= 4 {
		return append(out, alefLam+rest[len(lamLam):])
	}
	if r, n := utf8.DecodeRuneInString(rest); (r == 'ب' || r == 'ل' || r == 'ك') && utf8.RuneCountInString(rest[n:]) >= 2 {
		out = append(out, rest[n:])
	}
	return out
}
