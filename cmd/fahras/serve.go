package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/democorpus"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/index/readers"
	"github.com/fahras/fahras/search"
	"github.com/fahras/fahras/server"
	"github.com/fahras/fahras/watch"
)

// serveFlags are the flags serve and demo share.
type serveFlags struct {
	addr         string
	writeKeys    []string
	keyFile      string
	readKeys     []string
	corsOrigins  []string
	timeout      time.Duration
	rateLimit    float64
	rateBurst    int
	maxSearches  int
	maxQueued    int
	queueWait    time.Duration
	webhookAllow []string
}

func (f *serveFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.addr, "addr", ":8080", "address to listen on (host:port)")
	fs.StringSliceVar(&f.writeKeys, "api-key", nil, "API key that may write (repeatable or comma-separated; also $FAHRAS_API_KEYS)")
	fs.StringVar(&f.keyFile, "api-key-file", "", "file of write API keys, one per line")
	fs.StringSliceVar(&f.readKeys, "read-key", nil, "API key required for reads (repeatable; also $FAHRAS_READ_KEYS); without one, reads are open")
	fs.StringSliceVar(&f.corsOrigins, "cors-origin", nil, "browser origin allowed to call the API (repeatable; * for any)")
	fs.DurationVar(&f.timeout, "timeout", server.DefaultRequestTimeout, "time limit of one request (searches included)")
	fs.Float64Var(&f.rateLimit, "rate-limit", server.DefaultRateLimit, "requests per second per client address (negative: no limit)")
	fs.IntVar(&f.rateBurst, "rate-burst", server.DefaultRateBurst, "burst of requests per client address")
	fs.IntVar(&f.maxSearches, "max-searches", 0, "searches run at once (0: one per CPU); more wait in a queue")
	fs.IntVar(&f.maxQueued, "max-queued", server.DefaultMaxQueuedSearch, "searches that may wait for a slot; beyond, 503 with Retry-After")
	fs.DurationVar(&f.queueWait, "queue-wait", server.DefaultSearchQueueWait, "longest a search waits for a slot before 503 with Retry-After")
	fs.StringSliceVar(&f.webhookAllow, "webhook-allow", nil, "host (or *.domain, address, CIDR) saved searches may call webhooks on (repeatable); none: no webhooks. Internal addresses need an explicit address or CIDR")
}

// keys gathers the write and read keys from the flags, the environment
// and the key file.
func (f *serveFlags) keys() (write, read []string, err error) {
	write = append(write, f.writeKeys...)
	read = append(read, f.readKeys...)
	write = append(write, splitKeys(os.Getenv("FAHRAS_API_KEYS"))...)
	read = append(read, splitKeys(os.Getenv("FAHRAS_READ_KEYS"))...)
	if f.keyFile != "" {
		fileKeys, err := readKeyFile(f.keyFile)
		if err != nil {
			return nil, nil, err
		}
		write = append(write, fileKeys...)
	}
	return write, read, nil
}

func splitKeys(s string) []string {
	var out []string
	for _, k := range strings.Split(s, ",") {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// readKeyFile reads one key per line; blank lines and lines starting
// with # are skipped.
func readKeyFile(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("API key file: %w", err)
	}
	defer f.Close()
	var keys []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		keys = append(keys, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("API key file %s: %w", path, err)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("API key file %s holds no keys", path)
	}
	return keys, nil
}

// servingCommand is a command that ends by serving an index (serve and
// demo): its flags are the serving flags, filled into sf.
func servingCommand(use, short, long string, sf *serveFlags) *cobra.Command {
	cmd := &cobra.Command{Use: use, Short: short, Long: long, Args: args(0, 0, "arguments")}
	sf.register(cmd.Flags())
	return cmd
}

func serveCommand(env *Env) *cobra.Command {
	var sf serveFlags
	var dir, gazetteerFile string
	cmd := servingCommand("serve [flags]", "serve the HTTP API and the search page over an index",
		"Serves the search page and the HTTP API (under /api/v1) over an existing index.", &sf)
	indexFlag(cmd, &dir, defaultIndexDir, "index directory")
	gazetteerFlag(cmd, &gazetteerFile)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		g, err := loadGazetteer(gazetteerFile)
		if err != nil {
			return failed(err)
		}
		ix, err := index.Open(dir)
		if err != nil {
			if errors.Is(err, index.ErrNotExist) {
				err = fmt.Errorf("%w (build one with: fahras index --index %s PATH..., or try: fahras demo)", err, dir)
			}
			return failed(err)
		}
		defer ix.Close()
		return serveIndex(cmd.Context(), env, ix, g, sf, "", nil)
	}
	return cmd
}

