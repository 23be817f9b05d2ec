package search_test

import (
	"context"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/fahras/fahras/search"
)

// worldCorpus holds articles filed from outside the Arab world, written
// for this test in the shapes their datelines take: CNN's city and
// country, an agency in parentheses, a byline in the author field, and a
// city the gazetteer does not know under a country it does.
const worldCorpus = `{"id":"seoul","title":"محادثات بين الكوريتين","body":"سيول (رويترز) - قالت وزارة الوحدة إن المحادثات مع الشمال ستستأنف الأسبوع المقبل.","published":"2018-03-05"}
{"id":"atlanta","title":"إجلاء السكان بعد حريق","body":"أتلانتا، الولايات المتحدة الأمريكية (CNN)-- أدى اندلاع حريق في مستودع إلى إجلاء آلاف السكان من منازلهم.","published":"2018-10-09"}
{"id":"hong-kong","title":"احتجاجات في الشوارع","body":"هونغ كونغ (أ ف ب) - خرج آلاف المحتجين إلى الشوارع للمطالبة بإصلاحات انتخابية.","published":"2018-07-01"}
{"id":"kazan","title":"المنتخب يصل إلى مقره","body":"وصل المنتخب إلى مقر إقامته استعدادا للمباراة الأولى في البطولة.","author":"كازان - د ب أ","published":"2018-06-12"}
{"id":"bronnitsy","title":"تدريبات المنتخب","body":"برونيتسي، روسيا (CNN)-- واصل المنتخب تدريباته في معسكره قبل المباراة الافتتاحية.","published":"2018-06-14"}
`

func worldEngine(t *testing.T) *search.Engine {
	t.Helper()
	eng, ix, err := newEngine(filepath.Join(t.TempDir(), "index"), worldCorpus)
	if err != nil {
		t.Fatalf("test index: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	return eng
}

// TestPlacesOutsideTheArabWorld finds articles datelined Seoul, Atlanta,
// Hong Kong and Kazan by place and by country, through the filters and
// the place facet.
func TestPlacesOutsideTheArabWorld(t *testing.T) {
	eng := worldEngine(t)
	search1 := func(req search.Request) *search.Result {
		t.Helper()
		res, err := eng.Search(context.Background(), req)
		if err != nil {
			t.Fatalf("search %+v: %v", req, err)
		}
		return res
	}
	tests := []struct {
		name string
		req  search.Request
		want []string
	}{
		{"Seoul by ID", search.Request{Places: []string{"KR.seoul"}}, []string{"seoul"}},
		{"Seoul by name", search.Request{Places: []string{"سيول"}}, []string{"seoul"}},
		{"South Korea", search.Request{Countries: []string{"KR"}}, []string{"seoul"}},
		{"Atlanta by ID", search.Request{Places: []string{"US.atlanta"}}, []string{"atlanta"}},
		{"Georgia, the state", search.Request{Places: []string{"US-GA"}}, []string{"atlanta"}},
		{"United States", search.Request{Countries: []string{"US"}}, []string{"atlanta"}},
		{"Hong Kong by name", search.Request{Places: []string{"هونغ كونغ"}}, []string{"hong-kong"}},
		{"Hong Kong by its own code", search.Request{Countries: []string{"HK"}}, []string{"hong-kong"}},
		{"Hong Kong is not filed under China", search.Request{Countries: []string{"CN"}}, nil},
		{"Kazan from the byline", search.Request{Places: []string{"RU.kazan"}}, []string{"kazan"}},
		{"an unknown city by its name as written", search.Request{Places: []string{"برونيتسي"}}, []string{"bronnitsy"}},
		{"Russia: a known and an unknown city", search.Request{Countries: []string{"RU"}}, []string{"bronnitsy", "kazan"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.req.NoFacets = true
			got := ids(search1(tc.req))
			sort.Strings(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("hits = %v, want %v", got, tc.want)
			}
		})
	}

	// The place facet counts each country, with the cities under it.
	res := search1(search.Request{})
	counts := map[string]uint64{}
	var walk func([]search.PlaceNode)
	walk = func(nodes []search.PlaceNode) {
		for _, n := range nodes {
			counts[n.ID] = n.Count
			walk(n.Children)
		}
	}
	walk(res.Facets.Places)
	for id, want := range map[string]uint64{"KR": 1, "KR.seoul": 1, "US": 1, "US-GA": 1, "US.atlanta": 1, "HK": 1, "RU": 2, "RU.kazan": 1} {
		if counts[id] != want {
			t.Errorf("place facet %s = %d, want %d (facet %v)", id, counts[id], want, counts)
		}
	}
	if _, ok := counts["CN"]; ok {
		t.Errorf("place facet counts China: %v", counts)
	}
}
