package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/fahras/fahras/index/storybands"
)

// metaFile is the name of the index's metadata file inside its directory.
const metaFile = "fahras.json"

// formatVersion is bumped when the mapping or the document layout changes
// in a way that old indexes cannot be read with. Format 1 kept every text
// field stored and an indexed date-time field; format 2 keeps one
// compressed record per article (FieldStored) and positions without
// offsets; format 3 adds each article's story (FieldStory and its
// signature's bands as terms); format 4 keeps the bands beside the
// index (storyBandsDir).
const formatVersion = 4

// storyBandsDir is the directory of the band store inside the index's.
const storyBandsDir = "story-bands"

// ErrNotExist is returned by Open when the directory holds no index.
var ErrNotExist = errors.New("no fahras index in this directory")

// Meta is the index's metadata, recorded at creation.
type Meta struct {
	Format  int       `json:"format"`
	Shards  int       `json:"shards"`
	Created time.Time `json:"created"`
	// ProtectedWords is how many gazetteer names the mapping protects
	// from stemming.
	ProtectedWords int `json:"protected_words"`
}

// Options configure creating an index.
type Options struct {
	// Shards is the number of bleve shards; 0 means the number of CPUs.
	Shards int
	// ProtectedWords are words the Arabic stemmer leaves whole
	// (gazetteer names); they are stored in the mapping.
	ProtectedWords []string
	// MemoryBudget bounds the size of the segments bleve merges, and so
	// the memory a load needs (see scorchConfig); 0 means
	// DefaultMemoryBudget. It applies while the index is open.
	MemoryBudget int64
}

// Index is an open fahras index: N bleve shards behind one alias.
type Index struct {
	dir     string
	meta    Meta
	shards  []bleve.Index
	alias   bleve.IndexAlias
	mapping mapping.IndexMapping

	lastUpdate atomic.Int64 // unix nanoseconds

	// writeMu serializes writers per shard, so that the existence and
	// duplicate checks of one batch see the batches before it.
	writeMu []sync.Mutex
	// bodies maps the body hashes of the documents being written to the
	// first ID, so that duplicates among batches not yet persisted are
	// found; persisted ones are found in the index.
	bodies sync.Map

	// stories follows the story assignments of the writes in flight
	// (see stories.go); bands keeps the bands of the articles written.
	stories *storyWrites
	bands   *storybands.Store

	// facets caches each segment's facet values for FacetCounts.
	facets *facetColumns
	// bounds caches each segment's term score bounds for TopRanked.
	bounds *termBounds
	// codec compresses the stored articles.
	codec *storeCodec
	// observer, when set, follows the documents written (SetObserver).
	observer Observer
}

// Create makes a new index in dir, which must not hold one already.
func Create(dir string, opts Options) (*Index, error) {
	if _, err := os.Stat(filepath.Join(dir, metaFile)); err == nil {
		return nil, fmt.Errorf("create index: %s already holds an index", dir)
	}
	n := opts.Shards
	if n <= 0 {
		n = runtime.NumCPU()
	}
	if n > 64 {
		return nil, fmt.Errorf("create index: %d shards is too many (at most 64)", n)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	m, err := NewMapping(opts.ProtectedWords)
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("create index: mapping: %w", err)
	}
	ix := &Index{
		dir:     dir,
		meta:    Meta{Format: formatVersion, Shards: n, Created: time.Now().UTC(), ProtectedWords: len(opts.ProtectedWords)},
		mapping: m,
	}
	for i := 0; i < n; i++ {
		s, err := bleve.NewUsing(ix.shardPath(i), m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, scorchConfig(opts.MemoryBudget))
		if err != nil {
			ix.closeShards()
			return nil, fmt.Errorf("create shard %d: %w", i, err)
		}
		ix.shards = append(ix.shards, s)
	}
	// The metadata file is written last: a directory without it is not
	// an index, so a creation interrupted half-way is never opened.
	if err := writeMeta(filepath.Join(dir, metaFile), ix.meta); err != nil {
		ix.closeShards()
		return nil, err
	}
	if err := ix.init(); err != nil {
		ix.closeShards()
		return nil, fmt.Errorf("create index: %w", err)
	}
	return ix, nil
}

