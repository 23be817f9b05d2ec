package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fahras/fahras/index"
)

// The bar runs against the input's size and says how many articles are
// written, at what rate.
func TestProgressHasATotalAndRates(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.jsonl", "b.jsonl"} {
		if err := os.WriteFile(filepath.Join(dir, name), bytes.Repeat([]byte("x"), 250_000), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	p := newProgress(&out, []string{dir})
	p.written(index.Progress{Written: 1495, Elapsed: 2 * time.Second})
	time.Sleep(250 * time.Millisecond) // the bar redraws at most every 200 ms
	p.read(250_000)
	shown := out.String()
	for _, want := range []string{"indexing: 1,495 articles, 747/s", "50%", "500 kB"} {
		if !strings.Contains(shown, want) {
			t.Errorf("progress %q lacks %q", shown, want)
		}
	}
	if strings.Contains(shown, "/-") {
		t.Errorf("progress %q has no total", shown)
	}
	// Standard input has no known size: the bar counts bytes alone.
	out.Reset()
	p = newProgress(&out, []string{"-"})
	p.read(1000)
	p.finish()
	var nilBar *progress
	nilBar.read(10) // a nil bar (not a terminal, or --quiet) shows nothing
	nilBar.written(index.Progress{})
	nilBar.clear()
	nilBar.finish()
	if got := groupDigits(1234567); got != "1,234,567" {
		t.Errorf("groupDigits = %q", got)
	}
}
