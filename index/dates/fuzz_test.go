package dates

import (
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"نشر بتاريخ: ٦ كانون الثاني ٢٠٢٦",
	"Sun, 18 Feb 2018 21:35:43 +0400",
	"١ رجب ١٤٤٧ هـ الموافق 21 ديسمبر 2025 م",
	"منذ ساعتين",
	"2017-01-22T185600",
	"\u200f23\u200f/6\u200f/2017",
	"أمس الساعة 10 مساءً بتوقيت مكة",
}

func checkSpan(t *testing.T, in string, d Date) {
	t.Helper()
	if d.Start < 0 || d.End > len(in) || d.Start > d.End {
		t.Fatalf("%q: span [%d:%d] out of bounds", in, d.Start, d.End)
	}
	if in[d.Start:d.End] != d.Text {
		t.Fatalf("%q: Text %q is not input[%d:%d]", in, d.Text, d.Start, d.End)
	}
	if utf8.ValidString(in) && !utf8.ValidString(d.Text) {
		t.Fatalf("%q: Text %q cuts a character", in, d.Text)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		d, err := Parse(in, Options{Now: now})
		if err != nil {
			return
		}
		checkSpan(t, in, d)
		if d.Time.IsZero() {
			t.Fatalf("%q: zero time without an error", in)
		}
	})
}

func FuzzFind(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add("قالت الوزارة " + s + " في بيان")
	}
	f.Fuzz(func(t *testing.T, in string) {
		d, ok := Find(in, Options{Now: now})
		if !ok {
			return
		}
		checkSpan(t, in, d)
		if d.Precision != PrecisionDay {
			t.Fatalf("%q: Find returned precision %s", in, d.Precision)
		}
	})
}