// Open opens the index in dir.
func Open(dir string) (*Index, error) {
	return OpenWith(dir, Options{})
}

// OpenWith opens the index in dir with the run-time settings of opts
// (MemoryBudget); the others are fixed at creation.
func OpenWith(dir string, opts Options) (*Index, error) {
	raw, err := os.ReadFile(filepath.Join(dir, metaFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("open index %s: %w", dir, ErrNotExist)
	}
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	var meta Meta
	if err := json.Unmarshal(raw, &meta); err != nil {
		return nil, fmt.Errorf("open index %s: metadata: %w", dir, err)
	}
	if meta.Format != formatVersion {
		return nil, fmt.Errorf("open index %s: %w", dir, &FormatError{Dir: dir, Found: meta.Format})
	}
	if meta.Shards <= 0 || meta.Shards > 64 {
		return nil, fmt.Errorf("open index %s: metadata: bad shard count %d", dir, meta.Shards)
	}
	ix := &Index{dir: dir, meta: meta}
	for i := 0; i < meta.Shards; i++ {
		s, err := bleve.OpenUsing(ix.shardPath(i), scorchConfig(opts.MemoryBudget))
		if err != nil {
			ix.closeShards()
			return nil, fmt.Errorf("open shard %d of %s: %w", i, dir, err)
		}
		ix.shards = append(ix.shards, s)
	}
	ix.mapping = ix.shards[0].Mapping()
	if err := ix.init(); err != nil {
		ix.closeShards()
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	for i := range ix.shards {
		// Cache files only: what cannot be removed now is tried again at
		// the next opening.
		_ = removeStaleColumnFiles(filepath.Join(ix.shardPath(i), "store"))
	}
	return ix, nil
}

// OpenOrCreate opens the index in dir, creating it with opts when there is
// none.
func OpenOrCreate(dir string, opts Options) (*Index, bool, error) {
	ix, err := OpenWith(dir, opts)
	if err == nil {
		return ix, false, nil
	}
	if !errors.Is(err, ErrNotExist) {
		return nil, false, err
	}
	ix, err = Create(dir, opts)
	return ix, true, err
}

func (ix *Index) init() error {
	codec, err := newStoreCodec()
	if err != nil {
		return err
	}
	ix.codec = codec
	ix.facets = newFacetColumns()
	ix.bounds = newTermBounds()
	ix.alias = bleve.NewIndexAlias(ix.shards...)
	// The alias needs the mapping to know that scoring is BM25 and so
	// gather global statistics before each search.
	if withMapping, ok := ix.alias.(interface {
		SetIndexMapping(mapping.IndexMapping) error
	}); ok {
		_ = withMapping.SetIndexMapping(ix.mapping)
	}
	ix.writeMu = make([]sync.Mutex, len(ix.shards))
	ix.stories = newStoryWrites()
	// Opened after the shards, whose locks keep a second process out.
	bands, err := storybands.Open(filepath.Join(ix.dir, storyBandsDir))
	if err != nil {
		return err
	}
	ix.bands = bands
	ix.touch()
	return nil
}

func (ix *Index) shardPath(i int) string {
	return filepath.Join(ix.dir, fmt.Sprintf("shard-%03d", i))
}

func (ix *Index) closeShards() error {
	var errs []error
	for _, s := range ix.shards {
		if err := s.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Close closes every shard and the band store.
func (ix *Index) Close() error {
	err := ix.closeShards()
	if ix.bands != nil {
		err = errors.Join(err, ix.bands.Close())
	}
	return err
}

// Dir is the index directory.
func (ix *Index) Dir() string { return ix.dir }

// Meta returns the metadata recorded at creation.
func (ix *Index) Meta() Meta { return ix.meta }

// Mapping is the index mapping (the same for every shard).
func (ix *Index) Mapping() mapping.IndexMapping { return ix.mapping }

// Shards is the number of shards.
func (ix *Index) Shards() int { return len(ix.shards) }

// shardFor routes a document ID to its shard.
func (ix *Index) shardFor(id string) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(len(ix.shards)))
}

// Bleve returns the alias over all shards, for callers that need bleve's
// own interface (field dictionaries, for example).
func (ix *Index) Bleve() bleve.Index { return ix.alias }

// Count returns the number of documents.
func (ix *Index) Count() (uint64, error) {
	var total uint64
	for i, s := range ix.shards {
		n, err := s.DocCount()
		if err != nil {
			return 0, fmt.Errorf("count shard %d: %w", i, err)
		}
		total += n
	}
	return total, nil
}

// LastUpdate is when this process last wrote to the index (or opened it).
func (ix *Index) LastUpdate() time.Time {
	return time.Unix(0, ix.lastUpdate.Load()).UTC()
}

func (ix *Index) touch() { ix.lastUpdate.Store(time.Now().UnixNano()) }

// SizeBytes is the disk size of the index directory.
func (ix *Index) SizeBytes() (int64, error) {
	var total int64
	err := filepath.WalkDir(ix.dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // segments come and go while merging
			}
			return err
		}
		if d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				total += info.Size()
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("index size: %w", err)
	}
	return total, nil
}

