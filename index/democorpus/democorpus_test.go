package democorpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// article is what every test needs from one corpus article, whatever its
// format.
type article struct {
	key, title, body, source, date string
}

// jsonAliases lists, for each logical field, the names a JSON line may use.
var jsonAliases = map[string][]string{
	"id":     {"id", "docno"},
	"title":  {"title"},
	"body":   {"body", "text", "content"},
	"source": {"source", "src", "site"},
	"date":   {"published", "time", "date", "pub_date"},
}

func pick(obj map[string]any, field string) string {
	for _, name := range jsonAliases[field] {
		if v, ok := obj[name].(string); ok && v != "" {
			return v
		}
	}
	return ""
}

func readJSON(t *testing.T) []article {
	t.Helper()
	data, err := fs.ReadFile(FS(), "articles.jsonl")
	if err != nil {
		t.Fatalf("read articles.jsonl: %v", err)
	}
	var out []article
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if len(bytes.TrimSpace(line)) == 0 {
			t.Errorf("articles.jsonl:%d: blank line", n)
			continue
		}
		var obj map[string]any
		if err := json.Unmarshal(line, &obj); err != nil {
			t.Errorf("articles.jsonl:%d: not a JSON object: %v", n, err)
			continue
		}
		a := article{key: pick(obj, "id"), title: pick(obj, "title"), body: pick(obj, "body"),
			source: pick(obj, "source"), date: pick(obj, "date")}
		if a.key == "" {
			a.key, _ = obj["url"].(string)
		}
		if a.key == "" || a.title == "" || a.body == "" || a.date == "" {
			t.Errorf("articles.jsonl:%d: missing id, title, body or date: %+v", n, a)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("scan articles.jsonl: %v", err)
	}
	return out
}

var docRE = regexp.MustCompile(`(?s)<DOC>(.*?)</DOC>`)

func tag(doc, name string) string {
	re := regexp.MustCompile(`(?s)<` + name + `>(.*?)</` + name + `>`)
	m := re.FindStringSubmatch(doc)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(m[1])
}

func readSGML(t *testing.T) []article {
	t.Helper()
	var out []article
	for _, p := range Files() {
		if !strings.HasPrefix(p, "sgml/") {
			continue
		}
		data, err := fs.ReadFile(FS(), p)
		if err != nil {
			t.Fatalf("read %s: %v", p, err)
		}
		text := string(data)
		docs := docRE.FindAllStringSubmatch(text, -1)
		if opened := strings.Count(text, "<DOC>"); opened != len(docs) {
			t.Errorf("%s: %d <DOC> but %d closed documents", p, opened, len(docs))
		}
		if len(docs) < 2 {
			t.Errorf("%s: %d documents, want several per file", p, len(docs))
		}
		for i, m := range docs {
			a := article{key: tag(m[1], "DOCNO"), title: tag(m[1], "TITLE"), body: tag(m[1], "TEXT"),
				source: tag(m[1], "SRC"), date: tag(m[1], "TIME")}
			if a.key == "" || a.title == "" || a.body == "" || a.date == "" {
				t.Errorf("%s: document %d lacks DOCNO, TITLE, TEXT or TIME", p, i+1)
			}
			out = append(out, a)
		}
	}
	return out
}

// rawHeaderMax is the longest line, in runes, counted as a header line of
// a raw page; body paragraphs are much longer.
const rawHeaderMax = 80

func readRaw(t *testing.T) []article {
	t.Helper()
	var out []article
	for _, p := range Files() {
		if !strings.HasPrefix(p, "raw/") {
			continue
		}
		if path.Ext(p) != ".txt" {
			t.Errorf("%s: raw pages must be .txt files", p)
		}
		data, err := fs.ReadFile(FS(), p)
		if err != nil {
			t.Fatalf("read %s: %v", p, err)
		}
		lines := strings.Split(string(data), "\n")
		var header []string
		i := 0
		for ; i < len(lines) && utf8.RuneCountInString(lines[i]) <= rawHeaderMax; i++ {
			if strings.TrimSpace(lines[i]) == "" {
				t.Errorf("%s: blank line %d inside the header", p, i+1)
			}
			header = append(header, lines[i])
		}
		var body []string
		for ; i < len(lines) && utf8.RuneCountInString(lines[i]) > rawHeaderMax; i++ {
			body = append(body, lines[i])
		}
		if len(header) < 3 || len(header) > 4 {
			t.Errorf("%s: %d header lines, want category, site and one or two dates", p, len(header))
		}
		if len(body) < 3 {
			t.Errorf("%s: %d body paragraphs, want at least 3", p, len(body))
		}
		a := article{key: path.Base(p), body: strings.Join(body, "\n")}
		if len(header) >= 3 {
			a.source, a.date = header[1], header[2]
		}
		out = append(out, a)
	}
	return out
}

func readAll(t *testing.T) (raw, jsonl, sgml []article) {
	return readRaw(t), readJSON(t), readSGML(t)
}

func TestCounts(t *testing.T) {
	raw, jsonl, sgml := readAll(t)
	sgmlFiles := 0
	for _, p := range Files() {
		if strings.HasPrefix(p, "sgml/") {
			sgmlFiles++
		}
	}
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"raw pages", len(raw), 25},
		{"JSON lines", len(jsonl), 35},
		{"SGML documents", len(sgml), 24},
		{"SGML files", sgmlFiles, 3},
		{"articles", len(raw) + len(jsonl) + len(sgml), 84},
	} {
		if c.got < c.want {
			t.Errorf("%s: %d, want at least %d", c.what, c.got, c.want)
		}
	}
}

