package search

import (
	"time"

	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/search/query"
)

// Request is one search, as the command line, the HTTP API and the web page
// send it. The zero value (plus a query) is a valid request.
type Request struct {
	// Query is the user's query text (see package query for the syntax).
	Query string `json:"q"`

	// Filters, independent of the text. Dates are ISO (YYYY-MM-DD or
	// RFC 3339), both ends inclusive.
	From       string   `json:"from,omitempty"`
	To         string   `json:"to,omitempty"`
	Places     []string `json:"place,omitempty"`   // gazetteer IDs or Arabic names, any level
	Countries  []string `json:"country,omitempty"` // ISO 3166-1 alpha-2 codes (or Arabic names)
	Sources    []string `json:"source,omitempty"`
	Categories []string `json:"category,omitempty"`
	Authors    []string `json:"author,omitempty"`

	// Sort is relevance (default), newest or oldest. An empty query
	// lists articles newest first.
	Sort string `json:"sort,omitempty"`
	// Size is the page size (default 10, at most 100); Page counts from 1.
	Size int `json:"size,omitempty"`
	Page int `json:"page,omitempty"`
	// SearchAfter is the cursor returned with the previous page; it
	// replaces Page for deep paging.
	SearchAfter []string `json:"search_after,omitempty"`

	// Facets names the facets to count (see Facets; none means all);
	// NoFacets counts none (for batch runs). FacetSize bounds the values
	// listed per facet (default 20).
	Facets    []string `json:"facets,omitempty"`
	NoFacets  bool     `json:"no_facets,omitempty"`
	FacetSize int      `json:"facet_size,omitempty"`
	// Fields names the fields of each hit to return (see HitFields; the
	// id always, none means all).
	Fields []string `json:"fields,omitempty"`
	// NoHighlight skips snippets and highlighting.
	NoHighlight bool `json:"no_highlight,omitempty"`
	// ExactTotal counts every match of a ranked query; otherwise the
	// total is exact up to 10,000 and a lower bound beyond.
	ExactTotal bool `json:"exact_total,omitempty"`
	// Collapse is "story" for one hit per story (see StoryGroup), or
	// empty.
	Collapse string `json:"collapse,omitempty"`
	// ExplainExpansion returns, in Result.Expansion, the words searched
	// with other spellings or synonyms.
	ExplainExpansion bool `json:"explain_expansion,omitempty"`

	// Now is the reference time for the fixed date ranges (last 24
	// hours…); zero means the present.
	Now time.Time `json:"now,omitzero"`
}

// Result is the answer to a Request.
type Result struct {
	Query string `json:"query"`
	// Total is the number of matching articles: exactly when
	// TotalRelation is "eq", at least that many when it is "gte" (a
	// ranked query counts up to 10,000 matches unless asked for an
	// exact total).
	Total         uint64  `json:"total"`
	TotalRelation string  `json:"total_relation"`
	TookMS        float64 `json:"took_ms"`
	Page          int     `json:"page"`
	Size          int     `json:"size"`
	Sort          string  `json:"sort"`
	Hits          []Hit   `json:"hits"`
	Facets        *Facets `json:"facets,omitempty"`
	// SearchAfter is the cursor for the page after this one (absent on
	// the last page).
	SearchAfter []string `json:"search_after,omitempty"`
	// DidYouMean is a corrected query built from the index's own terms,
	// offered when there are few or no hits.
	DidYouMean string `json:"did_you_mean,omitempty"`
	// Warnings explain parts of the query that were repaired or ignored.
	Warnings []query.Warning `json:"warnings"`
	// Stories is the number of stories the matches tell, when the hits
	// are collapsed by story.
	Stories *StoryCount `json:"stories,omitempty"`
	// Expansion lists the words searched with other spellings or
	// synonyms, when the request asks for it (an empty list when none
	// was).
	Expansion []Expansion `json:"expansion,omitempty"`
}

// Hit is one matching article.
type Hit struct {
	ID string `json:"id"`
	// Score is the relevance score; 0 in a date order, which scores
	// nothing.
	Score         float64         `json:"score"`
	Title         string          `json:"title,omitzero"`
	Published     *time.Time      `json:"published,omitempty"`
	PublishedText string          `json:"published_text,omitempty"`
	Source        string          `json:"source,omitempty"`
	Category      string          `json:"category,omitempty"`
	Author        string          `json:"author,omitempty"`
	URL           string          `json:"url,omitempty"`
	Dateline      *article.Place  `json:"dateline,omitempty"`
	Places        []article.Place `json:"places,omitzero"`
	// Highlights are HTML: the text escaped, whole matching words
	// wrapped in <mark>; "title" is the whole title, "body" snippets of
	// the body joined with "…" where cut.
	Highlights map[string]string `json:"highlights,omitempty"`
	// Snippet is the highlighted body snippet (the same as
	// Highlights["body"]), or the start of the body, escaped.
	Snippet string `json:"snippet,omitzero"`
	// DuplicateOf names an earlier article with the same body.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Story is the ID of the article's story (GET /stories/{id}).
	Story string `json:"story,omitempty"`
	// Collapsed is, in a search collapsed by story, the story the hit
	// stands for.
	Collapsed *StoryGroup `json:"collapsed,omitempty"`
}

// Facets are the counts of the matching articles by date, place, source,
// category and author (those the request asks for; see Facets()). Each facet's counts apply the query and every
// other active filter, but not the facet's own filter (disjunctive
// facets), so the other values of a selected facet stay visible.
type Facets struct {
	Dates      *DateFacet  `json:"dates,omitzero"`
	Places     []PlaceNode `json:"places,omitzero"`
	Sources    []Bucket    `json:"sources,omitzero"`
	Categories []Bucket    `json:"categories,omitzero"`
	Authors    []Bucket    `json:"authors,omitzero"`
}

// DateFacet is a histogram of publication dates plus fixed recent ranges.
type DateFacet struct {
	// Interval is "year", "month" or "day", chosen from the span of the
	// matching articles.
	Interval string       `json:"interval"`
	Buckets  []DateBucket `json:"buckets"`
	// Ranges are the last 24 hours, 7 days, 30 days and 12 months
	// before Now.
	Ranges []DateBucket `json:"ranges"`
}

// DateBucket counts articles in [From, To] (dates as YYYY-MM-DD).
type DateBucket struct {
	Key   string `json:"key"` // "2018", "2018-03", "2018-03-14" or a range name
	From  string `json:"from"`
	To    string `json:"to"`
	Count uint64 `json:"count"`
}

// PlaceNode is one place with its count and the counts of its children
// (country → first-level division → city).
type PlaceNode struct {
	ID       string      `json:"id"`
	Name     string      `json:"name"`
	NameEn   string      `json:"name_en,omitempty"`
	Level    string      `json:"level"`
	Country  string      `json:"country"`
	Count    uint64      `json:"count"`
	Children []PlaceNode `json:"children,omitempty"`
}

// Bucket is one value of a keyword facet and its count.
type Bucket struct {
	Value string `json:"value"`
	Count uint64 `json:"count"`
}

// Completion is one suggestion for a prefix typed so far.
type Completion struct {
	Text string `json:"text"`
	// Kind is "term" (a frequent word) or "title" (an article title).
	Kind  string `json:"kind"`
	ID    string `json:"id,omitempty"` // the article, for titles
	Count uint64 `json:"count,omitempty"`
}
