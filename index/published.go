package index

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// PublishedSort orders search hits by publication date, newest first when
// Desc is set; articles without a date come last either way.
//
// bleve sorts on a date field by decoding, for every match, the
// compressed doc-value chunk that holds its date: at a million articles
// that was three quarters of a date-filtered query sorted by date. The
// index keeps each segment's dates as sort keys beside its facet columns,
// decoded once, and the handler that sees every match (see Index.search)
// sets each match's key from there. Use it in a bleve.SearchRequest's Sort
// in place of the "published" field, on this index's Search only.
type PublishedSort struct {
	Desc bool
}

var _ search.SearchSort = (*PublishedSort)(nil)

// UpdateVisitor implements search.SearchSort; the keys do not come from
// doc values.
func (s *PublishedSort) UpdateVisitor(field string, term []byte) {}

// Value implements search.SearchSort. The key is set afterwards by the
// index's match handler.
func (s *PublishedSort) Value(*search.DocumentMatch) string { return "" }

// DecodeValue turns a sort key into the date in RFC 3339 form (UTC, with
// nanoseconds), "" for an article without a date: the form a search_after
// cursor carries and CursorKey reads back.
func (s *PublishedSort) DecodeValue(key string) string {
	if len(key) != 8 {
		return ""
	}
	n := int64(binary.BigEndian.Uint64([]byte(key)) ^ 1<<63)
	return time.Unix(0, n).UTC().Format(time.RFC3339Nano)
}

// Descending implements search.SearchSort.
func (s *PublishedSort) Descending() bool { return s.Desc }

// RequiresDocID implements search.SearchSort.
func (s *PublishedSort) RequiresDocID() bool { return false }

// RequiresScoring implements search.SearchSort.
func (s *PublishedSort) RequiresScoring() bool { return false }

// RequiresFields implements search.SearchSort: none, so that bleve reads
// no doc values for it.
func (s *PublishedSort) RequiresFields() []string { return nil }

// Reverse implements search.SearchSort.
func (s *PublishedSort) Reverse() { s.Desc = !s.Desc }

// Copy implements search.SearchSort.
func (s *PublishedSort) Copy() search.SearchSort {
	c := *s
	return &c
}

// missing is the key of an article without a date: below every date when
// sorting newest first, above every date when oldest first.
func (s *PublishedSort) missing() string {
	if s.Desc {
		return ""
	}
	return afterEveryKey
}

// CursorKey reads back a cursor value DecodeValue gave ("" for an
// article without a date) as the sort key search_after compares.
func (s *PublishedSort) CursorKey(value string) (string, error) {
	if value == "" {
		return s.missing(), nil
	}
	t, err := time.Parse(time.RFC3339Nano, value)
	if err != nil {
		return "", fmt.Errorf("publication date %q: %w", value, err)
	}
	return string(appendPublishedKey(nil, t.UnixNano())), nil
}

// appendPublishedKey appends the 8-byte sort key of a time in Unix
// nanoseconds: big-endian with the sign bit flipped, so that keys compare
// as the times do. math.MinInt64 (no date) gives noPublishedKey.
func appendPublishedKey(b []byte, nanos int64) []byte {
	return binary.BigEndian.AppendUint64(b, uint64(nanos)^1<<63)
}

var (
	noPublishedKey = string(appendPublishedKey(nil, math.MinInt64))
	afterEveryKey  = strings.Repeat("\xff", 9)
)

// publishedTerm is the indexed term of a publication time: the sort key
// in 16 hexadecimal digits, so that terms sort as the times do and a
// range of times is a range of terms.
func publishedTerm(t time.Time) string {
	return hex.EncodeToString(appendPublishedKey(nil, t.UnixNano()))
}

// PublishedRange is a query for articles published in [from, to]
// (inclusive; a zero bound is open). Whole days are matched through the
// day terms of FieldFacet, a few hundred terms a year; only the parts of
// days that the range cuts in the middle are matched through
// FieldPublished, whose terms are one per article.
func PublishedRange(from, to time.Time) query.Query {
	inclusive := true
	termRange := func(field, lo, hi string) query.Query {
		q := query.NewTermRangeInclusiveQuery(lo, hi, &inclusive, &inclusive)
		q.SetField(field)
		return q
	}
	const day = 24 * time.Hour
	midnight := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
	from, to = from.UTC(), to.UTC()
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return query.NewMatchNoneQuery()
	}
	// The whole days of the range are [firstDay, lastDay]; a zero bound
	// is open.
	var firstDay, lastDay time.Time
	if !from.IsZero() {
		firstDay = midnight(from)
		if !from.Equal(firstDay) {
			firstDay = firstDay.Add(day)
		}
	}
	if !to.IsZero() {
		lastDay = midnight(to)
		if !to.Equal(lastDay.Add(day - time.Nanosecond)) {
			lastDay = lastDay.Add(-day)
		}
	}
	if !firstDay.IsZero() && !lastDay.IsZero() && lastDay.Before(firstDay) {
		// No whole day: the times themselves.
		return termRange(FieldPublished, publishedTerm(from), publishedTerm(to))
	}
	lo, hi := FacetDay+"0000-01-01", FacetDay+"9999-12-31"
	if !firstDay.IsZero() {
		lo = FacetDay + firstDay.Format(time.DateOnly)
	}
	if !lastDay.IsZero() {
		hi = FacetDay + lastDay.Format(time.DateOnly)
	}
	parts := []query.Query{termRange(FieldFacet, lo, hi)}
	if !from.IsZero() && from.Before(firstDay) {
		parts = append(parts, termRange(FieldPublished, publishedTerm(from), publishedTerm(firstDay.Add(-time.Nanosecond))))
	}
	if !to.IsZero() && to.After(lastDay.Add(day-time.Nanosecond)) {
		parts = append(parts, termRange(FieldPublished, publishedTerm(lastDay.Add(day)), publishedTerm(to)))
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return query.NewDisjunctionQuery(parts)
}
