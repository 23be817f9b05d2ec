package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fahras/fahras/index/article"
)

// ErrNoPostgres is returned when the PostgreSQL server binaries or psql
// cannot be found; the PostgreSQL anchor is then skipped.
var ErrNoPostgres = errors.New("PostgreSQL not found: install it (Debian: apt-get install postgresql-15) or put initdb, pg_ctl and psql on PATH")

// PostgresBinaries are the programs the PostgreSQL anchor runs.
type PostgresBinaries struct {
	InitDB, PgCtl, Psql string
}

// FindPostgres looks for initdb and pg_ctl on PATH and then in
// /usr/lib/postgresql/<version>/bin (newest version first), and for psql
// on PATH or beside them.
func FindPostgres() (PostgresBinaries, error) {
	var b PostgresBinaries
	dirs := []string{""}
	versions, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(versions, func(i, j int) bool {
		return pgVersion(versions[i]) > pgVersion(versions[j])
	})
	dirs = append(dirs, versions...)
	for _, dir := range dirs {
		initdb, err1 := lookBin(dir, "initdb")
		pgctl, err2 := lookBin(dir, "pg_ctl")
		if err1 == nil && err2 == nil {
			b.InitDB, b.PgCtl = initdb, pgctl
			if psql, err := lookBin(dir, "psql"); err == nil {
				b.Psql = psql
			} else if psql, err := exec.LookPath("psql"); err == nil {
				b.Psql = psql
			}
			break
		}
	}
	if b.InitDB == "" || b.Psql == "" {
		return b, ErrNoPostgres
	}
	return b, nil
}

func pgVersion(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

func lookBin(dir, name string) (string, error) {
	if dir == "" {
		return exec.LookPath(name)
	}
	p := filepath.Join(dir, name)
	if info, err := os.Stat(p); err != nil || info.IsDir() {
		return "", fmt.Errorf("%s: not found", p)
	}
	return p, nil
}

// Postgres is a throwaway PostgreSQL cluster in a temporary directory,
// listening on a random loopback port with trust authentication for the
// user "bench". When this process runs as root, the server runs as the
// "postgres" system user, since PostgreSQL refuses to run as root.
type Postgres struct {
	bin  PostgresBinaries
	dir  string
	port int
	cred *syscall.Credential
}

// StartPostgres creates and starts a cluster under parent (the system's
// temporary directory when "").
func StartPostgres(ctx context.Context, parent string) (*Postgres, error) {
	bin, err := FindPostgres()
	if err != nil {
		return nil, err
	}
	if os.Geteuid() == 0 && !traversable(parent) {
		// The server runs as another user, who must reach its directory.
		parent = ""
	}
	dir, err := os.MkdirTemp(parent, "fahras-bench-pg-")
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	pg := &Postgres{bin: bin, dir: dir}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("postgres: running as root needs a \"postgres\" system user to run the server: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		pg.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("postgres: %w", err)
		}
	}
	data := filepath.Join(dir, "data")
	if out, err := pg.server(ctx, bin.InitDB, "-D", data, "-U", "bench", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("postgres: initdb: %w: %s", err, lastLines(out))
	}
	for attempt := 0; ; attempt++ {
		pg.port, err = freePort()
		if err == nil {
			err = pg.start(ctx)
		}
		if err == nil {
			return pg, nil
		}
		if attempt == 2 {
			os.RemoveAll(dir)
			return nil, err
		}
	}
}

// traversable says whether every directory from path up to the root lets
// other users through (an empty path means the temporary directory).
func traversable(path string) bool {
	if path == "" {
		return true
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	for {
		info, err := os.Stat(abs)
		if err != nil || info.Mode().Perm()&0o001 == 0 {
			return false
		}
		up := filepath.Dir(abs)
		if up == abs {
			return true
		}
		abs = up
	}
}

func (pg *Postgres) server(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = pg.dir
	if pg.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: pg.cred}
	}
	return cmd
}

