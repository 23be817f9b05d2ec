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

	FieldSource   = "source"
	FieldCategory = "category"
	FieldAuthor   = "author"

	FieldPlace    = "place"    // Arabic names of every place found and its ancestors
	FieldPlaceID  = "place_id" // gazetteer IDs of every place found and its ancestors
	FieldCountry  = "country"  // ISO 3166-1 alpha-2 codes
	FieldDivision = "division" // first-level division IDs
	FieldCity     = "city"     // city IDs
	FieldDateline = "dateline" // gazetteer ID of the dateline place

	// FieldPublished is the publication time as a sortable key (see
	// publishedTerm): one term per article, with doc values, read by the
	// date columns and by range filters on the days at a range's ends.
	FieldPublished = "published"
	// FieldYear ("2018") and FieldMonth ("2018-03") let a date range be
	// matched through a few terms: whole years, then whole months, then
	// days (FieldFacet's), then times (see PublishedRange).
	FieldYear  = "year"
	FieldMonth = "month"

	FieldBodyHash    = "body_hash"
	FieldContentHash = "content_hash"
	FieldDuplicateOf = "duplicate_of"

	// FieldStory is the ID of the article's story (see package story),
	// indexed and stored; FieldStorySig stores the signature and
	// publication time (see encodeStoryRecord). The signature's bands,
	// by which a new article finds its candidates, are kept beside the
	// index (see package storybands).
	FieldStory    = "story"
	FieldStorySig = "story_sig"
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

	// Text is indexed, never stored: FieldStored keeps it, compressed.
	text := func(name, analyzer string, positions bool) *mapping.FieldMapping {
		fm := bleve.NewTextFieldMapping()
		fm.Name = name
		fm.Analyzer = analyzer
		fm.Store = false
		fm.IncludeTermVectors = positions
		fm.IncludeInAll = false
		fm.DocValues = false
		return fm
	}
	// Positions only on the exact fields, where phrase queries need them
	// (the offsets are left out: highlighting analyzes the stored text
	// again instead of reading offsets from the index).
	doc.AddFieldMappingsAt(FieldTitle, text(FieldTitle, AnalyzerAr, false), text(FieldTitleExact, AnalyzerArExact, true))
	doc.AddFieldMappingsAt(FieldBody, text(FieldBody, AnalyzerAr, false), text(FieldBodyExact, AnalyzerArExact, true))

	// Keyword fields are filters: no frequencies or norms, which would
	// cost six bytes a posting and rank nothing.
	keywordField := func(docValues bool) *mapping.FieldMapping {
		fm := bleve.NewKeywordFieldMapping()
		fm.Analyzer = keyword.Name
		fm.Store = false
		fm.DocValues = docValues
		fm.IncludeInAll = false
		fm.IncludeTermVectors = false
		fm.SkipFreqNorm = true
		return fm
	}
	for _, f := range []string{FieldSource, FieldCategory, FieldAuthor, FieldCountry, FieldDivision, FieldCity, FieldPlace, FieldPlaceID, FieldDateline, FieldYear, FieldMonth} {
		doc.AddFieldMappingsAt(f, keywordField(false))
	}
	// Facets are counted from FieldFacet's doc values, date order from
	// FieldPublished's; day ranges are ranges of FieldFacet's day terms.
	doc.AddFieldMappingsAt(FieldFacet, keywordField(true))
	doc.AddFieldMappingsAt(FieldPublished, keywordField(true))
	bodyHash := keywordField(false)
	bodyHash.Store = true
	doc.AddFieldMappingsAt(FieldBodyHash, bodyHash)
	storyField := keywordField(false)
	storyField.Store = true
	doc.AddFieldMappingsAt(FieldStory, storyField)

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
	// The article itself, and what writes check without decompressing it.
	for _, f := range []string{FieldStored, FieldContentHash, FieldDuplicateOf, FieldStorySig} {
		doc.AddFieldMappingsAt(f, storedOnly())
	}

	im.DefaultMapping = doc
	return im, nil
}
