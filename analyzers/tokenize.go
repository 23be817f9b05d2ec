package analyzers

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// script is the kind of word being built.
type script uint8

const (
	scriptNone   script = iota
	scriptArabic        // Arabic letters
	scriptLatin         // letters of any other script, possibly with digits
	scriptNumber        // digits, possibly with decimal points
)

// word is the word under construction during the scan.
type word struct {
	script     script
	termStart  int  // where the word's term begins in the term buffer
	start, end int  // byte offsets of the surface word in the input
	letters    bool // a Latin word that has letters only (English-stemmable)
	fold       foldState
}

// scanner is the state of one Analyze call. It is not shared between calls,
// so an Analyzer is safe for concurrent use.
type scanner struct {
	a        *Analyzer
	input    []byte
	buf      []byte // all terms, back to back
	tokens   []analysis.Token
	exact    []analysis.Token // every word's exact form, when twin is set
	twin     bool
	position int
	w        word
}

// tokenize runs the single pass: it classifies each rune once, folds it into
// the term buffer, cuts words at separators and script changes, and hands
// each finished word to the analyzer's filter (stop words, stemming).
func (a *Analyzer) tokenize(input []byte) []analysis.Token {
	s := scanner{
		a:      a,
		input:  input,
		buf:    make([]byte, 0, len(input)+16),
		tokens: make([]analysis.Token, 0, len(input)/9+4),
	}
	s.scan()
	return s.tokens
}

// AnalyzeWithExact analyzes input once for two forms: tokens is what
// Analyze returns, exact what an Exact analyzer's Analyze returns. The
// two share positions and offsets, so a word is normalized and cut only
// once. Terms of both may share memory; callers must not modify them.
func (a *Analyzer) AnalyzeWithExact(input []byte) (tokens, exact []analysis.Token) {
	s := scanner{
		a:      a,
		input:  input,
		buf:    make([]byte, 0, len(input)+16),
		tokens: make([]analysis.Token, 0, len(input)/9+4),
		exact:  make([]analysis.Token, 0, len(input)/9+4),
		twin:   true,
	}
	s.scan()
	return s.tokens, s.exact
}

// scan runs the single pass over s.input.
func (s *scanner) scan() {
	input := s.input
	i := 0
	for i < len(input) {
		c := input[i]
		if c < utf8.RuneSelf {
			e := ascii[c]
			// Fast path for the common ASCII cases.
			switch e.cls {
			case cSep:
				if s.w.script != scriptNone {
					s.finish()
				}
				i++
				continue
			case cLetter:
				s.latin(rune(c), i, i+1)
				i++
				continue
			}
			s.rune(rune(c), e.cls, e.to, i, i+1)
			i++
			continue
		}
		var r rune
		var size int
		if c < 0xE0 && i+1 < len(input) && input[i+1]&0xC0 == 0x80 && c >= 0xC2 {
			// Two-byte sequence (all of the Arabic block): decode inline.
			r, size = rune(c&0x1F)<<6|rune(input[i+1]&0x3F), 2
			if r >= 0x600 && r <= 0x6FF {
				e := arabicBlock[r-0x600]
				if e.cls == cArabic && s.w.script == scriptArabic {
					// Fast path: one more letter of the current Arabic word.
					s.buf = s.w.fold.appendArabic(s.buf, s.w.termStart, r, e.to)
					s.w.end = i + 2
					i += 2
					continue
				}
				s.rune(r, e.cls, e.to, i, i+2)
				i += 2
				continue
			}
		} else {
			r, size = utf8.DecodeRune(input[i:])
		}
		cls, to := lookup(r)
		if cls == cPresentation {
			// A ligature is one glyph, so it makes one word even when it
			// spells several (ﷺ): its letters cannot be given separate
			// offsets in the input.
			for _, pr := range presentation(r) {
				if pr == ' ' {
					continue
				}
				pcls, pto := lookup(pr)
				s.rune(pr, pcls, pto, i, i+size)
			}
		} else {
			s.rune(r, cls, to, i, i+size)
		}
		i += size
	}
	if s.w.script != scriptNone {
		s.finish()
	}
}

// begin starts a new word of the given script at input offset start.
func (s *scanner) begin(sc script, start int) {
	s.w = word{script: sc, termStart: len(s.buf), start: start, letters: sc == scriptLatin}
}

