package readers

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
)

// readAll reads one stream and returns its records.
func readAll(t *testing.T, data []byte, name string, opts Options) []Record {
	t.Helper()
	var recs []Record
	err := Read(context.Background(), bytes.NewReader(data), name, opts, func(r Record) error {
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return recs
}

func readFixture(t *testing.T, rel string, opts Options) []Record {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", rel))
	if err != nil {
		t.Fatal(err)
	}
	return readAll(t, data, rel, opts)
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
		ok   bool
	}{
		{"", Auto, true}, {"auto", Auto, true}, {"TEXT", Text, true}, {"txt", Text, true},
		{"jsonl", JSONL, true}, {"ndjson", JSONL, true}, {"json", JSONL, true},
		{"sgml", SGML, true}, {" trec ", SGML, true}, {"xml", "", false}, {"csv", "", false},
	}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, head string
		want       Format
	}{
		{"a.jsonl", "", JSONL},
		{"a.jsonl.gz", "", JSONL},
		{"a.JSON.GZ", "anything", JSONL},
		{"dir/a.ndjson", "", JSONL},
		{"a.sgml", "{", SGML},
		{"AL-culture-1-20180218.txt", "<DOC>\n<DOCNO>x</DOCNO>", SGML},
		{"x.txt", "\ufeff  \r\n<doc>\n", SGML},
		{"x.txt", "<DOCUMENT>", Text},
		{"-", "{\"title\": \"خبر\"}\n", JSONL},
		{"x.txt", "اخبار العراق\nموقع كل يوم", Text},
		{"noext", "", Text},
	}
	for _, tt := range tests {
		if got := Detect(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%q, %q) = %q, want %q", tt.name, tt.head, got, tt.want)
		}
	}
}

