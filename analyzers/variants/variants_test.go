package variants_test

import (
	"testing"

	"github.com/fahras/fahras/analyzers/variants"
)

func TestSkeleton(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"بوتين", "بوتن"}, {"ترامب", "ترمب"}, {"ميركل", "ميركيل"}, {"جنيف", "جينيف"}, {"سوريا", "سوريه"},
	} {
		if ka, kb := variants.Skeleton(tc.a), variants.Skeleton(tc.b); ka != kb {
			t.Errorf("Skeleton(%s) = %s, Skeleton(%s) = %s", tc.a, ka, tc.b, kb)
		}
	}
}

func TestMineANT(t *testing.T) {
	tab := variants.Mine(antWords(t), variants.Options{})
	same := func(a, b string) bool {
		for _, v := range tab.Variants(a) {
			if v.Word == b {
				return true
			}
		}
		return false
	}
	for _, tc := range []struct {
		a, b    string
		variant bool
	}{
		{"بوتين", "بوتن", true},
		{"ترامب", "ترمب", true},
		{"غريفيث", "غريفيثس", true},
		{"ليبيا", "ليبيه", false},
		{"سوريه", "سوري", false},
		{"كتاب", "كاتب", false},
	} {
		if got := same(tc.a, tc.b); got != tc.variant {
			t.Errorf("%s/%s: variants %v, want %v", tc.a, tc.b, got, tc.variant)
		}
	}
	if vs := tab.Variants("ترامب"); len(vs) == 0 || vs[0].Weight >= 1 {
		t.Errorf("Variants(ترامب) = %v, want weights below the typed word's 1", vs)
	}
}
