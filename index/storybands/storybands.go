// Package storybands keeps, beside an index, the band hashes of every
// article's story signature (see package story): what a new article
// looks up to find the articles it may share a story with, without the
// bands being terms of the full-text index, where they cost more than a
// third of its size.
//
// The store is log-structured. Adding articles appends their IDs to the
// IDs file and their entries — a band hash and the offset of the ID in
// that file, eight bytes — to a write-ahead log and to a buffer in
// memory; when the buffer holds flushEntries entries it is sorted and
// written as an immutable run, and the two newest runs are merged while
// the older is at most twice the newer, so that a store of n entries
// keeps about log₂(n/flushEntries) runs. The runs are memory-mapped; each
// keeps in memory the hash of every fenceEvery-th entry (read at its
// first look-up), so that a look-up reads one page of each run it
// searches.
//
// Entries are never deleted: an article updated or removed leaves
// entries naming its ID, and the caller checks the articles found
// against the index, where their current signatures are. A crash loses
// nothing added: the log is replayed when the store is opened.
package storybands

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	mmap "github.com/blevesearch/mmap-go"
)

// File names inside the store's directory.
const (
	idsFile   = "ids"
	logFile   = "log"
	runPrefix = "run-"
	tmpSuffix = ".tmp"
)

// entrySize is the size of an entry on disk: the band hash and the ID's
// offset, little-endian.
const entrySize = 8

// flushEntries is how many entries the buffer holds before it is written
// as a run: about 8,000 articles, some 10 MB of memory.
const flushEntries = 1 << 18

// fenceEvery is how many entries of a run one hash kept in memory stands
// for: 512 entries are a 4 KiB page.
const fenceEvery = 512

// maxIDLen is the longest article ID the store keeps.
const maxIDLen = 1 << 12

// MaxPerBand bounds the articles one band brings into a look-up, the
// most recently added first: a band shared by thousands of articles (a
// template repeated word for word) cannot turn a look-up into a scan.
const MaxPerBand = 64

// Store is a band store. It is safe for concurrent use.
type Store struct {
	dir string

	mu      sync.Mutex
	ids     *os.File
	idsSize int64
	log     *os.File
	// buffer holds the entries added since the last run, by hash.
	buffer   map[uint32][]uint32
	buffered int
	// flushAt is the entries the buffer holds before it is written as a
	// run: flushEntries, fewer in tests.
	flushAt int
	runs    []*run // oldest first
	nextRun uint64
}

// run is one immutable sorted run of entries.
type run struct {
	path   string
	seq    uint64
	f      *os.File
	data   mmap.MMap
	n      int
	fences []uint32
}

// Open opens the store in dir, creating it if there is none, and replays
// its log.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("story bands: %w", err)
	}
	s := &Store{dir: dir, buffer: map[uint32][]uint32{}, flushAt: flushEntries}
	if err := s.open(); err != nil {
		s.Close()
		return nil, fmt.Errorf("story bands %s: %w", dir, err)
	}
	return s, nil
}

func (s *Store) open() error {
	names, err := os.ReadDir(s.dir)
	if err != nil {
		return err
	}
	for _, e := range names {
		name := e.Name()
		switch {
		case strings.HasSuffix(name, tmpSuffix):
			// A run or merge interrupted before its rename.
			if err := os.Remove(filepath.Join(s.dir, name)); err != nil {
				return err
			}
		case strings.HasPrefix(name, runPrefix):
			seq, err := strconv.ParseUint(strings.TrimPrefix(name, runPrefix), 16, 64)
			if err != nil {
				return fmt.Errorf("unexpected file %s", name)
			}
			r, err := openRun(filepath.Join(s.dir, name), seq)
			if err != nil {
				return err
			}
			s.runs = append(s.runs, r)
			s.nextRun = max(s.nextRun, seq+1)
		}
	}
	sort.Slice(s.runs, func(i, j int) bool { return s.runs[i].seq < s.runs[j].seq })
	if s.ids, err = os.OpenFile(filepath.Join(s.dir, idsFile), os.O_RDWR|os.O_CREATE, 0o644); err != nil {
		return err
	}
	if s.idsSize, err = s.ids.Seek(0, io.SeekEnd); err != nil {
		return err
	}
	if s.log, err = os.OpenFile(filepath.Join(s.dir, logFile), os.O_RDWR|os.O_CREATE, 0o644); err != nil {
		return err
	}
	return s.replay()
}

