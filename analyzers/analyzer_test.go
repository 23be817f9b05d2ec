package analyzers

import (
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// terms returns the terms the analyzer makes of text.
func terms(a *Analyzer, text string) []string {
	var out []string
	for _, t := range a.Tokens(text) {
		out = append(out, t.Term)
	}
	return out
}

func TestSameTermGroups(t *testing.T) {
	groups := [][]string{
		{"الشجرة", "شجرة"},
		{"والأنبار", "بالأنبار", "الأنبار"},
		{"بالعراق", "العراق"},
		{"كثيرون", "كثير"},
		{"وأغراضها", "أغراض"},
		{"المعلمون", "معلم"},
		{"والمعلمات", "المعلمات"},
		{"٢٠١٠", "2010", "۲۰۱۰"},
		{"الرحمٰن", "الرحمن"},
		{"كَتَبَ", "كتب"},
		{"ﺍﺣﻤﺪ", "أحمد", "احمد", "إحمد"},
		{"مدرسة", "مدرسه"},
		{"المــدرسة", "المدرسة"},
		{"مسؤول", "مسئول", "مسو\u0654ول"},
		{"شاطئ", "شاطىء"},
		{"الوطني", "وطني", "الوطنية"},
		{"كتاب", "ک\u200cتاب", "كتا\u200fب"},
		{"ی", "ي"},
	}
	configs := map[string]*Protected{
		"unprotected": nil,
		"protected":   NewProtected("الأنبار", "العراق", "بغداد"),
	}
	for name, p := range configs {
		a := New(Light, p)
		for _, g := range groups {
			want := terms(a, g[0])
			if len(want) != 1 {
				t.Errorf("%s: %q gives %q, want one term", name, g[0], want)
				continue
			}
			for _, w := range g[1:] {
				if got := terms(a, w); !reflect.DeepEqual(got, want) {
					t.Errorf("%s: %q gives %q, want %q like %q", name, w, got, want, g[0])
				}
			}
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain ASCII, kept.", "plain ASCII, kept."},
		{"كَتَبَ الوَلَدُ", "كتب الولد"},
		{"سلامٌ عليكمْ", "سلام عليكم"},
		{"الرحمٰن", "الرحمن"},
		{"آمن أحمد إلى ٱلله", "امن احمد الي الله"},
		{"مدرسة مستشفى", "مدرسه مستشفي"},
		{"مسؤول مسئول شؤون", "مسءول مسءول شءون"},
		{"شاطىء شاطئ", "شاطء شاطء"},
		{"يء", "يء"}, // only ى before ء is the old spelling of ئ
		{"کتاب فارسی", "كتاب فارسي"},
		{"المــــدرسة", "المدرسه"},
		{"ﺍﺣﻤﺪ ﻻ", "احمد لا"},
		{"ﷲ", "الله"},
		{"٢٠١٠ ۲۰۲۶ ٣٫٥", "2010 2026 3.5"},
		{"\u200fبغداد\u200e - \u202bدبي\u202c\u2067x\u2069", "بغداد - دبيx"},
		{"\ufeffنص\u061c", "نص"},
		{"بغداد، العراق؛ لماذا؟ «نعم»", "بغداد، العراق؛ لماذا؟ «نعم»"},
		{"صَلَّى ٱللَّهُ", "صلي الله"},
		{"ۀ ە ھ", "ه ه ه"},
		{"\xff", "\uFFFD"},
		{"Café", "Café"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Normalize(Normalize(tt.in)); got != tt.want {
			t.Errorf("Normalize is not idempotent on %q: %q", tt.in, got)
		}
	}
}

func TestTokensOffsetsAndPositions(t *testing.T) {
	text := "قال الوزيرُ إنّ المــدرسةَ في بغداد/المسلة"
	got := New(Light, nil).Tokens(text)
	want := []Token{
		{Term: "وزير", Surface: "الوزيرُ", Position: 2},
		{Term: "مدرس", Surface: "المــدرسةَ", Position: 4},
		{Term: "بغداد", Surface: "بغداد", Position: 6},
		{Term: "مسل", Surface: "المسلة", Position: 7},
	}
	if len(got) != len(want) {
		t.Fatalf("Tokens(%q) = %+v, want %d tokens", text, got, len(want))
	}
	for i := range want {
		g := got[i]
		if g.Term != want[i].Term || g.Surface != want[i].Surface || g.Position != want[i].Position {
			t.Errorf("token %d = %+v, want %+v", i, g, want[i])
		}
		if text[g.Start:g.End] != g.Surface {
			t.Errorf("token %d: text[%d:%d] = %q, surface %q", i, g.Start, g.End, text[g.Start:g.End], g.Surface)
		}
	}
	// The exact analyzer keeps the stop words and the positions are dense.
	exact := New(Exact, nil).Tokens(text)
	var ex []string
	for i, tk := range exact {
		ex = append(ex, tk.Term)
		if tk.Position != i+1 {
			t.Errorf("exact token %d has position %d", i, tk.Position)
		}
	}
	wantExact := []string{"قال", "الوزير", "ان", "المدرسه", "في", "بغداد", "المسله"}
	if !reflect.DeepEqual(ex, wantExact) {
		t.Errorf("exact terms = %q, want %q", ex, wantExact)
	}
}

func TestTokenization(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // ar_exact terms
	}{
		{"arabic punctuation", "بغداد، البصرة؛ لماذا؟ «نعم» ٪٥ نهاية۔", []string{"بغداد", "البصره", "لماذا", "نعم", "5", "نهايه"}},
		{"dateline slash", "بغداد/المسلة: قال", []string{"بغداد", "المسله", "قال"}},
		{"hashtag underscore", "#كاظم_الساهر", []string{"كاظم", "الساهر"}},
		{"decimal numbers", "ارتفع 3.5 و٣٫٥ بنسبة 1.7%.", []string{"ارتفع", "3.5", "و", "3.5", "بنسبه", "1.7"}},
		{"sentence period after number", "عام 2010. ثم", []string{"عام", "2010", "ثم"}},
		{"thousands separator", "١٬٠٠٠ دينار", []string{"1000", "دينار"}},
		{"digits then arabic letter", "2010م ١٤٤٧هـ", []string{"2010", "م", "1447", "ه"}},
		{"latin and arabic glued", "CNNالعربية", []string{"cnn", "العربيه"}},
		{"apostrophes", "Reuters' report didn't O’Brien 'quoted'", []string{"reuters", "report", "didn't", "o'brien", "quoted"}},
		{"latin with digits", "G20 F-16 COVID19", []string{"g20", "f", "16", "covid19"}},
		{"zero width space splits", "كلمة\u200bأخرى", []string{"كلمه", "اخري"}},
		{"zero width non-joiner joins", "می\u200cخواهم", []string{"ميخواهم"}},
		{"presentation ligatures", "ﷺ ﻻ ﷲ", []string{"صلياللهعليهوسلم", "لا", "الله"}},
		{"marks alone", "\u064e \u0640", nil},
		{"empty", "", nil},
	}
	a := New(Exact, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := terms(a, tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("terms(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMixedArabicEnglish(t *testing.T) {
	text := "قالت The Ministers في Washington إن Running"
	got := New(Light, nil).Tokens(text)
	want := []struct {
		term, surface string
		pos           int
	}{
		{"minist", "Ministers", 3},
		{"washington", "Washington", 5},
		{"run", "Running", 7},
	}
	if len(got) != len(want) {
		t.Fatalf("Tokens = %+v", got)
	}
	for i, w := range want {
		if got[i].Term != w.term || got[i].Surface != w.surface || got[i].Position != w.pos {
			t.Errorf("token %d = %+v, want %v", i, got[i], w)
		}
	}
}

func TestStemLight(t *testing.T) {
	tests := []struct{ in, want string }{
		// article and its combinations
		{"الشجره", "شجر"},
		{"الحج", "حج"},
		{"وبالعراق", "عراق"},
		{"فللمدينه", "مدين"},
		{"وللمدينه", "مدين"},
		{"كالعاده", "عاد"},
		// the bare proclitics are kept: these words begin with them
		{"بيروت", "بيروت"},
		{"لبنان", "لبنان"},
		{"فلسطين", "فلسطين"},
		{"كتاب", "كتاب"},
		{"سوريا", "سوريا"},
		{"بريطانيا", "بريطانيا"},
		{"سلام", "سلام"},
		{"سياسه", "سياس"},
		{"سياره", "سيار"},
		{"لبغداد", "لبغداد"},
		// و: stripped, except from words whose root starts with it
		{"وقال", "قال"},
		{"واغراضها", "اغراض"},
		{"وزير", "وزير"},
		{"وزاره", "وزار"},
		{"الوزاره", "وزار"},
		{"والد", "والد"},
		{"والده", "والد"},
		{"بالغه", "بالغ"},
		// suffixes
		{"كثيرون", "كثير"},
		{"المسلمين", "مسلم"},
		{"مسءوليات", "مسءول"},
		{"مواطنيهم", "مواطن"},
		{"بلادنا", "بلاد"},
		{"الثاني", "ثان"},
		{"الثانيه", "ثان"},
		{"الاردني", "اردن"},
		{"الاردن", "اردن"},
		{"محاكم", "محاكم"},
		{"بلادكم", "بلاد"},
		{"انسان", "انسان"},
		{"برلمان", "برلمان"},
		{"قانون", "قانون"},
		{"القانون", "قانون"},
		{"مليون", "مليون"},
		{"كانون", "كانون"},
		{"تشرين", "تشرين"},
		{"تامين", "تامين"},
		{"مخزون", "مخزون"},
		{"كورونا", "كورونا"},
		{"متهم", "متهم"},
		{"الله", "الله"},
		{"سنه", "سنه"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := StemLight(tt.in, nil); got != tt.want {
			t.Errorf("StemLight(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStemLightProtected(t *testing.T) {
	p := NewProtected("الأنبار", "بغداد", "البصرة", "لبنان", "بيروت")
	tests := []struct{ in, want string }{
		{"والانبار", "انبار"},
		{"بالانبار", "انبار"},
		{"انبار", "انبار"},
		{"لبغداد", "بغداد"},
		{"وبغداد", "بغداد"},
		{"البصره", "بصره"},
		{"بالبصره", "بصره"},
		{"لبنان", "لبنان"},
		{"ولبنان", "لبنان"},
		{"ببيروت", "بيروت"},
		{"المدرسه", "مدرس"}, // unprotected words are stemmed as usual
	}
	for _, tt := range tests {
		if got := StemLight(tt.in, p); got != tt.want {
			t.Errorf("StemLight(%q, protected) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if StemLight("البصره", nil) != "بصر" {
		t.Errorf("unprotected البصرة should lose its ه")
	}
}

func TestProtected(t *testing.T) {
	p := NewProtected("الأنبار", "أبو ظبي", "hello")
	for _, w := range []string{"الانبار", "انبار", "الأنبار", "ابو", "ظبي", "الظبي"} {
		if !p.Contains(w) {
			t.Errorf("Contains(%q) = false", w)
		}
	}
	if p.Contains("hello") || p.Contains("بغداد") {
		t.Errorf("unexpected member")
	}
	a := New(Light, p)
	if got := terms(a, "بالكوت"); !reflect.DeepEqual(got, []string{"كوت"}) {
		t.Fatalf("before Add: %q", got)
	}
	// Adding at run time while analyzing concurrently.
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				a.Tokens("والكوت والبصرة")
			}
		}()
	}
	p.Add("البصرة", "الكوت")
	wg.Wait()
	if got := terms(a, "والبصرة لبصرة"); !reflect.DeepEqual(got, []string{"بصره", "بصره"}) {
		t.Errorf("after Add: %q", got)
	}
	if n := NewProtected().Len(); n != 0 {
		t.Errorf("empty set has %d words", n)
	}
	if got := p.Words(); len(got) != p.Len() || !strings.HasPrefix(strings.Join(got, " "), "ابو") {
		t.Errorf("Words() = %q", got)
	}
}

func TestStripProclitics(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"بالعراق", []string{"بالعراق", "العراق", "عراق"}},
		{"والانبار", []string{"والانبار", "الانبار", "انبار"}},
		{"لبغداد", []string{"لبغداد", "بغداد"}},
		{"وللمدينه", []string{"وللمدينه", "للمدينه", "المدينه", "مدينه"}},
		{"وبالبصره", []string{"وبالبصره", "بالبصره", "البصره", "بصره"}},
		{"بغداد", []string{"بغداد", "غداد"}},
		{"دمشق", []string{"دمشق"}},
		{"لي", []string{"لي"}},
	}
	for _, tt := range tests {
		if got := StripProclitics(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("StripProclitics(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStopWordsLeaveGaps(t *testing.T) {
	text := "قال إن الوزير كان في the city"
	got := New(Light, nil).Tokens(text)
	var pos []int
	var ts []string
	for _, tk := range got {
		pos = append(pos, tk.Position)
		ts = append(ts, tk.Term)
	}
	if !reflect.DeepEqual(ts, []string{"وزير", "citi"}) || !reflect.DeepEqual(pos, []int{3, 7}) {
		t.Errorf("terms %q at %v, want [وزير citi] at [3 7]", ts, pos)
	}
}

func TestSnowball(t *testing.T) {
	a := New(Snowball, nil)
	got := terms(a, "المعلمون في المدارس")
	if len(got) != 2 {
		t.Fatalf("snowball terms = %q", got)
	}
	for _, term := range got {
		if Normalize(term) != term {
			t.Errorf("snowball term %q is not normalized", term)
		}
	}
	if got[0] != "معلم" {
		t.Errorf("snowball stem of المعلمون = %q", got[0])
	}
}

func TestRegistryAndLookup(t *testing.T) {
	cache := registry.NewCache()
	for _, name := range []string{"ar", "ar_exact", "ar_snowball", "standard", "keyword", "en", NameLight} {
		a, err := Lookup(name, cache)
		if err != nil || a == nil {
			t.Errorf("Lookup(%q): %v", name, err)
		}
	}
	if a, _ := Lookup("ar", cache); a.(*Analyzer).Kind() != Light {
		t.Errorf("ar is not the light analyzer")
	}
	if _, err := Lookup("no_such_analyzer", nil); err == nil || !strings.Contains(err.Error(), "ar_exact") {
		t.Errorf("unknown analyzer error = %v, want it to list the known names", err)
	}
	names := Names()
	if names[0] != "ar" || !contains(names, "standard") || !contains(names, NameLight) {
		t.Errorf("Names() = %q", names)
	}

	// A mapping-style definition carrying protected words.
	def, err := cache.DefineAnalyzer("places_ar", map[string]interface{}{
		"type":               NameLight,
		ConfigProtectedWords: []interface{}{"البصرة"},
	})
	if err != nil {
		t.Fatal(err)
	}
	toks := def.Analyze([]byte("بالبصرة"))
	if len(toks) != 1 || string(toks[0].Term) != "بصره" {
		t.Errorf("protected definition gives %v", toks)
	}
	if _, err := cache.DefineAnalyzer("bad", map[string]interface{}{
		"type": NameLight, ConfigProtectedWords: []interface{}{1},
	}); err == nil {
		t.Errorf("a non-string protected word should be an error")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestAnalyzeTokenStream(t *testing.T) {
	var _ analysis.Analyzer = New(Light, nil)
	input := []byte("وزارة الموارد المائية 2025")
	ts := New(Light, nil).Analyze(input)
	if len(ts) != 4 {
		t.Fatalf("got %d tokens", len(ts))
	}
	if ts[3].Type != analysis.Numeric || ts[0].Type != analysis.AlphaNumeric {
		t.Errorf("token types %v %v", ts[0].Type, ts[3].Type)
	}
	// Terms must not share capacity: appending to one must not clobber the next.
	_ = append(ts[0].Term, 'x')
	if string(ts[1].Term) != "موارد" {
		t.Errorf("second term clobbered: %q", ts[1].Term)
	}
}

func TestAnalyzeWithExactMatchesSeparateAnalyses(t *testing.T) {
	news, err := os.ReadFile("testdata/news_ar.txt")
	if err != nil {
		t.Fatalf("reading the news text: %v", err)
	}
	protected := NewProtected("بغداد", "الموصل", "لبنان")
	texts := []string{
		string(news),
		"وزارة الموارد المائية في بغداد أعلنت أن منسوب دجلة بلغ 3.5 متر، والموصل تنتظر",
		"قال المتحدث إن الـ Running teams don't stop في ٢٠٢٤ ﷺ و الى",
		"",
		"في من على",
	}
	for _, kind := range []Kind{Light, Snowball, Exact} {
		a := New(kind, protected)
		exactA := New(Exact, nil)
		for _, text := range texts {
			tokens, exact := a.AnalyzeWithExact([]byte(text))
			wantTokens := a.Analyze([]byte(text))
			wantExact := exactA.Analyze([]byte(text))
			if len(tokens) != len(wantTokens) || len(exact) != len(wantExact) {
				t.Fatalf("%s on %.30q: %d and %d tokens, want %d and %d", kind, text, len(tokens), len(exact), len(wantTokens), len(wantExact))
			}
			for i := range tokens {
				if !reflect.DeepEqual(tokens[i], *wantTokens[i]) {
					t.Fatalf("%s token %d: %+v, want %+v", kind, i, tokens[i], *wantTokens[i])
				}
			}
			for i := range exact {
				if !reflect.DeepEqual(exact[i], *wantExact[i]) {
					t.Fatalf("%s exact token %d: %+v, want %+v", kind, i, exact[i], *wantExact[i])
				}
			}
		}
	}
}
