package index

// FieldFacet holds every facet value of a document in one keyword field
// with doc values, each value prefixed by its facet ("y/2018",
// "m/2018-03", "d/2018-03-14", "p/IQ", "s/…", "c/…", "a/…"). bleve's
// cost of counting facets grows with the number of fields whose doc values
// it reads for every matching document, so counting all facets from one
// field costs about as much as counting one.
const FieldFacet = "facet"

// Prefixes of the values of FieldFacet.
const (
	FacetYear     = "y/"
	FacetMonth    = "m/"
	FacetDay      = "d/"
	FacetPlace    = "p/" // gazetteer IDs of every place and its ancestors
	FacetSource   = "s/"
	FacetCategory = "c/"
	FacetAuthor   = "a/"
)

// facetValues lists the document's facet values.
func (d *Doc) facetValues() []string {
	a := &d.Article
	out := make([]string, 0, 6+len(d.PlaceIDs))
	if !a.Published.IsZero() {
		out = append(out,
			FacetYear+a.Published.Format("2006"),
			FacetMonth+a.Published.Format("2006-01"),
			FacetDay+a.Published.Format("2006-01-02"))
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
