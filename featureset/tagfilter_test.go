package featureset

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/cucumber/godog"
)

// tagFeature has one scenario per tag set the filters below tell apart.
const tagFeature = `Feature: tags
  @B7 @documented
  Scenario: b7
    Given a step
  @B8
  Scenario: b8
    Given a step
  @B7 @B8 @inferred
  Scenario: both
    Given a step
  Scenario: none
    Given a step
`

var tagScenarios = map[string][]string{
	"b7": {"@B7", "@documented"}, "b8": {"@B8"}, "both": {"@B7", "@B8", "@inferred"}, "none": {},
}

func TestCheckTagFilter(t *testing.T) {
	t.Parallel()
	good := []string{"", "@B7", " @B7 ", "~@B7", "@B7,@B8", "@B7 , ~@B8", "@B7 && @B8", "@B7&&~@inferred",
		"@B7,@B8 && ~@inferred", "@client-cli,@client-boto3", "~@client-cli && ~@client-boto3", "@Admin.Set:1"}
	bad := map[string]string{
		" ":              "blank",
		"@B7,":           `"," has no tag after it`,
		",@B7":           `"," has no tag before it`,
		"@B7,,@B8":       `two "," in a row`,
		"@B7, ,@B8":      `two "," in a row`,
		"@B7 &&":         `"&&" has no tag after it`,
		"&& @B7":         `"&&" has no tag before it`,
		"&&":             `"&&" has no tag before it`,
		"@B7 && && @B8":  `two "&&" in a row`,
		"@B7 && ,@B8":    `"," has no tag before it`,
		"not @B7":        `"not" is not a tag`,
		"@B7 and @B8":    `"and" is not a tag`,
		"@B7 @B8":        `"@B7" and "@B8" have no operator between them`,
		"@B7 & @B8":      `single "&"`,
		"@B7&@B8":        `single "&"`,
		"@B7 &&& @B8":    `single "&"`,
		"B7":             `"B7" is not a tag`,
		"@":              `"@" is not a tag`,
		"~":              `"~" is not a tag`,
		"~@":             `"~@" is not a tag`,
		"~~@B7":          `"~~@B7" is not a tag`,
		"@~B7":           `"@~B7" is not a tag`,
		"@B7@B8":         `"@B7@B8" is not a tag`,
		"(@B7 or @B8)":   `"(@B7" is not a tag`,
		"@B7 || @B8":     `"||" is not a tag`,
		"@B7,\t,@B8":     `two "," in a row`,
		"@B7 &&\n@B8 @x": `"@B8" and "@x" have no operator`,
	}
	for _, f := range good {
		if err := CheckTagFilter(f); err != nil {
			t.Errorf("CheckTagFilter(%q) = %v, want nil", f, err)
		}
	}
	for f, says := range bad {
		err := CheckTagFilter(f)
		if err == nil {
			t.Errorf("CheckTagFilter(%q) accepted a malformed filter", f)
			continue
		}
		msg := err.Error()
		for _, want := range []string{fmt.Sprintf("%q", f), says, `"&&" (and)`} {
			if !strings.Contains(msg, want) {
				t.Errorf("CheckTagFilter(%q) = %q, does not say %q", f, msg, want)
			}
		}
		if strings.Contains(msg, "\n") {
			t.Errorf("CheckTagFilter(%q) message is not one line: %q", f, msg)
		}
	}
	for _, f := range good {
		checkAgreesWithGodog(t, f)
	}
}

// TestCheckTagFilterAcceptsOnlyWhatGodogHandles builds random filters from the pieces people
// type and hands every one CheckTagFilter accepts to godog: none may panic, and godog must
// select what MatchTags selects.
func TestCheckTagFilterAcceptsOnlyWhatGodogHandles(t *testing.T) {
	t.Parallel()
	pieces := []string{"@B7", "@B8", "~@B7", "~@inferred", "@", "~", "B7", "not", " ", " ", ",", ",", "&&", "&&", "&", "\t"}
	rng := rand.New(rand.NewPCG(1, 2))
	accepted := 0
	for range 3000 {
		var b strings.Builder
		for range 1 + rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if CheckTagFilter(b.String()) == nil {
			accepted++
			checkAgreesWithGodog(t, b.String())
		}
	}
	t.Logf("%d of 3000 random filters accepted", accepted)
	if accepted < 50 {
		t.Fatalf("only %d random filters accepted: the generator tests too little", accepted)
	}
}

// checkAgreesWithGodog runs godog v0.15.1's own filter (through a TestSuite over an in-memory
// feature, the path conformance.Run takes) and compares its selection with MatchTags.
func checkAgreesWithGodog(t *testing.T, filter string) {
	t.Helper()
	var ran []string
	run := func() (code int, panicked any) {
		defer func() { panicked = recover() }()
		return godog.TestSuite{
			ScenarioInitializer: func(sc *godog.ScenarioContext) {
				sc.Step(`^a step$`, func() {})
				sc.Before(func(ctx context.Context, s *godog.Scenario) (context.Context, error) {
					ran = append(ran, s.Name)
					return ctx, nil
				})
			},
			Options: &godog.Options{Format: "progress", Output: io.Discard, NoColors: true, Concurrency: 1, Tags: filter,
				FeatureContents: []godog.Feature{{Name: "tags.feature", Contents: []byte(tagFeature)}}},
		}.Run(), nil
	}
	code, panicked := run()
	if panicked != nil {
		t.Errorf("CheckTagFilter accepted %q but godog panics on it: %v", filter, panicked)
		return
	}
	if code != 0 {
		t.Errorf("godog exits %d on accepted filter %q", code, filter)
	}
	var want []string
	for name, tags := range tagScenarios {
		if MatchTags(filter, tags) {
			want = append(want, name)
		}
	}
	slices.Sort(ran)
	slices.Sort(want)
	if !slices.Equal(ran, want) {
		t.Errorf("filter %q: godog runs %v, MatchTags selects %v", filter, ran, want)
	}
}
