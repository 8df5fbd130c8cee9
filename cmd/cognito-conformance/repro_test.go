package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cognito-conformance/cognito-conformance/reports"
)

func TestReproExitCodes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	rep := &reports.Report{Schema: reports.SchemaVersion, Target: reports.TargetInfo{Name: "moto", Endpoint: "http://127.0.0.1:5000"},
		Scenarios: []*reports.Scenario{
			{Name: "A user who marks two factors preferred is rejected", Status: reports.Failed, Message: "expected HTTP status 400, got 200",
				Records: []reports.Record{{Role: "subject", Operation: "SetUserMFAPreference", Status: 200, Request: reports.RecordMessage{Body: `{"AccessToken":"[REDACTED]"}`}}}},
			{Name: "Another two factors scenario", Status: reports.Passed},
		}}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := reports.WriteJSON(f, rep); err != nil {
		t.Fatal(err)
	}
	f.Close()

	code, out, _ := run(t, "repro", path, "A user who marks two factors preferred is rejected")
	if code != exitOK || !strings.Contains(out, "aws cognito-idp set-user-mfa-preference") || !strings.Contains(out, "expected HTTP status 400, got 200") {
		t.Errorf("found: exit %d\n%s", code, out)
	}
	if code, _, errs := run(t, "repro", path, "no such scenario"); code != exitNotFound || !strings.Contains(errs, "no scenario") {
		t.Errorf("unknown scenario: exit %d, %s", code, errs)
	}
	if code, _, errs := run(t, "repro", path, "two factors"); code != exitNotFound || !strings.Contains(errs, "matches 2 scenarios") {
		t.Errorf("ambiguous: exit %d, %s", code, errs)
	}
	if code, _, _ := run(t, "repro", filepath.Join(dir, "missing.json"), "x"); code != exitSetup {
		t.Errorf("missing report: exit %d", code)
	}
	if code, _, _ := run(t, "repro", path); code != exitSetup {
		t.Errorf("missing argument: exit %d", code)
	}
}
