package places

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// arabCountries are the 22 members of the Arab League.
var arabCountries = []string{
	"AE", "BH", "DJ", "DZ", "EG", "IQ", "JO", "KM", "KW", "LB", "LY",
	"MA", "MR", "OM", "PS", "QA", "SA", "SD", "SO", "SY", "TN", "YE",
}

func TestEmbeddedSize(t *testing.T) {
	g := embedded(t)
	if g.Len() < 600 {
		t.Errorf("embedded gazetteer has %d places, want at least 600", g.Len())
	}
	if n := len(g.Countries()); n < 190 {
		t.Errorf("embedded gazetteer has %d countries, want at least 190", n)
	}
	for _, c := range arabCountries {
		if p, ok := g.Lookup(c); !ok || p.Level != LevelCountry {
			t.Errorf("Arab country %s missing", c)
		}
	}
	// Every name the matcher keys on must survive normalization.
	m := g.NewMatcher()
	if len(m.root) < 500 {
		t.Errorf("matcher has %d first words, want many more", len(m.root))
	}
}

// refPlace is one record of the reference gazetteer.
type refPlace struct {
	ID         string   `json:"id"`
	Level      string   `json:"level"` // country, admin, city
	Country    string   `json:"country_code"`
	NameEn     string   `json:"name_en"`
	NameAr     string   `json:"name_ar"`
	VariantsAr []string `json:"variants_ar"`
	Lat        float64  `json:"lat"`
	Lon        float64  `json:"lon"`
	Population float64  `json:"population"`
	Confidence string   `json:"name_ar_confidence"`
	ParentID   string   `json:"parent_id"` // set on second-level divisions
}

func readReference(t *testing.T) []refPlace {
	f, err := os.Open(sharedData(t, "gazetteer", "arab_gazetteer.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []refPlace
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r refPlace
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("reference gazetteer: %v", err)
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAgainstReference compares the embedded gazetteer with the reference
// gazetteer in ../shared: division counts per Arab country, big cities
// missing from ours, and coordinates of cities found in both.
func TestAgainstReference(t *testing.T) {
	g := embedded(t)
	ref := readReference(t)

	// Division counts (the reference also lists some second-level
	// divisions, such as Morocco's provinces, with a parent_id).
	theirs := map[string]int{}
	for _, r := range ref {
		if r.Level == "admin" && r.ParentID == "" {
			theirs[r.Country]++
		}
	}
	ours := map[string]int{}
	for _, p := range g.places {
		if p.Level == LevelDivision {
			ours[p.Country]++
		}
	}
	for _, c := range arabCountries {
		if ours[c] != theirs[c] {
			t.Logf("divisions of %s: ours %d, reference %d", c, ours[c], theirs[c])
		}
		if float64(ours[c]) < 0.8*float64(theirs[c]) {
			t.Errorf("divisions of %s: ours %d < 80%% of the reference's %d", c, ours[c], theirs[c])
		}
	}

	// Our names per country, normalized.
	byName := map[string][]int{}
	for i, p := range g.places {
		for _, n := range append([]string{p.NameAr}, p.Variants...) {
			key := p.Country + " " + normalize(n)
			byName[key] = append(byName[key], i)
		}
	}
	refNames := func(r refPlace) []string {
		return append([]string{r.NameAr}, r.VariantsAr...)
	}

	// Big cities of the reference with a checked Arabic name.
	var missing []string
	for _, r := range ref {
		if r.Level != "city" || r.Population <= 300000 || r.NameAr == "" || r.Confidence == "dr5hn" || r.Confidence == "dr5hn-only" {
			continue
		}
		have := false
		for _, n := range refNames(r) {
			for _, i := range byName[r.Country+" "+normalize(n)] {
				if distanceKm(g.places[i].Lat, g.places[i].Lon, r.Lat, r.Lon) <= 50 {
					have = true
				}
			}
		}
		if !have {
			missing = append(missing, fmt.Sprintf("%s %s (%s, %.0f)", r.Country, r.NameAr, r.NameEn, r.Population))
		}
	}
	sort.Strings(missing)
	t.Logf("%d reference cities over 300,000 with a checked name are missing from ours:\n%s",
		len(missing), strings.Join(missing, "\n"))

	// Coordinates of our cities that the reference names too: the nearest
	// reference city of the same name should be within 50 km.
	refByName := map[string][]refPlace{}
	for _, r := range ref {
		if r.Level != "city" {
			continue
		}
		for _, n := range refNames(r) {
			key := r.Country + " " + normalize(n)
			refByName[key] = append(refByName[key], r)
		}
	}
	matched := 0
	var far []string
	for _, p := range g.places {
		if p.Level != LevelCity {
			continue
		}
		best := -1.0
		var bestRef refPlace
		for _, n := range append([]string{p.NameAr}, p.Variants...) {
			for _, r := range refByName[p.Country+" "+normalize(n)] {
				if d := distanceKm(p.Lat, p.Lon, r.Lat, r.Lon); best < 0 || d < best {
					best, bestRef = d, r
				}
			}
		}
		if best < 0 {
			continue
		}
		matched++
		if best > 50 {
			far = append(far, fmt.Sprintf("%s %s (%.4f, %.4f): reference %s %s (%.4f, %.4f), %.0f km",
				p.ID, p.NameAr, p.Lat, p.Lon, bestRef.ID, bestRef.NameEn, bestRef.Lat, bestRef.Lon, best))
		}
	}
	sort.Strings(far)
	t.Logf("%d of our cities found in the reference by name; %d more than 50 km away:\n%s",
		matched, len(far), strings.Join(far, "\n"))
	if matched == 0 {
		t.Fatal("no city of ours matched the reference by name")
	}
	if float64(len(far)) > 0.05*float64(matched) {
		t.Errorf("%d of %d matched cities are more than 50 km from the reference (over 5%%)", len(far), matched)
	}
}
