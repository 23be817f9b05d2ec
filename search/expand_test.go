package search_test

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fahras/fahras/search"
)

// spellingsCorpus spells one president two ways, as two groups of outlets
// do: six articles write بوتين, five بوتن; two write ميركل, one ميركيل;
// two ترامب and one ترمب.
func spellingsCorpus() string {
	var b strings.Builder
	line := func(id, title, body string) {
		fmt.Fprintf(&b, `{"id":%q,"title":%q,"body":%q,"published":"2019-05-0%d"}`+"\n", id, title, body, 1+len(id)%9)
	}
	topics := []string{"الاقتصاد", "الطاقة", "الأمن", "التجارة", "المناخ", "الحدود"}
	for i, topic := range topics {
		line(fmt.Sprintf("long-%d", i), "بوتين يبحث ملف "+topic, "قال الرئيس الروسي بوتين إن محادثات "+topic+" ستستمر الأسبوع المقبل في موسكو.")
	}
	for i, topic := range topics[:5] {
		line(fmt.Sprintf("short-%d", i), "بوتن يبحث ملف "+topic, "قال الرئيس الروسي بوتن إن محادثات "+topic+" ستستمر الأسبوع المقبل في موسكو.")
	}
	line("merkel-1", "ميركل في برلين", "استقبلت المستشارة ميركل وفدا تجاريا.")
	line("merkel-2", "ميركل تزور باريس", "وصلت المستشارة ميركل إلى باريس.")
	line("merkel-3", "ميركيل تتحدث عن الهجرة", "تحدثت المستشارة ميركيل عن الهجرة.")
	line("trump-1", "ترامب يلتقي وفدا", "التقى الرئيس ترامب وفدا من الكونغرس.")
	line("trump-2", "ترامب يوقع قرارا", "وقع الرئيس ترامب قرارا جديدا.")
	line("trump-3", "ترمب يغادر", "غادر الرئيس ترمب العاصمة.")
	line("syria-1", "وفد يزور سوريا", "وصل وفد إلى سوريا أمس.")
	line("syria-2", "وفد يزور سورية", "وصل وفد إلى سورية أمس.")
	return b.String()
}

