// Code generated from the Unicode Character Database (compatibility
// decompositions of the Arabic presentation forms, Unicode 14.0.0). DO NOT EDIT.

package analyzers

// Arabic presentation forms (the contextual glyph code points that PDF
// extraction and old software produce) mapped to the base letters they
// stand for. Isolated mark forms map to the mark alone; ligatures map to
// several letters (and, for a few phrase ligatures, several words). The
// results still go through the ordinary per-letter folding.

const (
	presentationABase = 0xFB50 // Arabic Presentation Forms-A: U+FB50..U+FDFF
	presentationBBase = 0xFE70 // Arabic Presentation Forms-B: U+FE70..U+FEFF
)

var presentationA = [0xFE00 - presentationABase]string{
	0xFB50 - presentationABase: "\u0671",                                                                                                       // ARABIC LETTER ALEF WASLA ISOLATED FORM
	0xFB51 - presentationABase: "\u0671",                                                                                                       // ARABIC LETTER ALEF WASLA FINAL FORM
	0xFB52 - presentationABase: "\u067B",                                                                                                       // ARABIC LETTER BEEH ISOLATED FORM
	0xFB53 - presentationABase: "\u067B",                                                                                                       // ARABIC LETTER BEEH FINAL FORM
	0xFB54 - presentationABase: "\u067B",                                                                                                       // ARABIC LETTER BEEH INITIAL FORM
	0xFB55 - presentationABase: "\u067B",                                                                                                       // ARABIC LETTER BEEH MEDIAL FORM
	0xFB56 - presentationABase: "\u067E",                                                                                                       // ARABIC LETTER PEH ISOLATED FORM
	0xFB57 - presentationABase: "\u067E",                                                                                                       // ARABIC LETTER PEH FINAL FORM
	0xFB58 - presentationABase: "\u067E",                                                                                                       // ARABIC LETTER PEH INITIAL FORM
	0xFB59 - presentationABase: "\u067E",                                                                                                       // ARABIC LETTER PEH MEDIAL FORM
	0xFB5A - presentationABase: "\u0680",                                                                                                       // ARABIC LETTER BEHEH ISOLATED FORM
	0xFB5B - presentationABase: "\u0680",                                                                                                       // ARABIC LETTER BEHEH FINAL FORM
	0xFB5C - presentationABase: "\u0680",                                                                                                       // ARABIC LETTER BEHEH INITIAL FORM
	0xFB5D - presentationABase: "\u0680",                                                                                                       // ARABIC LETTER BEHEH MEDIAL FORM
	0xFB5E - presentationABase: "\u067A",                                                                                                       // ARABIC LETTER TTEHEH ISOLATED FORM
	0xFB5F - presentationABase: "\u067A",                                                                                                       // ARABIC LETTER TTEHEH FINAL FORM
	0xFB60 - presentationABase: "\u067A",                                                                                                       // ARABIC LETTER TTEHEH INITIAL FORM
	0xFB61 - presentationABase: "\u067A",                                                                                                       // ARABIC LETTER TTEHEH MEDIAL FORM
	0xFB62 - presentationABase: "\u067F",                                                                                                       // ARABIC LETTER TEHEH ISOLATED FORM
	0xFB63 - presentationABase: "\u067F",                                                                                                       // ARABIC LETTER TEHEH FINAL FORM
	0xFB64 - presentationABase: "\u067F",                                                                                                       // ARABIC LETTER TEHEH INITIAL FORM
	0xFB65 - presentationABase: "\u067F",                                                                                                       // ARABIC LETTER TEHEH MEDIAL FORM
	0xFB66 - presentationABase: "\u0679",                                                                                                       // ARABIC LETTER TTEH ISOLATED FORM
	0xFB67 - presentationABase: "\u0679",                                                                                                       // ARABIC LETTER TTEH FINAL FORM
	0xFB68 - presentationABase: "\u0679",                                                                                                       // ARABIC LETTER TTEH INITIAL FORM
	0xFB69 - presentationABase: "\u0679",                                                                                                       // ARABIC LETTER TTEH MEDIAL FORM
	0xFB6A - presentationABase: "\u06A4",                                                                                                       // ARABIC LETTER VEH ISOLATED FORM
	0xFB6B - presentationABase: "\u06A4",                                                                                                       // ARABIC LETTER VEH FINAL FORM
	0xFB6C - presentationABase: "\u06A4",                                                                                                       // ARABIC LETTER VEH INITIAL FORM
	0xFB6D - presentationABase: "\u06A4",                                                                                                       // ARABIC LETTER VEH MEDIAL FORM
	0xFB6E - presentationABase: "\u06A6",                                                                                                       // ARABIC LETTER PEHEH ISOLATED FORM
	0xFB6F - presentationABase: "\u06A6",                                                                                                       // ARABIC LETTER PEHEH FINAL FORM
	0xFB70 - presentationABase: "\u06A6",                                                                                                       // ARABIC LETTER PEHEH INITIAL FORM
	0xFB71 - presentationABase: "\u06A6",                                                                                                       // ARABIC LETTER PEHEH MEDIAL FORM
	0xFB72 - presentationABase: "\u0684",                                                                                                       // ARABIC LETTER DYEH ISOLATED FORM
	0xFB73 - presentationABase: "\u0684",                                                                                                       // ARABIC LETTER DYEH FINAL FORM
	0xFB74 - presentationABase: "\u0684",                                                                                                       // ARABIC LETTER DYEH INITIAL FORM
	0xFB75 - presentationABase: "\u0684",                                                                                                       // ARABIC LETTER DYEH MEDIAL FORM
	0xFB76 - presentationABase: "\u0683",                                                                                                       // ARABIC LETTER NYEH ISOLATED FORM
	0xFB77 - presentationABase: "\u0683",                                                                                                       // ARABIC LETTER NYEH FINAL FORM
	0xFB78 - presentationABase: "\u0683",                                                                                                       // ARABIC LETTER NYEH INITIAL FORM
	0xFB79 - presentationABase: "\u0683",                                                                                                       // ARABIC LETTER NYEH MEDIAL FORM
	0xFB7A - presentationABase: "\u0686",                                                                                                       // ARABIC LETTER TCHEH ISOLATED FORM
	0xFB7B - presentationABase: "\u0686",                                                                                                       // ARABIC LETTER TCHEH FINAL FORM
	0xFB7C - presentationABase: "\u0686",                                                                                                       // ARABIC LETTER TCHEH INITIAL FORM
	0xFB7D - presentationABase: "\u0686",                                                                                                       // ARABIC LETTER TCHEH MEDIAL FORM
	0xFB7E - presentationABase: "\u0687",                                                                                                       // ARABIC LETTER TCHEHEH ISOLATED FORM
	0xFB7F - presentationABase: "\u0687",                                                                                                       // ARABIC LETTER TCHEHEH FINAL FORM
	0xFB80 - presentationABase: "\u0687",                                                                                                       // ARABIC LETTER TCHEHEH INITIAL FORM
	0xFB81 - presentationABase: "\u0687",                                                                                                       // ARABIC LETTER TCHEHEH MEDIAL FORM
	0xFB82 - presentationABase: "\u068D",                                                                                                       // ARABIC LETTER DDAHAL ISOLATED FORM
	0xFB83 - presentationABase: "\u068D",                                                                                                       // ARABIC LETTER DDAHAL FINAL FORM
	0xFB84 - presentationABase: "\u068C",                                                                                                       // ARABIC LETTER DAHAL ISOLATED FORM
	0xFB85 - presentationABase: "\u068C",                                                                                                       // ARABIC LETTER DAHAL FINAL FORM
	0xFB86 - presentationABase: "\u068E",                                                                                                       // ARABIC LETTER DUL ISOLATED FORM
	0xFB87 - presentationABase: "\u068E",                                                                                                       // ARABIC LETTER DUL FINAL FORM
	0xFB88 - presentationABase: "\u0688",                                                                                                       // ARABIC LETTER DDAL ISOLATED FORM
	0xFB89 - presentationABase: "\u0688",                                                                                                       // ARABIC LETTER DDAL FINAL FORM
	0xFB8A - presentationABase: "\u0698",                                                                                                       // ARABIC LETTER JEH ISOLATED FORM
	0xFB8B - presentationABase: "\u0698",                                                                                                       // ARABIC LETTER JEH FINAL FORM
	0xFB8C - presentationABase: "\u0691",                                                                                                       // ARABIC LETTER RREH ISOLATED FORM
	0xFB8D - presentationABase: "\u0691",                                                                                                       // ARABIC LETTER RREH FINAL FORM
	0xFB8E - presentationABase: "\u06A9",                                                                                                       // ARABIC LETTER KEHEH ISOLATED FORM
	0xFB8F - presentationABase: "\u06A9",                                                                                                       // ARABIC LETTER KEHEH FINAL FORM
	0xFB90 - presentationABase: "\u06A9",                                                                                                       // ARABIC LETTER KEHEH INITIAL FORM
	0xFB91 - presentationABase: "\u06A9",                                                                                                       // ARABIC LETTER KEHEH MEDIAL FORM
	0xFB92 - presentationABase: "\u06AF",                                                                                                       // ARABIC LETTER GAF ISOLATED FORM
	0xFB93 - presentationABase: "\u06AF",                                                                                                       // ARABIC LETTER GAF FINAL FORM
	0xFB94 - presentationABase: "\u06AF",                                                                                                       // ARABIC LETTER GAF INITIAL FORM
	0xFB95 - presentationABase: "\u06AF",                                                                                                       // ARABIC LETTER GAF MEDIAL FORM
	0xFB96 - presentationABase: "\u06B3",                                                                                                       // ARABIC LETTER GUEH ISOLATED FORM
	0xFB97 - presentationABase: "\u06B3",                                                                                                       // ARABIC LETTER GUEH FINAL FORM
	0xFB98 - presentationABase: "\u06B3",                                                                                                       // ARABIC LETTER GUEH INITIAL FORM
	0xFB99 - presentationABase: "\u06B3",                                                                                                       // ARABIC LETTER GUEH MEDIAL FORM
	0xFB9A - presentationABase: "\u06B1",                                                                                                       // ARABIC LETTER NGOEH ISOLATED FORM
	0xFB9B - presentationABase: "\u06B1",                                                                                                       // ARABIC LETTER NGOEH FINAL FORM
	0xFB9C - presentationABase: "\u06B1",                                                                                                       // ARABIC LETTER NGOEH INITIAL FORM
	0xFB9D - presentationABase: "\u06B1",                                                                                                       // ARABIC LETTER NGOEH MEDIAL FORM
	0xFB9E - presentationABase: "\u06BA",                                                                                                       // ARABIC LETTER NOON GHUNNA ISOLATED FORM
	0xFB9F - presentationABase: "\u06BA",                                                                                                       // ARABIC LETTER NOON GHUNNA FINAL FORM
	0xFBA0 - presentationABase: "\u06BB",                                                                                                       // ARABIC LETTER RNOON ISOLATED FORM
	0xFBA1 - presentationABase: "\u06BB",                                                                                                       // ARABIC LETTER RNOON FINAL FORM
	0xFBA2 - presentationABase: "\u06BB",                                                                                                       // ARABIC LETTER RNOON INITIAL FORM
	0xFBA3 - presentationABase: "\u06BB",                                                                                                       // ARABIC LETTER RNOON MEDIAL FORM
	0xFBA4 - presentationABase: "\u06C0",                                                                                                       // ARABIC LETTER HEH WITH YEH ABOVE ISOLATED FORM
	0xFBA5 - presentationABase: "\u06C0",                                                                                                       // ARABIC LETTER HEH WITH YEH ABOVE FINAL FORM
	0xFBA6 - presentationABase: "\u06C1",                                                                                                       // ARABIC LETTER HEH GOAL ISOLATED FORM
	0xFBA7 - presentationABase: "\u06C1",                                                                                                       // ARABIC LETTER HEH GOAL FINAL FORM
	0xFBA8 - presentationABase: "\u06C1",                                                                                                       // ARABIC LETTER HEH GOAL INITIAL FORM
	0xFBA9 - presentationABase: "\u06C1",                                                                                                       // ARABIC LETTER HEH GOAL MEDIAL FORM
	0xFBAA - presentationABase: "\u06BE",                                                                                                       // ARABIC LETTER HEH DOACHASHMEE ISOLATED FORM
	0xFBAB - presentationABase: "\u06BE",                                                                                                       // ARABIC LETTER HEH DOACHASHMEE FINAL FORM
	0xFBAC - presentationABase: "\u06BE",                                                                                                       // ARABIC LETTER HEH DOACHASHMEE INITIAL FORM
	0xFBAD - presentationABase: "\u06BE",                                                                                                       // ARABIC LETTER HEH DOACHASHMEE MEDIAL FORM
	0xFBAE - presentationABase: "\u06D2",                                                                                                       // ARABIC LETTER YEH BARREE ISOLATED FORM
	0xFBAF - presentationABase: "\u06D2",                                                                                                       // ARABIC LETTER YEH BARREE FINAL FORM
	0xFBB0 - presentationABase: "\u06D3",                                                                                                       // ARABIC LETTER YEH BARREE WITH HAMZA ABOVE ISOLATED FORM
	0xFBB1 - presentationABase: "\u06D3",                                                                                                       // ARABIC LETTER YEH BARREE WITH HAMZA ABOVE FINAL FORM
	0xFBD3 - presentationABase: "\u06AD",                                                                                                       // ARABIC LETTER NG ISOLATED FORM
	0xFBD4 - presentationABase: "\u06AD",                                                                                                       // ARABIC LETTER NG FINAL FORM
	0xFBD5 - presentationABase: "\u06AD",                                                                                                       // ARABIC LETTER NG INITIAL FORM
	0xFBD6 - presentationABase: "\u06AD",                                                                                                       // ARABIC LETTER NG MEDIAL FORM
	0xFBD7 - presentationABase: "\u06C7",                                                                                                       // ARABIC LETTER U ISOLATED FORM
	0xFBD8 - presentationABase: "\u06C7",                                                                                                       // ARABIC LETTER U FINAL FORM
	0xFBD9 - presentationABase: "\u06C6",                                                                                                       // ARABIC LETTER OE ISOLATED FORM
	0xFBDA - presentationABase: "\u06C6",                                                                                                       // ARABIC LETTER OE FINAL FORM
	0xFBDB - presentationABase: "\u06C8",                                                                                                       // ARABIC LETTER YU ISOLATED FORM
	0xFBDC - presentationABase: "\u06C8",                                                                                                       // ARABIC LETTER YU FINAL FORM
	0xFBDD - presentationABase: "\u06C7\u0674",                                                                                                 // ARABIC LETTER U WITH HAMZA ABOVE ISOLATED FORM
	0xFBDE - presentationABase: "\u06CB",                                                                                                       // ARABIC LETTER VE ISOLATED FORM
	0xFBDF - presentationABase: "\u06CB",                                                                                                       // ARABIC LETTER VE FINAL FORM
	0xFBE0 - presentationABase: "\u06C5",                                                                                                       // ARABIC LETTER KIRGHIZ OE ISOLATED FORM
	0xFBE1 - presentationABase: "\u06C5",                                                                                                       // ARABIC LETTER KIRGHIZ OE FINAL FORM
	0xFBE2 - presentationABase: "\u06C9",                                                                                                       // ARABIC LETTER KIRGHIZ YU ISOLATED FORM
	0xFBE3 - presentationABase: "\u06C9",                                                                                                       // ARABIC LETTER KIRGHIZ YU FINAL FORM
	0xFBE4 - presentationABase: "\u06D0",                                                                                                       // ARABIC LETTER E ISOLATED FORM
	0xFBE5 - presentationABase: "\u06D0",                                                                                                       // ARABIC LETTER E FINAL FORM
	0xFBE6 - presentationABase: "\u06D0",                                                                                                       // ARABIC LETTER E INITIAL FORM
	0xFBE7 - presentationABase: "\u06D0",                                                                                                       // ARABIC LETTER E MEDIAL FORM
	0xFBE8 - presentationABase: "\u0649",                                                                                                       // ARABIC LETTER UIGHUR KAZAKH KIRGHIZ ALEF MAKSURA INITIAL FORM
	0xFBE9 - presentationABase: "\u0649",                                                                                                       // ARABIC LETTER UIGHUR KAZAKH KIRGHIZ ALEF MAKSURA MEDIAL FORM
	0xFBEA - presentationABase: "\u0626\u0627",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH ALEF ISOLATED FORM
	0xFBEB - presentationABase: "\u0626\u0627",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH ALEF FINAL FORM
	0xFBEC - presentationABase: "\u0626\u06D5",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH AE ISOLATED FORM
	0xFBED - presentationABase: "\u0626\u06D5",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH AE FINAL FORM
	0xFBEE - presentationABase: "\u0626\u0648",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH WAW ISOLATED FORM
	0xFBEF - presentationABase: "\u0626\u0648",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH WAW FINAL FORM
	0xFBF0 - presentationABase: "\u0626\u06C7",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH U ISOLATED FORM
	0xFBF1 - presentationABase: "\u0626\u06C7",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH U FINAL FORM
	0xFBF2 - presentationABase: "\u0626\u06C6",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH OE ISOLATED FORM
	0xFBF3 - presentationABase: "\u0626\u06C6",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH OE FINAL FORM
	0xFBF4 - presentationABase: "\u0626\u06C8",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH YU ISOLATED FORM
	0xFBF5 - presentationABase: "\u0626\u06C8",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH YU FINAL FORM
	0xFBF6 - presentationABase: "\u0626\u06D0",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH E ISOLATED FORM
	0xFBF7 - presentationABase: "\u0626\u06D0",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH E FINAL FORM
	0xFBF8 - presentationABase: "\u0626\u06D0",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH E INITIAL FORM
	0xFBF9 - presentationABase: "\u0626\u0649",                                                                                                 // ARABIC LIGATURE UIGHUR KIRGHIZ YEH WITH HAMZA ABOVE WITH ALEF MAKSURA ISOLATED FORM
	0xFBFA - presentationABase: "\u0626\u0649",                                                                                                 // ARABIC LIGATURE UIGHUR KIRGHIZ YEH WITH HAMZA ABOVE WITH ALEF MAKSURA FINAL FORM
	0xFBFB - presentationABase: "\u0626\u0649",                                                                                                 // ARABIC LIGATURE UIGHUR KIRGHIZ YEH WITH HAMZA ABOVE WITH ALEF MAKSURA INITIAL FORM
	0xFBFC - presentationABase: "\u06CC",                                                                                                       // ARABIC LETTER FARSI YEH ISOLATED FORM
	0xFBFD - presentationABase: "\u06CC",                                                                                                       // ARABIC LETTER FARSI YEH FINAL FORM
	0xFBFE - presentationABase: "\u06CC",                                                                                                       // ARABIC LETTER FARSI YEH INITIAL FORM
	0xFBFF - presentationABase: "\u06CC",                                                                                                       // ARABIC LETTER FARSI YEH MEDIAL FORM
	0xFC00 - presentationABase: "\u0626\u062C",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH JEEM ISOLATED FORM
	0xFC01 - presentationABase: "\u0626\u062D",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH HAH ISOLATED FORM
	0xFC02 - presentationABase: "\u0626\u0645",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH MEEM ISOLATED FORM
	0xFC03 - presentationABase: "\u0626\u0649",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH ALEF MAKSURA ISOLATED FORM
	0xFC04 - presentationABase: "\u0626\u064A",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH YEH ISOLATED FORM
	0xFC05 - presentationABase: "\u0628\u062C",                                                                                                 // ARABIC LIGATURE BEH WITH JEEM ISOLATED FORM
	0xFC06 - presentationABase: "\u0628\u062D",                                                                                                 // ARABIC LIGATURE BEH WITH HAH ISOLATED FORM
	0xFC07 - presentationABase: "\u0628\u062E",                                                                                                 // ARABIC LIGATURE BEH WITH KHAH ISOLATED FORM
	0xFC08 - presentationABase: "\u0628\u0645",                                                                                                 // ARABIC LIGATURE BEH WITH MEEM ISOLATED FORM
	0xFC09 - presentationABase: "\u0628\u0649",                                                                                                 // ARABIC LIGATURE BEH WITH ALEF MAKSURA ISOLATED FORM
	0xFC0A - presentationABase: "\u0628\u064A",                                                                                                 // ARABIC LIGATURE BEH WITH YEH ISOLATED FORM
	0xFC0B - presentationABase: "\u062A\u062C",                                                                                                 // ARABIC LIGATURE TEH WITH JEEM ISOLATED FORM
	0xFC0C - presentationABase: "\u062A\u062D",                                                                                                 // ARABIC LIGATURE TEH WITH HAH ISOLATED FORM
	0xFC0D - presentationABase: "\u062A\u062E",                                                                                                 // ARABIC LIGATURE TEH WITH KHAH ISOLATED FORM
	0xFC0E - presentationABase: "\u062A\u0645",                                                                                                 // ARABIC LIGATURE TEH WITH MEEM ISOLATED FORM
	0xFC0F - presentationABase: "\u062A\u0649",                                                                                                 // ARABIC LIGATURE TEH WITH ALEF MAKSURA ISOLATED FORM
	0xFC10 - presentationABase: "\u062A\u064A",                                                                                                 // ARABIC LIGATURE TEH WITH YEH ISOLATED FORM
	0xFC11 - presentationABase: "\u062B\u062C",                                                                                                 // ARABIC LIGATURE THEH WITH JEEM ISOLATED FORM
	0xFC12 - presentationABase: "\u062B\u0645",                                                                                                 // ARABIC LIGATURE THEH WITH MEEM ISOLATED FORM
	0xFC13 - presentationABase: "\u062B\u0649",                                                                                                 // ARABIC LIGATURE THEH WITH ALEF MAKSURA ISOLATED FORM
	0xFC14 - presentationABase: "\u062B\u064A",                                                                                                 // ARABIC LIGATURE THEH WITH YEH ISOLATED FORM
	0xFC15 - presentationABase: "\u062C\u062D",                                                                                                 // ARABIC LIGATURE JEEM WITH HAH ISOLATED FORM
	0xFC16 - presentationABase: "\u062C\u0645",                                                                                                 // ARABIC LIGATURE JEEM WITH MEEM ISOLATED FORM
	0xFC17 - presentationABase: "\u062D\u062C",                                                                                                 // ARABIC LIGATURE HAH WITH JEEM ISOLATED FORM
	0xFC18 - presentationABase: "\u062D\u0645",                                                                                                 // ARABIC LIGATURE HAH WITH MEEM ISOLATED FORM
	0xFC19 - presentationABase: "\u062E\u062C",                                                                                                 // ARABIC LIGATURE KHAH WITH JEEM ISOLATED FORM
	0xFC1A - presentationABase: "\u062E\u062D",                                                                                                 // ARABIC LIGATURE KHAH WITH HAH ISOLATED FORM
	0xFC1B - presentationABase: "\u062E\u0645",                                                                                                 // ARABIC LIGATURE KHAH WITH MEEM ISOLATED FORM
	0xFC1C - presentationABase: "\u0633\u062C",                                                                                                 // ARABIC LIGATURE SEEN WITH JEEM ISOLATED FORM
	0xFC1D - presentationABase: "\u0633\u062D",                                                                                                 // ARABIC LIGATURE SEEN WITH HAH ISOLATED FORM
	0xFC1E - presentationABase: "\u0633\u062E",                                                                                                 // ARABIC LIGATURE SEEN WITH KHAH ISOLATED FORM
	0xFC1F - presentationABase: "\u0633\u0645",                                                                                                 // ARABIC LIGATURE SEEN WITH MEEM ISOLATED FORM
	0xFC20 - presentationABase: "\u0635\u062D",                                                                                                 // ARABIC LIGATURE SAD WITH HAH ISOLATED FORM
	0xFC21 - presentationABase: "\u0635\u0645",                                                                                                 // ARABIC LIGATURE SAD WITH MEEM ISOLATED FORM
	0xFC22 - presentationABase: "\u0636\u062C",                                                                                                 // ARABIC LIGATURE DAD WITH JEEM ISOLATED FORM
	0xFC23 - presentationABase: "\u0636\u062D",                                                                                                 // ARABIC LIGATURE DAD WITH HAH ISOLATED FORM
	0xFC24 - presentationABase: "\u0636\u062E",                                                                                                 // ARABIC LIGATURE DAD WITH KHAH ISOLATED FORM
	0xFC25 - presentationABase: "\u0636\u0645",                                                                                                 // ARABIC LIGATURE DAD WITH MEEM ISOLATED FORM
	0xFC26 - presentationABase: "\u0637\u062D",                                                                                                 // ARABIC LIGATURE TAH WITH HAH ISOLATED FORM
	0xFC27 - presentationABase: "\u0637\u0645",                                                                                                 // ARABIC LIGATURE TAH WITH MEEM ISOLATED FORM
	0xFC28 - presentationABase: "\u0638\u0645",                                                                                                 // ARABIC LIGATURE ZAH WITH MEEM ISOLATED FORM
	0xFC29 - presentationABase: "\u0639\u062C",                                                                                                 // ARABIC LIGATURE AIN WITH JEEM ISOLATED FORM
	0xFC2A - presentationABase: "\u0639\u0645",                                                                                                 // ARABIC LIGATURE AIN WITH MEEM ISOLATED FORM
	0xFC2B - presentationABase: "\u063A\u062C",                                                                                                 // ARABIC LIGATURE GHAIN WITH JEEM ISOLATED FORM
	0xFC2C - presentationABase: "\u063A\u0645",                                                                                                 // ARABIC LIGATURE GHAIN WITH MEEM ISOLATED FORM
	0xFC2D - presentationABase: "\u0641\u062C",                                                                                                 // ARABIC LIGATURE FEH WITH JEEM ISOLATED FORM
	0xFC2E - presentationABase: "\u0641\u062D",                                                                                                 // ARABIC LIGATURE FEH WITH HAH ISOLATED FORM
	0xFC2F - presentationABase: "\u0641\u062E",                                                                                                 // ARABIC LIGATURE FEH WITH KHAH ISOLATED FORM
	0xFC30 - presentationABase: "\u0641\u0645",                                                                                                 // ARABIC LIGATURE FEH WITH MEEM ISOLATED FORM
	0xFC31 - presentationABase: "\u0641\u0649",                                                                                                 // ARABIC LIGATURE FEH WITH ALEF MAKSURA ISOLATED FORM
	0xFC32 - presentationABase: "\u0641\u064A",                                                                                                 // ARABIC LIGATURE FEH WITH YEH ISOLATED FORM
	0xFC33 - presentationABase: "\u0642\u062D",                                                                                                 // ARABIC LIGATURE QAF WITH HAH ISOLATED FORM
	0xFC34 - presentationABase: "\u0642\u0645",                                                                                                 // ARABIC LIGATURE QAF WITH MEEM ISOLATED FORM
	0xFC35 - presentationABase: "\u0642\u0649",                                                                                                 // ARABIC LIGATURE QAF WITH ALEF MAKSURA ISOLATED FORM
	0xFC36 - presentationABase: "\u0642\u064A",                                                                                                 // ARABIC LIGATURE QAF WITH YEH ISOLATED FORM
	0xFC37 - presentationABase: "\u0643\u0627",                                                                                                 // ARABIC LIGATURE KAF WITH ALEF ISOLATED FORM
	0xFC38 - presentationABase: "\u0643\u062C",                                                                                                 // ARABIC LIGATURE KAF WITH JEEM ISOLATED FORM
	0xFC39 - presentationABase: "\u0643\u062D",                                                                                                 // ARABIC LIGATURE KAF WITH HAH ISOLATED FORM
	0xFC3A - presentationABase: "\u0643\u062E",                                                                                                 // ARABIC LIGATURE KAF WITH KHAH ISOLATED FORM
	0xFC3B - presentationABase: "\u0643\u0644",                                                                                                 // ARABIC LIGATURE KAF WITH LAM ISOLATED FORM
	0xFC3C - presentationABase: "\u0643\u0645",                                                                                                 // ARABIC LIGATURE KAF WITH MEEM ISOLATED FORM
	0xFC3D - presentationABase: "\u0643\u0649",                                                                                                 // ARABIC LIGATURE KAF WITH ALEF MAKSURA ISOLATED FORM
	0xFC3E - presentationABase: "\u0643\u064A",                                                                                                 // ARABIC LIGATURE KAF WITH YEH ISOLATED FORM
	0xFC3F - presentationABase: "\u0644\u062C",                                                                                                 // ARABIC LIGATURE LAM WITH JEEM ISOLATED FORM
	0xFC40 - presentationABase: "\u0644\u062D",                                                                                                 // ARABIC LIGATURE LAM WITH HAH ISOLATED FORM
	0xFC41 - presentationABase: "\u0644\u062E",                                                                                                 // ARABIC LIGATURE LAM WITH KHAH ISOLATED FORM
	0xFC42 - presentationABase: "\u0644\u0645",                                                                                                 // ARABIC LIGATURE LAM WITH MEEM ISOLATED FORM
	0xFC43 - presentationABase: "\u0644\u0649",                                                                                                 // ARABIC LIGATURE LAM WITH ALEF MAKSURA ISOLATED FORM
	0xFC44 - presentationABase: "\u0644\u064A",                                                                                                 // ARABIC LIGATURE LAM WITH YEH ISOLATED FORM
	0xFC45 - presentationABase: "\u0645\u062C",                                                                                                 // ARABIC LIGATURE MEEM WITH JEEM ISOLATED FORM
	0xFC46 - presentationABase: "\u0645\u062D",                                                                                                 // ARABIC LIGATURE MEEM WITH HAH ISOLATED FORM
	0xFC47 - presentationABase: "\u0645\u062E",                                                                                                 // ARABIC LIGATURE MEEM WITH KHAH ISOLATED FORM
	0xFC48 - presentationABase: "\u0645\u0645",                                                                                                 // ARABIC LIGATURE MEEM WITH MEEM ISOLATED FORM
	0xFC49 - presentationABase: "\u0645\u0649",                                                                                                 // ARABIC LIGATURE MEEM WITH ALEF MAKSURA ISOLATED FORM
	0xFC4A - presentationABase: "\u0645\u064A",                                                                                                 // ARABIC LIGATURE MEEM WITH YEH ISOLATED FORM
	0xFC4B - presentationABase: "\u0646\u062C",                                                                                                 // ARABIC LIGATURE NOON WITH JEEM ISOLATED FORM
	0xFC4C - presentationABase: "\u0646\u062D",                                                                                                 // ARABIC LIGATURE NOON WITH HAH ISOLATED FORM
	0xFC4D - presentationABase: "\u0646\u062E",                                                                                                 // ARABIC LIGATURE NOON WITH KHAH ISOLATED FORM
	0xFC4E - presentationABase: "\u0646\u0645",                                                                                                 // ARABIC LIGATURE NOON WITH MEEM ISOLATED FORM
	0xFC4F - presentationABase: "\u0646\u0649",                                                                                                 // ARABIC LIGATURE NOON WITH ALEF MAKSURA ISOLATED FORM
	0xFC50 - presentationABase: "\u0646\u064A",                                                                                                 // ARABIC LIGATURE NOON WITH YEH ISOLATED FORM
	0xFC51 - presentationABase: "\u0647\u062C",                                                                                                 // ARABIC LIGATURE HEH WITH JEEM ISOLATED FORM
	0xFC52 - presentationABase: "\u0647\u0645",                                                                                                 // ARABIC LIGATURE HEH WITH MEEM ISOLATED FORM
	0xFC53 - presentationABase: "\u0647\u0649",                                                                                                 // ARABIC LIGATURE HEH WITH ALEF MAKSURA ISOLATED FORM
	0xFC54 - presentationABase: "\u0647\u064A",                                                                                                 // ARABIC LIGATURE HEH WITH YEH ISOLATED FORM
	0xFC55 - presentationABase: "\u064A\u062C",                                                                                                 // ARABIC LIGATURE YEH WITH JEEM ISOLATED FORM
	0xFC56 - presentationABase: "\u064A\u062D",                                                                                                 // ARABIC LIGATURE YEH WITH HAH ISOLATED FORM
	0xFC57 - presentationABase: "\u064A\u062E",                                                                                                 // ARABIC LIGATURE YEH WITH KHAH ISOLATED FORM
	0xFC58 - presentationABase: "\u064A\u0645",                                                                                                 // ARABIC LIGATURE YEH WITH MEEM ISOLATED FORM
	0xFC59 - presentationABase: "\u064A\u0649",                                                                                                 // ARABIC LIGATURE YEH WITH ALEF MAKSURA ISOLATED FORM
	0xFC5A - presentationABase: "\u064A\u064A",                                                                                                 // ARABIC LIGATURE YEH WITH YEH ISOLATED FORM
	0xFC5B - presentationABase: "\u0630\u0670",                                                                                                 // ARABIC LIGATURE THAL WITH SUPERSCRIPT ALEF ISOLATED FORM
	0xFC5C - presentationABase: "\u0631\u0670",                                                                                                 // ARABIC LIGATURE REH WITH SUPERSCRIPT ALEF ISOLATED FORM
	0xFC5D - presentationABase: "\u0649\u0670",                                                                                                 // ARABIC LIGATURE ALEF MAKSURA WITH SUPERSCRIPT ALEF ISOLATED FORM
	0xFC5E - presentationABase: "\u064C\u0651",                                                                                                 // ARABIC LIGATURE SHADDA WITH DAMMATAN ISOLATED FORM
	0xFC5F - presentationABase: "\u064D\u0651",                                                                                                 // ARABIC LIGATURE SHADDA WITH KASRATAN ISOLATED FORM
	0xFC60 - presentationABase: "\u064E\u0651",                                                                                                 // ARABIC LIGATURE SHADDA WITH FATHA ISOLATED FORM
	0xFC61 - presentationABase: "\u064F\u0651",                                                                                                 // ARABIC LIGATURE SHADDA WITH DAMMA ISOLATED FORM
	0xFC62 - presentationABase: "\u0650\u0651",                                                                                                 // ARABIC LIGATURE SHADDA WITH KASRA ISOLATED FORM
	0xFC63 - presentationABase: "\u0651\u0670",                                                                                                 // ARABIC LIGATURE SHADDA WITH SUPERSCRIPT ALEF ISOLATED FORM
	0xFC64 - presentationABase: "\u0626\u0631",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH REH FINAL FORM
	0xFC65 - presentationABase: "\u0626\u0632",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH ZAIN FINAL FORM
	0xFC66 - presentationABase: "\u0626\u0645",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH MEEM FINAL FORM
	0xFC67 - presentationABase: "\u0626\u0646",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH NOON FINAL FORM
	0xFC68 - presentationABase: "\u0626\u0649",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH ALEF MAKSURA FINAL FORM
	0xFC69 - presentationABase: "\u0626\u064A",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH YEH FINAL FORM
	0xFC6A - presentationABase: "\u0628\u0631",                                                                                                 // ARABIC LIGATURE BEH WITH REH FINAL FORM
	0xFC6B - presentationABase: "\u0628\u0632",                                                                                                 // ARABIC LIGATURE BEH WITH ZAIN FINAL FORM
	0xFC6C - presentationABase: "\u0628\u0645",                                                                                                 // ARABIC LIGATURE BEH WITH MEEM FINAL FORM
	0xFC6D - presentationABase: "\u0628\u0646",                                                                                                 // ARABIC LIGATURE BEH WITH NOON FINAL FORM
	0xFC6E - presentationABase: "\u0628\u0649",                                                                                                 // ARABIC LIGATURE BEH WITH ALEF MAKSURA FINAL FORM
	0xFC6F - presentationABase: "\u0628\u064A",                                                                                                 // ARABIC LIGATURE BEH WITH YEH FINAL FORM
	0xFC70 - presentationABase: "\u062A\u0631",                                                                                                 // ARABIC LIGATURE TEH WITH REH FINAL FORM
	0xFC71 - presentationABase: "\u062A\u0632",                                                                                                 // ARABIC LIGATURE TEH WITH ZAIN FINAL FORM
	0xFC72 - presentationABase: "\u062A\u0645",                                                                                                 // ARABIC LIGATURE TEH WITH MEEM FINAL FORM
	0xFC73 - presentationABase: "\u062A\u0646",                                                                                                 // ARABIC LIGATURE TEH WITH NOON FINAL FORM
	0xFC74 - presentationABase: "\u062A\u0649",                                                                                                 // ARABIC LIGATURE TEH WITH ALEF MAKSURA FINAL FORM
	0xFC75 - presentationABase: "\u062A\u064A",                                                                                                 // ARABIC LIGATURE TEH WITH YEH FINAL FORM
	0xFC76 - presentationABase: "\u062B\u0631",                                                                                                 // ARABIC LIGATURE THEH WITH REH FINAL FORM
	0xFC77 - presentationABase: "\u062B\u0632",                                                                                                 // ARABIC LIGATURE THEH WITH ZAIN FINAL FORM
	0xFC78 - presentationABase: "\u062B\u0645",                                                                                                 // ARABIC LIGATURE THEH WITH MEEM FINAL FORM
	0xFC79 - presentationABase: "\u062B\u0646",                                                                                                 // ARABIC LIGATURE THEH WITH NOON FINAL FORM
	0xFC7A - presentationABase: "\u062B\u0649",                                                                                                 // ARABIC LIGATURE THEH WITH ALEF MAKSURA FINAL FORM
	0xFC7B - presentationABase: "\u062B\u064A",                                                                                                 // ARABIC LIGATURE THEH WITH YEH FINAL FORM
	0xFC7C - presentationABase: "\u0641\u0649",                                                                                                 // ARABIC LIGATURE FEH WITH ALEF MAKSURA FINAL FORM
	0xFC7D - presentationABase: "\u0641\u064A",                                                                                                 // ARABIC LIGATURE FEH WITH YEH FINAL FORM
	0xFC7E - presentationABase: "\u0642\u0649",                                                                                                 // ARABIC LIGATURE QAF WITH ALEF MAKSURA FINAL FORM
	0xFC7F - presentationABase: "\u0642\u064A",                                                                                                 // ARABIC LIGATURE QAF WITH YEH FINAL FORM
	0xFC80 - presentationABase: "\u0643\u0627",                                                                                                 // ARABIC LIGATURE KAF WITH ALEF FINAL FORM
	0xFC81 - presentationABase: "\u0643\u0644",                                                                                                 // ARABIC LIGATURE KAF WITH LAM FINAL FORM
	0xFC82 - presentationABase: "\u0643\u0645",                                                                                                 // ARABIC LIGATURE KAF WITH MEEM FINAL FORM
	0xFC83 - presentationABase: "\u0643\u0649",                                                                                                 // ARABIC LIGATURE KAF WITH ALEF MAKSURA FINAL FORM
	0xFC84 - presentationABase: "\u0643\u064A",                                                                                                 // ARABIC LIGATURE KAF WITH YEH FINAL FORM
	0xFC85 - presentationABase: "\u0644\u0645",                                                                                                 // ARABIC LIGATURE LAM WITH MEEM FINAL FORM
	0xFC86 - presentationABase: "\u0644\u0649",                                                                                                 // ARABIC LIGATURE LAM WITH ALEF MAKSURA FINAL FORM
	0xFC87 - presentationABase: "\u0644\u064A",                                                                                                 // ARABIC LIGATURE LAM WITH YEH FINAL FORM
	0xFC88 - presentationABase: "\u0645\u0627",                                                                                                 // ARABIC LIGATURE MEEM WITH ALEF FINAL FORM
	0xFC89 - presentationABase: "\u0645\u0645",                                                                                                 // ARABIC LIGATURE MEEM WITH MEEM FINAL FORM
	0xFC8A - presentationABase: "\u0646\u0631",                                                                                                 // ARABIC LIGATURE NOON WITH REH FINAL FORM
	0xFC8B - presentationABase: "\u0646\u0632",                                                                                                 // ARABIC LIGATURE NOON WITH ZAIN FINAL FORM
	0xFC8C - presentationABase: "\u0646\u0645",                                                                                                 // ARABIC LIGATURE NOON WITH MEEM FINAL FORM
	0xFC8D - presentationABase: "\u0646\u0646",                                                                                                 // ARABIC LIGATURE NOON WITH NOON FINAL FORM
	0xFC8E - presentationABase: "\u0646\u0649",                                                                                                 // ARABIC LIGATURE NOON WITH ALEF MAKSURA FINAL FORM
	0xFC8F - presentationABase: "\u0646\u064A",                                                                                                 // ARABIC LIGATURE NOON WITH YEH FINAL FORM
	0xFC90 - presentationABase: "\u0649\u0670",                                                                                                 // ARABIC LIGATURE ALEF MAKSURA WITH SUPERSCRIPT ALEF FINAL FORM
	0xFC91 - presentationABase: "\u064A\u0631",                                                                                                 // ARABIC LIGATURE YEH WITH REH FINAL FORM
	0xFC92 - presentationABase: "\u064A\u0632",                                                                                                 // ARABIC LIGATURE YEH WITH ZAIN FINAL FORM
	0xFC93 - presentationABase: "\u064A\u0645",                                                                                                 // ARABIC LIGATURE YEH WITH MEEM FINAL FORM
	0xFC94 - presentationABase: "\u064A\u0646",                                                                                                 // ARABIC LIGATURE YEH WITH NOON FINAL FORM
	0xFC95 - presentationABase: "\u064A\u0649",                                                                                                 // ARABIC LIGATURE YEH WITH ALEF MAKSURA FINAL FORM
	0xFC96 - presentationABase: "\u064A\u064A",                                                                                                 // ARABIC LIGATURE YEH WITH YEH FINAL FORM
	0xFC97 - presentationABase: "\u0626\u062C",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH JEEM INITIAL FORM
	0xFC98 - presentationABase: "\u0626\u062D",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH HAH INITIAL FORM
	0xFC99 - presentationABase: "\u0626\u062E",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH KHAH INITIAL FORM
	0xFC9A - presentationABase: "\u0626\u0645",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH MEEM INITIAL FORM
	0xFC9B - presentationABase: "\u0626\u0647",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH HEH INITIAL FORM
	0xFC9C - presentationABase: "\u0628\u062C",                                                                                                 // ARABIC LIGATURE BEH WITH JEEM INITIAL FORM
	0xFC9D - presentationABase: "\u0628\u062D",                                                                                                 // ARABIC LIGATURE BEH WITH HAH INITIAL FORM
	0xFC9E - presentationABase: "\u0628\u062E",                                                                                                 // ARABIC LIGATURE BEH WITH KHAH INITIAL FORM
	0xFC9F - presentationABase: "\u0628\u0645",                                                                                                 // ARABIC LIGATURE BEH WITH MEEM INITIAL FORM
	0xFCA0 - presentationABase: "\u0628\u0647",                                                                                                 // ARABIC LIGATURE BEH WITH HEH INITIAL FORM
	0xFCA1 - presentationABase: "\u062A\u062C",                                                                                                 // ARABIC LIGATURE TEH WITH JEEM INITIAL FORM
	0xFCA2 - presentationABase: "\u062A\u062D",                                                                                                 // ARABIC LIGATURE TEH WITH HAH INITIAL FORM
	0xFCA3 - presentationABase: "\u062A\u062E",                                                                                                 // ARABIC LIGATURE TEH WITH KHAH INITIAL FORM
	0xFCA4 - presentationABase: "\u062A\u0645",                                                                                                 // ARABIC LIGATURE TEH WITH MEEM INITIAL FORM
	0xFCA5 - presentationABase: "\u062A\u0647",                                                                                                 // ARABIC LIGATURE TEH WITH HEH INITIAL FORM
	0xFCA6 - presentationABase: "\u062B\u0645",                                                                                                 // ARABIC LIGATURE THEH WITH MEEM INITIAL FORM
	0xFCA7 - presentationABase: "\u062C\u062D",                                                                                                 // ARABIC LIGATURE JEEM WITH HAH INITIAL FORM
	0xFCA8 - presentationABase: "\u062C\u0645",                                                                                                 // ARABIC LIGATURE JEEM WITH MEEM INITIAL FORM
	0xFCA9 - presentationABase: "\u062D\u062C",                                                                                                 // ARABIC LIGATURE HAH WITH JEEM INITIAL FORM
	0xFCAA - presentationABase: "\u062D\u0645",                                                                                                 // ARABIC LIGATURE HAH WITH MEEM INITIAL FORM
	0xFCAB - presentationABase: "\u062E\u062C",                                                                                                 // ARABIC LIGATURE KHAH WITH JEEM INITIAL FORM
	0xFCAC - presentationABase: "\u062E\u0645",                                                                                                 // ARABIC LIGATURE KHAH WITH MEEM INITIAL FORM
	0xFCAD - presentationABase: "\u0633\u062C",                                                                                                 // ARABIC LIGATURE SEEN WITH JEEM INITIAL FORM
	0xFCAE - presentationABase: "\u0633\u062D",                                                                                                 // ARABIC LIGATURE SEEN WITH HAH INITIAL FORM
	0xFCAF - presentationABase: "\u0633\u062E",                                                                                                 // ARABIC LIGATURE SEEN WITH KHAH INITIAL FORM
	0xFCB0 - presentationABase: "\u0633\u0645",                                                                                                 // ARABIC LIGATURE SEEN WITH MEEM INITIAL FORM
	0xFCB1 - presentationABase: "\u0635\u062D",                                                                                                 // ARABIC LIGATURE SAD WITH HAH INITIAL FORM
	0xFCB2 - presentationABase: "\u0635\u062E",                                                                                                 // ARABIC LIGATURE SAD WITH KHAH INITIAL FORM
	0xFCB3 - presentationABase: "\u0635\u0645",                                                                                                 // ARABIC LIGATURE SAD WITH MEEM INITIAL FORM
	0xFCB4 - presentationABase: "\u0636\u062C",                                                                                                 // ARABIC LIGATURE DAD WITH JEEM INITIAL FORM
	0xFCB5 - presentationABase: "\u0636\u062D",                                                                                                 // ARABIC LIGATURE DAD WITH HAH INITIAL FORM
	0xFCB6 - presentationABase: "\u0636\u062E",                                                                                                 // ARABIC LIGATURE DAD WITH KHAH INITIAL FORM
	0xFCB7 - presentationABase: "\u0636\u0645",                                                                                                 // ARABIC LIGATURE DAD WITH MEEM INITIAL FORM
	0xFCB8 - presentationABase: "\u0637\u062D",                                                                                                 // ARABIC LIGATURE TAH WITH HAH INITIAL FORM
	0xFCB9 - presentationABase: "\u0638\u0645",                                                                                                 // ARABIC LIGATURE ZAH WITH MEEM INITIAL FORM
	0xFCBA - presentationABase: "\u0639\u062C",                                                                                                 // ARABIC LIGATURE AIN WITH JEEM INITIAL FORM
	0xFCBB - presentationABase: "\u0639\u0645",                                                                                                 // ARABIC LIGATURE AIN WITH MEEM INITIAL FORM
	0xFCBC - presentationABase: "\u063A\u062C",                                                                                                 // ARABIC LIGATURE GHAIN WITH JEEM INITIAL FORM
	0xFCBD - presentationABase: "\u063A\u0645",                                                                                                 // ARABIC LIGATURE GHAIN WITH MEEM INITIAL FORM
	0xFCBE - presentationABase: "\u0641\u062C",                                                                                                 // ARABIC LIGATURE FEH WITH JEEM INITIAL FORM
	0xFCBF - presentationABase: "\u0641\u062D",                                                                                                 // ARABIC LIGATURE FEH WITH HAH INITIAL FORM
	0xFCC0 - presentationABase: "\u0641\u062E",                                                                                                 // ARABIC LIGATURE FEH WITH KHAH INITIAL FORM
	0xFCC1 - presentationABase: "\u0641\u0645",                                                                                                 // ARABIC LIGATURE FEH WITH MEEM INITIAL FORM
	0xFCC2 - presentationABase: "\u0642\u062D",                                                                                                 // ARABIC LIGATURE QAF WITH HAH INITIAL FORM
	0xFCC3 - presentationABase: "\u0642\u0645",                                                                                                 // ARABIC LIGATURE QAF WITH MEEM INITIAL FORM
	0xFCC4 - presentationABase: "\u0643\u062C",                                                                                                 // ARABIC LIGATURE KAF WITH JEEM INITIAL FORM
	0xFCC5 - presentationABase: "\u0643\u062D",                                                                                                 // ARABIC LIGATURE KAF WITH HAH INITIAL FORM
	0xFCC6 - presentationABase: "\u0643\u062E",                                                                                                 // ARABIC LIGATURE KAF WITH KHAH INITIAL FORM
	0xFCC7 - presentationABase: "\u0643\u0644",                                                                                                 // ARABIC LIGATURE KAF WITH LAM INITIAL FORM
	0xFCC8 - presentationABase: "\u0643\u0645",                                                                                                 // ARABIC LIGATURE KAF WITH MEEM INITIAL FORM
	0xFCC9 - presentationABase: "\u0644\u062C",                                                                                                 // ARABIC LIGATURE LAM WITH JEEM INITIAL FORM
	0xFCCA - presentationABase: "\u0644\u062D",                                                                                                 // ARABIC LIGATURE LAM WITH HAH INITIAL FORM
	0xFCCB - presentationABase: "\u0644\u062E",                                                                                                 // ARABIC LIGATURE LAM WITH KHAH INITIAL FORM
	0xFCCC - presentationABase: "\u0644\u0645",                                                                                                 // ARABIC LIGATURE LAM WITH MEEM INITIAL FORM
	0xFCCD - presentationABase: "\u0644\u0647",                                                                                                 // ARABIC LIGATURE LAM WITH HEH INITIAL FORM
	0xFCCE - presentationABase: "\u0645\u062C",                                                                                                 // ARABIC LIGATURE MEEM WITH JEEM INITIAL FORM
	0xFCCF - presentationABase: "\u0645\u062D",                                                                                                 // ARABIC LIGATURE MEEM WITH HAH INITIAL FORM
	0xFCD0 - presentationABase: "\u0645\u062E",                                                                                                 // ARABIC LIGATURE MEEM WITH KHAH INITIAL FORM
	0xFCD1 - presentationABase: "\u0645\u0645",                                                                                                 // ARABIC LIGATURE MEEM WITH MEEM INITIAL FORM
	0xFCD2 - presentationABase: "\u0646\u062C",                                                                                                 // ARABIC LIGATURE NOON WITH JEEM INITIAL FORM
	0xFCD3 - presentationABase: "\u0646\u062D",                                                                                                 // ARABIC LIGATURE NOON WITH HAH INITIAL FORM
	0xFCD4 - presentationABase: "\u0646\u062E",                                                                                                 // ARABIC LIGATURE NOON WITH KHAH INITIAL FORM
	0xFCD5 - presentationABase: "\u0646\u0645",                                                                                                 // ARABIC LIGATURE NOON WITH MEEM INITIAL FORM
	0xFCD6 - presentationABase: "\u0646\u0647",                                                                                                 // ARABIC LIGATURE NOON WITH HEH INITIAL FORM
	0xFCD7 - presentationABase: "\u0647\u062C",                                                                                                 // ARABIC LIGATURE HEH WITH JEEM INITIAL FORM
	0xFCD8 - presentationABase: "\u0647\u0645",                                                                                                 // ARABIC LIGATURE HEH WITH MEEM INITIAL FORM
	0xFCD9 - presentationABase: "\u0647\u0670",                                                                                                 // ARABIC LIGATURE HEH WITH SUPERSCRIPT ALEF INITIAL FORM
	0xFCDA - presentationABase: "\u064A\u062C",                                                                                                 // ARABIC LIGATURE YEH WITH JEEM INITIAL FORM
	0xFCDB - presentationABase: "\u064A\u062D",                                                                                                 // ARABIC LIGATURE YEH WITH HAH INITIAL FORM
	0xFCDC - presentationABase: "\u064A\u062E",                                                                                                 // ARABIC LIGATURE YEH WITH KHAH INITIAL FORM
	0xFCDD - presentationABase: "\u064A\u0645",                                                                                                 // ARABIC LIGATURE YEH WITH MEEM INITIAL FORM
	0xFCDE - presentationABase: "\u064A\u0647",                                                                                                 // ARABIC LIGATURE YEH WITH HEH INITIAL FORM
	0xFCDF - presentationABase: "\u0626\u0645",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH MEEM MEDIAL FORM
	0xFCE0 - presentationABase: "\u0626\u0647",                                                                                                 // ARABIC LIGATURE YEH WITH HAMZA ABOVE WITH HEH MEDIAL FORM
	0xFCE1 - presentationABase: "\u0628\u0645",                                                                                                 // ARABIC LIGATURE BEH WITH MEEM MEDIAL FORM
	0xFCE2 - presentationABase: "\u0628\u0647",                                                                                                 // ARABIC LIGATURE BEH WITH HEH MEDIAL FORM
	0xFCE3 - presentationABase: "\u062A\u0645",                                                                                                 // ARABIC LIGATURE TEH WITH MEEM MEDIAL FORM
	0xFCE4 - presentationABase: "\u062A\u0647",                                                                                                 // ARABIC LIGATURE TEH WITH HEH MEDIAL FORM
	0xFCE5 - presentationABase: "\u062B\u0645",                                                                                                 // ARABIC LIGATURE THEH WITH MEEM MEDIAL FORM
	0xFCE6 - presentationABase: "\u062B\u0647",                                                                                                 // ARABIC LIGATURE THEH WITH HEH MEDIAL FORM
	0xFCE7 - presentationABase: "\u0633\u0645",                                                                                                 // ARABIC LIGATURE SEEN WITH MEEM MEDIAL FORM
	0xFCE8 - presentationABase: "\u0633\u0647",                                                                                                 // ARABIC LIGATURE SEEN WITH HEH MEDIAL FORM
	0xFCE9 - presentationABase: "\u0634\u0645",                                                                                                 // ARABIC LIGATURE SHEEN WITH MEEM MEDIAL FORM
	0xFCEA - presentationABase: "\u0634\u0647",                                                                                                 // ARABIC LIGATURE SHEEN WITH HEH MEDIAL FORM
	0xFCEB - presentationABase: "\u0643\u0644",                                                                                                 // ARABIC LIGATURE KAF WITH LAM MEDIAL FORM
	0xFCEC - presentationABase: "\u0643\u0645",                                                                                                 // ARABIC LIGATURE KAF WITH MEEM MEDIAL FORM
	0xFCED - presentationABase: "\u0644\u0645",                                                                                                 // ARABIC LIGATURE LAM WITH MEEM MEDIAL FORM
	0xFCEE - presentationABase: "\u0646\u0645",                                                                                                 // ARABIC LIGATURE NOON WITH MEEM MEDIAL FORM
	0xFCEF - presentationABase: "\u0646\u0647",                                                                                                 // ARABIC LIGATURE NOON WITH HEH MEDIAL FORM
	0xFCF0 - presentationABase: "\u064A\u0645",                                                                                                 // ARABIC LIGATURE YEH WITH MEEM MEDIAL FORM
	0xFCF1 - presentationABase: "\u064A\u0647",                                                                                                 // ARABIC LIGATURE YEH WITH HEH MEDIAL FORM
	0xFCF2 - presentationABase: "\u0640\u064E\u0651",                                                                                           // ARABIC LIGATURE SHADDA WITH FATHA MEDIAL FORM
	0xFCF3 - presentationABase: "\u0640\u064F\u0651",                                                                                           // ARABIC LIGATURE SHADDA WITH DAMMA MEDIAL FORM
	0xFCF4 - presentationABase: "\u0640\u0650\u0651",                                                                                           // ARABIC LIGATURE SHADDA WITH KASRA MEDIAL FORM
	0xFCF5 - presentationABase: "\u0637\u0649",                                                                                                 // ARABIC LIGATURE TAH WITH ALEF MAKSURA ISOLATED FORM
	0xFCF6 - presentationABase: "\u0637\u064A",                                                                                                 // ARABIC LIGATURE TAH WITH YEH ISOLATED FORM
	0xFCF7 - presentationABase: "\u0639\u0649",                                                                                                 // ARABIC LIGATURE AIN WITH ALEF MAKSURA ISOLATED FORM
	0xFCF8 - presentationABase: "\u0639\u064A",                                                                                                 // ARABIC LIGATURE AIN WITH YEH ISOLATED FORM
	0xFCF9 - presentationABase: "\u063A\u0649",                                                                                                 // ARABIC LIGATURE GHAIN WITH ALEF MAKSURA ISOLATED FORM
	0xFCFA - presentationABase: "\u063A\u064A",                                                                                                 // ARABIC LIGATURE GHAIN WITH YEH ISOLATED FORM
	0xFCFB - presentationABase: "\u0633\u0649",                                                                                                 // ARABIC LIGATURE SEEN WITH ALEF MAKSURA ISOLATED FORM
	0xFCFC - presentationABase: "\u0633\u064A",                                                                                                 // ARABIC LIGATURE SEEN WITH YEH ISOLATED FORM
	0xFCFD - presentationABase: "\u0634\u0649",                                                                                                 // ARABIC LIGATURE SHEEN WITH ALEF MAKSURA ISOLATED FORM
	0xFCFE - presentationABase: "\u0634\u064A",                                                                                                 // ARABIC LIGATURE SHEEN WITH YEH ISOLATED FORM
	0xFCFF - presentationABase: "\u062D\u0649",                                                                                                 // ARABIC LIGATURE HAH WITH ALEF MAKSURA ISOLATED FORM
	0xFD00 - presentationABase: "\u062D\u064A",                                                                                                 // ARABIC LIGATURE HAH WITH YEH ISOLATED FORM
	0xFD01 - presentationABase: "\u062C\u0649",                                                                                                 // ARABIC LIGATURE JEEM WITH ALEF MAKSURA ISOLATED FORM
	0xFD02 - presentationABase: "\u062C\u064A",                                                                                                 // ARABIC LIGATURE JEEM WITH YEH ISOLATED FORM
	0xFD03 - presentationABase: "\u062E\u0649",                                                                                                 // ARABIC LIGATURE KHAH WITH ALEF MAKSURA ISOLATED FORM
	0xFD04 - presentationABase: "\u062E\u064A",                                                                                                 // ARABIC LIGATURE KHAH WITH YEH ISOLATED FORM
	0xFD05 - presentationABase: "\u0635\u0649",                                                                                                 // ARABIC LIGATURE SAD WITH ALEF MAKSURA ISOLATED FORM
	0xFD06 - presentationABase: "\u0635\u064A",                                                                                                 // ARABIC LIGATURE SAD WITH YEH ISOLATED FORM
	0xFD07 - presentationABase: "\u0636\u0649",                                                                                                 // ARABIC LIGATURE DAD WITH ALEF MAKSURA ISOLATED FORM
	0xFD08 - presentationABase: "\u0636\u064A",                                                                                                 // ARABIC LIGATURE DAD WITH YEH ISOLATED FORM
	0xFD09 - presentationABase: "\u0634\u062C",                                                                                                 // ARABIC LIGATURE SHEEN WITH JEEM ISOLATED FORM
	0xFD0A - presentationABase: "\u0634\u062D",                                                                                                 // ARABIC LIGATURE SHEEN WITH HAH ISOLATED FORM
	0xFD0B - presentationABase: "\u0634\u062E",                                                                                                 // ARABIC LIGATURE SHEEN WITH KHAH ISOLATED FORM
	0xFD0C - presentationABase: "\u0634\u0645",                                                                                                 // ARABIC LIGATURE SHEEN WITH MEEM ISOLATED FORM
	0xFD0D - presentationABase: "\u0634\u0631",                                                                                                 // ARABIC LIGATURE SHEEN WITH REH ISOLATED FORM
	0xFD0E - presentationABase: "\u0633\u0631",                                                                                                 // ARABIC LIGATURE SEEN WITH REH ISOLATED FORM
	0xFD0F - presentationABase: "\u0635\u0631",                                                                                                 // ARABIC LIGATURE SAD WITH REH ISOLATED FORM
	0xFD10 - presentationABase: "\u0636\u0631",                                                                                                 // ARABIC LIGATURE DAD WITH REH ISOLATED FORM
	0xFD11 - presentationABase: "\u0637\u0649",                                                                                                 // ARABIC LIGATURE TAH WITH ALEF MAKSURA FINAL FORM
	0xFD12 - presentationABase: "\u0637\u064A",                                                                                                 // ARABIC LIGATURE TAH WITH YEH FINAL FORM
	0xFD13 - presentationABase: "\u0639\u0649",                                                                                                 // ARABIC LIGATURE AIN WITH ALEF MAKSURA FINAL FORM
	0xFD14 - presentationABase: "\u0639\u064A",                                                                                                 // ARABIC LIGATURE AIN WITH YEH FINAL FORM
	0xFD15 - presentationABase: "\u063A\u0649",                                                                                                 // ARABIC LIGATURE GHAIN WITH ALEF MAKSURA FINAL FORM
	0xFD16 - presentationABase: "\u063A\u064A",                                                                                                 // ARABIC LIGATURE GHAIN WITH YEH FINAL FORM
	0xFD17 - presentationABase: "\u0633\u0649",                                                                                                 // ARABIC LIGATURE SEEN WITH ALEF MAKSURA FINAL FORM
	0xFD18 - presentationABase: "\u0633\u064A",                                                                                                 // ARABIC LIGATURE SEEN WITH YEH FINAL FORM
	0xFD19 - presentationABase: "\u0634\u0649",                                                                                                 // ARABIC LIGATURE SHEEN WITH ALEF MAKSURA FINAL FORM
	0xFD1A - presentationABase: "\u0634\u064A",                                                                                                 // ARABIC LIGATURE SHEEN WITH YEH FINAL FORM
	0xFD1B - presentationABase: "\u062D\u0649",                                                                                                 // ARABIC LIGATURE HAH WITH ALEF MAKSURA FINAL FORM
	0xFD1C - presentationABase: "\u062D\u064A",                                                                                                 // ARABIC LIGATURE HAH WITH YEH FINAL FORM
	0xFD1D - presentationABase: "\u062C\u0649",                                                                                                 // ARABIC LIGATURE JEEM WITH ALEF MAKSURA FINAL FORM
	0xFD1E - presentationABase: "\u062C\u064A",                                                                                                 // ARABIC LIGATURE JEEM WITH YEH FINAL FORM
	0xFD1F - presentationABase: "\u062E\u0649",                                                                                                 // ARABIC LIGATURE KHAH WITH ALEF MAKSURA FINAL FORM
	0xFD20 - presentationABase: "\u062E\u064A",                                                                                                 // ARABIC LIGATURE KHAH WITH YEH FINAL FORM
	0xFD21 - presentationABase: "\u0635\u0649",                                                                                                 // ARABIC LIGATURE SAD WITH ALEF MAKSURA FINAL FORM
	0xFD22 - presentationABase: "\u0635\u064A",                                                                                                 // ARABIC LIGATURE SAD WITH YEH FINAL FORM
	0xFD23 - presentationABase: "\u0636\u0649",                                                                                                 // ARABIC LIGATURE DAD WITH ALEF MAKSURA FINAL FORM
	0xFD24 - presentationABase: "\u0636\u064A",                                                                                                 // ARABIC LIGATURE DAD WITH YEH FINAL FORM
	0xFD25 - presentationABase: "\u0634\u062C",                                                                                                 // ARABIC LIGATURE SHEEN WITH JEEM FINAL FORM
	0xFD26 - presentationABase: "\u0634\u062D",                                                                                                 // ARABIC LIGATURE SHEEN WITH HAH FINAL FORM
	0xFD27 - presentationABase: "\u0634\u062E",                                                                                                 // ARABIC LIGATURE SHEEN WITH KHAH FINAL FORM
	0xFD28 - presentationABase: "\u0634\u0645",                                                                                                 // ARABIC LIGATURE SHEEN WITH MEEM FINAL FORM
	0xFD29 - presentationABase: "\u0634\u0631",                                                                                                 // ARABIC LIGATURE SHEEN WITH REH FINAL FORM
	0xFD2A - presentationABase: "\u0633\u0631",                                                                                                 // ARABIC LIGATURE SEEN WITH REH FINAL FORM
	0xFD2B - presentationABase: "\u0635\u0631",                                                                                                 // ARABIC LIGATURE SAD WITH REH FINAL FORM
	0xFD2C - presentationABase: "\u0636\u0631",                                                                                                 // ARABIC LIGATURE DAD WITH REH FINAL FORM
	0xFD2D - presentationABase: "\u0634\u062C",                                                                                                 // ARABIC LIGATURE SHEEN WITH JEEM INITIAL FORM
	0xFD2E - presentationABase: "\u0634\u062D",                                                                                                 // ARABIC LIGATURE SHEEN WITH HAH INITIAL FORM
	0xFD2F - presentationABase: "\u0634\u062E",                                                                                                 // ARABIC LIGATURE SHEEN WITH KHAH INITIAL FORM
	0xFD30 - presentationABase: "\u0634\u0645",                                                                                                 // ARABIC LIGATURE SHEEN WITH MEEM INITIAL FORM
	0xFD31 - presentationABase: "\u0633\u0647",                                                                                                 // ARABIC LIGATURE SEEN WITH HEH INITIAL FORM
	0xFD32 - presentationABase: "\u0634\u0647",                                                                                                 // ARABIC LIGATURE SHEEN WITH HEH INITIAL FORM
	0xFD33 - presentationABase: "\u0637\u0645",                                                                                                 // ARABIC LIGATURE TAH WITH MEEM INITIAL FORM
	0xFD34 - presentationABase: "\u0633\u062C",                                                                                                 // ARABIC LIGATURE SEEN WITH JEEM MEDIAL FORM
	0xFD35 - presentationABase: "\u0633\u062D",                                                                                                 // ARABIC LIGATURE SEEN WITH HAH MEDIAL FORM
	0xFD36 - presentationABase: "\u0633\u062E",                                                                                                 // ARABIC LIGATURE SEEN WITH KHAH MEDIAL FORM
	0xFD37 - presentationABase: "\u0634\u062C",                                                                                                 // ARABIC LIGATURE SHEEN WITH JEEM MEDIAL FORM
	0xFD38 - presentationABase: "\u0634\u062D",                                                                                                 // ARABIC LIGATURE SHEEN WITH HAH MEDIAL FORM
	0xFD39 - presentationABase: "\u0634\u062E",                                                                                                 // ARABIC LIGATURE SHEEN WITH KHAH MEDIAL FORM
	0xFD3A - presentationABase: "\u0637\u0645",                                                                                                 // ARABIC LIGATURE TAH WITH MEEM MEDIAL FORM
	0xFD3B - presentationABase: "\u0638\u0645",                                                                                                 // ARABIC LIGATURE ZAH WITH MEEM MEDIAL FORM
	0xFD3C - presentationABase: "\u0627\u064B",                                                                                                 // ARABIC LIGATURE ALEF WITH FATHATAN FINAL FORM
	0xFD3D - presentationABase: "\u0627\u064B",                                                                                                 // ARABIC LIGATURE ALEF WITH FATHATAN ISOLATED FORM
	0xFD50 - presentationABase: "\u062A\u062C\u0645",                                                                                           // ARABIC LIGATURE TEH WITH JEEM WITH MEEM INITIAL FORM
	0xFD51 - presentationABase: "\u062A\u062D\u062C",                                                                                           // ARABIC LIGATURE TEH WITH HAH WITH JEEM FINAL FORM
	0xFD52 - presentationABase: "\u062A\u062D\u062C",                                                                                           // ARABIC LIGATURE TEH WITH HAH WITH JEEM INITIAL FORM
	0xFD53 - presentationABase: "\u062A\u062D\u0645",                                                                                           // ARABIC LIGATURE TEH WITH HAH WITH MEEM INITIAL FORM
	0xFD54 - presentationABase: "\u062A\u062E\u0645",                                                                                           // ARABIC LIGATURE TEH WITH KHAH WITH MEEM INITIAL FORM
	0xFD55 - presentationABase: "\u062A\u0645\u062C",                                                                                           // ARABIC LIGATURE TEH WITH MEEM WITH JEEM INITIAL FORM
	0xFD56 - presentationABase: "\u062A\u0645\u062D",                                                                                           // ARABIC LIGATURE TEH WITH MEEM WITH HAH INITIAL FORM
	0xFD57 - presentationABase: "\u062A\u0645\u062E",                                                                                           // ARABIC LIGATURE TEH WITH MEEM WITH KHAH INITIAL FORM
	0xFD58 - presentationABase: "\u062C\u0645\u062D",                                                                                           // ARABIC LIGATURE JEEM WITH MEEM WITH HAH FINAL FORM
	0xFD59 - presentationABase: "\u062C\u0645\u062D",                                                                                           // ARABIC LIGATURE JEEM WITH MEEM WITH HAH INITIAL FORM
	0xFD5A - presentationABase: "\u062D\u0645\u064A",                                                                                           // ARABIC LIGATURE HAH WITH MEEM WITH YEH FINAL FORM
	0xFD5B - presentationABase: "\u062D\u0645\u0649",                                                                                           // ARABIC LIGATURE HAH WITH MEEM WITH ALEF MAKSURA FINAL FORM
	0xFD5C - presentationABase: "\u0633\u062D\u062C",                                                                                           // ARABIC LIGATURE SEEN WITH HAH WITH JEEM INITIAL FORM
	0xFD5D - presentationABase: "\u0633\u062C\u062D",                                                                                           // ARABIC LIGATURE SEEN WITH JEEM WITH HAH INITIAL FORM
	0xFD5E - presentationABase: "\u0633\u062C\u0649",                                                                                           // ARABIC LIGATURE SEEN WITH JEEM WITH ALEF MAKSURA FINAL FORM
	0xFD5F - presentationABase: "\u0633\u0645\u062D",                                                                                           // ARABIC LIGATURE SEEN WITH MEEM WITH HAH FINAL FORM
	0xFD60 - presentationABase: "\u0633\u0645\u062D",                                                                                           // ARABIC LIGATURE SEEN WITH MEEM WITH HAH INITIAL FORM
	0xFD61 - presentationABase: "\u0633\u0645\u062C",                                                                                           // ARABIC LIGATURE SEEN WITH MEEM WITH JEEM INITIAL FORM
	0xFD62 - presentationABase: "\u0633\u0645\u0645",                                                                                           // ARABIC LIGATURE SEEN WITH MEEM WITH MEEM FINAL FORM
	0xFD63 - presentationABase: "\u0633\u0645\u0645",                                                                                           // ARABIC LIGATURE SEEN WITH MEEM WITH MEEM INITIAL FORM
	0xFD64 - presentationABase: "\u0635\u062D\u062D",                                                                                           // ARABIC LIGATURE SAD WITH HAH WITH HAH FINAL FORM
	0xFD65 - presentationABase: "\u0635\u062D\u062D",                                                                                           // ARABIC LIGATURE SAD WITH HAH WITH HAH INITIAL FORM
	0xFD66 - presentationABase: "\u0635\u0645\u0645",                                                                                           // ARABIC LIGATURE SAD WITH MEEM WITH MEEM FINAL FORM
	0xFD67 - presentationABase: "\u0634\u062D\u0645",                                                                                           // ARABIC LIGATURE SHEEN WITH HAH WITH MEEM FINAL FORM
	0xFD68 - presentationABase: "\u0634\u062D\u0645",                                                                                           // ARABIC LIGATURE SHEEN WITH HAH WITH MEEM INITIAL FORM
	0xFD69 - presentationABase: "\u0634\u062C\u064A",                                                                                           // ARABIC LIGATURE SHEEN WITH JEEM WITH YEH FINAL FORM
	0xFD6A - presentationABase: "\u0634\u0645\u062E",                                                                                           // ARABIC LIGATURE SHEEN WITH MEEM WITH KHAH FINAL FORM
	0xFD6B - presentationABase: "\u0634\u0645\u062E",                                                                                           // ARABIC LIGATURE SHEEN WITH MEEM WITH KHAH INITIAL FORM
	0xFD6C - presentationABase: "\u0634\u0645\u0645",                                                                                           // ARABIC LIGATURE SHEEN WITH MEEM WITH MEEM FINAL FORM
	0xFD6D - presentationABase: "\u0634\u0645\u0645",                                                                                           // ARABIC LIGATURE SHEEN WITH MEEM WITH MEEM INITIAL FORM
	0xFD6E - presentationABase: "\u0636\u062D\u0649",                                                                                           // ARABIC LIGATURE DAD WITH HAH WITH ALEF MAKSURA FINAL FORM
	0xFD6F - presentationABase: "\u0636\u062E\u0645",                                                                                           // ARABIC LIGATURE DAD WITH KHAH WITH MEEM FINAL FORM
	0xFD70 - presentationABase: "\u0636\u062E\u0645",                                                                                           // ARABIC LIGATURE DAD WITH KHAH WITH MEEM INITIAL FORM
	0xFD71 - presentationABase: "\u0637\u0645\u062D",                                                                                           // ARABIC LIGATURE TAH WITH MEEM WITH HAH FINAL FORM
	0xFD72 - presentationABase: "\u0637\u0645\u062D",                                                                                           // ARABIC LIGATURE TAH WITH MEEM WITH HAH INITIAL FORM
	0xFD73 - presentationABase: "\u0637\u0645\u0645",                                                                                           // ARABIC LIGATURE TAH WITH MEEM WITH MEEM INITIAL FORM
	0xFD74 - presentationABase: "\u0637\u0645\u064A",                                                                                           // ARABIC LIGATURE TAH WITH MEEM WITH YEH FINAL FORM
	0xFD75 - presentationABase: "\u0639\u062C\u0645",                                                                                           // ARABIC LIGATURE AIN WITH JEEM WITH MEEM FINAL FORM
	0xFD76 - presentationABase: "\u0639\u0645\u0645",                                                                                           // ARABIC LIGATURE AIN WITH MEEM WITH MEEM FINAL FORM
	0xFD77 - presentationABase: "\u0639\u0645\u0645",                                                                                           // ARABIC LIGATURE AIN WITH MEEM WITH MEEM INITIAL FORM
	0xFD78 - presentationABase: "\u0639\u0645\u0649",                                                                                           // ARABIC LIGATURE AIN WITH MEEM WITH ALEF MAKSURA FINAL FORM
	0xFD79 - presentationABase: "\u063A\u0645\u0645",                                                                                           // ARABIC LIGATURE GHAIN WITH MEEM WITH MEEM FINAL FORM
	0xFD7A - presentationABase: "\u063A\u0645\u064A",                                                                                           // ARABIC LIGATURE GHAIN WITH MEEM WITH YEH FINAL FORM
	0xFD7B - presentationABase: "\u063A\u0645\u0649",                                                                                           // ARABIC LIGATURE GHAIN WITH MEEM WITH ALEF MAKSURA FINAL FORM
	0xFD7C - presentationABase: "\u0641\u062E\u0645",                                                                                           // ARABIC LIGATURE FEH WITH KHAH WITH MEEM FINAL FORM
	0xFD7D - presentationABase: "\u0641\u062E\u0645",                                                                                           // ARABIC LIGATURE FEH WITH KHAH WITH MEEM INITIAL FORM
	0xFD7E - presentationABase: "\u0642\u0645\u062D",                                                                                           // ARABIC LIGATURE QAF WITH MEEM WITH HAH FINAL FORM
	0xFD7F - presentationABase: "\u0642\u0645\u0645",                                                                                           // ARABIC LIGATURE QAF WITH MEEM WITH MEEM FINAL FORM
	0xFD80 - presentationABase: "\u0644\u062D\u0645",                                                                                           // ARABIC LIGATURE LAM WITH HAH WITH MEEM FINAL FORM
	0xFD81 - presentationABase: "\u0644\u062D\u064A",                                                                                           // ARABIC LIGATURE LAM WITH HAH WITH YEH FINAL FORM
	0xFD82 - presentationABase: "\u0644\u062D\u0649",                                                                                           // ARABIC LIGATURE LAM WITH HAH WITH ALEF MAKSURA FINAL FORM
	0xFD83 - presentationABase: "\u0644\u062C\u062C",                                                                                           // ARABIC LIGATURE LAM WITH JEEM WITH JEEM INITIAL FORM
	0xFD84 - presentationABase: "\u0644\u062C\u062C",                                                                                           // ARABIC LIGATURE LAM WITH JEEM WITH JEEM FINAL FORM
	0xFD85 - presentationABase: "\u0644\u062E\u0645",                                                                                           // ARABIC LIGATURE LAM WITH KHAH WITH MEEM FINAL FORM
	0xFD86 - presentationABase: "\u0644\u062E\u0645",                                                                                           // ARABIC LIGATURE LAM WITH KHAH WITH MEEM INITIAL FORM
	0xFD87 - presentationABase: "\u0644\u0645\u062D",                                                                                           // ARABIC LIGATURE LAM WITH MEEM WITH HAH FINAL FORM
	0xFD88 - presentationABase: "\u0644\u0645\u062D",                                                                                           // ARABIC LIGATURE LAM WITH MEEM WITH HAH INITIAL FORM
	0xFD89 - presentationABase: "\u0645\u062D\u062C",                                                                                           // ARABIC LIGATURE MEEM WITH HAH WITH JEEM INITIAL FORM
	0xFD8A - presentationABase: "\u0645\u062D\u0645",                                                                                           // ARABIC LIGATURE MEEM WITH HAH WITH MEEM INITIAL FORM
	0xFD8B - presentationABase: "\u0645\u062D\u064A",                                                                                           // ARABIC LIGATURE MEEM WITH HAH WITH YEH FINAL FORM
	0xFD8C - presentationABase: "\u0645\u062C\u062D",                                                                                           // ARABIC LIGATURE MEEM WITH JEEM WITH HAH INITIAL FORM
	0xFD8D - presentationABase: "\u0645\u062C\u0645",                                                                                           // ARABIC LIGATURE MEEM WITH JEEM WITH MEEM INITIAL FORM
	0xFD8E - presentationABase: "\u0645\u062E\u062C",                                                                                           // ARABIC LIGATURE MEEM WITH KHAH WITH JEEM INITIAL FORM
	0xFD8F - presentationABase: "\u0645\u062E\u0645",                                                                                           // ARABIC LIGATURE MEEM WITH KHAH WITH MEEM INITIAL FORM
	0xFD92 - presentationABase: "\u0645\u062C\u062E",                                                                                           // ARABIC LIGATURE MEEM WITH JEEM WITH KHAH INITIAL FORM
	0xFD93 - presentationABase: "\u0647\u0645\u062C",                                                                                           // ARABIC LIGATURE HEH WITH MEEM WITH JEEM INITIAL FORM
	0xFD94 - presentationABase: "\u0647\u0645\u0645",                                                                                           // ARABIC LIGATURE HEH WITH MEEM WITH MEEM INITIAL FORM
	0xFD95 - presentationABase: "\u0646\u062D\u0645",                                                                                           // ARABIC LIGATURE NOON WITH HAH WITH MEEM INITIAL FORM
	0xFD96 - presentationABase: "\u0646\u062D\u0649",                                                                                           // ARABIC LIGATURE NOON WITH HAH WITH ALEF MAKSURA FINAL FORM
	0xFD97 - presentationABase: "\u0646\u062C\u0645",                                                                                           // ARABIC LIGATURE NOON WITH JEEM WITH MEEM FINAL FORM
	0xFD98 - presentationABase: "\u0646\u062C\u0645",                                                                                           // ARABIC LIGATURE NOON WITH JEEM WITH MEEM INITIAL FORM
	0xFD99 - presentationABase: "\u0646\u062C\u0649",                                                                                           // ARABIC LIGATURE NOON WITH JEEM WITH ALEF MAKSURA FINAL FORM
	0xFD9A - presentationABase: "\u0646\u0645\u064A",                                                                                           // ARABIC LIGATURE NOON WITH MEEM WITH YEH FINAL FORM
	0xFD9B - presentationABase: "\u0646\u0645\u0649",                                                                                           // ARABIC LIGATURE NOON WITH MEEM WITH ALEF MAKSURA FINAL FORM
	0xFD9C - presentationABase: "\u064A\u0645\u0645",                                                                                           // ARABIC LIGATURE YEH WITH MEEM WITH MEEM FINAL FORM
	0xFD9D - presentationABase: "\u064A\u0645\u0645",                                                                                           // ARABIC LIGATURE YEH WITH MEEM WITH MEEM INITIAL FORM
	0xFD9E - presentationABase: "\u0628\u062E\u064A",                                                                                           // ARABIC LIGATURE BEH WITH KHAH WITH YEH FINAL FORM
	0xFD9F - presentationABase: "\u062A\u062C\u064A",                                                                                           // ARABIC LIGATURE TEH WITH JEEM WITH YEH FINAL FORM
	0xFDA0 - presentationABase: "\u062A\u062C\u0649",                                                                                           // ARABIC LIGATURE TEH WITH JEEM WITH ALEF MAKSURA FINAL FORM
	0xFDA1 - presentationABase: "\u062A\u062E\u064A",                                                                                           // ARABIC LIGATURE TEH WITH KHAH WITH YEH FINAL FORM
	0xFDA2 - presentationABase: "\u062A\u062E\u0649",                                                                                           // ARABIC LIGATURE TEH WITH KHAH WITH ALEF MAKSURA FINAL FORM
	0xFDA3 - presentationABase: "\u062A\u0645\u064A",                                                                                           // ARABIC LIGATURE TEH WITH MEEM WITH YEH FINAL FORM
	0xFDA4 - presentationABase: "\u062A\u0645\u0649",                                                                                           // ARABIC LIGATURE TEH WITH MEEM WITH ALEF MAKSURA FINAL FORM
	0xFDA5 - presentationABase: "\u062C\u0645\u064A",                                                                                           // ARABIC LIGATURE JEEM WITH MEEM WITH YEH FINAL FORM
	0xFDA6 - presentationABase: "\u062C\u062D\u0649",                                                                                           // ARABIC LIGATURE JEEM WITH HAH WITH ALEF MAKSURA FINAL FORM
	0xFDA7 - presentationABase: "\u062C\u0645\u0649",                                                                                           // ARABIC LIGATURE JEEM WITH MEEM WITH ALEF MAKSURA FINAL FORM
	0xFDA8 - presentationABase: "\u0633\u062E\u0649",                                                                                           // ARABIC LIGATURE SEEN WITH KHAH WITH ALEF MAKSURA FINAL FORM
	0xFDA9 - presentationABase: "\u0635\u062D\u064A",                                                                                           // ARABIC LIGATURE SAD WITH HAH WITH YEH FINAL FORM
	0xFDAA - presentationABase: "\u0634\u062D\u064A",                                                                                           // ARABIC LIGATURE SHEEN WITH HAH WITH YEH FINAL FORM
	0xFDAB - presentationABase: "\u0636\u062D\u064A",                                                                                           // ARABIC LIGATURE DAD WITH HAH WITH YEH FINAL FORM
	0xFDAC - presentationABase: "\u0644\u062C\u064A",                                                                                           // ARABIC LIGATURE LAM WITH JEEM WITH YEH FINAL FORM
	0xFDAD - presentationABase: "\u0644\u0645\u064A",                                                                                           // ARABIC LIGATURE LAM WITH MEEM WITH YEH FINAL FORM
	0xFDAE - presentationABase: "\u064A\u062D\u064A",                                                                                           // ARABIC LIGATURE YEH WITH HAH WITH YEH FINAL FORM
	0xFDAF - presentationABase: "\u064A\u062C\u064A",                                                                                           // ARABIC LIGATURE YEH WITH JEEM WITH YEH FINAL FORM
	0xFDB0 - presentationABase: "\u064A\u0645\u064A",                                                                                           // ARABIC LIGATURE YEH WITH MEEM WITH YEH FINAL FORM
	0xFDB1 - presentationABase: "\u0645\u0645\u064A",                                                                                           // ARABIC LIGATURE MEEM WITH MEEM WITH YEH FINAL FORM
	0xFDB2 - presentationABase: "\u0642\u0645\u064A",                                                                                           // ARABIC LIGATURE QAF WITH MEEM WITH YEH FINAL FORM
	0xFDB3 - presentationABase: "\u0646\u062D\u064A",                                                                                           // ARABIC LIGATURE NOON WITH HAH WITH YEH FINAL FORM
	0xFDB4 - presentationABase: "\u0642\u0645\u062D",                                                                                           // ARABIC LIGATURE QAF WITH MEEM WITH HAH INITIAL FORM
	0xFDB5 - presentationABase: "\u0644\u062D\u0645",                                                                                           // ARABIC LIGATURE LAM WITH HAH WITH MEEM INITIAL FORM
	0xFDB6 - presentationABase: "\u0639\u0645\u064A",                                                                                           // ARABIC LIGATURE AIN WITH MEEM WITH YEH FINAL FORM
	0xFDB7 - presentationABase: "\u0643\u0645\u064A",                                                                                           // ARABIC LIGATURE KAF WITH MEEM WITH YEH FINAL FORM
	0xFDB8 - presentationABase: "\u0646\u062C\u062D",                                                                                           // ARABIC LIGATURE NOON WITH JEEM WITH HAH INITIAL FORM
	0xFDB9 - presentationABase: "\u0645\u062E\u064A",                                                                                           // ARABIC LIGATURE MEEM WITH KHAH WITH YEH FINAL FORM
	0xFDBA - presentationABase: "\u0644\u062C\u0645",                                                                                           // ARABIC LIGATURE LAM WITH JEEM WITH MEEM INITIAL FORM
	0xFDBB - presentationABase: "\u0643\u0645\u0645",                                                                                           // ARABIC LIGATURE KAF WITH MEEM WITH MEEM FINAL FORM
	0xFDBC - presentationABase: "\u0644\u062C\u0645",                                                                                           // ARABIC LIGATURE LAM WITH JEEM WITH MEEM FINAL FORM
	0xFDBD - presentationABase: "\u0646\u062C\u062D",                                                                                           // ARABIC LIGATURE NOON WITH JEEM WITH HAH FINAL FORM
	0xFDBE - presentationABase: "\u062C\u062D\u064A",                                                                                           // ARABIC LIGATURE JEEM WITH HAH WITH YEH FINAL FORM
	0xFDBF - presentationABase: "\u062D\u062C\u064A",                                                                                           // ARABIC LIGATURE HAH WITH JEEM WITH YEH FINAL FORM
	0xFDC0 - presentationABase: "\u0645\u062C\u064A",                                                                                           // ARABIC LIGATURE MEEM WITH JEEM WITH YEH FINAL FORM
	0xFDC1 - presentationABase: "\u0641\u0645\u064A",                                                                                           // ARABIC LIGATURE FEH WITH MEEM WITH YEH FINAL FORM
	0xFDC2 - presentationABase: "\u0628\u062D\u064A",                                                                                           // ARABIC LIGATURE BEH WITH HAH WITH YEH FINAL FORM
	0xFDC3 - presentationABase: "\u0643\u0645\u0645",                                                                                           // ARABIC LIGATURE KAF WITH MEEM WITH MEEM INITIAL FORM
	0xFDC4 - presentationABase: "\u0639\u062C\u0645",                                                                                           // ARABIC LIGATURE AIN WITH JEEM WITH MEEM INITIAL FORM
	0xFDC5 - presentationABase: "\u0635\u0645\u0645",                                                                                           // ARABIC LIGATURE SAD WITH MEEM WITH MEEM INITIAL FORM
	0xFDC6 - presentationABase: "\u0633\u062E\u064A",                                                                                           // ARABIC LIGATURE SEEN WITH KHAH WITH YEH FINAL FORM
	0xFDC7 - presentationABase: "\u0646\u062C\u064A",                                                                                           // ARABIC LIGATURE NOON WITH JEEM WITH YEH FINAL FORM
	0xFDF0 - presentationABase: "\u0635\u0644\u06D2",                                                                                           // ARABIC LIGATURE SALLA USED AS KORANIC STOP SIGN ISOLATED FORM
	0xFDF1 - presentationABase: "\u0642\u0644\u06D2",                                                                                           // ARABIC LIGATURE QALA USED AS KORANIC STOP SIGN ISOLATED FORM
	0xFDF2 - presentationABase: "\u0627\u0644\u0644\u0647",                                                                                     // ARABIC LIGATURE ALLAH ISOLATED FORM
	0xFDF3 - presentationABase: "\u0627\u0643\u0628\u0631",                                                                                     // ARABIC LIGATURE AKBAR ISOLATED FORM
	0xFDF4 - presentationABase: "\u0645\u062D\u0645\u062F",                                                                                     // ARABIC LIGATURE MOHAMMAD ISOLATED FORM
	0xFDF5 - presentationABase: "\u0635\u0644\u0639\u0645",                                                                                     // ARABIC LIGATURE SALAM ISOLATED FORM
	0xFDF6 - presentationABase: "\u0631\u0633\u0648\u0644",                                                                                     // ARABIC LIGATURE RASOUL ISOLATED FORM
	0xFDF7 - presentationABase: "\u0639\u0644\u064A\u0647",                                                                                     // ARABIC LIGATURE ALAYHE ISOLATED FORM
	0xFDF8 - presentationABase: "\u0648\u0633\u0644\u0645",                                                                                     // ARABIC LIGATURE WASALLAM ISOLATED FORM
	0xFDF9 - presentationABase: "\u0635\u0644\u0649",                                                                                           // ARABIC LIGATURE SALLA ISOLATED FORM
	0xFDFA - presentationABase: "\u0635\u0644\u0649\u0020\u0627\u0644\u0644\u0647\u0020\u0639\u0644\u064A\u0647\u0020\u0648\u0633\u0644\u0645", // ARABIC LIGATURE SALLALLAHOU ALAYHE WASALLAM
	0xFDFB - presentationABase: "\u062C\u0644\u0020\u062C\u0644\u0627\u0644\u0647",                                                             // ARABIC LIGATURE JALLAJALALOUHOU
	0xFDFC - presentationABase: "\u0631\u06CC\u0627\u0644",                                                                                     // RIAL SIGN
}

