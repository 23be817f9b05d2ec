package watch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// journal is an append-only file of JSON lines, each synced to disk
// before Append returns. A crash may leave the last line cut short:
// Replay drops such a line, which was never acknowledged; a damaged line
// anywhere else is refused, so nothing is silently lost.
type journal struct {
	mu   sync.Mutex
	path string
	f    *os.File
}

// openJournal replays the file at path (if any) through visit, one line
// at a time, then opens it for appending.
func openJournal(path string, visit func(line []byte) error) (*journal, error) {
	if err := replay(path, visit); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		f.Close()
		return nil, err
	}
	return &journal{path: path, f: f}, nil
}

// replay reads the complete lines of the file and truncates a cut-short
// last one.
func replay(path string, visit func(line []byte) error) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	var good int64
	for n := 1; ; n++ {
		line, err := r.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			if len(line) > 0 {
				// Written but never synced whole: drop it.
				if err := f.Truncate(good); err != nil {
					return fmt.Errorf("%s: drop the cut-short last line: %w", path, err)
				}
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		good += int64(len(line))
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if err := visit(line); err != nil {
			return fmt.Errorf("%s: line %d: %w", path, n, err)
		}
	}
}

// Append writes the records, one line each, and syncs the file.
func (j *journal) Append(records ...any) error { return j.append(true, records) }

// AppendNoSync writes the records without waiting for the disk.
func (j *journal) AppendNoSync(records ...any) error { return j.append(false, records) }

func (j *journal) append(sync bool, records []any) error {
	var buf bytes.Buffer
	for _, rec := range records {
		b, err := json.Marshal(rec)
		if err != nil {
			return fmt.Errorf("encode a record of %s: %w", j.path, err)
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	return j.write(sync, buf.Bytes())
}

// AppendLines writes lines already encoded (each a JSON value ending in
// a newline) and syncs the file.
func (j *journal) AppendLines(lines []byte) error { return j.write(true, lines) }

func (j *journal) write(sync bool, data []byte) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return fmt.Errorf("append to %s: closed", j.path)
	}
	if _, err := j.f.Write(data); err != nil {
		return fmt.Errorf("append to %s: %w", j.path, err)
	}
	if !sync {
		return nil
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", j.path, err)
	}
	return nil
}

// Rewrite replaces the file's content with records (written to a new
// file, synced, then renamed over the old one): the log of a state
// replaces the log of its history.
func (j *journal) Rewrite(records []any) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	tmp := j.path + ".new"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("rewrite %s: %w", j.path, err)
	}
	w := bufio.NewWriter(f)
	for _, rec := range records {
		b, err := json.Marshal(rec)
		if err != nil {
			f.Close()
			return fmt.Errorf("rewrite %s: %w", j.path, err)
		}
		w.Write(b)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("rewrite %s: %w", j.path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("rewrite %s: %w", j.path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("rewrite %s: %w", j.path, err)
	}
	if err := os.Rename(tmp, j.path); err != nil {
		return fmt.Errorf("rewrite %s: %w", j.path, err)
	}
	if err := syncDir(filepath.Dir(j.path)); err != nil {
		return err
	}
	old := j.f
	if j.f, err = os.OpenFile(j.path, os.O_WRONLY|os.O_APPEND, 0o644); err != nil {
		return fmt.Errorf("reopen %s: %w", j.path, err)
	}
	if old != nil {
		old.Close()
	}
	return nil
}

func (j *journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return nil
	}
	err := j.f.Close()
	j.f = nil
	return err
}

// syncDir makes a directory's entries (a new or renamed file) durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