func spellingsEngine(t *testing.T) *search.Engine {
	t.Helper()
	eng, ix, err := newEngine(filepath.Join(t.TempDir(), "index"), spellingsCorpus())
	if err != nil {
		t.Fatalf("test index: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	return eng
}

func searchIDs(t *testing.T, eng *search.Engine, req search.Request) (*search.Result, []string) {
	t.Helper()
	req.Size = 20
	res, err := eng.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("Search(%q): %v", req.Query, err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return res, ids
}

// TestVariantExpansion: a query spelled بوتن finds the articles that
// spell بوتين too, after every article with the spelling typed; the
// expansion is reported on request, and the pruned ranking gives the
// hits and scores of bleve's own.
func TestVariantExpansion(t *testing.T) {
	eng := spellingsEngine(t)
	for _, typed := range []struct{ q, own, other string }{{"بوتن", "short-", "long-"}, {"بوتين", "long-", "short-"}} {
		res, ids := searchIDs(t, eng, search.Request{Query: typed.q, NoFacets: true, ExplainExpansion: true})
		if len(ids) != 11 {
			t.Fatalf("%s: %d hits %v, want the 11 articles of both spellings", typed.q, len(ids), ids)
		}
		own := 5
		if typed.own == "long-" {
			own = 6
		}
		for i, id := range ids {
			if want := typed.own; i >= own {
				want = typed.other
				if !strings.HasPrefix(id, want) {
					t.Errorf("%s: hit %d is %s, want the other spelling's articles after the typed one's", typed.q, i, id)
				}
			} else if !strings.HasPrefix(id, want) {
				t.Errorf("%s: hit %d is %s, want the typed spelling's articles first (%v)", typed.q, i, id, ids)
			}
		}
		if len(res.Expansion) != 1 || res.Expansion[0].Word != typed.q || len(res.Expansion[0].Alternatives) != 1 {
			t.Fatalf("%s: expansion %+v, want the one other spelling", typed.q, res.Expansion)
		}
		alt := res.Expansion[0].Alternatives[0]
		if alt.Source != search.SourceVariants || alt.Weight <= 0 || alt.Weight >= 1 || alt.Word == typed.q {
			t.Errorf("%s: alternative %+v", typed.q, alt)
		}

		eng.SetExhaustive(true)
		full, fullIDs := searchIDs(t, eng, search.Request{Query: typed.q, NoFacets: true})
		eng.SetExhaustive(false)
		if strings.Join(fullIDs, " ") != strings.Join(ids, " ") {
			t.Errorf("%s: pruned ranking %v, bleve's %v", typed.q, ids, fullIDs)
		}
		for i := range full.Hits {
			if math.Abs(full.Hits[i].Score-res.Hits[i].Score) > 1e-9 {
				t.Errorf("%s: hit %s scores %v pruned, %v by bleve", typed.q, ids[i], res.Hits[i].Score, full.Hits[i].Score)
			}
		}
	}
	// The other spelling is highlighted in its articles.
	res, _ := searchIDs(t, eng, search.Request{Query: "بوتن", NoFacets: true})
	if h := res.Hits[len(res.Hits)-1]; !strings.Contains(h.Highlights["title"], "<mark>بوتين</mark>") {
		t.Errorf("hit %s: title %q, want بوتين highlighted", h.ID, h.Highlights["title"])
	}
	// Without the request's flag, no expansion is listed; with the mined
	// variants off, only the typed spelling is found.
	if res, _ := searchIDs(t, eng, search.Request{Query: "بوتن"}); res.Expansion != nil {
		t.Errorf("expansion listed without explain_expansion: %+v", res.Expansion)
	}
	eng.SetVariants(false)
	defer eng.SetVariants(true)
	if _, ids := searchIDs(t, eng, search.Request{Query: "بوتن", ExplainExpansion: true}); len(ids) != 5 {
		t.Errorf("variants off: %d hits, want the 5 of بوتن", len(ids))
	}
}

// TestPlaceSpellings: سوريا and سورية are two spellings of one country in
// the gazetteer: each finds the other, after itself.
func TestPlaceSpellings(t *testing.T) {
	eng := spellingsEngine(t)
	for q, want := range map[string]string{"سوريا": "syria-1 syria-2", "سورية": "syria-2 syria-1"} {
		res, ids := searchIDs(t, eng, search.Request{Query: q, NoFacets: true, ExplainExpansion: true})
		if strings.Join(ids, " ") != want {
			t.Errorf("%s: %v, want %s", q, ids, want)
		}
		if len(res.Expansion) != 1 || res.Expansion[0].Alternatives[0].Source != search.SourceGazetteer {
			t.Errorf("%s: expansion %+v, want the gazetteer's spelling", q, res.Expansion)
		}
	}
}

// TestSynonyms: entries added while the index is open apply to the next
// search, override the mined variants, and can be removed.
func TestSynonyms(t *testing.T) {
	eng := spellingsEngine(t)
	syn := eng.Synonyms()
	if _, ids := searchIDs(t, eng, search.Request{Query: "ميركيل", NoFacets: true}); len(ids) != 1 {
		t.Fatalf("ميركيل before any synonym: %v, want its one article (too rare to be mined)", ids)
	}
	if _, _, err := syn.Add("ميركل, ميركيل"); err != nil {
		t.Fatal(err)
	}
	res, ids := searchIDs(t, eng, search.Request{Query: "ميركيل", NoFacets: true, ExplainExpansion: true})
	if len(ids) != 3 || ids[0] != "merkel-3" {
		t.Errorf("ميركيل with the synonym: %v, want merkel-3 first of 3", ids)
	}
	if len(res.Expansion) != 1 || res.Expansion[0].Alternatives[0].Source != search.SourceSynonyms {
		t.Errorf("expansion %+v, want the synonym", res.Expansion)
	}

	if _, _, err := syn.Add("ترمب => ترامب"); err != nil {
		t.Fatal(err)
	}
	res, ids = searchIDs(t, eng, search.Request{Query: "ترمب", NoFacets: true, ExplainExpansion: true})
	if len(ids) != 2 || !strings.HasPrefix(ids[0], "trump-") || ids[0] == "trump-3" || ids[1] == "trump-3" {
		t.Errorf("ترمب => ترامب: %v, want the two articles of ترامب only", ids)
	}
	if len(res.Expansion) != 1 || !res.Expansion[0].Replaced {
		t.Errorf("expansion %+v, want a replacement", res.Expansion)
	}

	// A user entry overrides the mined group: بوتن searched with a word
	// of the user's only.
	if _, _, err := syn.Add("بوتن, ميركل"); err != nil {
		t.Fatal(err)
	}
	if _, ids := searchIDs(t, eng, search.Request{Query: "بوتن", NoFacets: true}); len(ids) != 7 {
		t.Errorf("بوتن with a user entry: %v, want its 5 articles and ميركل's 2, not بوتين's", ids)
	}
	if _, err := syn.Remove("بوتن, ميركل"); err != nil {
		t.Fatal(err)
	}
	if _, ids := searchIDs(t, eng, search.Request{Query: "بوتن", NoFacets: true}); len(ids) != 11 {
		t.Errorf("بوتن after removing the entry: %d hits, want the mined 11", len(ids))
	}
}
