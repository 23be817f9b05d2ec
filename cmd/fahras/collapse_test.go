package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A report as two outlets ran it, and another article.
const cliStoryArticles = `{"id":"dam-1","title":"افتتاح سد جديد في أربيل","body":"أربيل - افتتحت حكومة إقليم كردستان العراق، الخميس، سدا جديدا على نهر الزاب الكبير بسعة تخزينية تبلغ ثلاثمئة مليون متر مكعب، لري عشرين ألف دونم من الأراضي الزراعية وتوليد الكهرباء لثلاث بلدات.","source":"وكالة الرافدين","published":"2023-03-16T08:00:00Z"}
{"id":"dam-2","title":"سد على الزاب الكبير","body":"افتتحت حكومة إقليم كردستان العراق، الخميس، سدا جديدا على نهر الزاب الكبير بسعة تخزينية تبلغ ثلاثمئة مليون متر مكعب، لري عشرين ألف دونم من الأراضي الزراعية.","source":"النيل اليوم","published":"2023-03-16T10:00:00Z"}
{"id":"dam-3","title":"جفاف في الأهوار","body":"الناصرية - حذر ناشطون من جفاف الأهوار في جنوب العراق بعد تراجع منسوب نهر الفرات، وقالوا إن آلاف الجواميس نفقت هذا الصيف.","source":"وكالة الرافدين","published":"2023-08-02"}
`

func TestSearchCollapsedByStory(t *testing.T) {
	work := t.TempDir()
	t.Chdir(work)
	corpus := filepath.Join(work, "news.jsonl")
	if err := os.WriteFile(corpus, []byte(cliStoryArticles), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(work, "idx")
	if code, stdout, stderr := runCommandTest(t, command("index"), corpus, "--index", dir, "--quiet"); code != 0 {
		t.Fatalf("index: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, stderr := runCommandTest(t, command("search"), "العراق", "--index", dir, "--collapse", "story", "--sort", "oldest", "--no-facets")
	if code != 0 {
		t.Fatalf("search --collapse story: exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{"3 results", "collapsed by story: 2 stories", "2 versions from النيل اليوم (1), وكالة الرافدين (1)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("search --collapse story: no %q in\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "dam-2") {
		t.Errorf("the second version is listed as a hit of its own:\n%s", stdout)
	}
}
