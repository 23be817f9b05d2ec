package places

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/fahras/fahras/index/article"
)

// Roles of an extracted place.
const (
	RoleDateline = "dateline"
	RoleMention  = "mention"
)

// Extraction is what a Matcher finds in one article. Places holds every
// place found (the dateline's place included, with Role "dateline"), the
// dateline first, then by count, then by first occurrence. Ancestors of a
// place are not added: use Gazetteer.Path for them.
type Extraction struct {
	Dateline *article.Place
	Places   []article.Place
}

// Matcher finds gazetteer places in text. It is built once from a
// gazetteer (later changes to the gazetteer do not reach it) and is safe
// for concurrent use.
type Matcher struct {
	places []Place
	// division holds, for each place, the index of its first-level
	// division or -1.
	division []int
	root     map[string]*node
	// fuzzy finds names within one slip of a dateline's place.
	fuzzy *fuzzyIndex
}

// node is one word of the name trie. hits are the places whose name (or
// adjective) ends at this word.
type node struct {
	next map[string]*node
	hits []hit
	// stopped are the places whose name here is on the stop list: found
	// in datelines only.
	stopped []hit
	// ignore marks the end of a phrase that is not a place (ريال مدريد).
	ignore bool
}

type hit struct {
	place     int
	adjective bool
}

// minNameRunes is the shortest single-word name matched: shorter names
// (إب، أم) collide with common words.
const minNameRunes = 3

// NewMatcher builds a matcher over the gazetteer's current places.
func (g *Gazetteer) NewMatcher() *Matcher {
	m := &Matcher{
		places:   make([]Place, len(g.places)),
		division: make([]int, len(g.places)),
		root:     map[string]*node{},
		fuzzy:    newFuzzyIndex(),
	}
	copy(m.places, g.places)
	for i, p := range g.places {
		m.division[i] = -1
		if _, div, _ := g.Path(p.ID); div != "" {
			m.division[i] = g.byID[div]
		}
		seen := map[string]bool{}
		for _, name := range append([]string{p.NameAr}, p.Variants...) {
			m.insert(name, hit{place: i}, seen)
		}
		for _, adj := range p.Adjectives {
			for _, form := range adjectiveForms(normalize(adj)) {
				m.insert(form, hit{place: i, adjective: true}, seen)
			}
		}
	}
	for _, phrase := range notPlaces {
		if n := m.insert(phrase, hit{place: -1}, map[string]bool{}); n != nil {
			n.ignore = true
		}
	}
	return m
}

// insert adds name to the trie with hit h (none when h.place < 0) and
// returns its last node, or nil when the name is not matched.
func (m *Matcher) insert(name string, h hit, seen map[string]bool) *node {
	words := tokenize(name, nil)
	if len(words) == 0 {
		return nil
	}
	key := make([]string, len(words))
	for i, w := range words {
		key[i] = w.text
	}
	joined := strings.Join(key, " ")
	if seen[joined] {
		return nil
	}
	if len(key) == 1 && utf8.RuneCountInString(key[0]) < minNameRunes {
		return nil
	}
	seen[joined] = true
	stopped := stopWords[joined]
	level := m.root
	var n *node
	for _, w := range key {
		n = level[w]
		if n == nil {
			n = &node{}
			level[w] = n
		}
		if n.next == nil {
			n.next = map[string]*node{}
		}
		level = n.next
	}
	switch {
	case h.place < 0:
	case stopped && !h.adjective:
		n.stopped = append(n.stopped, h)
	case stopped:
	default:
		n.hits = append(n.hits, h)
	}
	if h.place >= 0 && !h.adjective {
		m.fuzzy.add(joined, n)
	}
	if stopped {
		return nil
	}
	return n
}

