package conformance

import (
	"testing"

	"github.com/cucumber/godog"

	"github.com/cognito-conformance/cognito-conformance/catalogue"
	"github.com/cognito-conformance/cognito-conformance/featureset"
)

// TestLanesRunEveryScenarioOnce: whatever a run selects (the whole suite, or only the
// scenarios of one client program), the lanes' tag filters run each selected scenario in
// exactly one lane. A client left out of the lanes' filters is run by no lane when it is all a
// run selects: godog runs nothing and the scenario is inconclusive for no fault of the target.
func TestLanesRunEveryScenarioOnce(t *testing.T) {
	t.Parallel()
	files, err := featureset.LoadFS(Features, "features")
	if err != nil {
		t.Fatal(err)
	}
	filters := []string{""}
	for _, c := range catalogue.Clients {
		filters = append(filters, "@client-"+c)
	}
	for _, filter := range filters {
		selected := featureset.Select(files, filter)
		if len(selected) == 0 {
			t.Errorf("no scenario of the suite matches %q", filter)
			continue
		}
		lanes := lanes(filter, selected)
		for _, sc := range selected {
			in := 0
			for _, lane := range lanes {
				if featureset.MatchTags(lane, sc.Tags) {
					in++
				}
			}
			if in != 1 {
				t.Errorf("with --tags %q, %s: %q is in %d of the lanes %q", filter, sc.Path, sc.Name, in, lanes)
			}
			for _, lane := range lanes {
				if featureset.MatchTags(lane, sc.Tags) && !hasFeature(laneFeatures(files, selected, lane), sc.Path) {
					t.Errorf("with --tags %q, the lane %q is not given %s, which holds %q", filter, lane, sc.Path, sc.Name)
				}
			}
		}
	}
}

func hasFeature(fs []godog.Feature, path string) bool {
	for _, f := range fs {
		if f.Name == path {
			return true
		}
	}
	return false
}

// TestAnUnknownClientTagRunsWithTheOthers: a @client- tag that names no client program of
// catalogue.Clients makes no client scenario (no step runs such a program): it runs in the
// lane of the others, and no lane is left with no feature file (godog would then read
// ./features from the working directory and run what nobody selected).
func TestAnUnknownClientTagRunsWithTheOthers(t *testing.T) {
	t.Parallel()
	f, err := featureset.Parse("features/own.feature", []byte("Feature: own\n\n  @B1 @documented @client-foo\n  Scenario: a client nobody knows\n    Given a user pool with MFA OFF\n"))
	if err != nil {
		t.Fatal(err)
	}
	files := []*featureset.File{f}
	selected := featureset.Select(files, "")
	if IsClientScenario(selected[0].Tags) {
		t.Error("@client-foo is taken for a client program")
	}
	for _, lane := range lanes("", selected) {
		if len(laneFeatures(files, selected, lane)) == 0 {
			t.Errorf("the lane %q is given no feature file", lane)
		}
	}
}
