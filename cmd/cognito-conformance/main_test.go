package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/reference"
	"github.com/cognito-conformance/cognito-conformance/reports"
	"github.com/cognito-conformance/cognito-conformance/target"
)

// loopback starts h on 127.0.0.1 (tests talk to loopback only) until the test ends.
func loopback(t *testing.T, h http.Handler) string {
	t.Helper()
	srv, err := serveLoopback(h)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv.URL
}

// newRef returns a reference target that verifies signatures like AWS, with the credentials
// the harness uses when the environment gives none (run's environment is empty).
func newRef(t *testing.T) *reference.Server {
	t.Helper()
	return reference.New(reference.WithCredentials(target.DummyAccessKeyID, target.DummySecretKey))
}

// run runs the CLI in this process with an empty environment: no endpoint variable, credential,
// profile or home directory of the machine reaches it, so tests run in parallel.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return runWithEnv(t, nil, args...)
}

// runWithEnv runs the CLI in this process with exactly the environment env.
func runWithEnv(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := realMain(args, &out, &errb, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

// rewriteAdminSetPreference lets edit change the target's answers to AdminSetUserMFAPreference
// before they are sent: a server that breaks the contract in one chosen place.
func rewriteAdminSetPreference(next http.Handler, edit func(*httptest.ResponseRecorder)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".AdminSetUserMFAPreference") {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		edit(rec)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = io.Copy(w, rec.Body)
	})
}

// failOperation answers one operation with a fixed error and passes the rest to next.
func failOperation(next http.Handler, op string, status int, body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.Header.Get("X-Amz-Target"), "."+op) {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	})
}

// wrongStatus answers every error of AdminSetUserMFAPreference with HTTP 500 instead of 400.
func wrongStatus(next http.Handler) http.Handler {
	return rewriteAdminSetPreference(next, func(rec *httptest.ResponseRecorder) {
		if rec.Code == 400 {
			rec.Code = 500
		}
	})
}

// TestRunAgainstAServerStartedElsewhereConforms: the whole suite, client programs included,
// against a reference the run did not start (the secret scan's clean run) exits 0, and its
// report names that endpoint.
func TestRunAgainstAServerStartedElsewhereConforms(t *testing.T) {
	t.Parallel()
	run := secretScanRun("")
	if run.err != nil || run.code != exitOK {
		t.Fatalf("exit %d (%v)\n%s\n%s", run.code, run.err, run.out, run.errOut)
	}
	rep, err := reports.ReadJSON(filepath.Join(run.dir, reports.JSONFile))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Target.Endpoint != run.url || rep.Summary.Total == 0 {
		t.Fatalf("report target %q total %d", rep.Target.Endpoint, rep.Summary.Total)
	}
}

func TestRunAgainstABrokenServerExitsOneAndNamesTheFailures(t *testing.T) {
	t.Parallel()
	run := brokenServerRun()
	if run.err != nil || run.code != exitNonConformant {
		t.Fatalf("exit %d, want %d (%v)\n%s\n%s", run.code, exitNonConformant, run.err, run.out, run.errOut)
	}
	for _, want := range []string{"FAIL", "An unknown user is UserNotFoundException with HTTP 400", "expected HTTP status 400, got 500"} {
		if !strings.Contains(run.out, want) {
			t.Errorf("output lacks %q:\n%s", want, run.out)
		}
	}
	rep, err := reports.ReadJSON(filepath.Join(run.dir, reports.JSONFile))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Summary.ByStatus[reports.Failed] == 0 {
		t.Fatalf("report shows no failure: %+v", rep.Summary)
	}
}

