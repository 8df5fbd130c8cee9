package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/baseline"
)

// dropRequestID removes x-amzn-RequestId from AdminSetUserMFAPreference answers: a second,
// independent break.
func dropRequestID(next http.Handler) http.Handler {
	return rewriteAdminSetPreference(next, func(rec *httptest.ResponseRecorder) {
		rec.Header().Del("X-Amzn-Requestid")
	})
}

// TestBaselineRoundTrip: write a baseline from a broken target; then, at once: rerun (passes),
// break one more behaviour (warns, or fails naming it under --strict), fix the listed failures
// (fails as unexpected passes). The client scenarios are left out: baselines do not depend on
// how a scenario calls the target, and each client scenario costs a python start.
func TestBaselineRoundTrip(t *testing.T) {
	t.Parallel()
	broken := loopback(t, wrongStatus(newRef(t)))
	file := filepath.Join(t.TempDir(), "baseline.json")
	runArgs := func(endpoint string, more ...string) []string {
		return append([]string{"run", "--quiet", "--tags", conformance.NoClientScenarios, "--endpoint", endpoint, "--report-dir", t.TempDir()}, more...)
	}

	code, out, errOut := run(t, runArgs(broken, "--write-baseline", file)...)
	if code != exitNonConformant {
		t.Fatalf("writing run: exit %d\n%s%s", code, out, errOut)
	}
	written, err := baseline.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(written.Expected) == 0 {
		t.Fatal("the written baseline lists no failure")
	}
	for _, e := range written.Expected {
		if e.Reason == "" || e.Scenario == "" {
			t.Fatalf("entry without scenario or reason: %+v", e)
		}
	}

	t.Run("rerun", func(t *testing.T) {
		t.Parallel()
		code, out, errOut := run(t, runArgs(broken, "--baseline", file)...)
		if code != exitOK {
			t.Fatalf("rerun against the baseline: exit %d\n%s%s", code, out, errOut)
		}
	})

	// A dropped request id is wire fidelity: a warning, which the baseline does not list and
	// which does not fail the run; under --strict it is a new failure, a regression.
	worse := loopback(t, dropRequestID(wrongStatus(newRef(t))))
	t.Run("fidelity", func(t *testing.T) {
		t.Parallel()
		code, out, _ := run(t, runArgs(worse, "--baseline", file)...)
		if code != exitOK || !strings.Contains(out, "WARN") || !strings.Contains(out, "x-amzn-RequestId") {
			t.Fatalf("a fidelity difference must warn and not fail: exit %d\n%s", code, out)
		}
	})
	t.Run("strict", func(t *testing.T) {
		t.Parallel()
		code, out, _ := run(t, runArgs(worse, "--strict", "--baseline", file)...)
		if code != exitNonConformant || !strings.Contains(out, "FAIL") || !strings.Contains(out, "x-amzn-RequestId") {
			t.Fatalf("a new break must fail and be named: exit %d\n%s", code, out)
		}
		if !strings.Contains(out, "1 regression") && !strings.Contains(out, "regression(s)") {
			t.Fatalf("no regression count:\n%s", out)
		}
	})

	fixed := loopback(t, newRef(t))
	t.Run("fixed", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		code, out, _ := run(t, "run", "--quiet", "--tags", conformance.NoClientScenarios, "--endpoint", fixed, "--report-dir", dir, "--baseline", file)
		if code != exitNonConformant || !strings.Contains(out, "UNEXPECTED PASS") || !strings.Contains(out, "--write-baseline "+file) {
			t.Fatalf("fixed failures must fail as unexpected passes that say how to update the file: exit %d\n%s", code, out)
		}
		raw, _ := os.ReadFile(filepath.Join(dir, "report.json"))
		var rep struct {
			Baseline struct {
				UnexpectedPasses []string `json:"unexpectedPasses"`
			} `json:"baseline"`
			Scenarios []struct{ Feature, Name, Status string } `json:"scenarios"`
		}
		_ = json.Unmarshal(raw, &rep)
		// Every listed failure whose scenario now passes is an unexpected pass. (A listed conflict
		// scenario whose side the fixed target does not take is not-applicable, not a pass.)
		want := 0
		for _, e := range written.Expected {
			for _, sc := range rep.Scenarios {
				if sc.Feature == e.Feature && sc.Name == e.Scenario && sc.Status == "passed" {
					want++
					break
				}
			}
		}
		if want == 0 || len(rep.Baseline.UnexpectedPasses) != want {
			t.Fatalf("report.json lists %d unexpected passes, want %d", len(rep.Baseline.UnexpectedPasses), want)
		}
	})
}

func TestBaselineFileErrorsAreSetupErrors(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "bad.json")
	_ = os.WriteFile(file, []byte(`{"target":"x","expectedFailures":[{"scenario":"s"}]}`), 0o644)
	code, _, errOut := run(t, "run", "--baseline", file, "--report-dir", t.TempDir())
	if code != exitSetup || !strings.Contains(errOut, "has no reason") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}
