// Package watch keeps saved searches and follows the news for them.
//
// A saved search (a Watch) is a full search.Request with a name and an
// owner. Watches are kept in an append-only log beside the index, each
// change synced to disk before it is acknowledged, so they survive a
// crash of the process as documents do.
//
// As articles are indexed, the Service (an index.Observer) tests each one
// against the watches it could match: every watch's request is compiled,
// once, into a matcher over the terms the index analyzed, and a reverse
// index from terms to watches (the percolator idea) names the few watches
// an article's terms can satisfy. A watch that needs several things (two
// words of a phrase, a word and a source) is filed under the one the
// fewest articles hold: guessed at first, then counted on the articles
// seen, the keys chosen again each time their number doubles. A match is recorded in a second log,
// with a sequence number that serves as the cursor of the per-watch feed,
// and delivered to webhooks (signed, retried with exponential backoff,
// at least once) and to live subscribers.
//
// The package sits between the server and the search engine: it asks
// the engine for the query of a request (so a saved search matches what
// the same search would find, and refuses what the search would refuse)
// and the index for the documents it writes.
package watch
