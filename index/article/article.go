// Package article defines the news article that flows from the readers
// through enrichment into the index, and how its stable ID is derived.
package article

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"
)

// Article is one news article as read from a file or a request, before and
// after enrichment. Readers fill the raw fields; enrichment fills Published,
// Dateline and Places.
type Article struct {
	ID       string `json:"id"`
	URL      string `json:"url,omitempty"`
	Title    string `json:"title"`
	Body     string `json:"body"`
	Summary  string `json:"summary,omitempty"`
	Source   string `json:"source,omitempty"`
	Category string `json:"category,omitempty"`
	Author   string `json:"author,omitempty"`
	Lang     string `json:"lang,omitempty"`

	// PublishedText is the publication date exactly as found (metadata
	// value or header line); Published is its parsed value, zero if unknown.
	PublishedText string    `json:"published_text,omitempty"`
	Published     time.Time `json:"published"`
	// PublishedFrom says where the date came from: "metadata", "header",
	// "body" or "" when none was found.
	PublishedFrom string `json:"published_from,omitempty"`

	// HeaderLines are the short lines a raw scraped page carries above
	// the body (site name, date lines); enrichment looks for the
	// publication date in them.
	HeaderLines []string `json:"header_lines,omitempty"`

	// Dateline is the place the story was filed from, if the body opens
	// with one; Places are all places the article is about.
	Dateline *Place  `json:"dateline"`
	Places   []Place `json:"places"`

	// Origin names where the article was read from (file and line or
	// document number), for error messages and progress reports.
	Origin string `json:"origin,omitempty"`
}

// Place is a gazetteer place found in an article.
type Place struct {
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	NameEn   string  `json:"name_en,omitempty"`
	Level    string  `json:"level"` // "country", "division" or "city"
	Country  string  `json:"country"`
	Division string  `json:"division,omitempty"` // ID of the first-level division, if any
	Role     string  `json:"role"`               // "dateline" or "mention"
	Count    int     `json:"count"`
	Lat      float64 `json:"lat"`
	Lon      float64 `json:"lon"`
	// Unresolved marks a dateline city that is not in the gazetteer: its
	// Name is as the dateline writes it, its ID is empty, and Country is
	// the country the dateline names after it.
	Unresolved bool `json:"unresolved,omitempty"`
}

// View is an article as fahras shows it outside: `fahras extract --json`
// prints it and GET /documents/{id} returns it. The publication date is
// RFC 3339 or null, and places are a list, never null.
type View struct {
	ID            string  `json:"id"`
	URL           string  `json:"url,omitempty"`
	Title         string  `json:"title"`
	Body          string  `json:"body"`
	Summary       string  `json:"summary,omitempty"`
	Source        string  `json:"source"`
	Category      string  `json:"category"`
	Author        string  `json:"author"`
	Lang          string  `json:"lang,omitempty"`
	Published     *string `json:"published"`
	PublishedText string  `json:"published_text"`
	PublishedFrom string  `json:"published_from,omitempty"`
	Dateline      *Place  `json:"dateline"`
	Places        []Place `json:"places"`
	Origin        string  `json:"origin,omitempty"`
}

// View returns the article as fahras shows it outside.
func (a *Article) View() View {
	v := View{
		ID: a.ID, URL: a.URL, Title: a.Title, Body: a.Body, Summary: a.Summary,
		Source: a.Source, Category: a.Category, Author: a.Author, Lang: a.Lang,
		PublishedText: a.PublishedText, PublishedFrom: a.PublishedFrom,
		Dateline: a.Dateline, Places: a.Places, Origin: a.Origin,
	}
	if !a.Published.IsZero() {
		p := a.Published.Format(time.RFC3339)
		v.Published = &p
	}
	if v.Places == nil {
		v.Places = []Place{}
	}
	return v
}

// EnsureID gives the article a stable ID when it has none: from its URL
// when it has one, otherwise from a hash of its title and body, so that
// reading the same input twice yields the same IDs.
func (a *Article) EnsureID() {
	a.ID = strings.TrimSpace(a.ID)
	if a.ID != "" {
		return
	}
	if u := CanonicalURL(a.URL); u != "" {
		a.ID = "u" + shortHash(u)
		return
	}
	a.ID = "h" + shortHash(a.Title+"\x00"+a.Body)
}

// BodyHash identifies the article's body independently of its ID, so
// that identical bodies published under different URLs can be detected.
// Runs of white space count as one space and the ends are trimmed.
func (a *Article) BodyHash() string {
	h := sha256.New()
	var buf [4096]byte
	n := 0
	space := false
	for i := 0; i < len(a.Body); i++ {
		c := a.Body[i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f' {
			space = n > 0 || space
			continue
		}
		if space {
			if n == len(buf) {
				h.Write(buf[:n])
				n = 0
			}
			buf[n] = ' '
			n++
			space = false
		}
		if n == len(buf) {
			h.Write(buf[:n])
			n = 0
		}
		buf[n] = c
		n++
	}
	h.Write(buf[:n])
	return hex.EncodeToString(h.Sum(nil)[:10])
}

// CanonicalURL lower-cases the scheme and host of u, drops the fragment and
// a trailing slash, and returns "" when u is not an absolute URL.
func CanonicalURL(u string) string {
	u = strings.TrimSpace(u)
	if u == "" {
		return ""
	}
	parsed, err := url.Parse(u)
	if err != nil || parsed.Host == "" {
		return ""
	}
	parsed.Scheme = strings.ToLower(parsed.Scheme)
	if parsed.Scheme == "http" {
		parsed.Scheme = "https"
	}
	parsed.Host = strings.ToLower(parsed.Host)
	parsed.Fragment = ""
	parsed.RawFragment = ""
	s := parsed.String()
	return strings.TrimSuffix(s, "/")
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:10])
}
