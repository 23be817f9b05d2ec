package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/fahras/fahras/bench"
)

// benchChartCommand draws the chart of p50 latency against corpus size
// from the JSON reports of several bench compare runs.
func benchChartCommand(env *Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "chart [flags] RUN.json...",
		Short: "draw p50 latency against corpus size from bench compare --json runs, as SVG",
		Long: "Reads the JSON reports of fahras bench compare runs on corpora of different sizes\n" +
			"(--json) and draws an SVG chart of each system's p50 latency against the corpus\n" +
			"size, one panel per query kind, both axes logarithmic. Nothing is written when a\n" +
			"report cannot be read.",
		Args: args(1, -1, "a RUN.json file"),
	}
	fs := cmd.Flags()
	out := fs.String("out", "-", "write the SVG here (- for standard output)")
	clients := fs.Int("clients", 1, "draw the latency measured at this number of clients")
	cmd.RunE = func(cmd *cobra.Command, files []string) error {
		return status(func() int {
			if *clients <= 0 {
				fmt.Fprintf(env.Stderr, "fahras bench chart: --clients: %d is not a positive number\n", *clients)
				return 2
			}
			var runs []*bench.Report
			for _, path := range files {
				r, err := readReport(path)
				if err != nil {
					fmt.Fprintf(env.Stderr, "fahras bench chart: %v\n", err)
					return 1
				}
				runs = append(runs, r)
			}
			var svg bytes.Buffer
			if err := bench.WriteChart(&svg, runs, bench.ChartOptions{Clients: *clients}); err != nil {
				fmt.Fprintf(env.Stderr, "fahras bench chart: %v\n", err)
				return 1
			}
			var err error
			if *out == "-" {
				_, err = env.Stdout.Write(svg.Bytes())
			} else {
				err = os.WriteFile(*out, svg.Bytes(), 0o644)
			}
			if err != nil {
				fmt.Fprintf(env.Stderr, "fahras bench chart: %v\n", err)
				return 1
			}
			return 0
		}())
	}
	return cmd
}

// readReport reads the JSON report of a bench compare run.
func readReport(path string) (*bench.Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := bench.ReadReport(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}