func (pg *Postgres) start(ctx context.Context) error {
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -c unix_socket_directories='' -c max_connections=100 "+
		"-c shared_buffers=256MB -c maintenance_work_mem=512MB -c max_wal_size=4GB", pg.port)
	out, err := pg.server(ctx, pg.bin.PgCtl, "start", "-w", "-t", "120", "-D", filepath.Join(pg.dir, "data"),
		"-l", filepath.Join(pg.dir, "server.log"), "-o", opts).CombinedOutput()
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(pg.dir, "server.log"))
		return fmt.Errorf("postgres: pg_ctl start: %w: %s %s", err, lastLines(out), lastLines(log))
	}
	return nil
}

// Restart stops and starts the server (its caches go; the system's page
// cache stays).
func (pg *Postgres) Restart(ctx context.Context) error {
	if out, err := pg.server(ctx, pg.bin.PgCtl, "stop", "-w", "-m", "fast", "-D", filepath.Join(pg.dir, "data")).CombinedOutput(); err != nil {
		return fmt.Errorf("postgres: pg_ctl stop: %w: %s", err, lastLines(out))
	}
	return pg.start(ctx)
}

// Stop stops the server and removes its directory.
func (pg *Postgres) Stop() error {
	out, err := pg.server(context.Background(), pg.bin.PgCtl, "stop", "-w", "-m", "immediate", "-D", filepath.Join(pg.dir, "data")).CombinedOutput()
	rmErr := os.RemoveAll(pg.dir)
	if err != nil {
		return fmt.Errorf("postgres: pg_ctl stop: %w: %s", err, lastLines(out))
	}
	return rmErr
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("postgres: find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func lastLines(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return strings.Join(lines[max(0, len(lines)-5):], " / ")
}

// session is one psql process: one connection, fed statements on its
// standard input. After each statement it echoes a marker to standard
// output and standard error, so that the rows and any error message of
// that statement are read up to the markers.
type session struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Reader
	errOut *bufio.Reader
	marker string
	pid    int // the server process serving this connection
}

// Session opens a psql connection.
func (pg *Postgres) session(ctx context.Context) (*session, error) {
	cmd := exec.Command(pg.bin.Psql, "-X", "-q", "-A", "-t", "-h", "127.0.0.1", "-p", strconv.Itoa(pg.port), "-U", "bench", "-d", "postgres")
	cmd.Env = append(os.Environ(), "PGOPTIONS=-c client_min_messages=warning")
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	errOut, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("postgres: start psql: %w", err)
	}
	s := &session{cmd: cmd, in: in, out: bufio.NewReaderSize(out, 1<<16), errOut: bufio.NewReader(errOut),
		marker: fmt.Sprintf("--end-of-statement-%d--", time.Now().UnixNano())}
	rows, err := s.exec(ctx, "SELECT pg_backend_pid();")
	if err != nil {
		s.close()
		return nil, err
	}
	if len(rows) == 1 {
		s.pid, _ = strconv.Atoi(rows[0])
	}
	return s, nil
}

// exec sends sql (one or more statements, each ending with ;) and returns
// the output lines. An error message from the server is returned as an
// error.
func (s *session) exec(ctx context.Context, sql string) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if _, err := io.WriteString(s.in, sql+"\n\\echo "+s.marker+"\n\\warn "+s.marker+"\n"); err != nil {
		return nil, fmt.Errorf("postgres: write to psql: %w", err)
	}
	var rows []string
	for {
		line, err := s.out.ReadString('\n')
		if err != nil {
			return rows, fmt.Errorf("postgres: psql ended: %w", err)
		}
		line = strings.TrimSuffix(line, "\n")
		if line == s.marker {
			break
		}
		rows = append(rows, line)
	}
	var msg []string
	for {
		line, err := s.errOut.ReadString('\n')
		if err != nil {
			return rows, fmt.Errorf("postgres: psql ended: %w", err)
		}
		line = strings.TrimSuffix(line, "\n")
		if line == s.marker {
			break
		}
		msg = append(msg, line)
	}
	if len(msg) > 0 {
		return rows, fmt.Errorf("postgres: %s", strings.Join(msg, " / "))
	}
	return rows, nil
}

func (s *session) close() error {
	s.in.Close()
	return s.cmd.Wait()
}

