package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/fahras/fahras/analyzers/variants"
	"github.com/fahras/fahras/search"
)

// variantsReport is what `fahras analyze --variants WORD` prints: the
// word's mined group with its evidence (counts of each spelling's forms
// and an example title), and the alternatives the word is searched as.
type variantsReport struct {
	Word      string            `json:"word"`
	Skeleton  string            `json:"skeleton,omitempty"`
	Spellings []spellingExample `json:"spellings"`
	Expansion search.Expansion  `json:"expansion"`
}

type spellingExample struct {
	variants.Spelling
	Example string `json:"example_title,omitempty"`
}

// reportVariants mines the index's variants and reports those of word.
func reportVariants(ctx context.Context, eng *search.Engine, word string) (variantsReport, error) {
	if _, err := eng.Variants(ctx); err != nil {
		return variantsReport{}, err
	}
	x, g, _ := eng.WordExpansion(word)
	r := variantsReport{Word: word, Skeleton: g.Skeleton, Spellings: []spellingExample{}, Expansion: x}
	for _, s := range g.Spellings {
		ex := spellingExample{Spelling: s}
		// A phrase is searched as written: its title shows the spelling.
		res, err := eng.Search(ctx, search.Request{Query: strconv.Quote(s.Word), Size: 1, NoFacets: true, NoHighlight: true, Fields: []string{"title"}})
		if err != nil {
			return variantsReport{}, fmt.Errorf("example of %s: %w", s.Word, err)
		}
		if len(res.Hits) > 0 {
			ex.Example = res.Hits[0].Title
		}
		r.Spellings = append(r.Spellings, ex)
	}
	return r, nil
}

func printVariants(w io.Writer, r variantsReport, asJSON, terminal bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(r)
	}
	if len(r.Spellings) == 0 {
		fmt.Fprintf(w, "%s: no other spelling mined from the index\n", isolate(r.Word, terminal))
	} else {
		fmt.Fprintf(w, "spellings of %s (skeleton %s), with the counts of their forms:\n", isolate(r.Word, terminal), isolate(r.Skeleton, terminal))
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "SPELLING\tCOUNT\tBARE\tARTICLE\tPROCLITIC\tPRONOUN\tEXAMPLE TITLE")
		for _, s := range r.Spellings {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%s\n", isolate(s.Word, terminal), s.Count, s.Bare, s.Article, s.Proclitic, s.Pronoun, isolate(s.Example, terminal))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(r.Expansion.Alternatives) == 0 {
		_, err := fmt.Fprintf(w, "searched as typed only\n")
		return err
	}
	fmt.Fprintln(w, "searched as:")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "WORD\tWEIGHT\tSOURCE")
	if !r.Expansion.Replaced {
		fmt.Fprintf(tw, "%s\t1\ttyped\n", isolate(r.Word, terminal))
	}
	for _, a := range r.Expansion.Alternatives {
		fmt.Fprintf(tw, "%s\t%g\t%s\n", isolate(a.Word, terminal), a.Weight, a.Source)
	}
	return tw.Flush()
}
