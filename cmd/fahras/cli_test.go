package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/fahras/fahras/search"
)

const cliArticles = `{"id":"iraq-1","title":"العراق يفتتح جسرا جديدا في بغداد","body":"بغداد - افتتحت أمانة بغداد جسرا جديدا على نهر دجلة في العراق.","source":"وكالة الرافدين","published":"2023-03-12"}
{"id":"iraq-2","title":"انتخابات مجالس المحافظات في العراق","body":"البصرة - بدأ الناخبون في العراق التصويت في انتخابات مجالس المحافظات.","source":"وكالة الرافدين","published":"2023-12-18"}
{"id":"egypt-1","title":"القاهرة تفتتح خطا جديدا للمترو","body":"القاهرة - أعلنت الهيئة القومية للأنفاق تشغيل خط جديد للمترو في مصر.","source":"النيل اليوم","published":"2023-05-20"}
`

// Flags may follow the arguments: the query is the arguments only, and
// --index after the file names the index rather than a file to read.
func TestFlagsAfterArguments(t *testing.T) {
	work := t.TempDir()
	t.Chdir(work)
	corpus := filepath.Join(work, "news.jsonl")
	if err := os.WriteFile(corpus, []byte(cliArticles), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(work, "idx")
	code, stdout, stderr := runCommandTest(t, command("index"), corpus, "--index", dir, "--quiet")
	if code != 0 || !strings.Contains(stdout, "indexed 3 (created 3") {
		t.Fatalf("index: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(work, defaultIndexDir)); !os.IsNotExist(err) {
		t.Errorf("the default index was written (%v): --index after the path was ignored", err)
	}

	code, stdout, stderr = runCommandTest(t, command("search"), "--index", dir, "--json", "العراق", "--size", "1")
	if code != 0 {
		t.Fatalf("search: exit %d, stderr %q", code, stderr)
	}
	var res search.Result
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("search --json: %v: %s", err, stdout)
	}
	if res.Query != "العراق" || res.Size != 1 || res.Total != 2 || len(res.Hits) != 1 {
		t.Errorf("search العراق --size 1: query %q, size %d, total %d, %d hits", res.Query, res.Size, res.Total, len(res.Hits))
	}

	// The filters and choices of the API, as flags.
	code, stdout, stderr = runCommandTest(t, command("search"), "--index", dir, "--json", "--source", "النيل اليوم",
		"--facets", "sources", "--fields", "title", "--now", "2023-06-01")
	if code != 0 {
		t.Fatalf("search --source: exit %d, stderr %q", code, stderr)
	}
	res = search.Result{}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Hits[0].ID != "egypt-1" || res.Hits[0].Source != "" || res.Facets == nil || res.Facets.Dates != nil || len(res.Facets.Sources) != 2 {
		t.Errorf("search --source --facets --fields: %s", stdout)
	}

	// The table shows the facets asked for, and only those.
	code, stdout, stderr = runCommandTest(t, command("search"), "العراق", "--index", dir, "--facets", "sources,places")
	if code != 0 || !strings.Contains(stdout, "  sources: وكالة الرافدين (2)") || !strings.Contains(stdout, "  places: ") || strings.Contains(stdout, "dates by") {
		t.Errorf("search --facets sources,places: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	// A refused request names its flag and exits 2, without the usage.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--size", "101", "العراق"}, "fahras search: --size: size must be between 1 and 100, not 101\n"},
		{[]string{"--from", "2024-02-30"}, "fahras search: --from: from: 2024-02-30 does not exist: February 2024 has 29 days\n"},
		{[]string{"--sort", "random"}, `fahras search: --sort: sort must be relevance, newest or oldest, not "random"` + "\n"},
		{[]string{"ا*"}, `fahras search: the query "ا*" searches for nothing`},
	} {
		code, _, stderr := runCommandTest(t, command("search"), append([]string{"--index", dir}, tc.args...)...)
		if code != 2 || !strings.HasPrefix(stderr, tc.want) || strings.Contains(stderr, "Flags:") {
			t.Errorf("search %q: exit %d, stderr %q; want 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
}

// allCommands lists the path of every command of the tree.
func allCommands(c *cobra.Command) [][]string {
	var out [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		out = append(out, path)
		for _, sub := range c.Commands() {
			walk(sub, append(slices.Clone(path), sub.Name()))
		}
	}
	walk(c, nil)
	return out
}

func TestHelpExitsZero(t *testing.T) {
	env := &Env{}
	for _, path := range allCommands(rootCommand(env)) {
		for _, flag := range []string{"-h", "--help"} {
			code, stdout, stderr := runCommandTest(t, run, append(slices.Clone(path), flag)...)
			if code != 0 || !strings.Contains(stdout, "Usage:") || stderr != "" {
				t.Errorf("fahras %s %s: exit %d, stdout %.80q, stderr %q", strings.Join(path, " "), flag, code, stdout, stderr)
			}
		}
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := runCommandTest(t, command("version"))
	if code != 0 || !strings.HasPrefix(stdout, "fahras ") {
		t.Errorf("version: exit %d, %q", code, stdout)
	}
	if code, flag, _ := runCommandTest(t, run, "--version"); code != 0 || flag != stdout {
		t.Errorf("--version: exit %d, %q; want %q", code, flag, stdout)
	}
	info := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "4cba84f0"}, {Key: "vcs.time", Value: "2026-12-06T21:48:00Z"}, {Key: "vcs.modified", Value: "true"},
	}}
	if got, want := describeBuild(info), "fahras v1.2.0, revision 4cba84f0 (2026-12-06T21:48:00Z), with uncommitted changes, go1.26.8"; got != want {
		t.Errorf("describeBuild = %q, want %q", got, want)
	}
	if got, want := describeBuild(&debug.BuildInfo{GoVersion: "go1.26.8"}), "fahras (devel), go1.26.8"; got != want {
		t.Errorf("describeBuild = %q, want %q", got, want)
	}
}

func TestCompletion(t *testing.T) {
	for shell, marker := range map[string]string{"bash": "__start_fahras", "zsh": "#compdef fahras", "fish": "complete -c fahras"} {
		code, stdout, stderr := runCommandTest(t, command("completion", shell))
		if code != 0 || !strings.Contains(stdout, marker) {
			t.Errorf("completion %s: exit %d, %d bytes, stderr %q", shell, code, len(stdout), stderr)
		}
	}
	// Flags with fixed values complete them.
	code, stdout, _ := runCommandTest(t, run, "__complete", "search", "--sort", "")
	if code != 0 || !strings.Contains(stdout, "newest\n") || !strings.Contains(stdout, "relevance\n") {
		t.Errorf("completing --sort: exit %d, %q", code, stdout)
	}
}

func TestMistakes(t *testing.T) {
	t.Chdir(t.TempDir())
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"serach", "العراق"}, []string{`unknown command "serach"`, "Did you mean this?", "search"}},
		{[]string{"indx"}, []string{"Did you mean this?", "index"}},
		{[]string{"search", "--sizee", "3"}, []string{"fahras search: unknown flag: --sizee\nRun 'fahras search --help' for usage.\n"}},
		{[]string{"index"}, []string{"fahras index: missing a PATH to index"}},
		{[]string{"search", "-size", "2", "x"}, []string{"unknown shorthand flag: 's' in -size: long flags take two dashes, --size"}},
		{[]string{"index", "--index", "never-created", "absent.jsonl"}, []string{"fahras index: absent.jsonl: no such file or directory\n"}},
		{[]string{"extract", "absent.txt"}, []string{"fahras extract: absent.txt: no such file or directory\n"}},
		{[]string{"serve", "stray"}, []string{`fahras serve: takes no arguments, got "stray"`}},
		{[]string{"eval", "--qrels"}, []string{"flag needs an argument: --qrels"}},
	}
	for _, tc := range tests {
		code, stdout, stderr := runCommandTest(t, run, tc.args...)
		if code != 2 || stdout != "" {
			t.Errorf("%q: exit %d, stdout %q; want 2 and nothing", tc.args, code, stdout)
		}
		for _, w := range tc.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%q: stderr %q lacks %q", tc.args, stderr, w)
			}
		}
		if strings.Contains(stderr, "Flags:") || strings.Contains(stderr, "Available Commands") || strings.Count(stderr, "\n") > 5 {
			t.Errorf("%q: the error dumps the usage: %q", tc.args, stderr)
		}
	}
	// Nothing was created for a command refused before it started.
	if _, err := os.Stat("never-created"); !os.IsNotExist(err) {
		t.Errorf("an index was created for input that does not exist (%v)", err)
	}
}