// adjectiveForms expands a normalized nisba adjective to the forms found
// in running text: with and without the article, masculine, feminine,
// plural: العراقي → العراقي، العراقيه، العراقيون، العراقيين، العراقيات،
// عراقي، عراقيه …
func adjectiveForms(adj string) []string {
	bare := strings.TrimPrefix(adj, alefLam)
	var stems []string
	switch {
	case strings.HasSuffix(bare, "يون"), strings.HasSuffix(bare, "يين"), strings.HasSuffix(bare, "يات"):
		stems = append(stems, strings.TrimSuffix(bare, bare[len(bare)-len("ون"):]))
	case strings.HasSuffix(bare, "يه"):
		stems = append(stems, strings.TrimSuffix(bare, "ه"))
	case strings.HasSuffix(bare, "ي"):
		stems = append(stems, bare)
	}
	forms := []string{adj}
	if bare != adj {
		forms = append(forms, bare)
	} else {
		forms = append(forms, alefLam+bare)
	}
	for _, s := range stems {
		for _, suffix := range []string{"", "ه", "ون", "ين", "ات"} {
			forms = append(forms, alefLam+s+suffix, s+suffix)
		}
	}
	return forms
}

// occurrence is one matched name in the text.
type occurrence struct {
	key occKey
	pos int // order of appearance over title and body
	// club is set when the name is followed by a masculine nisba
	// adjective (ليفربول الإنجليزي، نابولي الإيطالي): a club named after
	// its city, as a city takes the feminine (مدينة ليفربول الإنجليزية).
	club bool
}

// occKey is what occurrences are counted by: a name, and whether a word
// for a division (محافظة، ولاية، إقليم) comes before it.
type occKey struct {
	node     *node
	division bool
}

// Extract finds the dateline (in the first line of body) and every place
// named in title and body.
func (m *Matcher) Extract(title, body string) Extraction {
	return m.ExtractByline(title, body, "")
}

// ExtractByline is Extract for an article that also has a byline (its
// author field), where some outlets write the dateline: "القاهرة - أحمد
// الريدي"، "أبوظبي - سكاي نيوز عربية". The body's own dateline comes first.
func (m *Matcher) ExtractByline(title, body, byline string) Extraction {
	var occ []occurrence
	var toks []token
	var cands []string
	pos := 0
	dl, skip := m.dateline(body, byline)
	for _, text := range []string{title, body[skip:]} {
		toks = tokenize(text, toks[:0])
		occ, cands = m.scan(toks, &pos, occ, cands)
	}
	return m.resolve(occ, dl)
}

// scan walks the tokens once, matching at each word the longest name that
// starts there, and appends what it finds.
func (m *Matcher) scan(toks []token, pos *int, occ []occurrence, cands []string) ([]occurrence, []string) {
	for i := 0; i < len(toks); {
		best, bestLen := m.longest(toks, i, &cands)
		if best == nil {
			i++
			continue
		}
		if !best.ignore {
			o := occurrence{key: occKey{node: best}, pos: *pos}
			o.key.division = i > 0 && !toks[i].brk && divisionWords[toks[i-1].text] && m.hasLevel(best, LevelDivision)
			if j := i + bestLen; j < len(toks) && !toks[j].brk && m.hasLevel(best, LevelCity) &&
				(i == 0 || toks[i].brk || !facilityWords[toks[i-1].text]) {
				o.club = m.masculineNisba(toks, j, &cands)
			}
			occ = append(occ, o)
			*pos++
		}
		i += bestLen
	}
	return occ, cands
}

// divisionWords are the words that name a first-level division before
// its name (محافظة درعا، ولاية جندوبة، إقليم كردستان), normalized.
var divisionWords = map[string]bool{
	"محافظه": true, "ولايه": true, "اقليم": true, "مقاطعه": true, "اماره": true,
}

// facilityWords are masculine nouns that take a city's name and then
// their own adjective (ميناء الحديدة اليمني، مطار بيروت الدولي): after
// them a city followed by a masculine nisba is still the city.
var facilityWords = map[string]bool{
	"ميناء": true, "مرفا": true, "مطار": true, "معبر": true, "منفذ": true, "سد": true,
	"جسر": true, "مضيق": true, "نهر": true, "منتجع": true,
}

// hasLevel reports whether one of the places n names is at level.
func (m *Matcher) hasLevel(n *node, level string) bool {
	for _, h := range n.hits {
		if !h.adjective && m.places[h.place].Level == level {
			return true
		}
	}
	return false
}