// latin adds one letter of a non-Arabic script.
func (s *scanner) latin(r rune, start, end int) {
	switch s.w.script {
	case scriptNone:
		s.begin(scriptLatin, start)
	case scriptArabic:
		s.finish()
		s.begin(scriptLatin, start)
	case scriptNumber:
		s.w.script = scriptLatin // 20th, 3D
		s.w.letters = false
	}
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		s.buf = append(s.buf, byte(r))
	} else {
		s.buf = utf8.AppendRune(s.buf, unicode.ToLower(r))
	}
	s.w.end = end
}

// rune handles one (already expanded) rune of the input spanning
// input[start:end].
func (s *scanner) rune(r rune, cls class, to rune, start, end int) {
	switch cls {
	case cSep, cSpaceFormat:
		if s.w.script != scriptNone {
			s.finish()
		}
	case cLetter:
		s.latin(r, start, end)
	case cArabic:
		if s.w.script != scriptArabic {
			if s.w.script != scriptNone {
				s.finish()
			}
			s.begin(scriptArabic, start)
		}
		s.buf = s.w.fold.appendArabic(s.buf, s.w.termStart, r, to)
		s.w.end = end
	case cDigit:
		switch s.w.script {
		case scriptNone:
			s.begin(scriptNumber, start)
		case scriptArabic:
			s.finish()
			s.begin(scriptNumber, start)
		case scriptLatin:
			s.w.letters = false
		}
		s.buf = append(s.buf, byte(to))
		s.w.end = end
	case cMark:
		if s.w.script != scriptNone {
			s.w.end = end // diacritics and tatweel belong to the surface word
		}
	case cHamzaAbove:
		if s.w.script == scriptArabic {
			s.buf = s.w.fold.hamzaAbove(s.buf, s.w.termStart)
		}
		if s.w.script != scriptNone {
			s.w.end = end
		}
	case cFormat:
		// Invisible: neither part of a word nor a break.
	case cCombining:
		switch s.w.script {
		case scriptLatin:
			s.buf = utf8.AppendRune(s.buf, r)
			s.w.end = end
		case scriptArabic, scriptNumber:
			s.w.end = end
		}
	case cPeriod, cDecimal:
		// A decimal point only between digits: 3.5 and ٣٫٥; a period
		// that ends a sentence ends the word.
		if s.w.script == scriptNumber && s.nextIsDigit(end) {
			s.buf = append(s.buf, '.')
			s.w.end = end
			return
		}
		if s.w.script != scriptNone {
			s.finish()
		}
	case cThousands:
		if s.w.script == scriptNumber && s.nextIsDigit(end) {
			s.w.end = end
			return
		}
		if s.w.script != scriptNone {
			s.finish()
		}
	case cApostrophe:
		// Inside a Latin word (don't, O'Brien) the apostrophe stays.
		if s.w.script == scriptLatin && s.nextIsLetter(end) {
			s.buf = append(s.buf, '\'')
			s.w.end = end
			return
		}
		if s.w.script != scriptNone {
			s.finish()
		}
	}
}

func (s *scanner) peek(at int) class {
	if at >= len(s.input) {
		return cSep
	}
	if c := s.input[at]; c < utf8.RuneSelf {
		return ascii[c].cls
	}
	r, _ := utf8.DecodeRune(s.input[at:])
	cls, _ := lookup(r)
	return cls
}

func (s *scanner) nextIsDigit(at int) bool { return s.peek(at) == cDigit }

func (s *scanner) nextIsLetter(at int) bool { return s.peek(at) == cLetter }

// finish ends the current word: it counts a position and, unless the
// analyzer drops the word, appends a token.
func (s *scanner) finish() {
	w := &s.w
	term := s.buf[w.termStart:len(s.buf):len(s.buf)]
	sc := w.script
	w.script = scriptNone
	if len(term) == 0 {
		// A word made only of marks that folded away cannot happen (marks
		// alone do not start words), but stay safe.
		return
	}
	s.position++
	typ := analysis.AlphaNumeric
	if sc == scriptNumber {
		typ = analysis.Numeric
	}
	if s.twin {
		s.exact = append(s.exact, analysis.Token{
			Start:    w.start,
			End:      w.end,
			Term:     term,
			Position: s.position,
			Type:     typ,
		})
	}
	term, keep := s.a.filter(sc, term, w.letters)
	if !keep {
		if !s.twin {
			s.buf = s.buf[:w.termStart] // nothing refers to a dropped word's bytes
		}
		return
	}
	s.tokens = append(s.tokens, analysis.Token{
		Start:    w.start,
		End:      w.end,
		Term:     term,
		Position: s.position,
		Type:     typ,
	})
}
