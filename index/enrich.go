package index

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/index/dates"
	"github.com/fahras/fahras/index/places"
)

// bodyDateWindow is how far into the body a publication date may be:
// a date further down is a mention ("في أيلول 2014"), not the date the
// article was published.
const bodyDateWindow = 240

// Enricher finds an article's publication date and places, and turns it
// into the document the index stores.
type Enricher struct {
	gazetteer *places.Gazetteer
	matcher   *places.Matcher
	location  *time.Location
}

// NewEnricher returns an enricher over a gazetteer. Dates without a zone
// are read in loc (UTC when nil).
func NewEnricher(g *places.Gazetteer, loc *time.Location) *Enricher {
	if loc == nil {
		loc = time.UTC
	}
	return &Enricher{gazetteer: g, matcher: g.NewMatcher(), location: loc}
}

// Gazetteer is the gazetteer the enricher matches places against.
func (e *Enricher) Gazetteer() *places.Gazetteer { return e.gazetteer }

// Enrich sets the article's ID, publication date and places (the dateline
// from the body's first line, else from the author field when it is a
// byline such as "القاهرة - أحمد الريدي"). now is the
// reference time for relative dates ("منذ ساعتين"): the time the page was
// scraped, or the present.
func (e *Enricher) Enrich(a *article.Article, now time.Time) {
	a.EnsureID()
	e.date(a, now)
	found := e.matcher.ExtractByline(a.Title, a.Body, a.Author)
	a.Dateline = found.Dateline
	a.Places = found.Places
	if a.Places == nil {
		a.Places = []article.Place{}
	}
}

// ReferenceTime is the time relative dates ("منذ ساعتين") are read
// against: now when it is given (--now), else the time the article's file
// was written, else present.
func ReferenceTime(now, fileTime, present time.Time) time.Time {
	switch {
	case !now.IsZero():
		return now
	case !fileTime.IsZero():
		return fileTime
	}
	return present
}

// date picks the publication date: explicit metadata first, then the
// header lines of a scraped page, then a date at the very top of the body.
func (e *Enricher) date(a *article.Article, now time.Time) {
	opts := dates.Options{Now: now, Location: e.location}
	if text := strings.TrimSpace(a.PublishedText); text != "" {
		if d, err := dates.Parse(text, opts); err == nil {
			a.Published, a.PublishedText = d.Time, text
			if a.PublishedFrom == "" {
				a.PublishedFrom = "metadata"
			}
			return
		}
		if d, ok := dates.Find(text, opts); ok {
			a.Published, a.PublishedText = d.Time, text
			if a.PublishedFrom == "" {
				a.PublishedFrom = "metadata"
			}
			return
		}
	}
	if !a.Published.IsZero() {
		return
	}
	for _, line := range a.HeaderLines {
		if d, err := dates.Parse(line, opts); err == nil {
			a.Published, a.PublishedText, a.PublishedFrom = d.Time, strings.TrimSpace(line), "header"
			return
		}
	}
	if d, ok := dates.Find(prefixRunes(a.Body, bodyDateWindow), opts); ok {
		a.Published, a.PublishedText, a.PublishedFrom = d.Time, d.Text, "body"
		return
	}
	a.PublishedFrom = ""
}

// prefixRunes returns at most n runes from the start of s.
func prefixRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for count := 0; i < len(s) && count < n; count++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// Doc is an enriched article with the place hierarchy resolved: what the
// index stores for it.
type Doc struct {
	Article    article.Article
	PlaceIDs   []string
	PlaceNames []string
	Countries  []string
	Divisions  []string
	Cities     []string
	Primary    *article.Place

	bodyHash string // computed once; see hash
}

// hash returns the article's body hash, computing it once.
func (d *Doc) hash() string {
	if d.bodyHash == "" {
		d.bodyHash = d.Article.BodyHash()
	}
	return d.bodyHash
}

// Document resolves the hierarchy of the article's places: each place
// also counts for its division and country, so that facets and filters on
// a country find articles that name only one of its cities.
func (e *Enricher) Document(a article.Article) Doc {
	d := Doc{Article: a}
	d.hash()
	seen := map[string]bool{}
	add := func(id string) {
		if id == "" || seen[id] {
			return
		}
		seen[id] = true
		p, ok := e.gazetteer.Lookup(id)
		if !ok {
			return
		}
		d.PlaceIDs = append(d.PlaceIDs, id)
		d.PlaceNames = append(d.PlaceNames, p.NameAr)
		switch p.Level {
		case "country":
			d.Countries = append(d.Countries, id)
		case "division":
			d.Divisions = append(d.Divisions, id)
		case "city":
			d.Cities = append(d.Cities, id)
		}
	}
	all := a.Places
	if a.Dateline != nil {
		all = append([]article.Place{*a.Dateline}, all...)
	}
	for _, p := range all {
		if p.Unresolved {
			// A dateline city the gazetteer does not know: its country
			// still counts, and its name as written.
			add(p.Country)
			if p.Name != "" && !seen["name:"+p.Name] {
				seen["name:"+p.Name] = true
				d.PlaceNames = append(d.PlaceNames, p.Name)
			}
			continue
		}
		country, division, city := e.gazetteer.Path(p.ID)
		add(country)
		add(division)
		add(city)
	}
	// The primary place: the dateline, else the most mentioned place,
	// preferring the most specific level on ties.
	if a.Dateline != nil {
		p := *a.Dateline
		d.Primary = &p
	} else {
		for i := range a.Places {
			p := a.Places[i]
			if d.Primary == nil || p.Count > d.Primary.Count ||
				(p.Count == d.Primary.Count && levelRank(p.Level) > levelRank(d.Primary.Level)) {
				d.Primary = &p
			}
		}
	}
	return d
}

func levelRank(level string) int {
	switch level {
	case "city":
		return 3
	case "division":
		return 2
	case "country":
		return 1
	}
	return 0
}
