package dates

import (
	"fmt"
	"time"
)

type mode uint8

const (
	modeParse mode = iota + 1 // a whole line: month precision and bare أمس allowed
	modeFind                  // running text: complete dates only
)

// clock is a time of day, possibly with a zone.
type clock struct {
	ok               bool
	hour, min, sec   int
	zoned, zoneKnown bool
	offset           int // seconds east of UTC, when zoneKnown
	next             int // token index after the time (and zone)
}

// match is a date found at toks[start:end].
type match struct {
	start, end int
	cal        string
	y, m, d    int // in cal
	prec       Precision
	clock      clock

	rel      bool
	relUnit  int
	relCount int // units before now
	relDays  int // for أمس/اليوم: days to add
}

// dateAt matches a date beginning at toks[i]. ok says a date is written
// there; err says it is not a valid one (31/2/2020).
func dateAt(toks []token, i int, md mode) (match, bool, error) {
	if m, ok, err := absAt(toks, i, md, true); ok {
		return m, ok, err
	}
	return relAt(toks, i, md)
}

// absAt matches an absolute date and, when pair is set, a date of the other
// calendar printed beside it.
func absAt(toks []token, i int, md mode, pair bool) (match, bool, error) {
	m, ok := numericAt(toks, i)
	if !ok {
		m, ok = dayFirstAt(toks, i)
	}
	if !ok {
		m, ok = monthFirstAt(toks, i)
	}
	if !ok && md == modeParse {
		m, ok = monthYearAt(toks, i)
	}
	if !ok {
		return match{}, false, nil
	}
	jdn, err := m.validate()
	if err != nil || !pair || m.prec != PrecisionDay {
		return m, true, err
	}
	// A second date on the other calendar: "… هـ الموافق 20 ديسمبر 2025 م",
	// "21 ديسمبر 2025 - 1 رجب 1447 هـ".
	k := m.end
	for n := 0; n < 3 && k < len(toks); n++ {
		if _, k2, ok := lookup(toks, k, kConnector); ok {
			k = k2
			continue
		}
		if toks[k].kind == tkPunct && isOneOf(toks[k].text, "-/|(,،") {
			k++
			continue
		}
		if _, k2, ok := lookup(toks, k, kWeekday); ok {
			k = k2
			continue
		}
		break
	}
	o, ok, err := absAt(toks, k, modeFind, false)
	if !ok || err != nil || o.cal == m.cal || o.prec != PrecisionDay {
		return m, true, nil
	}
	ojdn, _ := o.validate()
	if diff := ojdn - jdn; diff > maxHijriDrift || diff < -maxHijriDrift {
		return m, true, fmt.Errorf("%w: %d-%02d-%02d %s is %d days from %d-%02d-%02d %s",
			ErrMismatch, m.y, m.m, m.d, m.cal, diff, o.y, o.m, o.d, o.cal)
	}
	end := o.end
	if end < len(toks) && toks[end].kind == tkPunct && toks[end].text == ")" {
		end++
	}
	if o.cal == Gregorian {
		o.start = m.start
		if !o.clock.ok {
			o.clock = m.clock
		}
		m = o
	}
	m.end = end
	return m, true, nil
}