// serveIndex listens, serves the index until ctx is done and returns the
// exit status.
// extraKey, if not empty, is one more write key (the demo's); onReady, if
// set, is called with the page's URL once the server is ready.
func serveIndex(ctx context.Context, env *Env, ix *index.Index, g *places.Gazetteer, sf serveFlags,
	extraKey string, onReady func(url string)) error {
	writeKeys, readKeys, err := sf.keys()
	if err != nil {
		return misused("%v", err)
	}
	if extraKey != "" {
		writeKeys = append(writeKeys, extraKey)
	}
	if len(writeKeys) == 0 {
		env.Logger.Info("no API keys: the API is read-only (give --api-key to allow writes)")
	}
	eng, err := search.New(ix, g)
	if err != nil {
		return failed(err)
	}
	// The spellings of names are mined while the server starts; searches
	// meanwhile search words as typed.
	go func() {
		if _, err := eng.Variants(ctx); err != nil && ctx.Err() == nil {
			env.Logger.Warn("mining the spellings of names failed", "err", err)
		}
	}()
	policy, err := watch.ParsePolicy(sf.webhookAllow)
	if err != nil {
		return misused("--webhook-allow: %v", err)
	}
	watches, err := openWatches(ctx, env, ix, g, watch.Options{Webhooks: policy}, false)
	if err != nil {
		return failed(err)
	}
	defer watches.Close() // before the index closes
	srv, err := server.New(server.Config{
		Watches: watches,
		Index:   ix, Engine: eng, Enricher: index.NewEnricher(g, nil),
		WriteKeys: writeKeys, ReadKeys: readKeys, CORSOrigins: sf.corsOrigins,
		RequestTimeout: sf.timeout, RateLimit: sf.rateLimit, RateBurst: sf.rateBurst,
		MaxSearches: sf.maxSearches, MaxQueued: sf.maxQueued, QueueWait: sf.queueWait,
		Logger: env.Logger,
	})
	if err != nil {
		return misused("%v", err)
	}
	ln, err := net.Listen("tcp", sf.addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return failed(fmt.Errorf("the address %s is already in use (is another server running?); choose another with --addr, e.g. --addr :8081", sf.addr))
		}
		return failed(fmt.Errorf("listen on %s: %w", sf.addr, err))
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()

	start := time.Now()
	if err := srv.Warm(ctx); err != nil && ctx.Err() == nil {
		env.Logger.Warn("warming the index failed", "err", err)
	}
	n, _ := ix.Count()
	url := pageURL(sf.addr, ln.Addr())
	env.Logger.Info("ready", "url", url, "documents", n, "warmed_in", time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(env.Stdout, "fahras is serving %d articles at %s  (API: %sapi/v1/, Ctrl-C stops)\n", n, url, url)
	if onReady != nil {
		onReady(url)
	}

	if err := <-served; err != nil {
		return failed(err)
	}
	env.Logger.Info("stopped")
	return nil
}

// pageURL is the address to open in a browser: a listener on all
// interfaces is reached through localhost.
func pageURL(flagAddr string, addr net.Addr) string {
	host, _, _ := net.SplitHostPort(flagAddr)
	_, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

func demoCommand(env *Env) *cobra.Command {
	var sf serveFlags
	var dir string
	cmd := servingCommand("demo [flags]", "index the embedded demo corpus and serve the search page",
		"Indexes the built-in demo articles and serves the search page and the API.", &sf)
	indexFlag(cmd, &dir, "", "keep the demo index in this directory (default: a temporary directory removed at exit)")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		ctx := cmd.Context()
		if _, _, err := sf.keys(); err != nil {
			return misused("%v", err)
		}
		demoKey := newDemoKey()

		indexDir := dir
		if indexDir == "" {
			tmp, err := os.MkdirTemp("", "fahras-demo-")
			if err != nil {
				return failed(err)
			}
			defer os.RemoveAll(tmp)
			indexDir = tmp
		}
		g, err := loadGazetteer("")
		if err != nil {
			return failed(err)
		}
		ix, _, err := index.OpenOrCreate(indexDir, index.Options{ProtectedWords: g.Names()})
		if err != nil {
			return failed(err)
		}
		defer ix.Close()
		sum, err := ix.Ingest(ctx, fsSource(democorpus.FS(), democorpus.Files()), index.NewEnricher(g, nil), index.IngestOptions{
			OnError: func(origin string, err error) { env.Logger.Warn("demo article skipped", "origin", origin, "err", err) },
		})
		if err != nil {
			if ctx.Err() != nil {
				return failed(errors.New("interrupted"))
			}
			return failed(fmt.Errorf("indexing the demo corpus: %w", err))
		}
		env.Logger.Info("indexed the demo corpus", "dir", indexDir, "articles", sum.Indexed(), "failed", sum.Failed,
			"took", sum.Elapsed.Round(time.Millisecond))
		return serveIndex(ctx, env, ix, g, sf, demoKey, func(url string) {
			fmt.Fprintf(env.Stdout, "demo write API key: %s\n", demoKey)
			fmt.Fprintf(env.Stdout, "  try: curl -H 'Authorization: Bearer %s' -X PUT --data '{\"title\":\"…\",\"body\":\"…\"}' %sapi/v1/documents/my-article\n", demoKey, url)
		})
	}
	return cmd
}

// newDemoKey makes a random write key for the demo.
func newDemoKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return "demo-" + hex.EncodeToString(b[:])
}

// fsSource reads the named files of fsys; each file's name decides its
// format.
func fsSource(fsys fs.FS, names []string) index.Source {
	return func(ctx context.Context, emit func(readers.Record) error) error {
		for _, name := range names {
			if err := readFSFile(ctx, fsys, name, emit); err != nil {
				return err
			}
		}
		return nil
	}
}

func readFSFile(ctx context.Context, fsys fs.FS, name string, emit func(readers.Record) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return emit(readers.Record{Err: err, Origin: name})
	}
	defer f.Close()
	return readers.Read(ctx, f, name, readers.Options{}, emit)
}
