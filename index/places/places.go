// Package places is fahras's gazetteer and place extractor.
//
// The gazetteer is a hierarchy of countries, first-level divisions
// (governorates, provinces, states) and cities with their Arabic names,
// spelling variants and nisba adjectives (العراقي، العراقية → العراق). It is
// read from tab-separated files embedded in the binary (see Default and
// Load) and can be enlarged with a GeoNames cities file (LoadGeoNames).
//
// A Matcher finds the places an article names: the dateline the body opens
// with (بغداد/المسلة:، القاهرة - رويترز، دبي، الإمارات العربية المتحدة
// (CNN)—) or its byline carries (القاهرة - أحمد الريدي), read by package
// dateline and resolved against the gazetteer, and every mention in the
// title and body, matched after Arabic normalization and clitic stripping
// (بالعراق، والأنبار), longest name first, with a stop list for names that
// are also common words and rules for names shared by several places
// (population, the dateline's country, the article's other places).
//
// A dateline's shape is trusted: the country after its comma places a
// city the gazetteer lacks (kept as written, marked unresolved), and a
// one-letter slip in a name of five letters or more still resolves there,
// never in running text.
package places

import (
	"slices"
	"sort"
)

// Levels of the hierarchy, as written in the data files.
const (
	LevelCountry  = "country"
	LevelDivision = "division"
	LevelCity     = "city"
)

// Place is one gazetteer entry. Parent is "" for a country, the country ID
// for a division, and the division ID (or, when none is known, the country
// ID) for a city. Variants are other Arabic spellings of the name;
// Adjectives are its nisba forms. Population is 0 when unknown.
type Place struct {
	ID         string
	Level      string
	Country    string
	Parent     string
	NameEn     string
	NameAr     string
	Variants   []string
	Adjectives []string
	Lat, Lon   float64
	Population int
}

func (p Place) clone() Place {
	p.Variants = slices.Clone(p.Variants)
	p.Adjectives = slices.Clone(p.Adjectives)
	return p
}

// Gazetteer holds places by ID and their hierarchy. It is not safe for
// concurrent use while LoadGeoNames runs; otherwise reads may be
// concurrent. Build a Matcher from it to extract places from text.
type Gazetteer struct {
	places   []Place
	byID     map[string]int
	children map[string][]int
}

func newGazetteer() *Gazetteer {
	return &Gazetteer{byID: map[string]int{}, children: map[string][]int{}}
}

// add appends p, which must have a new ID and a known parent.
func (g *Gazetteer) add(p Place) {
	i := len(g.places)
	g.places = append(g.places, p)
	g.byID[p.ID] = i
	if p.Parent != "" {
		g.children[p.Parent] = append(g.children[p.Parent], i)
	}
}

// Len returns the number of places.
func (g *Gazetteer) Len() int { return len(g.places) }

// Lookup returns the place with the given ID.
func (g *Gazetteer) Lookup(id string) (Place, bool) {
	i, ok := g.byID[id]
	if !ok {
		return Place{}, false
	}
	return g.places[i].clone(), true
}

// Children returns the places whose parent is id, in the order they were
// loaded.
func (g *Gazetteer) Children(id string) []Place {
	idx := g.children[id]
	out := make([]Place, len(idx))
	for k, i := range idx {
		out[k] = g.places[i].clone()
	}
	return out
}

// Countries returns every country, ordered by ID.
func (g *Gazetteer) Countries() []Place {
	var out []Place
	for _, p := range g.places {
		if p.Level == LevelCountry {
			out = append(out, p.clone())
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}

// All returns every place, in the order the gazetteer files list them.
func (g *Gazetteer) All() []Place {
	out := make([]Place, len(g.places))
	for i, p := range g.places {
		out[i] = p.clone()
	}
	return out
}

// Names returns every Arabic name and variant in the gazetteer, as written,
// deduplicated and sorted: the words an analyzer should not stem.
func (g *Gazetteer) Names() []string {
	seen := map[string]bool{}
	var out []string
	addName := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, p := range g.places {
		addName(p.NameAr)
		for _, v := range p.Variants {
			addName(v)
		}
	}
	sort.Strings(out)
	return out
}

// Path returns the IDs of the country, first-level division and city that
// contain id (id itself included at its own level). Levels that do not
// apply are "": Path of a division has no city, a city attached directly
// to its country has no division. An unknown id gives three empty strings.
func (g *Gazetteer) Path(id string) (country, division, city string) {
	for depth := 0; depth < 3; depth++ {
		i, ok := g.byID[id]
		if !ok {
			return
		}
		p := g.places[i]
		switch p.Level {
		case LevelCountry:
			country = p.ID
			return
		case LevelDivision:
			division = p.ID
		case LevelCity:
			city = p.ID
		}
		id = p.Parent
	}
	return
}