// validate checks the ranges of a date and returns its Julian day number.
func (m *match) validate() (int, error) {
	if m.cal == Hijri {
		if err := checkHijri(m.y, m.m, m.d); err != nil {
			return 0, err
		}
		return hijriToJDN(m.y, m.m, m.d), nil
	}
	if m.y < minGregorianYear || m.y > maxGregorianYear {
		return 0, fmt.Errorf("%w: year %d outside %d–%d", ErrOutOfRange, m.y, minGregorianYear, maxGregorianYear)
	}
	if m.m < 1 || m.m > 12 {
		return 0, fmt.Errorf("%w: month %d", ErrOutOfRange, m.m)
	}
	if n := daysIn(m.y, m.m); m.d < 1 || m.d > n {
		return 0, fmt.Errorf("%w: day %d of %s %d which has %d days", ErrOutOfRange, m.d, time.Month(m.m), m.y, n)
	}
	return gregorianToJDN(m.y, m.m, m.d), nil
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func isOneOf(s, set string) bool {
	for _, r := range set {
		if s == string(r) {
			return true
		}
	}
	return false
}

func punctAt(toks []token, i int, set string) bool {
	return i >= 0 && i < len(toks) && toks[i].kind == tkPunct && isOneOf(toks[i].text, set)
}

func numAt(toks []token, i, minDigits, maxDigits int) (int, bool) {
	if i < 0 || i >= len(toks) || toks[i].kind != tkNum || toks[i].digits < minDigits || toks[i].digits > maxDigits {
		return 0, false
	}
	return toks[i].val, true
}

// calendarMarker reads an optional م/هـ after a year. It returns the
// calendar it names ("" for none) and the index after it.
func calendarMarker(toks []token, i int) (string, int) {
	if _, j, ok := lookup(toks, i, kHijriMarker); ok {
		if punctAt(toks, j, ".") && j == i+1 && toks[j].start == toks[i].end {
			j++
		}
		return Hijri, j
	}
	if _, j, ok := lookup(toks, i, kGregMarker); ok {
		return Gregorian, j
	}
	return "", i
}

// numericAt matches 23/6/2017, 23-06-2017, 23.06.2017 and 2017-06-23.
func numericAt(toks []token, i int) (match, bool) {
	if i+4 >= len(toks) || toks[i].kind != tkNum || toks[i+2].kind != tkNum || toks[i+4].kind != tkNum {
		return match{}, false
	}
	if !punctAt(toks, i+1, "/-.") || toks[i+3].kind != tkPunct || toks[i+3].text != toks[i+1].text {
		return match{}, false
	}
	a, b, c := toks[i], toks[i+2], toks[i+4]
	if b.digits > 2 {
		return match{}, false
	}
	m := match{start: i, end: i + 5, cal: Gregorian, prec: PrecisionDay}
	switch {
	case a.digits == 4 && c.digits <= 2:
		m.y, m.m, m.d = a.val, b.val, c.val
	case c.digits == 4 && a.digits <= 2:
		m.y, m.m, m.d = c.val, b.val, a.val
		if b.val > 12 && a.val <= 12 {
			m.m, m.d = a.val, b.val
		}
	default:
		return match{}, false
	}
	// Part of a longer run of numbers (1/23/6/2017, 2017-06-23-5)?
	if punctAt(toks, i+5, "/-.") && i+6 < len(toks) && toks[i+6].kind == tkNum && !toks[i+5].space && !toks[i+6].space {
		return match{}, false
	}
	if i >= 2 && toks[i-2].kind == tkNum && punctAt(toks, i-1, "/.") && !toks[i].space && !toks[i-1].space {
		return match{}, false
	}
	if cal, j := calendarMarker(toks, m.end); cal != "" {
		m.cal, m.end = cal, j
	}
	return m, true
}

// monthSpec matches a month name, with the same month in a second family
// after it: كانون الثاني/يناير، شباط (فبراير)، أيلول - سبتمبر.
func monthSpec(toks []token, i int) (month int, cal string, next int, ok bool) {
	if e, j, ok := lookup(toks, i, kGregMonth); ok {
		k := j
		open := false
		if punctAt(toks, k, "/-(|\\,") {
			open = toks[k].text == "("
			k++
		}
		if e2, k2, ok := lookup(toks, k, kGregMonth); ok && e2.val == e.val {
			j = k2
			if open && punctAt(toks, j, ")") {
				j++
			}
		}
		return e.val, Gregorian, j, true
	}
	if e, j, ok := lookup(toks, i, kHijriMonth); ok {
		return e.val, Hijri, j, true
	}
	return 0, "", i, false
}

// yearAt matches a four-digit year and an optional calendar marker.
func yearAt(toks []token, i int, cal string) (year int, outCal string, next int, ok bool) {
	y, ok := numAt(toks, i, 4, 4)
	if !ok {
		return 0, "", i, false
	}
	mc, j := calendarMarker(toks, i+1)
	if mc != "" && mc != cal {
		// A Gregorian month with هـ (or the reverse) is not a date.
		return 0, "", i, false
	}
	return y, cal, j, true
}

// dayFirstAt matches "6 كانون الثاني 2026", "18 Feb 2018", "6 من يناير، 2026",
// "18-Feb-2018", "15 رمضان 1445هـ".
func dayFirstAt(toks []token, i int) (match, bool) {
	d, ok := numAt(toks, i, 1, 2)
	if !ok {
		return match{}, false
	}
	j := i + 1
	sep := ""
	if punctAt(toks, j, "-/.") {
		sep = toks[j].text
		j++
	} else if j < len(toks) && toks[j].kind == tkWord && toks[j].text == "من" {
		j++
	}
	mo, cal, j, ok := monthSpec(toks, j)
	if !ok {
		return match{}, false
	}
	if sep != "" {
		if !punctAt(toks, j, sep) {
			return match{}, false
		}
		j++
	} else if punctAt(toks, j, ",") {
		j++
	}
	y, cal, j, ok := yearAt(toks, j, cal)
	if !ok {
		return match{}, false
	}
	return match{start: i, end: j, cal: cal, y: y, m: mo, d: d, prec: PrecisionDay}, true
}

// monthFirstAt matches "February 18, 2018" and "يناير 6، 2026".
func monthFirstAt(toks []token, i int) (match, bool) {
	mo, cal, j, ok := monthSpec(toks, i)
	if !ok {
		return match{}, false
	}
	d, ok := numAt(toks, j, 1, 2)
	if !ok {
		return match{}, false
	}
	j++
	if punctAt(toks, j, ",") {
		j++
	}
	y, cal, j, ok := yearAt(toks, j, cal)
	if !ok {
		return match{}, false
	}
	return match{start: i, end: j, cal: cal, y: y, m: mo, d: d, prec: PrecisionDay}, true
}

// monthYearAt matches "أيلول 2014" (month precision).
func monthYearAt(toks []token, i int) (match, bool) {
	mo, cal, j, ok := monthSpec(toks, i)
	if !ok {
		return match{}, false
	}
	if punctAt(toks, j, ",-") {
		j++
	}
	y, cal, j, ok := yearAt(toks, j, cal)
	if !ok {
		return match{}, false
	}
	return match{start: i, end: j, cal: cal, y: y, m: mo, d: 1, prec: PrecisionMonth}, true
}

// relAt matches a relative date: منذ ساعتين، قبل 3 ساعات، منذ 5 دقائق،
// 3 hours ago، أمس، أول أمس، اليوم.
func relAt(toks []token, i int, md mode) (match, bool, error) {
	if e, j, ok := lookup(toks, i, kRelDay); ok {
		// "اليوم الخميس 21 أغسطس 2025": the absolute date that follows wins.
		if a, ok, err := absAt(toks, skipFill(toks, j), md, true); ok && a.prec == PrecisionDay {
			return a, true, err
		}
		m := match{start: i, end: j, rel: true, relDays: e.val, prec: PrecisionDay, cal: Gregorian}
		if c, ok := timeAfter(toks, j); ok {
			m.clock, m.end = c, c.next
		} else if md == modeFind {
			return match{}, false, nil
		}
		return m, true, nil
	}
	if _, j, ok := lookup(toks, i, kRelTrigger); ok {
		if j < len(toks) && toks[j].kind == tkWord && isApprox(toks[j].text) {
			j++
		}
		n := 0
		if v, ok := numAt(toks, j, 1, 5); ok {
			n = v
			j++
		} else if e, k, ok := lookup(toks, j, kNumberWord); ok && toks[j].text != "a" && toks[j].text != "an" {
			n = e.val
			j = k
		}
		u, k, ok := lookup(toks, j, kRelUnit)
		if !ok || (n == 0 && u.count == 0) || (n > 0 && u.count == 2) {
			return match{}, false, nil
		}
		if n == 0 {
			n = u.count
		}
		return match{start: i, end: k, rel: true, relUnit: u.val, relCount: n, prec: PrecisionDay, cal: Gregorian}, true, nil
	}
	// English: "3 hours ago", "an hour ago".
	n := 0
	j := i
	if v, ok := numAt(toks, i, 1, 5); ok {
		n, j = v, i+1
	} else if e, k, ok := lookup(toks, i, kNumberWord); ok {
		n, j = e.val, k
	}
	if n > 0 {
		if u, k, ok := lookup(toks, j, kRelUnit); ok && u.count == 0 {
			if _, k2, ok := lookup(toks, k, kAgo); ok {
				return match{start: i, end: k2, rel: true, relUnit: u.val, relCount: n, prec: PrecisionDay, cal: Gregorian}, true, nil
			}
		}
	}
	return match{}, false, nil
}

func isApprox(w string) bool {
	switch w {
	case "حوالي", "حوالى", "نحو", "قرابه", "زهاء", "about":
		return true
	}
	return false
}

// timeAfter matches a time of day that follows a date: "، الساعة 10 صباحا",
// " - 21:35", "T17:35:43Z".
func timeAfter(toks []token, i int) (clock, bool) {
	j := i
	for n := 0; n < 2 && j < len(toks); n++ {
		if punctAt(toks, j, ",-|") || (toks[j].kind == tkWord && (toks[j].text == "في" || toks[j].text == "و")) {
			j++
		}
	}
	if c, ok := timeAt(toks, j); ok {
		return c, true
	}
	return timeAt(toks, i)
}

// timeAt matches a time of day with an optional meridiem word and zone:
// 21:35, 21:35:43 +0400, 9:30 ص, الساعة 10 صباحا, T185600.
func timeAt(toks []token, i int) (clock, bool) {
	j := i
	clockWord := false
	if _, k, ok := lookup(toks, j, kClock); ok {
		j, clockWord = k, true
	}
	iso := false
	if j+1 < len(toks) && toks[j].kind == tkWord && toks[j].text == "t" && toks[j+1].kind == tkNum && !toks[j+1].space {
		j++
		iso = true
	}
	if j >= len(toks) || toks[j].kind != tkNum {
		return clock{}, false
	}
	c := clock{ok: true}
	t := toks[j]
	switch {
	case iso && (t.digits == 4 || t.digits == 6):
		// Basic ISO 8601: T1856 or T185600.
		v := t.val
		if t.digits == 6 {
			c.sec = v % 100
			v /= 100
		}
		c.hour, c.min = v/100, v%100
		j++
	case t.digits <= 2:
		c.hour = t.val
		j++
		if punctAt(toks, j, ":") && j+1 < len(toks) && toks[j+1].kind == tkNum && toks[j+1].digits == 2 {
			c.min = toks[j+1].val
			j += 2
			if punctAt(toks, j, ":") && j+1 < len(toks) && toks[j+1].kind == tkNum && toks[j+1].digits == 2 {
				c.sec = toks[j+1].val
				j += 2
				if punctAt(toks, j, ".,") && j+1 < len(toks) && toks[j+1].kind == tkNum && !toks[j+1].space {
					j += 2 // fraction of a second
				}
			}
		} else if !clockWord && !iso {
			// A bare number is a time only with a meridiem word: "10 صباحا".
			if _, _, ok := lookup(toks, j, kMeridiem); !ok {
				return clock{}, false
			}
		}
	default:
		return clock{}, false
	}
	if e, k, ok := lookup(toks, j, kMeridiem); ok {
		if c.hour < 1 || c.hour > 12 {
			if !(c.hour == 0 && e.val == merAM) && !(c.hour > 12 && e.val != merAM) {
				return clock{}, false
			}
		}
		c.hour = applyMeridiem(c.hour, e.val)
		j = k
	} else if j+1 < len(toks) && toks[j].kind == tkWord && (toks[j].text == "a" || toks[j].text == "p") &&
		punctAt(toks, j+1, ".") && j+2 < len(toks) && toks[j+2].kind == tkWord && toks[j+2].text == "m" {
		// a.m. / p.m.
		mer := merAM
		if toks[j].text == "p" {
			mer = merPM
		}
		c.hour = applyMeridiem(c.hour, mer)
		j += 3
		if punctAt(toks, j, ".") {
			j++
		}
	}
	if c.hour > 23 || c.min > 59 || c.sec > 60 {
		return clock{}, false
	}
	if c.sec == 60 {
		c.sec = 59 // leap second
	}
	if z, ok := zoneAt(toks, j); ok {
		c.zoned, c.offset, c.zoneKnown = true, z.offset, z.known
		j = z.next
	}
	c.next = j
	return c, true
}

func applyMeridiem(h, mer int) int {
	switch mer {
	case merAM:
		if h == 12 {
			return 0
		}
	case merPM:
		if h < 12 {
			return h + 12
		}
	case merNoon:
		if h >= 1 && h <= 5 {
			return h + 12
		}
	case merNight:
		if h >= 6 && h < 12 {
			return h + 12
		}
		if h == 12 {
			return 0
		}
	}
	return h
}

type zone struct {
	offset int
	known  bool
	next   int
}

// zoneAt matches a zone: GMT, UTC, Z, +0400, +04:00, GMT+3, بتوقيت مكة,
// بتوقيت غرينتش, ت.غ. A zone intro with an unknown place is consumed with
// known unset, and the date keeps Options.Location.
func zoneAt(toks []token, i int) (zone, bool) {
	if e, j, ok := lookup(toks, i, kZone); ok {
		z := zone{offset: e.val, known: true, next: j}
		if off, k, ok := offsetAt(toks, j, true); ok {
			z.offset += off
			z.next = k
		}
		return z, true
	}
	if off, j, ok := offsetAt(toks, i, false); ok {
		return zone{offset: off, known: true, next: j}, true
	}
	if _, j, ok := lookup(toks, i, kZoneIntro); ok {
		if e, k, ok := lookup(toks, j, kZone); ok {
			z := zone{offset: e.val, known: true, next: k}
			if off, k2, ok := offsetAt(toks, k, true); ok {
				z.offset += off
				z.next = k2
			}
			return z, true
		}
		if e, k, ok := lookup(toks, j, kZonePlace); ok {
			return zone{offset: e.val, known: true, next: k}, true
		}
		if j < len(toks) && toks[j].kind == tkWord {
			return zone{next: j + 1}, true
		}
		return zone{}, false
	}
	// ت.غ (توقيت غرينتش)
	if i+2 < len(toks) && toks[i].kind == tkWord && toks[i].text == "ت" && punctAt(toks, i+1, ".") &&
		toks[i+2].kind == tkWord && toks[i+2].text == "غ" {
		return zone{known: true, next: i + 3}, true
	}
	return zone{}, false
}

// offsetAt matches +0400, +04:00, -05, +3 (after GMT). The sign must touch
// the number.
func offsetAt(toks []token, i int, afterName bool) (int, int, bool) {
	if !punctAt(toks, i, "+-") || i+1 >= len(toks) || toks[i+1].kind != tkNum || toks[i+1].space {
		return 0, i, false
	}
	sign := 1
	if toks[i].text == "-" {
		sign = -1
	}
	n := toks[i+1]
	j := i + 2
	var h, m int
	switch {
	case n.digits == 4:
		h, m = n.val/100, n.val%100
	case n.digits <= 2 && punctAt(toks, j, ":") && j+1 < len(toks) && toks[j+1].kind == tkNum && toks[j+1].digits == 2:
		h, m = n.val, toks[j+1].val
		j += 2
	case n.digits <= 2 && (afterName || sign > 0):
		h = n.val
	default:
		return 0, i, false
	}
	if h > 14 || m > 59 {
		return 0, i, false
	}
	return sign * (h*3600 + m*60), j, true
}

// skipFill skips what may surround a date on a date line: introducing
// words (نشر بتاريخ، آخر تحديث), weekdays and punctuation.
func skipFill(toks []token, i int) int {
	for i < len(toks) {
		t := toks[i]
		if t.kind == tkPunct {
			i++
			continue
		}
		if _, j, ok := lookup(toks, i, kPrefix); ok {
			i = j
			continue
		}
		if _, j, ok := lookup(toks, i, kWeekday); ok {
			i = j
			continue
		}
		return i
	}
	return i
}

// resolve turns a match into a Date.
func resolve(s string, toks []token, m match, opts Options) (Date, error) {
	loc := opts.Location
	if loc == nil {
		loc = time.UTC
	}
	if m.clock.zoned && m.clock.zoneKnown {
		loc = fixedZone(m.clock.offset)
	}
	start := m.start
	// Include a weekday right before the date: "الخميس 21 أغسطس 2025", "Sun, 18 Feb 2018".
	k := start - 1
	if punctAt(toks, k, ",") {
		k--
	}
	if k >= 0 {
		if _, j, ok := lookup(toks, k, kWeekday); ok && j <= start {
			start = k
		}
	}
	d := Date{
		Start:     toks[start].start,
		End:       toks[m.end-1].end,
		Calendar:  m.cal,
		HasTime:   m.clock.ok,
		Relative:  m.rel,
		Precision: m.prec,
	}
	d.Text = s[d.Start:d.End]
	if m.rel {
		if opts.Now.IsZero() {
			return Date{}, fmt.Errorf("%q: %w", d.Text, ErrNeedsNow)
		}
		d.Time = resolveRelative(m, opts.Now.In(loc))
		d.HasTime = d.HasTime || m.relUnit != 0 && m.relUnit <= unitHour
		return d, nil
	}
	if _, err := m.validate(); err != nil {
		return Date{}, err
	}
	y, mo, day := m.y, m.m, m.d
	if m.cal == Hijri {
		gy, gm, gd, err := FromHijri(y, mo, day)
		if err != nil {
			return Date{}, err
		}
		y, mo, day = gy, int(gm), gd
	}
	c := m.clock
	d.Time = time.Date(y, time.Month(mo), day, c.hour, c.min, c.sec, 0, loc)
	return d, nil
}

func resolveRelative(m match, now time.Time) time.Time {
	midnight := func(t time.Time) time.Time {
		y, mo, d := t.Date()
		return time.Date(y, mo, d, 0, 0, 0, 0, t.Location())
	}
	n := m.relCount
	switch m.relUnit {
	case unitNow:
		return now
	case unitSecond:
		return now.Add(-time.Duration(n) * time.Second)
	case unitMinute:
		return now.Add(-time.Duration(n) * time.Minute)
	case unitHour:
		return now.Add(-time.Duration(n) * time.Hour)
	case unitDay:
		return midnight(now.AddDate(0, 0, -n))
	case unitWeek:
		return midnight(now.AddDate(0, 0, -7*n))
	case unitMonth:
		return midnight(now.AddDate(0, -n, 0))
	case unitYear:
		return midnight(now.AddDate(-n, 0, 0))
	}
	day := midnight(now.AddDate(0, 0, m.relDays))
	if m.clock.ok {
		y, mo, dd := day.Date()
		return time.Date(y, mo, dd, m.clock.hour, m.clock.min, m.clock.sec, 0, day.Location())
	}
	return day
}

// fixedZone returns UTC for offset 0 and a fixed zone named like "+0400"
// otherwise.
func fixedZone(offset int) *time.Location {
	if offset == 0 {
		return time.UTC
	}
	sign := '+'
	o := offset
	if o < 0 {
		sign, o = '-', -o
	}
	return time.FixedZone(fmt.Sprintf("%c%02d%02d", sign, o/3600, o/60%60), offset)
}
