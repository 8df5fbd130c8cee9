package conformance_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/reference"
	"github.com/cognito-conformance/cognito-conformance/reports"
	"github.com/cognito-conformance/cognito-conformance/target"
)

const clientTags = "@client-cli,@client-boto3"

// installedClients says which of the seeds' clients can run on this machine.
func installedClients(t *testing.T) map[string]bool {
	t.Helper()
	have := map[string]bool{}
	if _, err := exec.LookPath("aws"); err == nil {
		have["@client-cli"] = exec.Command("aws", "--version").Run() == nil
	}
	if _, err := exec.LookPath("python3"); err == nil {
		have["@client-boto3"] = exec.Command("python3", "-c", "import boto3").Run() == nil
	}
	if !have["@client-cli"] && !have["@client-boto3"] {
		t.Skip("neither the AWS CLI nor boto3 is installed here (scripts/install-clients.sh installs them)")
	}
	return have
}

// rewriting serves the reference target through a rewrite of its answers to the two MFA-preference
// operations: a mutant target for proving that the client scenarios can fail.
func rewriting(t *testing.T, rewrite func(op string, status int, h http.Header, body []byte) (int, []byte)) string {
	t.Helper()
	ref := reference.New(
		reference.WithRegion("us-east-1"),
		reference.WithCredentials(target.DummyAccessKeyID, target.DummySecretKey),
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		ref.ServeHTTP(rec, r)
		status, body := rec.Code, rec.Body.Bytes()
		op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "AWSCognitoIdentityProviderService.")
		if rewrite != nil && (op == "AdminSetUserMFAPreference" || op == "SetUserMFAPreference") {
			status, body = rewrite(op, status, rec.Header(), body)
		}
		for k, vs := range rec.Header() {
			w.Header()[k] = vs
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func runClients(t *testing.T, endpoint string, strict ...bool) *reports.Report {
	t.Helper()
	rep, err := conformance.Run(context.Background(), conformance.Config{
		Endpoint: endpoint, Tags: clientTags, Concurrency: 4, Strict: len(strict) > 0 && strict[0],
		Getenv: noEnv,
	})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if len(rep.Scenarios) != 5 {
		t.Fatalf("the client tags select %d scenarios, want 5", len(rep.Scenarios))
	}
	return rep
}

func clientOf(sc *reports.Scenario) string {
	for _, tag := range sc.Tags {
		if tag == "@client-cli" || tag == "@client-boto3" {
			return tag
		}
	}
	return ""
}

func isErrorCase(sc *reports.Scenario) bool {
	for _, b := range sc.Meta.Behaviours {
		if b == "B26" {
			return true
		}
	}
	return false
}

// check asserts each client scenario's status: failing ones must fail (with want in the
// message), the rest pass; a scenario whose client is missing must be not-applicable.
func check(t *testing.T, rep *reports.Report, have map[string]bool, fails func(*reports.Scenario) bool, want string) {
	t.Helper()
	checkStatus(t, rep, have, fails, reports.Failed, want)
}

// checkStatus is check with the status the affected scenarios must end with.
func checkStatus(t *testing.T, rep *reports.Report, have map[string]bool, fails func(*reports.Scenario) bool, status reports.Status, want string) {
	t.Helper()
	for _, sc := range rep.Scenarios {
		switch {
		case !have[clientOf(sc)]:
			if sc.Status != reports.NotApplicable || sc.Message == "" {
				t.Errorf("%q: client missing, got %s %q, want not-applicable with the reason", sc.Name, sc.Status, sc.Message)
			}
		case fails(sc):
			if sc.Status != status || !strings.Contains(sc.Message, want) {
				t.Errorf("%q: got %s %q, want %s naming %s", sc.Name, sc.Status, sc.Message, status, want)
			}
		default:
			if sc.Status != reports.Passed {
				t.Errorf("%q: got %s: %s, want passed", sc.Name, sc.Status, sc.Message)
			}
		}
	}
}

// TestClientScenariosPassAgainstTheReference: the AWS CLI and boto3 scenarios pass against the
// reference target reached through an explicit endpoint.
func TestClientScenariosPassAgainstTheReference(t *testing.T) {
	t.Parallel()
	have := installedClients(t)
	rep := runClients(t, rewriting(t, nil))
	check(t, rep, have, func(*reports.Scenario) bool { return false }, "")
}

// TestClientScenariosWarnOnANonEmptySuccessBody: a target that answers the preference
// operations' success with {"Unexpected":true} instead of {} gets a wire-fidelity warning on
// every client success scenario (both clients hide an unknown member from their caller, so the
// contract holds), and fails them under --strict.
func TestClientScenariosWarnOnANonEmptySuccessBody(t *testing.T) {
	t.Parallel()
	have := installedClients(t)
	url := rewriting(t, func(_ string, status int, _ http.Header, body []byte) (int, []byte) {
		if status == http.StatusOK && bytes.Equal(bytes.TrimSpace(body), []byte("{}")) {
			return status, []byte(`{"Unexpected":true}`)
		}
		return status, body
	})
	success := func(sc *reports.Scenario) bool { return !isErrorCase(sc) }
	checkStatus(t, runClients(t, url), have, success, reports.Warning, "Unexpected")
	checkStatus(t, runClients(t, url, true), have, success, reports.Failed, "Unexpected")
}

// TestClientScenariosFailOnTheWrongErrorCode: a target that answers an unknown user with
// ResourceNotFoundException fails every client error scenario.
func TestClientScenariosFailOnTheWrongErrorCode(t *testing.T) {
	t.Parallel()
	have := installedClients(t)
	url := rewriting(t, func(_ string, status int, h http.Header, body []byte) (int, []byte) {
		if h.Get("X-Amzn-Errortype") != "" && strings.Contains(string(body), "UserNotFoundException") {
			h.Set("X-Amzn-Errortype", "ResourceNotFoundException:")
			return status, bytes.ReplaceAll(body, []byte("UserNotFoundException"), []byte("ResourceNotFoundException"))
		}
		return status, body
	})
	rep := runClients(t, url)
	check(t, rep, have, isErrorCase, "UserNotFoundException")
}

// TestClientScenariosNotApplicableWithoutClients: with neither client on PATH every client
// scenario is not-applicable with the reason, never passed.
//
// Not parallel: the client programs are looked up on the process's PATH (package steps).
func TestClientScenariosNotApplicableWithoutClients(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	rep := runClients(t, rewriting(t, nil))
	for _, sc := range rep.Scenarios {
		if sc.Status != reports.NotApplicable || !strings.Contains(sc.Message, "not on PATH") {
			t.Errorf("%q: got %s %q, want not-applicable saying the client is not on PATH", sc.Name, sc.Status, sc.Message)
		}
	}
}
