package places

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// gnLine builds one GeoNames cities row with the given fields and the
// rest empty or plausible.
func gnLine(id, name, ascii, alt, lat, lon, cc, admin1, pop string) string {
	f := []string{id, name, ascii, alt, lat, lon, "P", "PPL", cc, "", admin1, "", "", "", pop, "", "50", "Asia/Baghdad", "2024-01-01"}
	return strings.Join(f, "\t")
}

func TestLoadGeoNames(t *testing.T) {
	g := fixture(t)
	before := g.Len()
	data := strings.Join([]string{
		"# a comment",
		// Duplicates of ours: same Arabic name, within 30 km. They teach
		// that admin1 07 is Baghdad and 01 is Anbar.
		gnLine("98182", "Baghdad", "Baghdad", "Bagdad,Baghdad,بغداد,Бағдад", "33.34058", "44.40088", "IQ", "07", "7216000"),
		gnLine("98463", "Al Fallujah", "Al Fallujah", "Fallujah,الفلوجة", "33.34913", "43.77953", "IQ", "01", "190159"),
		gnLine("91000", "Ramadi", "Ramadi", "Ar Ramadi,الرمادي", "33.4258", "43.29921", "IQ", "01", "274539"),
		// New cities: attached through the learned admin1 codes.
		gnLine("99532", "Hit", "Hit", "Heet,Hit,هيت", "33.64159", "42.82513", "IQ", "01", "44000"),
		gnLine("99347", "Abu Ghurayb", "Abu Ghurayb", "Abu Ghraib,أبو غريب,ابو غريب", "33.30563", "44.18477", "IQ", "07", "189000"),
		// Unknown admin1: attached to the country.
		gnLine("99131", "Basra", "Basra", "Al Basrah,البصرة", "30.50852", "47.7804", "IQ", "02", "2600000"),
		// Same name as Fallujah but far away: a different place.
		gnLine("90001", "Fallujah North", "Fallujah North", "الفلوجة", "35.5", "43.0", "IQ", "", "20000"),
		// No Arabic name: skipped.
		gnLine("99999", "Nowhere", "Nowhere", "Nowhere,Nulle part", "33", "44", "IQ", "07", "1000"),
		// Country not in the gazetteer: skipped.
		gnLine("112931", "Tehran", "Tehran", "Tehran,طهران", "35.69439", "51.42151", "IR", "26", "7153309"),
		// Repeated within the file: the second is a duplicate of the first.
		gnLine("99533", "Hit", "Hit", "هيت", "33.64", "42.83", "IQ", "01", "44000"),
	}, "\n") + "\n"
	added, err := g.LoadGeoNames(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if added != 4 || g.Len() != before+4 {
		t.Fatalf("added %d, Len %d → %d; want 4 added", added, before, g.Len())
	}
	tests := []struct{ id, parent, name string }{
		{"IQ.hit", "IQ-AN", "هيت"},
		{"IQ.abu-ghurayb", "IQ-BG", "أبو غريب"},
		{"IQ.basra", "IQ", "البصرة"},
		{"IQ.fallujah-north", "IQ", "الفلوجة"},
	}
	for _, tc := range tests {
		p, ok := g.Lookup(tc.id)
		if !ok {
			t.Errorf("%s not added", tc.id)
			continue
		}
		if p.Parent != tc.parent || p.NameAr != tc.name || p.Level != LevelCity || p.Country != "IQ" {
			t.Errorf("%s = %+v, want parent %s, name %s", tc.id, p, tc.parent, tc.name)
		}
	}
	if p, _ := g.Lookup("IQ.abu-ghurayb"); !slices.Equal(p.Variants, []string{"ابو غريب"}) || p.Population != 189000 {
		t.Errorf("variants/population of Abu Ghraib = %v %d", p.Variants, p.Population)
	}
	// New places are matched by a matcher built afterwards.
	ex := g.NewMatcher().Extract("", "اشتباكات قرب أبو غريب وهيت.")
	if got := found(ex.Places); !slices.Equal(got, []string{"IQ.abu-ghurayb:1", "IQ.hit:1"}) {
		t.Errorf("places = %v", got)
	}
}

func TestLoadGeoNamesErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"short row", "1\tA\tA\tأ\t33\t44\n", "geonames line 1: 6 columns"},
		{"bad latitude", "# c\n" + gnLine("1", "A", "A", "أبو", "x", "44", "IQ", "", "1"), "geonames line 2: latitude"},
		{"bad longitude", gnLine("1", "A", "A", "أبو", "33", "200", "IQ", "", "1"), "longitude"},
		{"bad population", gnLine("1", "A", "A", "أبو", "33", "44", "IQ", "", "many"), "bad population"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := fixture(t)
			before := g.Len()
			_, err := g.LoadGeoNames(strings.NewReader(tc.data))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
			if g.Len() != before {
				t.Errorf("gazetteer changed on error: %d → %d", before, g.Len())
			}
		})
	}
}

