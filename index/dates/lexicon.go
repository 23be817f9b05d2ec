package dates

import (
	"sort"
	"strings"
)

// wordKind says what a lexicon phrase means.
type wordKind uint8

const (
	kGregMonth   wordKind = iota + 1 // val: month 1–12
	kHijriMonth                      // val: month 1–12
	kWeekday                         // val: 0 Sunday … 6 Saturday
	kPrefix                          // a word that introduces a publication date
	kGregMarker                      // م، ميلادي: the year before is Gregorian
	kHijriMarker                     // هـ، هجري: the year before is Hijri
	kMeridiem                        // val: one of the mer… constants
	kZone                            // val: UTC offset in seconds
	kZoneIntro                       // بتوقيت: a place-named zone follows
	kZonePlace                       // val: UTC offset in seconds, after kZoneIntro
	kClock                           // الساعة: an hour follows
	kRelTrigger                      // منذ، قبل
	kRelUnit                         // val: unit; count in the entry
	kRelDay                          // val: days to add to today (0, -1, -2)
	kNumberWord                      // val: the number
	kAgo                             // English "ago"
	kConnector                       // الموافق: joins a Hijri and a Gregorian date
)

// Meridiem words and how they move an hour given on a 12-hour clock.
const (
	merAM    = iota + 1 // ص، صباحا: 12 becomes 0
	merPM               // م، مساء: 1–11 become 13–23
	merNoon             // ظهرا: 1–5 become 13–17
	merNight            // ليلا: 6–11 become 18–23, 12 becomes 0
)

// Relative units.
const (
	unitNow = iota + 1
	unitSecond
	unitMinute
	unitHour
	unitDay
	unitWeek
	unitMonth
	unitYear
)

// entry is one phrase of the lexicon: the words after the first (rest),
// what it means, its value and, for relative units, the count the word
// itself carries (1 for a singular, 2 for a dual, 0 when a number must
// precede it).
type entry struct {
	rest  []string
	kind  wordKind
	val   int
	count int
}

// phrase lists are written in ordinary spelling; they are normalized the
// same way as the input when the lexicon is built.
type phrase struct {
	text  string
	kind  wordKind
	val   int
	count int
}

