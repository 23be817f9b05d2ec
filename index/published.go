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
//
// After makes the sort a cursor: the match handler drops every match that
// does not come after (AfterKey, AfterID) in the order of the date and
// then the document ID, so that a deep page is found without bleve's
// search_after, which reads the ID of every match to compare it.
type PublishedSort struct {
	Desc bool

	hasAfter bool
	afterKey string
	afterID  string
}

// After sets the cursor: the sort key of its date (as CursorKey reads
// it) and the document ID.
func (s *PublishedSort) After(key, id string) {
	s.hasAfter, s.afterKey, s.afterID = true, key, id
}

// Cursor returns the cursor After set: the sort key and ID the order
// starts after.
func (s *PublishedSort) Cursor() (key, id string, ok bool) {
	return s.afterKey, s.afterID, s.hasAfter
}

// CursorTime returns the publication date of the cursor set by After
// (ok is false without a cursor, or when the cursor's article has no
// date).
func (s *PublishedSort) CursorTime() (t time.Time, ok bool) {
	if !s.hasAfter || len(s.afterKey) != 8 || s.afterKey == noPublishedKey {
		return t, false
	}
	return publishedTime(s.afterKey), true
}

// follows reports whether a match of this sort key comes after the
// cursor; id reads the match's document ID, needed only when its date is
// the cursor's.
func (s *PublishedSort) follows(key string, id func() (string, error)) (bool, error) {
	if !s.hasAfter {
		return true, nil
	}
	c := strings.Compare(key, s.afterKey)
	if s.Desc {
		c = -c
	}
	if c != 0 {
		return c > 0, nil
	}
	doc, err := id()
	if err != nil {
		return false, err
	}
	return doc > s.afterID, nil
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
// (inclusive; a zero bound is open), in few terms: the whole years inside
// the range through FieldYear, the whole months left through FieldMonth,
// the whole days left through FieldFacet's day terms, and only the parts
// of days that the range cuts in the middle through FieldPublished, whose
// terms are one per article. Days, months and years are UTC ones.
func PublishedRange(from, to time.Time) query.Query {
	from, to = from.UTC(), to.UTC()
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return query.NewMatchNoneQuery()
	}
	// Open bounds become the ends of what the date terms can hold.
	lo, hi := from, to
	if lo.IsZero() {
		lo = time.Date(1678, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if hi.IsZero() {
		hi = time.Date(2261, 12, 31, 23, 59, 59, 999999999, time.UTC)
	}
	var parts []query.Query
	cover(0, lo, hi.Add(time.Nanosecond), &parts)
	switch len(parts) {
	case 0:
		return query.NewMatchNoneQuery()
	case 1:
		return parts[0]
	}
	return query.NewDisjunctionQuery(parts)
}

// dateUnit is one level of the date terms: a field, the length of a unit
// and the form of its terms.
type dateUnit struct {
	field, prefix, layout string
	start                 func(time.Time) time.Time // the unit holding t
	next                  func(time.Time) time.Time // the unit after the one starting at t
}

var dateUnits = []dateUnit{
	{FieldYear, "", "2006",
		func(t time.Time) time.Time { return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC) },
		func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
	{FieldMonth, "", "2006-01",
		func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC) },
		func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
	{FieldFacet, FacetDay, time.DateOnly,
		func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) },
		func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
}

// cover appends term ranges matching [lo, end): the whole units of
// dateUnits[level] inside the span, then, for what is left on either
// side, the same with the next smaller unit, and the times at last.
func cover(level int, lo, end time.Time, parts *[]query.Query) {
	if !lo.Before(end) {
		return
	}
	inclusive := true
	if level == len(dateUnits) {
		q := query.NewTermRangeInclusiveQuery(publishedTerm(lo), publishedTerm(end.Add(-time.Nanosecond)), &inclusive, &inclusive)
		q.SetField(FieldPublished)
		*parts = append(*parts, q)
		return
	}
	u := dateUnits[level]
	first := u.start(lo)
	if first.Before(lo) {
		first = u.next(first)
	}
	// last is the start of the first unit not wholly inside [lo, end).
	last := u.start(end)
	if !first.Before(last) {
		cover(level+1, lo, end, parts)
		return
	}
	cover(level+1, lo, first, parts)
	q := query.NewTermRangeInclusiveQuery(u.prefix+first.Format(u.layout), u.prefix+last.Add(-time.Nanosecond).Format(u.layout), &inclusive, &inclusive)
	q.SetField(u.field)
	*parts = append(*parts, q)
	cover(level+1, last, end, parts)
}