func TestArabicNames(t *testing.T) {
	got := arabicNames("Abou el Hassan,دائرة أبو الحسن,أبو الحسن,Абу,أبو الحسن,ab1,ب")
	if want := []string{"أبو الحسن", "دائرة أبو الحسن"}; !slices.Equal(got, want) {
		t.Errorf("arabicNames = %v, want %v", got, want)
	}
}

// TestLoadGeoNamesShared merges the real GeoNames extract for the Arab
// countries into the embedded gazetteer.
func TestLoadGeoNamesShared(t *testing.T) {
	g := embedded(t)
	f, err := os.Open(sharedData(t, "gazetteer", "geonames", "cities15000_arab.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	before := g.Len()
	added, err := g.LoadGeoNames(f)
	if err != nil {
		t.Fatal(err)
	}
	attached := 0
	for _, p := range g.places[before:] {
		if p.Parent != p.Country {
			attached++
		}
	}
	t.Logf("added %d GeoNames cities to %d places; %d attached to a division", added, before, attached)
	if added < 300 {
		t.Errorf("added only %d cities", added)
	}
	if attached < added/2 {
		t.Errorf("only %d of %d new cities attached to a division", attached, added)
	}
	// Baghdad is not added twice.
	n := 0
	for _, p := range g.places {
		if p.Country == "IQ" && p.Level == LevelCity && normalize(p.NameAr) == normalize("بغداد") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d cities named بغداد in Iraq", n)
	}
}

// TestWorldGeoNamesOverDefault loads the GeoNames world file over the
// embedded gazetteer, as --gazetteer does: the cities world.tsv already
// holds are recognised, and the new ones are filed under the divisions
// world.tsv defines (a Californian city under US-CA).
func TestWorldGeoNamesOverDefault(t *testing.T) {
	g := embedded(t)
	before := g.Len()
	f, err := os.Open(sharedData(t, "gazetteer", "geonames", "cities15000_world_2012.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	added, err := g.LoadGeoNames(f)
	if err != nil {
		t.Fatal(err)
	}
	if added == 0 || g.Len() != before+added {
		t.Fatalf("added %d places, gazetteer grew from %d to %d", added, before, g.Len())
	}
	// Seoul is in world.tsv already: no second Seoul.
	seouls := 0
	us, inDivision := 0, 0
	for _, p := range g.All() {
		if p.Level == LevelCity && p.Country == "KR" && p.NameEn == "Seoul" {
			seouls++
		}
		if p.Level == LevelCity && p.Country == "US" {
			us++
			if _, div, _ := g.Path(p.ID); div != "" {
				inDivision++
			}
		}
	}
	if seouls != 1 {
		t.Errorf("%d Seouls after loading GeoNames", seouls)
	}
	if inDivision < us*9/10 {
		t.Errorf("%d of %d US cities are in a state", inDivision, us)
	}
	t.Logf("added %d cities; %d of %d US cities in a state", added, inDivision, us)
}
