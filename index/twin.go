package index

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/fahras/fahras/analyzers"
)

// exactTwins names, for each stemmed text field, the field that indexes
// the same text in its exact form.
var exactTwins = map[string]string{FieldTitle: FieldTitleExact, FieldBody: FieldBodyExact}

// twinText is one of the two fields a text is indexed in: the search form
// (analyzer ar) or the exact form (analyzer ar_exact). Whichever of the
// pair is analyzed first cuts the text once for both, so that each word is
// normalized and tokenized once; the terms, positions and offsets are
// those the two analyzers give separately. bleve analyzes a document's
// fields one after another in one goroutine, so the shared state needs no
// lock.
type twinText struct {
	name           string
	options        bleveindex.FieldIndexingOptions
	value          []byte
	arrayPositions []uint64
	exact          bool
	pair           *twinAnalysis

	length      int
	frequencies bleveindex.TokenFrequencies
}

// twinAnalysis is the analysis the two fields of a pair share.
type twinAnalysis struct {
	analyzer      *analyzers.Analyzer // the search-form analyzer
	done          bool
	pending       int // fields of the pair not yet analyzed
	stemmed, full []analysis.Token
}

// pairTextFields replaces each stemmed text field of doc and its exact
// twin, as the mapping made them, by a pair analyzed in one pass. A pair
// whose analyzers are not the expected kinds (an index made with another
// mapping) is left as it is.
func pairTextFields(doc *document.Document) {
	at := make(map[string]int, 4)
	for i, f := range doc.Fields {
		name := f.Name()
		if _, ok := exactTwins[name]; ok {
			at[name] = i
		}
	}
	for stemmedName, exactName := range exactTwins {
		si, ok := at[stemmedName]
		if !ok {
			continue
		}
		ei := -1
		for i, f := range doc.Fields {
			if f.Name() == exactName {
				if ei >= 0 {
					ei = -2 // more than one: leave the pair alone
					break
				}
				ei = i
			}
		}
		if ei < 0 {
			continue
		}
		stemmed, ok1 := doc.Fields[si].(*document.TextField)
		exact, ok2 := doc.Fields[ei].(*document.TextField)
		if !ok1 || !ok2 || string(stemmed.Value()) != string(exact.Value()) {
			continue
		}
		sa, ok1 := stemmed.Analyzer().(*analyzers.Analyzer)
		ea, ok2 := exact.Analyzer().(*analyzers.Analyzer)
		if !ok1 || !ok2 || sa.Kind() == analyzers.Exact || ea.Kind() != analyzers.Exact {
			continue
		}
		pair := &twinAnalysis{analyzer: sa, pending: 2}
		doc.Fields[si] = newTwinText(stemmed, false, pair)
		doc.Fields[ei] = newTwinText(exact, true, pair)
	}
}

func newTwinText(f *document.TextField, exact bool, pair *twinAnalysis) *twinText {
	return &twinText{
		name:           f.Name(),
		options:        f.Options(),
		value:          f.Value(),
		arrayPositions: f.ArrayPositions(),
		exact:          exact,
		pair:           pair,
	}
}

func (t *twinText) Name() string                             { return t.name }
func (t *twinText) ArrayPositions() []uint64                 { return t.arrayPositions }
func (t *twinText) Options() bleveindex.FieldIndexingOptions { return t.options }
func (t *twinText) Value() []byte                            { return t.value }
func (t *twinText) NumPlainTextBytes() uint64                { return uint64(len(t.value)) }
func (t *twinText) EncodedFieldType() byte                   { return 't' }
func (t *twinText) AnalyzedLength() int                      { return t.length }

func (t *twinText) AnalyzedTokenFrequencies() bleveindex.TokenFrequencies {
	return t.frequencies
}

// Size estimates the field's memory for bleve's accounting.
func (t *twinText) Size() int {
	return 96 + len(t.name) + len(t.value) + 8*len(t.arrayPositions)
}

// Analyze implements document.Field.
func (t *twinText) Analyze() {
	p := t.pair
	if !p.done {
		p.stemmed, p.full = p.analyzer.AnalyzeWithExact(t.value)
		p.done = true
	}
	tokens := p.stemmed
	if t.exact {
		tokens = p.full
	}
	t.length = len(tokens)
	// Positions without offsets: phrase queries need the positions, and
	// highlighting finds the words in the stored text itself.
	t.frequencies = tokenFrequencies(tokens, t.arrayPositions, t.options, false)
	p.pending--
	if p.pending == 0 {
		p.stemmed, p.full = nil, nil
	}
}

// tokenFrequencies counts tokens per term as bleve's analysis.TokenFrequency
// does, with the same result (with offsets, or with zero offsets when
// offsets is false), but in a few allocations: the terms of the
// map share one string, and the frequency records, locations and location
// lists are carved out of one slice each.
func tokenFrequencies(tokens []analysis.Token, arrayPositions []uint64, options bleveindex.FieldIndexingOptions, offsets bool) bleveindex.TokenFrequencies {
	n := len(tokens)
	rv := make(bleveindex.TokenFrequencies, n/2+1)
	if n == 0 {
		return rv
	}
	size := 0
	for i := range tokens {
		size += len(tokens[i].Term)
	}
	var keys strings.Builder
	keys.Grow(size)
	freqs := make([]bleveindex.TokenFreq, 0, n)
	counts := make([]int, 0, n)
	ids := make([]int32, n) // token → its term's index in freqs
	for i := range tokens {
		term := tokens[i].Term
		if tf, ok := rv[string(term)]; ok {
			id := int32(tf.Frequency()) // the index, until counts are set below
			ids[i] = id
			counts[id]++
			continue
		}
		id := int32(len(freqs))
		freqs = append(freqs, bleveindex.TokenFreq{Term: term})
		counts = append(counts, 1)
		tf := &freqs[id]
		tf.SetFrequency(int(id))
		start := keys.Len()
		keys.Write(term)
		rv[keys.String()[start:]] = tf
		ids[i] = id
	}
	withLocations := options.IncludeTermVectors()
	var ptrs []*bleveindex.TokenLocation
	if withLocations {
		ptrs = make([]*bleveindex.TokenLocation, n)
	}
	off := 0
	for id := range freqs {
		tf := &freqs[id]
		tf.SetFrequency(0)
		if !options.SkipFreqNorm() {
			tf.SetFrequency(counts[id])
		}
		if withLocations {
			tf.Locations = ptrs[off : off : off+counts[id]]
			off += counts[id]
		}
	}
	if withLocations {
		locs := make([]bleveindex.TokenLocation, n)
		for i := range tokens {
			locs[i] = bleveindex.TokenLocation{
				ArrayPositions: arrayPositions,
				Position:       tokens[i].Position,
			}
			if offsets {
				locs[i].Start, locs[i].End = tokens[i].Start, tokens[i].End
			}
			tf := &freqs[ids[i]]
			tf.Locations = append(tf.Locations, &locs[i])
		}
	}
	return rv
}
