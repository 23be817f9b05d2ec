// Command fahras is the command line of the fahras Arabic news search
// engine: it indexes articles, searches them, evaluates rankings and serves
// the HTTP API and web page.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// Env is what a command sees of the process: its standard streams and
// logger. Commands take it instead of touching os.Std* so tests can run
// them in-process.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Logger *slog.Logger
	// StdoutIsTerminal reports whether Stdout is an interactive terminal
	// (progress bars and bidi isolation are only for terminals).
	StdoutIsTerminal bool
	StderrIsTerminal bool
}

// command is one subcommand: it returns the process exit status.
type command struct {
	summary string
	run     func(ctx context.Context, env *Env, args []string) int
}

func commands() map[string]command {
	return map[string]command{
		"index":   {"index articles from files, directories or standard input", runIndex},
		"extract": {"read articles and show their dates and places, without indexing", runExtract},
		"search":  {"search an index, or batch-run a query file into a TREC run", runSearch},
		"analyze": {"show how an analyzer normalizes, tokenizes and stems a text", runAnalyze},
		"serve":   {"serve the HTTP API and the search page over an index", runServe},
		"demo":    {"index the embedded demo corpus and serve the search page", runDemo},
		"bench":   {"measure indexing against bleve's own Arabic analyzer, side by side", runBench},
		"eval":    {"score a TREC run against relevance judgments (MRR, recall, nDCG, MAP)", runEval},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := &Env{
		Stdin:            os.Stdin,
		Stdout:           os.Stdout,
		Stderr:           os.Stderr,
		Logger:           slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})),
		StdoutIsTerminal: isTerminal(os.Stdout),
		StderrIsTerminal: isTerminal(os.Stderr),
	}
	code := run(ctx, env, os.Args[1:])
	stop()
	os.Exit(code)
}

// run dispatches args to a subcommand and returns the exit status.
func run(ctx context.Context, env *Env, args []string) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.Stderr, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "fahras: unknown command %q\n\n", args[0])
		usage(env.Stderr, cmds)
		return 2
	}
	return cmd.run(ctx, env, args[1:])
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "fahras — full-text search for Arabic news")
	fmt.Fprintln(w, "\nUsage: fahras COMMAND [flags] [args]")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(cmds))
	for name := range cmds {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-9s %s\n", name, cmds[name].summary)
	}
	fmt.Fprintln(w, "\nRun 'fahras COMMAND -h' for a command's flags.")
}
