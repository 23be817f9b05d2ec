// Package dates finds and parses publication dates in Arabic news.
//
// It reads the forms that Arabic news sites print: day, month name and year
// in any of the four month-name families (Levant and Iraq: كانون الثاني،
// شباط …; Egypt and the Gulf: يناير، فبراير …; Morocco: ماي، يوليوز، غشت …;
// Algeria and Tunisia: جانفي، فيفري، جوان …), often two names at once
// (كانون الثاني/يناير); numeric dates; RFC 822 and ISO 8601 timestamps;
// English month names; Hijri dates on the Umm al-Qura calendar, alone or
// beside the Gregorian date; times of day with ص/م or صباحا/مساء; time-zone
// words; and relative dates (منذ ساعتين، أمس) against a reference time.
//
// Input is normalized inside the package before matching: alef forms fold
// to bare alef, alef maksura to ya, ta marbuta to ha, diacritics, tatweel
// and bidi controls are ignored, and Arabic-Indic and Persian digits read
// as ASCII digits. Offsets and Text always refer to the original input.
//
// Numeric dates follow the Arab convention, day first: 23/6/2017 and
// 23-06-2017 are 23 June. When the first number has four digits the order
// is year, month, day (2017/06/23, ISO 8601). Month first is accepted only
// when it is the sole reading: 6/23/2017 is 23 June because 23 cannot be a
// month; 6/7/2017 is always 6 July. Years need four digits.
//
// Parse reads a whole line that must be a date; Find looks for the first
// complete date (day, month and year, or an explicit relative expression)
// inside running text and ignores mentions such as "في أيلول 2014".
package dates

import (
	"errors"
	"fmt"
	"time"
)

// Options tune how dates are resolved.
type Options struct {
	// Now is the reference time for relative dates. The zero value means
	// relative dates are not resolved: Parse reports ErrNeedsNow and Find
	// skips them.
	Now time.Time
	// Location is the zone of dates printed without one; nil means UTC.
	Location *time.Location
}

// Precision says how much of a date the text gave.
type Precision string

const (
	// PrecisionDay: the day is known (and the time of day when HasTime).
	PrecisionDay Precision = "day"
	// PrecisionMonth: only month and year were given ("أيلول 2014"); the
	// day is set to 1. Only Parse returns such dates.
	PrecisionMonth Precision = "month"
)

// Calendar names.
const (
	Gregorian = "gregorian"
	Hijri     = "hijri"
)

// Date is a date recognized in a text.
type Date struct {
	// Time is the instant: midnight in the location when no time of day was
	// given, in the printed zone when one was.
	Time time.Time
	// Text is the exact substring of the input that was recognized
	// (original, unnormalized); Start and End are its byte offsets.
	Text       string
	Start, End int
	// Calendar is Gregorian or Hijri: the calendar of the date that Time
	// comes from. When both are printed the Gregorian date wins.
	Calendar  string
	HasTime   bool
	Relative  bool
	Precision Precision
}

// Errors returned by Parse, wrapped with details.
var (
	ErrNoDate     = errors.New("not a date")
	ErrOutOfRange = errors.New("date out of range")
	ErrNeedsNow   = errors.New("relative date without a reference time")
	ErrMismatch   = errors.New("hijri and gregorian dates disagree")
)

// Accepted years.
const (
	minGregorianYear = 1900
	maxGregorianYear = 2100
	minHijriYear     = 1300
	maxHijriYear     = 1600
)

// maxHijriDrift is how many days a Hijri date printed beside a Gregorian one
// may differ from the Umm al-Qura conversion: sites that follow local moon
// sighting are often a day or two away from it.
const maxHijriDrift = 2

// Parse reads s as a date line: the whole line must be a date, allowing
// prefixes such as "نشر بتاريخ:", a weekday, a time of day, punctuation and
// bidi marks around it. It returns an error saying why when it is not one.
func Parse(s string, opts Options) (Date, error) {
	var arr [32]token
	toks := tokenize(s, arr[:0])
	if len(toks) == 0 {
		return Date{}, fmt.Errorf("%w: empty text", ErrNoDate)
	}
	i := skipFill(toks, 0)
	var pre clock
	if c, ok := timeAt(toks, i); ok {
		pre = c
		i = skipFill(toks, c.next)
	}
	m, ok, err := dateAt(toks, i, modeParse)
	if !ok {
		if i >= len(toks) {
			return Date{}, fmt.Errorf("%w: %q has no day, month and year", ErrNoDate, s)
		}
		return Date{}, fmt.Errorf("%w: %q is not a date", ErrNoDate, s[toks[i].start:toks[i].end])
	}
	if err != nil {
		return Date{}, fmt.Errorf("date %q: %w", s[toks[m.start].start:toks[m.end-1].end], err)
	}
	if pre.ok && !m.clock.ok {
		m.clock = pre
	}
	j := m.end
	for {
		j = skipFill(toks, j)
		if j >= len(toks) {
			break
		}
		if !m.clock.ok {
			if c, ok := timeAt(toks, j); ok {
				m.clock = c
				if c.next > m.end {
					m.end = c.next
				}
				j = c.next
				continue
			}
		}
		if !m.clock.zoned {
			if z, ok := zoneAt(toks, j); ok {
				m.clock.zoned, m.clock.offset, m.clock.zoneKnown = true, z.offset, z.known
				j = z.next
				continue
			}
		}
		break
	}
	if j < len(toks) {
		return Date{}, fmt.Errorf("%w: unexpected %q after the date", ErrNoDate, s[toks[j].start:toks[j].end])
	}
	return resolve(s, toks, m, opts)
}

// Find returns the first complete date inside a longer text: day, month and
// year (by name or numeric), an ISO or RFC timestamp, or an explicit
// relative expression (منذ 3 ساعات، قبل يومين; أمس and اليوم only with a
// time of day, since alone they are ordinary words of running text). A
// month with a year alone, or a bare year, is a mention and is skipped, as
// are dates that fail validation.
func Find(text string, opts Options) (Date, bool) {
	toks := tokenize(text, make([]token, 0, len(text)/6+8))
	for i := range toks {
		if !mayStart(toks[i]) {
			continue
		}
		m, ok, err := dateAt(toks, i, modeFind)
		if !ok || err != nil || m.prec != PrecisionDay {
			continue
		}
		if !m.clock.ok {
			if c, ok := timeAfter(toks, m.end); ok {
				m.clock = c
				m.end = c.next
			}
		}
		d, err := resolve(text, toks, m, opts)
		if err != nil {
			continue
		}
		return d, true
	}
	return Date{}, false
}

// mayStart reports whether a date can begin at t: a number, a month name or
// a word of a relative date.
func mayStart(t token) bool {
	switch t.kind {
	case tkNum:
		return true
	case tkWord:
		for _, e := range lexicon[t.text] {
			switch e.kind {
			case kGregMonth, kHijriMonth, kRelDay, kRelTrigger, kNumberWord:
				return true
			}
		}
	}
	return false
}