func TestRunThatCannotBeMadeExitsTwoWithOneMessage(t *testing.T) {
	t.Parallel()
	closed := func() string {
		l, _ := net.Listen("tcp", "127.0.0.1:0")
		addr := l.Addr().String()
		l.Close()
		return "http://" + addr
	}()
	notCognito := loopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, "<html>hello</html>")
	}))
	strict := loopback(t, reference.New(reference.WithCredentials("AKIDOTHER", "other-secret")))
	otherService := loopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		w.WriteHeader(400)
		_, _ = io.WriteString(w, `{"__type":"com.amazonaws.dynamodb.v20120810#UnknownOperationException"}`)
	}))
	throttled := loopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.WriteHeader(400)
		_, _ = io.WriteString(w, `{"__type":"TooManyRequestsException","message":"Rate exceeded"}`)
	}))
	unhealthy := loopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(503)
		_, _ = io.WriteString(w, "<html>503 Service Temporarily Unavailable</html>")
	}))
	aFile := filepath.Join(t.TempDir(), "a-file")
	_ = os.WriteFile(aFile, []byte("x"), 0o644)
	brokenDir := t.TempDir()
	_ = os.WriteFile(filepath.Join(brokenDir, "broken.feature"), []byte("this line is not Gherkin\nFeature: x\n  Scenario: y\n    Given a confirmed user\n"), 0o644)
	emptyDir := t.TempDir()
	_ = os.WriteFile(filepath.Join(emptyDir, "empty.feature"), []byte("Feature: x\n  Scenario: y\n    Given\n"), 0o644)
	undefinedDir := t.TempDir()
	_ = os.WriteFile(filepath.Join(undefinedDir, "undefined.feature"), []byte("Feature: x\n  Scenario: y\n    Given a step nobody wrote\n"), 0o644)

	cases := []struct {
		name string
		args []string
		want string
	}{
		{"bad flag", []string{"run", "--no-such-flag"}, "flag provided but not defined"},
		{"unreachable", []string{"run", "--endpoint", closed}, "cannot reach"},
		{"not cognito", []string{"run", "--endpoint", notCognito}, "is this the Cognito user-pool endpoint"},
		{"bad credentials", []string{"run", "--endpoint", strict}, "rejected the credentials"},
		{"another AWS JSON service", []string{"run", "--endpoint", otherService}, "is this the Cognito user-pool endpoint"},
		{"broken feature", []string{"run", brokenDir}, "invalid feature files"},
		{"undefined step", []string{"run", undefinedDir}, `undefined.feature:3: no step definition matches "a step nobody wrote"`},
		{"scenario without steps", []string{"run", emptyDir}, `has no steps`},
		{"real AWS without opt-in", []string{"run", "--target", "aws"}, "--allow-real-aws"},
		{"unknown target", []string{"run", "--target", "nope"}, "unknown target"},
		{"bad tag filter", []string{"run", "--tags", "not @B1"}, "is not a tag"},
		{"tag filter ending in or", []string{"run", "--tags", "@B7,"}, `tag filter "@B7,"`},
		{"tag filter ending in and", []string{"run", "--tags", "@B7 &&"}, `tag filter "@B7 &&"`},
		{"throttled endpoint", []string{"run", "--endpoint", throttled}, "throttled"},
		{"unhealthy endpoint", []string{"run", "--endpoint", unhealthy}, "5xx to everything"},
		{"unwritable report directory", []string{"run", "--report-dir", filepath.Join(aFile, "report")}, "report directory"},
		{"negative reruns", []string{"run", "--rerun-inconclusive", "-1"}, "--rerun-inconclusive"},
		{"unknown mutation", []string{"run", "--mutation", "no-such-mutation"}, "mutation"},
		{"unknown command", []string{"frobnicate"}, "unknown command"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			args := append([]string{c.args[0], "--report-dir", t.TempDir()}, c.args[1:]...)
			code, out, errOut := run(t, args...)
			if c.args[0] == "frobnicate" {
				code, out, errOut = run(t, c.args...)
			}
			if code != exitSetup {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitSetup, out, errOut)
			}
			if !strings.Contains(errOut, c.want) {
				t.Fatalf("stderr lacks %q:\n%s", c.want, errOut)
			}
			if strings.Count(strings.TrimSpace(errOut), "\n") > 12 {
				t.Fatalf("expected one clear message, got:\n%s", errOut)
			}
		})
	}
}

