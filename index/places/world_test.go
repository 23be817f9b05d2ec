package places

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"
)

// updateWorld rewrites data/world.tsv from GeoNames and worldsrc/:
//
//	go test ./index/places -run TestWorldData -update-world
var updateWorld = flag.Bool("update-world", false, "rewrite data/world.tsv from ../shared GeoNames data and worldsrc/")

const worldFile = "world.tsv"

// TestWorldData checks that data/world.tsv is what the generator makes
// of the GeoNames world file and the hand-written lists in worldsrc/, and
// rewrites it with -update-world.
func TestWorldData(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the GeoNames world file and the news corpus")
	}
	src := sharedData(t, "gazetteer", "geonames", "cities15000_world_2012.tsv")
	news := sharedData(t, "news", "ant_v2_1_multisource.jsonl.gz")
	got, report, err := generateWorld(src, news)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("data", worldFile)
	if *updateWorld {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s: %s", path, report)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: run go test ./index/places -run TestWorldData -update-world", path)
	}
}

// gnCity is one row of the GeoNames world file, with its Latin names kept
// for finding cities by their English name.
type gnCity struct {
	gnRow
	latin []string // name, asciiname and Latin alternate names, folded
}

// worldDivision is a row of worldsrc/divisions.tsv.
type worldDivision struct {
	id, nameEn, nameAr string
	variants, members  []string
}

// worldPress is a row of worldsrc/press.tsv.
type worldPress struct {
	country, nameAr string
	geonames        []string
	variants        []string
}

