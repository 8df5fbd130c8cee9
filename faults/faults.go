// Package faults injects the transient faults real endpoints produce — throttling, internal
// errors, gateway pages, reset connections — into an HTTP transport, so tests can prove that
// the harness retries them and never judges a target by them.
//
// A faulty answer is made up by the transport itself: the request is never forwarded, so the
// target's state is the same as if the call had not been made, and the only right reaction of
// a client is to retry.
package faults

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
)

// Kind is one kind of transient fault.
type Kind int

const (
	Throttle      Kind = iota // 400 TooManyRequestsException, as Cognito throttles
	InternalError             // 500 InternalErrorException
	GatewayPage               // 503 with an HTML page, as a load balancer answers
	Reset                     // the connection is reset: no answer at all
	kinds
)

func (k Kind) String() string {
	return [...]string{"throttle", "internal-error", "gateway-page", "reset"}[k]
}

// ErrReset is the error a Reset fault returns. It wraps ECONNRESET, as a real reset does,
// which is what the SDK's retryer and the harness recognise as a connection error.
var ErrReset = fmt.Errorf("read tcp: connection reset by peer (injected): %w", syscall.ECONNRESET)

// Transport answers a share of requests with a fault instead of forwarding them.
type Transport struct {
	Base http.RoundTripper // nil: http.DefaultTransport
	Rate float64           // share of requests that get a fault, 0..1

	mu       sync.Mutex
	rng      *rand.Rand
	injected [kinds]atomic.Int64
	passed   atomic.Int64
}

// New returns a transport that answers rate of the requests with a fault, chosen with a
// generator seeded with seed, so a run can be repeated.
func New(base http.RoundTripper, rate float64, seed uint64) *Transport {
	return &Transport{Base: base, Rate: rate, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// RoundTrip forwards the request, or answers it with a fault.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	kind, fault := t.draw()
	if !fault {
		t.passed.Add(1)
		base := t.Base
		if base == nil {
			base = http.DefaultTransport
		}
		return base.RoundTrip(req)
	}
	t.injected[kind].Add(1)
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	switch kind {
	case Throttle:
		return answer(req, 400, "application/x-amz-json-1.1", "TooManyRequestsException:",
			`{"__type":"TooManyRequestsException","message":"Too many requests"}`), nil
	case InternalError:
		return answer(req, 500, "application/x-amz-json-1.1", "InternalErrorException:",
			`{"__type":"InternalErrorException","message":"Internal error"}`), nil
	case GatewayPage:
		return answer(req, 503, "text/html", "",
			"<html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>503 Service Temporarily Unavailable</h1></body></html>"), nil
	default:
		return nil, ErrReset
	}
}

func (t *Transport) draw() (Kind, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.rng == nil {
		t.rng = rand.New(rand.NewPCG(1, 2))
	}
	if t.rng.Float64() >= t.Rate {
		return 0, false
	}
	return Kind(t.rng.IntN(int(kinds))), true
}

func answer(req *http.Request, status int, contentType, errorType, body string) *http.Response {
	h := http.Header{"Content-Type": {contentType}, "X-Amzn-Requestid": {"00000000-0000-0000-0000-fa0170000000"}}
	if errorType != "" {
		h.Set("X-Amzn-Errortype", errorType)
	}
	return &http.Response{
		Status: http.StatusText(status), StatusCode: status, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Request: req,
	}
}

// Counts is how many requests got each kind of fault, and how many were forwarded.
type Counts struct {
	Injected  map[string]int64
	Forwarded int64
}

// Counts returns what the transport did so far.
func (t *Transport) Counts() Counts {
	c := Counts{Injected: map[string]int64{}, Forwarded: t.passed.Load()}
	for k := Kind(0); k < kinds; k++ {
		c.Injected[k.String()] = t.injected[k].Load()
	}
	return c
}

// Total is the number of faults injected.
func (c Counts) Total() int64 {
	var n int64
	for _, v := range c.Injected {
		n += v
	}
	return n
}