// replay reads the log back into the buffer; a torn last entry (a crash
// in the middle of a write) is cut off.
func (s *Store) replay() error {
	if _, err := s.log.Seek(0, io.SeekStart); err != nil {
		return err
	}
	r := bufio.NewReaderSize(s.log, 1<<16)
	var e [entrySize]byte
	var good int64
	for {
		if _, err := io.ReadFull(r, e[:]); err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				break
			}
			return fmt.Errorf("read the log: %w", err)
		}
		good += entrySize
		s.bufferEntry(binary.LittleEndian.Uint32(e[:4]), binary.LittleEndian.Uint32(e[4:]))
	}
	if err := s.log.Truncate(good); err != nil {
		return err
	}
	_, err := s.log.Seek(good, io.SeekStart)
	return err
}

func (s *Store) bufferEntry(hash, ref uint32) {
	s.buffer[hash] = append(s.buffer[hash], ref)
	s.buffered++
}

// Article is what Add keeps of an article: its ID and its band hashes.
type Article struct {
	ID     string
	Hashes []uint32
}

// Add keeps the band hashes of the articles. Call it before the articles
// are written to the index: an entry naming an article the index does not
// hold costs a look-up nothing but a miss.
func (s *Store) Add(articles []Article) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ids == nil {
		return errors.New("story bands: the store is closed")
	}
	var ids, entries []byte
	refs := make([]uint32, len(articles))
	for i, a := range articles {
		if a.ID == "" || len(a.ID) > maxIDLen {
			return fmt.Errorf("story bands: an article ID of %d bytes", len(a.ID))
		}
		off := s.idsSize + int64(len(ids))
		if off > math.MaxUint32 {
			return errors.New("story bands: the IDs file is full (4 GiB)")
		}
		refs[i] = uint32(off)
		ids = binary.AppendUvarint(ids, uint64(len(a.ID)))
		ids = append(ids, a.ID...)
		for _, h := range a.Hashes {
			entries = binary.LittleEndian.AppendUint32(entries, h)
			entries = binary.LittleEndian.AppendUint32(entries, refs[i])
		}
	}
	// The IDs before the entries that name them.
	if _, err := s.ids.WriteAt(ids, s.idsSize); err != nil {
		return fmt.Errorf("story bands: write IDs: %w", err)
	}
	s.idsSize += int64(len(ids))
	if _, err := s.log.Write(entries); err != nil {
		return fmt.Errorf("story bands: write the log: %w", err)
	}
	for i, a := range articles {
		for _, h := range a.Hashes {
			s.bufferEntry(h, refs[i])
		}
	}
	if s.buffered >= s.flushAt {
		if err := s.flush(); err != nil {
			return fmt.Errorf("story bands: %w", err)
		}
	}
	return nil
}

