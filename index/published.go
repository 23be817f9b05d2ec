package index

import (
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/search"
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
