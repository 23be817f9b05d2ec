// Package story finds the articles that tell one story: the versions of
// one report that outlets copy, edit, update or rewrite from one wire.
//
// An article's signature is a MinHash of the word shingles of the start of
// its normalized text (where the versions of a report agree, and before
// the related-article teasers and boilerplate some outlets append). The
// signature's rows are grouped into bands; two articles that agree on a
// whole band are candidates (locality-sensitive hashing), and a candidate
// joins the story when the two signatures estimate the shingles' Jaccard
// similarity at or above Threshold. An index keeps each article's bands
// as terms, so that a new article finds its candidates by a term query,
// incrementally, as articles arrive.
package story

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/fahras/fahras/analyzers"
)

// The parameters of the signatures, chosen on hand-labeled ANT pairs
// (see story_test.go and testdata/ant_pairs.tsv).
const (
	// ShingleWords is the number of words of a shingle.
	ShingleWords = 3
	// LeadWords is how many words from the start of the text are
	// shingled.
	LeadWords = 120
	// Hashes is the number of MinHash functions; the first Bands × Rows
	// of them are grouped into bands of Rows.
	Hashes = 64
	Bands  = 32
	Rows   = 2
	// Threshold is the estimated Jaccard similarity at and above which
	// two articles are one story.
	Threshold = 0.22
	// MinShingles is the fewest shingles a text needs to be compared:
	// shorter texts (a caption, a title alone) are their own story.
	MinShingles = 8
)

// The bands take their rows from the hashes.
var _ [Hashes - Bands*Rows]struct{}

// leadBytes is how many bytes a word of the lead may take on average
// before the text is cut: Arabic news words take 10–13 with their space
// and punctuation (a lead of long Latin-script words may come out
// shorter, the same way for every version). Over the ANT corpus the cut
// changes no signature.
const leadBytes = 16

// Signature is the MinHash of an article's lead shingles.
type Signature struct {
	Mins [Hashes]uint32
	// Shingles is the number of distinct shingles hashed (0: the text
	// was too short to have any).
	Shingles int
}

// exact normalizes and tokenizes as the index's exact fields do, without
// stemming: versions of a report differ in spelling variants and clitics
// rarely, and stems would make unrelated sentences look alike.
var exact = analyzers.New(analyzers.Exact, nil)

// Sign computes the signature of a text.
func Sign(text string) Signature { return sign(text, ShingleWords, LeadWords) }

// sign computes a signature with shingles of k words over the first lead
// words of text.
func sign(text string, k, lead int) Signature {
	var sig Signature
	for i := range sig.Mins {
		sig.Mins[i] = ^uint32(0)
	}
	// Only the lead is shingled: the text is cut well past it (at a
	// space) before it is tokenized.
	if limit := leadBytes * lead; len(text) > limit {
		cut := strings.LastIndexByte(text[:limit], ' ')
		if cut <= 0 {
			cut = limit
		}
		text = text[:cut]
	}
	toks := exact.Analyze([]byte(text))
	if len(toks) > lead {
		toks = toks[:lead]
	}
	if len(toks) < k {
		return sig
	}
	seen := make(map[uint64]struct{}, len(toks))
	words := make([]uint64, len(toks))
	for i := range toks {
		words[i] = hashBytes(toks[i].Term)
		if i < k-1 {
			continue
		}
		// The shingle's hash combines its words' hashes in order.
		var h uint64 = 0x9e3779b97f4a7c15
		for _, w := range words[i-k+1 : i+1] {
			h = mix(h ^ w)
		}
		if _, dup := seen[h]; dup {
			continue
		}
		seen[h] = struct{}{}
		for j := range sig.Mins {
			if v := uint32(mix(h^seeds[j]) >> 32); v < sig.Mins[j] {
				sig.Mins[j] = v
			}
		}
	}
	sig.Shingles = len(seen)
	return sig
}

// Comparable reports whether the signature has enough shingles to be
// compared with others.
func (s *Signature) Comparable() bool { return s.Shingles >= MinShingles }

// Similarity estimates the Jaccard similarity of the two texts' lead
// shingles: the share of hash functions whose minima agree.
func Similarity(a, b *Signature) float64 {
	if !a.Comparable() || !b.Comparable() {
		return 0
	}
	same := 0
	for i := range a.Mins {
		if a.Mins[i] == b.Mins[i] {
			same++
		}
	}
	return float64(same) / Hashes
}

