package story

import (
	"strings"
	"testing"
	"time"
)

// A wire report and two versions of it as outlets print them, and an
// article on the same topic about another event.
const (
	wire = "أعلنت وزارة الصحة العراقية، الثلاثاء، ارتفاع عدد المصابين بالتسمم في محافظة البصرة إلى أكثر من ألف شخص، بعد تلوث مياه الشرب في عدد من الأحياء. " +
		"وقال المتحدث باسم الوزارة إن فرقا طبية أرسلت من بغداد لمساندة مستشفيات المحافظة التي تعاني نقصا في الأدوية والمستلزمات. " +
		"وأضاف أن الوزارة شكلت لجنة للتحقيق في أسباب التلوث ومحاسبة المقصرين، داعيا السكان إلى غلي المياه قبل شربها. " +
		"ويشكو سكان البصرة منذ أسابيع من انقطاع الكهرباء وشح المياه الصالحة للشرب، وخرجت احتجاجات في المدينة للمطالبة بتحسين الخدمات."
	edited = "أعلنت وزارة الصحة العراقية، يوم الثلاثاء، ارتفاع عدد المصابين بالتسمم في محافظة البصرة إلى أكثر من 1000 شخص، بعد تلوث مياه الشرب في عدد من أحياء المدينة. " +
		"وقال المتحدث باسم الوزارة إن فرقا طبية أرسلت من بغداد لمساندة مستشفيات المحافظة التي تعاني نقصا في الأدوية. " +
		"وأضاف أن الوزارة شكلت لجنة للتحقيق في أسباب التلوث ومحاسبة المقصرين، داعيا السكان إلى غلي المياه قبل شربها. " +
		"ويشكو سكان البصرة منذ أسابيع من انقطاع الكهرباء وشح المياه الصالحة للشرب."
	withMarks = "أَعْلَنَتْ وِزَارَةُ الصِّحَّةِ العراقية، الثلاثاء، ارتفاع عدد المصابين بالتسمم في محافظة البصرة إلى أكثر من ألف شخص، بعد تلوث مياه الشرب في عدد من الأحياء. " +
		"وقال المتحدث باسم الوزارة إن فرقا طبية أرسلت من بغداد لمساندة مستشفيات المحافظة التي تعاني نقصا في الأدوية والمستلزمات. " +
		"وأضاف أن الوزارة شكلت لجنة للتحقيق في أسباب التلوث ومحاسبة المقصرين، داعيا السكان إلى غلي المياه قبل شربها. " +
		"ويشكو سكان البصرة منذ أسابيع من انقطاع الكهرباء وشح المياه الصالحة للشرب، وخرجت احتجاجات في المدينة للمطالبة بتحسين الخدمات."
	otherEvent = "تظاهر مئات من سكان البصرة، الجمعة، أمام مبنى مجلس المحافظة احتجاجا على تردي الخدمات وانقطاع الكهرباء، وطالبوا بإقالة المسؤولين المحليين. " +
		"وأغلق المحتجون الطرق المؤدية إلى ميناء أم قصر لساعات قبل أن تفرقهم قوات الأمن بالغاز المسيل للدموع. " +
		"وقالت مصادر طبية إن عشرة أشخاص أصيبوا بجروح طفيفة خلال المواجهات، فيما دعت الحكومة إلى التهدئة ووعدت بحلول عاجلة."
)

func TestSameStory(t *testing.T) {
	base := Sign(wire)
	cases := []struct {
		name string
		text string
		same bool
	}{
		{"identical", wire, true},
		{"edited by another outlet", edited, true},
		{"harakat and shadda", withMarks, true},
		{"same topic, another event", otherEvent, false},
		{"too short to compare", "البصرة تغرق في التلوث", false},
	}
	for _, c := range cases {
		sig := Sign(c.text)
		if got := Same(&base, &sig); got != c.same {
			t.Errorf("%s: Same = %v (similarity %.2f), want %v", c.name, got, Similarity(&base, &sig), c.same)
		}
	}
	if s := Sign(withMarks); s != base {
		t.Errorf("harakat change the signature")
	}
}