var presentationB = [0xFF00 - presentationBBase]string{
	0xFE70 - presentationBBase: "\u064B",       // ARABIC FATHATAN ISOLATED FORM
	0xFE71 - presentationBBase: "\u0640\u064B", // ARABIC TATWEEL WITH FATHATAN ABOVE
	0xFE72 - presentationBBase: "\u064C",       // ARABIC DAMMATAN ISOLATED FORM
	0xFE74 - presentationBBase: "\u064D",       // ARABIC KASRATAN ISOLATED FORM
	0xFE76 - presentationBBase: "\u064E",       // ARABIC FATHA ISOLATED FORM
	0xFE77 - presentationBBase: "\u0640\u064E", // ARABIC FATHA MEDIAL FORM
	0xFE78 - presentationBBase: "\u064F",       // ARABIC DAMMA ISOLATED FORM
	0xFE79 - presentationBBase: "\u0640\u064F", // ARABIC DAMMA MEDIAL FORM
	0xFE7A - presentationBBase: "\u0650",       // ARABIC KASRA ISOLATED FORM
	0xFE7B - presentationBBase: "\u0640\u0650", // ARABIC KASRA MEDIAL FORM
	0xFE7C - presentationBBase: "\u0651",       // ARABIC SHADDA ISOLATED FORM
	0xFE7D - presentationBBase: "\u0640\u0651", // ARABIC SHADDA MEDIAL FORM
	0xFE7E - presentationBBase: "\u0652",       // ARABIC SUKUN ISOLATED FORM
	0xFE7F - presentationBBase: "\u0640\u0652", // ARABIC SUKUN MEDIAL FORM
	0xFE80 - presentationBBase: "\u0621",       // ARABIC LETTER HAMZA ISOLATED FORM
	0xFE81 - presentationBBase: "\u0622",       // ARABIC LETTER ALEF WITH MADDA ABOVE ISOLATED FORM
	0xFE82 - presentationBBase: "\u0622",       // ARABIC LETTER ALEF WITH MADDA ABOVE FINAL FORM
	0xFE83 - presentationBBase: "\u0623",       // ARABIC LETTER ALEF WITH HAMZA ABOVE ISOLATED FORM
	0xFE84 - presentationBBase: "\u0623",       // ARABIC LETTER ALEF WITH HAMZA ABOVE FINAL FORM
	0xFE85 - presentationBBase: "\u0624",       // ARABIC LETTER WAW WITH HAMZA ABOVE ISOLATED FORM
	0xFE86 - presentationBBase: "\u0624",       // ARABIC LETTER WAW WITH HAMZA ABOVE FINAL FORM
	0xFE87 - presentationBBase: "\u0625",       // ARABIC LETTER ALEF WITH HAMZA BELOW ISOLATED FORM
	0xFE88 - presentationBBase: "\u0625",       // ARABIC LETTER ALEF WITH HAMZA BELOW FINAL FORM
	0xFE89 - presentationBBase: "\u0626",       // ARABIC LETTER YEH WITH HAMZA ABOVE ISOLATED FORM
	0xFE8A - presentationBBase: "\u0626",       // ARABIC LETTER YEH WITH HAMZA ABOVE FINAL FORM
	0xFE8B - presentationBBase: "\u0626",       // ARABIC LETTER YEH WITH HAMZA ABOVE INITIAL FORM
	0xFE8C - presentationBBase: "\u0626",       // ARABIC LETTER YEH WITH HAMZA ABOVE MEDIAL FORM
	0xFE8D - presentationBBase: "\u0627",       // ARABIC LETTER ALEF ISOLATED FORM
	0xFE8E - presentationBBase: "\u0627",       // ARABIC LETTER ALEF FINAL FORM
	0xFE8F - presentationBBase: "\u0628",       // ARABIC LETTER BEH ISOLATED FORM
	0xFE90 - presentationBBase: "\u0628",       // ARABIC LETTER BEH FINAL FORM
	0xFE91 - presentationBBase: "\u0628",       // ARABIC LETTER BEH INITIAL FORM
	0xFE92 - presentationBBase: "\u0628",       // ARABIC LETTER BEH MEDIAL FORM
	0xFE93 - presentationBBase: "\u0629",       // ARABIC LETTER TEH MARBUTA ISOLATED FORM
	0xFE94 - presentationBBase: "\u0629",       // ARABIC LETTER TEH MARBUTA FINAL FORM
	0xFE95 - presentationBBase: "\u062A",       // ARABIC LETTER TEH ISOLATED FORM
	0xFE96 - presentationBBase: "\u062A",       // ARABIC LETTER TEH FINAL FORM
	0xFE97 - presentationBBase: "\u062A",       // ARABIC LETTER TEH INITIAL FORM
	0xFE98 - presentationBBase: "\u062A",       // ARABIC LETTER TEH MEDIAL FORM
	0xFE99 - presentationBBase: "\u062B",       // ARABIC LETTER THEH ISOLATED FORM
	0xFE9A - presentationBBase: "\u062B",       // ARABIC LETTER THEH FINAL FORM
	0xFE9B - presentationBBase: "\u062B",       // ARABIC LETTER THEH INITIAL FORM
	0xFE9C - presentationBBase: "\u062B",       // ARABIC LETTER THEH MEDIAL FORM
	0xFE9D - presentationBBase: "\u062C",       // ARABIC LETTER JEEM ISOLATED FORM
	0xFE9E - presentationBBase: "\u062C",       // ARABIC LETTER JEEM FINAL FORM
	0xFE9F - presentationBBase: "\u062C",       // ARABIC LETTER JEEM INITIAL FORM
	0xFEA0 - presentationBBase: "\u062C",       // ARABIC LETTER JEEM MEDIAL FORM
	0xFEA1 - presentationBBase: "\u062D",       // ARABIC LETTER HAH ISOLATED FORM
	0xFEA2 - presentationBBase: "\u062D",       // ARABIC LETTER HAH FINAL FORM
	0xFEA3 - presentationBBase: "\u062D",       // ARABIC LETTER HAH INITIAL FORM
	0xFEA4 - presentationBBase: "\u062D",       // ARABIC LETTER HAH MEDIAL FORM
	0xFEA5 - presentationBBase: "\u062E",       // ARABIC LETTER KHAH ISOLATED FORM
	0xFEA6 - presentationBBase: "\u062E",       // ARABIC LETTER KHAH FINAL FORM
	0xFEA7 - presentationBBase: "\u062E",       // ARABIC LETTER KHAH INITIAL FORM
	0xFEA8 - presentationBBase: "\u062E",       // ARABIC LETTER KHAH MEDIAL FORM
	0xFEA9 - presentationBBase: "\u062F",       // ARABIC LETTER DAL ISOLATED FORM
	0xFEAA - presentationBBase: "\u062F",       // ARABIC LETTER DAL FINAL FORM
	0xFEAB - presentationBBase: "\u0630",       // ARABIC LETTER THAL ISOLATED FORM
	0xFEAC - presentationBBase: "\u0630",       // ARABIC LETTER THAL FINAL FORM
	0xFEAD - presentationBBase: "\u0631",       // ARABIC LETTER REH ISOLATED FORM
	0xFEAE - presentationBBase: "\u0631",       // ARABIC LETTER REH FINAL FORM
	0xFEAF - presentationBBase: "\u0632",       // ARABIC LETTER ZAIN ISOLATED FORM
	0xFEB0 - presentationBBase: "\u0632",       // ARABIC LETTER ZAIN FINAL FORM
	0xFEB1 - presentationBBase: "\u0633",       // ARABIC LETTER SEEN ISOLATED FORM
	0xFEB2 - presentationBBase: "\u0633",       // ARABIC LETTER SEEN FINAL FORM
	0xFEB3 - presentationBBase: "\u0633",       // ARABIC LETTER SEEN INITIAL FORM
	0xFEB4 - presentationBBase: "\u0633",       // ARABIC LETTER SEEN MEDIAL FORM
	0xFEB5 - presentationBBase: "\u0634",       // ARABIC LETTER SHEEN ISOLATED FORM
	0xFEB6 - presentationBBase: "\u0634",       // ARABIC LETTER SHEEN FINAL FORM
	0xFEB7 - presentationBBase: "\u0634",       // ARABIC LETTER SHEEN INITIAL FORM
	0xFEB8 - presentationBBase: "\u0634",       // ARABIC LETTER SHEEN MEDIAL FORM
	0xFEB9 - presentationBBase: "\u0635",       // ARABIC LETTER SAD ISOLATED FORM
	0xFEBA - presentationBBase: "\u0635",       // ARABIC LETTER SAD FINAL FORM
	0xFEBB - presentationBBase: "\u0635",       // ARABIC LETTER SAD INITIAL FORM
	0xFEBC - presentationBBase: "\u0635",       // ARABIC LETTER SAD MEDIAL FORM
	0xFEBD - presentationBBase: "\u0636",       // ARABIC LETTER DAD ISOLATED FORM
	0xFEBE - presentationBBase: "\u0636",       // ARABIC LETTER DAD FINAL FORM
	0xFEBF - presentationBBase: "\u0636",       // ARABIC LETTER DAD INITIAL FORM
	0xFEC0 - presentationBBase: "\u0636",       // ARABIC LETTER DAD MEDIAL FORM
	0xFEC1 - presentationBBase: "\u0637",       // ARABIC LETTER TAH ISOLATED FORM
	0xFEC2 - presentationBBase: "\u0637",       // ARABIC LETTER TAH FINAL FORM
	0xFEC3 - presentationBBase: "\u0637",       // ARABIC LETTER TAH INITIAL FORM
	0xFEC4 - presentationBBase: "\u0637",       // ARABIC LETTER TAH MEDIAL FORM
	0xFEC5 - presentationBBase: "\u0638",       // ARABIC LETTER ZAH ISOLATED FORM
	0xFEC6 - presentationBBase: "\u0638",       // ARABIC LETTER ZAH FINAL FORM
	0xFEC7 - presentationBBase: "\u0638",       // ARABIC LETTER ZAH INITIAL FORM
	0xFEC8 - presentationBBase: "\u0638",       // ARABIC LETTER ZAH MEDIAL FORM
	0xFEC9 - presentationBBase: "\u0639",       // ARABIC LETTER AIN ISOLATED FORM
	0xFECA - presentationBBase: "\u0639",       // ARABIC LETTER AIN FINAL FORM
	0xFECB - presentationBBase: "\u0639",       // ARABIC LETTER AIN INITIAL FORM
	0xFECC - presentationBBase: "\u0639",       // ARABIC LETTER AIN MEDIAL FORM
	0xFECD - presentationBBase: "\u063A",       // ARABIC LETTER GHAIN ISOLATED FORM
	0xFECE - presentationBBase: "\u063A",       // ARABIC LETTER GHAIN FINAL FORM
	0xFECF - presentationBBase: "\u063A",       // ARABIC LETTER GHAIN INITIAL FORM
	0xFED0 - presentationBBase: "\u063A",       // ARABIC LETTER GHAIN MEDIAL FORM
	0xFED1 - presentationBBase: "\u0641",       // ARABIC LETTER FEH ISOLATED FORM
	0xFED2 - presentationBBase: "\u0641",       // ARABIC LETTER FEH FINAL FORM
	0xFED3 - presentationBBase: "\u0641",       // ARABIC LETTER FEH INITIAL FORM
	0xFED4 - presentationBBase: "\u0641",       // ARABIC LETTER FEH MEDIAL FORM
	0xFED5 - presentationBBase: "\u0642",       // ARABIC LETTER QAF ISOLATED FORM
	0xFED6 - presentationBBase: "\u0642",       // ARABIC LETTER QAF FINAL FORM
	0xFED7 - presentationBBase: "\u0642",       // ARABIC LETTER QAF INITIAL FORM
	0xFED8 - presentationBBase: "\u0642",       // ARABIC LETTER QAF MEDIAL FORM
	0xFED9 - presentationBBase: "\u0643",       // ARABIC LETTER KAF ISOLATED FORM
	0xFEDA - presentationBBase: "\u0643",       // ARABIC LETTER KAF FINAL FORM
	0xFEDB - presentationBBase: "\u0643",       // ARABIC LETTER KAF INITIAL FORM
	0xFEDC - presentationBBase: "\u0643",       // ARABIC LETTER KAF MEDIAL FORM
	0xFEDD - presentationBBase: "\u0644",       // ARABIC LETTER LAM ISOLATED FORM
	0xFEDE - presentationBBase: "\u0644",       // ARABIC LETTER LAM FINAL FORM
	0xFEDF - presentationBBase: "\u0644",       // ARABIC LETTER LAM INITIAL FORM
	0xFEE0 - presentationBBase: "\u0644",       // ARABIC LETTER LAM MEDIAL FORM
	0xFEE1 - presentationBBase: "\u0645",       // ARABIC LETTER MEEM ISOLATED FORM
	0xFEE2 - presentationBBase: "\u0645",       // ARABIC LETTER MEEM FINAL FORM
	0xFEE3 - presentationBBase: "\u0645",       // ARABIC LETTER MEEM INITIAL FORM
	0xFEE4 - presentationBBase: "\u0645",       // ARABIC LETTER MEEM MEDIAL FORM
	0xFEE5 - presentationBBase: "\u0646",       // ARABIC LETTER NOON ISOLATED FORM
	0xFEE6 - presentationBBase: "\u0646",       // ARABIC LETTER NOON FINAL FORM
	0xFEE7 - presentationBBase: "\u0646",       // ARABIC LETTER NOON INITIAL FORM
	0xFEE8 - presentationBBase: "\u0646",       // ARABIC LETTER NOON MEDIAL FORM
	0xFEE9 - presentationBBase: "\u0647",       // ARABIC LETTER HEH ISOLATED FORM
	0xFEEA - presentationBBase: "\u0647",       // ARABIC LETTER HEH FINAL FORM
	0xFEEB - presentationBBase: "\u0647",       // ARABIC LETTER HEH INITIAL FORM
	0xFEEC - presentationBBase: "\u0647",       // ARABIC LETTER HEH MEDIAL FORM
	0xFEED - presentationBBase: "\u0648",       // ARABIC LETTER WAW ISOLATED FORM
	0xFEEE - presentationBBase: "\u0648",       // ARABIC LETTER WAW FINAL FORM
	0xFEEF - presentationBBase: "\u0649",       // ARABIC LETTER ALEF MAKSURA ISOLATED FORM
	0xFEF0 - presentationBBase: "\u0649",       // ARABIC LETTER ALEF MAKSURA FINAL FORM
	0xFEF1 - presentationBBase: "\u064A",       // ARABIC LETTER YEH ISOLATED FORM
	0xFEF2 - presentationBBase: "\u064A",       // ARABIC LETTER YEH FINAL FORM
	0xFEF3 - presentationBBase: "\u064A",       // ARABIC LETTER YEH INITIAL FORM
	0xFEF4 - presentationBBase: "\u064A",       // ARABIC LETTER YEH MEDIAL FORM
	0xFEF5 - presentationBBase: "\u0644\u0622", // ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE ISOLATED FORM
	0xFEF6 - presentationBBase: "\u0644\u0622", // ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE FINAL FORM
	0xFEF7 - presentationBBase: "\u0644\u0623", // ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE ISOLATED FORM
	0xFEF8 - presentationBBase: "\u0644\u0623", // ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE FINAL FORM
	0xFEF9 - presentationBBase: "\u0644\u0625", // ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW ISOLATED FORM
	0xFEFA - presentationBBase: "\u0644\u0625", // ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW FINAL FORM
	0xFEFB - presentationBBase: "\u0644\u0627", // ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM
	0xFEFC - presentationBBase: "\u0644\u0627", // ARABIC LIGATURE LAM WITH ALEF FINAL FORM
}