// Same reports whether two signatures are of one story.
func Same(a, b *Signature) bool { return Similarity(a, b) >= Threshold }

// Bands returns the signature's band terms: each band's index and a hash
// of its rows, as a short string. Two signatures share a band term when
// they agree on all rows of that band. A signature that is not
// comparable has none.
func (s *Signature) Bands() []string {
	hs := s.bandHashes()
	if hs == nil {
		return nil
	}
	out := make([]string, Bands)
	for b, h := range hs {
		// The band's index, then 48 bits of the hash: chance
		// collisions between bands of unrelated texts are then rarer
		// than true agreements by many orders of magnitude.
		out[b] = strconv.FormatUint(uint64(b), 36) + ":" + strconv.FormatUint(h>>16, 36)
	}
	return out
}

// BandHashes returns 32 bits of the hash of each band (see Bands): what
// an index of bands keeps. Unrelated texts share one by chance about
// once in four billion pairs of bands, which costs a candidate compared
// for nothing. A signature that is not comparable has none.
func (s *Signature) BandHashes() []uint32 {
	hs := s.bandHashes()
	if hs == nil {
		return nil
	}
	out := make([]uint32, Bands)
	for b, h := range hs {
		out[b] = uint32(h >> 32)
	}
	return out
}

// bandHashes hashes each band's rows with its index.
func (s *Signature) bandHashes() []uint64 {
	if !s.Comparable() {
		return nil
	}
	out := make([]uint64, Bands)
	var buf [4 * Rows]byte
	for b := 0; b < Bands; b++ {
		for r := 0; r < Rows; r++ {
			binary.LittleEndian.PutUint32(buf[4*r:], s.Mins[b*Rows+r])
		}
		out[b] = mix(hashBytes(buf[:]) ^ uint64(b))
	}
	return out
}

// encodedLen is the size of an encoded signature.
const encodedLen = 1 + 4 + 4*Hashes

// encodingVersion is the first byte of an encoded signature.
const encodingVersion = 1

// Encode returns the signature as a compact binary string, to be stored
// beside the article.
func (s *Signature) Encode() string {
	buf := make([]byte, encodedLen)
	buf[0] = encodingVersion
	binary.LittleEndian.PutUint32(buf[1:], uint32(min(s.Shingles, math.MaxUint32)))
	for i, m := range s.Mins {
		binary.LittleEndian.PutUint32(buf[5+4*i:], m)
	}
	return string(buf)
}

// ErrBadSignature is returned by Decode for what Encode did not write.
var ErrBadSignature = errors.New("not an encoded story signature")

// Decode reads a signature written by Encode.
func Decode(s string) (Signature, error) {
	var sig Signature
	if len(s) != encodedLen {
		return sig, fmt.Errorf("%w: %d bytes, want %d", ErrBadSignature, len(s), encodedLen)
	}
	if s[0] != encodingVersion {
		return sig, fmt.Errorf("%w: version %d", ErrBadSignature, s[0])
	}
	b := []byte(s)
	sig.Shingles = int(binary.LittleEndian.Uint32(b[1:]))
	for i := range sig.Mins {
		sig.Mins[i] = binary.LittleEndian.Uint32(b[5+4*i:])
	}
	return sig, nil
}

// NewID names the story an article starts: a hash of its ID and of the
// text it was signed from, so that an article rewritten into another
// story starts a new one rather than taking back the old one's name.
func NewID(articleID, textHash string) string {
	h := sha256.Sum256([]byte("story\x00" + articleID + "\x00" + textHash))
	return hex.EncodeToString(h[:8])
}

// ValidID reports whether s has the form of a story ID: 16 lower-case
// hexadecimal digits.
func ValidID(s string) bool {
	if len(s) != 16 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// seeds are the MinHash functions: each hashes a shingle's hash xor its
// seed.
var seeds = func() (out [Hashes]uint64) {
	x := uint64(0x5eed5eed5eed5eed)
	for i := range out {
		x += 0x9e3779b97f4a7c15
		out[i] = mix(x)
	}
	return out
}()

// mix is the SplitMix64 finalizer: a fast bijection whose output bits
// each depend on every input bit.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// hashString is FNV-1a, 64 bits.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func hashBytes(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// SignArticle signs an article by its body, or by its title and body
// when the body alone is too short to compare.
func SignArticle(title, body string) Signature {
	sig := Sign(body)
	if !sig.Comparable() && title != "" {
		sig = Sign(title + "\n" + body)
	}
	return sig
}