// PostgresFTS is the second anchor: PostgreSQL full-text search with the
// built-in "arabic" configuration (the Snowball Arabic stemmer), a stored
// generated tsvector column over title and body (the setup PostgreSQL's
// manual recommends, so that ranking does not re-parse every matching row)
// and a GIN index on it, plus a B-tree on (published, id) for date filters,
// sorting and keyset paging. Every client has its own connection.
//
// The equivalents of the mix's queries:
//   - words: one plainto_tsquery per word, OR-ed (fahras and bleve rank
//     articles with any of the words), ordered by ts_rank; a phrase:
//     phraseto_tsquery;
//   - highlighting: ts_headline on the body of the 10 hits;
//   - facets: one GROUP BY GROUPING SETS ((source), (category), (year)) over
//     the matching rows (which also gives the total); no places;
//   - date filter: published BETWEEN, ORDER BY published DESC, id DESC;
//   - country filter: the country's Arabic name as a required phrase;
//   - deep page: keyset, WHERE (published, id) < (last row of the previous
//     page).
//
// Queries without facets do not count the total of matches.
type PostgresFTS struct {
	pg       *Postgres
	mu       sync.Mutex
	sessions []*session
}

// LoadPostgres creates the table, loads articles with COPY, builds the
// indexes and analyzes the table. The timing covers all of that; CPU and
// peak RSS are those of the server process serving the connection (GIN
// builds are not parallel in PostgreSQL 15).
func LoadPostgres(ctx context.Context, pg *Postgres, articles iter.Seq[article.Article]) (*PostgresFTS, IndexStats, error) {
	s, err := pg.session(ctx)
	if err != nil {
		return nil, IndexStats{}, err
	}
	p := &PostgresFTS{pg: pg, sessions: []*session{s}}
	stats, err := p.load(ctx, s, articles)
	if err != nil {
		p.Close()
		return nil, stats, err
	}
	return p, stats, nil
}

func (p *PostgresFTS) load(ctx context.Context, s *session, articles iter.Seq[article.Article]) (IndexStats, error) {
	var stats IndexStats
	if _, err := s.exec(ctx, `DROP TABLE IF EXISTS articles;
CREATE TABLE articles (
	id text PRIMARY KEY,
	title text NOT NULL,
	body text NOT NULL,
	source text NOT NULL,
	category text NOT NULL,
	published timestamptz NOT NULL,
	tsv tsvector GENERATED ALWAYS AS (to_tsvector('arabic', title || ' ' || body)) STORED
);`); err != nil {
		return stats, err
	}
	start, cpu0 := time.Now(), procCPU(s.pid)
	w := bufio.NewWriterSize(s.in, 1<<20)
	w.WriteString("COPY articles (id, title, body, source, category, published) FROM STDIN;\n")
	for a := range articles {
		if err := ctx.Err(); err != nil {
			return stats, err
		}
		for i, f := range []string{a.ID, a.Title, a.Body, a.Source, a.Category} {
			if i > 0 {
				w.WriteByte('\t')
			}
			copyEscape(w, f)
		}
		w.WriteByte('\t')
		w.WriteString(a.Published.Format(time.RFC3339))
		w.WriteByte('\n')
		stats.Docs++
		stats.Bytes += TextBytes(a)
	}
	w.WriteString("\\.\n")
	if err := w.Flush(); err != nil {
		return stats, fmt.Errorf("postgres: copy: %w", err)
	}
	if _, err := s.exec(ctx, ""); err != nil {
		return stats, fmt.Errorf("postgres: copy: %w", err)
	}
	if _, err := s.exec(ctx, `CREATE INDEX articles_tsv ON articles USING GIN (tsv);
CREATE INDEX articles_published ON articles (published, id);
ANALYZE articles;`); err != nil {
		return stats, err
	}
	stats.Elapsed = time.Since(start)
	stats.CPU = procCPU(s.pid) - cpu0
	stats.PeakRSS = procStatus(strconv.Itoa(s.pid), "VmHWM")
	rows, err := s.exec(ctx, "SELECT pg_total_relation_size('articles');")
	if err != nil {
		return stats, err
	}
	if len(rows) == 1 {
		stats.SizeBytes, _ = strconv.ParseInt(rows[0], 10, 64)
	}
	return stats, nil
}

