package conformance_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

// answer is one scripted reply of a fake endpoint.
type answer func(w http.ResponseWriter)

// reset drops the connection with no HTTP answer (RST, as a crashing proxy does).
func reset(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}

func reply(status int, contentType, body string) answer {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

func awsError(status int, code, message string) answer {
	return reply(status, wire.ContentType, `{"__type":"`+code+`","message":"`+message+`"}`)
}

var (
	ok            = reply(200, wire.ContentType, `{"UserPools":[]}`)
	gateway503    = reply(503, "text/html", "<html>\n<head><title>503 Service Temporarily Unavailable</title></head>\n<body>nginx</body>\n</html>\n")
	html200       = reply(200, "text/html", "<!DOCTYPE html>\n<html><body>Welcome to nginx!</body></html>\n")
	throttle      = awsError(400, "TooManyRequestsException", "Rate exceeded")
	internal      = awsError(500, "InternalErrorException", "boom")
	badKey        = awsError(400, "UnrecognizedClientException", "The security token included in the request is invalid.")
	validationErr = awsError(400, "InvalidParameterException", "1 validation error detected")
)

// scripted serves the answers in order, repeating the last one, and counts the requests.
func scripted(t *testing.T, answers ...answer) (url string, requests func() int) {
	t.Helper()
	var mu sync.Mutex
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		a := answers[min(n, len(answers)-1)]
		n++
		mu.Unlock()
		_, _ = io.Copy(io.Discard, r.Body)
		a(w)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func() int { mu.Lock(); defer mu.Unlock(); return n }
}

func preflightClient(url string) *wire.Client {
	return &wire.Client{Endpoint: url, Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		HTTP:        &http.Client{Timeout: 5 * time.Second},
		Retry:       wire.RetryPolicy{Backoff: func(int) time.Duration { return time.Millisecond }}}
}

// closedPort is an address on which nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return "http://" + addr
}

var preflightSentinels = []error{conformance.ErrUnreachable, conformance.ErrNotCognito, conformance.ErrBadCredentials,
	conformance.ErrThrottled, conformance.ErrUnhealthy, conformance.ErrPreflightFailed}

// TestPreflightSurvivesOneTransientFault: one blip before a good answer is retried, not
// taken for the endpoint's nature.
func TestPreflightSurvivesOneTransientFault(t *testing.T) {
	t.Parallel()
	cases := map[string][]answer{
		"reset once then OK":          {reset, ok},
		"503 HTML once then OK":       {gateway503, ok},
		"throttled once then OK":      {throttle, ok},
		"internal error once then OK": {internal, ok},
		"a Cognito client error":      {validationErr},
		"reset, 503 HTML, then OK":    {reset, gateway503, ok},
		"OK at once":                  {ok},
	}
	for name, script := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			url, requests := scripted(t, script...)
			if err := conformance.Preflight(context.Background(), preflightClient(url)); err != nil {
				t.Fatalf("Preflight = %v after %d requests", err, requests())
			}
			if want := min(len(script), 3); requests() != want {
				t.Fatalf("%d requests, want %d", requests(), want)
			}
		})
	}
}

// TestPreflightNamesEachFailure: each way the preflight fails has its own sentinel and one
// line that says what to do.
func TestPreflightNamesEachFailure(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		script   []answer // nil: a closed port
		want     error
		says     []string
		requests int
	}{
		{"closed port", nil, conformance.ErrUnreachable, []string{"cannot reach http://127.0.0.1:", "on 3 attempts", "refused"}, 0},
		{"always reset", []answer{reset}, conformance.ErrUnreachable, []string{"cannot reach http://127.0.0.1:", "on 3 attempts"}, 3},
		{"always throttled", []answer{throttle}, conformance.ErrThrottled,
			[]string{"HTTP 400 TooManyRequestsException (Rate exceeded)", "on 3 attempts", "try again later or lower --concurrency"}, 3},
		{"always 429 without a code", []answer{reply(429, "text/plain", "slow down")}, conformance.ErrThrottled,
			[]string{"HTTP 429", "try again later or lower --concurrency"}, 3},
		{"always 500 InternalErrorException", []answer{internal}, conformance.ErrUnhealthy,
			[]string{"answers 5xx to everything", "HTTP 500 InternalErrorException (boom)", "on 3 attempts"}, 3},
		{"always 503 HTML", []answer{gateway503}, conformance.ErrUnhealthy,
			[]string{"answers 5xx to everything", "HTTP 503", "503 Service Temporarily Unavailable", "on 3 attempts"}, 3},
		{"HTML 200 page", []answer{html200}, conformance.ErrNotCognito, []string{"HTTP 200", "Welcome to nginx!"}, 1},
		{"another service's error", []answer{awsError(400, "UnknownOperationException", "")}, conformance.ErrNotCognito,
			[]string{"HTTP 400 UnknownOperationException"}, 1},
		{"credentials rejected", []answer{badKey}, conformance.ErrBadCredentials,
			[]string{"UnrecognizedClientException", "AWS_ACCESS_KEY_ID"}, 1},
		{"reset then credentials rejected", []answer{reset, badKey}, conformance.ErrBadCredentials,
			[]string{"UnrecognizedClientException"}, 2},
		{"503 HTML then HTML 200", []answer{gateway503, html200}, conformance.ErrNotCognito, []string{"HTTP 200"}, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			url, requests := closedPort(t), func() int { return 0 }
			if tc.script != nil {
				url, requests = scripted(t, tc.script...)
			}
			err := conformance.Preflight(context.Background(), preflightClient(url))
			if !errors.Is(err, tc.want) {
				t.Fatalf("Preflight = %v, want %v", err, tc.want)
			}
			for _, other := range preflightSentinels {
				if other != tc.want && errors.Is(err, other) {
					t.Errorf("%v is also %v", err, other)
				}
			}
			msg := err.Error()
			t.Log(msg)
			if strings.Contains(msg, "\n") {
				t.Errorf("message is not one line: %q", msg)
			}
			for _, s := range tc.says {
				if !strings.Contains(msg, s) {
					t.Errorf("message %q does not say %q", msg, s)
				}
			}
			if requests() != tc.requests {
				t.Errorf("%d requests, want %d", requests(), tc.requests)
			}
		})
	}
}

// TestPreflightFollowsTheClientsRetryRule: a target whose HTML 500 means "not implemented"
// (moto) narrows the retry rule; its HTML 500 to ListUserPools is then not Cognito, answered
// once, rather than a fault retried and called unhealthy.
func TestPreflightFollowsTheClientsRetryRule(t *testing.T) {
	t.Parallel()
	url, requests := scripted(t, reply(500, "text/html", "<html><body>Not yet implemented</body></html>"))
	c := preflightClient(url)
	c.Retry.Transient = func(ex *wire.Exchange) bool { return !ex.HTMLServerError() && wire.Transient(ex) }
	err := conformance.Preflight(context.Background(), c)
	if !errors.Is(err, conformance.ErrNotCognito) || requests() != 1 {
		t.Fatalf("Preflight = %v after %d requests, want %v after 1", err, requests(), conformance.ErrNotCognito)
	}
}
