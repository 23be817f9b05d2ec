package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/fahras/fahras/analyzers"
)

// maxAnalyzeInput bounds what analyze reads from stdin.
const maxAnalyzeInput = 64 << 20

// analyzeCommand implements `fahras analyze`: it shows how an analyzer
// turns text into index terms.
func analyzeCommand(env *Env) *cobra.Command {
	var name, dir, gazetteerFile string
	var asJSON, showVariants bool
	cmd := &cobra.Command{
		Use:   "analyze [--analyzer NAME] [--json] [TEXT... | -]\n  fahras analyze --variants [--index DIR] [--json] WORD",
		Short: "show how an analyzer normalizes, tokenizes and stems a text, or a word's spellings in an index",
		Long: "Prints the tokens an analyzer makes of TEXT (or of stdin when TEXT is - or absent):\n" +
			"position, character offsets in the input, the original text and the indexed term.\n\n" +
			"With --variants, mines the spellings of names from the index and prints WORD's: each\n" +
			"spelling with the counts of its forms (bare, with the article, with a proclitic, with a\n" +
			"pronoun) and an example title, then the words and weights a search for WORD uses\n" +
			"(mined spellings, or the entries of the index's synonyms.txt, which override them).",
	}
	cmd.Flags().BoolVar(&showVariants, "variants", false, "print the spellings of WORD mined from the index and how WORD is searched")
	indexFlag(cmd, &dir, defaultIndexDir, "index directory (with --variants)")
	gazetteerFlag(cmd, &gazetteerFile)
	cmd.Flags().StringVar(&name, "analyzer", "ar", "analyzer: ar, ar_exact, ar_snowball, bleve_ar or any bleve analyzer name")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of tokens")
	_ = cmd.RegisterFlagCompletionFunc("analyzer", fixedCompletion(analyzers.Names()...))
	cmd.RunE = func(cmd *cobra.Command, words []string) error {
		if showVariants {
			if len(words) != 1 {
				return misused("--variants takes one word")
			}
			ix, eng, err := openEngine(dir, gazetteerFile)
			if err != nil {
				return failed(err)
			}
			defer ix.Close()
			r, err := reportVariants(cmd.Context(), eng, words[0])
			if err != nil {
				return failed(err)
			}
			if err := printVariants(env.Stdout, r, asJSON, env.StdoutIsTerminal); err != nil {
				return failed(fmt.Errorf("writing the variants: %w", err))
			}
			return nil
		}
		analyzer, err := analyzers.Lookup(name, nil)
		if err != nil {
			return misused("unknown analyzer %q; known analyzers: %s", name, strings.Join(analyzers.Names(), ", "))
		}
		text, err := analyzeInput(env.Stdin, words)
		if err != nil {
			return misused("%v", err)
		}
		if err := cmd.Context().Err(); err != nil {
			return failed(err)
		}
		tokens := analyzers.Explain(analyzer, text)
		if asJSON {
			enc := json.NewEncoder(env.Stdout)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(tokens); err != nil {
				return failed(fmt.Errorf("writing JSON: %w", err))
			}
			return nil
		}
		if err := printTokenTable(env.Stdout, tokens, env.StdoutIsTerminal); err != nil {
			return failed(fmt.Errorf("writing the table: %w", err))
		}
		return nil
	}
	return cmd
}

// analyzeInput returns the text to analyze: the arguments joined by
// spaces, or stdin when there are none or the only one is "-".
func analyzeInput(stdin io.Reader, args []string) (string, error) {
	var text string
	if len(args) == 0 || (len(args) == 1 && args[0] == "-") {
		if stdin == nil {
			return "", errors.New("no text given and no standard input")
		}
		data, err := io.ReadAll(io.LimitReader(stdin, maxAnalyzeInput+1))
		if err != nil {
			return "", fmt.Errorf("reading standard input: %w", err)
		}
		if len(data) > maxAnalyzeInput {
			return "", fmt.Errorf("input is larger than %d MiB", maxAnalyzeInput>>20)
		}
		text = string(data)
	} else {
		text = strings.Join(args, " ")
	}
	if !utf8.ValidString(text) {
		return "", fmt.Errorf("input is not valid UTF-8 (at byte %d)", firstInvalid(text))
	}
	return text, nil
}

func firstInvalid(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return len(s)
}

// printTokenTable writes tokens as an aligned table; CHAR_START and
// CHAR_END are character (rune) offsets, not bytes. Surface and term are
// wrapped in bidi isolates on a terminal so Arabic displays in order.
func printTokenTable(w io.Writer, tokens []analyzers.ExplainedToken, terminal bool) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "POS\tCHAR_START\tCHAR_END\tSURFACE\tTERM")
	for _, t := range tokens {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%s\t%s\n", t.Position, t.Start, t.End,
			isolate(t.Surface, terminal), isolate(t.Term, terminal))
	}
	return tw.Flush()
}
