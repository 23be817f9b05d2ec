package main

import (
	"slices"
	"testing"
)

func TestFeminine(t *testing.T) {
	counts := map[string]int{
		"حكومه": 40, "حكومتها": 3, "حكومت": 1, // listed: the ة-form is the word
		"بيه": 6, "بيت": 50, "بيتها": 4, // not: بيت is the word
		"مدينه": 30,            // not: never before a pronoun
		"رءه":   2, "رءتيه": 1, // not: too rare
		"سياسه": 9, "سياستهم": 1, // listed
	}
	got := feminine(counts)
	want := []string{"حكومه", "سياسه"}
	if !slices.Equal(got, want) {
		t.Errorf("feminine = %v, want %v", got, want)
	}
}

func TestBare(t *testing.T) {
	for in, want := range map[string]string{"والحكومه": "حكومه", "الحكومه": "حكومه", "للحكومه": "حكومه", "الم": "الم", "حكومه": "حكومه"} {
		if got := bare(in); got != want {
			t.Errorf("bare(%q) = %q, want %q", in, got, want)
		}
	}
}
