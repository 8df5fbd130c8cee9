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
	"github.com/cognito-conformance/cognito-conformance/reports"
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
	// The broken target breaks one operation: its feature holds every failure the baseline
	// lists and scenarios that pass, which is all the round trip needs (the other features
	// would only pass, five times).
	tags := conformance.AndTags("@AdminSetUserMFAPreference", conformance.NoClientScenarios)
	runArgs := func(endpoint string, more ...string) []string {
		return append([]string{"run", "--quiet", "--tags", tags, "--endpoint", endpoint, "--report-dir", t.TempDir()}, more...)
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
		code, out, _ := run(t, "run", "--quiet", "--tags", tags, "--endpoint", fixed, "--report-dir", dir, "--baseline", file)
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
	if code != exitSetup || !strings.Contains(errOut, "reason missing") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}

// TestBaselineFailedDifferently: a target that still fails the listed scenarios, but with another
// answer, fails the run naming the change; regenerating keeps the reasons for review. The
// validation scenarios (@S1.2) are enough: each expects a 400 from AdminSetUserMFAPreference.
func TestBaselineFailedDifferently(t *testing.T) {
	t.Parallel()
	conflictStatus := func(next http.Handler) http.Handler {
		return rewriteAdminSetPreference(next, func(rec *httptest.ResponseRecorder) {
			if rec.Code == 400 {
				rec.Code = 409
			}
		})
	}
	broken := loopback(t, wrongStatus(newRef(t)))
	otherwise := loopback(t, conflictStatus(newRef(t)))
	file := filepath.Join(t.TempDir(), "baseline.json")
	if code, out, errOut := run(t, "run", "--quiet", "--tags", "@S1.2", "--endpoint", broken, "--report-dir", t.TempDir(), "--write-baseline", file); code != exitNonConformant {
		t.Fatalf("writing run: exit %d\n%s%s", code, out, errOut)
	}
	f, err := baseline.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	for i := range f.Expected {
		if fp := f.Expected[i].Failure; fp == nil || !strings.Contains(fp.Assertion, "got 500") {
			t.Fatalf("a written entry does not name its failure: %+v", f.Expected[i])
		}
		f.Expected[i].Reason = "the test's proxy answers 500 for 400"
	}
	if err := baseline.Write(file, f); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	code, out, _ := run(t, "run", "--quiet", "--tags", "@S1.2", "--endpoint", otherwise, "--report-dir", dir, "--baseline", file)
	if code != exitNonConformant || !strings.Contains(out, "FAILED DIFFERENTLY") || !strings.Contains(out, "answered 500") {
		t.Fatalf("a listed scenario that fails another way must fail the run, named: exit %d\n%s", code, out)
	}
	rep, err := reports.ReadJSON(filepath.Join(dir, reports.JSONFile))
	if err != nil {
		t.Fatal(err)
	}
	// A 409 is still a client error: scenarios that ask only for one pass, as unexpected passes.
	b := rep.Baseline
	if len(b.FailedDifferently) == 0 || len(b.FailedDifferently)+len(b.UnexpectedPasses) != len(f.Expected) || len(b.Regressions) != 0 {
		t.Fatalf("baseline outcome: %+v", rep.Baseline)
	}

	if code, out, errOut := run(t, "run", "--quiet", "--tags", "@S1.2", "--endpoint", otherwise, "--report-dir", t.TempDir(), "--write-baseline", file); code != exitNonConformant {
		t.Fatalf("rewriting run: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = run(t, "baseline", "check", file)
	if code != exitNonConformant || !strings.Contains(out, "the failure changed") || strings.Contains(out, "reason missing") {
		t.Fatalf("a rewrite keeps the reasons and asks for review: exit %d\n%s", code, out)
	}
}

func TestBaselineCheckCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ready := filepath.Join(dir, "ready.json")
	todo := filepath.Join(dir, "todo.json")
	broken := filepath.Join(dir, "broken.json")
	_ = os.WriteFile(ready, []byte(`{"target":"x","expectedFailures":[{"scenario":"s","failure":{"httpStatus":200},"reason":"x accepts it"}]}`), 0o644)
	_ = os.WriteFile(todo, []byte(`{"target":"x","expectedFailures":[{"scenario":"s","failure":{"httpStatus":200},"reason":"`+baseline.PlaceholderReason+`"}]}`), 0o644)
	_ = os.WriteFile(broken, []byte(`{`), 0o644)
	if code, out, errOut := run(t, "baseline", "check", ready); code != exitOK || !strings.Contains(out, "ready") {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	if code, out, _ := run(t, "baseline", "check", ready, todo); code != exitNonConformant || !strings.Contains(out, `"s"): reason missing`) {
		t.Fatalf("a placeholder reason must be named: exit %d: %s", code, out)
	}
	if code, _, errOut := run(t, "baseline", "check", broken); code != exitSetup || errOut == "" {
		t.Fatalf("an unreadable file is a setup error: exit %d: %s", code, errOut)
	}
	if code, _, _ := run(t, "baseline", "list"); code != exitSetup {
		t.Fatalf("an unknown subcommand: exit %d", code)
	}
}
