package analyzers

import (
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// The light stemmer removes at most one run of proclitics and a few
// suffixes, by comparing bytes of the normalized word. Its rules, and why:
//
// Proclitics, tried longest first, one choice per word:
//   - a run ending in the article: ال, وال فال, بال كال, وبال فبال وكال
//     فكال, and لل ولل فلل (ل + ال with the alef dropped). Plain ال needs
//     2 letters left (الحج → حج); a longer run needs 3 (بالغة and والدة
//     keep their first letters).
//   - the conjunction و alone, when 3 letters remain, the rest does not
//     start with ال, and the word is not one of the common words whose
//     root begins with و (وزير، ولاية، وكالة، واحد …).
//   - the bare prepositions ب ل ك, the conjunction ف and the future
//     prefix س are NOT stripped by themselves: بيروت، لبنان، كتاب، فلسطين،
//     سوريا، سلام، سياسة، سيارة all begin with one of those letters. They
//     are stripped only when what remains is a protected word (لبغداد →
//     بغداد when بغداد is protected).
//
// Suffixes, each group at most once, in this order, and only when at
// least 3 letters remain (4 for the second-person pronouns):
//   - a pronoun: هما هم هن ها نا, and كما كم كن (4 letters must remain,
//     so محاكم and أماكن survive). ني is not stripped: it would cut the
//     nisba adjectives of names ending in ن (أردني، لبناني).
//   - a plural: ات ون ين. The dual ان is not stripped: far more nouns end
//     in ان as part of the word (إنسان، برلمان، طيران، ميدان، رمضان، إيران).
//     Verbal nouns of the pattern تفعيل from roots ending in ن keep ين
//     (تأمين، تعيين، تحسين) and participles of the pattern مفعول keep ون
//     (مخزون، مضمون، مسجون).
//   - then يه, ه and ي in turn (ية and ة are يه and ه after folding).
//   - a ت left bare by a pronoun is a ة when the vocabulary says so
//     (feminine.go): حكومتها, حكومته and حكومتي meet حكومة; بيتها stays بيت.
//
// A few frequent words whose endings only look like suffixes are kept whole
// (قانون، مليون، كانون، تشرين، كورونا …), and so are protected words.

// Byte strings of the letters and affixes the stemmer compares.
const (
	alef = "\u0627"
	lam  = "\u0644"
	waw  = "\u0648"
	feh  = "\u0641"
	beh  = "\u0628"
	kaf  = "\u0643"
	teh  = "\u062A"
	meem = "\u0645"
	noon = "\u0646"
	yeh  = "\u064A"

	article = alef + lam // ال
)

// keepWhole lists words the stemmer leaves entirely alone. Normalized at
// init.
var keepWhole = normalizedSet("الله", "اللهم", "لله")

// keepInitial lists words whose first letters look like proclitics but are
// part of the word; their suffixes are still stripped. Normalized at init.
var keepInitial = normalizedSet(
	"والد", "والدة", "والده", "والدي", "والدها", "والدته", "والدين", "والدان", "والديه", "والي", "والتر",
	"وزير", "وزيرة", "وزراء", "وزارة", "وزارات", "ولاية", "ولايات", "وكالة", "وكالات",
	"وثيقة", "وثائق", "وسيلة", "وسائل", "وظيفة", "وظائف", "وحدة", "وحدات", "واحد", "واحدة",
	"واقع", "واقعة", "وقائع", "وفاة", "وفيات", "وصول", "وجود", "ورقة", "أوراق", "وراء", "وسط",
	"وطن", "وطني", "وطنية", "وقت", "أوقات", "وفد", "وفود", "ولد", "أولاد", "وجه", "وجهة",
	"وضع", "أوضاع", "وعد", "وقف", "وقود", "وباء", "ودائع", "ودية", "وادي", "واشنطن",
	"ولادة", "وصية", "وقاية", "وكيل", "ولاء", "وئام", "وزن", "وعي", "وكر", "ولي", "والاس",
)

// keepSuffix lists stems whose endings look like suffixes but are part of
// the word. Normalized at init.
var keepSuffix = normalizedSet(
	"قانون", "مليون", "كانون", "زيتون", "ليمون", "تلفزيون", "صالون", "فرعون", "طاعون",
	"صابون", "كربون", "ماراثون", "هارون", "شمعون", "افلاطون", "عربون",
	"تشرين", "فلسطين", "بنيامين", "ياسين", "حنين", "بحرين", "امين", "ثمين",
	"كورونا", "فيينا", "اثينا", "سينا", "غينيا",
	"حياة",
)

// Flags of a word in the lexicon.
const (
	flagStop       uint8 = 1 << iota // an Arabic stop word
	flagWhole                        // never stemmed
	flagInitial                      // first letters are not proclitics
	flagKeepSuffix                   // last letters are not suffixes
)

// lexicon merges the word lists above so that the analyzer needs at most
// one map lookup per word, and a bit filter skips the lookup for most
// words.
var lexicon = buildLexicon()

type lexiconSet struct {
	flags  map[string]uint8
	filter bitFilter
}

func buildLexicon() lexiconSet {
	lx := lexiconSet{flags: map[string]uint8{}, filter: newBitFilter(13)}
	for set, flag := range map[*map[string]struct{}]uint8{
		&arabicStopWords: flagStop, &keepWhole: flagWhole, &keepInitial: flagInitial, &keepSuffix: flagKeepSuffix,
	} {
		for w := range *set {
			lx.flags[w] |= flag
			lx.filter.add([]byte(w))
		}
	}
	return lx
}

// lookup returns the flags of w (0 for most words).
func (lx *lexiconSet) lookup(w []byte) uint8 {
	if !lx.filter.mayHave(w) {
		return 0
	}
	return lx.flags[string(w)]
}

func normalizedSet(words ...string) map[string]struct{} {
	m := make(map[string]struct{}, len(words))
	for _, w := range words {
		m[Normalize(w)] = struct{}{}
	}
	return m
}

// Protected is a set of words the stemmer leaves whole (place names and
// other proper nouns), apart from leading proclitics. It is safe for
// concurrent use; Add may be called while analyzers read it.
type Protected struct {
	mu   sync.Mutex // serializes writers
	snap atomic.Pointer[protectedSet]
}

// protectedSet is an immutable snapshot of a Protected: the words and a
// bit filter over them, so that most words of a text are rejected without
// a map lookup.
type protectedSet struct {
	words  map[string]struct{}
	filter bitFilter
}

func newProtectedSet(words map[string]struct{}) *protectedSet {
	ps := &protectedSet{words: words, filter: newBitFilter(17)}
	for w := range words {
		ps.filter.add([]byte(w))
	}
	return ps
}

// has reports whether w is in the set.
func (ps *protectedSet) has(w []byte) bool {
	if ps == nil || len(ps.words) == 0 || !ps.filter.mayHave(w) {
		return false
	}
	_, ok := ps.words[string(w)]
	return ok
}

// bitFilter is a one-hash Bloom filter over words, keyed by a word's
// length and its first and last two bytes: computing the key costs the
// same for every word, and words that share all of those are rare.
type bitFilter struct {
	bits  []uint64
	shift uint
}

func newBitFilter(logBits uint) bitFilter {
	return bitFilter{bits: make([]uint64, 1<<logBits/64), shift: 32 - logBits}
}

func (f bitFilter) index(w []byte) uint32 {
	n := len(w)
	var x uint32
	if n >= 2 {
		x = uint32(w[0])<<8 ^ uint32(w[1]) ^ uint32(w[n-2])<<24 ^ uint32(w[n-1])<<16
	}
	x ^= uint32(n) * 0x85EBCA6B
	return (x * 0x9E3779B1) >> f.shift
}

func (f bitFilter) add(w []byte) {
	i := f.index(w)
	f.bits[i/64] |= 1 << (i % 64)
}

func (f bitFilter) mayHave(w []byte) bool {
	i := f.index(w)
	return f.bits[i/64]&(1<<(i%64)) != 0
}

// NewProtected returns a set holding words (see Add).
func NewProtected(words ...string) *Protected {
	p := &Protected{}
	p.Add(words...)
	return p
}

// Add normalizes each word and adds it both with and without the article
// ال, so الانبار protects انبار and بيروت protects البيروت. An entry of
// several words (أبو ظبي) protects each of its words. Words that are not
// Arabic are ignored.
func (p *Protected) Add(words ...string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	var old map[string]struct{}
	if ps := p.snap.Load(); ps != nil {
		old = ps.words
	}
	m := make(map[string]struct{}, len(old)+2*len(words))
	for w := range old {
		m[w] = struct{}{}
	}
	for _, entry := range words {
		for _, w := range strings.Fields(Normalize(entry)) {
			if !isArabicWord(w) {
				continue
			}
			m[w] = struct{}{}
			if bare, ok := cutArticle(w); ok {
				m[bare] = struct{}{}
			} else {
				m[article+w] = struct{}{}
			}
		}
	}
	p.snap.Store(newProtectedSet(m))
}

// load returns the current snapshot (nil for a nil or empty Protected).
func (p *Protected) load() *protectedSet {
	if p == nil {
		return nil
	}
	return p.snap.Load()
}

// Contains reports whether word (normalized first) is protected.
func (p *Protected) Contains(word string) bool {
	return p.load().has([]byte(Normalize(word)))
}

// Len returns the number of stored forms (each word counts with and
// without ال).
func (p *Protected) Len() int {
	if ps := p.load(); ps != nil {
		return len(ps.words)
	}
	return 0
}

// Words returns the stored forms, sorted.
func (p *Protected) Words() []string {
	ps := p.load()
	if ps == nil {
		return []string{}
	}
	out := make([]string, 0, len(ps.words))
	for w := range ps.words {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// isArabicWord reports whether w, a normalized word, is made of Arabic
// letters only.
func isArabicWord(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if cls, _ := lookup(r); cls != cArabic {
			return false
		}
	}
	return true
}

// cutArticle removes a leading ال when at least 2 letters remain.
func cutArticle(w string) (string, bool) {
	if strings.HasPrefix(w, article) && utf8.RuneCountInString(w) >= 4 {
		return w[len(article):], true
	}
	return w, false
}

// proclitics describes the structure of the leading clitics of a word:
// the byte length of each part (0 when absent).
type proclitics struct {
	conj int  // و or ف
	prep int  // ب ك ل
	art  int  // ال, or the ل of لل
	waw  bool // conj is و
}

func (pc proclitics) total() int { return pc.conj + pc.prep + pc.art }

// parseProclitics splits off the longest structurally possible run of
// proclitics, without judging whether stripping it is wise.
func parseProclitics(w []byte) proclitics {
	var pc proclitics
	rest := w
	if hasPrefix(rest, waw) || hasPrefix(rest, feh) {
		pc.conj = 2
		pc.waw = hasPrefix(rest, waw)
		rest = rest[2:]
	}
	if hasPrefix(rest, beh) || hasPrefix(rest, kaf) || hasPrefix(rest, lam) {
		if hasPrefix(rest, lam+lam) {
			// لل: the preposition ل and the article with its alef dropped.
			pc.prep, pc.art = 2, 2
			return pc
		}
		if !hasPrefix(rest, article) { // a word starting ال is the article, not ل
			pc.prep = 2
			rest = rest[2:]
		}
	}
	if hasPrefix(rest, article) {
		pc.art = len(article)
	}
	return pc
}

func hasPrefix(b []byte, p string) bool {
	return len(b) >= len(p) && string(b[:len(p)]) == p
}

func hasSuffix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[len(b)-len(s):]) == s
}

