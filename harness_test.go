package conformance_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/cucumber/godog"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/reports"
	"github.com/cognito-conformance/cognito-conformance/steps"
)

// godogOpts receives godog's own flags (-godog.tags, -godog.concurrency, -godog.random,
// -godog.paths…), so `go test -run TestFeatures -godog.tags=@B7` works as godog users expect.
// They are bound to Go's flag set, not pflag's: pflag would read go test's own -test.run=X as
// godog's -t shorthand (tags "est.run=X").
var godogOpts = godog.Options{Concurrency: 4}

func init() {
	godog.BindFlags("godog.", flag.CommandLine, &godogOpts)
}

// noEnv is the environment of the runs of these tests: none. The reference is the target and
// nothing of the machine's AWS set-up (endpoint variables, profiles, credentials) reaches a run,
// so the tests run in parallel.
func noEnv(string) string { return "" }

func TestMain(m *testing.M) {
	flag.Parse()
	if godogOpts.ShowStepDefinitions {
		// go test -godog.definitions: godog lists the step library (steps/vocabulary.go) and
		// nothing runs; `cognito-conformance steps` prints the same table with its docs.
		os.Exit(showStepDefinitions(os.Stdout))
	}
	var err error
	if scratch, err = os.MkdirTemp("", "cognito-conformance-test-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(scratch)
	os.Exit(code)
}

// scratch is a directory for files tests share (made once per test binary, removed after).
var scratch string

// showStepDefinitions prints what godog's own listing prints (each pattern, then where its
// handler is), from the vocabulary table: godog's listing would name the one loop that
// registers every row as the location of each.
func showStepDefinitions(out io.Writer) int {
	list := steps.List().Steps
	width := 0
	for _, s := range list {
		width = max(width, utf8.RuneCountInString(s.Pattern))
	}
	for _, s := range list {
		fmt.Fprintf(out, "%-*s # (*World).%s, %s\n", width, s.Pattern, s.Handler, s.Kind)
	}
	return 0
}

// TestFeatures runs the whole suite, in strict mode, against the embedded reference target
// under each of its profiles; each profile must pass 100% with conflicts resolved to its side.
// Every scenario is a subtest: go test -run 'TestFeatures/aws/<scenario name>'.
func TestFeatures(t *testing.T) {
	t.Parallel()
	for _, profile := range []string{"aws", "documented"} {
		t.Run(profile, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "report")
			rep, err := conformance.Run(context.Background(), conformance.Config{
				Profile: profile, ReportDir: dir, TestingT: t, Getenv: noEnv,
				Paths: godogOpts.Paths, Tags: godogOpts.Tags, Concurrency: godogOpts.Concurrency, Randomize: godogOpts.Randomize,
			})
			if err != nil {
				t.Fatalf("run: %v", err)
			}
			for _, sc := range rep.Scenarios {
				if sc.Status != reports.Passed && sc.Status != reports.NotApplicable {
					t.Errorf("%s %q: %s: %s", sc.URI, sc.Name, sc.Status, sc.Message)
				}
			}
			want := reports.FollowAWSVerified
			if profile == "documented" {
				want = reports.FollowDocumented
			}
			for _, c := range rep.Conflicts {
				if c.Follows != want {
					t.Errorf("conflict %s: the %s profile follows %q, want %q", c.Topic, profile, c.Follows, want)
				}
			}
		})
	}
}
