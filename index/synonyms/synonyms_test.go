package synonyms_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/fahras/fahras/analyzers"
	"github.com/fahras/fahras/index/synonyms"
)

// norm normalizes as the search engine does: the exact analyzer's one
// term, or "" when it makes none or several.
func norm(w string) string {
	toks := analyzers.New(analyzers.Exact, nil).Tokens(w)
	if len(toks) != 1 {
		return ""
	}
	return toks[0].Term
}

func TestParseRule(t *testing.T) {
	for _, tc := range []struct {
		line  string
		want  string // canonical text; "" for an error
		words []string
		to    []string
	}{
		{"بوتين, بوتن", "بوتين, بوتن", []string{"بوتين", "بوتن"}, nil},
		{"  ترمب =>ترامب ", "ترمب => ترامب", []string{"ترمب"}, []string{"ترامب"}},
		{"ترمب, ترامپ => ترامب", "ترمب, ترامب => ترامب", []string{"ترمب", "ترامب"}, []string{"ترامب"}}, // پ is folded to ب
		{"أحواز, الاحواز, الأهواز", "احواز, الاحواز, الاهواز", []string{"احواز", "الاحواز", "الاهواز"}, nil},
		{"سوريا, سوريا, سورية", "سوريا, سوريه", []string{"سوريا", "سوريه"}, nil},
		{"Putin, بوتين", "putin, بوتين", []string{"putin", "بوتين"}, nil},
		{"بوتين", "", nil, nil},
		{"=> بوتين", "", nil, nil},
		{"بوتين =>", "", nil, nil},
		{"a => b => c", "", nil, nil},
		{"فلاديمير بوتين, بوتين", "", nil, nil},
		{"بوتين, #بوتن", "", nil, nil},
		{"F-35, اف35", "", nil, nil}, // two words to the analyzer
		{"\xff, a", "", nil, nil},
	} {
		r, err := synonyms.ParseRule(tc.line, norm)
		if tc.want == "" {
			if !errors.Is(err, synonyms.ErrInvalid) {
				t.Errorf("ParseRule(%q) = %v, %v; want ErrInvalid", tc.line, r, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseRule(%q): %v", tc.line, err)
			continue
		}
		if r.String() != tc.want || !reflect.DeepEqual(r.Words, tc.words) || !reflect.DeepEqual(r.To, tc.to) {
			t.Errorf("ParseRule(%q) = %q %v %v, want %q %v %v", tc.line, r.String(), r.Words, r.To, tc.want, tc.words, tc.to)
		}
	}
}

func TestParseFile(t *testing.T) {
	file := "\uFEFF# names\nبوتين, بوتن\n\n  # spellings of a president\nترمب => ترامب # one outlet's spelling\n"
	rules, err := synonyms.Parse(strings.NewReader(file), norm)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rules {
		got = append(got, r.String())
	}
	if want := []string{"بوتين, بوتن", "ترمب => ترامب"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Parse = %q, want %q", got, want)
	}
	_, err = synonyms.Parse(strings.NewReader("بوتين, بوتن\nبوتين\n"), norm)
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("Parse of a bad second line: %v, want an error naming line 2", err)
	}
	_, err = synonyms.Parse(strings.NewReader(strings.Repeat("ا", synonyms.MaxLineBytes)), norm)
	if !errors.Is(err, synonyms.ErrInvalid) {
		t.Errorf("Parse of a long line: %v, want ErrInvalid", err)
	}
}

func TestSetLookupAddRemove(t *testing.T) {
	path := filepath.Join(t.TempDir(), synonyms.FileName)
	if err := os.WriteFile(path, []byte("بوتين, بوتن\nترمب => ترامب\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := synonyms.Open(path, norm)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		word     string
		alts     []string
		replace  bool
		declared bool
	}{
		{"بوتن", []string{"بوتين"}, false, true},
		{"بوتين", []string{"بوتن"}, false, true},
		{"ترمب", []string{"ترامب"}, true, true},
		{"ترامب", nil, false, false}, // a mapping is one way
		{"ميركل", nil, false, false},
	} {
		alts, replace, ok := s.Lookup(tc.word)
		if !reflect.DeepEqual(alts, tc.alts) || replace != tc.replace || ok != tc.declared {
			t.Errorf("Lookup(%s) = %v %v %v, want %v %v %v", tc.word, alts, replace, ok, tc.alts, tc.replace, tc.declared)
		}
	}
	if _, added, err := s.Add("ميركل, ميركيل"); err != nil || !added {
		t.Fatalf("Add: %v %v", added, err)
	}
	if _, added, err := s.Add("ميركل ,ميركيل"); err != nil || added {
		t.Errorf("Add again: %v %v, want no change", added, err)
	}
	if _, err := s.Remove("بوتين,بوتن"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Remove("بوتين, بوتن"); !errors.Is(err, synonyms.ErrNotFound) {
		t.Errorf("Remove of a removed entry: %v, want ErrNotFound", err)
	}
	if alts, _, _ := s.Lookup("ميركيل"); !reflect.DeepEqual(alts, []string{"ميركل"}) {
		t.Errorf("Lookup(ميركيل) after Add = %v", alts)
	}
	// The file holds the changes: opened again, it is the same set.
	again, err := synonyms.Open(path, norm)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := again.Rules(), s.Rules(); !reflect.DeepEqual(got, want) || len(got) != 2 {
		t.Errorf("reopened: %v, want %v", got, want)
	}
	if _, _, ok := again.Lookup("بوتن"); ok {
		t.Error("a removed entry is still there after reopening")
	}
}

func TestOpenMissingAndBad(t *testing.T) {
	dir := t.TempDir()
	s, err := synonyms.Open(filepath.Join(dir, "none.txt"), norm)
	if err != nil || len(s.Rules()) != 0 {
		t.Errorf("Open of a missing file: %v, %v; want an empty set", s.Rules(), err)
	}
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte("a, b\n=>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := synonyms.Open(bad, norm); !errors.Is(err, synonyms.ErrInvalid) || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("Open of a bad file: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"بوتين, بوتن\n", "a => b\n# c\n", "a, b => c, d", "=>", ",,,", "a =>> b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		rules, err := synonyms.Parse(strings.NewReader(in), norm)
		if err != nil {
			return
		}
		// What is read writes back to the same rules.
		var b strings.Builder
		for _, r := range rules {
			b.WriteString(r.String() + "\n")
		}
		again, err := synonyms.Parse(strings.NewReader(b.String()), norm)
		if err != nil {
			t.Fatalf("the canonical text %q of %q does not parse: %v", b.String(), in, err)
		}
		if len(again) != len(rules) {
			t.Fatalf("round trip of %q: %d rules, then %d", in, len(rules), len(again))
		}
	})
}