func TestReadTextFixtures(t *testing.T) {
	tests := []struct {
		file       string
		title      string
		category   string
		source     string
		author     string
		header     []string
		bodyStart  string
		bodyEnd    string
		notInBody  []string
		paragraphs int
	}{
		{
			file:       "text/full.txt",
			title:      "أعلنت شركة نفط البصرة، الجمعة، ارتفاع صادرات الحقول الجنوبية إلى مستوى لم تبلغه منذ ثلاث سنوات، بعد إنجاز أعمال صيانة…",
			category:   "اخبار الاقتصاد",
			source:     "الرافدين نيوز",
			header:     []string{"نشر بتاريخ: ١٤ آذار ٢٠٢٥", "14 مارس، 2025"},
			bodyStart:  "البصرة/الرافدين نيوز: أعلنت شركة نفط البصرة",
			bodyEnd:    "في الأسواق العالمية.",
			notInBody:  []string{"About Post Author", "سعد الكعبي", "See author's posts", "Share", "Related posts"},
			paragraphs: 3,
		},
		{
			file:       "text/no_site.txt",
			title:      "أحرز المنتخب الأردني لكرة السلة لقب البطولة العربية للشباب بعد فوزه في المباراة النهائية على نظيره المصري بفارق أربع…",
			category:   "رياضة",
			header:     []string{"الأحد ٢ شباط ٢٠٢٥"},
			bodyStart:  "عمّان – أحرز المنتخب الأردني",
			bodyEnd:    "استعداداً للتصفيات القارية.",
			notInBody:  []string{"اقرأ أيضاً", "مدرب المنتخب يعلن", "فيسبوك", "مقالات ذات صلة", "ودية جديدة"},
			paragraphs: 2,
		},
		{
			file:       "text/crlf_bom.txt",
			title:      "بدأت في جنيف جولة جديدة من المفاوضات حول تقاسم مياه الأنهار العابرة للحدود، بمشاركة وفود من ست دول وممثلين عن منظمات…",
			category:   "أخبار العالم",
			source:     "الشرق اليوم",
			header:     []string{"5 أبريل، 2024"},
			bodyStart:  "جنيف (وكالات): بدأت في جنيف جولة جديدة من المفاوضات حول",
			bodyEnd:    "وإنشاء لجنة فنية دائمة.",
			notInBody:  []string{"\r", "\x00", "\u200f", "\u200e", "\ufeff", "\nشارك", "تويتر"},
			paragraphs: 2,
		},
		{
			file:       "text/no_header.txt",
			title:      "تشهد مدينة صفاقس منذ مطلع الأسبوع حركة تجارية نشيطة مع اقتراب موسم جني الزيتون، إذ توافد مئات العمال الموسميين من…",
			bodyStart:  "تشهد مدينة صفاقس",
			bodyEnd:    "ارتفاع كلفة اليد العاملة والنقل.",
			paragraphs: 2,
		},
		{
			file:       "text/labeled.txt",
			title:      "مهرجان الشعر الشعبي يعود إلى الموصل بعد غياب طويل",
			category:   "ثقافة",
			source:     "صحيفة نينوى الجديدة",
			author:     "هدى يونس",
			header:     []string{"٣٠ تشرين الأول ٢٠٢٤"},
			bodyStart:  "شهدت قاعة الربيع في الموصل",
			bodyEnd:    "وأسواقها القديمة.",
			notInBody:  []string{"نبذة عن الكاتب", "صحفية من الموصل"},
			paragraphs: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			recs := readFixture(t, tt.file, Options{})
			if len(recs) != 1 {
				t.Fatalf("got %d records, want 1", len(recs))
			}
			r := recs[0]
			if r.Err != nil {
				t.Fatalf("error: %v", r.Err)
			}
			a := r.Article
			if a.Title != tt.title {
				t.Errorf("Title = %q\nwant    %q", a.Title, tt.title)
			}
			if a.Category != tt.category {
				t.Errorf("Category = %q, want %q", a.Category, tt.category)
			}
			if a.Source != tt.source {
				t.Errorf("Source = %q, want %q", a.Source, tt.source)
			}
			if a.Author != tt.author {
				t.Errorf("Author = %q, want %q", a.Author, tt.author)
			}
			if !reflect.DeepEqual(a.HeaderLines, tt.header) {
				t.Errorf("HeaderLines = %q, want %q", a.HeaderLines, tt.header)
			}
			if !strings.HasPrefix(a.Body, tt.bodyStart) {
				t.Errorf("Body starts %q, want %q", firstRunes(a.Body, 60), tt.bodyStart)
			}
			if !strings.HasSuffix(a.Body, tt.bodyEnd) {
				t.Errorf("Body ends %q, want %q", lastRunes(a.Body, 60), tt.bodyEnd)
			}
			for _, s := range tt.notInBody {
				if strings.Contains(a.Body, s) {
					t.Errorf("Body contains %q", s)
				}
			}
			if n := strings.Count(a.Body, "\n") + 1; n != tt.paragraphs {
				t.Errorf("Body has %d paragraphs, want %d:\n%s", n, tt.paragraphs, a.Body)
			}
			if a.ID != "" || a.PublishedFrom != "" || a.PublishedText != "" {
				t.Errorf("ID %q, PublishedFrom %q, PublishedText %q: want all empty", a.ID, a.PublishedFrom, a.PublishedText)
			}
			if a.Origin != tt.file || r.Origin != tt.file {
				t.Errorf("Origin = %q / %q, want %q", a.Origin, r.Origin, tt.file)
			}
		})
	}
}

