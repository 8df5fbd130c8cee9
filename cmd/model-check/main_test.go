package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestExitStatus(t *testing.T) {
	var out, errOut bytes.Buffer
	if got := run([]string{"--model", "../../constraints/testdata/service-2.edited.json"}, &out, &errOut); got != 1 {
		t.Errorf("edited model: exit %d, want 1\n%s%s", got, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "NEW   constraint changed: AdminSetUserMFAPreference.request.UserPoolId (max 55 → 60)") {
		t.Errorf("the report does not show the edit:\n%s", out.String())
	}
	out.Reset()
	errOut.Reset()
	if got := run([]string{"--model", "/nonexistent/service-2.json"}, &out, &errOut); got != 2 || strings.Count(errOut.String(), "\n") != 1 {
		t.Errorf("missing model: exit %d, want 2 and one message; stderr %q", got, errOut.String())
	}
}
