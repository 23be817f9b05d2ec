package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/readers"
)

// bulkBatchBytes bounds the text of one bulk batch.
const bulkBatchBytes = 16 << 20

// bulkItem is one non-blank input line of a bulk load: a document to
// write or the reason it was refused.
type bulkItem struct {
	line int
	doc  index.Doc
	err  *apiError
}

// bulkSummary ends the bulk response.
type bulkSummary struct {
	Lines     int          `json:"lines"`
	Created   int          `json:"created"`
	Updated   int          `json:"updated"`
	Unchanged int          `json:"unchanged"`
	Failed    int          `json:"failed"`
	Error     *errorDetail `json:"error,omitempty"`
}

// bulkOutput writes the NDJSON response; the status line goes out with
// the first result.
type bulkOutput struct {
	w       http.ResponseWriter
	rc      *http.ResponseController
	buf     *bufio.Writer
	enc     *json.Encoder
	started bool
	sum     bulkSummary
}

func (o *bulkOutput) start() {
	if o.started {
		return
	}
	o.started = true
	o.w.Header().Set("Content-Type", "application/x-ndjson; charset=utf-8")
	o.w.Header().Set("Cache-Control", "no-store")
	o.w.WriteHeader(http.StatusOK)
}

func (o *bulkOutput) item(it bulkItem, res *index.WriteResult) {
	o.start()
	o.sum.Lines++
	if it.err != nil {
		o.sum.Failed++
		_ = o.enc.Encode(struct {
			Line  int         `json:"line"`
			Error errorDetail `json:"error"`
		}{it.line, errorDetail{Code: it.err.Code, Message: it.err.Message}})
		return
	}
	switch res.Status {
	case index.Created:
		o.sum.Created++
	case index.Updated:
		o.sum.Updated++
	case index.Unchanged:
		o.sum.Unchanged++
	}
	_ = o.enc.Encode(struct {
		Line        int          `json:"line"`
		ID          string       `json:"id"`
		Status      index.Status `json:"status"`
		DuplicateOf string       `json:"duplicate_of,omitempty"`
	}{it.line, res.ID, res.Status, res.DuplicateOf})
}

func (o *bulkOutput) flush() {
	_ = o.buf.Flush()
	_ = o.rc.Flush()
}

// bulk indexes an NDJSON stream of articles. Lines are enriched as they
// are read and written in batches; each line's result is sent once its
// batch is durable, so the response streams while the body is still
// being read. A bad line fails alone.
func (s *Server) bulk(w http.ResponseWriter, r *http.Request) error {
	if err := noParams(r); err != nil {
		return err
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, _ := mime.ParseMediaType(ct)
		switch mt {
		case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines",
			"application/json", "text/plain", "application/octet-stream", "application/gzip":
		default:
			return errorf(http.StatusUnsupportedMediaType, "unsupported_media_type",
				"the body must be NDJSON (application/x-ndjson), not %q", ct)
		}
	}
	if r.ContentLength > s.cfg.MaxBulkBytes {
		return errorf(http.StatusRequestEntityTooLarge, "body_too_large", "the request body exceeds %d bytes", s.cfg.MaxBulkBytes)
	}
	body := http.MaxBytesReader(w, r.Body, s.cfg.MaxBulkBytes)
	rc := http.NewResponseController(w)
	// Results are written while the body is read; without full duplex,
	// the HTTP/1 server would discard the rest of the body on the first
	// write.
	_ = rc.EnableFullDuplex()

	buf := bufio.NewWriterSize(w, 32<<10)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	out := &bulkOutput{w: w, rc: rc, buf: buf, enc: enc}

	ctx, cancel := context.WithCancelCause(r.Context())
	defer cancel(nil)

	// The writer: one batch at a time, in input order.
	batches := make(chan []bulkItem, 1)
	writerDone := make(chan error, 1)
	go func() {
		var failed error
		for batch := range batches {
			if failed == nil {
				failed = s.writeBatch(ctx, batch, out)
				if failed != nil {
					cancel(failed)
				}
			}
		}
		writerDone <- failed
	}()

	var pending []bulkItem
	docs, size, lastLine := 0, 0, 0
	empty := false
	send := func() {
		if len(pending) == 0 {
			return
		}
		select {
		case batches <- pending:
		case <-ctx.Done():
		}
		pending, docs, size = nil, 0, 0
	}
	now := time.Now()
	opts := readers.Options{Format: readers.JSONL, MaxLineBytes: int(s.cfg.MaxBodyBytes), MaxStreamBytes: s.cfg.MaxBulkBytes}
	var inflated *readers.StreamLimitError
	readErr := readers.Read(ctx, body, "bulk", opts, func(rec readers.Record) error {
		if errors.As(rec.Err, &inflated) {
			return nil // the body as a whole is too large: see the summary
		}
		line, ok := lineOf(rec.Origin)
		if !ok {
			line = lastLine + 1
		}
		lastLine = line
		it := bulkItem{line: line}
		switch {
		case errors.Is(rec.Err, readers.ErrEmpty) && !ok:
			empty = true
			return nil
		case rec.Err != nil:
			it.err = recordError(rec.Err)
		default:
			a := rec.Article
			a.Origin = ""
			if line%10 == 0 {
				s.yieldToSearches(ctx, s.cfg.BulkYield)
			}
			doc, err := s.prepare(a, now)
			if err != nil {
				it.err = s.classify(r, err)
			} else {
				it.doc = doc
				docs++
				size += len(a.Title) + len(a.Body) + len(a.Summary)
			}
		}
		pending = append(pending, it)
		if docs >= s.cfg.BulkBatch || size >= bulkBatchBytes {
			send()
		}
		return ctx.Err()
	})
	if context.Cause(ctx) == nil {
		send()
	}
	close(batches)
	writeErr := <-writerDone

	if empty && !out.started {
		return errorf(http.StatusBadRequest, "empty_body", "the request body holds no articles")
	}
	out.start()
	sum := out.sum
	switch {
	case writeErr != nil:
		s.log.Error("bulk write failed", "request_id", requestID(r.Context()), "err", writeErr)
		sum.Error = &errorDetail{Code: "write_failed", Message: "writing to the index failed; lines without a result were not written"}
	case inflated != nil:
		sum.Error = &errorDetail{Code: "body_too_large", Message: fmt.Sprintf("the decompressed request body exceeds %d bytes", inflated.Limit)}
	case readErr != nil && r.Context().Err() == nil:
		ae := s.classify(r, readErr)
		sum.Error = &errorDetail{Code: ae.Code, Message: ae.Message}
	}
	_ = out.enc.Encode(map[string]any{"summary": sum})
	out.flush()
	return nil
}

// writeBatch writes a batch's documents and sends every line's result.
func (s *Server) writeBatch(ctx context.Context, batch []bulkItem, out *bulkOutput) error {
	var docs []index.Doc
	for _, it := range batch {
		if it.err == nil {
			docs = append(docs, it.doc)
		}
	}
	var results []index.WriteResult
	if len(docs) > 0 {
		var err error
		if results, err = s.ix.Write(ctx, docs); err != nil {
			return err
		}
		s.metrics.observeWrites(results)
	}
	k := 0
	for _, it := range batch {
		if it.err != nil {
			out.item(it, nil)
			continue
		}
		out.item(it, &results[k])
		k++
	}
	out.flush()
	return nil
}

// lineOf reads the line number from a record origin such as "bulk:12".
func lineOf(origin string) (int, bool) {
	i := strings.LastIndexByte(origin, ':')
	if i < 0 {
		return 0, false
	}
	n, err := strconv.Atoi(origin[i+1:])
	return n, err == nil
}
