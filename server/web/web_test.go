package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := fs.ReadFile(FS(), name)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return string(b)
}

func TestFSHoldsThePage(t *testing.T) {
	for _, name := range []string{"index.html", "app.js", "style.css"} {
		if s := readFile(t, name); len(s) < 500 {
			t.Errorf("%s has only %d bytes", name, len(s))
		}
	}
	page := readFile(t, "index.html")
	for _, want := range []string{
		`<html lang="ar" dir="rtl">`,
		`<meta charset="utf-8">`,
		`<meta name="viewport"`,
		`href="style.css"`,
		`src="app.js"`,
		`<header`, `<main`, `<aside`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
}

// The page must work with no network but the server's own API: no
// scripts, styles, fonts or images from anywhere else.
func TestNoOutsideResources(t *testing.T) {
	const svgNS = "http://www.w3.org/2000/svg"
	url := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`)
	for _, name := range []string{"index.html", "app.js", "style.css"} {
		s := strings.ReplaceAll(readFile(t, name), svgNS, "")
		if m := url.FindString(s); m != "" {
			t.Errorf("%s refers to %s", name, m)
		}
	}
	css := readFile(t, "style.css")
	if strings.Contains(css, "@import") || strings.Contains(css, "@font-face") {
		t.Error("style.css imports a style sheet or a font")
	}
	for _, m := range regexp.MustCompile(`url\(\s*['"]?([^'")]*)`).FindAllStringSubmatch(css, -1) {
		if !strings.HasPrefix(m[1], "data:") {
			t.Errorf("style.css loads %s", m[1])
		}
	}
}

// The browser tests and anyone scripting the page rely on these hooks.
func TestHooks(t *testing.T) {
	page := readFile(t, "index.html")
	for _, id := range []string{
		"q", "suggestions", "search-form", "results", "total", "did-you-mean",
		"error", "retry", "empty", "no-results", "chips", "sort", "pager",
		"facets", "facets-toggle", "facet-dates", "facet-places", "place-search",
		"facet-sources", "facet-categories", "facet-authors", "settings",
	} {
		if n := strings.Count(page, `id="`+id+`"`); n != 1 {
			t.Errorf("id %q appears %d times in index.html, want 1", id, n)
		}
	}
	js := readFile(t, "app.js")
	for _, class := range []string{"'hit'", "'hit-title'", "'hit-snippet'", "'bar'", "'chip'"} {
		if !strings.Contains(js, "class: "+class) {
			t.Errorf("app.js never makes an element of class %s", class)
		}
	}
}

// Only the checked highlight HTML may become markup: one innerHTML
// assignment, guarded by the <mark>-only pattern.
func TestOneCheckedInnerHTML(t *testing.T) {
	js := readFile(t, "app.js")
	for _, risky := range []string{"outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
		if strings.Contains(js, risky) {
			t.Errorf("app.js uses %s", risky)
		}
	}
	if n := strings.Count(js, "innerHTML"); n != 1 {
		t.Fatalf("app.js uses innerHTML %d times, want exactly 1", n)
	}
	i := strings.Index(js, "innerHTML")
	guard := js[max(0, i-200):i]
	if !strings.Contains(guard, "SAFE_MARKUP.test(html)") {
		t.Errorf("innerHTML is not guarded by SAFE_MARKUP; preceding code:\n%s", guard)
	}
	if !strings.Contains(js, "const SAFE_MARKUP = /^(?:[^<>]|<mark>|<\\/mark>)*$/;") {
		t.Error("SAFE_MARKUP no longer allows only <mark> and </mark>")
	}
}

// A <mark> may only change the background: padding, margins, borders or
// spacing at its edges break the joining of Arabic letters.
func TestMarkKeepsLettersJoined(t *testing.T) {
	css := readFile(t, "style.css")
	rules := regexp.MustCompile(`(?s)([^{}]*)\{([^}]*)\}`).FindAllStringSubmatch(css, -1)
	found := false
	for _, r := range rules {
		selector := r[1]
		if c := strings.LastIndex(selector, "*/"); c >= 0 {
			selector = selector[c+2:]
		}
		if !regexp.MustCompile(`(^|[\s,>])mark\b`).MatchString(selector) {
			continue
		}
		found = true
		for _, bad := range []string{"padding", "margin", "border", "letter-spacing", "word-spacing", "display", "font"} {
			if strings.Contains(r[2], bad) {
				t.Errorf("rule %q sets %s on mark", strings.TrimSpace(selector), bad)
			}
		}
	}
	if !found {
		t.Error("style.css has no rule for mark")
	}
}
