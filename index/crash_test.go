package index_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/index/readers"
)

// crashChildEnv makes the test binary act as an indexer that prints the ID
// of every document once it is acknowledged as persisted.
const crashChildEnv = "FAHRAS_CRASH_CHILD_DIR"

// TestMain lets this test binary be the child indexer of TestKillDuringIndexing.
func TestMain(m *testing.M) {
	if dir := os.Getenv(crashChildEnv); dir != "" {
		os.Exit(crashChild(dir, os.Getenv("FAHRAS_CRASH_CHILD_ROUND")))
	}
	os.Exit(m.Run())
}

func crashChild(dir, round string) int {
	g, err := gazetteerOnce()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ix, _, err := index.OpenOrCreate(dir, index.Options{Shards: 2, ProtectedWords: g.Names()})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	out := bufio.NewWriter(os.Stdout)
	src := func(ctx context.Context, emit func(readers.Record) error) error {
		for i := 0; i < 100000; i++ {
			a := article.Article{
				ID:    fmt.Sprintf("r%s-%06d", round, i),
				Title: fmt.Sprintf("خبر رقم %d عن الكهرباء في بغداد", i),
				Body:  fmt.Sprintf("بغداد/الرافدين: تقرير رقم %d في الجولة %s عن انقطاع الكهرباء وارتفاع درجات الحرارة في العراق.", i, round),
			}
			if err := emit(readers.Record{Article: a}); err != nil {
				return err
			}
		}
		return nil
	}
	_, err = ix.Ingest(context.Background(), src, index.NewEnricher(g, nil), index.IngestOptions{
		BatchDocs: 200,
		OnWritten: func(r index.WriteResult) {
			// Only acknowledged (persisted) documents are printed.
			fmt.Fprintln(out, r.ID)
			out.Flush()
		},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

func gazetteerOnce() (*places.Gazetteer, error) {
	gazOnce.Do(func() { gaz, gazErr = places.Default() })
	return gaz, gazErr
}

// TestKillDuringIndexing kills a child indexer with SIGKILL at random
// moments and checks that every document it acknowledged survives and
// that the index opens cleanly each time.
func TestKillDuringIndexing(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "ix")
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	var acked []string
	const rounds = 5
	for round := 0; round < rounds; round++ {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+dir, fmt.Sprintf("FAHRAS_CRASH_CHILD_ROUND=%d", round))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill after a random number of acknowledged documents.
		target := 100 + rng.Intn(900)
		scanner := bufio.NewScanner(stdout)
		got := 0
		for scanner.Scan() {
			acked = append(acked, scanner.Text())
			got++
			if got >= target {
				break
			}
		}
		// A little more random delay, so the kill lands mid-batch.
		time.Sleep(time.Duration(rng.Intn(30)) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatalf("kill: %v", err)
		}
		// Read what was acknowledged before the kill took effect.
		for scanner.Scan() {
			acked = append(acked, scanner.Text())
		}
		_ = cmd.Wait()
		if got < target {
			t.Fatalf("round %d: child stopped after %d acknowledgements: %s", round, got, stderr.String())
		}

		ix, err := index.Open(dir)
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		for _, id := range acked {
			if _, err := ix.Get(context.Background(), id); err != nil {
				ix.Close()
				t.Fatalf("round %d: acknowledged document %s lost: %v", round, id, err)
			}
		}
		n, err := ix.Count()
		if err != nil {
			t.Fatalf("round %d: count: %v", round, err)
		}
		if n < uint64(len(acked)) {
			t.Fatalf("round %d: %d documents, %d acknowledged", round, n, len(acked))
		}
		ix.Close()
	}
	t.Logf("%d kills, %d acknowledged documents all found", rounds, len(acked))
}
