package index

import (
	"testing"
	"time"

	"github.com/fahras/fahras/index/story"
)

// A stored story record, however damaged, decodes or is refused; one
// that decodes writes back the same.
func FuzzStoryRecord(f *testing.F) {
	sig := story.Sign("أعلنت وزارة الصحة ارتفاع عدد المصابين بالتسمم في محافظة البصرة إلى أكثر من ألف شخص بعد تلوث مياه الشرب في عدد من الأحياء")
	f.Add(encodeStoryRecord(sig, time.Date(2024, 7, 14, 9, 0, 0, 0, time.UTC)))
	f.Add(encodeStoryRecord(story.Sign(""), time.Time{}))
	f.Add("")
	f.Fuzz(func(t *testing.T, rec string) {
		s, published, err := decodeStoryRecord(rec)
		if err != nil {
			return
		}
		if again := encodeStoryRecord(s, published); again != rec {
			t.Errorf("a decoded record encodes differently")
		}
	})
}