// generateWorld builds the world file: first-level divisions of
// worldsrc/divisions.tsv and the GeoNames cities outside the Arab League
// that have an Arabic name, in GeoNames or in worldsrc/press.tsv.
//
// GeoNames' own Arabic names are many and unchecked; some are ordinary
// words (سنه، قوله، بانه). A one-word GeoNames name is kept only if it has
// at least minGeoNamesRunes letters and fewer than maxGeoNamesDocs of the
// news articles in newsPath hold it as a word: the cities the news names
// often are in press.tsv, so a frequent name that is not there is a word.
func generateWorld(geonamesPath, newsPath string) ([]byte, string, error) {
	base, err := gazetteerWithout(worldFile)
	if err != nil {
		return nil, "", err
	}
	cities, err := readWorldCities(geonamesPath)
	if err != nil {
		return nil, "", err
	}
	divs, err := readWorldDivisions(filepath.Join("worldsrc", "divisions.tsv"))
	if err != nil {
		return nil, "", err
	}
	press, err := readWorldPress(filepath.Join("worldsrc", "press.tsv"))
	if err != nil {
		return nil, "", err
	}
	arab := map[string]bool{}
	for _, c := range arabLeague {
		arab[c] = true
	}
	byCountry := map[string][]int{}
	for i, c := range cities {
		byCountry[c.country] = append(byCountry[c.country], i)
	}
	// find returns the most populous city of country with one of names
	// (in admin1 when it is given).
	find := func(country, admin1 string, names []string) (int, error) {
		// Primary names first, for all of names; then alternate names.
		for _, primary := range []bool{true, false} {
			for _, name := range names {
				key := foldLatin(name)
				best := -1
				for _, i := range byCountry[country] {
					c := &cities[i]
					if admin1 != "" && c.admin1 != admin1 {
						continue
					}
					match := c.latin[0] == key || c.latin[1] == key
					if !primary {
						match = slices.Contains(c.latin[2:], key)
					}
					if match && (best < 0 || c.population > cities[best].population) {
						best = i
					}
				}
				if best >= 0 {
					return best, nil
				}
			}
		}
		return -1, fmt.Errorf("%s: no GeoNames city named %s", country, strings.Join(names, " or "))
	}

	var out []Place
	var notes, missing []string
	// Divisions: the admin1 code of a member city stands for the division.
	admin := map[string]string{} // country.admin1 → division ID
	for _, d := range divs {
		country := d.id[:2]
		admin1 := ""
		if country == "US" {
			admin1 = d.id[3:] // GeoNames uses the postal codes
		}
		i, err := find(country, admin1, d.members)
		if err != nil {
			missing = append(missing, fmt.Sprintf("division %s: %v", d.id, err))
			continue
		}
		c := cities[i]
		key := country + "." + c.admin1
		if prev, dup := admin[key]; dup {
			// A division newer than the 2012 file (Telangana): its cities
			// stay with the division GeoNames knew.
			notes = append(notes, fmt.Sprintf("%s shares GeoNames' admin1 %s with %s", d.id, key, prev))
		} else {
			admin[key] = d.id
		}
		out = append(out, Place{ID: d.id, Level: LevelDivision, Country: country, Parent: country,
			NameEn: d.nameEn, NameAr: d.nameAr, Variants: d.variants, Lat: c.lat, Lon: c.lon})
	}
	divIndex := map[string]int{}
	for i, p := range out {
		divIndex[p.ID] = i
	}

	// Arabic press spellings by city.
	extra := map[int][]string{}
	for _, p := range press {
		i, err := find(p.country, "", p.geonames)
		if err != nil {
			missing = append(missing, fmt.Sprintf("press spelling %s: %v", p.nameAr, err))
			continue
		}
		extra[i] = append(extra[i], append([]string{p.nameAr}, p.variants...)...)
	}

	if len(missing) > 0 {
		return nil, "", fmt.Errorf("worldsrc names cities GeoNames does not have:\n%s", strings.Join(missing, "\n"))
	}

	wordDocs, err := newsWordDocs(newsPath)
	if err != nil {
		return nil, "", err
	}
	var dropped []string
	common := func(name string) bool {
		toks := tokenize(name, nil)
		if len(toks) != 1 {
			return false
		}
		w := toks[0].text
		if utf8.RuneCountInString(w) < minGeoNamesRunes || wordDocs[w] >= maxGeoNamesDocs {
			dropped = append(dropped, fmt.Sprintf("%s (%d)", name, wordDocs[w]))
			return true
		}
		return false
	}

	// A name GeoNames gives to several cities of one country belongs to
	// the most populous (GeoNames sometimes files a neighbour's name).
	owner := map[string]int{}
	for i, c := range cities {
		if arab[c.country] {
			continue
		}
		for _, n := range c.arabic {
			key := c.country + " " + normalize(n)
			if j, ok := owner[key]; !ok || c.population > cities[j].population {
				owner[key] = i
			}
		}
	}

	names := map[string][]int{} // normalized name → cities of the base gazetteer
	for i := range base.places {
		if p := &base.places[i]; p.Level == LevelCity {
			for _, n := range append([]string{p.NameAr}, p.Variants...) {
				names[normalize(n)] = append(names[normalize(n)], i)
			}
		}
	}
	english := map[string][]int{} // folded English name → cities of the base gazetteer
	for i := range base.places {
		if p := &base.places[i]; p.Level == LevelCity {
			english[foldLatin(p.NameEn)] = append(english[foldLatin(p.NameEn)], i)
		}
	}
	taken := map[string]bool{}
	for id := range base.byID {
		taken[id] = true
	}
	for _, p := range out {
		taken[p.ID] = true
	}
	added, fromPress := 0, 0
	for i, c := range cities {
		if arab[c.country] {
			continue
		}
		if _, ok := base.byID[c.country]; !ok {
			continue
		}
		all := gnRow{lat: c.lat, lon: c.lon, arabic: append(slices.Clone(extra[i]), c.arabic...)}
		if base.nearSameNameAnywhere(names, all) || base.nearSameEnglish(english, c) {
			continue // already in the gazetteer
		}
		var ar []string
		seen := map[string]bool{}
		for _, n := range extra[i] {
			if k := normalize(n); !seen[k] {
				seen[k] = true
				ar = append(ar, n)
			}
		}
		for _, n := range c.arabic {
			if k := normalize(n); !seen[k] && owner[c.country+" "+k] == i && !common(n) {
				seen[k] = true
				ar = append(ar, n)
			}
		}
		if len(ar) == 0 {
			continue
		}
		row := c.gnRow
		row.arabic = ar
		parent := c.country
		if div, ok := admin[c.country+"."+c.admin1]; ok && c.admin1 != "" {
			parent = div
			out[divIndex[div]].Population += c.population
		}
		id := worldCityID(row, taken)
		taken[id] = true
		out = append(out, Place{ID: id, Level: LevelCity, Country: c.country, Parent: parent,
			NameEn: c.name, NameAr: ar[0], Variants: ar[1:], Lat: c.lat, Lon: c.lon, Population: c.population})
		added++
		if len(extra[i]) > 0 {
			fromPress++
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		pa, pb := out[a], out[b]
		if pa.Country != pb.Country {
			return pa.Country < pb.Country
		}
		if pa.Level != pb.Level {
			return pa.Level == LevelDivision
		}
		return pa.ID < pb.ID
	})
	var buf bytes.Buffer
	buf.WriteString(worldHeader)
	buf.WriteString(strings.Join(columns, "\t") + "\n")
	for _, p := range out {
		pop := ""
		if p.Population > 0 {
			pop = strconv.Itoa(p.Population)
		}
		fmt.Fprintf(&buf, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p.ID, p.Level, p.Country, p.Parent,
			p.NameEn, p.NameAr, strings.Join(p.Variants, "|"), strings.Join(p.Adjectives, "|"),
			strconv.FormatFloat(p.Lat, 'f', -1, 64), strconv.FormatFloat(p.Lon, 'f', -1, 64), pop)
	}
	sort.Strings(dropped)
	report := fmt.Sprintf("%d divisions, %d cities (%d with press spellings); %s\nGeoNames names dropped as words (articles): %s",
		len(divs), added, fromPress, strings.Join(notes, "; "), strings.Join(dropped, " "))
	return buf.Bytes(), report, nil
}

