package analyzers

import (
	_ "embed"
	"strings"
)

// ة before a pronoun is written ت: حكومة, حكومتها; سياسة, سياستهم. Once
// the pronoun is stripped, the stem ends in ت and would not meet the word
// itself. Whether such a ت is a ة is decided by the vocabulary: a news
// corpus lists the words whose ة-form is used, occurs before pronouns and
// is more frequent than the same letters ending in a plain ت (قوة against
// قوت, but بيت, وقت and صوت are words of their own and stay).

//go:generate go run ./internal/genfeminine -corpus ../../shared/data/news/ant_v2_1_multisource.jsonl.gz -o feminine.txt

//go:embed feminine.txt
var feminineList string

// feminineStems maps the ت-form of each listed word (حكومت) to the stem
// of its ة-form (حكوم). It is set once, at init (stemming the listed
// words needs the stemmer), and its values are shared: never modified.
var feminineStems map[string][]byte

func init() { feminineStems = buildFeminine(feminineList) }

func buildFeminine(list string) map[string][]byte {
	m := map[string][]byte{}
	for _, line := range strings.Split(list, "\n") {
		w := strings.TrimSpace(line)
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		stem, ok := strings.CutSuffix(w, "ه")
		if !ok {
			continue
		}
		b := []byte(w)
		m[stem+"ت"] = stemLight(b, lexicon.lookup(b), nil)
	}
	return m
}

// feminineStem returns the stem of the ة-form of stem, a stem ending in ت
// that a pronoun was cut from, when the vocabulary lists it.
func feminineStem(stem []byte) ([]byte, bool) {
	if !hasSuffix(stem, teh) {
		return nil, false
	}
	s, ok := feminineStems[string(stem)]
	return s, ok
}
