package index_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/article"
)

// A wire report, two versions of it as other outlets ran it, and an
// article on the same topic about another event.
const (
	storyWire = "أعلن نادي الهلال السعودي، مساء الأحد، تعاقده مع المهاجم البرازيلي ماركوس سيلفا لمدة ثلاثة مواسم قادما من نادي بورتو البرتغالي، في صفقة قالت مصادر إنها بلغت أربعين مليون يورو. " +
		"وقال رئيس النادي في بيان إن اللاعب سيصل إلى الرياض الأسبوع المقبل لإجراء الفحوص الطبية والانضمام إلى معسكر الفريق في النمسا. " +
		"وسجل سيلفا ثمانية عشر هدفا في الدوري البرتغالي الموسم الماضي، وكان مطلوبا من أندية إنجليزية وإسبانية عدة."
	storyVersion = "أعلن نادي الهلال السعودي، الأحد، تعاقده مع المهاجم البرازيلي ماركوس سيلفا لمدة ثلاثة مواسم قادما من بورتو البرتغالي، في صفقة بلغت أربعين مليون يورو بحسب مصادر. " +
		"وقال رئيس النادي في بيان إن اللاعب سيصل إلى الرياض الأسبوع المقبل لإجراء الفحوص الطبية والانضمام إلى معسكر الفريق في النمسا. " +
		"وسجل سيلفا 18 هدفا في الدوري البرتغالي الموسم الماضي."
	storyThird = "تعاقد نادي الهلال السعودي، مساء الأحد، مع المهاجم البرازيلي ماركوس سيلفا لمدة ثلاثة مواسم قادما من نادي بورتو البرتغالي، في صفقة قالت مصادر إنها بلغت أربعين مليون يورو. " +
		"وقال رئيس النادي في بيان إن اللاعب سيصل إلى الرياض الأسبوع المقبل لإجراء الفحوص الطبية والانضمام إلى معسكر الفريق في النمسا."
	storyOther = "خسر نادي الهلال السعودي أمام ضيفه النصر بهدفين مقابل هدف في قمة الجولة الخامسة من الدوري، مساء الجمعة، على ملعب الملك فهد الدولي في الرياض. " +
		"وتقدم الهلال في الشوط الأول قبل أن يرد النصر بهدفين في الدقائق الأخيرة، ليتصدر الترتيب برصيد ثلاث عشرة نقطة. " +
		"وطالب جمهور الهلال بإقالة المدرب بعد الخسارة الثانية على التوالي."
)

func storyDoc(enr *index.Enricher, id, source, body string, published time.Time) index.Doc {
	return enr.Document(article.Article{ID: id, Title: "خبر " + id, Body: body, Source: source, Published: published})
}

func storyOf(t *testing.T, ix *index.Index, id string) string {
	t.Helper()
	req := bleve.NewSearchRequest(query.NewDocIDQuery([]string{id}))
	req.Fields = index.HitFields
	res, err := ix.Search(context.Background(), req)
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("look up %s: %v (%d hits)", id, err, len(res.Hits))
	}
	st, err := ix.StoredOf(id, res.Hits[0].Fields)
	if err != nil {
		t.Fatalf("stored %s: %v", id, err)
	}
	return st.Story
}

