package index

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/fahras/fahras/index/article"
)

// storedPlaces is what the index keeps of an article's places, to give
// them back with each hit.
type storedPlaces struct {
	Dateline *article.Place  `json:"dateline,omitempty"`
	Places   []article.Place `json:"places,omitempty"`
}

// fields turns a document into the property map bleve indexes; hash is
// its contentHash.
func (d *Doc) fields(duplicateOf, hash string) map[string]interface{} {
	a := &d.Article
	m := map[string]interface{}{
		FieldTitle:       a.Title,
		FieldBody:        a.Body,
		FieldContentHash: hash,
		FieldBodyHash:    d.hash(),
	}
	setString := func(field, value string) {
		if value != "" {
			m[field] = value
		}
	}
	setString(FieldSummary, a.Summary)
	setString(FieldSource, a.Source)
	setString(FieldCategory, a.Category)
	setString(FieldAuthor, a.Author)
	setString(FieldURL, a.URL)
	setString(FieldLang, a.Lang)
	setString(FieldPublishedText, a.PublishedText)
	setString(FieldPublishedFrom, a.PublishedFrom)
	setString(FieldDuplicateOf, duplicateOf)
	if !a.Published.IsZero() {
		m[FieldPublished] = a.Published
		m[FieldYear] = a.Published.Format("2006")
		m[FieldMonth] = a.Published.Format("2006-01")
		m[FieldDay] = a.Published.Format("2006-01-02")
	}
	setList := func(field string, values []string) {
		if len(values) > 0 {
			m[field] = values
		}
	}
	setList(FieldFacet, d.facetValues())
	setList(FieldPlaceID, d.PlaceIDs)
	setList(FieldPlace, d.PlaceNames)
	setList(FieldCountry, d.Countries)
	setList(FieldDivision, d.Divisions)
	setList(FieldCity, d.Cities)
	if a.Dateline != nil && a.Dateline.ID != "" {
		m[FieldDateline] = a.Dateline.ID
	}
	if d.Primary != nil && (d.Primary.Lat != 0 || d.Primary.Lon != 0) {
		m[FieldGeo] = map[string]interface{}{"lat": d.Primary.Lat, "lon": d.Primary.Lon}
	}
	if a.Dateline != nil || len(a.Places) > 0 {
		raw, err := json.Marshal(storedPlaces{Dateline: a.Dateline, Places: a.Places})
		if err == nil {
			m[FieldPlacesJSON] = string(raw)
		}
	}
	return m
}

// sizeBytes estimates a document's share of a batch's memory.
func (d *Doc) sizeBytes() int {
	a := &d.Article
	// Analyzed text costs several times its size while a batch is built.
	return 4*(len(a.Title)+len(a.Body)+len(a.Summary)) + 512
}

// contentHash identifies everything the index stores of an article, so
// that re-indexing an unchanged article can be skipped.
func contentHash(a *article.Article) string {
	h := sha256.New()
	for _, s := range []string{a.Title, a.Body, a.Summary, a.Source, a.Category, a.Author, a.URL, a.Lang, a.PublishedText, a.PublishedFrom} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	h.Write([]byte(a.Published.UTC().Format(time.RFC3339Nano)))
	if raw, err := json.Marshal(storedPlaces{Dateline: a.Dateline, Places: a.Places}); err == nil {
		h.Write(raw)
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// StoredFields are the fields to ask bleve for to rebuild an article.
var StoredFields = []string{
	FieldTitle, FieldBody, FieldSummary, FieldSource, FieldCategory, FieldAuthor,
	FieldURL, FieldLang, FieldPublished, FieldPublishedText, FieldPublishedFrom,
	FieldPlacesJSON, FieldDuplicateOf,
}

// ArticleFromFields rebuilds an article from the stored fields of a hit.
func ArticleFromFields(id string, fields map[string]interface{}) (article.Article, error) {
	a := article.Article{ID: id, Places: []article.Place{}}
	str := func(name string) string {
		switch v := fields[name].(type) {
		case string:
			return v
		case []interface{}:
			if len(v) > 0 {
				if s, ok := v[0].(string); ok {
					return s
				}
			}
		}
		return ""
	}
	a.Title = str(FieldTitle)
	a.Body = str(FieldBody)
	a.Summary = str(FieldSummary)
	a.Source = str(FieldSource)
	a.Category = str(FieldCategory)
	a.Author = str(FieldAuthor)
	a.URL = str(FieldURL)
	a.Lang = str(FieldLang)
	a.PublishedText = str(FieldPublishedText)
	a.PublishedFrom = str(FieldPublishedFrom)
	if s := str(FieldPublished); s != "" {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return a, fmt.Errorf("document %s: stored date %q: %w", id, s, err)
		}
		a.Published = t
	}
	if raw := str(FieldPlacesJSON); raw != "" {
		var sp storedPlaces
		if err := json.Unmarshal([]byte(raw), &sp); err != nil {
			return a, fmt.Errorf("document %s: stored places: %w", id, err)
		}
		a.Dateline = sp.Dateline
		if sp.Places != nil {
			a.Places = sp.Places
		}
	}
	return a, nil
}
