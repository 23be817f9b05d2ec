package search

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/search/query"
)

// Facet request names.
const (
	fSource   = "source"
	fCategory = "category"
	fAuthor   = "author"
	fCountry  = "country"
	fDivision = "division"
	fCity     = "city"
	fYear     = "year"
	fMonth    = "month"
	fDay      = "day"
	fRecent   = "recent"
)

// facetGroups lists, per group, the facets it counts.
var facetGroups = map[string][]string{
	facetPlaces:   {fCountry, fDivision, fCity},
	facetDates:    {fRecent},
	facetSource:   {fSource},
	facetCategory: {fCategory},
	facetAuthor:   {fAuthor},
}

var groupOrder = []string{facetPlaces, facetDates, facetSource, facetCategory, facetAuthor}

// active reports whether the request filters on the group's facets.
func active(req *Request, group string) bool {
	switch group {
	case facetPlaces:
		return len(req.Places) > 0 || len(req.Countries) > 0
	case facetDates:
		return req.From != "" || req.To != ""
	case facetSource:
		return len(req.Sources) > 0
	case facetCategory:
		return len(req.Categories) > 0
	case facetAuthor:
		return len(req.Authors) > 0
	}
	return false
}

// facetRequest builds one named facet.
func facetRequest(name string, req *Request) *bleve.FacetRequest {
	// Shards each return their own top terms; asking for more than is
	// shown keeps the merged counts exact for the values shown.
	over := func(n int) int { return 3*n + 10 }
	switch name {
	case fSource:
		return bleve.NewFacetRequest(index.FieldSource, over(req.FacetSize))
	case fCategory:
		return bleve.NewFacetRequest(index.FieldCategory, over(req.FacetSize))
	case fAuthor:
		return bleve.NewFacetRequest(index.FieldAuthor, over(req.FacetSize))
	case fCountry:
		return bleve.NewFacetRequest(index.FieldCountry, 250)
	case fDivision:
		return bleve.NewFacetRequest(index.FieldDivision, over(3*req.FacetSize))
	case fCity:
		return bleve.NewFacetRequest(index.FieldCity, over(3*req.FacetSize))
	case fYear:
		return bleve.NewFacetRequest(index.FieldYear, 200)
	case fMonth:
		return bleve.NewFacetRequest(index.FieldMonth, 400)
	case fDay:
		return bleve.NewFacetRequest(index.FieldDay, 100)
	case fRecent:
		fr := bleve.NewFacetRequest(index.FieldPublished, 4)
		now := req.Now
		for _, r := range recentRanges {
			fr.AddDateTimeRange(r.key, r.since(now), now)
		}
		return fr
	}
	return nil
}

var recentRanges = []struct {
	key   string
	since func(time.Time) time.Time
}{
	{"24h", func(t time.Time) time.Time { return t.Add(-24 * time.Hour) }},
	{"7d", func(t time.Time) time.Time { return t.AddDate(0, 0, -7) }},
	{"30d", func(t time.Time) time.Time { return t.AddDate(0, 0, -30) }},
	{"12m", func(t time.Time) time.Time { return t.AddDate(-1, 0, 0) }},
}

// addFacets adds to the main request the facets of every group whose
// filter is not active: for those, the main query's counts are right.
//
// The date histogram always counts with the date filter applied, so that
// choosing a year drills down into its months and a month into its days;
// the fixed recent ranges are disjunctive like the other facets.
func (e *Engine) addFacets(breq *bleve.SearchRequest, req *Request, _ string) {
	breq.AddFacet(fYear, facetRequest(fYear, req))
	breq.AddFacet(fMonth, facetRequest(fMonth, req))
	for _, g := range groupOrder {
		if active(req, g) {
			continue
		}
		for _, name := range facetGroups[g] {
			breq.AddFacet(name, facetRequest(name, req))
		}
	}
}

// facets assembles the facet counts. Groups with an active filter are
// counted by one more search without that filter (disjunctive facets).
func (e *Engine) facets(ctx context.Context, req *Request, text textPart, main *bleve.SearchResult) (*Facets, error) {
	results := map[string]*bsearch.FacetResult{}
	for name, fr := range main.Facets {
		results[name] = fr
	}
	for _, g := range groupOrder {
		if !active(req, g) {
			continue
		}
		filters, err := e.filters(req, g)
		if err != nil {
			return nil, err
		}
		breq := bleve.NewSearchRequestOptions(combine(text, filters), 0, 0, false)
		for _, name := range facetGroups[g] {
			breq.AddFacet(name, facetRequest(name, req))
		}
		res, err := e.ix.Search(ctx, breq)
		if err != nil {
			return nil, searchError(ctx, err)
		}
		for name, fr := range res.Facets {
			results[name] = fr
		}
	}

	f := &Facets{
		Sources:    buckets(results[fSource], req.FacetSize),
		Categories: buckets(results[fCategory], req.FacetSize),
		Authors:    buckets(results[fAuthor], req.FacetSize),
		Places:     e.placeTree(results[fCountry], results[fDivision], results[fCity], req.FacetSize),
	}
	dates, err := e.dateFacet(ctx, req, text, results)
	if err != nil {
		return nil, err
	}
	f.Dates = dates
	return f, nil
}

