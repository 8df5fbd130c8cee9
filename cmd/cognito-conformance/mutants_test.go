package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMutantsFlags(t *testing.T) {
	t.Parallel()
	if code, out, _ := run(t, "mutants", "-list"); code != exitOK || !strings.Contains(out, "accept-two-preferred-factors") ||
		!strings.Contains(out, "documented") {
		t.Errorf("mutants -list: exit %d, output:\n%s", code, out)
	}
	if code, _, errs := run(t, "mutants", "--only", "no-such-mutation"); code != exitSetup || !strings.Contains(errs, `unknown mutation "no-such-mutation"`) {
		t.Errorf("unknown --only: exit %d, stderr %q", code, errs)
	}
	if code, _, _ := run(t, "mutants", "surplus"); code != exitSetup {
		t.Errorf("a surplus argument: exit %d, want %d", code, exitSetup)
	}
}

// One known mutation end to end: killed by @B3 scenarios, exit 0, the Markdown written.
func TestMutantsOnly(t *testing.T) {
	t.Parallel()
	md := filepath.Join(t.TempDir(), "mutants.md")
	code, out, errs := run(t, "mutants", "--only", "accept-two-preferred-factors", "--quiet", "--markdown", md)
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{"accept-two-preferred-factors", "killed", "mutation score: 1/1"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	b, err := os.ReadFile(md)
	if err != nil || !strings.Contains(string(b), "| `accept-two-preferred-factors` |") {
		t.Errorf("markdown (%v):\n%s", err, b)
	}
}
