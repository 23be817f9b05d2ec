package places

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

const header = "id\tlevel\tcountry\tparent\tname_en\tname_ar\tvariants_ar\tadjectives_ar\tlat\tlon\tpopulation\n"

func TestLoadFixture(t *testing.T) {
	g := fixture(t)
	if g.Len() != 49 {
		t.Errorf("Len = %d, want 49", g.Len())
	}
	p, ok := g.Lookup("IQ")
	if !ok || p.NameAr != "العراق" || p.Level != LevelCountry || p.Population != 46000000 ||
		!slices.Equal(p.Adjectives, []string{"العراقي", "العراقية", "العراقيون"}) {
		t.Errorf("Lookup(IQ) = %+v, %v", p, ok)
	}
	p.Adjectives[0] = "changed"
	if q, _ := g.Lookup("IQ"); q.Adjectives[0] != "العراقي" {
		t.Error("Lookup returned a slice shared with the gazetteer")
	}
	if _, ok := g.Lookup("XX"); ok {
		t.Error("Lookup(XX) found something")
	}
	var kids []string
	for _, c := range g.Children("IQ-AN") {
		kids = append(kids, c.ID)
	}
	if want := []string{"IQ.fallujah", "IQ.ramadi", "IQ.haditha"}; !slices.Equal(kids, want) {
		t.Errorf("Children(IQ-AN) = %v, want %v", kids, want)
	}
	if n := len(g.Children("US")); n != 1 {
		t.Errorf("Children(US) has %d places, want Washington only", n)
	}
	cs := g.Countries()
	if len(cs) != 13 || cs[0].ID != "AE" || cs[len(cs)-1].ID != "US" {
		t.Errorf("Countries = %d places from %s to %s", len(cs), cs[0].ID, cs[len(cs)-1].ID)
	}
	names := g.Names()
	for _, want := range []string{"العراق", "جمهورية العراق", "دير الزور", "طرابلس الشام", "عمّان"} {
		if _, ok := slices.BinarySearch(names, want); !ok {
			t.Errorf("Names lacks %s", want)
		}
	}
	if _, ok := slices.BinarySearch(names, "العراقي"); ok {
		t.Error("Names holds an adjective")
	}
	if n := len(names); n != len(slices.Compact(slices.Clone(names))) {
		t.Error("Names has duplicates")
	}
}

