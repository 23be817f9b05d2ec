package main

import (
	"bytes"
	"os"
	"testing"
)

// The checked-in table is what the generator writes: a change of the
// generator or of golang.org/x/text shows here until go generate is run.
func TestPresentationTableIsCurrent(t *testing.T) {
	want, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../presentation.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("analyzers/presentation.go differs from what genpresentation writes; run go generate ./analyzers")
	}
}

func TestExpansion(t *testing.T) {
	for r, want := range map[rune]string{
		0xFEFB: "لا",                 // lam with alef, isolated
		0xFE8E: "ا",                  // alef, final
		0xFE70: "\u064B",             // fathatan, isolated: the mark alone
		0xFBEA: "ئا",                 // yeh with hamza above and alef: recomposed
		0xFDF2: "الله",               // the ligature of Allah
		0xFDFA: "صلى الله عليه وسلم", // a phrase ligature keeps its words
		0xFB50: "\u0671",             // alef wasla
		0xFE73: "",                   // unassigned
		0xFDFD: "",                   // a ligature without a decomposition
	} {
		if got := expansion(r); got != want {
			t.Errorf("expansion(%U) = %q, want %q", r, got, want)
		}
	}
}