// masculineNisba reports whether toks[j] is a country's masculine
// singular nisba adjective (الإنجليزي، الإيطالي), as a club's name takes.
func (m *Matcher) masculineNisba(toks []token, j int, cands *[]string) bool {
	n, size := m.longest(toks, j, cands)
	if n == nil || size != 1 || !strings.HasSuffix(toks[j].text, "ي") {
		return false
	}
	for _, h := range n.hits {
		if !h.adjective || m.places[h.place].Level != LevelCountry {
			return false
		}
	}
	return len(n.hits) > 0
}

// longest returns the node of the longest name starting at toks[i] (its
// first word possibly carrying proclitics) and its length in words.
func (m *Matcher) longest(toks []token, i int, cands *[]string) (*node, int) {
	*cands = proclitics(toks[i].text, (*cands)[:0])
	var best *node
	bestLen := 0
	for _, c := range *cands {
		n := m.root[c]
		if n == nil {
			continue
		}
		if matches(n, toks[i]) && bestLen < 1 {
			best, bestLen = n, 1
		}
		for j := i + 1; j < len(toks) && !toks[j].brk && len(n.next) > 0; j++ {
			n = n.next[toks[j].text]
			if n == nil {
				break
			}
			if matches(n, toks[j]) && j-i+1 > bestLen {
				best, bestLen = n, j-i+1
			}
		}
	}
	return best, bestLen
}

// matches reports whether the name ending at node n, whose last word is
// last, is a match: a place name or an ignored phrase, and not اليمنى
// ("right", as in اليد اليمنى), which normalizes to اليمني ("Yemeni"). Only
// this pair is told apart by the final alef maksura: Egyptian spelling
// writes other nisba adjectives with it (المصرى).
func matches(n *node, last token) bool {
	if n.ignore {
		return true
	}
	if len(n.hits) == 0 {
		return false
	}
	if !last.maksura || !strings.HasSuffix(last.text, "يمني") {
		return true
	}
	for _, h := range n.hits {
		if !h.adjective {
			return true
		}
	}
	return false
}

// resolve turns occurrences into places: it settles names shared by
// several places and counts occurrences per place.
func (m *Matcher) resolve(occ []occurrence, dl *datelineMatch) Extraction {
	type keyStat struct {
		count int
		first int
	}
	// A name used for a club once in the article is a club throughout,
	// when the club is its city's club (ليفربول، نابولي): a big city is
	// also itself in articles that name one of its clubs (سبارتاك موسكو).
	clubs := map[*node]bool{}
	for _, o := range occ {
		if o.club {
			clubs[o.key.node] = clubs[o.key.node] || m.ownClub(o.key.node)
		}
	}
	stats := map[occKey]*keyStat{}
	clubCount := map[occKey]int{} // occurrences in a club's name
	var order []occKey
	for _, o := range occ {
		if o.club {
			clubCount[o.key]++
		}
		s := stats[o.key]
		if s == nil {
			s = &keyStat{first: o.pos}
			stats[o.key] = s
			order = append(order, o.key)
		}
		s.count++
	}

	// Countries the article is surely about: those of names whose places
	// all lie in one country, those named in the dateline and the
	// dateline's own.
	context := map[string]bool{}
	for _, k := range order {
		if c := m.singleCountry(k.node.hits); c != "" && !clubs[k.node] {
			context[c] = true
		}
	}
	if dl != nil {
		for _, c := range dl.countries {
			context[c] = true
		}
		if dl.node != nil {
			dl.place = m.choose(dl.hits, context, true)
			if dl.place < 0 {
				dl = nil
			} else {
				context[m.places[dl.place].Country] = true
			}
		}
	}

	type found struct {
		place, count, first int
	}
	byPlace := map[int]*found{}
	var list []*found
	addCount := func(place, count, first int) {
		f := byPlace[place]
		if f == nil {
			f = &found{place: place, first: first}
			byPlace[place] = f
			list = append(list, f)
		}
		f.count += count
		if first < f.first {
			f.first = first
		}
	}
	for _, k := range order {
		hits := k.node.hits
		if k.division {
			hits = m.atLevel(hits, LevelDivision)
		}
		p := m.choose(hits, context, false)
		count := stats[k].count
		if m.places[p].Level == LevelCity {
			if clubs[k.node] {
				continue
			}
			count -= clubCount[k]
		}
		if count > 0 {
			addCount(p, count, stats[k].first)
		}
	}
	var ex Extraction
	if dl != nil && dl.node != nil {
		addCount(dl.place, 1, -1) // the dateline is not among the scanned words
		byPlace[dl.place].first = -1
	}
	sort.SliceStable(list, func(a, b int) bool {
		if (list[a].first < 0) != (list[b].first < 0) {
			return list[a].first < 0
		}
		if list[a].count != list[b].count {
			return list[a].count > list[b].count
		}
		return list[a].first < list[b].first
	})
	ex.Places = make([]article.Place, 0, len(list)+1)
	if dl != nil && dl.node == nil {
		// A city the gazetteer does not know, under the dateline's country.
		ap := article.Place{Name: dl.written, Level: LevelCity, Country: dl.countries[0],
			Role: RoleDateline, Count: 1, Unresolved: true}
		ex.Dateline = &ap
		ex.Places = append(ex.Places, ap)
	}
	for _, f := range list {
		ap := m.articlePlace(f.place, RoleMention, f.count)
		if dl != nil && dl.node != nil && f.place == dl.place {
			ap.Role = RoleDateline
			d := ap
			ex.Dateline = &d
		}
		ex.Places = append(ex.Places, ap)
	}
	return ex
}