func terms(fr *bsearch.FacetResult) []*bsearch.TermFacet {
	if fr == nil || fr.Terms == nil {
		return nil
	}
	return fr.Terms.Terms()
}

// buckets lists a keyword facet's values, most frequent first.
func buckets(fr *bsearch.FacetResult, size int) []Bucket {
	out := []Bucket{}
	for _, t := range terms(fr) {
		out = append(out, Bucket{Value: t.Term, Count: uint64(t.Count)})
	}
	sortBuckets(out)
	if len(out) > size {
		out = out[:size]
	}
	return out
}

func sortBuckets(b []Bucket) {
	sort.SliceStable(b, func(i, j int) bool {
		if b[i].Count != b[j].Count {
			return b[i].Count > b[j].Count
		}
		return b[i].Value < b[j].Value
	})
}

// placeTree nests division counts under their countries and city counts
// under their divisions.
func (e *Engine) placeTree(countries, divisions, cities *bsearch.FacetResult, size int) []PlaceNode {
	node := func(id string, count int) (PlaceNode, bool) {
		p, ok := e.gazetteer.Lookup(id)
		if !ok {
			return PlaceNode{}, false
		}
		return PlaceNode{ID: p.ID, Name: p.NameAr, NameEn: p.NameEn, Level: p.Level, Country: p.Country, Count: uint64(count)}, true
	}
	byDivision := map[string][]PlaceNode{}
	for _, t := range terms(cities) {
		n, ok := node(t.Term, t.Count)
		if !ok {
			continue
		}
		_, division, _ := e.gazetteer.Path(n.ID)
		byDivision[division] = append(byDivision[division], n)
	}
	byCountry := map[string][]PlaceNode{}
	for _, t := range terms(divisions) {
		n, ok := node(t.Term, t.Count)
		if !ok {
			continue
		}
		n.Children = limitNodes(byDivision[n.ID], size)
		byCountry[n.Country] = append(byCountry[n.Country], n)
	}
	// Cities of countries without divisions in the gazetteer hang
	// directly under their country.
	for division, list := range byDivision {
		if division == "" {
			for _, c := range list {
				byCountry[c.Country] = append(byCountry[c.Country], c)
			}
		}
	}
	out := []PlaceNode{}
	for _, t := range terms(countries) {
		n, ok := node(t.Term, t.Count)
		if !ok {
			continue
		}
		n.Children = limitNodes(byCountry[n.ID], size)
		out = append(out, n)
	}
	return limitNodes(out, size)
}

func limitNodes(nodes []PlaceNode, size int) []PlaceNode {
	sort.SliceStable(nodes, func(i, j int) bool {
		if nodes[i].Count != nodes[j].Count {
			return nodes[i].Count > nodes[j].Count
		}
		return nodes[i].ID < nodes[j].ID
	})
	if len(nodes) > size {
		nodes = nodes[:size]
	}
	return nodes
}

// dateFacet builds the histogram, choosing years, months or days from the
// span of the matching articles, and the fixed recent ranges.
func (e *Engine) dateFacet(ctx context.Context, req *Request, text textPart, results map[string]*bsearch.FacetResult) (DateFacet, error) {
	df := DateFacet{Buckets: []DateBucket{}, Ranges: []DateBucket{}}
	years := terms(results[fYear])
	months := terms(results[fMonth])
	switch {
	case len(years) > 1:
		df.Interval = "year"
		for _, t := range years {
			df.Buckets = append(df.Buckets, dayBucket(t.Term, uint64(t.Count)))
		}
	case len(months) > 2:
		df.Interval = "month"
		for _, t := range months {
			df.Buckets = append(df.Buckets, dayBucket(t.Term, uint64(t.Count)))
		}
	case len(months) > 0:
		// A narrow span: count by day, one more small search.
		df.Interval = "day"
		filters, err := e.filters(req, facetAll)
		if err != nil {
			return df, err
		}
		breq := bleve.NewSearchRequestOptions(combine(text, filters), 0, 0, false)
		breq.AddFacet(fDay, facetRequest(fDay, req))
		res, err := e.ix.Search(ctx, breq)
		if err != nil {
			return df, searchError(ctx, err)
		}
		for _, t := range terms(res.Facets[fDay]) {
			df.Buckets = append(df.Buckets, dayBucket(t.Term, uint64(t.Count)))
		}
	default:
		df.Interval = "year"
	}
	sort.Slice(df.Buckets, func(i, j int) bool { return df.Buckets[i].Key < df.Buckets[j].Key })

	if fr := results[fRecent]; fr != nil {
		counts := map[string]int{}
		for _, r := range fr.DateRanges {
			counts[r.Name] = r.Count
		}
		for _, r := range recentRanges {
			df.Ranges = append(df.Ranges, DateBucket{
				Key:   r.key,
				From:  r.since(req.Now).Format("2006-01-02"),
				To:    req.Now.Format("2006-01-02"),
				Count: uint64(counts[r.key]),
			})
		}
	}
	return df, nil
}

