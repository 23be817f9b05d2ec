package analyzers

import "testing"

// A ة written ت before a pronoun meets the word itself when the
// vocabulary says the ة-form is the word; a plain ت stays where the ت-form
// is a word of its own.
func TestFeminineBeforePronouns(t *testing.T) {
	a := New(Light, nil)
	stem := func(w string) string {
		toks := a.Tokens(w)
		if len(toks) != 1 {
			t.Fatalf("%q: %d tokens", w, len(toks))
		}
		return toks[0].Term
	}
	meets := []struct{ word, base string }{
		{"حكومتها", "حكومة"},
		{"حكومتهم", "الحكومة"},
		{"وحكومته", "حكومة"},
		{"حكومتنا", "حكومة"},
		{"حكومتكم", "حكومة"},
		{"سياستهم", "سياسة"},
		{"سياستها", "السياسة"},
		{"قوتها", "قوة"},
		{"مدته", "مدة"},
		{"حياتهم", "حياة"},
		{"شركتها", "الشركة"},
		{"دولتهم", "دولة"},
		{"رسالته", "رسالة"},
		{"جامعتنا", "جامعة"},
	}
	for _, tc := range meets {
		if got, want := stem(tc.word), stem(tc.base); got != want {
			t.Errorf("%s → %q, %s → %q: should meet", tc.word, got, tc.base, want)
		}
	}
	stays := []struct{ word, other string }{
		{"بيتها", "بيه"},
		{"بيتهم", "بيه"},
		{"صوتها", "صوه"},
		{"كانتها", "كانه"},
		{"ذاتها", "ذاه"},
	}
	for _, tc := range stays {
		got := stem(tc.word)
		if got == stem(tc.other) {
			t.Errorf("%s → %q meets %s", tc.word, got, tc.other)
		}
	}
	for word, want := range map[string]string{"بيتها": "بيت", "بيتهم": "بيت", "صوتها": "صوت"} {
		if got := stem(word); got != want {
			t.Errorf("%s → %q, want %q", word, got, want)
		}
	}
}

// The listed words all end in ة (normalized ه), and each maps its ت-form
// to the stem of the word.
func TestFeminineList(t *testing.T) {
	if len(feminineStems) < 1000 {
		t.Fatalf("%d feminine words, want the corpus list", len(feminineStems))
	}
	if got := string(feminineStems["حكومت"]); got != StemLight("حكومه", nil) {
		t.Errorf("حكومت → %q", got)
	}
	if _, ok := feminineStems["بيت"]; ok {
		t.Error("بيت is listed")
	}
}
