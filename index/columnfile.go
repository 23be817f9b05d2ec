package index

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"

	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// A segment's facet column is decoded from its doc values the first time
// a search needs it: about a microsecond an article, so a second for a
// million, which the first search after opening an index paid. Segments
// never change once written, so the column is also written beside the
// segment's file, as NAME.columns next to NAME.zap, and read back from
// there at the next opening in a few milliseconds. The file is a cache:
// one that is missing, damaged or of another segment is decoded again
// from the doc values and rewritten; one whose segment is gone is removed
// at the next opening.
//
// Layout (little-endian): the magic line; the article count n; the
// values, each as a length and its bytes; n+1 uint32 starts; the starts[n]
// uint32 value numbers (into the file's values); n 8-byte publication
// keys; and a CRC-32 (IEEE) of all that precedes it.

const columnFileMagic = "fahras facet columns 1\n"

// columnFile is the path of a segment's column file, "" for a segment
// that has no file of its own (one still in memory).
func columnFile(seg segment.Segment) string {
	withPath, ok := seg.(interface{ Path() string })
	if !ok {
		return ""
	}
	path := withPath.Path()
	if !strings.HasSuffix(path, ".zap") {
		return ""
	}
	return strings.TrimSuffix(path, ".zap") + ".columns"
}

// writeColumnFile writes col, whose value numbers are fc's ordinals, to
// path through a temporary file, so that a reader sees the whole file or
// none.
func (fc *facetColumns) writeColumnFile(path string, col *facetColumn) error {
	// The file's own value numbers: the ordinals in order of first use.
	local := map[uint32]uint32{}
	var values []string
	ords := make([]uint32, len(col.ords))
	fc.mu.Lock()
	for i, ord := range col.ords {
		n, ok := local[ord]
		if !ok {
			n = uint32(len(values))
			local[ord] = n
			values = append(values, fc.values[ord])
		}
		ords[i] = n
	}
	fc.mu.Unlock()

	var b bytes.Buffer
	b.Grow(len(columnFileMagic) + 4*(len(col.starts)+len(ords)) + len(col.published) + 64)
	b.WriteString(columnFileMagic)
	b.Write(binary.AppendUvarint(nil, uint64(len(col.starts)-1)))
	b.Write(binary.AppendUvarint(nil, uint64(len(values))))
	for _, v := range values {
		b.Write(binary.AppendUvarint(nil, uint64(len(v))))
		b.WriteString(v)
	}
	for _, s := range col.starts {
		b.Write(binary.LittleEndian.AppendUint32(nil, s))
	}
	for _, o := range ords {
		b.Write(binary.LittleEndian.AppendUint32(nil, o))
	}
	b.WriteString(col.published)
	b.Write(binary.LittleEndian.AppendUint32(nil, crc32.ChecksumIEEE(b.Bytes())))

	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("facet columns: %w", err)
	}
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("facet columns: %w", err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("facet columns: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("facet columns: %w", err)
	}
	return nil
}

var errColumnFile = errors.New("not a facet column file of this segment")

// readColumnFile reads the column file at path for a segment of docs
// articles, giving its values fc's ordinals.
func (fc *facetColumns) readColumnFile(path string, docs uint64) (*facetColumn, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return fc.decodeColumnFile(raw, docs)
}

func (fc *facetColumns) decodeColumnFile(raw []byte, docs uint64) (*facetColumn, error) {
	if len(raw) < len(columnFileMagic)+4 || string(raw[:len(columnFileMagic)]) != columnFileMagic {
		return nil, errColumnFile
	}
	body, sum := raw[:len(raw)-4], binary.LittleEndian.Uint32(raw[len(raw)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, fmt.Errorf("%w: checksum", errColumnFile)
	}
	r := body[len(columnFileMagic):]
	uvarint := func() (uint64, bool) {
		v, n := binary.Uvarint(r)
		if n <= 0 {
			return 0, false
		}
		r = r[n:]
		return v, true
	}
	n, ok := uvarint()
	if !ok || n != docs {
		return nil, fmt.Errorf("%w: %d articles, the segment has %d", errColumnFile, n, docs)
	}
	nvalues, ok := uvarint()
	if !ok || nvalues > uint64(len(r)) {
		return nil, errColumnFile
	}
	values := make([]string, nvalues)
	for i := range values {
		l, ok := uvarint()
		if !ok || l > uint64(len(r)) {
			return nil, errColumnFile
		}
		values[i], r = string(r[:l]), r[l:]
	}
	if n >= uint64(len(r))/4 || uint64(len(r)) < 4*(n+1) {
		return nil, errColumnFile
	}
	col := &facetColumn{starts: make([]uint32, n+1)}
	for i := range col.starts {
		col.starts[i] = binary.LittleEndian.Uint32(r[4*i:])
		if i > 0 && col.starts[i] < col.starts[i-1] {
			return nil, fmt.Errorf("%w: starts out of order", errColumnFile)
		}
	}
	r = r[4*(n+1):]
	m := uint64(col.starts[n])
	if col.starts[0] != 0 || uint64(len(r)) != 4*m+8*n {
		return nil, fmt.Errorf("%w: sizes", errColumnFile)
	}
	// The file's value numbers become this process's ordinals.
	toOrd := make([]uint32, nvalues)
	fc.mu.Lock()
	for i, v := range values {
		toOrd[i] = fc.ordinal(v)
	}
	fc.mu.Unlock()
	col.ords = make([]uint32, m)
	for i := range col.ords {
		local := binary.LittleEndian.Uint32(r[4*i:])
		if uint64(local) >= nvalues {
			return nil, fmt.Errorf("%w: value number %d of %d", errColumnFile, local, nvalues)
		}
		col.ords[i] = toOrd[local]
	}
	col.published = string(r[4*m:])
	return col, nil
}

// removeStaleColumnFiles removes the column files in dir whose segment
// file is gone, and temporary files left by an interrupted write.
func removeStaleColumnFiles(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("facet columns: %w", err)
	}
	present := map[string]bool{}
	for _, e := range entries {
		present[e.Name()] = true
	}
	for _, e := range entries {
		name := e.Name()
		stale := strings.Contains(name, ".columns.tmp")
		if base, ok := strings.CutSuffix(name, ".columns"); ok && !present[base+".zap"] {
			stale = true
		}
		if stale {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("facet columns: %w", err)
			}
		}
	}
	return nil
}