// letters counts the runes of a normalized word (Arabic letters of the
// main block are two bytes each).
func letters(b []byte) int {
	n := 0
	for _, c := range b {
		if c&0xC0 != 0x80 { // not a continuation byte
			n++
		}
	}
	return n
}

// StemLight returns the light stem of term, one normalized Arabic word
// (see the package documentation for the rules). Words in protected (which
// may be nil) lose only their proclitics, and come out without ال.
func StemLight(term string, protected *Protected) string {
	w := []byte(term)
	return string(stemLight(w, lexicon.lookup(w), protected.load()))
}

// stemLight stems w, whose lexicon flags are flags, by re-slicing it; it
// never allocates.
func stemLight(w []byte, flags uint8, protected *protectedSet) []byte {
	if len(w) < 4 { // one letter: nothing to strip
		return w
	}
	pc := parseProclitics(w)
	if protected != nil {
		if p, ok := protectedForm(w, pc, protected); ok {
			return p
		}
	}
	if flags&flagWhole != 0 {
		return w
	}
	stem := w
	if flags&flagInitial == 0 {
		if cut := stripLength(w, pc); cut > 0 {
			stem = w[cut:]
			flags = 0
			if endsLikeKeptWord(stem) {
				flags = lexicon.lookup(stem)
			}
		}
	}
	if flags&flagKeepSuffix != 0 {
		return stem
	}
	return stripSuffixes(stem)
}

