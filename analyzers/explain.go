package analyzers

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// ExplainedToken is one token as fahras shows it to people (the analyze
// command and the API's analyze endpoint): Start and End count
// characters (runes) of the input, ByteStart and ByteEnd bytes.
type ExplainedToken struct {
	Position  int    `json:"position"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	ByteStart int    `json:"byte_start"`
	ByteEnd   int    `json:"byte_end"`
	Surface   string `json:"surface"`
	Term      string `json:"term"`
}

// Explain analyzes text with an and adds rune offsets to each token. A
// token whose byte offsets fall outside the text or inside a character
// (which a well-behaved analyzer never makes) keeps an empty surface and
// zero rune offsets. The result is never nil, so it encodes as [].
func Explain(an analysis.Analyzer, text string) []ExplainedToken {
	stream := an.Analyze([]byte(text))
	out := make([]ExplainedToken, 0, len(stream))
	// Offsets counted so far, so that in-order tokens cost linear time.
	byteOff, runeOff := 0, 0
	runesTo := func(off int) int {
		if off < byteOff {
			byteOff, runeOff = 0, 0
		}
		runeOff += utf8.RuneCountInString(text[byteOff:off])
		byteOff = off
		return runeOff
	}
	boundary := func(off int) bool { return off == len(text) || utf8.RuneStart(text[off]) }
	for _, t := range stream {
		tok := ExplainedToken{Position: t.Position, ByteStart: t.Start, ByteEnd: t.End, Term: string(t.Term)}
		if 0 <= t.Start && t.Start <= t.End && t.End <= len(text) && boundary(t.Start) && boundary(t.End) {
			tok.Surface = text[t.Start:t.End]
			tok.Start = runesTo(t.Start)
			tok.End = runesTo(t.End)
		}
		out = append(out, tok)
	}
	return out
}
