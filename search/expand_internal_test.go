package search

import (
	"errors"
	"fmt"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

func TestClosedUnderneath(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{fmt.Errorf("variants: terms of body_exact in shard 0: %w", bleve.ErrorIndexClosed), true},
		{bleve.ErrorIndexClosed, true},
		{errors.New("variants: terms of body_exact in shard 0: index is closed"), false},
		{fmt.Errorf("variants: %w", bleve.ErrorIndexMetaMissing), false},
	} {
		if got := closedUnderneath(c.err); got != c.want {
			t.Errorf("%v: %v, want %v", c.err, got, c.want)
		}
	}
}