// endsLikeKeptWord is a cheap test that stem might be in keepSuffix: all
// of those end in ن, ا or ه.
func endsLikeKeptWord(stem []byte) bool {
	return hasSuffix(stem, noon) || hasSuffix(stem, alef) || hasSuffix(stem, "ه")
}

// protectedForm checks w and then w with ever more of its proclitics
// removed against the protected set; a hit is returned without ال.
func protectedForm(w []byte, pc proclitics, protected *protectedSet) ([]byte, bool) {
	cuts := [4]int{0, pc.conj, pc.conj + pc.prep, pc.total()}
	for i, cut := range cuts {
		if i > 0 && cut == cuts[i-1] {
			continue
		}
		rest := w[cut:]
		if len(rest) < 4 { // fewer than 2 letters
			break
		}
		if protected.has(rest) {
			if hasPrefix(rest, article) && letters(rest) >= 4 {
				rest = rest[len(article):]
			}
			return rest, true
		}
	}
	return nil, false
}

// stripLength decides how many leading bytes of w are proclitics to drop.
func stripLength(w []byte, pc proclitics) int {
	if pc.art > 0 {
		rest := letters(w[pc.total():])
		min := 3
		if pc.conj == 0 && pc.prep == 0 {
			min = 2 // plain ال
		}
		if rest >= min {
			return pc.total()
		}
	}
	if pc.waw && letters(w) >= 4 && !hasPrefix(w[pc.conj:], article) {
		return pc.conj
	}
	return 0
}

