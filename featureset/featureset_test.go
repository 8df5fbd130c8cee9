package featureset

import (
	"regexp"
	"strings"
	"testing"
)

func TestMatchTagsFollowsGodogV0151(t *testing.T) {
	tags := []string{"@B7", "@documented", "@AdminSetUserMFAPreference"}
	cases := map[string]bool{
		"":                      true,
		"@B7":                   true,
		"~@B7":                  false,
		"@B3,@B7":               true,
		"@B3,@B7 && ~@inferred": true,
		"@B3,@B7 && @inferred":  false,
		"@B3 && @B7":            false,
	}
	for filter, want := range cases {
		if got := MatchTags(filter, tags); got != want {
			t.Errorf("MatchTags(%q) = %v, want %v", filter, got, want)
		}
	}
}

func TestCheckStepsNamesFileAndLine(t *testing.T) {
	f, err := Parse("features/x.feature", []byte("Feature: x\n  Scenario: y\n    Given a known step\n    Then an unknown step\n"))
	if err != nil {
		t.Fatal(err)
	}
	err = CheckSteps([]*File{f}, []*regexp.Regexp{regexp.MustCompile(`^a known step$`)})
	if err == nil || !strings.Contains(err.Error(), `features/x.feature:4: no step definition matches "an unknown step"`) {
		t.Fatalf("err = %v", err)
	}
	err = CheckSteps([]*File{f}, []*regexp.Regexp{regexp.MustCompile(`step$`), regexp.MustCompile(`^a known`)})
	if err == nil || !strings.Contains(err.Error(), "2 step definitions match") {
		t.Fatalf("ambiguity not reported: %v", err)
	}
}

func TestParseErrorIsInvalid(t *testing.T) {
	if _, err := Parse("bad.feature", []byte("not gherkin\nFeature: x\n")); err == nil || !strings.Contains(err.Error(), "bad.feature") {
		t.Fatalf("err = %v", err)
	}
}
