package storybands

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// hashesOf gives article i of a test the hashes 1000·i … 1000·i+3 and,
// when shared, the hash 7 that every shared article holds.
func hashesOf(i int, shared bool) []uint32 {
	hs := []uint32{uint32(1000 * i), uint32(1000*i + 1), uint32(1000*i + 2), uint32(1000*i + 3)}
	if shared {
		hs = append(hs, 7)
	}
	return hs
}

func openStore(t *testing.T, dir string, flushAt int) *Store {
	t.Helper()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if flushAt > 0 {
		s.flushAt = flushAt
	}
	return s
}

func lookup(t *testing.T, s *Store, limit int, hs ...uint32) []string {
	t.Helper()
	ids, err := s.Lookup(hs, limit)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// TestLookupAcrossBufferRunsAndRestarts adds articles in batches that
// flush runs and merge them, and finds every one by any of its hashes,
// before and after the store is closed and opened again.
func TestLookupAcrossBufferRunsAndRestarts(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir, 40) // a run every ten articles of four hashes
	const n = 250
	for i := 0; i < n; i += 5 {
		var batch []Article
		for k := i; k < i+5; k++ {
			batch = append(batch, Article{ID: fmt.Sprintf("article-%03d", k), Hashes: hashesOf(k, false)})
		}
		if err := s.Add(batch); err != nil {
			t.Fatal(err)
		}
	}
	check := func(s *Store) {
		t.Helper()
		for i := 0; i < n; i++ {
			want := []string{fmt.Sprintf("article-%03d", i)}
			if got := lookup(t, s, 0, uint32(1000*i+2)); !slices.Equal(got, want) {
				t.Fatalf("hash of article %d: found %v, want %v", i, got, want)
			}
		}
		if got := lookup(t, s, 0, 5, 999, 1000*n); len(got) != 0 {
			t.Errorf("hashes no article holds found %v", got)
		}
		got := lookup(t, s, 0, 1, 3000, 3001, 250003)
		if want := []string{"article-000", "article-003"}; !slices.Equal(got, want) {
			t.Errorf("several hashes found %v, want %v", got, want)
		}
	}
	check(s)
	if len(s.runs) > 5 {
		t.Errorf("%d runs for %d entries flushed %d at a time: the runs are not merged", len(s.runs), 4*n, 40)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openStore(t, dir, 40)
	defer s.Close()
	check(s)
}

// TestLookupPrefersTheNewestAndStopsAtTheLimits: a hash that many
// articles share brings at most MaxPerBand of them, the newest first,
// and a look-up at most its limit.
func TestLookupPrefersTheNewestAndStopsAtTheLimits(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir, 100)
	const n = 3 * MaxPerBand
	for i := 0; i < n; i++ {
		if err := s.Add([]Article{{ID: fmt.Sprintf("a%03d", i), Hashes: hashesOf(i, true)}}); err != nil {
			t.Fatal(err)
		}
	}
	newestFirst := func(s *Store) {
		t.Helper()
		got := lookup(t, s, 0, 7)
		if len(got) != MaxPerBand {
			t.Fatalf("the shared hash found %d articles, want %d", len(got), MaxPerBand)
		}
		for k, id := range got {
			if want := fmt.Sprintf("a%03d", n-1-k); id != want {
				t.Fatalf("article %d found is %s, want %s (newest first)", k, id, want)
			}
		}
	}
	newestFirst(s)
	// And again from the files alone.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openStore(t, dir, 100)
	defer s.Close()
	newestFirst(s)
	if got := lookup(t, s, 10, 7, 1000); len(got) != 10 {
		t.Errorf("a look-up limited to 10 found %d", len(got))
	}
	// An article added again (updated) is found once.
	if err := s.Add([]Article{{ID: "a000", Hashes: hashesOf(0, false)}}); err != nil {
		t.Fatal(err)
	}
	if got := lookup(t, s, 0, 0, 1, 2); !slices.Equal(got, []string{"a000"}) {
		t.Errorf("an article added twice found as %v, want once", got)
	}
}

