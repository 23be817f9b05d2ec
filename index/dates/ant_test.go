package dates

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// repoRoot walks up from the working directory to the directory holding go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("getwd: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// TestANTCorpus parses the "time" field of every record of the ANT news
// corpus and compares the calendar day, in the value's own zone, with the
// record's pub_date.
func TestANTCorpus(t *testing.T) {
	for _, name := range []string{"ant_v2_1_multisource.jsonl.gz", "ant_v1_1_jawharafm.jsonl.gz"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(repoRoot(t), "..", "shared", "data", "news", name)
			f, err := os.Open(path)
			if err != nil {
				t.Skipf("corpus not available: %v", err)
			}
			defer f.Close()
			zr, err := gzip.NewReader(f)
			if err != nil {
				t.Fatalf("gzip %s: %v", name, err)
			}
			sc := bufio.NewScanner(zr)
			sc.Buffer(make([]byte, 1<<20), 16<<20)
			var total, good, failed int
			for sc.Scan() {
				var rec struct {
					Time    string `json:"time"`
					PubDate string `json:"pub_date"`
					DateUTC string `json:"date_utc"`
				}
				if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
					t.Fatalf("record %d: %v", total+1, err)
				}
				total++
				d, err := Parse(rec.Time, Options{})
				switch {
				case err != nil:
					failed++
					if failed <= 10 {
						t.Errorf("Parse(%q): %v", rec.Time, err)
					}
				case d.Time.Format("2006-01-02") != rec.PubDate:
					failed++
					if failed <= 10 {
						t.Errorf("Parse(%q) = %s, pub_date %s", rec.Time, d.Time, rec.PubDate)
					}
				case rec.DateUTC != "" && d.Time.UTC().Format("2006-01-02T15:04:05Z") != rec.DateUTC:
					failed++
					if failed <= 10 {
						t.Errorf("Parse(%q) = %s in UTC, date_utc %s", rec.Time, d.Time.UTC(), rec.DateUTC)
					}
				default:
					good++
				}
			}
			if err := sc.Err(); err != nil {
				t.Fatalf("read %s: %v", name, err)
			}
			if total == 0 {
				t.Fatalf("%s: no records", name)
			}
			t.Logf("%s: %d/%d time values parse to their pub_date (and date_utc) (%.2f%%)", name, good, total, 100*float64(good)/float64(total))
		})
	}
}
