package dates

import "testing"

var benchLines = []string{
	"نشر بتاريخ: ٦ كانون الثاني ٢٠٢٦",
	"6 يناير، 2026",
	"Sun, 18 Feb 2018 21:35:43 +0400",
	"الخميس 21 أغسطس 2025 - 9:30 ص",
	"١ رجب ١٤٤٧ هـ الموافق 21 ديسمبر 2025 م",
	"17/05/2015",
	"2017-01-20T21:43:00+01:00",
	"منذ ساعتين",
}

func BenchmarkParse(b *testing.B) {
	opts := Options{Now: now}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := Parse(benchLines[i%len(benchLines)], opts); err != nil {
			b.Fatal(err)
		}
	}
}

// The top of an article body: a dateline, two sentences and a date.
const benchBody = "بغداد/المسلة: أعلنت وزارة التخطيط العراقية، اليوم الثلاثاء، أن نسبة الفقر " +
	"انخفضت إلى 17 في المئة خلال عام 2025، مقارنة بنحو 20 في المئة في أيلول 2023. " +
	"وقال المتحدث باسم الوزارة في مؤتمر صحفي عقد في بغداد إن المسح الذي أجري بين " +
	"شهري آذار وحزيران شمل أكثر من 16 ألف أسرة في المحافظات كافة، على أن تعلن النتائج " +
	"التفصيلية في 15 كانون الثاني 2026."

func BenchmarkFind(b *testing.B) {
	opts := Options{Now: now}
	b.ReportAllocs()
	b.SetBytes(int64(len(benchBody)))
	for b.Loop() {
		if _, ok := Find(benchBody, opts); !ok {
			b.Fatal("no date")
		}
	}
}

func BenchmarkFindNone(b *testing.B) {
	text := benchBody[:len(benchBody)-len("التفصيلية في 15 كانون الثاني 2026.")]
	opts := Options{Now: now}
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, ok := Find(text, opts); ok {
			b.Fatal("found a date")
		}
	}
}
