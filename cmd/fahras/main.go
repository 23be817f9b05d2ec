// Command fahras is the command line of the fahras Arabic news search
// engine: it indexes articles, searches them, evaluates rankings and serves
// the HTTP API and web page.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"regexp"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
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

// exitError ends a command with a status: 1 when the work failed, 2 when
// the command was misused. Its error, when there is one, is printed once,
// as "fahras COMMAND: error".
type exitError struct {
	code  int
	err   error
	usage bool
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

// failed reports work that could not be done (exit status 1).
func failed(err error) error { return &exitError{code: 1, err: err} }

// misused reports a command given wrong arguments (exit status 2), with a
// pointer to its help rather than the whole of it.
func misused(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...), usage: true}
}

// status ends a command whose problems have been reported already.
func status(code int) error {
	if code == 0 {
		return nil
	}
	return &exitError{code: code}
}

// singleDash finds the long flag in pflag's refusal of "-index".
var singleDash = regexp.MustCompile(`^unknown shorthand flag: '.' in -([a-z][a-z0-9-]+)`)

// run runs the command line args and returns the exit status.
func run(ctx context.Context, env *Env, args []string) int {
	root := rootCommand(env)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return 0
	}
	var ee *exitError
	if !errors.As(err, &ee) {
		// cobra's own refusals: an unknown command (with suggestions),
		// a missing argument.
		ee = &exitError{code: 2, err: err, usage: true}
	}
	if ee.err != nil {
		msg := strings.TrimRight(ee.err.Error(), "\n")
		fmt.Fprintf(env.Stderr, "%s: %s\n", cmd.CommandPath(), msg)
		if ee.usage {
			fmt.Fprintf(env.Stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
		}
	}
	return ee.code
}

// rootCommand builds the command tree.
func rootCommand(env *Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "fahras",
		Short: "fahras — full-text search for Arabic news",
		Long: "fahras — full-text search for Arabic news.\n\n" +
			"It indexes scraped pages, JSON Lines and SGML corpora, finds each article's date and places,\n" +
			"and answers ranked queries with facets from the command line, an HTTP API and a web page.",
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
		// Mistyped commands get suggestions from a distance of two.
		SuggestionsMinimumDistance: 2,
	}
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		// Go's flag package took -index for --index; say so.
		if m := singleDash.FindStringSubmatch(err.Error()); m != nil && c.Flags().Lookup(m[1]) != nil {
			return misused("%v: long flags take two dashes, --%s", err, m[1])
		}
		return misused("%v", err)
	})
	root.SetVersionTemplate("{{.Version}}\n")
	root.AddCommand(
		indexCommand(env),
		extractCommand(env),
		searchCommand(env),
		evalCommand(env),
		serveCommand(env),
		demoCommand(env),
		analyzeCommand(env),
		benchCommand(env),
		versionCommand(env),
	)
	// In the tree from the start (not only once executed), so that the
	// completion commands are listed and checked like the others.
	root.InitDefaultCompletionCmd()
	return root
}

// args checks the number of positional arguments: at least least, and
// at most most (-1 for no bound).
func args(least, most int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case most == 0 && len(args) > 0:
			return misused("takes no arguments, got %q", strings.Join(args, " "))
		case least == most && len(args) != least:
			return misused("want exactly %d %s, got %d", least, what, len(args))
		case len(args) < least:
			return misused("missing %s", what)
		case most >= 0 && len(args) > most:
			return misused("takes at most %d %s, got %d", most, what, len(args))
		}
		return nil
	}
}

// cpuProfile starts a CPU profile written to path ("" for none) and
// returns the function that ends it.
func cpuProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// version describes the binary from its build information: the module's
// version and the revision it was built from.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "fahras (no build information)"
	}
	return describeBuild(info)
}

func describeBuild(info *debug.BuildInfo) string {
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	out := "fahras " + v
	if rev := settings["vcs.revision"]; rev != "" {
		out += ", revision " + rev
		if t := settings["vcs.time"]; t != "" {
			out += " (" + t + ")"
		}
		if settings["vcs.modified"] == "true" {
			out += ", with uncommitted changes"
		}
	}
	return out + ", " + info.GoVersion
}

func versionCommand(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print the version and the revision the binary was built from",
		Args:  args(0, 0, "arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintln(env.Stdout, version())
			return nil
		},
	}
}
