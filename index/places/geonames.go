package places

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// GeoNames columns used (the standard cities*.txt layout).
const (
	gnID        = 0
	gnName      = 1
	gnASCII     = 2
	gnAltNames  = 3
	gnLat       = 4
	gnLon       = 5
	gnCountry   = 8
	gnAdmin1    = 10
	gnPop       = 14
	gnMinFields = 15
)

// duplicateKm is how close a GeoNames city must be to one of ours with the
// same Arabic name to be taken for the same place.
const duplicateKm = 30

// gnRow is one parsed GeoNames city with at least one Arabic name.
type gnRow struct {
	id, name, ascii, country, admin1 string
	arabic                           []string
	lat, lon                         float64
	population                       int
}

// LoadGeoNames merges a GeoNames cities file (cities15000.txt and the
// like: tab-separated, geonameid, name, asciiname, alternatenames,
// latitude, longitude, feature class, feature code, country code, cc2,
// admin1 code, admin2 … admin4 codes, population, …) into g and returns how
// many cities it added.
//
// Only cities with an Arabic-script alternate name and a country already
// in g are taken; the shortest Arabic name becomes the name, the others
// variants. A city with the same normalized Arabic name as one of ours in
// the same country within 30 km is a duplicate and skipped. New cities are
// attached to the division that the file's own duplicates show their
// admin1 code stands for (the division most of the file's already known
// cities with that code belong to), otherwise to their country.
//
// The file is read completely before g changes: on error g is unchanged.
func (g *Gazetteer) LoadGeoNames(r io.Reader) (added int, err error) {
	rows, err := readGeoNames(r)
	if err != nil {
		return 0, err
	}
	names := g.cityNameIndex()

	// First pass: find duplicates and learn which of our divisions each
	// (country, admin1) code stands for.
	votes := map[string]map[string]int{}
	dup := make([]bool, len(rows))
	for i, row := range rows {
		if _, ok := g.byID[row.country]; !ok {
			dup[i] = true // unknown country: not ours to add
			continue
		}
		j := g.nearSameName(names, row)
		if j < 0 {
			continue
		}
		dup[i] = true
		if parent := g.places[j].Parent; row.admin1 != "" && g.places[g.byID[parent]].Level == LevelDivision {
			key := row.country + "." + row.admin1
			if votes[key] == nil {
				votes[key] = map[string]int{}
			}
			votes[key][parent]++
		}
	}
	admin := map[string]string{}
	for key, v := range votes {
		best, bestN := "", 0
		for div, n := range v {
			if n > bestN || (n == bestN && div < best) {
				best, bestN = div, n
			}
		}
		admin[key] = best
	}

	// Second pass: add the rest, skipping duplicates within the file.
	for i, row := range rows {
		if dup[i] || g.nearSameName(names, row) >= 0 {
			continue
		}
		parent := row.country
		if div, ok := admin[row.country+"."+row.admin1]; ok && row.admin1 != "" {
			parent = div
		}
		p := Place{
			ID:         g.newCityID(row),
			Level:      LevelCity,
			Country:    row.country,
			Parent:     parent,
			NameEn:     row.name,
			NameAr:     row.arabic[0],
			Variants:   row.arabic[1:],
			Lat:        row.lat,
			Lon:        row.lon,
			Population: row.population,
		}
		g.add(p)
		idx := g.byID[p.ID]
		for _, n := range row.arabic {
			key := row.country + " " + normalize(n)
			names[key] = append(names[key], idx)
		}
		added++
	}
	return added, nil
}

func readGeoNames(r io.Reader) ([]gnRow, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxLineBytes)
	var rows []gnRow
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") || strings.HasPrefix(text, "geonameid\t") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) < gnMinFields {
			return nil, fmt.Errorf("geonames line %d: %d columns, want at least %d", line, len(f), gnMinFields)
		}
		row := gnRow{
			id:      strings.TrimSpace(f[gnID]),
			name:    strings.TrimSpace(f[gnName]),
			ascii:   strings.TrimSpace(f[gnASCII]),
			country: strings.TrimSpace(f[gnCountry]),
			admin1:  strings.TrimSpace(f[gnAdmin1]),
			arabic:  arabicNames(f[gnAltNames]),
		}
		var err error
		if row.lat, err = parseCoord(strings.TrimSpace(f[gnLat]), 90); err != nil {
			return nil, fmt.Errorf("geonames line %d: latitude: %w", line, err)
		}
		if row.lon, err = parseCoord(strings.TrimSpace(f[gnLon]), 180); err != nil {
			return nil, fmt.Errorf("geonames line %d: longitude: %w", line, err)
		}
		if s := strings.TrimSpace(f[gnPop]); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("geonames line %d: bad population %q", line, s)
			}
			row.population = n
		}
		if row.id == "" || !isCountryCode(row.country) || len(row.arabic) == 0 {
			continue
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("geonames line %d: reading: %w", line+1, err)
	}
	return rows, nil
}

// arabicNames returns the Arabic-script names among GeoNames' comma-
// separated alternate names, shortest first (the plainest form: أبو الحسن
// before دائرة أبو الحسن).
func arabicNames(alt string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range strings.Split(alt, ",") {
		n = strings.TrimSpace(n)
		if n == "" || !isArabicName(n) || seen[n] {
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	// Stable insertion sort by length in runes: lists are short.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len([]rune(out[j])) < len([]rune(out[j-1])); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// isArabicName reports whether s is written in Arabic letters (and spaces,
// marks, hyphens) only.
func isArabicName(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Arabic, r):
			if unicode.IsLetter(r) {
				letters++
			}
		case r == ' ' || r == '-' || r == '\u200c':
		default:
			return false
		}
	}
	return letters >= 2
}

// cityNameIndex maps "country normalized-name" to the cities carrying it.
func (g *Gazetteer) cityNameIndex() map[string][]int {
	idx := map[string][]int{}
	for i, p := range g.places {
		if p.Level != LevelCity {
			continue
		}
		for _, n := range append([]string{p.NameAr}, p.Variants...) {
			key := p.Country + " " + normalize(n)
			idx[key] = append(idx[key], i)
		}
	}
	return idx
}

// nearSameName returns one of our cities with one of row's names in the
// same country within duplicateKm, or -1.
func (g *Gazetteer) nearSameName(idx map[string][]int, row gnRow) int {
	for _, n := range row.arabic {
		for _, i := range idx[row.country+" "+normalize(n)] {
			p := &g.places[i]
			if distanceKm(p.Lat, p.Lon, row.lat, row.lon) <= duplicateKm {
				return i
			}
		}
	}
	return -1
}

// newCityID makes an ID in our style (IQ.baghdad) that is not yet taken.
func (g *Gazetteer) newCityID(row gnRow) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(row.ascii) {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	id := row.country + "." + b.String()
	if b.Len() == 0 {
		id = row.country + ".gn" + row.id
	}
	if _, taken := g.byID[id]; taken {
		id += "-" + row.id
	}
	for n := 2; ; n++ {
		if _, taken := g.byID[id]; !taken {
			return id
		}
		id = fmt.Sprintf("%s.gn%s-%d", row.country, row.id, n)
	}
}

// distanceKm is the great-circle distance between two points.
func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const earthKm = 6371.0
	rad := math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthKm * math.Asin(math.Sqrt(math.Min(1, a)))
}
