package places

import (
	"strings"

	"github.com/fahras/fahras/index/dateline"
)

// datelineMatch is the place a story was filed from, before resolution.
type datelineMatch struct {
	// node is the city's name in the trie; nil when the city is not in
	// the gazetteer but the dateline's country part is (written, country).
	node *node
	// hits are the places node stands for that fit the dateline's other
	// parts: all of node's hits when there are no other parts.
	hits  []hit
	place int // set by resolve
	// countries are the countries the dateline's other parts name
	// (دبي، الإمارات العربية المتحدة): they set the article's context.
	countries []string
	// written is the city as the dateline writes it, kept when it is not
	// in the gazetteer.
	written string
}

// dateline finds the place a story was filed from: in the first line of
// its body (بغداد/المسلة:، القاهرة - رويترز، الرياض (واس) -، دبي،
// الإمارات العربية المتحدة (CNN)—), else in its byline (القاهرة - أحمد
// الريدي). The place part must be a gazetteer name, with one letter of
// slack in a long name when the shape alone shows a dateline; when only
// the country part after a comma is known, the city is kept as written
// under that country.
//
// It also returns how many bytes of body the dateline takes: its words
// name where the story was filed, not what it is about (the country part
// of دبي، الإمارات العربية المتحدة only places the city), so they are not
// scanned for mentions.
func (m *Matcher) dateline(body, byline string) (*datelineMatch, int) {
	start, line := firstLine(body)
	if d, ok := dateline.Parse(line); ok {
		skip := start + len(line)
		if strings.HasSuffix(line, d.Rest) {
			skip -= len(d.Rest)
		}
		if dl := m.datelineOf(d, true); dl != nil {
			return dl, skip
		}
		if d.Lead != "" {
			// (بغداد) - …: the place itself in parentheses.
			if dl := m.datelineOf(dateline.Dateline{Place: d.Lead, Parts: []string{d.Lead}}, true); dl != nil {
				return dl, skip
			}
		}
	}
	if d, ok := dateline.ParseByline(byline); ok {
		return m.datelineOf(d, false), 0
	}
	return nil, 0
}

// firstLine returns the first non-blank line of body, trimmed, and where
// it starts.
func firstLine(body string) (int, string) {
	offset := 0
	for offset < len(body) {
		line, _, _ := strings.Cut(body[offset:], "\n")
		if t := strings.TrimSpace(line); t != "" {
			return offset + strings.Index(line, t), t
		}
		offset += len(line) + 1
	}
	return 0, ""
}

// datelineOf resolves the place parts of a dateline; inBody says whether
// the dateline is the opening of the scanned body.
func (m *Matcher) datelineOf(d dateline.Dateline, inBody bool) *datelineMatch {
	if len(d.Parts) == 0 {
		return nil
	}
	// A shape sure enough to be stripped from a title is trusted: its
	// place may be a stop-listed name, a slip, or a city the gazetteer
	// lacks under the country it names.
	trusted := d.Certain()
	// The parts after the city name what contains it: a country, a
	// division, a region.
	var within []map[string]bool
	var countries []string
	for _, part := range d.Parts[1:] {
		n := m.exactName(part, trusted)
		if n == nil {
			continue
		}
		ids := map[string]bool{}
		for _, h := range datelineHits(n, trusted) {
			p := &m.places[h.place]
			ids[p.ID] = true
			ids[p.Country] = true
		}
		within = append(within, ids)
		if p := m.choose(datelineHits(n, trusted), nil, false); p >= 0 {
			countries = append(countries, m.places[p].Country)
		}
	}
	city := m.exactName(d.Parts[0], trusted)
	slip := false
	if city == nil && trusted {
		city, slip = m.fuzzy.find(d.Parts[0], m.population), true
	}
	if city != nil {
		hits := datelineHits(city, trusted)
		if slip {
			// A slip finds a city or a division, not a country: a
			// country's name is too close to too many towns' (إيبان is
			// not إيران).
			hits = m.notCountries(hits)
		}
		if len(within) > 0 {
			if in := m.inside(hits, within); len(in) > 0 || inBody {
				hits = in
			}
			// else a byline listing the places of several authors (دبي،
			// اليمن - …): its first place is the dateline.
		}
		if len(hits) > 0 {
			return &datelineMatch{node: city, hits: hits, place: -1, countries: countries}
		}
	}
	if written := strings.TrimSpace(d.Parts[0]); trusted && len(countries) > 0 && isArabicName(written) {
		// (A name in Arabic letters: العربية.نت، مصر - … names an outlet.)
		return &datelineMatch{place: -1, countries: countries[:1], written: written}
	}
	return nil
}

// notCountries drops the hits of countries.
func (m *Matcher) notCountries(hits []hit) []hit {
	var out []hit
	for _, h := range hits {
		if m.places[h.place].Level != LevelCountry {
			out = append(out, h)
		}
	}
	return out
}

// population is the largest population of the places a name stands for.
func (m *Matcher) population(n *node) int {
	best := 0
	for _, h := range datelineHits(n, true) {
		best = max(best, m.places[h.place].Population)
	}
	return best
}

// datelineHits returns the places a name stands for in a dateline: its
// place names, and, when the shape shows a dateline, also the names kept
// out of running text by the stop list (صور (لبنان) -).
func datelineHits(n *node, marked bool) []hit {
	var out []hit
	for _, h := range n.hits {
		if !h.adjective {
			out = append(out, h)
		}
	}
	if marked {
		out = append(out, n.stopped...)
	}
	return out
}

// inside keeps the hits that lie in every one of within (sets of IDs and
// country codes), a territory counting as within the country that
// administers it (هونغ كونغ، الصين).
func (m *Matcher) inside(hits []hit, within []map[string]bool) []hit {
	var out []hit
	for _, h := range hits {
		p := &m.places[h.place]
		ok := true
		for _, ids := range within {
			div := ""
			if d := m.division[h.place]; d >= 0 {
				div = m.places[d].ID
			}
			if !ids[p.Country] && !ids[div] && !ids[p.ID] && !ids[sovereign[p.Country]] {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, h)
		}
	}
	return out
}

// sovereign maps territories with ISO codes of their own to the country
// that administers or claims them, as datelines often name it.
var sovereign = map[string]string{
	"HK": "CN", "MO": "CN", "TW": "CN", "PR": "US", "GU": "US", "VI": "US",
	"GL": "DK", "FO": "DK", "EH": "MA", "GI": "GB", "BM": "GB", "KY": "GB",
	"NC": "FR", "PF": "FR", "RE": "FR", "GP": "FR", "MQ": "FR", "GF": "FR",
	"AW": "NL", "CW": "NL",
}

// exactName returns the trie node whose name is exactly the words of s,
// if it names a place (not only an adjective); with stopped set, names on
// the stop list count too.
func (m *Matcher) exactName(s string, stopped bool) *node {
	toks := tokenize(s, nil)
	if len(toks) == 0 {
		return nil
	}
	level := m.root
	var n *node
	for _, t := range toks {
		if n = level[t.text]; n == nil {
			return nil
		}
		level = n.next
	}
	if len(datelineHits(n, stopped)) > 0 {
		return n
	}
	return nil
}
