package dates

import (
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tkWord tokKind = iota + 1
	tkNum
	tkPunct
)

// token is one word, number or punctuation mark of the input. Text is
// normalized; start and end are byte offsets in the original input.
type token struct {
	kind       tokKind
	text       string // normalized word or the punctuation mark (empty for numbers)
	val        int    // value of a number (capped, see maxNumber)
	digits     int    // number of digits of a number
	start, end int
	space      bool // whitespace (or the start of the input) precedes the token
}

// maxNumber caps number values so that long digit runs cannot overflow.
const maxNumber = 1_000_000_000

// normRune maps one input rune for matching. It returns drop for runes that
// are invisible to matching (diacritics, tatweel, bidi controls), and the
// folded form otherwise: alef variants to bare alef, alef maksura to ya, ta
// marbuta to ha, Persian letters to Arabic ones, Arabic-Indic and Persian
// digits to ASCII, Latin letters to lower case and dashes to '-'.
func normRune(r rune) (out rune, drop bool) {
	switch {
	case r >= '0' && r <= '9':
		return r, false
	case r >= 'A' && r <= 'Z':
		return r + ('a' - 'A'), false
	case r < 0x80:
		return r, false
	case r >= 0x0660 && r <= 0x0669:
		return '0' + r - 0x0660, false
	case r >= 0x06F0 && r <= 0x06F9:
		return '0' + r - 0x06F0, false
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640, r >= 0x06D6 && r <= 0x06ED:
		return 0, true // harakat, superscript alef, tatweel, Quranic marks
	case r == 0x200B, r == 0x200C, r == 0x200D, r == 0x200E, r == 0x200F,
		r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x061C, r == 0xFEFF:
		return 0, true // zero-width and bidi controls
	}
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا', false
	case 'ى', 'ی':
		return 'ي', false
	case 'ة':
		return 'ه', false
	case 'ک':
		return 'ك', false
	case '،', '٬':
		return ',', false
	case '؛':
		return ';', false
	case '٫':
		return '.', false
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return '-', false
	}
	if r >= 0x0600 && r <= 0x06FF {
		return r, false // the Arabic block has no case
	}
	return unicode.ToLower(r), false
}

// isLetter is unicode.IsLetter with fast paths for ASCII and Arabic.
func isLetter(r rune) bool {
	switch {
	case r < 0x80:
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	case r >= 0x0621 && r <= 0x064A, r >= 0x0671 && r <= 0x06D3:
		return true
	}
	return unicode.IsLetter(r)
}

// tokenize splits s into tokens. buf is scratch space for the normalized
// text of words; all words share one string built at the end.
func tokenize(s string, toks []token) []token {
	buf := make([]byte, 0, len(s))
	type span struct{ a, b int }
	spans := make([]span, 0, 16) // normalized text of each word token, in buf
	space := true
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		n, drop := normRune(r)
		switch {
		case drop:
			i += size
			continue
		case n == ' ' || n == '\n' || n == '\t' || n == '\r' || n >= 0x80 && unicode.IsSpace(n) || r == utf8.RuneError && size == 1:
			space = true
			i += size
			continue
		}
		start := i
		switch {
		case n >= '0' && n <= '9':
			val, digits := 0, 0
			j := i
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				n2, drop2 := normRune(r2)
				if drop2 {
					j += sz
					continue
				}
				if n2 < '0' || n2 > '9' {
					break
				}
				if val < maxNumber {
					val = val*10 + int(n2-'0')
				}
				digits++
				j += sz
				i = j
			}
			toks = append(toks, token{kind: tkNum, val: val, digits: digits, start: start, end: i, space: space})
		case isLetter(n):
			a := len(buf)
			j := i
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				n2, drop2 := normRune(r2)
				if drop2 {
					j += sz
					if isMark(r2) {
						i = j // diacritics and tatweel belong to the word
					}
					continue
				}
				if !isLetter(n2) {
					break
				}
				buf = utf8.AppendRune(buf, n2)
				j += sz
				i = j
			}
			spans = append(spans, span{a, len(buf)})
			toks = append(toks, token{kind: tkWord, start: start, end: i, space: space})
		default:
			i += size
			toks = append(toks, token{kind: tkPunct, text: string(n), start: start, end: i, space: space})
		}
		space = false
	}
	if len(spans) > 0 {
		norm := string(buf)
		k := 0
		for t := range toks {
			if toks[t].kind == tkWord {
				toks[t].text = norm[spans[k].a:spans[k].b]
				k++
			}
		}
	}
	return toks
}

// isMark reports whether r is a diacritic or tatweel, which belong to the
// letter before them (unlike bidi and zero-width controls).
func isMark(r rune) bool {
	return r >= 0x064B && r <= 0x065F || r == 0x0670 || r == 0x0640 || r >= 0x06D6 && r <= 0x06ED
}