// Every parameter of a search is a flag of fahras search, documented as
// the API documents it.
func TestSearchFlagsAreTheParameters(t *testing.T) {
	cmd := searchCommand(&Env{})
	for _, p := range search.SearchParams.Params() {
		if p.Name == "q" {
			continue
		}
		f := cmd.Flags().Lookup(p.Flag())
		if f == nil {
			t.Errorf("no flag --%s for the parameter %s", p.Flag(), p.Name)
			continue
		}
		if !strings.HasPrefix(f.Usage, p.Doc) {
			t.Errorf("--%s: usage %q, the parameter's doc %q", f.Name, f.Usage, p.Doc)
		}
	}
}

// README's command table lists every command, and only flags each
// command has.
func TestREADMECommandTable(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, _ := strings.Cut(string(readme), "\n## Commands\n")
	table, _, _ = strings.Cut(table, "\n\n")
	root := rootCommand(&Env{})
	listed := map[string]bool{}
	row := regexp.MustCompile("^\\| `fahras ([^`]*)`")
	flag := regexp.MustCompile(`--([a-z][a-z0-9-]*)`)
	for _, line := range strings.Split(table, "\n") {
		m := row.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		var words []string
		for _, w := range strings.Fields(m[1]) {
			if !regexp.MustCompile(`^[a-z]+$`).MatchString(w) {
				break
			}
			words = append(words, w)
		}
		cmd, rest, err := root.Find(words)
		if err != nil || len(rest) > 0 && cmd.HasSubCommands() {
			t.Errorf("README lists %q, which is not a command", m[1])
			continue
		}
		listed[cmd.CommandPath()] = true
		for _, f := range flag.FindAllStringSubmatch(m[1], -1) {
			if cmd.Flags().Lookup(f[1]) == nil && cmd.InheritedFlags().Lookup(f[1]) == nil {
				t.Errorf("README gives %s the flag --%s, which it does not have", cmd.CommandPath(), f[1])
			}
		}
	}
	for _, path := range allCommands(root) {
		cmd, _, _ := root.Find(path)
		if cmd == root || cmd.Hidden || cmd.Name() == "help" || cmd.HasSubCommands() || cmd.Parent().Name() == "completion" {
			continue
		}
		if !listed[cmd.CommandPath()] {
			t.Errorf("README's command table lacks %s", cmd.CommandPath())
		}
	}
}
