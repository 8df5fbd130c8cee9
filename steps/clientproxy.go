package steps

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/cognito-conformance/cognito-conformance/redact"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

// The recording proxy between a client program and the target: a loopback listener for one
// client call that forwards each request unchanged (Host header included: the client signed
// it) and records it, with the target's answer, through wire.RecordingTransport, the same
// recorder the SDK and raw calls use. A listener per call is what ties the client's exchanges
// to its scenario when scenarios run at the same time.

var proxyTransport = &http.Transport{
	Proxy:               nil, // never through an HTTP proxy: loopback to loopback
	DialContext:         (&net.Dialer{Timeout: 10 * time.Second}).DialContext,
	DisableCompression:  true, // pass bodies through exactly as the target sent them
	MaxIdleConnsPerHost: 4,
	IdleConnTimeout:     30 * time.Second,
}

// upstreamTransport is the run's own transport when it has one (a fault-injecting transport in
// tests reaches the clients' calls too), else the proxy's.
func (w *World) upstreamTransport() http.RoundTripper {
	if w.env.Wire.HTTP != nil && w.env.Wire.HTTP.Transport != nil {
		return w.env.Wire.HTTP.Transport
	}
	return proxyTransport
}

type recordingProxy struct {
	upstream  string
	transport wire.RecordingTransport
	rec       *wire.Recorder
	tag       wire.ScenarioTag // the scenario whose client this proxy serves
	redactor  *redact.Redactor
	srv       *http.Server
	url       string

	mu   sync.Mutex
	last *wire.Exchange
}

func startProxy(upstream string, rec *wire.Recorder, tag wire.ScenarioTag, redactor *redact.Redactor, transport http.RoundTripper) (*recordingProxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("starting the client's recording proxy: %w", err)
	}
	p := &recordingProxy{upstream: strings.TrimRight(upstream, "/"), transport: wire.RecordingTransport{Base: withoutHopByHop{transport}},
		rec: rec, tag: tag, redactor: redactor, url: "http://" + ln.Addr().String()}
	p.srv = &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = p.srv.Serve(ln) }()
	return p, nil
}

func (p *recordingProxy) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = p.srv.Shutdown(ctx)
}

// lastExchange is the last exchange this proxy recorded: "the response" of the client step.
func (p *recordingProxy) lastExchange() *wire.Exchange {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.last
}

var hopByHop = []string{"Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection",
	"Te", "Trailer", "Transfer-Encoding", "Upgrade"}

// withoutHopByHop forwards a request without the hop-by-hop headers of the client's own
// connection; the recorder, which wraps it, has kept them as the client sent them.
type withoutHopByHop struct{ base http.RoundTripper }

func (t withoutHopByHop) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	for _, h := range hopByHop {
		out.Header.Del(h)
	}
	return t.base.RoundTrip(out)
}

// ServeHTTP forwards one request and answers with the target's answer.
func (p *recordingProxy) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	// The recorder of this call only: the exchange is taken back from it, then kept in the
	// scenario's recorder, so lastExchange is this client's own exchange.
	own := &wire.Recorder{}
	ctx := wire.WithScenario(wire.WithRole(wire.WithRecorder(r.Context(), own), wire.RoleSubject), p.tag)
	out, err := http.NewRequestWithContext(ctx, r.Method, p.upstream+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		http.Error(rw, err.Error(), http.StatusBadGateway)
		return
	}
	// Recorded with the headers the client sent; forwarded without the hop-by-hop ones.
	out.Header = r.Header.Clone()
	out.Host = r.Host
	out.ContentLength = int64(len(body))
	resp, err := p.transport.RoundTrip(out)
	for _, ex := range own.Exchanges() {
		if ex.TransportError == "" {
			p.redactor.Add(secretsIn(ex.Response.Body)...)
		}
		p.rec.Record(ex)
		p.mu.Lock()
		p.last = ex
		p.mu.Unlock()
	}
	if err != nil {
		http.Error(rw, "cognito-conformance proxy: "+err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	respBody, _ := io.ReadAll(resp.Body)
	h := rw.Header()
	for k, vs := range resp.Header {
		h[k] = append([]string(nil), vs...)
	}
	for _, k := range hopByHop {
		h.Del(k)
	}
	h.Set("Content-Length", fmt.Sprint(len(respBody)))
	rw.WriteHeader(resp.StatusCode)
	_, _ = rw.Write(respBody)
}