// copyEscape writes s in COPY's text format.
func copyEscape(w *bufio.Writer, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			w.WriteString(`\\`)
		case '\t':
			w.WriteString(`\t`)
		case '\n':
			w.WriteString(`\n`)
		case '\r':
			w.WriteString(`\r`)
		default:
			w.WriteByte(c)
		}
	}
}

// procCPU is the user and system CPU time of a process, from
// /proc/<pid>/stat.
func procCPU(pid int) time.Duration {
	st, _ := readProcStat(strconv.Itoa(pid))
	return st.cpu
}

// procStat is what the benchmark reads of /proc/<pid>/stat.
type procStat struct {
	ppid int
	// cpu is the process's own user and system time; reaped, that of
	// its children that have ended and that it has waited for.
	cpu, reaped time.Duration
}

// readProcStat reads /proc/<pid>/stat (CPU times in clock ticks of 1/100 s,
// the kernel's USER_HZ).
func readProcStat(pid string) (procStat, error) {
	data, err := os.ReadFile(filepath.Join("/proc", pid, "stat"))
	if err != nil {
		return procStat{}, err
	}
	// The fields after the command name, which is in parentheses and
	// may itself hold spaces and parentheses.
	rest := string(data)
	if i := strings.LastIndexByte(rest, ')'); i >= 0 {
		rest = rest[i+1:]
	}
	f := strings.Fields(rest)
	if len(f) < 15 {
		return procStat{}, fmt.Errorf("/proc/%s/stat: %d fields", pid, len(f))
	}
	var ticks [4]int64
	for i := range ticks {
		if ticks[i], err = strconv.ParseInt(f[11+i], 10, 64); err != nil {
			return procStat{}, fmt.Errorf("/proc/%s/stat: %w", pid, err)
		}
	}
	ppid, err := strconv.Atoi(f[1])
	if err != nil {
		return procStat{}, fmt.Errorf("/proc/%s/stat: %w", pid, err)
	}
	const tick = 10 * time.Millisecond
	return procStat{ppid: ppid, cpu: time.Duration(ticks[0]+ticks[1]) * tick, reaped: time.Duration(ticks[2]+ticks[3]) * tick}, nil
}

// ServerCPU is the user and system CPU time the server has used since it
// started: the postmaster's, that of its live children (the backends
// serving the connections, the writers, autovacuum) and that of the
// children it has reaped. 0 when the server's processes cannot be read.
func (pg *Postgres) ServerCPU() time.Duration {
	pidFile, err := os.ReadFile(filepath.Join(pg.dir, "data", "postmaster.pid"))
	if err != nil {
		return 0
	}
	first, _, _ := strings.Cut(string(pidFile), "\n")
	postmaster, err := strconv.Atoi(strings.TrimSpace(first))
	if err != nil {
		return 0
	}
	st, err := readProcStat(strconv.Itoa(postmaster))
	if err != nil {
		return 0
	}
	total := st.cpu + st.reaped
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		if child, err := readProcStat(e.Name()); err == nil && child.ppid == postmaster {
			total += child.cpu
		}
	}
	return total
}

// CPUTime implements CPUMeter: the CPU time of the PostgreSQL server.
func (p *PostgresFTS) CPUTime() time.Duration { return p.pg.ServerCPU() }

// Name implements System.
func (p *PostgresFTS) Name() string { return "postgres-fts" }

// Close ends every connection.
func (p *PostgresFTS) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.sessions {
		s.close()
	}
	p.sessions = nil
	return nil
}

// sqlString quotes s as an SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// Count implements System.
func (p *PostgresFTS) Count(ctx context.Context, q Query) (int64, error) {
	p.mu.Lock()
	if len(p.sessions) == 0 {
		p.mu.Unlock()
		return 0, errors.New("postgres: closed")
	}
	s := p.sessions[0]
	p.mu.Unlock()
	rows, err := s.exec(ctx, "SELECT count(*) FROM articles"+p.where(q)+";")
	if err != nil {
		return 0, err
	}
	if len(rows) != 1 {
		return 0, fmt.Errorf("postgres: count: %d rows", len(rows))
	}
	return strconv.ParseInt(rows[0], 10, 64)
}

