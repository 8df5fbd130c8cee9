package main

import (
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"

	"github.com/cognito-conformance/cognito-conformance/reference"
	"github.com/cognito-conformance/cognito-conformance/target"

	conformance "github.com/cognito-conformance/cognito-conformance"
)

// A whole-suite run is the dearest thing these tests do. Tests that only read what one run
// wrote (its exit code, console output and report files) share it: each shared run is made
// once per test binary, by the first test that asks, and its files live until TestMain ends.

// cliRun is what one run of the CLI left: its exit code, console output, report directory,
// the endpoint it ran against, and the secrets the target handed out during it.
type cliRun struct {
	code        int
	out, errOut string
	dir, url    string
	secrets     []string
	err         error // the run could not be made (no temporary directory, no listener)
}

var shared struct {
	mu   sync.Mutex
	root string
}

// sharedDir is a new directory under the shared runs' root.
func sharedDir(name string) (string, error) {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.root == "" {
		root, err := os.MkdirTemp("", "cognito-conformance-shared-")
		if err != nil {
			return "", err
		}
		shared.root = root
	}
	dir := filepath.Join(shared.root, name)
	return dir, os.MkdirAll(dir, 0o755)
}

func removeSharedRuns() {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.root != "" {
		os.RemoveAll(shared.root)
	}
}

// serveLoopback serves h on 127.0.0.1 (tests talk to loopback only).
func serveLoopback(h http.Handler) (*httptest.Server, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &httptest.Server{Listener: l, Config: &http.Server{Handler: h}}
	srv.Start()
	return srv, nil
}

// runAgainst runs the CLI with args and env against h served on loopback, with its report in
// a shared directory of that name.
func runAgainst(name string, h http.Handler, env map[string]string, args ...string) cliRun {
	var r cliRun
	if r.dir, r.err = sharedDir(name); r.err != nil {
		return r
	}
	srv, err := serveLoopback(h)
	if err != nil {
		r.err = err
		return r
	}
	defer srv.Close()
	r.url = srv.URL
	var out, errb bytes.Buffer
	r.code = realMain(append([]string{"run", "--endpoint", r.url, "--report-dir", r.dir}, args...),
		&out, &errb, func(k string) string { return env[k] })
	r.out, r.errOut = out.String(), errb.String()
	return r
}

// brokenServerRun is the suite without the client programs against a reference that answers
// AdminSetUserMFAPreference's client errors with HTTP 500 (wrongStatus).
var brokenServerRun = sync.OnceValue(func() cliRun {
	return runAgainst("broken", wrongStatus(reference.New(reference.WithCredentials(target.DummyAccessKeyID, target.DummySecretKey))),
		nil, "--quiet", "--tags", conformance.NoClientScenarios)
})

// The credentials of the secret-scanning runs: run's own, so that they cross the wire and
// could leak.
const scanKey, scanSecret, scanSession = "AKIDSECRETSCAN0001", "scan-secret-key-0123456789abcdef", "scan-session-token-FQoGZXIvYXdz"

// secretScanRun is the whole suite, client programs included, against a reference with the
// mutation ("" for none) behind a secretCatcher, with credentials of its own, writing a
// baseline beside its report: every kind of file a run writes, and every secret it saw.
func secretScanRun(mutation string) cliRun {
	return secretScanRuns[mutation]()
}

var secretScanRuns = map[string]func() cliRun{"": onceSecretScan(""), "skip-mfa-setup": onceSecretScan("skip-mfa-setup")}

func onceSecretScan(mutation string) func() cliRun {
	return sync.OnceValue(func() cliRun {
		catcher := &secretCatcher{secrets: map[string]bool{}, next: reference.New(
			reference.WithCredentials(scanKey, scanSecret), reference.WithMutation(mutation))}
		env := map[string]string{"AWS_ACCESS_KEY_ID": scanKey, "AWS_SECRET_ACCESS_KEY": scanSecret, "AWS_SESSION_TOKEN": scanSession}
		dir, err := sharedDir("scan-" + mutation)
		if err != nil {
			return cliRun{err: err}
		}
		r := runAgainst("scan-"+mutation, catcher, env, "--write-baseline", filepath.Join(dir, "baseline.json"))
		for s := range catcher.secrets {
			r.secrets = append(r.secrets, s)
		}
		return r
	})
}
