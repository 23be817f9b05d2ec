package search_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/fahras/fahras/search"
)

// storyCorpus: one flood report as a wire and three outlets ran it, a
// second story told twice, and two articles of their own, all about the
// floods in Sudan.
const storyCorpus = `{"id":"wire","title":"فيضانات السودان تشرد الآلاف","body":"الخرطوم - وكالة النيل: قالت السلطات السودانية، الأحد، إن الفيضانات التي ضربت ولاية نهر النيل شردت أكثر من عشرة آلاف شخص ودمرت ألفي منزل، فيما تواصل فرق الإنقاذ البحث عن مفقودين. وأضاف المتحدث باسم الدفاع المدني أن منسوب النيل ارتفع إلى مستوى غير مسبوق منذ مئة عام، وأن الحكومة أعلنت حالة الطوارئ في الولاية لمدة ثلاثة أشهر.","source":"وكالة النيل","published":"2024-08-11T08:00:00Z"}
{"id":"copy-a","title":"الفيضانات تشرد عشرة آلاف سوداني","body":"قالت السلطات السودانية، الأحد، إن الفيضانات التي ضربت ولاية نهر النيل شردت أكثر من عشرة آلاف شخص ودمرت ألفي منزل، فيما تواصل فرق الإنقاذ البحث عن مفقودين. وأضاف المتحدث باسم الدفاع المدني أن منسوب النيل ارتفع إلى مستوى غير مسبوق منذ مئة عام.","source":"صحيفة الضفة","published":"2024-08-11T10:00:00Z"}
{"id":"copy-b","title":"السودان: حالة الطوارئ بعد الفيضانات","body":"قالت السلطات السودانية يوم الأحد إن الفيضانات التي ضربت ولاية نهر النيل شردت أكثر من عشرة آلاف شخص ودمرت ألفي منزل، فيما تواصل فرق الإنقاذ البحث عن مفقودين. وأعلنت الحكومة حالة الطوارئ في الولاية لمدة ثلاثة أشهر.","source":"قناة المشرق","published":"2024-08-11T12:00:00Z"}
{"id":"copy-c","title":"عشرة آلاف مشرد في فيضانات السودان","body":"الخرطوم: قالت السلطات السودانية، الأحد، إن الفيضانات التي ضربت ولاية نهر النيل شردت أكثر من عشرة آلاف شخص ودمرت ألفي منزل، فيما تواصل فرق الإنقاذ البحث عن مفقودين.","source":"صحيفة الضفة","published":"2024-08-11T13:00:00Z"}
{"id":"aid","title":"مساعدات إماراتية لمتضرري الفيضانات في السودان","body":"أبوظبي: وصلت إلى مطار بورتسودان، الثلاثاء، طائرة تحمل أربعين طنا من المساعدات الغذائية والطبية لمتضرري الفيضانات في السودان، في إطار جسر جوي أعلنته الإمارات. وقال السفير إن طائرات أخرى ستصل خلال الأيام المقبلة محملة بالخيام والأغطية.","source":"وكالة النيل","published":"2024-08-13T09:00:00Z"}
{"id":"aid-copy","title":"جسر جوي إماراتي إلى السودان","body":"وصلت إلى مطار بورتسودان، الثلاثاء، طائرة تحمل أربعين طنا من المساعدات الغذائية والطبية لمتضرري الفيضانات في السودان، في إطار جسر جوي أعلنته الإمارات. وقال السفير إن طائرات أخرى ستصل خلال الأيام المقبلة.","source":"قناة المشرق","published":"2024-08-13T11:00:00Z"}
{"id":"dam","title":"مخاوف على سد مروي","body":"مروي: حذر خبراء من أن استمرار ارتفاع منسوب النيل يهدد سلامة سد مروي، ودعوا إلى فتح بواباته تدريجيا لتخفيف الضغط، بينما تتواصل الفيضانات في الشمال.","source":"صحيفة الضفة","published":"2024-08-12T09:00:00Z"}
{"id":"farms","title":"الفيضانات تغرق المزارع","body":"عطبرة: أغرقت مياه الفيضانات آلاف الأفدنة من المزارع على ضفتي النيل في ولاية نهر النيل، وقال مزارعون إن محصول التمر هذا العام ضاع بالكامل، وطالبوا الحكومة بتعويضهم.","source":"قناة المشرق","published":"2024-08-12T15:00:00Z"}
`

