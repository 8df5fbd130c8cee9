package conformance_test

import (
	"context"
	"sort"
	"testing"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/reports"
)

// TestMutationTwoPreferredFactorsFailsExactlyB3 runs the suite against a reference that accepts a
// request marking two factors preferred (catalogue B3). The suite must notice: the scenarios that
// fail are exactly the @B3 scenarios that ran, and there is at least one.
func TestMutationTwoPreferredFactorsFailsExactlyB3(t *testing.T) {
	t.Parallel()
	rep, err := conformance.Run(context.Background(), conformance.Config{
		Mutation: "accept-two-preferred-factors", Concurrency: 4, Getenv: noEnv,
		Tags: conformance.NoClientScenarios, // no client scenario is tagged @B3
	})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	var failed, b3 []string
	for _, sc := range rep.Scenarios {
		name := sc.URI + ": " + sc.Name
		isB3 := false
		for _, b := range sc.Behaviours {
			isB3 = isB3 || b == "B3"
		}
		if sc.Status == reports.Failed {
			failed = append(failed, name)
		}
		// A @B3 scenario the run could not apply (a capability the target lacks) is no evidence
		// either way; every other one must have noticed the mutation.
		if isB3 && sc.Status != reports.NotApplicable && sc.Status != reports.NotImplemented {
			b3 = append(b3, name)
		}
	}
	sort.Strings(failed)
	sort.Strings(b3)
	if len(b3) == 0 {
		t.Fatal("no @B3 scenario ran")
	}
	want := map[string]bool{}
	for _, n := range b3 {
		want[n] = true
	}
	got := map[string]bool{}
	for _, n := range failed {
		got[n] = true
		if !want[n] {
			t.Errorf("failed although not tagged @B3: %s", n)
		}
	}
	for _, n := range b3 {
		if !got[n] {
			t.Errorf("tagged @B3 but passed against a reference that accepts two preferred factors: %s", n)
		}
	}
}
