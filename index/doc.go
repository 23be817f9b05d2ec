// Package index keeps fahras's articles in an embedded, sharded bleve
// index: it defines the mapping (Arabic analyzers, exact sub-fields, facet
// keyword fields, dates and places), enriches articles with their
// publication date and places, and writes them in durable batches.
//
// An index is a directory holding a metadata file and N bleve shards;
// documents are routed to a shard by a hash of their ID, and searches run
// over all shards through a bleve.IndexAlias with global BM25 statistics.
package index