var phrases = []phrase{
	// Levant and Iraq.
	{"كانون الثاني", kGregMonth, 1, 0}, {"كانون ثاني", kGregMonth, 1, 0},
	{"شباط", kGregMonth, 2, 0}, {"آذار", kGregMonth, 3, 0}, {"نيسان", kGregMonth, 4, 0},
	{"أيار", kGregMonth, 5, 0}, {"حزيران", kGregMonth, 6, 0}, {"تموز", kGregMonth, 7, 0},
	{"آب", kGregMonth, 8, 0}, {"أيلول", kGregMonth, 9, 0},
	{"تشرين الأول", kGregMonth, 10, 0}, {"تشرين أول", kGregMonth, 10, 0},
	{"تشرين الثاني", kGregMonth, 11, 0}, {"تشرين ثاني", kGregMonth, 11, 0},
	{"كانون الأول", kGregMonth, 12, 0}, {"كانون أول", kGregMonth, 12, 0},
	// Egypt and the Gulf.
	{"يناير", kGregMonth, 1, 0}, {"فبراير", kGregMonth, 2, 0}, {"فبرابر", kGregMonth, 2, 0},
	{"مارس", kGregMonth, 3, 0}, {"أبريل", kGregMonth, 4, 0}, {"مايو", kGregMonth, 5, 0},
	{"يونيو", kGregMonth, 6, 0}, {"يونيه", kGregMonth, 6, 0},
	{"يوليو", kGregMonth, 7, 0}, {"يوليه", kGregMonth, 7, 0},
	{"أغسطس", kGregMonth, 8, 0}, {"سبتمبر", kGregMonth, 9, 0}, {"سيبتمبر", kGregMonth, 9, 0},
	{"أكتوبر", kGregMonth, 10, 0}, {"نوفمبر", kGregMonth, 11, 0}, {"ديسمبر", kGregMonth, 12, 0},
	// Morocco and Mauritania.
	{"ماي", kGregMonth, 5, 0}, {"يوليوز", kGregMonth, 7, 0}, {"غشت", kGregMonth, 8, 0},
	{"شتنبر", kGregMonth, 9, 0}, {"نونبر", kGregMonth, 11, 0}, {"دجنبر", kGregMonth, 12, 0},
	// Algeria and Tunisia.
	{"جانفي", kGregMonth, 1, 0}, {"فيفري", kGregMonth, 2, 0}, {"أفريل", kGregMonth, 4, 0},
	{"جوان", kGregMonth, 6, 0}, {"جويلية", kGregMonth, 7, 0}, {"جويليه", kGregMonth, 7, 0},
	{"أوت", kGregMonth, 8, 0},
	// English.
	{"jan", kGregMonth, 1, 0}, {"january", kGregMonth, 1, 0},
	{"feb", kGregMonth, 2, 0}, {"february", kGregMonth, 2, 0},
	{"mar", kGregMonth, 3, 0}, {"march", kGregMonth, 3, 0},
	{"apr", kGregMonth, 4, 0}, {"april", kGregMonth, 4, 0},
	{"may", kGregMonth, 5, 0},
	{"jun", kGregMonth, 6, 0}, {"june", kGregMonth, 6, 0},
	{"jul", kGregMonth, 7, 0}, {"july", kGregMonth, 7, 0},
	{"aug", kGregMonth, 8, 0}, {"august", kGregMonth, 8, 0},
	{"sep", kGregMonth, 9, 0}, {"sept", kGregMonth, 9, 0}, {"september", kGregMonth, 9, 0},
	{"oct", kGregMonth, 10, 0}, {"october", kGregMonth, 10, 0},
	{"nov", kGregMonth, 11, 0}, {"november", kGregMonth, 11, 0},
	{"dec", kGregMonth, 12, 0}, {"december", kGregMonth, 12, 0},

	// Hijri months.
	{"محرم", kHijriMonth, 1, 0}, {"المحرم", kHijriMonth, 1, 0},
	{"صفر", kHijriMonth, 2, 0},
	{"ربيع الأول", kHijriMonth, 3, 0}, {"ربيع أول", kHijriMonth, 3, 0}, {"ربيع الاول", kHijriMonth, 3, 0},
	{"ربيع الآخر", kHijriMonth, 4, 0}, {"ربيع الثاني", kHijriMonth, 4, 0}, {"ربيع ثاني", kHijriMonth, 4, 0},
	{"ربيع آخر", kHijriMonth, 4, 0},
	{"جمادى الأولى", kHijriMonth, 5, 0}, {"جمادى الأول", kHijriMonth, 5, 0}, {"جمادى أولى", kHijriMonth, 5, 0},
	{"جمادى أول", kHijriMonth, 5, 0}, {"جماد الأول", kHijriMonth, 5, 0}, {"جمادي الأولى", kHijriMonth, 5, 0},
	{"جمادى الآخرة", kHijriMonth, 6, 0}, {"جمادى الآخر", kHijriMonth, 6, 0}, {"جمادى الثانية", kHijriMonth, 6, 0},
	{"جمادى الثاني", kHijriMonth, 6, 0}, {"جمادى آخرة", kHijriMonth, 6, 0}, {"جمادى ثاني", kHijriMonth, 6, 0},
	{"جماد الثاني", kHijriMonth, 6, 0}, {"جماد الآخر", kHijriMonth, 6, 0},
	{"رجب", kHijriMonth, 7, 0}, {"شعبان", kHijriMonth, 8, 0}, {"رمضان", kHijriMonth, 9, 0},
	{"شوال", kHijriMonth, 10, 0},
	{"ذو القعدة", kHijriMonth, 11, 0}, {"ذي القعدة", kHijriMonth, 11, 0}, {"ذوالقعدة", kHijriMonth, 11, 0},
	{"ذو القعده", kHijriMonth, 11, 0},
	{"ذو الحجة", kHijriMonth, 12, 0}, {"ذي الحجة", kHijriMonth, 12, 0}, {"ذوالحجة", kHijriMonth, 12, 0},

	// Weekdays.
	{"الأحد", kWeekday, 0, 0}, {"أحد", kWeekday, 0, 0},
	{"الإثنين", kWeekday, 1, 0}, {"الاثنين", kWeekday, 1, 0}, {"اثنين", kWeekday, 1, 0}, {"الإتنين", kWeekday, 1, 0},
	{"الثلاثاء", kWeekday, 2, 0}, {"ثلاثاء", kWeekday, 2, 0},
	{"الأربعاء", kWeekday, 3, 0}, {"أربعاء", kWeekday, 3, 0},
	{"الخميس", kWeekday, 4, 0}, {"خميس", kWeekday, 4, 0},
	{"الجمعة", kWeekday, 5, 0}, {"جمعة", kWeekday, 5, 0},
	{"السبت", kWeekday, 6, 0}, {"سبت", kWeekday, 6, 0},
	{"sun", kWeekday, 0, 0}, {"sunday", kWeekday, 0, 0},
	{"mon", kWeekday, 1, 0}, {"monday", kWeekday, 1, 0},
	{"tue", kWeekday, 2, 0}, {"tues", kWeekday, 2, 0}, {"tuesday", kWeekday, 2, 0},
	{"wed", kWeekday, 3, 0}, {"wednesday", kWeekday, 3, 0},
	{"thu", kWeekday, 4, 0}, {"thur", kWeekday, 4, 0}, {"thurs", kWeekday, 4, 0}, {"thursday", kWeekday, 4, 0},
	{"fri", kWeekday, 5, 0}, {"friday", kWeekday, 5, 0},
	{"sat", kWeekday, 6, 0}, {"saturday", kWeekday, 6, 0},

	// Words that introduce a date line.
	{"نشر", kPrefix, 0, 0}, {"نشرت", kPrefix, 0, 0}, {"منشور", kPrefix, 0, 0}, {"بتاريخ", kPrefix, 0, 0},
	{"تاريخ", kPrefix, 0, 0}, {"التاريخ", kPrefix, 0, 0}, {"النشر", kPrefix, 0, 0},
	{"في", kPrefix, 0, 0}, {"يوم", kPrefix, 0, 0}, {"آخر", kPrefix, 0, 0}, {"تحديث", kPrefix, 0, 0},
	{"التحديث", kPrefix, 0, 0}, {"تعديل", kPrefix, 0, 0}, {"التعديل", kPrefix, 0, 0},
	{"محدث", kPrefix, 0, 0}, {"تم", kPrefix, 0, 0}, {"الخبر", kPrefix, 0, 0}, {"المقال", kPrefix, 0, 0},
	{"published", kPrefix, 0, 0}, {"updated", kPrefix, 0, 0}, {"posted", kPrefix, 0, 0},
	{"last", kPrefix, 0, 0}, {"on", kPrefix, 0, 0}, {"date", kPrefix, 0, 0},

	// Calendar markers after a year.
	{"م", kGregMarker, 0, 0}, {"ميلادي", kGregMarker, 0, 0}, {"ميلادية", kGregMarker, 0, 0},
	{"للميلاد", kGregMarker, 0, 0},
	{"هـ", kHijriMarker, 0, 0}, {"ه", kHijriMarker, 0, 0}, {"هجري", kHijriMarker, 0, 0},
	{"هجرية", kHijriMarker, 0, 0}, {"للهجرة", kHijriMarker, 0, 0}, {"ah", kHijriMarker, 0, 0},
	{"الموافق", kConnector, 0, 0}, {"الموافق ل", kConnector, 0, 0}, {"الموافق لـ", kConnector, 0, 0},
	{"يوافق", kConnector, 0, 0}, {"الموافقة", kConnector, 0, 0}, {"الموافق له", kConnector, 0, 0},

	// Times of day.
	{"ص", kMeridiem, merAM, 0}, {"صباحا", kMeridiem, merAM, 0}, {"صباح", kMeridiem, merAM, 0},
	{"صباحًا", kMeridiem, merAM, 0}, {"فجرا", kMeridiem, merAM, 0}, {"فجر", kMeridiem, merAM, 0},
	{"am", kMeridiem, merAM, 0},
	{"م", kMeridiem, merPM, 0}, {"مساء", kMeridiem, merPM, 0}, {"مساءا", kMeridiem, merPM, 0},
	{"مسا", kMeridiem, merPM, 0}, {"عصرا", kMeridiem, merPM, 0}, {"عصر", kMeridiem, merPM, 0},
	{"بعد الظهر", kMeridiem, merPM, 0}, {"pm", kMeridiem, merPM, 0},
	{"ظهرا", kMeridiem, merNoon, 0}, {"ظهر", kMeridiem, merNoon, 0}, {"الظهر", kMeridiem, merNoon, 0},
	{"ليلا", kMeridiem, merNight, 0}, {"ليل", kMeridiem, merNight, 0},
	{"الساعة", kClock, 0, 0}, {"ساعة", kClock, 0, 0}, {"تمام الساعة", kClock, 0, 0},
	{"في تمام الساعة", kClock, 0, 0}, {"عند الساعة", kClock, 0, 0}, {"at", kClock, 0, 0},

	// Time zones.
	{"gmt", kZone, 0, 0}, {"utc", kZone, 0, 0}, {"ut", kZone, 0, 0}, {"z", kZone, 0, 0},
	{"est", kZone, -5 * 3600, 0}, {"edt", kZone, -4 * 3600, 0}, {"cst", kZone, -6 * 3600, 0},
	{"cdt", kZone, -5 * 3600, 0}, {"mst", kZone, -7 * 3600, 0}, {"mdt", kZone, -6 * 3600, 0},
	{"pst", kZone, -8 * 3600, 0}, {"pdt", kZone, -7 * 3600, 0}, {"bst", kZone, 3600, 0},
	{"cet", kZone, 3600, 0}, {"cest", kZone, 2 * 3600, 0}, {"eet", kZone, 2 * 3600, 0},
	{"eest", kZone, 3 * 3600, 0}, {"msk", kZone, 3 * 3600, 0},
	{"غرينتش", kZone, 0, 0}, {"جرينتش", kZone, 0, 0}, {"غرينيتش", kZone, 0, 0}, {"جرينيتش", kZone, 0, 0},
	{"غرنتش", kZone, 0, 0},
	{"بتوقيت", kZoneIntro, 0, 0}, {"توقيت", kZoneIntro, 0, 0}, {"حسب توقيت", kZoneIntro, 0, 0},
	// Places whose clocks keep one offset all year.
	{"مكة", kZonePlace, 3 * 3600, 0}, {"مكة المكرمة", kZonePlace, 3 * 3600, 0},
	{"السعودية", kZonePlace, 3 * 3600, 0}, {"الرياض", kZonePlace, 3 * 3600, 0},
	{"بغداد", kZonePlace, 3 * 3600, 0}, {"العراق", kZonePlace, 3 * 3600, 0},
	{"الدوحة", kZonePlace, 3 * 3600, 0}, {"قطر", kZonePlace, 3 * 3600, 0},
	{"الكويت", kZonePlace, 3 * 3600, 0}, {"المنامة", kZonePlace, 3 * 3600, 0},
	{"البحرين", kZonePlace, 3 * 3600, 0}, {"صنعاء", kZonePlace, 3 * 3600, 0},
	{"أبوظبي", kZonePlace, 4 * 3600, 0}, {"أبو ظبي", kZonePlace, 4 * 3600, 0},
	{"الإمارات", kZonePlace, 4 * 3600, 0}, {"دبي", kZonePlace, 4 * 3600, 0},
	{"مسقط", kZonePlace, 4 * 3600, 0},
	{"الجزائر", kZonePlace, 3600, 0}, {"تونس", kZonePlace, 3600, 0},
	{"الخرطوم", kZonePlace, 2 * 3600, 0},

	// Relative dates.
	{"منذ", kRelTrigger, 0, 0}, {"قبل", kRelTrigger, 0, 0},
	{"قليل", kRelUnit, unitNow, 1}, {"لحظات", kRelUnit, unitNow, 1}, {"دقائق قليلة", kRelUnit, unitNow, 1},
	{"ثانية", kRelUnit, unitSecond, 1}, {"ثوان", kRelUnit, unitSecond, 0}, {"ثواني", kRelUnit, unitSecond, 0},
	{"ثانيتين", kRelUnit, unitSecond, 2},
	{"دقيقة", kRelUnit, unitMinute, 1}, {"دقائق", kRelUnit, unitMinute, 0}, {"دقيقتين", kRelUnit, unitMinute, 2},
	{"دقيقتان", kRelUnit, unitMinute, 2}, {"د", kRelUnit, unitMinute, 0},
	{"ساعة", kRelUnit, unitHour, 1}, {"ساعات", kRelUnit, unitHour, 0}, {"ساعتين", kRelUnit, unitHour, 2},
	{"ساعتان", kRelUnit, unitHour, 2}, {"س", kRelUnit, unitHour, 0},
	{"يوم", kRelUnit, unitDay, 1}, {"أيام", kRelUnit, unitDay, 0}, {"يومين", kRelUnit, unitDay, 2},
	{"يومان", kRelUnit, unitDay, 2},
	{"أسبوع", kRelUnit, unitWeek, 1}, {"أسابيع", kRelUnit, unitWeek, 0}, {"أسبوعين", kRelUnit, unitWeek, 2},
	{"أسبوعان", kRelUnit, unitWeek, 2},
	{"شهر", kRelUnit, unitMonth, 1}, {"أشهر", kRelUnit, unitMonth, 0}, {"شهور", kRelUnit, unitMonth, 0},
	{"شهرين", kRelUnit, unitMonth, 2}, {"شهران", kRelUnit, unitMonth, 2},
	{"سنة", kRelUnit, unitYear, 1}, {"سنوات", kRelUnit, unitYear, 0}, {"سنين", kRelUnit, unitYear, 0},
	{"سنتين", kRelUnit, unitYear, 2}, {"عام", kRelUnit, unitYear, 1}, {"أعوام", kRelUnit, unitYear, 0},
	{"عامين", kRelUnit, unitYear, 2},
	{"second", kRelUnit, unitSecond, 0}, {"seconds", kRelUnit, unitSecond, 0},
	{"minute", kRelUnit, unitMinute, 0}, {"minutes", kRelUnit, unitMinute, 0}, {"min", kRelUnit, unitMinute, 0},
	{"mins", kRelUnit, unitMinute, 0},
	{"hour", kRelUnit, unitHour, 0}, {"hours", kRelUnit, unitHour, 0}, {"hr", kRelUnit, unitHour, 0},
	{"hrs", kRelUnit, unitHour, 0},
	{"day", kRelUnit, unitDay, 0}, {"days", kRelUnit, unitDay, 0},
	{"week", kRelUnit, unitWeek, 0}, {"weeks", kRelUnit, unitWeek, 0},
	{"month", kRelUnit, unitMonth, 0}, {"months", kRelUnit, unitMonth, 0},
	{"year", kRelUnit, unitYear, 0}, {"years", kRelUnit, unitYear, 0},
	{"ago", kAgo, 0, 0},
	{"اليوم", kRelDay, 0, 0}, {"today", kRelDay, 0, 0},
	{"أمس", kRelDay, -1, 0}, {"الأمس", kRelDay, -1, 0}, {"البارحة", kRelDay, -1, 0}, {"yesterday", kRelDay, -1, 0},
	{"أول أمس", kRelDay, -2, 0}, {"أول من أمس", kRelDay, -2, 0}, {"أول امس", kRelDay, -2, 0},
	{"واحد", kNumberWord, 1, 0}, {"واحدة", kNumberWord, 1, 0}, {"a", kNumberWord, 1, 0}, {"an", kNumberWord, 1, 0},
	{"اثنين", kNumberWord, 2, 0}, {"اثنتين", kNumberWord, 2, 0},
	{"ثلاث", kNumberWord, 3, 0}, {"ثلاثة", kNumberWord, 3, 0},
	{"أربع", kNumberWord, 4, 0}, {"أربعة", kNumberWord, 4, 0},
	{"خمس", kNumberWord, 5, 0}, {"خمسة", kNumberWord, 5, 0},
	{"ست", kNumberWord, 6, 0}, {"ستة", kNumberWord, 6, 0},
	{"سبع", kNumberWord, 7, 0}, {"سبعة", kNumberWord, 7, 0},
	{"ثماني", kNumberWord, 8, 0}, {"ثمان", kNumberWord, 8, 0}, {"ثمانية", kNumberWord, 8, 0},
	{"تسع", kNumberWord, 9, 0}, {"تسعة", kNumberWord, 9, 0},
	{"عشر", kNumberWord, 10, 0}, {"عشرة", kNumberWord, 10, 0},
}

