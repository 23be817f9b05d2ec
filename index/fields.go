package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
	"github.com/fahras/fahras/analyzers"
)

// Field names of the index. Text fields come in two forms: the stemmed
// search form (analyzer "ar") and the exact form (analyzer "ar_exact").
const (
	FieldTitle      = "title"
	FieldTitleExact = "title_exact"
	FieldBody       = "body"
	FieldBodyExact  = "body_exact"
	FieldSummary    = "summary"

	FieldSource   = "source"
	FieldCategory = "category"
	FieldAuthor   = "author"

	FieldPlace    = "place"    // Arabic names of every place found and its ancestors
	FieldPlaceID  = "place_id" // gazetteer IDs of every place found and its ancestors
	FieldCountry  = "country"  // ISO 3166-1 alpha-2 codes
	FieldDivision = "division" // first-level division IDs
	FieldCity     = "city"     // city IDs
	FieldDateline = "dateline" // gazetteer ID of the dateline place

	FieldPublished = "published" // datetime, for range filters and sorting
	FieldYear      = "year"      // "2018"
	FieldMonth     = "month"     // "2018-03"
	FieldDay       = "day"       // "2018-03-14"
	FieldGeo       = "geo"       // primary place

	FieldURL           = "url"
	FieldLang          = "lang"
	FieldPublishedText = "published_text"
	FieldPublishedFrom = "published_from"
	FieldPlacesJSON    = "places_json"
	FieldBodyHash      = "body_hash"
	FieldContentHash   = "content_hash"
	FieldDuplicateOf   = "duplicate_of"
)

// Analyzer names as defined in the index mapping. They are custom
// analyzers of the types registered by package analyzers, configured with
// the gazetteer's names as protected words, so that the mapping stored in
// the index fully determines how text is analyzed.
const (
	AnalyzerAr      = "ar"
	AnalyzerArExact = "ar_exact"
)

// TextFields are the fields a free-text query searches, with the exact
// sub-fields.
var TextFields = []string{FieldTitle, FieldTitleExact, FieldBody, FieldBodyExact}

// NewMapping returns the index mapping. protected lists the words the
// Arabic stemmer must leave whole (gazetteer names).
func NewMapping(protected []string) (*mapping.IndexMappingImpl, error) {
	words := make([]interface{}, len(protected))
	for i, w := range protected {
		words[i] = w
	}
	im := bleve.NewIndexMapping()
	im.ScoringModel = bleveindex.BM25Scoring
	err := im.AddCustomAnalyzer(AnalyzerAr, map[string]interface{}{
		"type":            analyzers.NameLight,
		"protected_words": words,
	})
	if err != nil {
		return nil, fmt.Errorf("mapping: analyzer %s: %w", AnalyzerAr, err)
	}
	err = im.AddCustomAnalyzer(AnalyzerArExact, map[string]interface{}{
		"type": analyzers.NameExact,
	})
	if err != nil {
		return nil, fmt.Errorf("mapping: analyzer %s: %w", AnalyzerArExact, err)
	}
	im.DefaultAnalyzer = AnalyzerAr
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false

	doc := bleve.NewDocumentStaticMapping()

	text := func(name, analyzer string, store bool) *mapping.FieldMapping {
		fm := bleve.NewTextFieldMapping()
		fm.Name = name
		fm.Analyzer = analyzer
		fm.Store = store
		fm.IncludeTermVectors = true
		fm.IncludeInAll = false
		fm.DocValues = false
		return fm
	}
	// Term vectors (positions and offsets) only on the exact fields:
	// phrase queries need them there, and highlighting analyzes the
	// stored text again instead of reading offsets from the index.
	title, body := text(FieldTitle, AnalyzerAr, true), text(FieldBody, AnalyzerAr, true)
	title.IncludeTermVectors, body.IncludeTermVectors = false, false
	doc.AddFieldMappingsAt(FieldTitle, title, text(FieldTitleExact, AnalyzerArExact, false))
	doc.AddFieldMappingsAt(FieldBody, body, text(FieldBodyExact, AnalyzerArExact, false))

	keywordField := func(store, docValues bool) *mapping.FieldMapping {
		fm := bleve.NewKeywordFieldMapping()
		fm.Analyzer = keyword.Name
		fm.Store = store
		fm.DocValues = docValues
		fm.IncludeInAll = false
		fm.IncludeTermVectors = false
		return fm
	}
	// Filters read these fields; facets are counted from FieldFacet, the
	// only keyword field with doc values.
	for _, f := range []string{FieldSource, FieldCategory, FieldAuthor} {
		doc.AddFieldMappingsAt(f, keywordField(true, false))
	}
	for _, f := range []string{FieldCountry, FieldDivision, FieldCity, FieldYear, FieldMonth, FieldDay} {
		doc.AddFieldMappingsAt(f, keywordField(false, false))
	}
	doc.AddFieldMappingsAt(FieldFacet, keywordField(false, true))
	// Place names and IDs are filtered on, never faceted or sorted.
	for _, f := range []string{FieldPlace, FieldPlaceID} {
		doc.AddFieldMappingsAt(f, keywordField(false, false))
	}
	doc.AddFieldMappingsAt(FieldDateline, keywordField(true, false))
	doc.AddFieldMappingsAt(FieldBodyHash, keywordField(true, false))
	doc.AddFieldMappingsAt(FieldContentHash, keywordField(true, false))
	doc.AddFieldMappingsAt(FieldDuplicateOf, keywordField(true, false))

	published := bleve.NewDateTimeFieldMapping()
	published.Store = true
	published.DocValues = true
	published.IncludeInAll = false
	doc.AddFieldMappingsAt(FieldPublished, published)

	geo := bleve.NewGeoPointFieldMapping()
	geo.Store = false
	geo.DocValues = false
	geo.IncludeInAll = false
	doc.AddFieldMappingsAt(FieldGeo, geo)

	storedOnly := func() *mapping.FieldMapping {
		fm := bleve.NewTextFieldMapping()
		fm.Index = false
		fm.Store = true
		fm.DocValues = false
		fm.IncludeInAll = false
		fm.IncludeTermVectors = false
		fm.Analyzer = keyword.Name
		return fm
	}
	// The summary is kept for display but not searched: in news it
	// repeats the body's opening, and indexing it measurably cost ranking
	// quality and indexing time.
	for _, f := range []string{FieldSummary, FieldURL, FieldLang, FieldPublishedText, FieldPublishedFrom, FieldPlacesJSON} {
		doc.AddFieldMappingsAt(f, storedOnly())
	}

	im.DefaultMapping = doc
	return im, nil
}