func TestReadJSONLFixture(t *testing.T) {
	recs := readFixture(t, "jsonl/articles.jsonl", Options{})
	type want struct {
		origin                   string
		id, title, source, cat   string
		author, published, from  string
		summary, bodyStart, lang string
		err                      error
	}
	wants := []want{
		{origin: "jsonl/articles.jsonl:1", id: "masa-001", title: "افتتاح جسر جديد على نهر دجلة في الموصل", source: "نينوى اليوم", cat: "محليات",
			author: "علي الجبوري", published: "2024-03-11T08:30:00+03:00", from: "metadata", summary: "جسر جديد في الموصل",
			bodyStart: "افتتحت محافظة نينوى، صباح الاثنين، جسراً جديداً يربط الساحلين الأيمن والأيسر لمدينة الموصل.\nوقال المحافظ", lang: "ar"},
		{origin: "jsonl/articles.jsonl:2", id: "AN-econ-7", title: "تراجع أسعار الذهب في أسواق دبي", source: "الخليج الاقتصادي", cat: "economy",
			published: "Tue, 13 Feb 2018 10:05:00 +0400", from: "metadata", summary: "تراجع الذهب للمرة الثانية", bodyStart: "تراجعت أسعار الذهب"},
		{origin: "jsonl/articles.jsonl:3", id: "12345", title: "وصول أول رحلة مباشرة بين تونس ونواكشوط",
			published: "2024-03-11T08:30:00Z", from: "metadata", bodyStart: "حطت في مطار نواكشوط"},
		{origin: "jsonl/articles.jsonl:5", err: ErrBadJSON},
		{origin: "jsonl/articles.jsonl:6", err: ErrBadJSON},
		{origin: "jsonl/articles.jsonl:7", err: ErrNoText},
		{origin: "jsonl/articles.jsonl:8", title: "مهرجان قرطاج يكشف برنامجه", source: "قرطاج نيوز", cat: "ثقافة",
			author: "سلمى بن علي, كريم الطرابلسي", published: "12/07/2016", from: "metadata", summary: "برنامج المهرجان", bodyStart: "كشفت إدارة مهرجان قرطاج"},
		{origin: "jsonl/articles.jsonl:9", title: "أعلنت الأرصاد الجوية عن موجة حر تمتد حتى نهاية الأسبوع.",
			published: "2023-07-20T00:00:00Z", from: "metadata", bodyStart: "أعلنت الأرصاد الجوية"},
		{origin: "jsonl/articles.jsonl:10", err: ErrInvalidUTF8},
		{origin: "jsonl/articles.jsonl:11", id: "last", title: "السطر الأخير سليم", bodyStart: "هذا السطر يأتي"},
	}
	if len(recs) != len(wants) {
		for _, r := range recs {
			t.Logf("%s: %v", r.Origin, r.Err)
		}
		t.Fatalf("got %d records, want %d", len(recs), len(wants))
	}
	for i, w := range wants {
		r := recs[i]
		if r.Origin != w.origin {
			t.Errorf("record %d: Origin %q, want %q", i, r.Origin, w.origin)
		}
		if w.err != nil {
			if !errors.Is(r.Err, w.err) {
				t.Errorf("%s: error %v, want %v", r.Origin, r.Err, w.err)
			}
			continue
		}
		if r.Err != nil {
			t.Errorf("%s: unexpected error %v", r.Origin, r.Err)
			continue
		}
		a := r.Article
		got := want{origin: a.Origin, id: a.ID, title: a.Title, source: a.Source, cat: a.Category, author: a.Author,
			published: a.PublishedText, from: a.PublishedFrom, summary: a.Summary, bodyStart: w.bodyStart, lang: a.Lang}
		if !strings.HasPrefix(a.Body, w.bodyStart) {
			t.Errorf("%s: body starts %q, want %q", r.Origin, firstRunes(a.Body, 80), w.bodyStart)
		}
		if got != w {
			t.Errorf("%s:\n got %+v\nwant %+v", r.Origin, got, w)
		}
	}
}

// TestReadSGMLManyUnclosed checks that a run of documents without </DOC>
// gives one error per document and that the closed one after them is
// still read.
func TestReadSGMLManyUnclosed(t *testing.T) {
	data := strings.Repeat("<DOC><TITLE>خبر عاجل</TITLE>", 5000) + "<DOC><TITLE>زيارة الوفد</TITLE><TEXT>وصل الوفد إلى عمّان.</TEXT></DOC>"
	var errs, articles int
	var last string
	err := Read(context.Background(), strings.NewReader(data), "many.sgml", Options{Format: SGML}, func(r Record) error {
		if r.Err != nil {
			if !errors.Is(r.Err, ErrBadDocument) {
				t.Fatalf("%s: %v, want a missing </DOC> error", r.Origin, r.Err)
			}
			errs++
			return nil
		}
		articles++
		last = r.Article.Title + "|" + r.Origin
		return nil
	})
	if err != nil || errs != 5000 || articles != 1 || last != "زيارة الوفد|many.sgml#5001" {
		t.Fatalf("got %d errors, %d articles, last %q, err %v", errs, articles, last, err)
	}
}

