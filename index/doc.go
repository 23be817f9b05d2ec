// Package index keeps fahras's articles in an embedded, sharded bleve
// index: it defines the mapping (Arabic analyzers, exact sub-fields, facet
// keyword fields, dates and places), enriches articles with their
// publication date and places, and writes them in durable batches.
//
// An index is a directory holding a metadata file and N bleve shards;
// documents are routed to a shard by a hash of their ID, and searches run
// over all shards through a bleve.IndexAlias with global BM25 statistics.
//
// Facets and date sorting do not go through bleve's doc values at query
// time: each segment's facet values and publication dates are decoded once
// into in-memory columns (columns.go), and a handler that sees every match
// of a search counts facets (SearchCounting) and sets date sort keys
// (PublishedSort) in the same pass that ranks the hits.
package index