func TestPath(t *testing.T) {
	g := fixture(t)
	tests := []struct{ id, country, division, city string }{
		{"IQ.fallujah", "IQ", "IQ-AN", "IQ.fallujah"},
		{"IQ-AN", "IQ", "IQ-AN", ""},
		{"IQ", "IQ", "", ""},
		{"US.washington", "US", "", "US.washington"},
		{"nowhere", "", "", ""},
	}
	for _, tc := range tests {
		c, d, ci := g.Path(tc.id)
		if c != tc.country || d != tc.division || ci != tc.city {
			t.Errorf("Path(%s) = %q %q %q, want %q %q %q", tc.id, c, d, ci, tc.country, tc.division, tc.city)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	country := "IQ\tcountry\tIQ\t\tIraq\tالعراق\t\t\t33\t44\t\n"
	tests := []struct{ name, data, want string }{
		{"no header", "# only a comment\n", "no header"},
		{"bad header", "id\tlevel\n", "header has 2 columns"},
		{"misnamed column", strings.Replace(header, "name_ar", "arabic", 1), `"name_ar"`},
		{"column count", header + country + "IQ-BG\tdivision\tIQ\tIQ\tBaghdad\tبغداد\n", "t.tsv:3: 6 columns, want 11"},
		{"bad lat", header + "IQ\tcountry\tIQ\t\tIraq\tالعراق\t\t\tnorth\t44\t\n", "t.tsv:2: IQ: lat"},
		{"lat out of range", header + "IQ\tcountry\tIQ\t\tIraq\tالعراق\t\t\t91\t44\t\n", "out of range"},
		{"bad lon", header + "IQ\tcountry\tIQ\t\tIraq\tالعراق\t\t\t33\tNaN\t\n", "lon"},
		{"bad population", header + "IQ\tcountry\tIQ\t\tIraq\tالعراق\t\t\t33\t44\t-5\n", "bad population"},
		{"bad level", header + "IQ\tnation\tIQ\t\tIraq\tالعراق\t\t\t33\t44\t\n", "bad level"},
		{"bad country code", header + "IQ\tcountry\tiraq\t\tIraq\tالعراق\t\t\t33\t44\t\n", "bad country code"},
		{"empty arabic name", header + "IQ\tcountry\tIQ\t\tIraq\t\t\t\t33\t44\t\n", "empty name_ar"},
		{"unknown parent", header + country + "# comment\nIQ-BG\tdivision\tIQ\tIR\tBaghdad\tبغداد\t\t\t33\t44\t\n", "t.tsv:4: IQ-BG: unknown parent \"IR\""},
		{"duplicate id", header + country + country, "t.tsv:3: duplicate id \"IQ\" (first at t.tsv:2)"},
		{"parent in another country", header + country + "SY\tcountry\tSY\t\tSyria\tسوريا\t\t\t35\t38\t\nSY-DI\tdivision\tSY\tIQ\tDamascus\tدمشق\t\t\t33\t36\t\n", "parent \"IQ\" is in country IQ"},
		{"city under a city", header + country + "IQ.a\tcity\tIQ\tIQ\tA\tأ\t\t\t33\t44\t\nIQ.b\tcity\tIQ\tIQ.a\tB\tب\t\t\t33\t44\t\n", "is a city"},
		{"country with parent", header + "IQ\tcountry\tIQ\tAS\tIraq\tالعراق\t\t\t33\t44\t\n", "has no parent"},
		{"country id not its code", header + "IRQ\tcountry\tIQ\t\tIraq\tالعراق\t\t\t33\t44\t\n", "must be its code"},
		{"invalid utf-8", header + "IQ\tcountry\tIQ\t\tIraq\t\xff\t\t\t33\t44\t\n", "not valid UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, err := Load(strings.NewReader(tc.data), "t.tsv")
			if err == nil {
				t.Fatalf("no error, got %d places", g.Len())
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

func TestLoadAccepts(t *testing.T) {
	// BOM, CRLF, comments, blank lines, a child before its parent, spaces
	// around list items, an empty population.
	data := "\ufeff# comment\r\n" + strings.ReplaceAll(header, "\n", "\r\n") + "\r\n" +
		"IQ.baghdad\tcity\tIQ\tIQ-BG\tBaghdad\tبغداد\t بغداد السلام | دار السلام \t\t33.34\t44.40\t\r\n" +
		"IQ-BG\tdivision\tIQ\tIQ\tBaghdad\tبغداد\t\t\t33.3\t44.4\t\n" +
		"IQ\tcountry\tIQ\t\tIraq\tالعراق\t\tالعراقي\t33\t44\t46000000\n"
	g, err := Load(strings.NewReader(data), "ok.tsv")
	if err != nil {
		t.Fatal(err)
	}
	p, _ := g.Lookup("IQ.baghdad")
	if !slices.Equal(p.Variants, []string{"بغداد السلام", "دار السلام"}) || p.Population != 0 {
		t.Errorf("IQ.baghdad = %+v", p)
	}
	if c, d, ci := g.Path("IQ.baghdad"); c != "IQ" || d != "IQ-BG" || ci != "IQ.baghdad" {
		t.Errorf("Path = %s %s %s", c, d, ci)
	}
}

func TestLoadFSAcrossFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"a.tsv":     {Data: []byte(header + "IQ.baghdad\tcity\tIQ\tIQ\tBaghdad\tبغداد\t\t\t33.34\t44.40\t\n")},
		"b.tsv":     {Data: []byte(header + "IQ\tcountry\tIQ\t\tIraq\tالعراق\t\t\t33\t44\t\n")},
		"README.md": {Data: []byte("not data")},
	}
	g, err := LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 2 {
		t.Errorf("Len = %d, want 2", g.Len())
	}
	fsys["c.tsv"] = &fstest.MapFile{Data: []byte(header + "IQ\tcountry\tIQ\t\tIraq\tالعراق\t\t\t33\t44\t\n")}
	if _, err := LoadFS(fsys); err == nil || !strings.Contains(err.Error(), "c.tsv:2: duplicate id \"IQ\" (first at b.tsv:2)") {
		t.Errorf("duplicate across files: err = %v", err)
	}
}

// embedded returns the embedded gazetteer, skipping when its data files
// are not there yet.
func embedded(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() == 0 {
		t.Skip("no embedded gazetteer data files")
	}
	return g
}

func TestDefaultIsFresh(t *testing.T) {
	a := embedded(t)
	b, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if a == b || a.Len() != b.Len() {
		t.Errorf("Default returned a shared or different value: %d vs %d places", a.Len(), b.Len())
	}
}