func TestReadSGMLFixture(t *testing.T) {
	recs := readFixture(t, "sgml/docs.sgml", Options{})
	if len(recs) != 5 {
		t.Fatalf("got %d records, want 5", len(recs))
	}
	a := recs[0].Article
	if recs[0].Err != nil || a.ID != "TST-culture-1" || a.URL != "https://example.org/ar/culture/1" ||
		a.Source != "المدى الثقافي" || a.Category != "culture" || a.Title != "معرض للخط العربي في بيت الحكمة" ||
		a.PublishedText != "Mon, 05 Mar 2018 18:20:00 +0300" || a.PublishedFrom != "metadata" ||
		a.Author != "بغداد - نور حسن" || a.Summary != "افتتح معرض للخط العربي" ||
		a.Body != "افتتح في بيت الحكمة ببغداد معرض للخط العربي يضم أربعين لوحة لخطاطين من العراق وتركيا.\nويستمر المعرض حتى نهاية الشهر." ||
		a.Origin != "sgml/docs.sgml#1" {
		t.Errorf("doc 1: %v %+v", recs[0].Err, a)
	}
	a = recs[1].Article
	if recs[1].Err != nil || a.ID != "TST-me-2" || a.Title != "الأمطار & المخزون المائي" || a.Category != "middleEast" ||
		a.Body != "قال الباحث إن نسبة الأمطار بلغت 40 <ملم> هذا العام & إن المخزون \"كافٍ\" حتى الصيف المقبل." ||
		a.PublishedFrom != "" || a.Origin != "sgml/docs.sgml#2" {
		t.Errorf("doc 2: %v %+v", recs[1].Err, a)
	}
	if !errors.Is(recs[2].Err, ErrBadDocument) || recs[2].Origin != "sgml/docs.sgml#3" {
		t.Errorf("doc 3: %v at %s, want a missing </DOC> error", recs[2].Err, recs[2].Origin)
	}
	a = recs[3].Article
	if recs[3].Err != nil || a.ID != "TST-sport-4" || a.Title != "فوز الترجي في الدربي" ||
		a.PublishedText != "2017-01-21T20:00:00+01:00" ||
		a.Body != "فاز الترجي على الإفريقي بهدفين دون رد في الدربي.\nوسجل الهدفين المهاجم الشاب في الشوط الثاني." {
		t.Errorf("doc 4: %v %+v", recs[3].Err, a)
	}
	if !errors.Is(recs[4].Err, ErrBadDocument) || recs[4].Origin != "sgml/docs.sgml#5" {
		t.Errorf("doc 5: %v at %s, want a missing </DOC> error", recs[4].Err, recs[4].Origin)
	}
}

