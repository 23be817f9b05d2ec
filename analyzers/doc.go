// Package analyzers is fahras's text analysis for Arabic news: one pass
// over the runes normalizes, tokenizes, drops stop words and stems, and the
// result plugs into bleve's analysis registry.
//
// # Analyzers
//
// Three analyzers share the normalization and the tokenizer:
//
//   - ar (registered in bleve as [NameLight], "fahras_ar"): the search
//     form. Arabic stop words are removed, leaving a gap in the token
//     positions so phrases still line up; Arabic words are light-stemmed
//     ([StemLight]); Latin-script words are lower-cased, English stop words
//     removed and the rest stemmed with the Snowball English stemmer.
//   - ar_exact ([NameExact], "fahras_ar_exact"): the same words, normalized
//     but neither stemmed nor filtered (Latin words lower-cased): for
//     quoted queries and exact-match boosts.
//   - ar_snowball ([NameSnowball], "fahras_ar_snowball"): ar with the
//     Snowball Arabic stemmer instead of the light stemmer, for evaluation.
//
// bleve's own Arabic analyzer registers the name "ar" in bleve's global
// registry, so ours are registered under the fahras_ names. [Lookup]
// resolves the names people type: ar, ar_exact and ar_snowball mean ours,
// bleve_ar means bleve's own Arabic analyzer (Lucene's light10 chain), and
// any other name (standard, keyword, simple, web, en, fahras_ar …) is
// looked up in bleve's registry. [Names] lists them all.
//
// An index mapping can carry a protected-word list in a custom analyzer
// definition, so that it is stored with the index:
//
//	{"type": "fahras_ar", "protected_words": ["الأنبار", "بغداد"]}
//
// # Normalization
//
// [Normalize] removes harakat, tanween, shadda, sukun, the superscript
// alef U+0670, Quranic marks (U+0610–061A, U+06D6–06ED), U+0653–0655,
// tatweel, and the invisible bidi and zero-width characters (U+200B–200F,
// U+202A–202E, U+2066–2069, U+FEFF, U+061C); folds the presentation forms
// (U+FB50–FDFF, U+FE70–FEFF) to base letters; folds آ أ إ ٱ → ا, ى → ي,
// ة → ه, ک → ك, ی → ي, ۀ ە ھ → ه, پ → ب, ڤ → ف; and maps ٠–٩ and ۰–۹ to
// 0–9. Hamza: ؤ and ئ, and و or ي followed by the combining hamza U+0654,
// all become ء (hamza on the line), so مسؤول and مسئول are both مسءول and
// شؤون and شئون are both شءون; the old spelling ىء (شاطىء) becomes ء as
// well, like شاطئ. A bare ء is kept.
//
// # Tokenization
//
// Words are split at whitespace and all punctuation, Arabic punctuation
// included (، ؛ ؟ « » ٪ ۔), at / (بغداد/المسلة) and _ (#كاظم_الساهر), and
// where the script changes between Arabic letters and Latin letters or
// digits (2010م gives 2010 and م). Numbers keep their decimal point (3.5,
// ٣٫٥ → 3.5) and drop the Arabic thousands separator (١٬٠٠٠ → 1000); a
// period not followed by a digit ends the number. Latin words keep an
// inner apostrophe (don't). Token Start and End are byte offsets into the
// original input and cover the whole surface word, clitics, diacritics and
// tatweel included, so a highlighter wraps whole words. Positions start at
// 1.
//
// # Stemming
//
// The light stemmer does what Lucene's light10 does (the article and its
// combinations with و ب ك ف ل, and the suffixes ها ات ون ين يه ية ه ة ي),
// plus the pronoun suffixes, with length guards and short exception lists
// chosen for precision; stem.go documents each rule with the words that
// motivated it. Words in a [Protected] set (gazetteer names) lose their
// proclitics but nothing else, and come out without ال, so والأنبار,
// بالأنبار and الأنبار are all انبار whether or not الأنبار is protected.
package analyzers

//go:generate go run ./internal/genpresentation -o presentation.go
