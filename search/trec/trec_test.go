package trec

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestReadQueries(t *testing.T) {
	in := "\ufeff# أسئلة تجريبية\n" +
		"1\tالانتخابات البرلمانية في العراق\n" +
		"\n" +
		"2\tأسعار النفط   \r\n" +
		"q-3\t\"مجلس الأمن\" غزة\tرفح\n"
	got, err := ReadQueries(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Query{
		{ID: "1", Text: "الانتخابات البرلمانية في العراق"},
		{ID: "2", Text: "أسعار النفط"},
		// Only the first tab separates the id from the text.
		{ID: "q-3", Text: "\"مجلس الأمن\" غزة\tرفح"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadQueries\n got %q\nwant %q", got, want)
	}
}

func TestReadQueriesErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"no tab", "1\tغزة\n2 رفح\n", "line 2: no tab"},
		{"empty id", "\tغزة\n", "line 1: empty query id"},
		{"empty text", "1\t  \n", "line 1: query \"1\" has no text"},
		{"duplicate", "1\tغزة\n\n1\tرفح\n", "line 3: query \"1\" already defined on line 1"},
		{"long line", "1\t" + strings.Repeat("غ", maxLine), "line 1: longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadQueries(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestRunRoundTrip(t *testing.T) {
	lines := []RunLine{
		{QID: "1", DocID: "aljazeera-2019-0042", Rank: 1, Score: 12.345678901234, Tag: "fahras-bm25"},
		{QID: "1", DocID: "alquds-2019-0007", Rank: 2, Score: 12.3456789, Tag: "fahras-bm25"},
		{QID: "2", DocID: "ant-00017", Rank: 1, Score: -0.5, Tag: "fahras-bm25"},
	}
	var buf bytes.Buffer
	if err := WriteRun(&buf, lines); err != nil {
		t.Fatal(err)
	}
	wantText := "1 Q0 aljazeera-2019-0042 1 12.345678901234 fahras-bm25\n" +
		"1 Q0 alquds-2019-0007 2 12.3456789 fahras-bm25\n" +
		"2 Q0 ant-00017 1 -0.5 fahras-bm25\n"
	if buf.String() != wantText {
		t.Errorf("WriteRun wrote\n%s\nwant\n%s", buf.String(), wantText)
	}
	run, err := ReadRun(&buf)
	if err != nil {
		t.Fatal(err)
	}
	want := Run{"1": lines[:2], "2": lines[2:]}
	if !reflect.DeepEqual(run, want) {
		t.Errorf("ReadRun\n got %+v\nwant %+v", run, want)
	}
}

func TestWriteRunErrors(t *testing.T) {
	for _, l := range []RunLine{
		{QID: "1", DocID: "doc 1", Score: 1, Tag: "t"},
		{QID: "", DocID: "d", Score: 1, Tag: "t"},
		{QID: "1", DocID: "d", Score: 1, Tag: ""},
	} {
		if err := WriteRun(&bytes.Buffer{}, []RunLine{l}); err == nil {
			t.Errorf("WriteRun(%+v) succeeded, want an error", l)
		}
	}
}

// TestReadRunOrder checks trec_eval's ordering: the ranks of the file are
// ignored; score descending, then document id descending on ties.
func TestReadRunOrder(t *testing.T) {
	in := "7 Q0 d-a 1 3.5 run\n" +
		"7 Q0 d-b 2 3.5 run\n" + // ties with d-a: d-b comes first
		"7\tQ0\td-c\t3\t9\trun\n" + // highest score despite rank 3
		"7 Q0 d-d 4 -1e2 run\n"
	run, err := ReadRun(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range run["7"] {
		got = append(got, l.DocID)
		if l.Rank != len(got) {
			t.Errorf("%s: rank %d, want %d", l.DocID, l.Rank, len(got))
		}
	}
	want := []string{"d-c", "d-b", "d-a", "d-d"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

func TestReadRunErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"five fields", "1 Q0 d1 1 2.0\n", "line 1: 5 fields"},
		{"bad score", "1 Q0 d1 1 2.0 t\n1 Q0 d2 2 high t\n", "line 2: score \"high\""},
		{"nan score", "1 Q0 d1 1 NaN t\n", "line 1: score \"NaN\""},
		{"bad rank", "1 Q0 d1 first 2.0 t\n", "line 1: rank \"first\""},
		{"duplicate", "1 Q0 d1 1 2 t\n1 Q0 d1 2 1 t\n", "line 2: document \"d1\" retrieved twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadRun(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestReadQrels(t *testing.T) {
	in := "\ufeff1 0 d1 2\n1\t0\td2\t0\r\n\n2 0 d9 -1\n2 0 d8 1\n"
	got, err := ReadQrels(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := Qrels{"1": {"d1": 2, "d2": 0}, "2": {"d9": -1, "d8": 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadQrels = %v, want %v", got, want)
	}
	for _, bad := range []struct{ in, want string }{
		{"1 0 d1\n", "line 1: 3 fields"},
		{"1 0 d1 1\n1 0 d1 2\n", "line 2: document \"d1\" judged twice"},
		{"1 0 d1 yes\n", "line 1: relevance \"yes\""},
	} {
		_, err := ReadQrels(strings.NewReader(bad.in))
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("ReadQrels(%q) error = %v, want one containing %q", bad.in, err, bad.want)
		}
	}
}

func TestCompareQIDs(t *testing.T) {
	ids := []string{"b", "10", "2", "a", "002", "1"}
	want := []string{"1", "002", "2", "10", "a", "b"}
	slices.SortFunc(ids, CompareQIDs)
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("sorted %v, want %v", ids, want)
	}
}
