package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/search"
	"github.com/fahras/fahras/watch"
)

// watchesDir is where an index's saved searches are kept: beside its
// shards, in its directory.
func watchesDir(ix *index.Index) string { return filepath.Join(ix.Dir(), "watches") }

// openWatches opens the saved searches of ix and makes them follow its
// writes. With onlyIfKept, an index that never had saved searches gets
// none (nil, nil).
func openWatches(ctx context.Context, env *Env, ix *index.Index, g *places.Gazetteer, opts watch.Options, onlyIfKept bool) (*watch.Service, error) {
	dir := watchesDir(ix)
	if onlyIfKept {
		if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
	}
	eng, err := search.New(ix, g)
	if err != nil {
		return nil, err
	}
	opts.Enricher = index.NewEnricher(g, nil)
	opts.Logger = env.Logger
	svc, err := watch.Open(ctx, dir, eng, opts)
	if err != nil {
		return nil, err
	}
	ix.SetObserver(svc)
	return svc, nil
}
