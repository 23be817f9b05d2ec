package article

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

func TestBodyHashMatchesFields(t *testing.T) {
	for _, body := range []string{"", "  a  b\n\nc ", "بغداد\tالمسلة  خبر", strings.Repeat("كلمة ", 3000)} {
		a := Article{Body: body}
		sum := sha256.Sum256([]byte(strings.Join(strings.Fields(body), " ")))
		if got, want := a.BodyHash(), hex.EncodeToString(sum[:10]); got != want {
			t.Errorf("%q: %s != %s", body[:min(len(body), 20)], got, want)
		}
	}
}
