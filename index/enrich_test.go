package index_test

import (
	"testing"
	"time"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/article"
)

func TestEnrichPublicationDate(t *testing.T) {
	enr := index.NewEnricher(gazetteer(t), nil)
	now := time.Date(2026, 1, 6, 15, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		a        article.Article
		wantDay  string // "" for no date
		wantFrom string
		wantText string
	}{
		{
			name:     "metadata wins over the header",
			a:        article.Article{Title: "t", Body: "نص", PublishedText: "2024-03-11T09:15:00+03:00", PublishedFrom: "metadata", HeaderLines: []string{"6 يناير، 2026"}},
			wantDay:  "2024-03-11",
			wantFrom: "metadata",
			wantText: "2024-03-11T09:15:00+03:00",
		},
		{
			name:     "first header line that is a date",
			a:        article.Article{Title: "t", Body: "بغداد/المسلة: نص الخبر", HeaderLines: []string{"موقع كل يوم", "نشر بتاريخ: ٦ كانون الثاني ٢٠٢٦", "6 يناير، 2026"}},
			wantDay:  "2026-01-06",
			wantFrom: "header",
			wantText: "نشر بتاريخ: ٦ كانون الثاني ٢٠٢٦",
		},
		{
			name:     "unparseable metadata falls back to the header",
			a:        article.Article{Title: "t", Body: "نص", PublishedText: "قريبا", PublishedFrom: "metadata", HeaderLines: []string{"23/6/2017"}},
			wantDay:  "2017-06-23",
			wantFrom: "header",
		},
		{
			name:     "a date at the top of the body",
			a:        article.Article{Title: "t", Body: "الرباط - الخميس 21 أغسطس 2025: أعلنت الحكومة عن خطة جديدة للمياه."},
			wantDay:  "2025-08-21",
			wantFrom: "body",
		},
		{
			name: "a month mentioned in the body is not a publication date",
			a:    article.Article{Title: "t", Body: "تأسس التحالف في أيلول 2014 وما زال يعمل حتى اليوم في عدة محافظات."},
		},
		{
			name: "a full date deep in the body is a mention",
			a: article.Article{Title: "t", Body: "افتتح المعرض أبوابه أمام الزوار بعد سنوات من الانتظار، وشارك فيه عدد كبير من الناشرين والكتاب " +
				"من مختلف البلدان العربية والأجنبية، وسط إقبال كبير من الجمهور والطلاب والباحثين والمهتمين بالثقافة والأدب والفنون، " +
				"وكانت الدورة الأولى قد أقيمت في 12 مارس 1999 بمشاركة محدودة."},
		},
		{
			name:     "relative header date against the reference time",
			a:        article.Article{Title: "t", Body: "نص", HeaderLines: []string{"منذ ساعتين"}},
			wantDay:  "2026-01-06",
			wantFrom: "header",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := tc.a
			enr.Enrich(&a, now)
			day := ""
			if !a.Published.IsZero() {
				day = a.Published.Format("2006-01-02")
			}
			if day != tc.wantDay || a.PublishedFrom != tc.wantFrom {
				t.Fatalf("got %q from %q (text %q), want %q from %q", day, a.PublishedFrom, a.PublishedText, tc.wantDay, tc.wantFrom)
			}
			if tc.wantText != "" && a.PublishedText != tc.wantText {
				t.Errorf("published text %q, want %q", a.PublishedText, tc.wantText)
			}
			if a.ID == "" {
				t.Error("no ID given")
			}
		})
	}
}

func TestDocumentResolvesHierarchy(t *testing.T) {
	enr := index.NewEnricher(gazetteer(t), nil)
	a := article.Article{ID: "h1", Title: "فيضانات في البصرة", Body: "البصرة - وكالة الرافدين: غمرت المياه شوارع البصرة بعد أمطار غزيرة."}
	enr.Enrich(&a, time.Now())
	d := enr.Document(a)
	has := func(list []string, v string) bool {
		for _, x := range list {
			if x == v {
				return true
			}
		}
		return false
	}
	if !has(d.Countries, "IQ") || len(d.Cities) == 0 || len(d.Divisions) == 0 {
		t.Fatalf("hierarchy not resolved: countries %v divisions %v cities %v", d.Countries, d.Divisions, d.Cities)
	}
	if d.Primary == nil || d.Primary.Country != "IQ" {
		t.Fatalf("primary place %+v", d.Primary)
	}
}

func TestReferenceTime(t *testing.T) {
	now := time.Date(2026, 1, 6, 12, 0, 0, 0, time.UTC)
	file := time.Date(2025, 5, 1, 8, 0, 0, 0, time.UTC)
	present := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		now, file, want time.Time
	}{
		{now, file, now},
		{time.Time{}, file, file},
		{time.Time{}, time.Time{}, present},
	}
	for _, tc := range tests {
		if got := index.ReferenceTime(tc.now, tc.file, present); !got.Equal(tc.want) {
			t.Errorf("ReferenceTime(%v, %v) = %v, want %v", tc.now, tc.file, got, tc.want)
		}
	}
}