// SQL is q as SQL statements; after, when set, is the keyset of the last
// row of the previous page (published, id).
func (p *PostgresFTS) SQL(q Query, after []string) string {
	tsq := tsQuery(q)
	where := p.where(q)
	page := where
	if len(after) == 2 {
		k := "(published, id) < (" + sqlString(after[0]) + "::timestamptz, " + sqlString(after[1]) + ")"
		if page == "" {
			page = " WHERE " + k
		} else {
			page += " AND " + k
		}
	}
	order := " ORDER BY published DESC, id DESC"
	rank := ""
	if !q.Newest && tsq != "" {
		rank = ", ts_rank(tsv, " + tsq + ") AS rank"
		order = " ORDER BY rank DESC, id"
	}
	body := "left(body, 200)"
	if tsq != "" {
		body = "ts_headline('arabic', body, " + tsq + ")"
	}
	sql := fmt.Sprintf("SELECT id, title, source, category, published, %s FROM (SELECT id, title, body, source, category, published%s FROM articles%s%s LIMIT %d) AS page%s;",
		body, rank, page, order, PageSize, strings.Replace(order, "rank", "page.rank", 1))
	if q.Facets {
		sql += "\nSELECT source, category, extract(year FROM published) AS year, count(*) FROM articles" + where +
			" GROUP BY GROUPING SETS ((source), (category), (year));"
	}
	return sql
}

// tsQuery is the text search query of q, or "" when q has no words.
func tsQuery(q Query) string {
	switch {
	case q.Text != "" && q.Phrase:
		return "phraseto_tsquery('arabic', " + sqlString(q.Text) + ")"
	case q.Text != "":
		var parts []string
		for _, w := range strings.Fields(q.Text) {
			parts = append(parts, "plainto_tsquery('arabic', "+sqlString(w)+")")
		}
		return "(" + strings.Join(parts, " || ") + ")"
	}
	return ""
}

// where is the WHERE clause of q's conditions, or "".
func (p *PostgresFTS) where(q Query) string {
	var cond []string
	if tsq := tsQuery(q); tsq != "" {
		cond = append(cond, "tsv @@ "+tsq)
	}
	if q.CountryName != "" {
		cond = append(cond, "tsv @@ phraseto_tsquery('arabic', "+sqlString(q.CountryName)+")")
	}
	if !q.From.IsZero() {
		cond = append(cond, "published >= "+sqlString(q.From.Format(time.RFC3339)))
	}
	if !q.To.IsZero() {
		cond = append(cond, "published < "+sqlString(q.To.AddDate(0, 0, 1).Format(time.RFC3339)))
	}
	if len(cond) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(cond, " AND ")
}

// Prepare implements System.
func (p *PostgresFTS) Prepare(ctx context.Context, q Query, clients int) (Runner, error) {
	p.mu.Lock()
	for len(p.sessions) < max(clients, 1) {
		s, err := p.pg.session(ctx)
		if err != nil {
			p.mu.Unlock()
			return nil, err
		}
		p.sessions = append(p.sessions, s)
	}
	sessions := p.sessions
	p.mu.Unlock()
	var after []string
	if q.Skip > 0 {
		walk := q
		walk.Facets = false
		sql := strings.Replace(p.SQL(walk, nil), fmt.Sprintf("LIMIT %d", PageSize), fmt.Sprintf("OFFSET %d LIMIT 1", q.Skip-1), 1)
		sql = strings.Replace(sql, "SELECT id, title, source, category, published, ", "SELECT published, id, ", 1)
		rows, err := sessions[0].exec(ctx, "SET TIME ZONE 'UTC';\n"+sql)
		if err != nil {
			return nil, err
		}
		if len(rows) == 0 {
			return nil, fmt.Errorf("fewer than %d hits to skip", q.Skip)
		}
		after = strings.SplitN(rows[0], "|", 3)[:2]
	}
	sql := p.SQL(q, after)
	return func(ctx context.Context, client int) error {
		_, err := sessions[client%len(sessions)].exec(ctx, sql)
		return err
	}, nil
}
