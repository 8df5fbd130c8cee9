package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cognito-conformance/cognito-conformance/compare"
)

func readMatrix(t *testing.T, dir string) compare.Matrix {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "compare.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m compare.Matrix
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// A cassette is a column beside reports: the reference against its own recording differs
// nowhere; a broken target (a mutant, standing in for an emulator) against it differs exactly
// where the mutant fails, under a column named for the recording.
func TestCompareWithACassetteColumn(t *testing.T) {
	dir := t.TempDir()
	cas, ref := filepath.Join(dir, "cassette"), filepath.Join(dir, "ref")
	// The scenarios of B3 are enough for the column (the mutant below breaks them); the replay
	// of the whole suite is TestReplayOfTheReferenceGivesItsVerdicts's.
	if code, out, errOut := run(t, "run", "--quiet", "--tags", "@B3", "--record", cas, "--report-dir", ref); code != exitOK {
		t.Fatalf("recording: exit %d\n%s%s", code, out, errOut)
	}
	same := filepath.Join(dir, "same")
	code, out, errOut := run(t, "compare", "--tags", "@B3", "--report-dir", same, filepath.Join(ref, "report.json"), cas)
	if code != exitOK || !strings.Contains(out, "; 0 differ") {
		t.Fatalf("reference vs its own cassette: exit %d\n%s%s", code, out, errOut)
	}
	if m := readMatrix(t, same); !strings.HasPrefix(m.Targets[1].Name, "reference:aws as recorded on ") {
		t.Errorf("the cassette's column is named %q", m.Targets[1].Name)
	}

	mutant := filepath.Join(dir, "mutant")
	if code, out, errOut := run(t, "run", "--quiet", "--mutation", "accept-two-preferred-factors", "--tags", "@B3", "--report-dir", mutant); code != exitNonConformant {
		t.Fatalf("mutant: exit %d\n%s%s", code, out, errOut)
	}
	diff := filepath.Join(dir, "diff")
	if code, out, errOut := run(t, "compare", "--tags", "@B3", "--report-dir", diff, filepath.Join(mutant, "report.json"), cas); code != exitOK {
		t.Fatalf("mutant vs cassette: exit %d\n%s%s", code, out, errOut)
	}
	m := readMatrix(t, diff)
	if m.Differing == 0 {
		t.Fatal("the mutant and the cassette differ nowhere")
	}
	for _, r := range m.Rows {
		// The mutant accepts two preferred factors: the scenarios about the rejection fail, the
		// one about the code of a rejection no longer applies; both differ from the cassette.
		if r.Differs != (r.Cells[0].Status != "pass") {
			t.Errorf("%s: differs=%v with cells %+v", r.Scenario, r.Differs, r.Cells)
		}
		if r.Differs && len(r.Diff) == 0 {
			t.Errorf("%s differs without a wire difference", r.Scenario)
		}
	}
}
