// Package readers turns input files into articles: raw scraped article
// text, JSON Lines and the SGML-like <DOC> layout of news corpora.
//
// Every unit that is read (a file, a line, a document) yields one Record:
// either an article or the reason it could not be read. A bad unit never
// stops the others; only an error returned by the caller's emit function,
// or the cancellation of the context, stops reading.
//
// Readers only extract and clean text. They do not parse dates: the date
// as printed goes to Article.PublishedText, and the short lines above a
// scraped article's body go to Article.HeaderLines, for enrichment to
// interpret.
package readers

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fahras/fahras/index/article"
)

// Format names an input format.
type Format string

// The input formats. Auto guesses the format of each file with Detect.
const (
	Auto  Format = "auto"
	Text  Format = "text"
	JSONL Format = "jsonl"
	SGML  Format = "sgml"
)

// ParseFormat returns the format named s. It accepts the format names and
// a few common synonyms ("txt", "raw", "json", "ndjson", "trec"); an empty
// s means Auto.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return Auto, nil
	case "text", "txt", "raw":
		return Text, nil
	case "jsonl", "json", "ndjson", "jsonlines":
		return JSONL, nil
	case "sgml", "trec", "doc":
		return SGML, nil
	}
	return "", fmt.Errorf("unknown input format %q (want auto, text, jsonl or sgml)", s)
}

// Record is one article read, or the error of one unreadable unit (line,
// document or file). Exactly one of Article and Err is meaningful: when Err
// is nil, Article holds at least a title or a body. Origin names the unit
// (path, path:line or path#document); Err does not repeat it.
type Record struct {
	Article article.Article
	Err     error
	Origin  string
	// ModTime is the modification time of the file the record was read
	// from (zero for streams): the reference time for relative dates
	// such as "منذ ساعتين" in a scraped page.
	ModTime time.Time
}

// Options tune reading. The zero value reads with format detection and the
// default limits.
type Options struct {
	// Format forces one format for every file; "" or Auto detects it.
	Format Format
	// MaxFileBytes caps the size of a text or SGML file, which is read
	// whole (after decompression). Default 256 MB. JSON Lines files are
	// streamed and have no file limit.
	MaxFileBytes int64
	// MaxLineBytes caps one JSON Lines line. Default 16 MB.
	MaxLineBytes int
	// MaxStreamBytes, when positive, caps what a gzip-compressed stream
	// may inflate to; past it reading stops with a StreamLimitError
	// record. Servers set it: a small compressed request can otherwise
	// inflate a thousandfold.
	MaxStreamBytes int64
	// OnRead, when set, is told how many bytes of a file ReadPath has
	// just read (as stored, before decompression), so that progress can
	// be shown against InputSize. It may be called from any goroutine.
	OnRead func(n int)
}

// Default limits.
const (
	DefaultMaxFileBytes = 256 << 20
	DefaultMaxLineBytes = 16 << 20
)

func (o Options) withDefaults() Options {
	if o.Format == "" {
		o.Format = Auto
	}
	if o.MaxFileBytes <= 0 {
		o.MaxFileBytes = DefaultMaxFileBytes
	}
	if o.MaxLineBytes <= 0 {
		o.MaxLineBytes = DefaultMaxLineBytes
	}
	return o
}

// Reasons a file, line or document is skipped. Record errors wrap one of
// them, so callers can count skips by kind with errors.Is.
var (
	ErrEmpty       = errors.New("file is empty")
	ErrBinary      = errors.New("binary file")
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrTooLarge    = errors.New("too large")
	ErrBadJSON     = errors.New("invalid JSON")
	ErrBadDocument = errors.New("malformed document")
	ErrNoText      = errors.New("no article text")
)

// StreamLimitError is the read error of a decompressed stream that grew
// past Options.MaxStreamBytes. It wraps ErrTooLarge.
type StreamLimitError struct{ Limit int64 }

func (e *StreamLimitError) Error() string {
	return fmt.Sprintf("%v: the decompressed stream exceeds %s", ErrTooLarge, formatSize(e.Limit))
}