// stripSuffixes removes the suffix groups from stem (see the rules above).
// It compares the last letters as runes decoded straight from the bytes.
func stripSuffixes(stem []byte) []byte {
	n := letters(stem)
	l1, l2, l3 := lastLetters(stem)
	cut := func(k int) {
		stem = stem[:len(stem)-2*k]
		n -= k
		l1, l2, l3 = lastLetters(stem)
	}
	// A pronoun.
	before := n
	switch {
	case l1 == 'ا' && l2 == 'م' && l3 == 'ه' && n >= 6: // هما
		cut(3)
	case l2 == 'ه' && (l1 == 'م' || l1 == 'ن' || l1 == 'ا') && n >= 5: // هم هن ها
		cut(2)
	case l1 == 'ا' && l2 == 'ن' && n >= 5: // نا
		cut(2)
	case l1 == 'ا' && l2 == 'م' && l3 == 'ك' && n >= 7: // كما
		cut(3)
	case l2 == 'ك' && (l1 == 'م' || l1 == 'ن') && n >= 6: // كم كن
		cut(2)
	}
	if n < before && l1 == 'ت' {
		// A ة written ت before the pronoun just cut (حكومتها).
		if fem, ok := feminineStem(stem); ok {
			return fem
		}
	}
	// A plural.
	if n >= 5 && ((l1 == 'ت' && l2 == 'ا') || (l1 == 'ن' && (l2 == 'و' || l2 == 'ي'))) &&
		!keepsPluralEnding(stem, n) {
		cut(2)
	}
	// The nisba and feminine endings, in turn.
	if l1 == 'ه' && l2 == 'ي' && n >= 5 {
		cut(2)
	}
	if l1 == 'ه' && n >= 4 {
		cut(1)
		if fem, ok := feminineStem(stem); ok { // حكومته: the pronoun ه after a ة
			return fem
		}
	}
	if l1 == 'ي' && n >= 4 {
		cut(1)
		if fem, ok := feminineStem(stem); ok { // حكومتي
			return fem
		}
	}
	return stem
}

