package wire

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Recorder collects the exchanges of one scenario.
type Recorder struct {
	mu        sync.Mutex
	exchanges []*Exchange
}

// Record appends an exchange; a nil recorder drops it.
func (r *Recorder) Record(ex *Exchange) {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.exchanges = append(r.exchanges, ex)
	r.mu.Unlock()
}

// Exchanges returns a copy of what was recorded, in order.
func (r *Recorder) Exchanges() []*Exchange {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*Exchange(nil), r.exchanges...)
}

type recorderKey struct{}
type roleKey struct{}

// WithRecorder returns a context whose calls are recorded into r.
func WithRecorder(ctx context.Context, r *Recorder) context.Context {
	return context.WithValue(ctx, recorderKey{}, r)
}

// RecorderFrom returns the recorder in ctx, or nil.
func RecorderFrom(ctx context.Context) *Recorder {
	r, _ := ctx.Value(recorderKey{}).(*Recorder)
	return r
}

// WithRole marks SDK calls made with ctx as fixture or subject calls.
func WithRole(ctx context.Context, role Role) context.Context {
	return context.WithValue(ctx, roleKey{}, role)
}

func roleFrom(ctx context.Context) Role {
	if r, ok := ctx.Value(roleKey{}).(Role); ok {
		return r
	}
	return RoleFixture
}

// RecordingTransport records the SDK client's traffic into the recorder of each request's
// context, so that SDK calls and raw calls land in the same per-scenario log.
type RecordingTransport struct {
	Base http.RoundTripper
}

func (t RecordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := RecorderFrom(req.Context())
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	if rec == nil {
		return base.RoundTrip(req)
	}
	var reqBody []byte
	if req.Body != nil {
		reqBody, _ = io.ReadAll(req.Body)
		req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(reqBody))
	}
	ex := &Exchange{
		Role:      roleFrom(req.Context()),
		Operation: strings.TrimPrefix(req.Header.Get("X-Amz-Target"), TargetPrefix),
		Signed:    req.Header.Get("Authorization") != "",
		Request:   Message{Headers: req.Header.Clone(), Body: string(reqBody)},
	}
	start := time.Now()
	resp, err := base.RoundTrip(req)
	ex.Duration = time.Since(start)
	if err != nil {
		ex.TransportError = err.Error()
		rec.Record(ex)
		return nil, err
	}
	respBody, rerr := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(respBody))
	ex.Status = resp.StatusCode
	ex.Response = Message{Headers: resp.Header.Clone(), Body: string(respBody)}
	if rerr != nil {
		// A body cut short (a reset mid-answer) is no answer: transient, as in Client.Call.
		ex.TransportError = "reading the response: " + rerr.Error()
	}
	rec.Record(ex)
	return resp, rerr
}