// TestBadInput checks that every kind of bad file yields exactly one error
// record with a clear reason.
func TestBadInput(t *testing.T) {
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	long := strings.Repeat("ب", 600)
	tests := []struct {
		name   string
		data   []byte
		opts   Options
		err    error
		reason string
	}{
		{"empty.txt", nil, Options{}, ErrEmpty, "file is empty"},
		{"blank.txt", []byte(" \n\r\n\t\n"), Options{}, ErrEmpty, "file is empty"},
		{"bom-only.txt", []byte("\ufeff\n"), Options{}, ErrEmpty, "file is empty"},
		{"empty.jsonl", []byte("\n\n"), Options{}, ErrEmpty, "file is empty"},
		{"empty.jsonl.gz", gz(""), Options{}, ErrEmpty, "file is empty"},
		{"nul.txt", []byte("ab\x00\x00cd\x00\x00ef\x00"), Options{}, ErrBinary, "binary file (NUL bytes)"},
		{"utf16.txt", []byte("\xff\xfeh\x00i\x00"), Options{}, ErrBinary, "binary file (NUL bytes)"},
		{"ctl.txt", []byte("\x01\x02\x03\x04\x05\x06\x07\x08abc"), Options{}, ErrBinary, "binary file (control bytes)"},
		{"bad.txt", []byte("اخبار\n\xc3\x28 نص"), Options{}, ErrInvalidUTF8, "invalid UTF-8 at byte 11"},
		{"big.txt", []byte(long), Options{MaxFileBytes: 1000}, ErrTooLarge, "file exceeds 1000 bytes"},
		{"big.sgml", []byte("<DOC><TEXT>" + long + "</TEXT></DOC>"), Options{MaxFileBytes: 1 << 10}, ErrTooLarge, "file exceeds 1 KB"},
		{"short.txt", []byte("اخبار العراق\nموقع كل يوم -المسلة\n"), Options{}, nil, ""}, // all short: read as body
		{"nodoc.sgml", []byte("<TITLE>عنوان</TITLE>"), Options{}, ErrBadDocument, "no <DOC> element"},
		{"emptydoc.sgml", []byte("<DOC>\n<DOCNO>x</DOCNO>\n</DOC>"), Options{}, ErrNoText, "no <TITLE> and no <TEXT>"},
		{"badgz.jsonl.gz", []byte("\x1f\x8b\x08garbage"), Options{}, nil, "gzip"},
		{"header-only.txt", []byte("اخبار العراق\nالعنوان: خبر بلا متن\n" + strings.Repeat("ل", 90) + "\nAbout Post Author\n"), Options{}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs := readAll(t, tt.data, tt.name, tt.opts)
			if len(recs) != 1 {
				t.Fatalf("got %d records, want 1", len(recs))
			}
			r := recs[0]
			if r.Origin != tt.name && r.Origin != tt.name+"#1" && r.Origin != tt.name+":1" {
				t.Errorf("Origin %q, want %q", r.Origin, tt.name)
			}
			if tt.reason == "" {
				if r.Err != nil {
					t.Errorf("unexpected error %v", r.Err)
				}
				return
			}
			if r.Err == nil {
				t.Fatalf("no error, want %q; article %+v", tt.reason, r.Article)
			}
			if tt.err != nil && !errors.Is(r.Err, tt.err) {
				t.Errorf("error %v is not %v", r.Err, tt.err)
			}
			if !strings.Contains(r.Err.Error(), tt.reason) {
				t.Errorf("error %q does not say %q", r.Err, tt.reason)
			}
		})
	}
}

