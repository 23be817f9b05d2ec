package index

import (
	"reflect"
	"sort"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// flatFreqs lists token frequencies in a comparable form: term, frequency
// and locations, sorted by term.
type flatFreq struct {
	Term      string
	Freq      int
	Locations []bleveindex.TokenLocation
}

func flatten(tfs bleveindex.TokenFrequencies) []flatFreq {
	var out []flatFreq
	for key, tf := range tfs {
		if key != string(tf.Term) {
			panic("map key " + key + " differs from term " + string(tf.Term))
		}
		f := flatFreq{Term: key, Freq: tf.Frequency()}
		for _, l := range tf.Locations {
			f.Locations = append(f.Locations, *l)
		}
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Term < out[j].Term })
	return out
}

// TestPairedFieldsIndexLikeTheMapping checks that the text fields analyzed
// in one pass give bleve exactly the terms, frequencies and positions that
// the mapping's own fields give, and no offsets.
func TestPairedFieldsIndexLikeTheMapping(t *testing.T) {
	m, err := NewMapping([]string{"بغداد", "الموصل"})
	if err != nil {
		t.Fatal(err)
	}
	d := Doc{}
	d.Article.ID = "t1"
	d.Article.Title = "انقطاع الكهرباء في بغداد والموصل"
	d.Article.Body = "بغداد/الرافدين: عانت أحياء واسعة من العاصمة العراقية من انقطاع الكهرباء لساعات طويلة، " +
		"وقال مسؤول في الوزارة إن الأعطال ستصلح خلال أيام. وأضاف أن الكهرباء ستعود إلى الموصل في 3.5 ساعات، " +
		"مؤكداً أن الوزارة The Ministry تعمل ليلاً ونهاراً في بغداد."
	fields := d.fields("", "abc", "")

	plain := document.NewDocument("t1")
	if err := m.MapDocument(plain, fields); err != nil {
		t.Fatal(err)
	}
	paired := document.NewDocument("t1")
	if err := m.MapDocument(paired, fields); err != nil {
		t.Fatal(err)
	}
	pairTextFields(paired)

	if len(plain.Fields) != len(paired.Fields) {
		t.Fatalf("%d fields after pairing, want %d", len(paired.Fields), len(plain.Fields))
	}
	// The mapping adds fields in map order: match them by name.
	byName := make(map[string]bleveindex.Field)
	for _, f := range paired.Fields {
		byName[f.Name()] = f
	}
	twins := 0
	for _, f := range paired.Fields {
		if _, ok := f.(*twinText); ok {
			twins++
		}
	}
	if twins != 4 {
		t.Fatalf("%d fields paired, want title, title_exact, body and body_exact", twins)
	}
	for _, doc := range []*document.Document{plain, paired} {
		doc.VisitFields(func(f bleveindex.Field) {
			if f.Options().IsIndexed() {
				f.Analyze()
			}
		})
	}
	for _, want := range plain.Fields {
		got, ok := byName[want.Name()]
		if !ok {
			t.Fatalf("no field %s after pairing", want.Name())
		}
		if want.Options() != got.Options() || string(want.Value()) != string(got.Value()) ||
			want.EncodedFieldType() != got.EncodedFieldType() {
			t.Errorf("%s: options, value or type differ", want.Name())
		}
		if want.AnalyzedLength() != got.AnalyzedLength() {
			t.Errorf("%s: analyzed length %d, want %d", want.Name(), got.AnalyzedLength(), want.AnalyzedLength())
		}
		w, g := flatten(want.AnalyzedTokenFrequencies()), flatten(got.AnalyzedTokenFrequencies())
		for i := range w {
			for j := range w[i].Locations {
				w[i].Locations[j].Start, w[i].Locations[j].End = 0, 0
			}
		}
		if !reflect.DeepEqual(w, g) {
			t.Errorf("%s: token frequencies\n got %+v\nwant %+v", want.Name(), g, w)
		}
	}
}

func TestTokenFrequenciesMatchBleve(t *testing.T) {
	m, err := NewMapping(nil)
	if err != nil {
		t.Fatal(err)
	}
	a := m.AnalyzerNamed(AnalyzerArExact)
	text := []byte("قال الوزير إن الوزير سيزور الوزارة، وقال إن الزيارة قريبة")
	stream := a.Analyze(text)
	tokens := make([]analysis.Token, len(stream))
	for i, tok := range stream {
		tokens[i] = *tok
	}
	options := []bleveindex.FieldIndexingOptions{
		bleveindex.IndexField,
		bleveindex.IndexField | bleveindex.IncludeTermVectors,
		bleveindex.IndexField | bleveindex.IncludeTermVectors | bleveindex.SkipFreqNorm,
	}
	for _, o := range options {
		for _, ap := range [][]uint64{nil, {2}} {
			want := flatten(analysis.TokenFrequency(stream, ap, o))
			got := flatten(tokenFrequencies(tokens, ap, o, true))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("options %v, array positions %v:\n got %+v\nwant %+v", o, ap, got, want)
			}
		}
	}
	if got := tokenFrequencies(nil, nil, bleveindex.IndexField, true); len(got) != 0 {
		t.Errorf("no tokens gave %d terms", len(got))
	}
	if got := flatten(tokenFrequencies(tokens, nil, bleveindex.IndexField, true)); got[len(got)-1].Term == "" || len(got) != 8 {
		t.Errorf("got %d distinct terms, want 8: %+v", len(got), got)
	}
}