// Lookup returns the IDs of the articles added with any of the hashes,
// each once: for each hash at most MaxPerBand of them, the most recently
// added first, and at most limit in all (0: no limit).
func (s *Store) Lookup(hashes []uint32, limit int) ([]string, error) {
	hs := slices.Clone(hashes)
	slices.Sort(hs)
	hs = slices.Compact(hs)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ids == nil {
		return nil, errors.New("story bands: the store is closed")
	}
	seen := map[uint32]bool{}
	var refs []uint32
	var newest []uint32
	for _, h := range hs {
		if limit > 0 && len(refs) >= limit {
			break
		}
		// The newest MaxPerBand of each source (the buffer, each run),
		// then of them all: IDs are appended, so the largest offsets
		// are the articles added last, in whichever run they are.
		newest = newest[:0]
		buf := s.buffer[h]
		for i := len(buf) - 1; i >= 0 && len(buf)-i <= MaxPerBand; i-- {
			newest = append(newest, buf[i])
		}
		for _, r := range s.runs {
			n := 0
			_, err := r.each(h, func(ref uint32) bool {
				newest = append(newest, ref)
				n++
				return n < MaxPerBand
			})
			if err != nil {
				return nil, fmt.Errorf("story bands: %w", err)
			}
		}
		slices.Sort(newest)
		newest = slices.Compact(newest)
		for i, taken := len(newest)-1, 0; i >= 0 && taken < MaxPerBand && (limit <= 0 || len(refs) < limit); i, taken = i-1, taken+1 {
			if ref := newest[i]; !seen[ref] {
				seen[ref] = true
				refs = append(refs, ref)
			}
		}
	}
	out := make([]string, 0, len(refs))
	found := make(map[string]bool, len(refs))
	for _, ref := range refs {
		id, err := s.readID(ref)
		if err != nil {
			return nil, fmt.Errorf("story bands: %w", err)
		}
		// An article added again (updated) has entries under each of
		// its offsets.
		if id != "" && !found[id] {
			found[id] = true
			out = append(out, id)
		}
	}
	return out, nil
}

// readID reads the ID at offset ref of the IDs file; "" when ref is past
// what the file holds (an entry logged for IDs a crash lost) or does not
// point at an ID.
func (s *Store) readID(ref uint32) (string, error) {
	if int64(ref) >= s.idsSize {
		return "", nil
	}
	var buf [binary.MaxVarintLen64 + 64]byte
	n, err := s.ids.ReadAt(buf[:], int64(ref))
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read an ID: %w", err)
	}
	size, k := binary.Uvarint(buf[:n])
	if k <= 0 || size == 0 || size > maxIDLen || int64(ref)+int64(k)+int64(size) > s.idsSize {
		// Not an ID where the entry points (the files damaged on disk):
		// the entry names no article, and the articles it would have
		// brought start stories of their own.
		return "", nil
	}
	if k+int(size) <= n {
		return string(buf[k : k+int(size)]), nil
	}
	id := make([]byte, size)
	if _, err := s.ids.ReadAt(id, int64(ref)+int64(k)); err != nil {
		return "", fmt.Errorf("read an ID: %w", err)
	}
	return string(id), nil
}