// ownClubMax is the population above which a city's name in a club's
// name does not make the city's other mentions the club's.
const ownClubMax = 2_000_000

// ownClub reports whether the city n names is small enough that its name
// in an article that names its club is the club's: a city of known
// population under ownClubMax.
func (m *Matcher) ownClub(n *node) bool {
	for _, h := range n.hits {
		if p := &m.places[h.place]; !h.adjective && p.Level == LevelCity && (p.Population == 0 || p.Population >= ownClubMax) {
			return false
		}
	}
	return true
}

// atLevel keeps the hits of places at level, or all hits when none is.
func (m *Matcher) atLevel(hits []hit, level string) []hit {
	var out []hit
	for _, h := range hits {
		if !h.adjective && m.places[h.place].Level == level {
			out = append(out, h)
		}
	}
	if len(out) == 0 {
		return hits
	}
	return out
}

// singleCountry returns the country shared by all hits, or "".
func (m *Matcher) singleCountry(hits []hit) string {
	c := ""
	for _, h := range hits {
		pc := m.places[h.place].Country
		if c != "" && pc != c {
			return ""
		}
		c = pc
	}
	return c
}

// levelRank orders levels for a mention (a country's name is most often
// the country) or a dateline (stories are filed from cities).
func levelRank(level string, dateline bool) int {
	switch level {
	case LevelCountry:
		if dateline {
			return 2
		}
		return 0
	case LevelCity:
		if dateline {
			return 0
		}
		return 1
	}
	if dateline {
		return 1
	}
	return 2
}

// choose picks one place among hits of the same name: a place in a
// country of the article's context first, then by level (for a mention:
// country, city, division; for a dateline: city, division, country), then
// the most populous, then the first loaded.
func (m *Matcher) choose(hits []hit, context map[string]bool, dateline bool) int {
	best := -1
	better := func(a, b int) bool { // is place a better than place b?
		pa, pb := &m.places[a], &m.places[b]
		if ca, cb := context[pa.Country], context[pb.Country]; ca != cb {
			return ca
		}
		if ra, rb := levelRank(pa.Level, dateline), levelRank(pb.Level, dateline); ra != rb {
			return ra < rb
		}
		if pa.Population != pb.Population {
			return pa.Population > pb.Population
		}
		return a < b
	}
	for _, h := range hits {
		if dateline && h.adjective {
			continue
		}
		if best < 0 || better(h.place, best) {
			best = h.place
		}
	}
	return best
}

func (m *Matcher) articlePlace(i int, role string, count int) article.Place {
	p := &m.places[i]
	ap := article.Place{
		ID:      p.ID,
		Name:    p.NameAr,
		NameEn:  p.NameEn,
		Level:   p.Level,
		Country: p.Country,
		Role:    role,
		Count:   count,
		Lat:     p.Lat,
		Lon:     p.Lon,
	}
	if d := m.division[i]; d >= 0 {
		ap.Division = m.places[d].ID
	}
	return ap
}