func TestStoriesAcrossBatchesShardsUpdatesAndRestarts(t *testing.T) {
	ctx := context.Background()
	g := gazetteer(t)
	dir := filepath.Join(t.TempDir(), "ix")
	ix, err := index.Create(dir, index.Options{Shards: 3, ProtectedWords: g.Names()})
	if err != nil {
		t.Fatal(err)
	}
	enr := index.NewEnricher(g, nil)
	day := time.Date(2024, 7, 14, 18, 0, 0, 0, time.UTC)

	// One batch: the wire and a version of it, and another event.
	res, err := ix.Write(ctx, []index.Doc{
		storyDoc(enr, "wire", "وكالة الأنباء", storyWire, day),
		storyDoc(enr, "v1", "الرياضية", storyVersion, day.Add(time.Hour)),
		storyDoc(enr, "other", "الرياضية", storyOther, day),
	})
	if err != nil {
		t.Fatal(err)
	}
	s := res[0].Story
	if s == "" || res[1].Story != s {
		t.Fatalf("a version written in the wire's batch: stories %q and %q", s, res[1].Story)
	}
	if res[2].Story == s {
		t.Fatalf("another event joined the story")
	}
	// A later batch finds the story in the index; a copy days later
	// does not join it.
	res, err = ix.Write(ctx, []index.Doc{
		storyDoc(enr, "v2", "صحيفة الملاعب", storyThird, day.Add(2*time.Hour)),
		storyDoc(enr, "late", "صحيفة الملاعب", storyThird, day.Add(6*24*time.Hour)),
	})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Story != s || res[1].Story == s {
		t.Fatalf("later batch: v2 in %q, late in %q; story %q", res[0].Story, res[1].Story, s)
	}
	versions, total, err := ix.StoryVersions(ctx, s)
	if err != nil || total != 3 || len(versions) != 3 {
		t.Fatalf("story versions: %d of %d, %v", len(versions), total, err)
	}
	for i, want := range []string{"wire", "v1", "v2"} {
		if versions[i].Article.ID != want || versions[i].Story != s {
			t.Errorf("version %d: %s in %q, want %s", i, versions[i].Article.ID, versions[i].Story, want)
		}
	}
	// Rewritten into another event, the wire leaves the story, which
	// keeps its other versions; deleted, a version leaves the list.
	res, err = ix.Write(ctx, []index.Doc{storyDoc(enr, "wire", "وكالة الأنباء", storyOther+" وأعلن النادي فتح تحقيق.", day)})
	if err != nil || res[0].Status != index.Updated || res[0].Story == s {
		t.Fatalf("rewritten wire: %+v, %v", res, err)
	}
	if _, err := ix.Delete(ctx, "v1"); err != nil {
		t.Fatal(err)
	}
	if _, total, _ = ix.StoryVersions(ctx, s); total != 1 {
		t.Errorf("after the update and the delete the story has %d versions, want 1 (v2)", total)
	}
	// Across a restart the story is found in the index.
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err = ix.Write(ctx, []index.Doc{storyDoc(enr, "v3", "الرياضية", storyVersion, day.Add(3*time.Hour))})
	if err != nil || res[0].Story != s {
		t.Fatalf("after a restart a version started %q (%v), not %q", res[0].Story, err, s)
	}
	// Corrected, a document keeps its story; unchanged, too.
	res, err = ix.Write(ctx, []index.Doc{storyDoc(enr, "v3", "الرياضية", storyVersion+" (تصحيح)", day.Add(3*time.Hour))})
	if err != nil || res[0].Status != index.Updated || res[0].Story != s {
		t.Fatalf("a corrected version: %+v, %v; want story %q", res, err, s)
	}
	res, err = ix.Write(ctx, []index.Doc{storyDoc(enr, "v3", "الرياضية", storyVersion+" (تصحيح)", day.Add(3*time.Hour))})
	if err != nil || res[0].Status != index.Unchanged || storyOf(t, ix, "v3") != s {
		t.Fatalf("an unchanged write: %+v, %v", res, err)
	}
}

// Versions written at the same moment by writers of different shards
// end in one story.
func TestStoriesOfConcurrentWriters(t *testing.T) {
	ix, enr := newIndex(t, 4)
	ctx := context.Background()
	day := time.Date(2024, 7, 14, 18, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for w := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[w] = ix.Write(ctx, []index.Doc{storyDoc(enr, fmt.Sprintf("copy-%d", w), "مصدر", storyVersion, day)})
		}()
	}
	wg.Wait()
	stories := map[string]bool{}
	for w, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
		stories[storyOf(t, ix, fmt.Sprintf("copy-%d", w))] = true
	}
	if len(stories) != 1 {
		t.Errorf("8 copies written at once are in %d stories", len(stories))
	}
}
