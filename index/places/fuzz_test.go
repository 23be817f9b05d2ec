package places

import (
	"strings"
	"testing"
)

func FuzzExtract(f *testing.F) {
	f.Add("", "بغداد/المسلة: انسحبت القوات من الأنبار.")
	f.Add("غزة", "(رويترز) - القاهرة: وصل وفد مصري إلى رفح")
	f.Add("عنوان", "دبي، الإمارات العربية المتحدة (CNN)— والولايات المتحدة وبالعراق")
	f.Add("\xff\xfe", "((((- ـ :")
	m := fixture(f).NewMatcher()
	f.Fuzz(func(t *testing.T, title, body string) {
		ex := m.Extract(title, body)
		seen := map[string]bool{}
		for _, p := range ex.Places {
			if p.Count < 1 {
				t.Fatalf("%s counted %d times", p.ID, p.Count)
			}
			if seen[p.ID] {
				t.Fatalf("%s listed twice", p.ID)
			}
			seen[p.ID] = true
			if p.Role != RoleMention && p.Role != RoleDateline {
				t.Fatalf("%s has role %q", p.ID, p.Role)
			}
		}
		if ex.Dateline != nil && (len(ex.Places) == 0 || ex.Places[0].ID != ex.Dateline.ID) {
			t.Fatalf("dateline %s is not the first place", ex.Dateline.ID)
		}
	})
}

// FuzzExtractByline checks the invariants of Extract with a byline, and
// that an unresolved dateline city has a name and a country.
func FuzzExtractByline(f *testing.F) {
	f.Add("قال مسؤولون", "القاهرة – خالد حسني")
	f.Add("أتلانتا، الولايات المتحدة الأمريكية (CNN)-- أدى", "")
	f.Add("بغدد (رويترز) - قال", "دبي، اليمن - قناة العربية")
	f.Add("\u200b(((- ـ", "- ـ -")
	m := fixture(f).NewMatcher()
	f.Fuzz(func(t *testing.T, body, byline string) {
		ex := m.ExtractByline("", body, byline)
		if d := ex.Dateline; d != nil {
			if len(ex.Places) == 0 || ex.Places[0] != *d {
				t.Fatalf("dateline %+v is not the first place", *d)
			}
			if d.Unresolved && (d.ID != "" || d.Name == "" || d.Country == "") {
				t.Fatalf("unresolved dateline %+v", *d)
			}
			if !d.Unresolved && d.ID == "" {
				t.Fatalf("dateline without an ID: %+v", *d)
			}
		}
		for _, p := range ex.Places {
			if p.Count < 1 {
				t.Fatalf("%+v counted %d times", p, p.Count)
			}
		}
	})
}

func FuzzLoad(f *testing.F) {
	f.Add(header + "IQ\tcountry\tIQ\t\tIraq\tالعراق\t\tالعراقي\t33\t44\t1\n" +
		"IQ-BG\tdivision\tIQ\tIQ\tBaghdad\tبغداد\t\t\t33.3\t44.4\t\n")
	f.Add(header + "IQ.a\tcity\tIQ\tIQ-X\tA\tأ\t\t\t1e400\t44\t\n")
	f.Add("# only\n\n")
	f.Fuzz(func(t *testing.T, data string) {
		g, err := Load(strings.NewReader(data), "fuzz.tsv")
		if err != nil {
			return
		}
		for _, c := range g.Countries() {
			if c.Level != LevelCountry || c.ID != c.Country {
				t.Fatalf("bad country %+v", c)
			}
		}
		for _, p := range g.places {
			country, _, _ := g.Path(p.ID)
			if country != p.Country {
				t.Fatalf("Path(%s) country %q, want %q", p.ID, country, p.Country)
			}
		}
		g.NewMatcher().Extract("", data)
	})
}