// Unwrap makes errors.Is(err, ErrTooLarge) hold.
func (e *StreamLimitError) Unwrap() error { return ErrTooLarge }

// limitedReader reads at most limit bytes, then fails with a
// StreamLimitError (io.LimitReader would end the stream silently, and a cut
// stream would pass for a whole one).
type limitedReader struct {
	r           io.Reader
	left, limit int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, &StreamLimitError{Limit: l.limit}
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

// headSize is how much of a stream Detect and the binary check look at.
const headSize = 8 << 10

// Read reads one stream; name is used for format detection and Origin.
// Gzip-compressed streams are recognized by their magic bytes and
// decompressed. Problems with the input become error Records; Read returns
// an error only when emit returns one or ctx is cancelled.
func Read(ctx context.Context, r io.Reader, name string, opts Options, emit func(Record) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	opts = opts.withDefaults()
	fail := func(err error) error { return emit(Record{Err: err, Origin: name}) }

	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(2)
	if len(head) == 0 {
		if err != nil && err != io.EOF {
			return fail(fmt.Errorf("read: %w", err))
		}
		return fail(ErrEmpty)
	}
	detectName := name
	if len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fail(fmt.Errorf("invalid gzip stream: %w", err))
		}
		defer zr.Close()
		var inflated io.Reader = zr
		if opts.MaxStreamBytes > 0 {
			// A small compressed body can inflate a thousandfold.
			inflated = &limitedReader{r: zr, left: opts.MaxStreamBytes, limit: opts.MaxStreamBytes}
		}
		br = bufio.NewReaderSize(inflated, 64<<10)
		detectName = strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".GZ")
	}

	head, err = br.Peek(headSize)
	if len(head) == 0 {
		if err != nil && err != io.EOF {
			return fail(fmt.Errorf("read: %w", err))
		}
		return fail(ErrEmpty)
	}
	// Any other read error shows again when the content is read, after
	// what could be read of it.
	if reason := binaryReason(head); reason != "" {
		return fail(fmt.Errorf("%w (%s)", ErrBinary, reason))
	}

	format := opts.Format
	if format == Auto {
		format = Detect(detectName, head)
	}
	switch format {
	case JSONL:
		return readJSONL(ctx, br, name, opts, emit)
	case Text, SGML:
		data, err := io.ReadAll(io.LimitReader(br, opts.MaxFileBytes+1))
		if err != nil {
			return fail(fmt.Errorf("read: %w", err))
		}
		if int64(len(data)) > opts.MaxFileBytes {
			return fail(fmt.Errorf("%w: file exceeds %s", ErrTooLarge, formatSize(opts.MaxFileBytes)))
		}
		if format == SGML {
			return readSGML(ctx, data, name, emit)
		}
		return readText(data, name, emit)
	}
	return fmt.Errorf("read %s: unknown format %q", name, format)
}

// ReadPath reads a file, a directory (walked recursively in lexical order,
// skipping hidden files and dirs), or "-" for standard input (given as
// stdin). A path that cannot be opened at all is returned as an error;
// problems with files found inside a directory become error Records.
func ReadPath(ctx context.Context, path string, stdin io.Reader, opts Options, emit func(Record) error) error {
	if path == "-" {
		if stdin == nil {
			return errors.New("read standard input: no input given")
		}
		return Read(ctx, stdin, "-", opts, emit)
	}
	info, err := os.Stat(path)
	if err != nil {
		// "PATH: no such file or directory", without the stat.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return fmt.Errorf("%s: %w", path, pe.Err)
		}
		return err
	}
	if !info.IsDir() {
		return readFile(ctx, path, opts, emit)
	}
	return inputFiles(path, func(p string, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		// An unreadable directory entry is skipped, not fatal.
		return emit(Record{Err: fmt.Errorf("walk: %w", err), Origin: p})
	}, func(p string) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		return readFile(ctx, p, opts, emit)
	})
}

