package server

import (
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/fahras/fahras/index"
)

// metrics are the server's Prometheus metrics, in a registry of its own.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	indexed  *prometheus.CounterVec
	searches *prometheus.HistogramVec
}

func newMetrics(ix Store) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "fahras_http_requests_total",
			Help: "HTTP requests answered, by route template, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "fahras_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route template, method and status code.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route", "method", "code"}),
		indexed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "fahras_documents_indexed_total",
			Help: "Documents written through the API, by outcome (created, updated, unchanged).",
		}, []string{"status"}),
		searches: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "fahras_search_duration_seconds",
			Help:    "Time the search engine took per search, by outcome (ok or error).",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"outcome"}),
	}
	docs := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "fahras_index_documents",
		Help: "Documents in the index.",
	}, func() float64 {
		n, err := ix.Count()
		if err != nil {
			return -1
		}
		return float64(n)
	})
	shards := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "fahras_index_shards",
		Help: "Shards of the index.",
	}, func() float64 { return float64(ix.Shards()) })
	m.registry.MustRegister(m.requests, m.latency, m.indexed, m.searches, docs, shards,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, st := range []index.Status{index.Created, index.Updated, index.Unchanged} {
		m.indexed.WithLabelValues(string(st))
	}
	return m
}

func (m *metrics) observeRequest(route, method string, status int, seconds float64) {
	code := strconv.Itoa(status)
	m.requests.WithLabelValues(route, method, code).Inc()
	m.latency.WithLabelValues(route, method, code).Observe(seconds)
}

func (m *metrics) observeWrites(results []index.WriteResult) {
	for _, r := range results {
		m.indexed.WithLabelValues(string(r.Status)).Inc()
	}
}

// watchGate exports the search gate's state: searches running, waiting,
// and turned away with 503.
func (m *metrics) watchGate(g *searchGate) {
	m.registry.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "fahras_searches_in_flight",
			Help: "Searches holding a search slot.",
		}, func() float64 { return float64(g.inFlight()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "fahras_searches_queued",
			Help: "Searches waiting for a search slot.",
		}, func() float64 { return float64(g.queued.Load()) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "fahras_searches_rejected_total",
			Help: "Searches answered 503 because the queue was full or the wait passed its deadline.",
		}, func() float64 { return float64(g.rejected.Load()) }),
	)
}
