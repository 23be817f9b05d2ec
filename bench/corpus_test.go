package bench

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/index/places"
)

// fixture is a small base corpus of two categories whose texts name
// gazetteer places.
func fixture() []article.Article {
	return []article.Article{
		{
			ID: "a1", Source: "وكالة الرافدين", Category: "politics", PublishedText: "2018-03-14",
			Title: "الحكومة العراقية تناقش الموازنة في بغداد",
			Body: "بغداد - عقد مجلس الوزراء جلسته الأسبوعية في بغداد لمناقشة مشروع الموازنة. " +
				"وقال المتحدث باسم الحكومة إن العراق يسعى إلى خفض العجز. " +
				"وأضاف أن الجلسة المقبلة ستعقد في البصرة الشهر المقبل. " +
				"وطالب نواب بزيادة مخصصات المحافظات الجنوبية.",
		},
		{
			ID: "a2", Source: "النيل اليوم", Category: "politics", PublishedText: "2018-05-02",
			Title: "وزير الخارجية المصري يزور لبنان",
			Body: "القاهرة - توجه وزير الخارجية إلى لبنان في زيارة رسمية تستغرق يومين. " +
				"ويلتقي الوزير نظيره اللبناني لبحث العلاقات الثنائية. " +
				"وكانت مصر قد استضافت اجتماعا مماثلا العام الماضي!",
		},
		{
			ID: "a3", Source: "النيل اليوم", Category: "economy", PublishedText: "2018-07-20",
			Title: "ارتفاع أسعار النفط في الأسواق العالمية",
			Body: "ارتفعت أسعار النفط اليوم بعد قرار خفض الإنتاج. " +
				"وقال محللون في القاهرة إن الأسعار قد تواصل الصعود. " +
				"وتراجع الدولار أمام العملات الرئيسية؟ " +
				"وتوقع خبراء أن تستفيد الدول المصدرة في الخليج.",
		},
		{
			ID: "a4", Source: "وكالة الرافدين", Category: "economy", PublishedText: "2018-09-09",
			Title: "البنك المركزي يعلن سعر صرف جديد",
			Body: "أعلن البنك المركزي في بغداد سعر صرف جديدا للدينار. " +
				"وقال محافظ البنك إن القرار يهدف إلى استقرار السوق. " +
				"وشهدت أسواق البصرة إقبالا على شراء العملة الأجنبية.",
		},
	}
}

func newTestScaler(t *testing.T) (*Scaler, *places.Gazetteer) {
	t.Helper()
	g, err := places.Default()
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewScaler(context.Background(), fixture(), g)
	if err != nil {
		t.Fatal(err)
	}
	return s, g
}

func TestScaleDeterministicCountAndIDs(t *testing.T) {
	s, g := newTestScaler(t)
	first := slices.Collect(s.Seq(200, 7))
	again := slices.Collect(Scale(fixture(), 200, g, 7))
	if len(first) != 200 || len(again) != 200 {
		t.Fatalf("got %d and %d articles, want 200", len(first), len(again))
	}
	ids := map[string]bool{}
	for i := range first {
		if first[i].ID != again[i].ID || first[i].Title != again[i].Title || first[i].Body != again[i].Body || !first[i].Published.Equal(again[i].Published) {
			t.Fatalf("article %d differs between two runs with seed 7:\n%+v\n%+v", i, first[i], again[i])
		}
		if ids[first[i].ID] {
			t.Fatalf("ID %s given twice", first[i].ID)
		}
		ids[first[i].ID] = true
		if first[i].URL != "" || first[i].Places != nil {
			t.Errorf("article %d keeps a URL or places: %+v", i, first[i])
		}
	}
	// Random access gives the same article as the stream.
	if got := s.Article(7, 123); got.Body != first[123].Body {
		t.Errorf("Article(7, 123) differs from the 124th streamed article")
	}
	other := slices.Collect(s.Seq(200, 8))
	same := 0
	for i := range other {
		if other[i].Body == first[i].Body && other[i].Published.Equal(first[i].Published) {
			same++
		}
		if other[i].ID == first[i].ID {
			t.Fatalf("seeds 7 and 8 both give ID %s", other[i].ID)
		}
	}
	if same > 20 {
		t.Errorf("%d of 200 articles are the same for seeds 7 and 8", same)
	}
	// Stopping early stops the stream.
	n := 0
	for range s.Seq(1000, 7) {
		n++
		if n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("stream went on after break: %d", n)
	}
}

