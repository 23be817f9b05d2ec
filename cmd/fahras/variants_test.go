package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAnalyzeVariants indexes articles that spell a name two ways and
// asks analyze --variants for one spelling: the group with its counts
// and an example title, and the weighted search.
func TestAnalyzeVariants(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	topics := []string{"الاقتصاد", "الطاقة", "الأمن", "التجارة", "المناخ", "الحدود"}
	for i, topic := range topics {
		fmt.Fprintf(&b, `{"id":"a%d","title":"ترامب يبحث ملف %s","body":"قال الرئيس ترامب إن محادثات %s ستستمر.","published":"2019-05-01"}`+"\n", i, topic, topic)
		fmt.Fprintf(&b, `{"id":"b%d","title":"ترمب يبحث ملف %s","body":"قال الرئيس ترمب إن محادثات %s ستستمر.","published":"2019-05-02"}`+"\n", i, topic, topic)
	}
	corpus := filepath.Join(dir, "corpus.jsonl")
	if err := os.WriteFile(corpus, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ix := filepath.Join(dir, "index")
	env, _, errOut := analyzeEnv("")
	if code := run(context.Background(), env, []string{"index", "--index", ix, corpus}); code != 0 {
		t.Fatalf("index: exit %d, %s", code, errOut)
	}

	env, out, errOut := analyzeEnv("")
	if code := run(context.Background(), env, []string{"analyze", "--variants", "--index", ix, "--json", "ترمب"}); code != 0 {
		t.Fatalf("analyze --variants: exit %d, %s", code, errOut)
	}
	var r variantsReport
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	if len(r.Spellings) != 2 || r.Spellings[0].Count == 0 || !strings.Contains(r.Spellings[1].Example+r.Spellings[0].Example, "ترمب") {
		t.Errorf("spellings %+v, want ترامب and ترمب with counts and example titles", r.Spellings)
	}
	if alts := r.Expansion.Alternatives; len(alts) != 1 || alts[0].Word != "ترامب" || alts[0].Weight >= 1 {
		t.Errorf("expansion %+v, want ترامب below weight 1", r.Expansion)
	}

	env, out, _ = analyzeEnv("")
	if code := run(context.Background(), env, []string{"analyze", "--variants", "--index", ix, "ترمب"}); code != 0 {
		t.Fatal("analyze --variants as a table failed")
	}
	for _, want := range []string{"SPELLING", "ترامب", "searched as:", "variants"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table output lacks %q:\n%s", want, out)
		}
	}

	env, _, errOut = analyzeEnv("")
	if code := run(context.Background(), env, []string{"analyze", "--variants", "--index", ix, "ترمب", "ترامب"}); code == 0 || !strings.Contains(errOut.String(), "one word") {
		t.Errorf("two words: exit %d, %q; want a misuse naming one word", code, errOut)
	}
}
