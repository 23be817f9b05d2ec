package query

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// Helpers to write expected clauses compactly.
func word(text string) Term   { return Term{Text: text} }
func phrase(text string) Term { return Term{Text: text, Phrase: true} }
func in(field string, t Term) Term {
	t.Field = field
	return t
}
func must(ts ...Term) Clause { return Clause{Must: true, Any: ts} }
func not(ts ...Term) Clause  { return Clause{Not: true, Any: ts} }

func TestParse(t *testing.T) {
	tests := []struct {
		in       string
		want     []Clause
		warnings int
	}{
		{
			in: `"الأمم المتحدة" -إسرائيل غزة OR رفح`,
			want: []Clause{
				must(phrase("الأمم المتحدة")),
				not(word("إسرائيل")),
				must(word("غزة"), word("رفح")),
			},
		},
		{in: `title:العراق`, want: []Clause{must(in("title", word("العراق")))}},
		{in: `عنوان:العراق`, want: []Clause{must(in("title", word("العراق")))}},
		{in: `Title:Iraq`, want: []Clause{must(in("title", word("Iraq")))}},
		{in: `مصدر:الجزيرة تصنيف:رياضة مكان:بغداد بلد:IQ author:سمير`, want: []Clause{
			must(in("source", word("الجزيرة"))),
			must(in("category", word("رياضة"))),
			must(in("place", word("بغداد"))),
			must(in("country", word("IQ"))),
			must(in("author", word("سمير"))),
		}},
		{in: `title:"مجلس الأمن" -source:«وكالة الأنباء»`, want: []Clause{
			must(in("title", phrase("مجلس الأمن"))),
			not(in("source", phrase("وكالة الأنباء"))),
		}},
		{in: `«مجلس الأمن»`, want: []Clause{must(phrase("مجلس الأمن"))}},
		{in: `“مجلس   الأمن” الدولي`, want: []Clause{must(phrase("مجلس الأمن")), must(word("الدولي"))}},
		{in: `-"وقف إطلاق النار" هدنة`, want: []Clause{not(phrase("وقف إطلاق النار")), must(word("هدنة"))}},
		{in: `نفط*`, want: []Clause{must(Term{Text: "نفط", Prefix: true})}},
		{in: `نف*`, want: []Clause{must(Term{Text: "نف", Prefix: true})}},
		// Default fuzziness by length: 10 runes → 2, 5 → 1, 3 → 0.
		{in: `الانتخابات~`, want: []Clause{must(Term{Text: "الانتخابات", Fuzzy: true, Fuzziness: 2})}},
		{in: `بغداد~`, want: []Clause{must(Term{Text: "بغداد", Fuzzy: true, Fuzziness: 1})}},
		{in: `نفط~`, want: []Clause{must(Term{Text: "نفط", Fuzzy: true, Fuzziness: 0})}},
		{in: `الانتخابات~1`, want: []Clause{must(Term{Text: "الانتخابات", Fuzzy: true, Fuzziness: 1})}},
		{in: `بغداد~2`, want: []Clause{must(Term{Text: "بغداد", Fuzzy: true, Fuzziness: 2})}},
		{in: `- من هو جمال أحمد؟`, want: []Clause{
			must(word("من")), must(word("هو")), must(word("جمال")), must(word("أحمد؟")),
		}},
		{in: `10:30 الخميس`, want: []Clause{must(word("10:30")), must(word("الخميس"))}},
		{in: `foo:bar`, want: []Clause{must(word("foo:bar"))}},
		{in: `COP28 الإمارات`, want: []Clause{must(word("COP28")), must(word("الإمارات"))}},
		// Precedence: a b OR c d = a AND (b OR c) AND d.
		{in: `سوريا لبنان OR الأردن مساعدات`, want: []Clause{
			must(word("سوريا")), must(word("لبنان"), word("الأردن")), must(word("مساعدات")),
		}},
		{in: `غزة | رفح أو خانيونس`, want: []Clause{must(word("غزة"), word("رفح"), word("خانيونس"))}},
		{in: `غزة|رفح`, want: []Clause{must(word("غزة"), word("رفح"))}},
		{in: `"أو"`, want: []Clause{must(phrase("أو"))}},
		{in: `or and`, want: []Clause{must(word("or")), must(word("and"))}},
		{in: `ORACLE`, want: []Clause{must(word("ORACLE"))}},
		{in: `-OR`, want: []Clause{not(word("OR"))}},
		{in: `a-b 2023-2024`, want: []Clause{must(word("a-b")), must(word("2023-2024"))}},

		// Hostile and malformed input.
		{in: ``, want: nil},
		{in: `   `, want: nil},
		{in: `-`, want: nil},
		{in: `- -- ---`, want: nil},
		{in: `--غزة`, want: []Clause{not(word("غزة"))}},
		{in: `"الأمم المتحدة`, want: []Clause{must(phrase("الأمم المتحدة"))}, warnings: 1},
		{in: `غزة «مجلس الأمن`, want: []Clause{must(word("غزة")), must(phrase("مجلس الأمن"))}, warnings: 1},
		{in: `"`, want: nil, warnings: 2},
		{in: `"" غزة`, want: []Clause{must(word("غزة"))}, warnings: 1},
		{in: `title:`, want: nil, warnings: 1},
		{in: `title: العراق`, want: []Clause{must(word("العراق"))}, warnings: 1},
		{in: `-title:`, want: nil, warnings: 1},
		{in: `*`, want: nil, warnings: 1},
		{in: `ن* نفط`, want: []Clause{must(word("نفط"))}, warnings: 1},
		{in: `~ بغداد`, want: []Clause{must(word("بغداد"))}, warnings: 1},
		{in: `بغداد~7`, want: []Clause{must(Term{Text: "بغداد", Fuzzy: true, Fuzziness: 2})}, warnings: 1},
		{in: `نفط*~`, want: []Clause{must(Term{Text: "نفط", Prefix: true})}, warnings: 1},
		{in: `OR غزة`, want: []Clause{must(word("غزة"))}, warnings: 1},
		{in: `غزة OR`, want: []Clause{must(word("غزة"))}, warnings: 1},
		{in: `غزة OR OR | رفح`, want: []Clause{must(word("غزة"), word("رفح"))}, warnings: 1},
		{in: `OR | أو`, want: nil, warnings: 1},
		{in: `-غزة OR رفح`, want: []Clause{not(word("غزة")), must(word("رفح"))}, warnings: 1},
		{in: `غزة OR -رفح`, want: []Clause{must(word("غزة")), not(word("رفح"))}, warnings: 1},
		{in: "غزة\x00\tرفح\u00a0\u2003سيناء", want: []Clause{must(word("غزة")), must(word("رفح")), must(word("سيناء"))}},
		{in: `"a"b`, want: []Clause{must(phrase("a")), must(word("b"))}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			q, err := Parse(tt.in, Options{})
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if !reflect.DeepEqual(q.Clauses, tt.want) {
				t.Errorf("Parse(%q)\n got %#v\nwant %#v", tt.in, q.Clauses, tt.want)
			}
			if len(q.Warnings) != tt.warnings {
				t.Errorf("Parse(%q) warnings = %q, want %d", tt.in, q.Warnings, tt.warnings)
			}
			checkRoundTrip(t, q)
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opts Options
		want error
	}{
		{"invalid UTF-8", "غزة \xff\xfe", Options{}, ErrInvalidUTF8},
		{"truncated rune", "غزة"[:3], Options{}, ErrInvalidUTF8},
		{"over default length", strings.Repeat("ب", 1001), Options{}, ErrTooLong},
		{"over set length", "بغداد دمشق", Options{MaxRunes: 9}, ErrTooLong},
		{"over default clauses", strings.Repeat("غزة ", 65), Options{}, ErrTooManyClauses},
		{"alternatives count", "a OR b OR c OR d", Options{MaxClauses: 3}, ErrTooManyClauses},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.in, tt.opts)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse error = %v, want %v", err, tt.want)
			}
		})
	}
	// Exactly at the limits is fine.
	if _, err := Parse(strings.Repeat("ب", 1000), Options{}); err != nil {
		t.Errorf("1000 runes: %v", err)
	}
	if q, err := Parse(strings.Repeat("غزة ", 64), Options{}); err != nil || len(q.Clauses) != 64 {
		t.Errorf("64 clauses: %d clauses, %v", len(q.Clauses), err)
	}
}

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{`"الأمم  المتحدة" -إسرائيل غزة | رفح`, `"الأمم المتحدة" -إسرائيل غزة OR رفح`},
		{`عنوان:«مجلس الأمن» أو مصدر:الجزيرة`, `title:"مجلس الأمن" OR source:الجزيرة`},
		{`«قال "لا"»`, `«قال "لا"»`},
		{`الانتخابات~ نفط~ نفط*`, `الانتخابات~2 نفط~0 نفط*`},
		{`- من هو`, `من هو`},
		{``, ``},
	}
	for _, tt := range tests {
		q, err := Parse(tt.in, Options{})
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		if got := q.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestStringHandBuilt checks that String keeps hand-built terms, which
// Parse would never produce, readable as themselves where possible.
func TestStringHandBuilt(t *testing.T) {
	q := Query{Clauses: []Clause{
		must(word("OR")),
		must(word("-1")),
		must(word("a b")),
		must(word("title:x")),
		not(word("x"), word("y")),
	}}
	want := `"OR" "-1" "a b" "title:x" -x -y`
	if got := q.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestPositiveTermsAndIsEmpty(t *testing.T) {
	q, err := Parse(`"الأمم المتحدة" -إسرائيل غزة OR رفح`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Term{phrase("الأمم المتحدة"), word("غزة"), word("رفح")}
	if got := q.PositiveTerms(); !reflect.DeepEqual(got, want) {
		t.Errorf("PositiveTerms() = %#v, want %#v", got, want)
	}
	if q.IsEmpty() {
		t.Error("IsEmpty() = true for a query with clauses")
	}
	empty, _ := Parse(" - OR * ", Options{})
	if !empty.IsEmpty() {
		t.Errorf("IsEmpty() = false for %#v", empty)
	}
	neg, _ := Parse("-إسرائيل", Options{})
	if neg.IsEmpty() || len(neg.PositiveTerms()) != 0 {
		t.Errorf("exclusion only: IsEmpty %v, PositiveTerms %v", neg.IsEmpty(), neg.PositiveTerms())
	}
}

func TestDefaultFuzziness(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"من", 0}, {"نفط", 0}, {"غزةx", 1}, {"بغداد", 1}, {"الخرطوم", 1}, {"الانتخاب", 2}, {"oil", 0}, {"election", 2},
	}
	for _, tt := range tests {
		if got := DefaultFuzziness(tt.in); got != tt.want {
			t.Errorf("DefaultFuzziness(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// checkRoundTrip asserts that the canonical form of q parses back to the
// same clauses, with no warning.
func checkRoundTrip(t *testing.T, q Query) {
	t.Helper()
	s := q.String()
	back, err := Parse(s, Options{MaxRunes: 1 << 30, MaxClauses: 1 << 30})
	if err != nil {
		t.Fatalf("round trip: Parse(%q): %v", s, err)
	}
	if !reflect.DeepEqual(back.Clauses, q.Clauses) {
		t.Fatalf("round trip through %q:\n got %#v\nwant %#v", s, back.Clauses, q.Clauses)
	}
	if len(back.Warnings) != 0 {
		t.Fatalf("round trip through %q gave warnings %q", s, back.Warnings)
	}
}

func BenchmarkParse(b *testing.B) {
	for _, in := range []struct{ name, q string }{
		{"typical", `"الأمم المتحدة" -إسرائيل غزة OR رفح title:العراق نفط* الانتخابات~`},
		{"long", strings.Repeat("نفط* OR ", 120)},
		{"quotes", strings.Repeat(`""`, 500)},
		{"dashes", strings.Repeat("-", 1000)},
	} {
		b.Run(in.name, func(b *testing.B) {
			opts := Options{MaxClauses: 1000}
			for b.Loop() {
				if _, err := Parse(in.q, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
