package index

// FieldFacet holds every facet value of a document in one keyword field
// with doc values, each value prefixed by its facet ("d/2018-03-14",
// "p/IQ", "s/…", "c/…", "a/…"). bleve decodes the doc values of every
// matching document for each faceted field; one field with short values,
// and no year or month values (they are summed from the days), keeps that
// work and the per-field overhead small. Days are UTC days, as date
// filters are: a day's count is what filtering on that day finds.
const FieldFacet = "facet"

// Prefixes of the values of FieldFacet.
const (
	FacetDay      = "d/"
	FacetPlace    = "p/" // gazetteer IDs of every place and its ancestors
	FacetSource   = "s/"
	FacetCategory = "c/"
	FacetAuthor   = "a/"
)

// facetValues lists the document's facet values.
func (d *Doc) facetValues() []string {
	a := &d.Article
	out := make([]string, 0, 4+len(d.PlaceIDs))
	if !a.Published.IsZero() {
		out = append(out, FacetDay+a.Published.UTC().Format("2006-01-02"))
	}
	for _, id := range d.PlaceIDs {
		out = append(out, FacetPlace+id)
	}
	if a.Source != "" {
		out = append(out, FacetSource+a.Source)
	}
	if a.Category != "" {
		out = append(out, FacetCategory+a.Category)
	}
	if a.Author != "" {
		out = append(out, FacetAuthor+a.Author)
	}
	return out
}
