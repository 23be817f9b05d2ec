package places

import "testing"

func TestAllListsEveryPlaceOnce(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	all := g.All()
	if len(all) != g.Len() {
		t.Fatalf("All gives %d places, Len %d", len(all), g.Len())
	}
	seen := map[string]bool{}
	for _, p := range all {
		if seen[p.ID] {
			t.Fatalf("%s listed twice", p.ID)
		}
		seen[p.ID] = true
		if q, ok := g.Lookup(p.ID); !ok || q.NameAr != p.NameAr {
			t.Fatalf("%s: Lookup gives %+v", p.ID, q)
		}
	}
	// A copy: changing it does not change the gazetteer.
	all[0].Variants = append(all[0].Variants, "تجربة")
	if p, _ := g.Lookup(all[0].ID); len(p.Variants) == len(all[0].Variants) {
		t.Fatal("All shares its slices with the gazetteer")
	}
}
