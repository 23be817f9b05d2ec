package search

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	blevequery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/index"
)

// CollapseStory is the collapse value that gives one hit per story.
const CollapseStory = "story"

// Collapsing a search ranks the matches as usual and keeps the first of
// each story, as Elasticsearch's field collapsing does: the window of
// ranked matches grows until it holds the stories of the page (and one
// more, to know whether another page follows), up to maxCollapseWindow
// matches. It starts at half as many matches again as stories are
// needed: in the ANT corpus one article in eleven is a further version
// of a story, so that the first window nearly always suffices. The total
// and the facets still count articles.
const (
	minCollapseWindow = 20
	maxCollapseWindow = MaxWindow
)

// StoryGroup is what a collapsed hit stands for: the articles of its
// story that match the request, and the outlets that carried them.
type StoryGroup struct {
	ID string `json:"id"`
	// Versions is the number of the story's articles that match the
	// request (the hit among them).
	Versions uint64 `json:"versions"`
	// Sources are the outlets of those articles, most versions first.
	Sources []Bucket `json:"sources"`
}

// StoryCount is the number of stories among the matches: exact
// ("eq") when the collapse window held every match, else a lower bound
// ("gte"), as Elasticsearch reports totals.
type StoryCount struct {
	Count    int    `json:"count"`
	Relation string `json:"relation"`
}

// collapsed is a page of collapsed hits.
type collapsed struct {
	hits   []*bsearch.DocumentMatch
	groups map[string]*StoryGroup // by the hit's ID
	count  StoryCount
}

// collapse finds the page's stories among the matches of q ranked in
// order (as the request's search ranks them), loads the stored fields
// of the best hit of each, and counts the matching versions of each
// story and their sources.
func (e *Engine) collapse(ctx context.Context, req *Request, q blevequery.Query, order bsearch.SortOrder) (*collapsed, error) {
	need := req.Page*req.Size + 1
	window := min(max(need+need/2, minCollapseWindow), maxCollapseWindow)
	type leader struct {
		hit   *bsearch.DocumentMatch
		story string // "" for an article without a story (its own group)
	}
	var leaders []leader
	var exhaustive bool
	for {
		breq := bleve.NewSearchRequestOptions(q, window, 0, false)
		breq.Fields = []string{index.FieldStory}
		breq.SortByCustom(order.Copy())
		if byDate(req.Sort) {
			breq.Score = bleve.ScoreNone
		}
		res, err := e.ix.Search(ctx, breq)
		if err != nil {
			return nil, searchError(ctx, err)
		}
		leaders = leaders[:0]
		seen := make(map[string]bool)
		for _, h := range res.Hits {
			s, _ := h.Fields[index.FieldStory].(string)
			key := s
			if s == "" {
				key = "\x00" + h.ID
			}
			if !seen[key] {
				seen[key] = true
				leaders = append(leaders, leader{h, s})
			}
		}
		exhaustive = uint64(len(res.Hits)) >= res.Total
		if len(leaders) >= need || exhaustive || window >= maxCollapseWindow {
			break
		}
		window = min(window*4, maxCollapseWindow)
	}
	out := &collapsed{groups: make(map[string]*StoryGroup), count: StoryCount{Count: len(leaders), Relation: "eq"}}
	if !exhaustive {
		out.count.Relation = "gte"
	}
	from := (req.Page - 1) * req.Size
	if from >= len(leaders) {
		return out, nil
	}
	page := leaders[from:min(from+req.Size, len(leaders))]
	ids := make([]string, len(page))
	for i, l := range page {
		ids[i] = l.hit.ID
	}
	fields, err := e.storedOf(ctx, ids, storedFields(req.Fields))
	if err != nil {
		return nil, err
	}
	var stories []string
	for _, l := range page {
		l.hit.Fields = fields[l.hit.ID]
		if l.hit.Fields == nil {
			l.hit.Fields = map[string]interface{}{}
		}
		out.hits = append(out.hits, l.hit)
		if l.story != "" {
			l.hit.Fields[index.FieldStory] = l.story
			stories = append(stories, l.story)
		}
	}
	groups, err := e.storyGroups(ctx, q, stories)
	if err != nil {
		return nil, err
	}
	for _, l := range page {
		if g := groups[l.story]; l.story != "" && g != nil {
			out.groups[l.hit.ID] = g
		}
	}
	return out, nil
}

