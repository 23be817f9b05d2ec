package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/readers"
)

// isTerminal reports whether f is an interactive terminal.
func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd()))
}

// progress is the indexing progress bar: the input's bytes read against
// their total (when the input is files), with the articles written and
// their rate. A nil *progress shows nothing.
type progress struct {
	bar *progressbar.ProgressBar
}

func newProgress(w io.Writer, paths []string) *progress {
	total, known := readers.InputSize(paths)
	if !known {
		total = -1
	}
	return &progress{bar: progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("indexing"),
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowTotalBytes(true),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

// read counts bytes of input read.
func (p *progress) read(n int) {
	if p != nil {
		_ = p.bar.Add64(int64(n))
	}
}

// written shows the articles written so far and their rate.
func (p *progress) written(pr index.Progress) {
	if p == nil {
		return
	}
	rate := 0.0
	if s := pr.Elapsed.Seconds(); s > 0 {
		rate = float64(pr.Written) / s
	}
	p.bar.Describe(fmt.Sprintf("indexing: %s articles, %s/s", groupDigits(pr.Written), groupDigits(int64(rate))))
}

// clear erases the bar so that a message can be printed.
func (p *progress) clear() {
	if p != nil {
		_ = p.bar.Clear()
	}
}

func (p *progress) finish() {
	if p != nil {
		_ = p.bar.Finish()
	}
}

// groupDigits writes n with thousands separated by commas.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 {
		return "-" + groupDigits(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
