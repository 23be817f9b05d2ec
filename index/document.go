package index

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/fahras/fahras/index/article"
)

// storedPlaces is what the content hash covers of an article's places.
type storedPlaces struct {
	Dateline *article.Place  `json:"dateline,omitempty"`
	Places   []article.Place `json:"places,omitempty"`
}

// fields turns a document into the property map bleve indexes; hash is
// its contentHash and stored its compressed record (see FieldStored).
func (d *Doc) fields(duplicateOf, hash, stored string) map[string]interface{} {
	a := &d.Article
	m := map[string]interface{}{
		FieldTitle:       a.Title,
		FieldBody:        a.Body,
		FieldStored:      stored,
		FieldContentHash: hash,
		FieldBodyHash:    d.hash(),
	}
	setString := func(field, value string) {
		if value != "" {
			m[field] = value
		}
	}
	setString(FieldSource, a.Source)
	setString(FieldCategory, a.Category)
	setString(FieldAuthor, a.Author)
	setString(FieldDuplicateOf, duplicateOf)
	if !a.Published.IsZero() {
		m[FieldPublished] = publishedTerm(a.Published)
		m[FieldYear] = a.Published.UTC().Format("2006")
		m[FieldMonth] = a.Published.UTC().Format("2006-01")
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
