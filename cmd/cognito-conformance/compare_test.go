package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/compare"
	"github.com/cognito-conformance/cognito-conformance/reports"
)

// TestCompareProfilesDiffersExactlyOnConflicts: the reference's two profiles differ only where
// the documentation and observed AWS behaviour conflict.
func TestCompareProfilesDiffersExactlyOnConflicts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// Conflicts are never client scenarios; those would only add a python start each.
	code, out, errOut := run(t, "compare", "--report-dir", dir, "--tags", conformance.NoClientScenarios,
		"--target", "aws=reference:aws", "--target", "documented=reference:documented")
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	m := readMatrix(t, dir)
	rep, err := reports.ReadJSON(filepath.Join(dir, "aws", reports.JSONFile))
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, sc := range rep.Scenarios {
		if sc.Conflict != "" {
			want = append(want, sc.Name)
		}
	}
	for _, r := range m.Rows {
		if r.Differs {
			got = append(got, r.Scenario)
		}
	}
	sort.Strings(want)
	sort.Strings(got)
	if strings.Join(want, "\n") != strings.Join(got, "\n") {
		t.Fatalf("differing rows:\n%s\nwant the conflict scenarios:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := os.Stat(filepath.Join(dir, "compare.md")); err != nil {
		t.Fatal(err)
	}
	// Merging the two written reports gives the same matrix.
	code, out2, errOut := run(t, "compare", "--report-dir", t.TempDir(),
		filepath.Join(dir, "aws", reports.JSONFile), filepath.Join(dir, "documented", reports.JSONFile))
	if code != exitOK || !strings.Contains(out2, strings.SplitN(out, "\n", 2)[0]) {
		t.Fatalf("merge: exit %d\n%s%s\nfirst run said:\n%s", code, out2, errOut, out)
	}
}

func TestNormalizeRemovesVolatileValues(t *testing.T) {
	t.Parallel()
	cases := map[string][2]string{
		"UserCreateDate": {`1763762400.5`, `<usercreatedate>`},
		"message":        {`"User pool us-east-1_ZZZZZZZZZ does not exist."`, `"User pool <pool-id> does not exist."`},
		"Username":       {`"cogconf-20261121T221500-3fa9-u1-ab12"`, `"<name>"`},
		"Value":          {`"5a6210ad-1b2c-4d5e-8f90-123456789abc"`, `"<uuid>"`},
		"Id":             {`"local_4fYxuF2p"`, `"<pool-id>"`},
	}
	for path, c := range cases {
		if got := compare.Normalize(path, c[0]); got != c[1] {
			t.Errorf("Normalize(%s, %s) = %s, want %s", path, c[0], got, c[1])
		}
	}
}
