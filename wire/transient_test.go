package wire_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cognito-conformance/cognito-conformance/wire"
)

// scripted answers the n-th request with answers[n] (the last one repeats).
func scripted(t *testing.T, answers ...func(http.ResponseWriter)) (*wire.Client, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		answers[min(i, len(answers)-1)](w)
	}))
	t.Cleanup(srv.Close)
	return &wire.Client{Endpoint: srv.URL, Region: "us-east-1", HTTP: srv.Client(),
		Retry: wire.RetryPolicy{Backoff: func(int) time.Duration { return time.Millisecond }}}, &n
}

func status(code int, errType string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		if errType != "" {
			w.Header().Set("X-Amzn-Errortype", errType+":")
		}
		w.WriteHeader(code)
		if errType != "" {
			_, _ = w.Write([]byte(`{"__type":"` + errType + `","message":"m"}`))
			return
		}
		_, _ = w.Write([]byte(`{}`))
	}
}

func resetConn(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

func gateway(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(503)
	_, _ = w.Write([]byte("<html>503 Service Temporarily Unavailable</html>"))
}

func TestCallRetriesTransientAnswersAndRecordsEveryAttempt(t *testing.T) {
	t.Parallel()
	c, n := scripted(t, resetConn, gateway, status(400, "TooManyRequestsException"), status(200, ""))
	c.Retry.MaxAttempts = 4
	rec := &wire.Recorder{}
	ex, err := c.Call(wire.WithRecorder(context.Background(), rec), wire.RoleSubject, "AdminGetUser", []byte(`{}`), false)
	if err != nil || ex.Status != 200 || ex.GaveUp || ex.Attempt != 4 {
		t.Fatalf("last attempt: status %d attempt %d gaveUp %v err %v", ex.Status, ex.Attempt, ex.GaveUp, err)
	}
	if got := len(rec.Exchanges()); got != 4 || n.Load() != 4 {
		t.Fatalf("recorded %d exchanges for %d requests, want 4", got, n.Load())
	}
}

func TestCallGivesUpAfterTheAttempts(t *testing.T) {
	t.Parallel()
	c, n := scripted(t, status(500, "InternalErrorException"))
	ex, _ := c.Call(context.Background(), wire.RoleSubject, "AdminGetUser", []byte(`{}`), false)
	if !ex.GaveUp || n.Load() != 3 {
		t.Fatalf("gaveUp %v after %d requests, want true after the SDK's 3", ex.GaveUp, n.Load())
	}
}

func TestCallDoesNotRetryADeliberateAnswer(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		answer func(http.ResponseWriter)
	}{
		{"client error", status(400, "InvalidParameterException")},
		{"modelled client error in a 500", status(500, "UserNotFoundException")},
		{"Cognito's own limit", status(400, "LimitExceededException")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, n := scripted(t, tc.answer)
			ex, _ := c.Call(context.Background(), wire.RoleSubject, "AdminGetUser", []byte(`{}`), false)
			if n.Load() != 1 || ex.GaveUp || wire.Transient(ex) {
				t.Fatalf("%d requests, transient %v: a deliberate answer is judged, not retried", n.Load(), wire.Transient(ex))
			}
		})
	}
}

func TestRetryPolicyCanNarrowTransient(t *testing.T) {
	t.Parallel()
	c, n := scripted(t, func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(500)
		_, _ = w.Write([]byte("<html>not implemented here</html>"))
	})
	c.Retry.Transient = func(ex *wire.Exchange) bool { return !ex.HTMLServerError() && wire.Transient(ex) }
	_, _ = c.Call(context.Background(), wire.RoleSubject, "AdminGetUser", []byte(`{}`), false)
	if n.Load() != 1 {
		t.Fatalf("%d requests: an answer the target's quirks explain is not retried", n.Load())
	}
}

func TestCallStopsRetryingWhenTheContextEnds(t *testing.T) {
	t.Parallel()
	c, n := scripted(t, gateway)
	c.Retry.Backoff = func(int) time.Duration { return time.Hour }
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _ = c.Call(ctx, wire.RoleSubject, "AdminGetUser", []byte(`{}`), false)
	if n.Load() != 1 || time.Since(start) > 10*time.Second {
		t.Fatalf("%d requests in %s: a cancelled run must not wait out a back-off", n.Load(), time.Since(start))
	}
}

func TestSDKBackoffStaysWithinTheSDKsBounds(t *testing.T) {
	t.Parallel()
	for attempt := 1; attempt <= 10; attempt++ {
		for range 50 {
			d := wire.SDKBackoff(attempt)
			if d < 0 || d > 20*time.Second || d >= time.Duration(1<<min(attempt, 5))*time.Second {
				t.Fatalf("attempt %d: back-off %s out of [0, min(2^n s, 20 s))", attempt, d)
			}
		}
	}
}
