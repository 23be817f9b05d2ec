package readers

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"strings"
	"testing"
)

func TestMaxStreamBytesStopsInflation(t *testing.T) {
	line := `{"id":"g1","title":"خبر","body":"` + strings.Repeat("نص ", 2000) + `"}` + "\n"
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	for i := 0; i < 200; i++ {
		zw.Write([]byte(line))
	}
	zw.Close()
	inflated := int64(len(line) * 200)

	count := func(limit int64) (articles int, limitErr *StreamLimitError) {
		err := Read(context.Background(), bytes.NewReader(buf.Bytes()), "bulk", Options{Format: JSONL, MaxStreamBytes: limit}, func(r Record) error {
			var sl *StreamLimitError
			switch {
			case errors.As(r.Err, &sl):
				limitErr = sl
			case r.Err == nil:
				articles++
			}
			return nil
		})
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		return articles, limitErr
	}
	if n, e := count(0); n != 200 || e != nil {
		t.Fatalf("no limit: %d articles, error %v", n, e)
	}
	n, e := count(inflated / 4)
	if e == nil || e.Limit != inflated/4 || !errors.Is(e, ErrTooLarge) {
		t.Fatalf("limit %d: error %v", inflated/4, e)
	}
	if n == 0 || n >= 60 {
		t.Fatalf("limit at a quarter kept %d of 200 articles, want the lines before the limit", n)
	}
}