// TestCrashLeavesNothingLost: a log cut in the middle of an entry, a run
// left half-written and IDs the log names but the IDs file lost are all
// survived; what was added before is found.
func TestCrashLeavesNothingLost(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir, 1<<20) // nothing flushed: all in the log
	for i := 0; i < 20; i++ {
		if err := s.Add([]Article{{ID: fmt.Sprintf("id-%d", i), Hashes: hashesOf(i, false)}}); err != nil {
			t.Fatal(err)
		}
	}
	idsSize := s.idsSize
	// A crash: the files as they are, not closed.
	s.ids.Close()
	s.log.Close()
	log := filepath.Join(dir, logFile)
	f, err := os.OpenFile(log, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	// A torn entry, and an entry naming an ID past the IDs file's end.
	torn := []byte{9, 9, 0, 0, 0xff, 0xff, 0, 0, 1, 2, 3}
	if _, err := f.Write(torn); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.WriteFile(filepath.Join(dir, runPrefix+"00000000000000ff"+tmpSuffix), []byte("half a run"), 0o644); err != nil {
		t.Fatal(err)
	}
	s = openStore(t, dir, 0)
	defer s.Close()
	if s.idsSize != idsSize {
		t.Errorf("IDs file is %d bytes, want %d", s.idsSize, idsSize)
	}
	for i := 0; i < 20; i++ {
		if got := lookup(t, s, 0, uint32(1000*i)); len(got) != 1 || got[0] != fmt.Sprintf("id-%d", i) {
			t.Fatalf("article %d found as %v after the crash", i, got)
		}
	}
	if got := lookup(t, s, 0, 0x909); len(got) != 0 {
		t.Errorf("the entry naming a lost ID found %v", got)
	}
	if _, err := os.Stat(filepath.Join(dir, runPrefix+"00000000000000ff"+tmpSuffix)); !os.IsNotExist(err) {
		t.Errorf("the half-written run is still there: %v", err)
	}
}

// TestDamagedFilesAreRefused: a run whose size is not whole entries or
// whose entries are out of order, or an ID too long, is an error, not a
// wrong answer.
func TestDamagedFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, runPrefix+"0000000000000001"), []byte("seven b"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("a run of 7 bytes opened: %v", err)
	}
	// A run whose blocks are out of order is refused at its first
	// look-up.
	dir = t.TempDir()
	var unsorted []byte
	for _, h := range []uint32{10, 1} {
		for i := 0; i < fenceEvery; i++ {
			var e [entrySize]byte
			putEntry(e[:], uint64(h)<<32)
			unsorted = append(unsorted, e[:]...)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, runPrefix+"0000000000000001"), unsorted, 0o644); err != nil {
		t.Fatal(err)
	}
	bad, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bad.Lookup([]uint32{10}, 0); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("a run out of order was searched: %v", err)
	}
	bad.Close()

	s := openStore(t, t.TempDir(), 0)
	defer s.Close()
	if err := s.Add([]Article{{ID: strings.Repeat("x", maxIDLen+1), Hashes: []uint32{1}}}); err == nil {
		t.Error("an ID longer than the limit was kept")
	}
	if err := s.Add([]Article{{ID: "", Hashes: []uint32{1}}}); err == nil {
		t.Error("an empty ID was kept")
	}
}

// TestManyEqualHashesAcrossFences: entries of one hash that span several
// fence blocks of a run are all found.
func TestManyEqualHashesAcrossFences(t *testing.T) {
	s := openStore(t, t.TempDir(), 3*fenceEvery)
	defer s.Close()
	var batch []Article
	for i := 0; i < 3*fenceEvery; i++ {
		h := uint32(5)
		if i%3 == 0 {
			h = 4
		}
		batch = append(batch, Article{ID: fmt.Sprintf("x%04d", i), Hashes: []uint32{h}})
	}
	if err := s.Add(batch); err != nil {
		t.Fatal(err)
	}
	if len(s.runs) != 1 || s.buffered != 0 {
		t.Fatalf("%d runs and %d buffered entries, want the batch in one run", len(s.runs), s.buffered)
	}
	got := lookup(t, s, 0, 5)
	if len(got) != MaxPerBand || got[0] != fmt.Sprintf("x%04d", 3*fenceEvery-1) {
		t.Errorf("hash 5 found %d articles starting with %v", len(got), got[:1])
	}
	if got := lookup(t, s, 0, 4); len(got) != MaxPerBand || got[0] != fmt.Sprintf("x%04d", 3*fenceEvery-3) {
		t.Errorf("hash 4 found %d articles starting with %v", len(got), got[:1])
	}
}

// FuzzOpenDamagedFiles opens a store whose log and IDs file hold any
// bytes: it opens or fails with an error, and look-ups answer or fail
// with an error, never panic.
func FuzzOpenDamagedFiles(f *testing.F) {
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0, 0}, []byte{3, 'a', 'b', 'c'})
	f.Add([]byte{1, 0, 0, 0, 2, 0, 0, 0, 9}, []byte{0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Add([]byte{}, []byte{})
	f.Fuzz(func(t *testing.T, log, ids []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, logFile), log, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, idsFile), ids, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(dir)
		if err != nil {
			return
		}
		defer s.Close()
		var hs []uint32
		for i := 0; i+4 <= len(log); i += 8 {
			hs = append(hs, uint32(log[i])|uint32(log[i+1])<<8|uint32(log[i+2])<<16|uint32(log[i+3])<<24)
		}
		s.Lookup(hs, 0)
		if err := s.Add([]Article{{ID: "after", Hashes: []uint32{42}}}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Lookup([]uint32{42}, 0)
		if err != nil || !slices.Contains(got, "after") {
			t.Fatalf("an article added to a store opened on damaged files found as %v, %v", got, err)
		}
	})
}