func TestBodiesAreArticleLength(t *testing.T) {
	raw, jsonl, sgml := readAll(t)
	for _, a := range append(append(raw, jsonl...), sgml...) {
		if n := len(strings.Fields(a.body)); n < 120 || n > 300 {
			t.Errorf("%s: body has %d words, want 120–300", a.key, n)
		}
	}
}

func TestAllUTF8(t *testing.T) {
	for _, p := range Files() {
		data, err := fs.ReadFile(FS(), p)
		if err != nil {
			t.Fatalf("read %s: %v", p, err)
		}
		if !utf8.Valid(data) {
			t.Errorf("%s: not valid UTF-8", p)
		}
		if bytes.HasPrefix(data, []byte("\uFEFF")) {
			t.Errorf("%s: starts with a byte-order mark", p)
		}
		if bytes.Contains(data, []byte("\r")) {
			t.Errorf("%s: has carriage returns", p)
		}
	}
}

func TestIDsUnique(t *testing.T) {
	raw, jsonl, sgml := readAll(t)
	seen := map[string]bool{}
	for _, a := range append(append(raw, jsonl...), sgml...) {
		if seen[a.key] {
			t.Errorf("id %q used twice", a.key)
		}
		seen[a.key] = true
	}
}

func TestCoversCapitals(t *testing.T) {
	// Names that are not also the name of a country or a common word.
	capitals := []string{"بغداد", "دمشق", "بيروت", "عمّان", "رام الله", "الرياض", "أبوظبي", "الدوحة",
		"مسقط", "صنعاء", "القاهرة", "الخرطوم", "الرباط", "نواكشوط", "المنامة", "أنقرة", "طهران", "باريس"}
	raw, jsonl, sgml := readAll(t)
	var all strings.Builder
	for _, a := range append(append(raw, jsonl...), sgml...) {
		all.WriteString(a.body)
		all.WriteString("\n")
	}
	var found []string
	for _, c := range capitals {
		if strings.Contains(all.String(), c) {
			found = append(found, c)
		}
	}
	if len(found) < 10 {
		t.Errorf("bodies name %d capitals (%v), want at least 10", len(found), found)
	}
}

func TestSources(t *testing.T) {
	_, jsonl, sgml := readAll(t)
	sources := map[string]bool{}
	latin := false
	for _, a := range append(jsonl, sgml...) {
		sources[a.source] = true
		if a.source != "" && a.source[0] < utf8.RuneSelf {
			latin = true
		}
	}
	if len(sources) < 8 {
		t.Errorf("%d distinct sources in JSON and SGML, want at least 8", len(sources))
	}
	if !latin {
		t.Error("no source with a Latin-script name")
	}
}

func TestExpectedDates(t *testing.T) {
	raw, jsonl, sgml := readAll(t)
	rows := ExpectedDates()
	byKey := map[string]Expected{}
	for _, r := range rows {
		if _, dup := byKey[r.Key]; dup {
			t.Errorf("expected_dates.tsv: %s listed twice", r.Key)
		}
		byKey[r.Key] = r
		if r.Date == Relative {
			continue
		}
		d, err := time.Parse(time.DateOnly, r.Date)
		if err != nil {
			t.Errorf("expected_dates.tsv: %s: bad date %q", r.Key, r.Date)
			continue
		}
		if d.Year() < 2019 || d.After(time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("expected_dates.tsv: %s: %s outside 2019-01-01..2026-11-28", r.Key, r.Date)
		}
	}
	all := append(append(raw, jsonl...), sgml...)
	if len(rows) != len(all) {
		t.Errorf("expected_dates.tsv has %d rows for %d articles", len(rows), len(all))
	}
	years := map[int]int{}
	relative := 0
	for _, a := range all {
		r, ok := byKey[a.key]
		if !ok {
			t.Errorf("%s: no row in expected_dates.tsv", a.key)
			continue
		}
		if r.Text != a.date {
			t.Errorf("%s: expected_dates.tsv has date text %q, the article has %q", a.key, r.Text, a.date)
		}
		if r.Date == Relative {
			relative++
			continue
		}
		d, _ := time.Parse(time.DateOnly, r.Date)
		years[d.Year()]++
	}
	for y := 2019; y <= 2026; y++ {
		if years[y] < 3 {
			t.Errorf("%d articles from %d, want at least 3 a year", years[y], y)
		}
	}
	if relative < 1 || relative > 3 {
		t.Errorf("%d articles with only a relative date, want one to three", relative)
	}
}

func TestFiles(t *testing.T) {
	paths := Files()
	if !sort.StringsAreSorted(paths) {
		t.Error("Files() is not sorted")
	}
	want := map[string]bool{"articles.jsonl": false}
	for _, p := range paths {
		if _, ok := want[p]; ok {
			want[p] = true
		}
		if _, err := fs.Stat(FS(), p); err != nil {
			t.Errorf("Files() lists %s but FS() cannot stat it: %v", p, err)
		}
	}
	for p, seen := range want {
		if !seen {
			t.Errorf("Files() lacks %s", p)
		}
	}
}
