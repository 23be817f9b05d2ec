package search

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/fahras/fahras/index/story"
)

// Story is one story: the articles that tell it, by outlet and time.
type Story struct {
	ID string `json:"id"`
	// Count is the number of articles of the story; Versions lists at
	// most index.MaxStoryVersions of them, oldest first.
	Count uint64 `json:"count"`
	// Sources are the outlets that carried it, most versions first.
	Sources []Bucket `json:"sources"`
	// First and Last are the earliest and latest publication times.
	First    *time.Time `json:"first,omitempty"`
	Last     *time.Time `json:"last,omitempty"`
	Versions []Hit      `json:"versions"`
}

// ErrNoStory is returned by Story for a story no article is in.
var ErrNoStory = errors.New("no such story")

// Story returns the story with the ID, or an *Error for an ID that
// cannot be one, or ErrNoStory.
func (e *Engine) Story(ctx context.Context, id string) (*Story, error) {
	id = strings.ToLower(id) // IDs are hexadecimal: any case names one
	if !story.ValidID(id) {
		return nil, badParam("id", "invalid_story", "%q is not a story ID (16 hexadecimal digits)", id)
	}
	versions, total, err := e.ix.StoryVersions(ctx, id)
	if err != nil {
		return nil, searchError(ctx, fmt.Errorf("story: %w", err))
	}
	if total == 0 {
		return nil, fmt.Errorf("story %s: %w", id, ErrNoStory)
	}
	out := &Story{ID: id, Count: total, Sources: []Bucket{}, Versions: make([]Hit, 0, len(versions))}
	bySource := map[string]uint64{}
	for i := range versions {
		h, body := storedHit(versions[i].Article.ID, 0, &versions[i])
		h.Snippet = html.EscapeString(cutRunes(body, snippetRunes))
		out.Versions = append(out.Versions, h)
		if h.Source != "" {
			bySource[h.Source]++
		}
		if h.Published != nil {
			if out.First == nil || h.Published.Before(*out.First) {
				out.First = h.Published
			}
			if out.Last == nil || h.Published.After(*out.Last) {
				out.Last = h.Published
			}
		}
	}
	for s, n := range bySource {
		out.Sources = append(out.Sources, Bucket{Value: s, Count: n})
	}
	sortBuckets(out.Sources)
	return out, nil
}
