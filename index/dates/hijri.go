package dates

import (
	"fmt"
	"sort"
	"time"
)

// Hijri conversion. Years ummAlQuraFirstYear..ummAlQuraLastYear use the Umm
// al-Qura table; other years fall back to the arithmetic (tabular, "civil")
// Islamic calendar: 30-year cycle with leap years 2, 5, 7, 10, 13, 16, 18,
// 21, 24, 26 and 29, odd months of 30 days, even months of 29 and a 30th day
// of Dhu al-Hijja in leap years. The two rarely differ by more than a day or
// two; the tabular dates are shifted by a constant so that they join the
// table without a gap.

// tabularEpoch is the Julian day number of 1 Muharram 1 AH in the civil
// tabular calendar (16 July 622, Julian).
const tabularEpoch = 1948440

// gregorianToJDN returns the Julian day number of a proleptic Gregorian date.
func gregorianToJDN(y, m, d int) int {
	a := (14 - m) / 12
	yy := y + 4800 - a
	mm := m + 12*a - 3
	return d + (153*mm+2)/5 + 365*yy + yy/4 - yy/100 + yy/400 - 32045
}

// jdnToGregorian is the inverse of gregorianToJDN.
func jdnToGregorian(j int) (y, m, d int) {
	a := j + 32044
	b := (4*a + 3) / 146097
	c := a - 146097*b/4
	dd := (4*c + 3) / 1461
	e := c - 1461*dd/4
	mm := (5*e + 2) / 153
	d = e - (153*mm+2)/5 + 1
	m = mm + 3 - 12*(mm/10)
	y = 100*b + dd - 4800 + mm/10
	return y, m, d
}

func tabularToJDN(y, m, d int) int {
	return d + (59*(m-1)+1)/2 + (y-1)*354 + (3+11*y)/30 + tabularEpoch - 1
}

func tabularLeap(y int) bool { return (14+11*y)%30 < 11 }

// hijriMonthLength returns the number of days of Hijri month m of year y.
func hijriMonthLength(y, m int) int {
	if y >= ummAlQuraFirstYear && y <= ummAlQuraLastYear {
		if ummAlQuraYears[y-ummAlQuraFirstYear].long&(1<<(m-1)) != 0 {
			return 30
		}
		return 29
	}
	if m%2 == 1 || (m == 12 && tabularLeap(y)) {
		return 30
	}
	return 29
}

// tableStart and tableEnd are the Julian day numbers of 1 Muharram of the
// first year of the Umm al-Qura table and of the year after its last.
func tableStart() int { return int(ummAlQuraYears[0].start) }

func tableEnd() int {
	last := ummAlQuraYears[len(ummAlQuraYears)-1]
	j := int(last.start)
	for m := 0; m < 12; m++ {
		j += 29 + int(last.long>>m&1)
	}
	return j
}

// The tabular calendar is shifted by a constant number of days on each side
// of the table so that the two meet without a gap or an overlap.
func shiftBefore() int { return tableStart() - tabularToJDN(ummAlQuraFirstYear, 1, 1) }
func shiftAfter() int  { return tableEnd() - tabularToJDN(ummAlQuraLastYear+1, 1, 1) }

// hijriToJDN returns the Julian day number of a valid Hijri date.
func hijriToJDN(y, m, d int) int {
	switch {
	case y < ummAlQuraFirstYear:
		return tabularToJDN(y, m, d) + shiftBefore()
	case y > ummAlQuraLastYear:
		return tabularToJDN(y, m, d) + shiftAfter()
	}
	e := ummAlQuraYears[y-ummAlQuraFirstYear]
	j := int(e.start)
	for k := 1; k < m; k++ {
		j += 29 + int(e.long>>(k-1)&1)
	}
	return j + d - 1
}

// jdnToHijri is the inverse of hijriToJDN.
func jdnToHijri(j int) (y, m, d int) {
	switch {
	case j < tableStart():
		return tabularFromJDN(j - shiftBefore())
	case j >= tableEnd():
		return tabularFromJDN(j - shiftAfter())
	}
	i := sort.Search(len(ummAlQuraYears), func(i int) bool { return int(ummAlQuraYears[i].start) > j }) - 1
	y = ummAlQuraFirstYear + i
	start := int(ummAlQuraYears[i].start)
	for m = 1; m < 12; m++ {
		n := hijriMonthLength(y, m)
		if j < start+n {
			break
		}
		start += n
	}
	return y, m, j - start + 1
}

func tabularFromJDN(j int) (y, m, d int) {
	y = (30*(j-tabularEpoch) + 10646) / 10631
	m = 1
	for m < 12 && j >= tabularToJDN(y, m+1, 1) {
		m++
	}
	return y, m, j - tabularToJDN(y, m, 1) + 1
}

// FromHijri converts a Hijri date (Umm al-Qura where tabulated, the
// arithmetic Islamic calendar elsewhere) to the Gregorian calendar. Years
// outside 1300–1600 AH are refused.
func FromHijri(year, month, day int) (int, time.Month, int, error) {
	if err := checkHijri(year, month, day); err != nil {
		return 0, 0, 0, err
	}
	y, m, d := jdnToGregorian(hijriToJDN(year, month, day))
	return y, time.Month(m), d, nil
}

// ToHijri returns the Hijri date of the calendar day of t (in t's location).
func ToHijri(t time.Time) (year, month, day int) {
	gy, gm, gd := t.Date()
	return jdnToHijri(gregorianToJDN(gy, int(gm), gd))
}

func checkHijri(y, m, d int) error {
	if y < minHijriYear || y > maxHijriYear {
		return fmt.Errorf("%w: Hijri year %d outside %d–%d", ErrOutOfRange, y, minHijriYear, maxHijriYear)
	}
	if m < 1 || m > 12 {
		return fmt.Errorf("%w: Hijri month %d", ErrOutOfRange, m)
	}
	if n := hijriMonthLength(y, m); d < 1 || d > n {
		return fmt.Errorf("%w: day %d of Hijri month %d/%d which has %d days", ErrOutOfRange, d, m, y, n)
	}
	return nil
}