// flush writes the buffer as a run, empties the log, and merges runs.
func (s *Store) flush() error {
	if s.buffered == 0 {
		return nil
	}
	entries := make([]uint64, 0, s.buffered)
	for h, refs := range s.buffer {
		for _, r := range refs {
			entries = append(entries, uint64(h)<<32|uint64(r))
		}
	}
	slices.Sort(entries)
	entries = slices.Compact(entries)
	r, err := s.writeRun(func(w *bufio.Writer) error {
		var e [entrySize]byte
		for _, x := range entries {
			putEntry(e[:], x)
			if _, err := w.Write(e[:]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.runs = append(s.runs, r)
	// The run is durable: what the log held is in it.
	if err := s.log.Truncate(0); err != nil {
		return err
	}
	if _, err := s.log.Seek(0, io.SeekStart); err != nil {
		return err
	}
	s.buffer, s.buffered = map[uint32][]uint32{}, 0
	for len(s.runs) >= 2 {
		older, newer := s.runs[len(s.runs)-2], s.runs[len(s.runs)-1]
		if older.n > 2*newer.n {
			break
		}
		merged, err := s.merge(older, newer)
		if err != nil {
			return err
		}
		s.runs = append(s.runs[:len(s.runs)-2], merged)
	}
	return nil
}

// merge writes the entries of two runs as one, and removes them.
func (s *Store) merge(a, b *run) (*run, error) {
	merged, err := s.writeRun(func(w *bufio.Writer) error {
		i, j := 0, 0
		var last uint64
		first := true
		var e [entrySize]byte
		for i < a.n || j < b.n {
			var x uint64
			switch {
			case j >= b.n || i < a.n && a.entry(i) <= b.entry(j):
				x = a.entry(i)
				i++
			default:
				x = b.entry(j)
				j++
			}
			if !first && x == last {
				continue // an entry both hold (a merge interrupted after its rename)
			}
			first, last = false, x
			putEntry(e[:], x)
			if _, err := w.Write(e[:]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, r := range []*run{a, b} {
		if err := r.close(); err != nil {
			return nil, err
		}
		if err := os.Remove(r.path); err != nil {
			return nil, err
		}
	}
	return merged, nil
}

// writeRun writes a new run through a temporary file, synced and renamed.
func (s *Store) writeRun(write func(*bufio.Writer) error) (*run, error) {
	seq := s.nextRun
	s.nextRun++
	path := filepath.Join(s.dir, fmt.Sprintf("%s%016x", runPrefix, seq))
	tmp := path + tmpSuffix
	f, err := os.Create(tmp)
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err == nil {
		err = syncDir(s.dir)
	}
	if err != nil {
		os.Remove(tmp)
		return nil, fmt.Errorf("write a run: %w", err)
	}
	return openRun(path, seq)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func putEntry(b []byte, x uint64) {
	binary.LittleEndian.PutUint32(b[:4], uint32(x>>32))
	binary.LittleEndian.PutUint32(b[4:], uint32(x))
}

func openRun(path string, seq uint64) (*run, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if st.Size()%entrySize != 0 {
		f.Close()
		return nil, fmt.Errorf("run %s is damaged: %d bytes", path, st.Size())
	}
	r := &run{path: path, seq: seq, f: f, n: int(st.Size() / entrySize)}
	if r.n > 0 {
		if r.data, err = mmap.Map(f, mmap.RDONLY, 0); err != nil {
			f.Close()
			return nil, fmt.Errorf("map run %s: %w", path, err)
		}
	}
	return r, nil
}

func (r *run) hash(i int) uint32 { return binary.LittleEndian.Uint32(r.data[i*entrySize:]) }

func (r *run) entry(i int) uint64 {
	return uint64(r.hash(i))<<32 | uint64(binary.LittleEndian.Uint32(r.data[i*entrySize+4:]))
}

// each calls take with the refs of the entries of hash h, the largest
// (most recently added) first, while take returns true; it returns
// whether take asked for more.
func (r *run) each(h uint32, take func(uint32) bool) (bool, error) {
	if r.fences == nil {
		if err := r.fence(); err != nil {
			return false, err
		}
	}
	// The entries of h lie before the first fence above h, from the
	// last fence below it.
	f := sort.Search(len(r.fences), func(i int) bool { return r.fences[i] > h })
	lo, hi := max(0, f-1)*fenceEvery, min(r.n, f*fenceEvery)
	// The last entry of h in [lo, hi), then back while it is h; a run of
	// equal hashes may reach back past lo into earlier blocks.
	end := lo + sort.Search(hi-lo, func(i int) bool { return r.hash(lo+i) > h })
	for i := end - 1; i >= 0 && r.hash(i) == h; i-- {
		if !take(binary.LittleEndian.Uint32(r.data[i*entrySize+4:])) {
			return false, nil
		}
	}
	return true, nil
}

// fence reads the run's fences, at its first look-up rather than when
// the store opens: a store read by searches only (never written) never
// reads its runs.
func (r *run) fence() error {
	r.fences = make([]uint32, 0, (r.n+fenceEvery-1)/fenceEvery)
	for i := 0; i < r.n; i += fenceEvery {
		if len(r.fences) > 0 && r.fences[len(r.fences)-1] > r.hash(i) {
			r.fences = nil
			return fmt.Errorf("run %s is damaged: entries out of order", r.path)
		}
		r.fences = append(r.fences, r.hash(i))
	}
	return nil
}

func (r *run) close() error {
	var err error
	if r.data != nil {
		err = r.data.Unmap()
		r.data = nil
	}
	if cerr := r.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Close syncs and closes the store.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for _, f := range []*os.File{s.ids, s.log} {
		if f != nil {
			errs = append(errs, f.Sync(), f.Close())
		}
	}
	s.ids, s.log = nil, nil
	for _, r := range s.runs {
		errs = append(errs, r.close())
	}
	s.runs = nil
	return errors.Join(errs...)
}
