package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/cognito-conformance/cognito-conformance/reports"
)

// run --from REPORT --only STATUSES runs exactly the scenarios the report gave those statuses.
func TestRunFromAReport(t *testing.T) {
	dir := t.TempDir()
	mutant := filepath.Join(dir, "mutant")
	if code, out, errOut := run(t, "run", "--quiet", "--mutation", "accept-two-preferred-factors", "--tags", "@B3,@B4", "--report-dir", mutant); code != exitNonConformant {
		t.Fatalf("mutant: exit %d\n%s%s", code, out, errOut)
	}
	before, err := reports.ReadJSON(filepath.Join(mutant, reports.JSONFile))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, s := range before.Scenarios {
		if s.Status == reports.Failed {
			want[s.Name] = true
		}
	}
	again := filepath.Join(dir, "again")
	if code, out, errOut := run(t, "run", "--quiet", "--from", filepath.Join(mutant, reports.JSONFile), "--only", "failed", "--report-dir", again); code != exitOK {
		t.Fatalf("rerun: exit %d\n%s%s", code, out, errOut)
	}
	after, err := reports.ReadJSON(filepath.Join(again, reports.JSONFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Scenarios) != len(want) || len(want) == 0 || len(want) == len(before.Scenarios) {
		t.Fatalf("ran %d scenarios, want the %d of %d that failed", len(after.Scenarios), len(want), len(before.Scenarios))
	}
	for _, s := range after.Scenarios {
		if !want[s.Name] || s.Status != reports.Passed {
			t.Errorf("%s: %s (failed before: %v)", s.Name, s.Status, want[s.Name])
		}
	}
	code, _, errOut := run(t, "run", "--quiet", "--from", filepath.Join(again, reports.JSONFile), "--report-dir", filepath.Join(dir, "none"))
	if code != exitSetup || !strings.Contains(errOut, "nothing to run") {
		t.Errorf("a report with nothing to rerun: exit %d, %s", code, errOut)
	}
	if code, _, errOut := run(t, "run", "--only", "failed"); code != exitSetup || !strings.Contains(errOut, "--only needs --from") {
		t.Errorf("--only alone: exit %d, %s", code, errOut)
	}
}