// TestRunThatCannotJudgeSomeScenariosExitsThree: a target that answers one operation with a
// gateway page every time cannot be judged on it; with no failure elsewhere the run exits 3
// and says how many scenarios were inconclusive.
func TestRunThatCannotJudgeSomeScenariosExitsThree(t *testing.T) {
	t.Parallel()
	ref := newRef(t)
	url := loopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".AdminGetUser") {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(502)
			_, _ = io.WriteString(w, "<html>502 Bad Gateway</html>")
			return
		}
		ref.ServeHTTP(w, r)
	}))
	dir := t.TempDir()
	code, out, errOut := run(t, "run", "--quiet", "--endpoint", url, "--tags", "@B15", "--report-dir", dir)
	if code != exitInconclusive || !strings.Contains(errOut, "could not be judged") || !strings.Contains(out, "Inconclusive") {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitInconclusive, out, errOut)
	}
	rep, err := reports.ReadJSON(filepath.Join(dir, reports.JSONFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range rep.Scenarios {
		if sc.Status == reports.Inconclusive && (sc.Cause != reports.CauseTransient || sc.Attempts != 2) {
			t.Errorf("%q: cause %q after %d attempts, want transient after 2 (one rerun)", sc.Name, sc.Cause, sc.Attempts)
		}
	}
	if rep.Summary.ByStatus[reports.Inconclusive] == 0 || rep.Summary.ByStatus[reports.Failed] != 0 {
		t.Fatalf("outcome %v: want inconclusive scenarios and no failure", rep.Summary.ByStatus)
	}
}

func TestServeAnswersOnItsAddress(t *testing.T) {
	t.Parallel()
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l.Addr().String()
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	var out bytes.Buffer
	go func() {
		done <- cmdServe(ctx, []string{"--addr", addr}, &out, io.Discard, func(string) string { return "" })
	}()
	var resp *http.Response
	var err error
	for i := 0; i < 100; i++ {
		resp, err = http.Post("http://"+addr+"/", "application/x-amz-json-1.1", strings.NewReader(`{}`))
		if err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if resp.StatusCode != 400 || body["__type"] != "UnknownOperationException" {
		t.Fatalf("serve answered %d %v", resp.StatusCode, body)
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Fatalf("serve exit %d", code)
	}
}

// TestAMissingFixtureOperationIsNotImplementedForEveryScenario: when the target lacks an
// operation the fixtures need (here CreateUserPool), every scenario that needs a pool is
// not-implemented, whichever scenario happened to ask for the shared pool first.
func TestAMissingFixtureOperationIsNotImplementedForEveryScenario(t *testing.T) {
	t.Parallel()
	ref := newRef(t)
	url := loopback(t, failOperation(ref, "CreateUserPool", 500, `{"__type":"CognitoLocal#Unsupported","message":"Unsupported x-amz-target header"}`))
	dir := t.TempDir()
	code, out, errOut := run(t, "run", "--quiet", "--endpoint", url, "--report-dir", dir, "--concurrency", "4",
		"--tags", conformance.NoClientScenarios)
	rep, err := reports.ReadJSON(filepath.Join(dir, reports.JSONFile))
	if err != nil {
		t.Fatalf("exit %d: %v\n%s%s", code, err, out, errOut)
	}
	for _, sc := range rep.Scenarios {
		if sc.Status == reports.Failed {
			t.Errorf("%q failed instead of not-implemented: %s", sc.Name, sc.Message)
		}
	}
	if rep.Summary.ByStatus[reports.NotImplemented] == 0 || strings.Join(rep.Summary.NotImplemented, ",") != "CreateUserPool" {
		t.Fatalf("not implemented: %v (%v)", rep.Summary.NotImplemented, rep.Summary.ByStatus)
	}
}