const worldHeader = `# Places outside the Arab world: first-level divisions of the large countries
# the news names (US states, Indian states, Chinese, Russian, Turkish and Iranian
# provinces) and cities of 15,000 people or more with an Arabic name.
# GENERATED by "go test ./index/places -run TestWorldData -update-world"; edit
# worldsrc/ instead. Cities, coordinates, populations and part of the Arabic
# names are from GeoNames (geonames.org, cities15000, 2012, CC BY); divisions
# and the Arabic press spellings were compiled by hand for fahras. Arabic names
# are GeoNames' Arabic-script names without Persian, Urdu, Uyghur or Pashto
# letters; a division's population is that of its cities in the file.
`

// arabLeague are the countries the hand-written files cover in full.
var arabLeague = []string{
	"AE", "BH", "DJ", "DZ", "EG", "IQ", "JO", "KM", "KW", "LB", "LY",
	"MA", "MR", "OM", "PS", "QA", "SA", "SD", "SO", "SY", "TN", "YE",
}

// gazetteerWithout loads the embedded data files except one.
func gazetteerWithout(skip string) (*Gazetteer, error) {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(sub, "*.tsv")
	if err != nil {
		return nil, err
	}
	m := fstest.MapFS{}
	for _, n := range names {
		if n == skip {
			continue
		}
		b, err := fs.ReadFile(sub, n)
		if err != nil {
			return nil, err
		}
		m[n] = &fstest.MapFile{Data: b}
	}
	return LoadFS(m)
}

// nearSameNameAnywhere reports whether one of row's names is already a
// city of ours within duplicateKm, in any country (a territory's city may
// be filed under another code here).
func (g *Gazetteer) nearSameNameAnywhere(names map[string][]int, row gnRow) bool {
	for _, n := range row.arabic {
		for _, i := range names[normalize(n)] {
			p := &g.places[i]
			if distanceKm(p.Lat, p.Lon, row.lat, row.lon) <= duplicateKm {
				return true
			}
		}
	}
	return false
}

// nearSameEnglish reports whether a city of ours with c's English name
// lies within duplicateKm (the same city under another Arabic spelling).
func (g *Gazetteer) nearSameEnglish(english map[string][]int, c gnCity) bool {
	for _, name := range c.latin[:2] {
		for _, i := range english[name] {
			if p := &g.places[i]; distanceKm(p.Lat, p.Lon, c.lat, c.lon) <= duplicateKm {
				return true
			}
		}
	}
	return false
}

// Limits on GeoNames' own one-word Arabic names (see generateWorld).
const (
	minGeoNamesRunes = 4
	maxGeoNamesDocs  = 16
)

// newsWordDocs counts, for every normalized word of the news corpus (also
// with its proclitics removed), the articles that hold it.
func newsWordDocs(path string) (map[string]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	docs := map[string]int{}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<24)
	var toks []token
	var forms []string
	for sc.Scan() {
		var a struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		seen := map[string]bool{}
		for _, text := range []string{a.Title, a.Text} {
			toks = tokenize(text, toks[:0])
			for _, t := range toks {
				forms = proclitics(t.text, forms[:0])
				for _, w := range forms {
					if !seen[w] {
						seen[w] = true
						docs[w]++
					}
				}
			}
		}
	}
	return docs, sc.Err()
}

// worldCityID makes an ID in our style (KR.seoul) that is not taken.
func worldCityID(row gnRow, taken map[string]bool) string {
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
	if b.Len() == 0 || taken[id] {
		id = row.country + ".gn" + row.id
	}
	return id
}

