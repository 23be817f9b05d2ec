// Package synonyms reads, keeps and writes the synonyms a user declares
// for an index, in the format of Solr's and Elasticsearch's synonym
// files:
//
//	# a comment
//	بوتين, بوتن, putin        equivalent words: each finds the others
//	ترمب => ترامب             the word on the left is searched as the right
//	ترمب, ترامپ => ترامب      several words searched as one or more others
//
// Words are compared after the caller's normalization (the search engine
// passes the index's exact analyzer), so آ/أ/ا, ى/ي and diacritics do not
// matter. An entry is one line; its canonical text (words normalized,
// joined by ", " and " => ") names it in the API.
package synonyms

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// FileName is the synonyms file's name in an index directory.
const FileName = "synonyms.txt"

// Limits keep a hostile file or request from taking the memory.
const (
	MaxEntries      = 100000
	MaxWordsPerRule = 64
	MaxLineBytes    = 4096
)

// ErrInvalid marks an entry or file that cannot be read.
var ErrInvalid = errors.New("invalid synonyms")

// ErrNotFound marks an entry that is not in the set.
var ErrNotFound = errors.New("no such synonyms entry")

// Rule is one entry. An equivalence (a, b, c) has only Words; a mapping
// (a, b => c) has Words on the left and To on the right.
type Rule struct {
	Words []string `json:"words"`
	To    []string `json:"to,omitempty"`
}

// Mapping reports whether the rule replaces its words (a => b).
func (r Rule) Mapping() bool { return len(r.To) > 0 }

// String is the rule's canonical text.
func (r Rule) String() string {
	s := strings.Join(r.Words, ", ")
	if r.Mapping() {
		s += " => " + strings.Join(r.To, ", ")
	}
	return s
}

// Normalizer turns a word as written into the form it is compared in; it
// returns "" for a word that cannot be searched (a stop word, a mark).
type Normalizer func(string) string

// ParseRule reads one entry.
func ParseRule(line string, norm Normalizer) (Rule, error) {
	if !utf8.ValidString(line) {
		return Rule{}, fmt.Errorf("%w: not valid UTF-8", ErrInvalid)
	}
	if len(line) > MaxLineBytes {
		return Rule{}, fmt.Errorf("%w: an entry may have at most %d bytes", ErrInvalid, MaxLineBytes)
	}
	if strings.Contains(line, "#") {
		return Rule{}, fmt.Errorf("%w: %q: # begins a comment in the synonyms file", ErrInvalid, line)
	}
	left, right, mapping := strings.Cut(line, "=>")
	if mapping && strings.Contains(right, "=>") {
		return Rule{}, fmt.Errorf("%w: %q has more than one =>", ErrInvalid, line)
	}
	words, err := parseWords(left, norm)
	if err != nil {
		return Rule{}, err
	}
	r := Rule{Words: words}
	if mapping {
		if r.To, err = parseWords(right, norm); err != nil {
			return Rule{}, err
		}
		if len(r.Words) == 0 || len(r.To) == 0 {
			return Rule{}, fmt.Errorf("%w: %q needs words on both sides of =>", ErrInvalid, line)
		}
		return r, nil
	}
	if len(r.Words) < 2 {
		return Rule{}, fmt.Errorf("%w: %q needs at least two words separated by commas, or a =>", ErrInvalid, line)
	}
	return r, nil
}

// parseWords reads a comma-separated list of single words, normalized and
// without repeats.
func parseWords(s string, norm Normalizer) ([]string, error) {
	var out []string
	for _, raw := range strings.Split(s, ",") {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		if strings.ContainsFunc(raw, unicode.IsSpace) {
			return nil, fmt.Errorf("%w: %q: a synonym is one word (phrases are not supported)", ErrInvalid, raw)
		}
		w := raw
		if norm != nil {
			w = norm(raw)
		}
		if w == "" {
			return nil, fmt.Errorf("%w: %q is not a word that can be searched", ErrInvalid, raw)
		}
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	if len(out) > MaxWordsPerRule {
		return nil, fmt.Errorf("%w: an entry may have at most %d words on a side", ErrInvalid, MaxWordsPerRule)
	}
	return out, nil
}

// Parse reads a synonyms file: one entry a line, # comments and blank
// lines skipped. An error names the line.
func Parse(r io.Reader, norm Normalizer) ([]Rule, error) {
	var rules []Rule
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), MaxLineBytes+1)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		rule, err := ParseRule(line, norm)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if len(rules) == MaxEntries {
			return nil, fmt.Errorf("line %d: %w: more than %d entries", n, ErrInvalid, MaxEntries)
		}
		rules = append(rules, rule)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("line %d: %w: a line may have at most %d bytes", n+1, ErrInvalid, MaxLineBytes)
		}
		return nil, fmt.Errorf("reading synonyms: %w", err)
	}
	return rules, nil
}

