package search

import (
	"context"
	"sort"
	"strings"
	"time"

	blevequery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/search/query"
)

// All facets are counted from index.FieldFacet, one keyword field whose
// values carry their facet as a prefix ("d/2018-03-14", "p/IQ", "s/…"),
// by Index.FacetCounts from per-segment columns rather than by bleve's
// facet builders; years and months are summed from the days, and so are
// the fixed recent ranges.

// groupPrefix is the FieldFacet prefix of each disjunctive facet group.
var groupPrefix = map[string]string{
	facetPlaces:   index.FacetPlace,
	facetDates:    index.FacetDay, // and lastDayKey, see groupPrefixes
	facetSource:   index.FacetSource,
	facetCategory: index.FacetCategory,
	facetAuthor:   index.FacetAuthor,
}

// groupPrefixes lists the FieldFacet prefixes a group's counts use.
func groupPrefixes(group string) []string {
	if group == facetDates {
		return []string{index.FacetDay, lastDayKey}
	}
	return []string{groupPrefix[group]}
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

var recentRanges = []struct {
	key   string
	since func(time.Time) time.Time
}{
	{"24h", func(t time.Time) time.Time { return t.Add(-24 * time.Hour) }},
	{"7d", func(t time.Time) time.Time { return t.AddDate(0, 0, -7) }},
	{"30d", func(t time.Time) time.Time { return t.AddDate(0, 0, -30) }},
	{"12m", func(t time.Time) time.Time { return t.AddDate(-1, 0, 0) }},
}

// facetCounts holds a search's facet values, split by prefix, and under
// lastDayKey the number of matches of the last 24 hours (as {"": n}).
type facetCounts map[string]map[string]uint64

// lastDayKey holds, in facetCounts, the count of the last 24 hours.
const lastDayKey = "24h"

// count counts the facet values of the documents matching q, keeping
// those with the prefix only (all when only is "").
func (e *Engine) count(ctx context.Context, q blevequery.Query, only string, now time.Time) (facetCounts, error) {
	tally, err := e.ix.FacetCounts(ctx, q, now.Add(-24*time.Hour))
	if err != nil {
		return nil, searchError(ctx, err)
	}
	return tallyCounts(tally, only), nil
}

// facetPrefixes are the prefixes of index.FieldFacet's values.
var facetPrefixes = []string{index.FacetDay, index.FacetPlace, index.FacetSource, index.FacetCategory, index.FacetAuthor}

// tallyCounts sorts the counted values by prefix, keeping those with the
// prefix only (all when only is "").
func tallyCounts(tally *index.FacetTally, only string) facetCounts {
	fc := facetCounts{lastDayKey: {"": tally.Recent}}
	for _, prefix := range facetPrefixes {
		if only != "" && prefix != only {
			continue
		}
		m := map[string]uint64{}
		tally.Each(prefix, func(value string, n uint64) { m[value] = n })
		fc[prefix] = m
	}
	return fc
}

// groupCounts counts each facet group the request filters on without
// that group's own filter (disjunctive facets: choosing one source keeps
// the counts of the others). Groups without a filter take their counts
// from the query with every filter, which the ranked search counts.
func (e *Engine) groupCounts(ctx context.Context, req *Request, text textPart) (map[string]facetCounts, error) {
	out := map[string]facetCounts{}
	for _, g := range groupOrder {
		if !active(req, g) {
			continue
		}
		filters, err := e.filters(req, g)
		if err != nil {
			return nil, err
		}
		group, err := e.count(ctx, combine(text, filters), "", req.Now)
		if err != nil {
			return nil, err
		}
		out[g] = group
	}
	return out, nil
}

// facets assembles the facet counts from those of the query with every
// filter (all), which also give the date histogram, drilling down within
// the date filter (choosing a year shows its months, a month its days),
// and those of the groups with an active filter.
func (e *Engine) facets(req *Request, all facetCounts, groups map[string]facetCounts) *Facets {
	histogram := all[index.FacetDay]
	for g, group := range groups {
		for _, prefix := range groupPrefixes(g) {
			all[prefix] = group[prefix]
		}
	}
	return &Facets{
		Sources:    buckets(all[index.FacetSource], req.FacetSize),
		Categories: buckets(all[index.FacetCategory], req.FacetSize),
		Authors:    buckets(all[index.FacetAuthor], req.FacetSize),
		Places:     e.placeTree(all[index.FacetPlace], req.FacetSize),
		Dates:      dateFacet(histogram, all[index.FacetDay], all[lastDayKey][""], req.Now),
	}
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

// FacetValue is one value of a facet found by FacetValues.
type FacetValue struct {
	Value string `json:"value"`
	// Label is the display name (the Arabic name of a place).
	Label string `json:"label,omitempty"`
	Count uint64 `json:"count"`
}

// facetGroupOf maps the facets that support value search to their filter
// group and, for places, the level they keep ("" for any).
var facetGroupOf = map[string]struct{ group, level string }{
	"source":   {facetSource, ""},
	"category": {facetCategory, ""},
	"author":   {facetAuthor, ""},
	"country":  {facetPlaces, "country"},
	"division": {facetPlaces, "division"},
	"city":     {facetPlaces, "city"},
	"place":    {facetPlaces, ""},
}

// FacetNames lists the facets FacetValues accepts.
func FacetNames() []string {
	names := make([]string, 0, len(facetGroupOf))
	for n := range facetGroupOf {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// FacetValues returns the values of one facet whose name starts with
// prefix (any word of a place's names, Arabic or English), with their
// counts for the request's query and its other filters.
func (e *Engine) FacetValues(ctx context.Context, facet, prefix string, req Request, size int) ([]FacetValue, error) {
	spec, ok := facetGroupOf[facet]
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
	text := e.textQuery(parsed)
	filters, err := e.filters(&req, spec.group)
	if err != nil {
		return nil, err
	}
	counts, err := e.count(ctx, combine(text, filters), groupPrefix[spec.group], req.Now)
	if err != nil {
		return nil, err
	}
	want := placeKey(prefix)
	out := []FacetValue{}
	for value, n := range counts[groupPrefix[spec.group]] {
		v := FacetValue{Value: value, Count: n}
		names := []string{value}
		if spec.group == facetPlaces {
			p, ok := e.gazetteer.Lookup(value)
			if !ok || spec.level != "" && p.Level != spec.level {
				continue
			}
			v.Label = p.NameAr
			names = append([]string{p.NameAr, p.NameEn}, p.Variants...)
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