func TestCollapseByStory(t *testing.T) {
	eng, ix, err := newEngine(filepath.Join(t.TempDir(), "ix"), storyCorpus)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	now := time.Date(2024, 8, 14, 0, 0, 0, 0, time.UTC)
	plain, err := eng.Search(ctx, search.Request{Query: "الفيضانات", Sort: search.SortOldest, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	res, err := eng.Search(ctx, search.Request{Query: "الفيضانات", Sort: search.SortOldest, Collapse: search.CollapseStory, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	// Four stories, oldest first: the flood report, the dam, the farms,
	// the aid; each led by its first version.
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	if want := []string{"wire", "dam", "farms", "aid"}; !slices.Equal(ids, want) {
		t.Fatalf("collapsed hits %v, want %v", ids, want)
	}
	flood := res.Hits[0].Collapsed
	if flood == nil || flood.Versions != 4 || flood.ID != res.Hits[0].Story {
		t.Fatalf("the flood story: %+v", flood)
	}
	wantSources := []search.Bucket{{Value: "صحيفة الضفة", Count: 2}, {Value: "قناة المشرق", Count: 1}, {Value: "وكالة النيل", Count: 1}}
	if len(flood.Sources) != 3 || flood.Sources[0] != wantSources[0] || flood.Sources[1] != wantSources[1] || flood.Sources[2] != wantSources[2] {
		t.Errorf("the flood story's sources %v, want %v", flood.Sources, wantSources)
	}
	if g := res.Hits[3].Collapsed; g == nil || g.Versions != 2 {
		t.Errorf("the aid story: %+v", g)
	}
	if g := res.Hits[1].Collapsed; g == nil || g.Versions != 1 {
		t.Errorf("a story of one article: %+v", g)
	}
	if res.Stories == nil || res.Stories.Count != 4 || res.Stories.Relation != "eq" {
		t.Errorf("stories %+v, want 4 (eq)", res.Stories)
	}
	// The total and the facets count articles, as without collapsing.
	if res.Total != 8 || res.Total != plain.Total {
		t.Errorf("total %d, want 8 articles", res.Total)
	}
	if !slices.Equal(res.Facets.Sources, plain.Facets.Sources) || len(res.Facets.Sources) != 3 || res.Facets.Sources[0].Count != 3 {
		t.Errorf("source facet collapsed %v, plain %v", res.Facets.Sources, plain.Facets.Sources)
	}
	// A filter applies to the versions counted.
	res, err = eng.Search(ctx, search.Request{Query: "الفيضانات", Sources: []string{"صحيفة الضفة"}, Collapse: search.CollapseStory, Sort: search.SortOldest, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 2 || res.Hits[0].ID != "copy-a" || res.Hits[0].Collapsed.Versions != 2 {
		t.Errorf("filtered to one source: %+v", res.Hits)
	}
	// Pages of stories.
	res, err = eng.Search(ctx, search.Request{Query: "الفيضانات", Sort: search.SortOldest, Collapse: search.CollapseStory, Size: 3, Page: 2, Now: now})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].ID != "aid" {
		t.Errorf("page 2 of 3 stories: %+v, %v", res.Hits, err)
	}
	// Relevance order: each story is led by its best-ranked version.
	res, err = eng.Search(ctx, search.Request{Query: "حالة الطوارئ", Collapse: search.CollapseStory, Now: now})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].Collapsed.Versions != 2 {
		t.Errorf("relevance: %+v, %v", res.Hits, err)
	}
	// The story, by outlet and time.
	st, err := eng.Story(ctx, flood.ID)
	if err != nil {
		t.Fatal(err)
	}
	var versions []string
	for _, v := range st.Versions {
		versions = append(versions, v.ID+" "+v.Source)
	}
	if want := []string{"wire وكالة النيل", "copy-a صحيفة الضفة", "copy-b قناة المشرق", "copy-c صحيفة الضفة"}; st.Count != 4 || !slices.Equal(versions, want) {
		t.Errorf("story versions %v, want %v", versions, want)
	}
	if st.First == nil || !st.First.Equal(time.Date(2024, 8, 11, 8, 0, 0, 0, time.UTC)) || st.Last == nil || !st.Last.Equal(time.Date(2024, 8, 11, 13, 0, 0, 0, time.UTC)) {
		t.Errorf("story span %v – %v", st.First, st.Last)
	}
	if _, err := eng.Story(ctx, "0123456789abcdef"); !errors.Is(err, search.ErrNoStory) {
		t.Errorf("unknown story: %v", err)
	}
	var se *search.Error
	if _, err := eng.Story(ctx, "../etc"); !errors.As(err, &se) || se.Code != "invalid_story" {
		t.Errorf("bad story ID: %v", err)
	}
	if _, err := eng.Search(ctx, search.Request{Query: "النيل", Collapse: search.CollapseStory, SearchAfter: []string{"1", "x"}}); !errors.As(err, &se) || se.Param != "collapse" {
		t.Errorf("collapse with search_after: %v", err)
	}
}
