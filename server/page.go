package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/fahras/fahras/server/web"
)

// page holds the web page's files in memory with their ETags.
type page struct {
	files map[string]pageFile
}

type pageFile struct {
	data        []byte
	etag        string
	contentType string
}

// newPage reads every file of fsys (the built-in page when nil).
func newPage(fsys fs.FS) (*page, error) {
	if fsys == nil {
		fsys = web.FS()
	}
	p := &page{files: map[string]pageFile{}}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasPrefix(path.Base(name), ".") {
			return nil
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		ct := mime.TypeByExtension(path.Ext(name))
		if ct == "" {
			ct = http.DetectContentType(data)
		}
		p.files[name] = pageFile{data: data, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, contentType: ct}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web page: %w", err)
	}
	if _, ok := p.files["index.html"]; !ok {
		return nil, fmt.Errorf("web page: no index.html")
	}
	return p, nil
}

// names lists the files, sorted.
func (p *page) names() []string {
	out := make([]string, 0, len(p.files))
	for n := range p.files {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// serve answers GET / with index.html and GET /NAME with that file. The
// page revalidates on every load; its scripts and styles may be cached
// for an hour and are revalidated by ETag.
func (p *page) serve(w http.ResponseWriter, r *http.Request) error {
	name := strings.TrimPrefix(r.URL.Path, "/")
	if name == "" {
		name = "index.html"
	}
	f, ok := p.files[name]
	if !ok {
		return errorf(http.StatusNotFound, "not_found", "no such file: %s", r.URL.Path)
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("ETag", f.etag)
	if strings.HasSuffix(name, ".html") {
		h.Set("Cache-Control", "no-cache")
	} else {
		h.Set("Cache-Control", "public, max-age=3600")
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(f.data))
	return nil
}
