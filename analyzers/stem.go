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

var (
	pronounSuffixes  = []string{"هما", "هم", "هن", "ها", "نا"}
	pronounSuffixes2 = []string{"كما", "كم", "كن"} // need 4 letters left
	pluralSuffixes   = []string{"ات", "ون", "ين"}
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
	mu    sync.Mutex // serializes writers
	words atomic.Pointer[map[string]struct{}]
}

// NewProtected returns a set holding words (see Add).
func NewProtected(words ...string) *Protected {
	p := &Protected{}
	m := map[string]struct{}{}
	p.words.Store(&m)
	p.Add(words...)
	return p
}

// Add normalizes each word and adds it both with and without the article
// ال, so الانبار protects انبار and بيروت protects البيروت. An entry of
// several words (أبو ظبي) protects each of its words.
func (p *Protected) Add(words ...string) {
	if len(words) == 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	old := p.load()
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
	p.words.Store(&m)
}

func (p *Protected) load() map[string]struct{} {
	if p == nil {
		return nil
	}
	if m := p.words.Load(); m != nil {
		return *m
	}
	return nil
}

// Contains reports whether word (normalized first) is protected.
func (p *Protected) Contains(word string) bool {
	_, ok := p.load()[Normalize(word)]
	return ok
}

// Len returns the number of stored forms (each word counts with and
// without ال).
func (p *Protected) Len() int { return len(p.load()) }

// Words returns the stored forms, sorted.
func (p *Protected) Words() []string {
	m := p.load()
	out := make([]string, 0, len(m))
	for w := range m {
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
func letters(b []byte) int { return utf8.RuneCount(b) }

// StemLight returns the light stem of term, one normalized Arabic word
// (see the package documentation for the rules). Words in protected (which
// may be nil) lose only their proclitics, and come out without ال.
func StemLight(term string, protected *Protected) string {
	return string(stemLight([]byte(term), protected.load()))
}

// stemLight stems w by re-slicing it; it never allocates.
func stemLight(w []byte, protected map[string]struct{}) []byte {
	pc := parseProclitics(w)
	if len(protected) > 0 {
		if p, ok := protectedForm(w, pc, protected); ok {
			return p
		}
	}
	if _, ok := keepWhole[string(w)]; ok {
		return w
	}
	stem := w
	if _, ok := keepInitial[string(w)]; !ok {
		stem = w[stripLength(w, pc):]
	}
	if _, ok := keepSuffix[string(stem)]; ok {
		return stem
	}
	return stripSuffixes(stem)
}

// protectedForm checks w and then w with ever more of its proclitics
// removed against the protected set; a hit is returned without ال.
func protectedForm(w []byte, pc proclitics, protected map[string]struct{}) ([]byte, bool) {
	cuts := [4]int{0, pc.conj, pc.conj + pc.prep, pc.total()}
	for i, cut := range cuts {
		if i > 0 && cut == cuts[i-1] {
			continue
		}
		rest := w[cut:]
		if letters(rest) < 2 {
			break
		}
		if _, ok := protected[string(rest)]; ok {
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
	n := letters(w)
	if pc.art > 0 {
		rest := n - letters(w[:pc.total()])
		min := 3
		if pc.conj == 0 && pc.prep == 0 {
			min = 2 // plain ال
		}
		if rest >= min {
			return pc.total()
		}
	}
	if pc.waw && n-1 >= 3 && !hasPrefix(w[pc.conj:], article) {
		return pc.conj
	}
	return 0
}

// stripSuffixes removes the suffix groups from stem (see the rules above).
func stripSuffixes(stem []byte) []byte {
	n := letters(stem)
	cut := func(suffixes []string, min int) bool {
		for _, s := range suffixes {
			if hasSuffix(stem, s) && n-utf8.RuneCountInString(s) >= min {
				stem = stem[:len(stem)-len(s)]
				n -= utf8.RuneCountInString(s)
				return true
			}
		}
		return false
	}
	if !cut(pronounSuffixes, 3) {
		cut(pronounSuffixes2, 4)
	}
	if !keepsPluralEnding(stem, n) {
		cut(pluralSuffixes, 3)
	}
	cut(suffixYehHeh, 3)
	cut(suffixHeh, 3)
	cut(suffixYeh, 3)
	return stem
}

var (
	suffixYehHeh = []string{"يه"}
	suffixHeh    = []string{"ه"}
	suffixYeh    = []string{"ي"}
)

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
