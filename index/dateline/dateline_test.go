package dateline

import (
	"slices"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, line      string
		ok              bool
		place           string
		parts           []string
		source          string
		marked, certain bool
		rest            string
	}{
		{"city, country (agency) em dash", "دبي، الإمارات العربية المتحدة (CNN)— أعلن الرئيس.", true,
			"دبي، الإمارات العربية المتحدة", []string{"دبي", "الإمارات العربية المتحدة"}, "CNN", true, true, "أعلن الرئيس."},
		{"double hyphen", "أتلانتا، الولايات المتحدة الأمريكية (CNN)-- أدى اندلاع حريق.", true,
			"أتلانتا، الولايات المتحدة الأمريكية", []string{"أتلانتا", "الولايات المتحدة الأمريكية"}, "CNN", true, true, "أدى اندلاع حريق."},
		{"city (agency) dash", "سيول (رويترز) - قالت الحكومة.", true,
			"سيول", []string{"سيول"}, "رويترز", true, true, "قالت الحكومة."},
		{"slash source colon", "بغداد/المسلة: انطلقت حملة.", true,
			"بغداد", []string{"بغداد"}, "المسلة", true, true, "انطلقت حملة."},
		{"dash agency", "واشنطن - أ ف ب\nقال البيت الأبيض.", true,
			"واشنطن", []string{"واشنطن"}, "أ ف ب", true, true, "قال البيت الأبيض."},
		{"dash (agency) colon", "القاهرة - (أ ف ب): ارتفع منسوب النيل.", true,
			"القاهرة", []string{"القاهرة"}, "أ ف ب", true, true, "ارتفع منسوب النيل."},
		{"dash source colon", "الموصل - خاص: بدأت أعمال الترميم.", true,
			"الموصل", []string{"الموصل"}, "خاص", true, true, "بدأت أعمال الترميم."},
		{"tatweel after a space", "بغداد ـ قال النائب إن الجلسة أجلت.", true,
			"بغداد", []string{"بغداد"}, "", false, true, "قال النائب إن الجلسة أجلت."},
		{"colon only", "بيروت: قال البيت الأبيض.", true,
			"بيروت", []string{"بيروت"}, "", false, false, "قال البيت الأبيض."},
		{"quotation is not certain", "قال الوزير: الموازنة جاهزة.", true,
			"قال الوزير", []string{"قال الوزير"}, "", false, false, "الموازنة جاهزة."},
		{"leading agency", "(CNN)-- أعلنت وزارة الخارجية الأمريكية أن الوزير شكر الملك.", true,
			"", nil, "CNN", true, true, "أعلنت وزارة الخارجية الأمريكية أن الوزير شكر الملك."},
		{"leading agency then place", "(رويترز) - القاهرة: قالت الحكومة.", true,
			"القاهرة", []string{"القاهرة"}, "رويترز", false, false, "قالت الحكومة."},
		{"parenthesis inside a sentence", "قالت وزارة الدفاع الأميركية (البنتاغون) إن القوات تقدمت.", false,
			"", nil, "", false, false, ""},
		{"month pair is not a slash source", "بحلول الفاتح من أبريل/نيسان ربما يفكر البعض في إطلاق الأكاذيب على الأصدقاء.", false,
			"", nil, "", false, false, ""},
		{"digits", "في 17 مايو/ أيار من عام 1990، أعلنت المنظمة.", false, "", nil, "", false, false, ""},
		{"long head", "أكد رئيس الوزراء العراقي في بغداد اليوم - وسط حضور كبير", false, "", nil, "", false, false, ""},
		{"no separator", "بغداد تستعد للانتخابات المقبلة", false, "", nil, "", false, false, ""},
		{"empty", "   ", false, "", nil, "", false, false, ""},
		{"unclosed group", "(CNN أعلن", false, "", nil, "", false, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := Parse(tt.line)
			if ok != tt.ok {
				t.Fatalf("Parse(%q) ok = %v, want %v (%+v)", tt.line, ok, tt.ok, d)
			}
			if !ok {
				return
			}
			if d.Place != tt.place || !slices.Equal(d.Parts, tt.parts) || d.Source != tt.source || d.Marked != tt.marked || d.Rest != tt.rest {
				t.Errorf("Parse(%q) = %+v\nwant place %q parts %q source %q marked %v rest %q", tt.line, d, tt.place, tt.parts, tt.source, tt.marked, tt.rest)
			}
			if d.Certain() != tt.certain {
				t.Errorf("Certain() = %v, want %v", d.Certain(), tt.certain)
			}
		})
	}
}

func TestParseLeadPlace(t *testing.T) {
	d, ok := Parse("(بغداد) - أعلنت الحكومة خطة جديدة للنقل في العاصمة والمحافظات.")
	if !ok || d.Lead != "بغداد" || d.Place != "" || !d.Marked {
		t.Fatalf("Parse = %+v, %v; want the lead group بغداد", d, ok)
	}
}

func TestParseByline(t *testing.T) {
	tests := []struct {
		byline string
		ok     bool
		parts  []string
		source string
	}{
		{"القاهرة – خالد حسني", true, []string{"القاهرة"}, "خالد حسني"},
		{"أبوظبي - سكاي نيوز عربية", true, []string{"أبوظبي"}, "سكاي نيوز عربية"},
		{"دبي ـ العربية.نت", true, []string{"دبي"}, "العربية.نت"},
		{"القاهرة- أحمد الريدي", true, []string{"القاهرة"}, "أحمد الريدي"},
		{"كان (جنوب فرنسا) - رويترز", true, []string{"كان", "جنوب فرنسا"}, "رويترز"},
		{"هونغ كونغ، الصين - أ ف ب", true, []string{"هونغ كونغ", "الصين"}, "أ ف ب"},
		{"العربية.نت، رويترز", false, nil, ""},
		{"فرانس 24", false, nil, ""},
		{"القاهرة -", false, nil, ""},
		{"", false, nil, ""},
	}
	for _, tt := range tests {
		d, ok := ParseByline(tt.byline)
		if ok != tt.ok || (ok && (!slices.Equal(d.Parts, tt.parts) || d.Source != tt.source || !d.Marked)) {
			t.Errorf("ParseByline(%q) = %+v, %v; want parts %q source %q, %v", tt.byline, d, ok, tt.parts, tt.source, tt.ok)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("دبي، الإمارات العربية المتحدة (CNN)— أعلن")
	f.Add("(رويترز) - القاهرة: قالت")
	f.Add("بغداد/المسلة: انطلقت")
	f.Add("((((- ـ :")
	f.Add("\xff(\xfe)")
	f.Fuzz(func(t *testing.T, line string) {
		if d, ok := Parse(line); ok {
			if len(d.Rest) > len(line) || len(d.Place) > len(line) {
				t.Fatalf("Parse(%q) = %+v: longer than the line", line, d)
			}
			if d.Place == "" && len(d.Parts) > 0 {
				t.Fatalf("parts without a place: %+v", d)
			}
		}
		if d, ok := ParseByline(line); ok && (d.Place == "" || d.Source == "") {
			t.Fatalf("ParseByline(%q) = %+v: want a place and a source", line, d)
		}
	})
}

func TestParseInvisibleStart(t *testing.T) {
	d, ok := Parse("\u200bدبي، الإمارات العربية المتحدة (CNN)- -كشفت شركة قطر غاز عن اتفاقية.")
	if !ok || d.Parts[0] != "دبي" || d.Source != "CNN" {
		t.Fatalf("Parse = %+v, %v; want دبي with CNN", d, ok)
	}
}