func TestScaleDatesShifted(t *testing.T) {
	s, _ := newTestScaler(t)
	years := map[int]int{}
	for a := range s.Seq(400, 1) {
		years[a.Published.Year()]++
		if a.PublishedText != a.Published.Format(time.RFC3339) {
			t.Fatalf("published text %q does not match %v", a.PublishedText, a.Published)
		}
		// Base dates are March to September 2018: moved back by whole
		// years and at most 30 days.
		if a.Published.After(time.Date(2018, 10, 10, 0, 0, 0, 0, time.UTC)) || a.Published.Before(time.Date(2018-DefaultYears, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("date %v outside the expected span", a.Published)
		}
	}
	if len(years) < DefaultYears-1 {
		t.Errorf("dates fall in only %d years: %v", len(years), years)
	}
}

func TestScaleRecombinesSentencesOfOneCategory(t *testing.T) {
	s, _ := newTestScaler(t)
	politics := strings.Join([]string{fixture()[0].Body, fixture()[1].Body}, " ")
	mixed := 0
	for a := range s.Seq(100, 3) {
		if a.Category != "politics" {
			continue
		}
		// Every sentence's last words come from a politics article (places
		// may be swapped, so compare the sentence's last two words).
		for _, sent := range sentences(a.Body) {
			w := strings.Fields(sent)
			tail := strings.Join(w[max(0, len(w)-2):], " ")
			if !strings.Contains(politics, tail) {
				t.Errorf("sentence %q is not from a politics article", sent)
			}
		}
		if strings.Contains(a.Body, "لبنان") || strings.Contains(a.Body, "مجلس الوزراء") && strings.Contains(a.Body, "الوزير نظيره") {
			mixed++
		}
	}
	if mixed == 0 {
		t.Error("no politics article mixes sentences of both politics articles")
	}
}

func TestScaleSwapsPlaces(t *testing.T) {
	s, g := newTestScaler(t)
	levelOf := map[string]string{}
	for _, c := range g.Countries() {
		levelOf[c.NameAr] = c.Level
	}
	kept, swapped := 0, 0
	seenNames := map[string]bool{}
	for a := range s.Seq(300, 11) {
		if strings.Contains(a.Body, "بغداد") {
			kept++
		} else if strings.HasPrefix(fixture()[0].Title, "الحكومة العراقية") && strings.Contains(a.Title, "الموازنة في ") {
			swapped++
			name := strings.TrimPrefix(a.Title, "الحكومة العراقية تناقش الموازنة في ")
			seenNames[name] = true
		}
	}
	if swapped == 0 {
		t.Fatal("Baghdad is never swapped in the title")
	}
	if len(seenNames) < 10 {
		t.Errorf("Baghdad is replaced by only %d names: %v", len(seenNames), slices.Sorted(maps.Keys(seenNames)))
	}
	for name := range seenNames {
		if levelOf[name] == "country" {
			t.Errorf("the city Baghdad was replaced by the country %s", name)
		}
	}
}

func TestSwapPlaces(t *testing.T) {
	swaps := map[string]string{"العراق": "الأردن", "بغداد": "عمان", "المملكة العربية السعودية": "قطر"}
	cases := []struct{ in, want string }{
		{"زار الوزير العراق وبغداد.", "زار الوزير الأردن وعمان."},
		{"وصل إلى المملكة العربية السعودية أمس", "وصل إلى قطر أمس"},
		{"العراقية والعراقيون", "العراقية والعراقيون"}, // not whole words
		{"بالعراق", "بالأردن"},
		{"ببغداد وفي بغداد", "بعمان وفي عمان"},
		{"لا مكان هنا", "لا مكان هنا"},
	}
	for _, c := range cases {
		if got := swapPlaces(c.in, swaps); got != c.want {
			t.Errorf("swapPlaces(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSentences(t *testing.T) {
	got := sentences("قال الوزير. هل وافق؟ نعم!\nانتهى الاجتماع")
	want := []string{"قال الوزير.", "هل وافق؟", "نعم!", "انتهى الاجتماع"}
	if !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// BenchmarkScalerArticle measures deriving one article (from the small
// fixture; the ANT corpus's bodies are about three times longer).
func BenchmarkScalerArticle(b *testing.B) {
	g, err := places.Default()
	if err != nil {
		b.Fatal(err)
	}
	s, err := NewScaler(context.Background(), fixture(), g)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		a := s.Article(1, i)
		b.SetBytes(TextBytes(a))
	}
}