func TestJSONLBadLinesKeepGoodOnes(t *testing.T) {
	good := `{"title":"خبر سليم","body":"نص سليم."}`
	input := good + "\n" + `{"title":"` + strings.Repeat("ط", 100) + `"}` + "\n" + good + "\n\"نص\"\n" + good + ` {"x":1}` + "\n" + good
	recs := readAll(t, []byte(input), "in.jsonl", Options{MaxLineBytes: 64})
	var got []string
	for _, r := range recs {
		if r.Err != nil {
			got = append(got, r.Origin+" error "+r.Err.Error())
		} else {
			got = append(got, r.Origin+" "+r.Article.Title)
		}
	}
	want := []string{
		"in.jsonl:1 خبر سليم",
		"in.jsonl:2 error too large: line exceeds 64 bytes",
		"in.jsonl:3 خبر سليم",
		"in.jsonl:4 error invalid JSON: line is not a JSON object",
		"in.jsonl:5 error invalid JSON: data after the object",
		"in.jsonl:6 خبر سليم",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestGzipDetectedByMagic(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "jsonl", "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	plain := readAll(t, data, "x.jsonl", Options{})
	for _, name := range []string{"x.jsonl.gz", "x.jsonl", "x.dat"} {
		zipped := readAll(t, b.Bytes(), name, Options{})
		if len(zipped) != len(plain) {
			t.Fatalf("%s: %d records, want %d", name, len(zipped), len(plain))
		}
		for i := range plain {
			if zipped[i].Article.Title != plain[i].Article.Title || (zipped[i].Err == nil) != (plain[i].Err == nil) {
				t.Errorf("%s record %d differs", name, i)
			}
		}
	}
	// A truncated gzip stream keeps the lines read before the cut.
	cut := readAll(t, b.Bytes()[:b.Len()*2/3], "cut.jsonl.gz", Options{})
	last := cut[len(cut)-1]
	if last.Err == nil || !strings.Contains(last.Err.Error(), "unexpected EOF") || len(cut) < 3 {
		t.Errorf("truncated gzip: %d records, last %v", len(cut), last.Err)
	}
}

func TestForcedFormat(t *testing.T) {
	data := []byte("<DOC><TITLE>عنوان</TITLE><TEXT>نص الخبر.</TEXT></DOC>")
	if recs := readAll(t, data, "a.txt", Options{Format: Text}); len(recs) != 1 || recs[0].Err != nil ||
		!strings.HasPrefix(recs[0].Article.Body, "<DOC>") {
		t.Errorf("forced text: %+v", recs)
	}
	if recs := readAll(t, data, "a.jsonl", Options{Format: SGML}); len(recs) != 1 || recs[0].Article.Title != "عنوان" {
		t.Errorf("forced sgml: %+v", recs)
	}
}

func TestReadPath(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	art := "خبر قصير\n\nتفتتح وزارة التربية العام الدراسي الجديد في منتصف أيلول بعد اكتمال أعمال ترميم المدارس المتضررة من السيول.\n"
	write("b/2.txt", art)
	write("a.jsonl", `{"id":"j1","title":"عنوان","body":"نص."}`+"\n")
	write("b/1.sgml", "<DOC><DOCNO>s1</DOCNO><TITLE>عنوان</TITLE></DOC>")
	write(".hidden/x.txt", art)
	write("b/.secret.txt", art)
	write("c/empty.txt", "")

	var got []string
	err := ReadPath(context.Background(), dir, nil, Options{}, func(r Record) error {
		rel, _ := filepath.Rel(dir, r.Origin)
		if r.Err != nil {
			got = append(got, rel+" error")
		} else {
			got = append(got, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a.jsonl:1", "b/1.sgml#1", "b/2.txt", "c/empty.txt error"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}

	var stdin []string
	err = ReadPath(context.Background(), "-", strings.NewReader(`{"title":"من المدخل","body":"نص."}`), Options{}, func(r Record) error {
		stdin = append(stdin, r.Origin+" "+r.Article.Title)
		return nil
	})
	if err != nil || !reflect.DeepEqual(stdin, []string{"-:1 من المدخل"}) {
		t.Errorf("stdin: %q, %v", stdin, err)
	}

	if err := ReadPath(context.Background(), filepath.Join(dir, "missing"), nil, Options{}, func(Record) error { return nil }); err == nil {
		t.Error("missing path: no error")
	}
}

func TestStopOnEmitErrorAndCancel(t *testing.T) {
	var b strings.Builder
	for range 50 {
		b.WriteString(`{"title":"عنوان","body":"نص."}` + "\n")
	}
	stop := errors.New("stop")
	n := 0
	err := Read(context.Background(), strings.NewReader(b.String()), "x.jsonl", Options{}, func(Record) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("emit error: got %v after %d records", err, n)
	}

	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = Read(ctx, strings.NewReader(b.String()), "x.jsonl", Options{}, func(Record) error {
		n++
		if n == 2 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 2 {
		t.Errorf("cancel: got %v after %d records", err, n)
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\ufeffسطر\r\nثان\rثالث", "سطر\nثان\nثالث"},
		{"a\x00b\x07c\td\x7fe\u0085f", "abc\tdef"},
		{"\u200fمرحبا\u200e \u202bعالم\u202c\u2067!\u2069", "مرحبا عالم!"},
		{"نص\ufeffمتصل", "نصمتصل"},
		{"bad\xffbyte", "badbyte"},
		{"سليم", "سليم"},
	}
	for _, tt := range tests {
		if got := cleanText(tt.in); got != tt.want {
			t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTitleFromBody(t *testing.T) {
	tests := []struct{ body, want string }{
		{"بغداد/المسلة: انطلقت حملة التشجير. وتستمر شهراً.", "انطلقت حملة التشجير."},
		{"القاهرة - (أ ف ب): ارتفع منسوب النيل هذا الصيف.", "ارتفع منسوب النيل هذا الصيف."},
		{"قال الوزير: الموازنة جاهزة. وستعرض غداً.", "قال الوزير: الموازنة جاهزة."},
		{"الرباط – أطلقت الحكومة برنامجاً للسكن.", "أطلقت الحكومة برنامجاً للسكن."},
		{"نسبة النمو 3.5 بالمئة هذا العام؟ نعم.", "نسبة النمو 3.5 بالمئة هذا العام؟"},
		{"سطر أول بلا نقطة\nسطر ثان.", "سطر أول بلا نقطة"},
		{strings.Repeat("كلمة ", 40), strings.TrimSpace(strings.Repeat("كلمة ", 24)) + "…"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := titleFromBody(tt.body); got != tt.want {
			t.Errorf("titleFromBody(%q) = %q, want %q", tt.body, got, tt.want)
		}
	}
}

func TestSiteName(t *testing.T) {
	tests := []struct {
		line, want string
		ok         bool
	}{
		{"موقع كل يوم -المسلة", "المسلة", true},
		{"موقع كل يوم - المسلة", "المسلة", true},
		{"موقع المسلة", "المسلة", true},
		{"الموقع الإخباري | الرافدين", "الرافدين", true},
		{"www.Almasalah.com", "almasalah.com", true},
		{"https://example.net/", "example.net", true},
		{"جريدة الصباح", "جريدة الصباح", true},
		{"اخبار العراق", "", false},
		{"6 يناير، 2026", "", false},
		{"موقع", "", false},
	}
	for _, tt := range tests {
		got, ok := siteName(tt.line)
		if got != tt.want || ok != tt.ok {
			t.Errorf("siteName(%q) = %q, %v; want %q, %v", tt.line, got, ok, tt.want, tt.ok)
		}
	}
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

func lastRunes(s string, n int) string {
	r := []rune(s)
	return string(r[max(0, len(r)-n):])
}

// The bytes ReadPath reports read add up to InputSize, so a progress bar
// over them ends at its total.
func TestReadPathCountsBytes(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.jsonl":        `{"id":"a","title":"خبر أول","body":"نص الخبر الأول."}` + "\n",
		"sub/b.txt":      "محليات\nالأحد 12 آذار 2023\nبغداد - نص الخبر الثاني.\n",
		".hidden/c.json": `{"id":"c","title":"مخفي"}` + "\n",
	}
	want := int64(0)
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(name, ".") {
			want += int64(len(body))
		}
	}
	size, ok := InputSize([]string{dir})
	if !ok || size != want {
		t.Fatalf("InputSize = %d, %v; want %d", size, ok, want)
	}
	var read atomic.Int64
	records := 0
	err := ReadPath(context.Background(), dir, nil, Options{OnRead: func(n int) { read.Add(int64(n)) }}, func(r Record) error {
		records++
		return nil
	})
	if err != nil || records != 2 || read.Load() != want {
		t.Errorf("ReadPath: %d records, %d bytes, %v; want 2 records, %d bytes", records, read.Load(), err, want)
	}
	if _, ok := InputSize([]string{"-"}); ok {
		t.Error("the size of standard input is known")
	}
	if _, ok := InputSize([]string{filepath.Join(dir, "missing")}); ok {
		t.Error("the size of a missing file is known")
	}
}