// lexicon maps the first normalized word of each phrase to its entries,
// longest phrases first. It is built once and never changed.
var lexicon = buildLexicon(phrases)

func buildLexicon(ps []phrase) map[string][]entry {
	lex := make(map[string][]entry, len(ps))
	for _, p := range ps {
		words := strings.Fields(normalizeWord(p.text))
		if len(words) == 0 {
			continue
		}
		e := entry{rest: words[1:], kind: p.kind, val: p.val, count: p.count}
		lex[words[0]] = append(lex[words[0]], e)
	}
	for k := range lex {
		es := lex[k]
		sort.SliceStable(es, func(i, j int) bool { return len(es[i].rest) > len(es[j].rest) })
	}
	return lex
}

// normalizeWord folds a lexicon phrase the way tokenize folds the input.
func normalizeWord(s string) string {
	var b strings.Builder
	for _, r := range s {
		if n, drop := normRune(r); !drop {
			b.WriteRune(n)
		}
	}
	return b.String()
}

// lookup matches a phrase of the given kind at toks[i]. It returns the entry
// and the index after the phrase.
func lookup(toks []token, i int, kind wordKind) (entry, int, bool) {
	if i < 0 || i >= len(toks) || toks[i].kind != tkWord {
		return entry{}, i, false
	}
	for _, e := range lexicon[toks[i].text] {
		if e.kind != kind {
			continue
		}
		j := i + 1
		ok := true
		for _, w := range e.rest {
			if j >= len(toks) || toks[j].kind != tkWord || toks[j].text != w {
				ok = false
				break
			}
			j++
		}
		if ok {
			return e, j, true
		}
	}
	return entry{}, i, false
}
