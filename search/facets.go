package search

import (
	"context"
	"slices"
	"sort"
	"strings"
	"time"

	blevequery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/places"
)

// All facets are counted from index.FieldFacet, one keyword field whose
// values carry their facet as a prefix ("d/2018-03-14", "p/IQ", "s/…"),
// by Index.FacetCounts from per-segment columns rather than by bleve's
// facet builders; years and months are summed from the days, and so are
// the fixed recent ranges.

var recentRanges = []struct {
	key   string
	since func(time.Time) time.Time
}{
	{"24h", func(t time.Time) time.Time { return t.Add(-24 * time.Hour) }},
	{"7d", func(t time.Time) time.Time { return t.AddDate(0, 0, -7) }},
	{"30d", func(t time.Time) time.Time { return t.AddDate(0, 0, -30) }},
	{"12m", func(t time.Time) time.Time { return t.AddDate(-1, 0, 0) }},
}

// facetCounts holds a search's facet values by facet name, and the number
// of matches of the last 24 hours.
type facetCounts struct {
	values  map[string]map[string]uint64
	lastDay uint64
}

// count counts the facet values of the documents matching q.
func (e *Engine) count(ctx context.Context, q blevequery.Query, now time.Time) (facetCounts, error) {
	tally, err := e.ix.FacetCounts(ctx, q, now.Add(-24*time.Hour))
	if err != nil {
		return facetCounts{}, searchError(ctx, err)
	}
	return tallyCounts(tally), nil
}

// tallyCounts sorts the counted values by facet.
func tallyCounts(tally *index.FacetTally) facetCounts {
	fc := facetCounts{values: map[string]map[string]uint64{}, lastDay: tally.Recent}
	for _, f := range facetTable {
		m := map[string]uint64{}
		tally.Each(f.Prefix, func(value string, n uint64) { m[value] = n })
		fc.values[f.Name] = m
	}
	return fc
}

// wanted lists the facets a request counts: those it names, else all.
func wanted(req *Request) []Facet {
	if len(req.Facets) == 0 {
		return facetTable
	}
	var out []Facet
	for _, f := range facetTable {
		if slices.Contains(req.Facets, f.Name) {
			out = append(out, f)
		}
	}
	return out
}

// groupCounts counts each wanted facet the request filters on without
// that facet's own filter (disjunctive facets: choosing one source keeps
// the counts of the others). Facets without a filter take their counts
// from the query with every filter, which the ranked search counts.
func (e *Engine) groupCounts(ctx context.Context, req *Request, text textPart) (map[string]facetCounts, error) {
	out := map[string]facetCounts{}
	for _, f := range wanted(req) {
		if !f.active(req) {
			continue
		}
		filters, err := e.filters(req, f.Name)
		if err != nil {
			return nil, err
		}
		group, err := e.count(ctx, combine(text, filters), req.Now)
		if err != nil {
			return nil, err
		}
		out[f.Name] = group
	}
	return out, nil
}

// facets assembles the wanted facets from the counts of the query with
// every filter (all), which also give the date histogram, drilling down
// within the date filter (choosing a year shows its months, a month its
// days), and those of the facets with an active filter.
func (e *Engine) facets(req *Request, all facetCounts, groups map[string]facetCounts) *Facets {
	out := &Facets{}
	for _, f := range wanted(req) {
		counts, lastDay := all.values[f.Name], all.lastDay
		if g, ok := groups[f.Name]; ok {
			counts, lastDay = g.values[f.Name], g.lastDay
		}
		switch f.Name {
		case "dates":
			df := dateFacet(all.values[f.Name], counts, lastDay, req.Now)
			out.Dates = &df
		case "places":
			out.Places = e.placeTree(counts, req.FacetSize)
		case "sources":
			out.Sources = buckets(counts, req.FacetSize)
		case "categories":
			out.Categories = buckets(counts, req.FacetSize)
		case "authors":
			out.Authors = buckets(counts, req.FacetSize)
		}
	}
	return out
}

