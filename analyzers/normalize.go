package analyzers

import (
	"unicode"
	"unicode/utf8"
)

// class says what the tokenizer and the normalizer do with one rune.
type class uint8

const (
	cSep          class = iota // ends a word; kept by Normalize
	cArabic                    // Arabic-script letter (folded through the table)
	cLetter                    // any other letter: part of a Latin-script word
	cDigit                     // digit of any of the three Arabic/ASCII sets, folded to ASCII
	cMark                      // Arabic mark or tatweel: removed, but part of the surrounding word
	cFormat                    // invisible control: removed, does not split a word
	cCombining                 // non-Arabic combining mark: kept inside Latin-script words
	cPeriod                    // '.': a decimal point between digits, else punctuation
	cDecimal                   // U+066B ARABIC DECIMAL SEPARATOR: becomes '.'
	cThousands                 // U+066C ARABIC THOUSANDS SEPARATOR: dropped between digits
	cApostrophe                // ' and U+2019 inside a Latin word
	cHamzaAbove                // U+0654: turns a preceding و or ي into ء, else removed
	cPresentation              // presentation form: replaced by its base letters
	cSpaceFormat               // U+200B ZERO WIDTH SPACE: removed, but splits words
)

// entry is the rule for one rune of the Arabic block: its class and, for
// letters and digits, what it folds to (0 means the rune itself).
type entry struct {
	cls class
	to  rune
}

// arabicBlock holds the rules for U+0600..U+06FF. Every spelling variant
// that readers treat as the same letter folds to one form here; this table
// is the whole letter normalization.
var arabicBlock = buildArabicBlock()

func buildArabicBlock() (t [0x100]entry) {
	set := func(lo, hi rune, e entry) {
		for r := lo; r <= hi; r++ {
			t[r-0x600] = e
		}
	}
	// Default: letters of the block are Arabic letters kept as they are;
	// everything else is punctuation.
	for r := rune(0x600); r <= 0x6FF; r++ {
		if unicode.IsLetter(r) {
			t[r-0x600] = entry{cls: cArabic}
		} else {
			t[r-0x600] = entry{cls: cSep}
		}
	}
	set(0x0600, 0x0605, entry{cls: cFormat}) // number signs (prepended, invisible)
	set(0x061C, 0x061C, entry{cls: cFormat}) // ARABIC LETTER MARK (bidi)
	set(0x0610, 0x061A, entry{cls: cMark})   // Quranic honorifics and small marks
	set(0x064B, 0x065F, entry{cls: cMark})   // tanween, harakat, shadda, sukun, maddah, hamza marks
	set(0x0654, 0x0654, entry{cls: cHamzaAbove})
	set(0x0670, 0x0670, entry{cls: cMark}) // superscript (dagger) alef
	set(0x0640, 0x0640, entry{cls: cMark}) // tatweel
	set(0x06D6, 0x06ED, entry{cls: cMark}) // Quranic annotation marks
	for d := rune(0); d <= 9; d++ {
		t[0x660+d-0x600] = entry{cls: cDigit, to: '0' + d} // Arabic-Indic digits
		t[0x6F0+d-0x600] = entry{cls: cDigit, to: '0' + d} // Extended (Persian/Urdu) digits
	}
	t[0x066B-0x600] = entry{cls: cDecimal, to: '.'}
	t[0x066C-0x600] = entry{cls: cThousands}

	fold := func(to rune, from ...rune) {
		for _, r := range from {
			t[r-0x600] = entry{cls: cArabic, to: to}
		}
	}
	fold('ا', 'آ', 'أ', 'إ', 'ٱ', 'ٲ', 'ٳ', 'ٵ') // alef with madda/hamza/wasla → bare alef
	fold('ء', 'ؤ', 'ئ', 'ٶ', 'ٸ', 'ٴ')           // hamza on a seat → hamza on the line
	fold('ي', 'ى', 'ی', 'ې', 'ۍ', 'ێ', 'ے')      // alef maqsura, Persian/Urdu yeh → yeh
	fold('ه', 'ة', 'ۀ', 'ە', 'ھ', 'ہ', 'ۂ', 'ۃ') // teh marbuta, heh variants → heh
	fold('ك', 'ک', 'ڪ')                          // Persian keheh, swash kaf → kaf
	fold('ب', 'پ')                               // peh (foreign names) → beh
	fold('ف', 'ڤ')                               // veh (foreign names) → feh
	return t
}

// ascii holds the rules for U+0000..U+007F.
var ascii = buildASCII()

func buildASCII() (t [0x80]entry) {
	for r := rune(0); r < 0x80; r++ {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
			t[r] = entry{cls: cLetter}
		case '0' <= r && r <= '9':
			t[r] = entry{cls: cDigit, to: r}
		case r == '.':
			t[r] = entry{cls: cPeriod}
		case r == '\'':
			t[r] = entry{cls: cApostrophe}
		default:
			t[r] = entry{cls: cSep}
		}
	}
	return t
}