// FieldTerms calls visit for each term of a keyword field with its
// document frequency, over all shards (terms summed), in term order per
// shard; a term present in several shards is visited once per shard.
func (ix *Index) FieldTerms(field, prefix string, visit func(term string, count uint64) bool) error {
	for i, s := range ix.shards {
		var dict bleveindex.FieldDict
		var err error
		if prefix != "" {
			dict, err = s.FieldDictPrefix(field, []byte(prefix))
		} else {
			dict, err = s.FieldDict(field)
		}
		if err != nil {
			return fmt.Errorf("terms of %s in shard %d: %w", field, i, err)
		}
		for {
			entry, err := dict.Next()
			if err != nil {
				dict.Close()
				return fmt.Errorf("terms of %s in shard %d: %w", field, i, err)
			}
			if entry == nil {
				break
			}
			if !visit(entry.Term, entry.Count) {
				dict.Close()
				return nil
			}
		}
		if err := dict.Close(); err != nil {
			return fmt.Errorf("terms of %s in shard %d: %w", field, i, err)
		}
	}
	return nil
}

func writeMeta(path string, meta Meta) error {
	raw, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return fmt.Errorf("write index metadata: %w", err)
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("write index metadata: %w", err)
	}
	if _, err := f.Write(append(raw, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("write index metadata: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write index metadata: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write index metadata: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write index metadata: %w", err)
	}
	return nil
}

// FuzzyTerms returns the terms of field within fuzziness edits of term
// (with document frequencies from DocFrequency).
func (ix *Index) FuzzyTerms(field, term string, fuzziness int) (map[string]uint64, error) {
	out := make(map[string]uint64)
	for i, s := range ix.shards {
		adv, err := s.Advanced()
		if err != nil {
			return nil, fmt.Errorf("fuzzy terms in shard %d: %w", i, err)
		}
		reader, err := adv.Reader()
		if err != nil {
			return nil, fmt.Errorf("fuzzy terms in shard %d: %w", i, err)
		}
		fuzzy, ok := reader.(bleveindex.IndexReaderFuzzy)
		if !ok {
			reader.Close()
			return nil, fmt.Errorf("fuzzy terms: shard %d does not support fuzzy dictionaries", i)
		}
		dict, err := fuzzy.FieldDictFuzzy(field, term, fuzziness, "")
		if err != nil {
			reader.Close()
			return nil, fmt.Errorf("fuzzy terms in shard %d: %w", i, err)
		}
		for {
			entry, err := dict.Next()
			if err != nil || entry == nil {
				break
			}
			out[entry.Term] = 0
		}
		dict.Close()
		reader.Close()
	}
	for term := range out {
		n, err := ix.DocFrequency(field, term)
		if err != nil {
			return nil, err
		}
		out[term] = n
	}
	return out, nil
}

// DocFrequency is the number of documents whose field holds term, over
// all shards.
func (ix *Index) DocFrequency(field, term string) (uint64, error) {
	var total uint64
	for i, s := range ix.shards {
		dict, err := s.FieldDictRange(field, []byte(term), []byte(term))
		if err != nil {
			return 0, fmt.Errorf("frequency of %q in shard %d: %w", term, i, err)
		}
		for {
			entry, err := dict.Next()
			if err != nil || entry == nil {
				break
			}
			if entry.Term == term {
				total += entry.Count
			}
		}
		dict.Close()
	}
	return total, nil
}
