// Package bench measures fahras against two anchors on the same corpus and
// the same queries: bleve with its default mapping and its own Arabic
// analyzer, and PostgreSQL full-text search with its built-in "arabic"
// configuration and a GIN index.
//
// The pieces are independent so that a command can combine them:
//
//   - Scaler derives any number of articles from a base corpus (the ANT
//     news corpus), streaming and deterministic for a seed: sentences
//     recombined from articles of one category, dates spread over several
//     years, gazetteer places swapped for others of the same level, fresh IDs.
//   - Mix is the fixed list of queries; each System (fahras, bleve,
//     PostgreSQL) translates a Query into its own request.
//   - Measure and RunQueries run queries from concurrent clients for a
//     duration and summarize latencies as Latencies.
//   - Run performs a whole comparison and returns a Report, whose
//     WriteMarkdown renders the tables of docs/BENCHMARKS.md.
//
// Heavy runs are functions for the command line to call; the package's tests
// only exercise them on small inputs.
package bench