// lookup classifies r; to is the folded rune for letters and digits (0:
// unchanged).
func lookup(r rune) (cls class, to rune) {
	switch {
	case r < 0x80:
		e := ascii[r]
		return e.cls, e.to
	case r >= 0x600 && r <= 0x6FF:
		e := arabicBlock[r-0x600]
		return e.cls, e.to
	case r >= 0x750 && r <= 0x77F: // Arabic Supplement: letters
		return cArabic, 0
	case r >= 0x8A0 && r <= 0x8FF: // Arabic Extended-A: letters and Quranic marks
		if unicode.IsLetter(r) {
			return cArabic, 0
		}
		return cMark, 0
	case r >= presentationABase && r < 0xFE00:
		if presentationA[r-presentationABase] != "" {
			return cPresentation, 0
		}
		return cSep, 0
	case r >= presentationBBase && r <= 0xFEFF:
		if r == 0xFEFF { // zero width no-break space / byte order mark
			return cFormat, 0
		}
		if presentationB[r-presentationBBase] != "" {
			return cPresentation, 0
		}
		return cSep, 0
	case r == 0x200B:
		return cSpaceFormat, 0
	case r >= 0x200C && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x2060:
		return cFormat, 0
	case r == 0x2019:
		return cApostrophe, 0
	case r == utf8.RuneError:
		return cSep, 0
	case unicode.IsLetter(r):
		return cLetter, 0
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
		return cCombining, 0
	case unicode.IsDigit(r):
		return cLetter, 0
	}
	return cSep, 0
}

// presentation returns the base-letter expansion of a presentation form.
func presentation(r rune) string {
	if r < 0xFE00 {
		return presentationA[r-presentationABase]
	}
	return presentationB[r-presentationBBase]
}

// UTF-8 encodings of the letters the folding rules look back at.
const (
	letterYeh   = "\u064A" // ي
	letterWaw   = "\u0648" // و
	letterHamza = "\u0621" // ء
)

// foldState carries the little context that folding needs across runes:
// whether the last letter written was a yeh that came from alef maqsura, so
// that the old spelling ىء (as in شاطىء) becomes ء like شاطئ does.
type foldState struct {
	yehFromMaqsura bool
}

// appendArabic appends the folded form of the Arabic letter r (to is its
// table fold, 0 for itself) to buf. floor is the index in buf before which
// nothing may be rewritten (the start of the current word).
func (s *foldState) appendArabic(buf []byte, floor int, r, to rune) []byte {
	if to == 0 {
		to = r
	}
	if to == 'ء' && s.yehFromMaqsura && hasSuffixAt(buf, floor, letterYeh) {
		buf = buf[:len(buf)-len(letterYeh)]
	}
	s.yehFromMaqsura = r == 'ى'
	if to < 0x800 {
		return append(buf, byte(0xC0|to>>6), byte(0x80|to&0x3F))
	}
	return utf8.AppendRune(buf, to)
}

// hamzaAbove applies U+0654 after the letter just written: و and ي carrying
// a combining hamza are the decomposed spellings of ؤ and ئ, so they become
// ء like the precomposed letters do. After any other letter the mark is
// dropped (ا + U+0654 is أ, which folds to ا anyway).
func (s *foldState) hamzaAbove(buf []byte, floor int) []byte {
	if hasSuffixAt(buf, floor, letterWaw) || hasSuffixAt(buf, floor, letterYeh) {
		buf = append(buf[:len(buf)-2], letterHamza...)
		s.yehFromMaqsura = false
	}
	return buf
}

func hasSuffixAt(buf []byte, floor int, suffix string) bool {
	n := len(buf) - len(suffix)
	return n >= floor && string(buf[n:]) == suffix
}

// Normalize returns s with the Arabic normalization applied and nothing
// else: marks (harakat, tanween, shadda, sukun, superscript alef, Quranic
// marks, hamza/maddah marks), tatweel and invisible bidi and zero-width
// characters removed; presentation forms replaced by base letters; letter
// variants folded (آ أ إ ٱ → ا, ى → ي, ة → ه, ؤ ئ → ء, ک → ك, ی → ي,
// ۀ ە → ه); Arabic-Indic and Persian digits replaced by ASCII digits and
// the Arabic decimal separator by '.'. Spaces, punctuation and the case of
// Latin letters are kept. Invalid UTF-8 bytes become U+FFFD. Normalize is
// idempotent.
func Normalize(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return s
	}
	buf := make([]byte, 0, len(s))
	buf = append(buf, s[:i]...)
	var st foldState
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		cls, to := lookup(r)
		if cls == cPresentation {
			for _, pr := range presentation(r) {
				pcls, pto := lookup(pr)
				buf = normalizeRune(&st, buf, pr, pcls, pto)
			}
			continue
		}
		buf = normalizeRune(&st, buf, r, cls, to)
	}
	if string(buf) == s {
		return s
	}
	return string(buf)
}

func normalizeRune(st *foldState, buf []byte, r rune, cls class, to rune) []byte {
	switch cls {
	case cArabic:
		return st.appendArabic(buf, 0, r, to)
	case cMark, cFormat, cSpaceFormat:
		return buf
	case cHamzaAbove:
		return st.hamzaAbove(buf, 0)
	case cDigit, cDecimal:
		st.yehFromMaqsura = false
		return append(buf, byte(to))
	}
	st.yehFromMaqsura = false
	return utf8.AppendRune(buf, r)
}
