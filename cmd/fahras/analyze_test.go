package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/fahras/fahras/analyzers"
)

func analyzeEnv(stdin string) (*Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &Env{
		Stdin:  strings.NewReader(stdin),
		Stdout: &out,
		Stderr: &errOut,
		Logger: slog.New(slog.DiscardHandler),
	}, &out, &errOut
}

func TestAnalyzeJSON(t *testing.T) {
	env, out, errOut := analyzeEnv("")
	code := run(context.Background(), env, []string{"analyze", "--json", "قال", "الوزيرُ", "في", "بالعراق"})
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got []analyzers.ExplainedToken
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output %q: %v", out, err)
	}
	// "قال الوزيرُ في بالعراق": stop words removed, positions keep the gaps,
	// offsets count characters (the damma is one character of الوزيرُ).
	want := []analyzers.ExplainedToken{
		{Position: 2, Start: 4, End: 11, ByteStart: 7, ByteEnd: 21, Surface: "الوزيرُ", Term: "وزير"},
		{Position: 4, Start: 15, End: 22, ByteStart: 27, ByteEnd: 41, Surface: "بالعراق", Term: "عراق"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("token %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	var raw []map[string]any
	_ = json.Unmarshal(out.Bytes(), &raw)
	for _, key := range []string{"term", "start", "end", "position", "surface"} {
		if _, ok := raw[0][key]; !ok {
			t.Errorf("JSON object lacks %q: %v", key, raw[0])
		}
	}
}

func TestAnalyzeStdinAndTable(t *testing.T) {
	env, out, errOut := analyzeEnv("المدرسة Running\n")
	if code := run(context.Background(), env, []string{"analyze", "--analyzer", "ar_exact", "-"}); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "CHAR_START") {
		t.Fatalf("table = %q", out)
	}
	if f := strings.Fields(lines[1]); strings.Join(f, " ") != "1 0 7 المدرسة المدرسه" {
		t.Errorf("row 1 = %q", f)
	}
	if f := strings.Fields(lines[2]); strings.Join(f, " ") != "2 8 15 Running running" {
		t.Errorf("row 2 = %q", f)
	}
}

func TestAnalyzeEmptyAndErrors(t *testing.T) {
	env, out, _ := analyzeEnv("")
	if code := run(context.Background(), env, []string{"analyze", "--json"}); code != 0 || strings.TrimSpace(out.String()) != "[]" {
		t.Errorf("empty input: exit %d, output %q", code, out)
	}

	env, out, errOut := analyzeEnv("abc \xff\xfe")
	if code := run(context.Background(), env, []string{"analyze"}); code != 2 || out.Len() != 0 || !strings.Contains(errOut.String(), "UTF-8") {
		t.Errorf("invalid UTF-8: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	env, _, errOut = analyzeEnv("")
	if code := run(context.Background(), env, []string{"analyze", "--analyzer", "nope", "نص"}); code != 2 ||
		!strings.Contains(errOut.String(), "ar_exact") || !strings.Contains(errOut.String(), "standard") {
		t.Errorf("unknown analyzer: exit %d, stderr %q", code, errOut)
	}

	env, out, errOut = analyzeEnv("")
	if code := run(context.Background(), env, []string{"analyze", "--analyzer", "standard", "--json", "Hello", "World"}); code != 0 ||
		!strings.Contains(out.String(), `"term":"hello"`) {
		t.Errorf("standard analyzer: exit %d, out %q, err %q", code, out, errOut)
	}
}
