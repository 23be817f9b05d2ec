package query

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that Parse never panics, that it only fails with its
// documented errors, that the canonical form reads back as the same query
// without warnings, and that the output stays proportional to the input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`"الأمم المتحدة" -إسرائيل غزة OR رفح`,
		`title:العراق`,
		`«مجلس الأمن»`,
		`نفط*`,
		`الانتخابات~`,
		`- من هو جمال أحمد؟`,
		`10:30 الخميس`,
		`COP28 الإمارات`,
		`عنوان:"قمة" | مصدر:«الجزيرة» أو -بلد:SA`,
		`"unbalanced`,
		`title: * ~ OR OR -`,
		"\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s, Options{})
		if err != nil {
			if !errors.Is(err, ErrInvalidUTF8) && !errors.Is(err, ErrTooLong) && !errors.Is(err, ErrTooManyClauses) {
				t.Fatalf("Parse(%q): unexpected error %v", s, err)
			}
			if utf8.ValidString(s) && errors.Is(err, ErrInvalidUTF8) {
				t.Fatalf("Parse(%q): ErrInvalidUTF8 for valid UTF-8", s)
			}
			return
		}
		for _, c := range q.Clauses {
			if c.Must == c.Not || len(c.Any) == 0 || (c.Not && len(c.Any) != 1) {
				t.Fatalf("Parse(%q): malformed clause %#v", s, c)
			}
			for _, term := range c.Any {
				if term.Text == "" {
					t.Fatalf("Parse(%q): empty term in %#v", s, c)
				}
			}
		}
		out := q.String()
		if len(out) > 4*len(s)+8 {
			t.Fatalf("Parse(%q).String() = %q: output out of proportion to the input", s, out)
		}
		checkRoundTrip(t, q)
	})
}
