package analyzers

import (
	"testing"
	"unicode/utf8"
)

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "كَتَبَ", "شاطىء", "ﷺ ﻻ", "و\u0654", "ى\u200dء", "٣٫٥", "\xff\xfe", "Café"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q is not valid UTF-8", s, n)
		}
		if nn := Normalize(n); nn != n {
			t.Fatalf("not idempotent: Normalize(%q) = %q, again %q", s, n, nn)
		}
	})
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"", "قال الوزيرُ إنّ المــدرسةَ", "بغداد/المسلة #كاظم_الساهر", "3.5 ٣٫٥ ١٬٠٠٠.", "didn't O’Brien G20", "ﷺ", "\xffو\u0654"} {
		f.Add(s)
	}
	kinds := []*Analyzer{New(Light, NewProtected("الانبار", "بغداد")), New(Exact, nil), New(Snowball, nil)}
	f.Fuzz(func(t *testing.T, s string) {
		for _, a := range kinds {
			prevEnd, prevPos := 0, 0
			for _, tk := range a.Analyze([]byte(s)) {
				if !utf8.Valid(tk.Term) || len(tk.Term) == 0 {
					t.Fatalf("%v: bad term %q in %q", a.Kind(), tk.Term, s)
				}
				if tk.Start < prevEnd || tk.End <= tk.Start || tk.End > len(s) {
					t.Fatalf("%v: offsets [%d:%d] after %d in %q (len %d)", a.Kind(), tk.Start, tk.End, prevEnd, s, len(s))
				}
				if tk.Position <= prevPos {
					t.Fatalf("%v: position %d after %d in %q", a.Kind(), tk.Position, prevPos, s)
				}
				prevEnd, prevPos = tk.End, tk.Position
			}
		}
	})
}