// readWorldCities reads every GeoNames row, keeping Arabic names written
// in Arabic letters only and the Latin names.
func readWorldCities(path string) ([]gnCity, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []gnCity
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), maxLineBytes)
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < gnMinFields {
			return nil, fmt.Errorf("%s:%d: %d columns", path, line, len(fields))
		}
		c := gnCity{gnRow: gnRow{id: fields[gnID], name: fields[gnName], ascii: fields[gnASCII],
			country: fields[gnCountry], admin1: fields[gnAdmin1]}}
		if c.lat, err = parseCoord(fields[gnLat], 90); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if c.lon, err = parseCoord(fields[gnLon], 180); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		c.population, _ = strconv.Atoi(fields[gnPop])
		c.latin = []string{foldLatin(c.name), foldLatin(c.ascii)}
		for _, alt := range strings.Split(fields[gnAltNames], ",") {
			alt = strings.TrimSpace(alt)
			if isLatinName(alt) {
				c.latin = append(c.latin, foldLatin(alt))
			} else if n, ok := arabicOnly(alt); ok {
				c.arabic = append(c.arabic, n)
			}
		}
		out = append(out, c)
	}
	return out, sc.Err()
}

// arabicOnly returns a GeoNames alternate name if it is Arabic: Arabic
// letters only (no Persian, Urdu, Uyghur or Pashto ones such as پ چ ژ گ ک
// ی ې ۋ ٹ ے ە), ى only at the end of a word and ئ never at its start (both
// are Uyghur spellings elsewhere). Names with a region after a comma
// (قرطبة، الأرجنتين) are titles that tell a name shared with a better known
// place apart, and notes (a colon) are not names: both are left out.
func arabicOnly(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, ":()،,") {
		return "", false
	}
	runes := []rune(s)
	letters := 0
	for i, r := range runes {
		switch {
		case r == ' ' || r == '-':
			continue
		case r >= 0x064B && r <= 0x0652, r == 0x0670: // harakat, superscript alef
			continue
		case r >= 0x0621 && r <= 0x064A:
		default:
			return "", false
		}
		if r == 'ى' && i+1 < len(runes) && runes[i+1] != ' ' {
			return "", false
		}
		if r == 'ئ' && (i == 0 || runes[i-1] == ' ') {
			return "", false
		}
		if r != 'ـ' {
			letters++
		}
	}
	if letters < 2 {
		return "", false
	}
	return s, true
}

func isLatinName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r > 0x24F && r != '’' && r != '‘' {
			return false
		}
	}
	return true
}

// foldLatin lower-cases a Latin name and keeps its letters and digits,
// folding the accented letters GeoNames uses (ö → o, ş → s, ı → i).
func foldLatin(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if f, ok := latinFold[r]; ok {
			r = f
		}
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var latinFold = map[rune]rune{
	'á': 'a', 'à': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'å': 'a', 'ā': 'a', 'ă': 'a', 'ą': 'a',
	'ç': 'c', 'č': 'c', 'ć': 'c', 'ď': 'd', 'đ': 'd',
	'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e', 'ē': 'e', 'ě': 'e', 'ę': 'e', 'ė': 'e',
	'ğ': 'g', 'ġ': 'g', 'ḩ': 'h', 'ẖ': 'h', 'ħ': 'h',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i', 'ī': 'i', 'ı': 'i', 'İ': 'i',
	'ł': 'l', 'ľ': 'l', 'ñ': 'n', 'ń': 'n', 'ň': 'n',
	'ó': 'o', 'ò': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o', 'ō': 'o', 'ő': 'o', 'ø': 'o',
	'ř': 'r', 'ş': 's', 'ș': 's', 'š': 's', 'ś': 's', 'ţ': 't', 'ț': 't', 'ť': 't',
	'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u', 'ū': 'u', 'ů': 'u', 'ű': 'u',
	'ý': 'y', 'ÿ': 'y', 'ž': 'z', 'ź': 'z', 'ż': 'z', 'ẕ': 'z',
}

func readWorldSource(path string, cols int) ([][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rows [][]string
	header := false
	for n, line := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !header {
			header = true
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != cols {
			return nil, fmt.Errorf("%s:%d: %d columns, want %d", path, n+1, len(f), cols)
		}
		rows = append(rows, f)
	}
	return rows, nil
}

func readWorldDivisions(path string) ([]worldDivision, error) {
	rows, err := readWorldSource(path, 5)
	if err != nil {
		return nil, err
	}
	out := make([]worldDivision, len(rows))
	for i, f := range rows {
		out[i] = worldDivision{id: f[0], nameEn: f[1], nameAr: f[2], variants: splitList(f[3]), members: splitList(f[4])}
	}
	return out, nil
}

func readWorldPress(path string) ([]worldPress, error) {
	rows, err := readWorldSource(path, 4)
	if err != nil {
		return nil, err
	}
	out := make([]worldPress, len(rows))
	for i, f := range rows {
		out[i] = worldPress{country: f[0], geonames: splitList(f[1]), nameAr: f[2], variants: splitList(f[3])}
	}
	return out, nil
}