// lastLetters returns the last three letters of b, decoded from the end
// as two-byte letters of the Arabic block; 0 stands for anything else.
func lastLetters(b []byte) (l1, l2, l3 rune) {
	l1 = arabicAt(b, len(b)-2)
	if l1 == 0 {
		return 0, 0, 0
	}
	l2 = arabicAt(b, len(b)-4)
	if l2 == 0 {
		return l1, 0, 0
	}
	return l1, l2, arabicAt(b, len(b)-6)
}

// arabicAt decodes the two-byte letter of the Arabic block at b[i:i+2], or
// returns 0.
func arabicAt(b []byte, i int) rune {
	if i < 0 {
		return 0
	}
	c0, c1 := b[i], b[i+1]
	if c0 < 0xD8 || c0 > 0xDB || c1&0xC0 != 0x80 {
		return 0
	}
	return rune(c0&0x1F)<<6 | rune(c1&0x3F)
}

// keepsPluralEnding reports whether a five-letter stem ends in ين or ون as
// part of its pattern: تفعيل from a root ending in ن (تأمين، تعيين) or
// مفعول from one (مخزون، مضمون).
func keepsPluralEnding(stem []byte, n int) bool {
	if n != 5 || len(stem) != 10 || !hasSuffix(stem, noon) {
		return false
	}
	fourth := string(stem[6:8])
	return (hasPrefix(stem, teh) && fourth == yeh) || (hasPrefix(stem, meem) && fourth == waw)
}

// StripProclitics returns the candidate base forms of word, a normalized
// single word, after removing leading proclitics (و ف, then ب ك ل, then
// ال, in their combinations), longest remaining first and always starting
// with word itself. When the article was removed the form with ال comes
// before the bare form, and لل gives both ال… and the bare form:
// بالعراق → [بالعراق العراق عراق], وللمدينه → [وللمدينه للمدينه المدينه مدينه].
// Every candidate keeps at least 2 letters. It is meant for matching names
// (gazetteers), where an extra candidate costs nothing.
func StripProclitics(word string) []string {
	w := []byte(word)
	out := []string{word}
	add := func(s string) {
		if utf8.RuneCountInString(s) < 2 {
			return
		}
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	pc := parseProclitics(w)
	if pc.conj > 0 {
		add(string(w[pc.conj:]))
	}
	if pc.prep > 0 {
		rest := w[pc.conj+pc.prep:]
		if pc.art == 2 { // لل…: restore the alef of the article
			add(article + string(rest[2:]))
		} else {
			add(string(rest))
		}
	}
	if pc.art > 0 {
		rest := w[pc.total():]
		if pc.art == len(article) {
			add(article + string(rest))
		}
		add(string(rest))
	}
	return out
}