// buckets lists a facet's values, most frequent first.
func buckets(counts map[string]uint64, size int) []Bucket {
	out := make([]Bucket, 0, len(counts))
	for v, n := range counts {
		out = append(out, Bucket{Value: v, Count: n})
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

// placeInfo is what the place tree needs of a gazetteer place.
type placeInfo struct {
	node   PlaceNode // without count and children
	parent string    // the tree parent: the division of a city (else its country), the country of a division
}

// placeInfos indexes the gazetteer for placeTree.
func placeInfos(g *places.Gazetteer) map[string]placeInfo {
	out := map[string]placeInfo{}
	for _, p := range g.All() {
		country, division, _ := g.Path(p.ID)
		info := placeInfo{node: PlaceNode{ID: p.ID, Name: p.NameAr, NameEn: p.NameEn, Level: p.Level, Country: p.Country}}
		switch p.Level {
		case "division":
			info.parent = country
		case "city":
			info.parent = country
			if division != "" {
				info.parent = division
			}
		}
		out[p.ID] = info
	}
	return out
}

// placeTree nests division counts under their countries and city counts
// under their divisions (or their country when the division has no count
// or the gazetteer knows none), keeping the size most frequent at each
// level.
func (e *Engine) placeTree(counts map[string]uint64, size int) []PlaceNode {
	children := map[string][]PlaceNode{}
	for id, n := range counts {
		info, ok := e.places[id]
		if !ok {
			continue
		}
		parent := info.parent
		if info.node.Level == "city" && parent != info.node.Country {
			if _, counted := counts[parent]; !counted {
				parent = info.node.Country
			}
		}
		node := info.node
		node.Count = n
		children[parent] = append(children[parent], node)
	}
	var build func(parent string) []PlaceNode
	build = func(parent string) []PlaceNode {
		nodes := limitNodes(children[parent], size)
		for i := range nodes {
			if nodes[i].Level != "city" {
				nodes[i].Children = build(nodes[i].ID)
			}
		}
		return nodes
	}
	out := build("")
	if out == nil {
		out = []PlaceNode{}
	}
	return out
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

// dateFacet builds the histogram from the day counts of the matching
// articles, by year, month or day as the span asks, and the fixed recent
// ranges, counted by publication day, from the (disjunctive) day counts.
func dateFacet(histogram, recent map[string]uint64, lastDay uint64, now time.Time) DateFacet {
	df := DateFacet{Buckets: []DateBucket{}, Ranges: []DateBucket{}}
	years := map[string]uint64{}
	months := map[string]uint64{}
	for day, n := range histogram {
		if len(day) != len("2006-01-02") {
			continue
		}
		years[day[:4]] += n
		months[day[:7]] += n
	}
	pick := histogram
	switch {
	case len(years) > 1:
		df.Interval, pick = "year", years
	case len(months) > 2:
		df.Interval, pick = "month", months
	default:
		df.Interval = "day"
	}
	for key, n := range pick {
		df.Buckets = append(df.Buckets, dayBucket(key, n))
	}
	sort.Slice(df.Buckets, func(i, j int) bool { return df.Buckets[i].Key < df.Buckets[j].Key })

	today := now.Format("2006-01-02")
	for _, r := range recentRanges {
		since := r.since(now)
		from := since.Format("2006-01-02")
		var n uint64
		if r.key == "24h" {
			n = lastDay // counted from the exact publication times
		} else {
			for day, c := range recent {
				if day >= from && day <= today {
					n += c
				}
			}
		}
		df.Ranges = append(df.Ranges, DateBucket{Key: r.key, From: from, To: today, Count: n})
	}
	return df
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

// FacetValues is the answer of Engine.FacetValues: one facet's values in
// the shape Result.Facets gives them. Values is a []Bucket for a keyword
// facet, a []PlaceNode (flat, without children) for places and a
// DateFacet for dates.
type FacetValues struct {
	Facet  string `json:"facet"`
	Values any    `json:"values"`
}

// FacetValues returns the values of one facet, with their counts for the
// request's query and its other filters: those whose names have a word
// starting with the prefix (any of a place's Arabic or English names),
// of one level for places, most frequent first.
func (e *Engine) FacetValues(ctx context.Context, fr FacetRequest) (*FacetValues, error) {
	f, ok := FacetNamed(fr.Facet)
	if !ok {
		return nil, badParam("facet", "unknown_facet", "unknown facet %q; the facets are %s", fr.Facet, strings.Join(FacetNames(), ", "))
	}
	if fr.Size == 0 {
		fr.Size = DefaultFacetSize
	}
	if fr.Size < 1 || fr.Size > MaxFacetSize {
		return nil, badParam("size", "invalid_size", "size must be between 1 and %d, not %d", MaxFacetSize, fr.Size)
	}
	if fr.Level != "" && f.Kind != FacetPlace {
		return nil, badParam("level", "invalid_level", "level applies to places only, not to %s", f.Name)
	}
	if fr.Prefix != "" && f.Kind == FacetDate {
		return nil, badParam("prefix", "invalid_prefix", "dates have no names to match a prefix against")
	}
	req := fr.Request
	req.Size, req.Page, req.SearchAfter, req.FacetSize = 1, 1, nil, fr.Size
	if err := req.normalize(); err != nil {
		return nil, err
	}
	text, _, err := e.parse(req.Query)
	if err != nil {
		return nil, err
	}
	filters, err := e.filters(&req, f.Name)
	if err != nil {
		return nil, err
	}
	counts, err := e.count(ctx, combine(text, filters), req.Now)
	if err != nil {
		return nil, err
	}
	values := counts.values[f.Name]
	out := &FacetValues{Facet: f.Name}
	switch f.Kind {
	case FacetDate:
		histogram := values
		if f.active(&req) {
			all, err := e.filters(&req, "")
			if err != nil {
				return nil, err
			}
			withDates, err := e.count(ctx, combine(text, all), req.Now)
			if err != nil {
				return nil, err
			}
			histogram = withDates.values[f.Name]
		}
		out.Values = dateFacet(histogram, values, counts.lastDay, req.Now)
	case FacetPlace:
		want := placeKey(fr.Prefix)
		nodes := []PlaceNode{}
		for id, n := range values {
			info, ok := e.places[id]
			if !ok || fr.Level != "" && info.node.Level != fr.Level {
				continue
			}
			p, _ := e.gazetteer.Lookup(id)
			if want != "" && !namesHavePrefix(append([]string{p.NameAr, p.NameEn}, p.Variants...), want) {
				continue
			}
			node := info.node
			node.Count = n
			nodes = append(nodes, node)
		}
		out.Values = limitNodes(nodes, fr.Size)
	default:
		want := placeKey(fr.Prefix)
		kept := map[string]uint64{}
		for v, n := range values {
			if want == "" || namesHavePrefix([]string{v}, want) {
				kept[v] = n
			}
		}
		out.Values = buckets(kept, fr.Size)
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