// Set is the synonyms of an index, kept in a file. It is safe for
// concurrent use.
type Set struct {
	path string
	norm Normalizer

	mu    sync.RWMutex
	rules []Rule
	// of maps a word to the indexes of the rules it is on the left of.
	of map[string][]int
}

// Open reads the synonyms file at path; a missing file is an empty set
// (the file is written when an entry is added). An empty path keeps the
// set in memory only.
func Open(path string, norm Normalizer) (*Set, error) {
	s := &Set{path: path, norm: norm}
	if path == "" {
		s.index(nil)
		return s, nil
	}
	f, err := os.Open(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		s.index(nil)
		return s, nil
	case err != nil:
		return nil, fmt.Errorf("synonyms: %w", err)
	}
	defer f.Close()
	rules, err := Parse(f, norm)
	if err != nil {
		return nil, fmt.Errorf("synonyms %s: %w", path, err)
	}
	s.index(rules)
	return s, nil
}

func (s *Set) index(rules []Rule) {
	s.rules = rules
	s.of = map[string][]int{}
	for i, r := range rules {
		for _, w := range r.Words {
			s.of[w] = append(s.of[w], i)
		}
	}
}

// Path is the file the set is kept in.
func (s *Set) Path() string { return s.path }

// Rules returns the entries in the file's order.
func (s *Set) Rules() []Rule {
	if s == nil {
		return nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.rules)
}

// Lookup returns what a normalized word is searched as: the other words
// of its equivalences and, when a mapping names it, the words it maps to
// with replace true (the word itself is then not searched, unless it is
// among them). ok is false when no entry names the word.
func (s *Set) Lookup(word string) (alts []string, replace, ok bool) {
	if s == nil {
		return nil, false, false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	idx := s.of[word]
	if len(idx) == 0 {
		return nil, false, false
	}
	add := func(w string) {
		if w != word && !slices.Contains(alts, w) {
			alts = append(alts, w)
		}
	}
	for _, i := range idx {
		r := s.rules[i]
		if r.Mapping() {
			replace = replace || !slices.Contains(r.To, word)
			for _, w := range r.To {
				add(w)
			}
			continue
		}
		for _, w := range r.Words {
			add(w)
		}
	}
	return alts, replace, true
}

// Add parses an entry and appends it, writing the file. Adding an entry
// already there changes nothing and reports false.
func (s *Set) Add(line string) (Rule, bool, error) {
	rule, err := ParseRule(line, s.norm)
	if err != nil {
		return Rule{}, false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key := rule.String()
	for _, r := range s.rules {
		if r.String() == key {
			return r, false, nil
		}
	}
	if len(s.rules) >= MaxEntries {
		return Rule{}, false, fmt.Errorf("%w: the set has %d entries, the most it may have", ErrInvalid, MaxEntries)
	}
	rules := append(slices.Clone(s.rules), rule)
	if err := s.write(rules); err != nil {
		return Rule{}, false, err
	}
	s.index(rules)
	return rule, true, nil
}

// Remove deletes the entry written as line (in any spelling that
// normalizes to the same canonical text), writing the file.
func (s *Set) Remove(line string) (Rule, error) {
	rule, err := ParseRule(line, s.norm)
	if err != nil {
		return Rule{}, err
	}
	key := rule.String()
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.rules, func(r Rule) bool { return r.String() == key })
	if i < 0 {
		return Rule{}, fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	rules := slices.Delete(slices.Clone(s.rules), i, i+1)
	if err := s.write(rules); err != nil {
		return Rule{}, err
	}
	s.index(rules)
	return rule, nil
}

// write replaces the file by the rules, through a temporary file renamed
// over it so that a crash leaves the old file or the new one.
func (s *Set) write(rules []Rule) error {
	if s.path == "" {
		return nil
	}
	var buf bytes.Buffer
	buf.WriteString("# fahras synonyms: \"a, b, c\" are equivalent; \"a => b\" searches a as b.\n")
	for _, r := range rules {
		buf.WriteString(r.String())
		buf.WriteByte('\n')
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), ".synonyms-*")
	if err != nil {
		return fmt.Errorf("synonyms: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("synonyms: write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("synonyms: sync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("synonyms: close %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), s.path); err != nil {
		return fmt.Errorf("synonyms: %w", err)
	}
	return nil
}
