package dates

import (
	"testing"
	"time"
)

// Known Umm al-Qura month starts and holidays.
func TestHijriAnchors(t *testing.T) {
	cases := []struct {
		hy, hm, hd int
		want       string
	}{
		{1445, 9, 1, "2024-03-11"},   // 1 Ramadan 1445
		{1447, 1, 1, "2025-06-26"},   // 1 Muharram 1447
		{1447, 7, 1, "2025-12-21"},   // 1 Rajab 1447
		{1446, 9, 1, "2025-03-01"},   // 1 Ramadan 1446
		{1444, 10, 1, "2023-04-21"},  // 1 Shawwal 1444 (Eid al-Fitr)
		{1446, 10, 1, "2025-03-30"},  // Eid al-Fitr 1446
		{1446, 12, 10, "2025-06-06"}, // Eid al-Adha 1446
		{1445, 12, 10, "2024-06-16"}, // Eid al-Adha 1445
		{1446, 1, 1, "2024-07-07"},   // 1 Muharram 1446
		{1447, 9, 1, "2026-02-18"},   // 1 Ramadan 1447
		{1420, 1, 1, "1999-04-17"},   // 1 Muharram 1420
		{1439, 10, 1, "2018-06-15"},  // Eid al-Fitr 1439
	}
	for _, c := range cases {
		y, m, d, err := FromHijri(c.hy, c.hm, c.hd)
		if err != nil {
			t.Errorf("FromHijri(%d, %d, %d): %v", c.hy, c.hm, c.hd, err)
			continue
		}
		got := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		if got != c.want {
			t.Errorf("FromHijri(%d, %d, %d) = %s, want %s", c.hy, c.hm, c.hd, got, c.want)
		}
		want, _ := time.Parse("2006-01-02", c.want)
		if hy, hm, hd := ToHijri(want); hy != c.hy || hm != c.hm || hd != c.hd {
			t.Errorf("ToHijri(%s) = %d-%d-%d, want %d-%d-%d", c.want, hy, hm, hd, c.hy, c.hm, c.hd)
		}
	}
}

// Every day converts to Hijri and back, inside and outside the Umm al-Qura
// table, and Hijri months have 29 or 30 days.
func TestHijriRoundTrip(t *testing.T) {
	start := gregorianToJDN(1885, 1, 1)
	end := gregorianToJDN(2170, 12, 31)
	prevY, prevM, prevD := jdnToHijri(start - 1)
	for j := start; j <= end; j++ {
		y, m, d := jdnToHijri(j)
		if got := hijriToJDN(y, m, d); got != j {
			t.Fatalf("JDN %d → %d-%d-%d → %d", j, y, m, d, got)
		}
		if d == 1 {
			if prevD != hijriMonthLength(prevY, prevM) || (prevD != 29 && prevD != 30) {
				t.Fatalf("month %d-%d ended on day %d", prevY, prevM, prevD)
			}
		} else if d != prevD+1 || m != prevM || y != prevY {
			t.Fatalf("JDN %d: %d-%d-%d follows %d-%d-%d", j, y, m, d, prevY, prevM, prevD)
		}
		prevY, prevM, prevD = y, m, d
	}
}

// The tabular fallback stays within two days of Umm al-Qura.
func TestTabularCloseToUmmAlQura(t *testing.T) {
	for y := 1420; y <= 1460; y++ {
		for m := 1; m <= 12; m++ {
			diff := tabularToJDN(y, m, 1) - hijriToJDN(y, m, 1)
			if diff < -2 || diff > 2 {
				t.Errorf("%d-%d: tabular differs by %d days", y, m, diff)
			}
		}
	}
}

func TestFromHijriRejects(t *testing.T) {
	for _, c := range [][3]int{{1447, 6, 30}, {1299, 1, 1}, {1601, 1, 1}, {1445, 13, 1}, {1445, 9, 0}} {
		if _, _, _, err := FromHijri(c[0], c[1], c[2]); err == nil {
			t.Errorf("FromHijri(%v) accepted", c)
		}
	}
}