// inputFiles walks root as ReadPath reads it, calling file for every
// regular file below it (links to regular files followed; devices,
// sockets, links to directories and hidden entries below the root
// skipped) and bad for every entry that cannot be read, which skips it
// unless bad returns an error.
func inputFiles(root string, bad func(p string, err error) error, file func(p string) error) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if berr := bad(p, err); berr != nil {
				return berr
			}
			if d != nil && d.IsDir() && p != root {
				return filepath.SkipDir
			}
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			fi, err := os.Stat(p)
			if err != nil || !fi.Mode().IsRegular() {
				return nil
			}
		}
		return file(p)
	})
}

func readFile(ctx context.Context, path string, opts Options, emit func(Record) error) error {
	f, err := os.Open(path)
	if err != nil {
		return emit(Record{Err: fmt.Errorf("open: %w", err), Origin: path})
	}
	defer f.Close()
	var modTime time.Time
	if info, err := f.Stat(); err == nil {
		modTime = info.ModTime()
	}
	var in io.Reader = f
	if opts.OnRead != nil {
		in = countingReader{f, opts.OnRead}
	}
	return Read(ctx, in, path, opts, func(r Record) error {
		r.ModTime = modTime
		return emit(r)
	})
}

// countingReader tells onRead how much each Read returned.
type countingReader struct {
	r      io.Reader
	onRead func(int)
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.onRead(n)
	}
	return n, err
}

// InputSize is the size in bytes of the files ReadPath reads for paths
// (directories walked as ReadPath walks them), and false when it cannot
// be known: standard input, or a path that cannot be read.
func InputSize(paths []string) (int64, bool) {
	var total int64
	for _, path := range paths {
		if path == "-" {
			return 0, false
		}
		err := inputFiles(path, func(_ string, err error) error { return err }, func(p string) error {
			info, err := os.Stat(p)
			if err != nil {
				return err
			}
			total += info.Size()
			return nil
		})
		if err != nil {
			return 0, false
		}
	}
	return total, true
}

// Detect guesses the format from a name and the first bytes (of the
// decompressed content). The extensions .jsonl, .ndjson and .json mean
// JSON Lines and .sgml, .sgm and .trec mean SGML, with or without a final
// .gz; otherwise content that starts with <DOC> is SGML, content that
// starts with { is JSON Lines, and anything else is text.
func Detect(name string, head []byte) Format {
	base := strings.ToLower(filepath.Base(name))
	base = strings.TrimSuffix(base, ".gz")
	switch filepath.Ext(base) {
	case ".jsonl", ".ndjson", ".json":
		return JSONL
	case ".sgml", ".sgm", ".trec":
		return SGML
	}
	head = bytes.TrimPrefix(head, bom)
	head = bytes.TrimLeft(head, " \t\r\n\f\v")
	switch {
	case len(head) >= 4 && bytes.EqualFold(head[:4], []byte("<DOC")) &&
		(len(head) == 4 || head[4] == '>' || head[4] == ' ' || head[4] == '\t' || head[4] == '\n' || head[4] == '\r'):
		return SGML
	case len(head) > 0 && head[0] == '{':
		return JSONL
	}
	return Text
}

var bom = []byte("\ufeff")

// binaryReason says why head looks like binary content rather than text,
// or returns "" for text. Stray control bytes in text are tolerated (and
// dropped later); many of them, or NUL bytes next to invalid UTF-8, are
// not.
func binaryReason(head []byte) string {
	var nul, ctl int
	for _, c := range head {
		switch {
		case c == 0:
			nul++
			ctl++
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f', c == 0x7f:
			ctl++
		}
	}
	n := len(head)
	switch {
	case nul > 0 && (nul*100 > n || !validPrefix(head)):
		return "NUL bytes"
	case ctl*20 > n:
		return "control bytes"
	}
	return ""
}

// validPrefix reports whether b is valid UTF-8, allowing an incomplete
// rune at its end (b may be cut from a longer stream).
func validPrefix(b []byte) bool {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				b = b[:i]
			}
			break
		}
	}
	return utf8.Valid(b)
}

// invalidUTF8At returns the offset of the first byte of b that is not
// valid UTF-8, or -1.
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

func formatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
