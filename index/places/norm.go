package places

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fahras/fahras/analyzers"
)

// exact is the search analyzers' unstemmed mode: gazetteer names and
// article text are split and normalized by it, so that they meet in the
// same form the index uses (أ إ آ → ا، ة → ه، ى → ي, marks removed …).
var exact = analyzers.New(analyzers.Exact, nil)

// normalize folds Arabic spelling variation as the search analyzers do.
func normalize(s string) string { return analyzers.Normalize(s) }

// token is one normalized word. brk is set when punctuation separates it
// from the previous word, so that a multi-word name is not matched across
// a comma or a full stop.
type token struct {
	text string
	brk  bool
	// maksura is set when the word as written ends with alef maksura (ى).
	maksura bool
}

// tokenize appends the normalized words of text to toks.
func tokenize(text string, toks []token) []token {
	prevEnd := 0
	for i, t := range exact.Tokens(text) {
		toks = append(toks, token{text: t.Term, brk: i == 0 || hasPunct(text[prevEnd:t.Start]),
			maksura: strings.HasSuffix(text[t.Start:t.End], "ى")})
		prevEnd = t.End
	}
	return toks
}

// hasPunct reports whether the text between two words holds anything but
// spaces (and invisible marks).
func hasPunct(gap string) bool {
	for _, r := range gap {
		if !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) && !unicode.Is(unicode.Mn, r) && r != 'ـ' {
			return true
		}
	}
	return false
}

// The definite article; a stripped form that lost it is not tried, as
// place names are written with it or without it, not both.
const alefLam = "ال"

// proclitics appends to out the forms of the normalized word w with its
// proclitics removed, longest first, starting with w itself: والانبار →
// والانبار، الانبار; وللمدينه → وللمدينه، للمدينه، المدينه.
func proclitics(w string, out []string) []string {
	r, _ := utf8.DecodeRuneInString(w)
	switch r {
	case 'و', 'ف', 'ب', 'ك', 'ل':
	default:
		return append(out, w)
	}
	forms := analyzers.StripProclitics(w)
	for i, f := range forms {
		if i > 0 && !strings.HasPrefix(f, alefLam) && contains(forms[:i], alefLam+f) {
			continue // the bare form after removing the article
		}
		out = append(out, f)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