// dayBucket gives a histogram key ("2018", "2018-03" or "2018-03-14") its
// first and last day.
func dayBucket(key string, count uint64) DateBucket {
	b := DateBucket{Key: key, Count: count}
	switch strings.Count(key, "-") {
	case 0:
		b.From, b.To = key+"-01-01", key+"-12-31"
	case 1:
		t, err := time.Parse("2006-01", key)
		if err == nil {
			b.From = t.Format("2006-01-02")
			b.To = t.AddDate(0, 1, -1).Format("2006-01-02")
		}
	default:
		b.From, b.To = key, key
	}
	return b
}

// FacetValue is one value of a facet found by FacetValues.
type FacetValue struct {
	Value string `json:"value"`
	// Label is the display name (the Arabic name of a place).
	Label string `json:"label,omitempty"`
	Count uint64 `json:"count"`
}

// facetFields maps the facets that support value search to their field
// and filter group.
var facetFields = map[string]struct{ field, group string }{
	"source":   {index.FieldSource, facetSource},
	"category": {index.FieldCategory, facetCategory},
	"author":   {index.FieldAuthor, facetAuthor},
	"country":  {index.FieldCountry, facetPlaces},
	"division": {index.FieldDivision, facetPlaces},
	"city":     {index.FieldCity, facetPlaces},
	"place":    {index.FieldPlaceID, facetPlaces},
}

// FacetNames lists the facets FacetValues accepts.
func FacetNames() []string {
	names := make([]string, 0, len(facetFields))
	for n := range facetFields {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// FacetValues returns the values of one facet whose name starts with
// prefix (any word of a place's names, Arabic or English), with their
// counts for the request's query and its other filters.
func (e *Engine) FacetValues(ctx context.Context, facet, prefix string, req Request, size int) ([]FacetValue, error) {
	spec, ok := facetFields[facet]
	if !ok {
		return nil, badRequest("unknown_facet", "unknown facet %q; facets are %s", facet, strings.Join(FacetNames(), ", "))
	}
	if size <= 0 {
		size = 20
	}
	if size > 500 {
		return nil, badRequest("invalid_size", "size must be between 1 and 500")
	}
	req.Size, req.Page, req.SearchAfter = 1, 1, nil
	if err := normalize(&req); err != nil {
		return nil, err
	}
	parsed, err := query.Parse(req.Query, query.Options{})
	if err != nil {
		return nil, badRequest("invalid_query", "query: %v", err)
	}
	text, _ := e.textQuery(parsed)
	filters, err := e.filters(&req, spec.group)
	if err != nil {
		return nil, err
	}
	breq := bleve.NewSearchRequestOptions(combine(text, filters), 0, 0, false)
	breq.AddFacet("values", bleve.NewFacetRequest(spec.field, 5000))
	res, err := e.ix.Search(ctx, breq)
	if err != nil {
		return nil, searchError(ctx, err)
	}
	want := placeKey(prefix)
	out := []FacetValue{}
	for _, t := range terms(res.Facets["values"]) {
		v := FacetValue{Value: t.Term, Count: uint64(t.Count)}
		names := []string{t.Term}
		if spec.group == facetPlaces {
			if p, ok := e.gazetteer.Lookup(t.Term); ok {
				v.Label = p.NameAr
				names = append([]string{p.NameAr, p.NameEn}, p.Variants...)
			}
		}
		if want == "" || namesHavePrefix(names, want) {
			out = append(out, v)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Value < out[j].Value
	})
	if len(out) > size {
		out = out[:size]
	}
	return out, nil
}

// namesHavePrefix reports whether a word of any of the names starts with
// the normalized prefix.
func namesHavePrefix(names []string, prefix string) bool {
	for _, n := range names {
		k := placeKey(n)
		if strings.HasPrefix(k, prefix) {
			return true
		}
		for _, w := range strings.Fields(k) {
			if strings.HasPrefix(w, prefix) || strings.HasPrefix(strings.TrimPrefix(w, "ال"), prefix) {
				return true
			}
		}
	}
	return false
}