// maxGroupVersions bounds the versions storyGroups reads in one pass;
// past it, each story's versions are counted apart.
const maxGroupVersions = 1000

// storyGroups counts the versions of each story that match q and their
// sources: in one search for all the stories, whose matches' sources are
// read from their stored records, or, when they are too many, story by
// story.
func (e *Engine) storyGroups(ctx context.Context, q blevequery.Query, stories []string) (map[string]*StoryGroup, error) {
	out := make(map[string]*StoryGroup, len(stories))
	if len(stories) == 0 {
		return out, nil
	}
	terms := make([]blevequery.Query, len(stories))
	for i, id := range stories {
		tq := blevequery.NewTermQuery(id)
		tq.SetField(index.FieldStory)
		terms[i] = tq
	}
	both := blevequery.NewConjunctionQuery([]blevequery.Query{q, blevequery.NewDisjunctionQuery(terms)})
	breq := bleve.NewSearchRequestOptions(both, maxGroupVersions, 0, false)
	breq.Fields = []string{index.FieldStory, index.FieldStored}
	breq.Score = bleve.ScoreNone
	res, err := e.ix.Search(ctx, breq)
	if err != nil {
		return nil, searchError(ctx, err)
	}
	if res.Total > uint64(len(res.Hits)) {
		for _, id := range stories {
			if out[id], err = e.storyGroup(ctx, q, id); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	sources := make(map[string]map[string]uint64, len(stories))
	for _, id := range stories {
		out[id] = &StoryGroup{ID: id, Sources: []Bucket{}}
		sources[id] = map[string]uint64{}
	}
	for _, h := range res.Hits {
		id, _ := h.Fields[index.FieldStory].(string)
		g := out[id]
		if g == nil {
			continue
		}
		st, err := e.ix.StoredOf(h.ID, h.Fields)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		g.Versions++
		if src := st.Article.Source; src != "" {
			sources[id][src]++
		}
	}
	for id, g := range out {
		for v, n := range sources[id] {
			g.Sources = append(g.Sources, Bucket{Value: v, Count: n})
		}
		sortBuckets(g.Sources)
	}
	return out, nil
}

// storedOf loads the stored fields of documents by ID.
func (e *Engine) storedOf(ctx context.Context, ids, fields []string) (map[string]map[string]interface{}, error) {
	out := make(map[string]map[string]interface{}, len(ids))
	if len(fields) == 0 {
		return out, nil
	}
	breq := bleve.NewSearchRequestOptions(blevequery.NewDocIDQuery(ids), len(ids), 0, false)
	breq.Fields = fields
	breq.Score = bleve.ScoreNone
	res, err := e.ix.Search(ctx, breq)
	if err != nil {
		return nil, searchError(ctx, err)
	}
	for _, h := range res.Hits {
		out[h.ID] = h.Fields
	}
	return out, nil
}

// storyGroup counts the versions of a story that match q, and their
// sources, in one pass over them.
func (e *Engine) storyGroup(ctx context.Context, q blevequery.Query, id string) (*StoryGroup, error) {
	tq := blevequery.NewTermQuery(id)
	tq.SetField(index.FieldStory)
	breq := bleve.NewSearchRequestOptions(blevequery.NewConjunctionQuery([]blevequery.Query{q, tq}), 0, 0, false)
	breq.Score = bleve.ScoreNone
	res, tally, err := e.ix.SearchCounting(ctx, breq, time.Time{})
	if err != nil {
		return nil, searchError(ctx, fmt.Errorf("story %s: %w", id, err))
	}
	g := &StoryGroup{ID: id, Versions: res.Total, Sources: sourceBuckets(tally)}
	return g, nil
}

// sourceBuckets lists a tally's sources, most articles first, then by
// name.
func sourceBuckets(tally *index.FacetTally) []Bucket {
	out := []Bucket{}
	if tally == nil {
		return out
	}
	tally.Each(index.FacetSource, func(v string, n uint64) { out = append(out, Bucket{Value: v, Count: n}) })
	sortBuckets(out)
	return out
}
