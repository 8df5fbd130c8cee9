package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestStepsCommand(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	if code := realMain([]string{"steps"}, &out, &errb, func(string) string { return "" }); code != exitOK || !strings.Contains(out.String(), "| `the response status is (\\d+)[ (fidelity)]` |") {
		t.Fatalf("steps: exit %d, stderr %q, output:\n%s", code, errb.String(), out.String())
	}
	out.Reset()
	if code := realMain([]string{"steps", "--format", "json"}, &out, &errb, func(string) string { return "" }); code != exitOK {
		t.Fatalf("steps --format json: exit %d", code)
	}
	var listing struct {
		Steps []struct{ Pattern, Kind, Example string }
	}
	if err := json.Unmarshal(out.Bytes(), &listing); err != nil || len(listing.Steps) == 0 {
		t.Fatalf("steps --format json: %v\n%s", err, out.String())
	}
	errb.Reset()
	if code := realMain([]string{"steps", "--format", "yaml"}, &out, &errb, func(string) string { return "" }); code != exitSetup || strings.Count(errb.String(), "\n") != 1 {
		t.Errorf("an unknown format: exit %d, %q", code, errb.String())
	}
}
