package search

import (
	"slices"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/places"
)

// FacetKind is how a facet's values are counted and shown.
type FacetKind string

// Kinds of facets.
const (
	// FacetDate: a histogram of publication days, by year, month or day,
	// and the recent ranges.
	FacetDate FacetKind = "date"
	// FacetPlace: a tree of places, country → division → city.
	FacetPlace FacetKind = "place"
	// FacetKeyword: the values of a keyword field, most frequent first.
	FacetKeyword FacetKind = "keyword"
)

// Facet describes one facet: the name the API, the command line and the
// page know it by (the key in Result.Facets, a value of facets= and the
// {facet} of /facets/{facet}), the prefix of its values in the index's
// facet field, how it is counted, and the request parameters that filter
// on it (left out of its own counts: disjunctive facets).
type Facet struct {
	Name    string
	Prefix  string
	Kind    FacetKind
	Levels  []string
	Filters []string
	Doc     string
}

// placeLevels are the levels of the place tree, top down.
var placeLevels = []string{places.LevelCountry, places.LevelDivision, places.LevelCity}

// facetTable is every facet, in the order results list them.
var facetTable = []Facet{
	{Name: "dates", Prefix: index.FacetDay, Kind: FacetDate, Filters: []string{"from", "to"},
		Doc: "publication dates by year, month or day, and the last 24 hours, 7 days, 30 days and 12 months"},
	{Name: "places", Prefix: index.FacetPlace, Kind: FacetPlace, Levels: placeLevels, Filters: []string{"place", "country"},
		Doc: "the places articles are about, as a tree: country, division, city"},
	{Name: "sources", Prefix: index.FacetSource, Kind: FacetKeyword, Filters: []string{"source"}, Doc: "the sources"},
	{Name: "categories", Prefix: index.FacetCategory, Kind: FacetKeyword, Filters: []string{"category"}, Doc: "the categories"},
	{Name: "authors", Prefix: index.FacetAuthor, Kind: FacetKeyword, Filters: []string{"author"}, Doc: "the authors"},
}

// FacetTable lists every facet, in the order results list them.
func FacetTable() []Facet { return append([]Facet(nil), facetTable...) }

// FacetNames lists the facets' API names.
func FacetNames() []string {
	out := make([]string, len(facetTable))
	for i, f := range facetTable {
		out[i] = f.Name
	}
	return out
}

// FacetNamed finds a facet by its API name.
func FacetNamed(name string) (Facet, bool) {
	for _, f := range facetTable {
		if f.Name == name {
			return f, true
		}
	}
	return Facet{}, false
}

// active reports whether the request filters on the facet.
func (f Facet) active(req *Request) bool {
	for _, p := range f.Filters {
		switch p {
		case "from":
			if req.From != "" {
				return true
			}
		case "to":
			if req.To != "" {
				return true
			}
		case "place":
			if len(req.Places) > 0 {
				return true
			}
		case "country":
			if len(req.Countries) > 0 {
				return true
			}
		case "source":
			if len(req.Sources) > 0 {
				return true
			}
		case "category":
			if len(req.Categories) > 0 {
				return true
			}
		case "author":
			if len(req.Authors) > 0 {
				return true
			}
		}
	}
	return false
}

// hitFieldTable maps each field of a hit that fields= may choose to the
// stored index fields it is made of: the article's one compressed record
// (index.FieldStored) for all but the duplicate mark.
var hitFieldTable = []struct {
	name   string
	stored []string
}{
	{"title", []string{index.FieldStored}},
	{"published", []string{index.FieldStored}},
	{"published_text", []string{index.FieldStored}},
	{"source", []string{index.FieldStored}},
	{"category", []string{index.FieldStored}},
	{"author", []string{index.FieldStored}},
	{"url", []string{index.FieldStored}},
	{"dateline", []string{index.FieldStored}},
	{"places", []string{index.FieldStored}},
	{"highlights", []string{index.FieldStored}},
	{"snippet", []string{index.FieldStored}},
	{"duplicate_of", []string{index.FieldDuplicateOf}},
	{"story", []string{index.FieldStory}},
}

// HitFields lists the fields of a hit that fields= may choose (the id and
// the score are always returned).
func HitFields() []string {
	out := make([]string, len(hitFieldTable))
	for i, f := range hitFieldTable {
		out[i] = f.name
	}
	return out
}

// storedFields lists the index fields a search loads to give the hit
// fields asked for (all when none are named).
func storedFields(fields []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range hitFieldTable {
		if len(fields) > 0 && !slices.Contains(fields, f.name) {
			continue
		}
		for _, s := range f.stored {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// keepFields clears the fields of a hit that were not asked for.
func keepFields(h Hit, fields []string) Hit {
	if len(fields) == 0 {
		return h
	}
	kept := Hit{ID: h.ID, Score: h.Score, Collapsed: h.Collapsed}
	for _, f := range fields {
		switch f {
		case "title":
			kept.Title = h.Title
		case "published":
			kept.Published = h.Published
		case "published_text":
			kept.PublishedText = h.PublishedText
		case "source":
			kept.Source = h.Source
		case "category":
			kept.Category = h.Category
		case "author":
			kept.Author = h.Author
		case "url":
			kept.URL = h.URL
		case "dateline":
			kept.Dateline = h.Dateline
		case "places":
			kept.Places = h.Places
		case "highlights":
			kept.Highlights = h.Highlights
		case "snippet":
			kept.Snippet = h.Snippet
		case "duplicate_of":
			kept.DuplicateOf = h.DuplicateOf
		case "story":
			kept.Story = h.Story
		}
	}
	return kept
}