func TestBandsAgreeOnSimilarTexts(t *testing.T) {
	a, b, c := Sign(wire), Sign(edited), Sign(otherEvent)
	shared := func(x, y *Signature) int {
		n := 0
		yb := y.Bands()
		for i, band := range x.Bands() {
			if band == yb[i] {
				n++
			}
		}
		return n
	}
	if n := shared(&a, &b); n == 0 {
		t.Errorf("an edited version shares no band with the wire")
	}
	if n := shared(&a, &c); n != 0 {
		t.Errorf("another event shares %d bands with the wire", n)
	}
	if len(a.Bands()) != Bands {
		t.Errorf("%d bands, want %d", len(a.Bands()), Bands)
	}
	short := Sign("خبر قصير")
	if short.Comparable() || short.Bands() != nil || short.BandHashes() != nil {
		t.Errorf("a two-word text has bands")
	}
	// The hashes an index of bands keeps agree where the band terms do.
	ah, bh, ch := a.BandHashes(), b.BandHashes(), c.BandHashes()
	ab, bb, cb := a.Bands(), b.Bands(), c.Bands()
	if len(ah) != Bands {
		t.Fatalf("%d band hashes, want %d", len(ah), Bands)
	}
	for i := range ah {
		if (ah[i] == bh[i]) != (ab[i] == bb[i]) || (ah[i] == ch[i]) != (ab[i] == cb[i]) {
			t.Errorf("band %d: the hashes and the terms disagree on which texts share it", i)
		}
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	for _, text := range []string{wire, otherEvent, "", "كلمة"} {
		sig := Sign(text)
		got, err := Decode(sig.Encode())
		if err != nil {
			t.Fatalf("decode: %v", err)
		}
		if got != sig {
			t.Errorf("round trip of %.20q changed the signature", text)
		}
	}
	for _, bad := range []string{"", "x", strings.Repeat("\x00", encodedLen), strings.Repeat("\x01", encodedLen+1)} {
		if _, err := Decode(bad); err == nil {
			t.Errorf("Decode(%q…) accepted", bad[:min(len(bad), 4)])
		}
	}
}

func TestAssignJoinsTheMostSimilarStoryWithinTheGap(t *testing.T) {
	day := time.Date(2018, 7, 17, 9, 0, 0, 0, time.UTC)
	tab := NewTable()
	first := Member{ID: "a", Sig: Sign(wire), Published: day}
	Assign(&first, "h1", tab.Candidates(first.Sig.Bands()))
	tab.Add(first)
	if first.Story != NewID("a", "h1") || !ValidID(first.Story) {
		t.Fatalf("first article's story %q", first.Story)
	}
	second := Member{ID: "b", Sig: Sign(edited), Published: day.Add(3 * time.Hour)}
	Assign(&second, "h2", tab.Candidates(second.Sig.Bands()))
	if second.Story != first.Story {
		t.Errorf("an edited version started story %q, not %q", second.Story, first.Story)
	}
	tab.Add(second)
	late := Member{ID: "c", Sig: Sign(edited), Published: day.Add(5 * 24 * time.Hour)}
	Assign(&late, "h3", tab.Candidates(late.Sig.Bands()))
	if late.Story == first.Story {
		t.Errorf("a copy five days later joined the story")
	}
	// Rewritten into another event, an article leaves its story; edited
	// a little, it keeps it, even alone in it.
	again := Member{ID: "a", Sig: Sign(otherEvent), Published: day}
	Assign(&again, "h4", tab.Candidates(again.Sig.Bands()))
	if again.Story == first.Story {
		t.Errorf("a rewritten article kept its old story")
	}
	alone := NewTable()
	alone.Add(first)
	corrected := Member{ID: "a", Sig: Sign(withMarks + " وأضاف"), Published: day}
	Assign(&corrected, "h5", alone.Candidates(corrected.Sig.Bands()))
	if corrected.Story != first.Story {
		t.Errorf("a corrected article left its story for %q", corrected.Story)
	}
	tab.Remove("b")
	tab.RemoveIf("a", "not its story")
	if tab.Len() != 1 {
		t.Errorf("table holds %d members, want 1", tab.Len())
	}
}

func FuzzDecode(f *testing.F) {
	s := Sign(wire)
	f.Add(s.Encode())
	f.Add("")
	f.Fuzz(func(t *testing.T, in string) {
		sig, err := Decode(in)
		if err != nil {
			return
		}
		if sig.Encode() != in {
			t.Errorf("decoded signature encodes differently")
		}
	})
}

func BenchmarkSign(b *testing.B) {
	text := strings.Repeat(wire+" ", 4)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Sign(text)
	}
}
