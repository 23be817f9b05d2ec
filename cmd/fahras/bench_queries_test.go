package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/democorpus"
	"github.com/fahras/fahras/index/places"
)

func TestBenchQueries(t *testing.T) {
	g, err := places.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ix, err := index.Create(dir, index.Options{Shards: 2, ProtectedWords: g.Names()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = ix.Ingest(context.Background(), fsSource(democorpus.FS(), democorpus.Files()), index.NewEnricher(g, nil), index.IngestOptions{})
	ix.Close()
	if err != nil {
		t.Fatal(err)
	}

	code, stdout, stderr := runCommandTest(t, command("bench"), "queries", "--index", dir, "--clients", "1,2", "--duration", "50ms", "--kinds", "plain,facets,deep")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, row := range []string{"| plain | 1 |", "| plain | 2 |", "| facets | 1 |", "| facets | 2 |", "| deep | 1 |"} {
		if !strings.Contains(stdout, row) {
			t.Errorf("no row %q in\n%s", row, stdout)
		}
	}
	// Every run that answered queries says what one cost in CPU.
	for _, line := range strings.Split(stdout, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 12 || !strings.HasPrefix(line, "| plain |") && !strings.HasPrefix(line, "| facets |") {
			continue
		}
		if cpu := strings.TrimSpace(cells[8]); cpu == "–" || cpu == "" {
			t.Errorf("no CPU ms/query in %q", line)
		}
	}
	if !strings.Contains(stdout, "| CPU ms/query | machine use |") {
		t.Errorf("no CPU columns in\n%s", stdout)
	}
	if strings.Contains(stdout, "| browse |") {
		t.Errorf("--kinds ran a kind not asked for:\n%s", stdout)
	}
	// The demo corpus is smaller than the deep page's thousand hits: the
	// query is reported as failed, once, after the table.
	if strings.Count(stderr, "deep:") != 1 || !strings.Contains(stderr, "fewer than 1000") {
		t.Errorf("stderr %q, want one message about the deep page", stderr)
	}

	for _, args := range [][]string{
		{"queries", "--index", dir, "--clients", "0"},
		{"queries", "--index", dir, "--kinds", "nonsense"},
		{"queries", "--index", t.TempDir()},
		{"queries", "stray"},
	} {
		if code, _, stderr := runCommandTest(t, command("bench"), args...); code == 0 || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}

func runCommandTest(t *testing.T, run func(context.Context, *Env, []string) int, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Logger: slog.New(slog.DiscardHandler)}
	code = run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

// command runs the named fahras command with the arguments it is given.
func command(name ...string) func(context.Context, *Env, []string) int {
	return func(ctx context.Context, env *Env, args []string) int {
		return run(ctx, env, append(append([]string{}, name...), args...))
	}
}
