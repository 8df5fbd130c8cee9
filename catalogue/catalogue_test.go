package catalogue_test

import (
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"testing"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/catalogue"
	"github.com/cognito-conformance/cognito-conformance/featureset"
)

type scenario struct {
	where string // path: name
	tags  []string
}

func scenarios(t *testing.T) []scenario {
	t.Helper()
	sub, err := fs.Sub(conformance.Features, ".")
	if err != nil {
		t.Fatal(err)
	}
	files, err := featureset.LoadFS(sub, "features")
	if err != nil {
		t.Fatalf("loading the embedded features: %v", err)
	}
	var out []scenario
	for _, f := range files {
		for _, p := range f.Pickles {
			out = append(out, scenario{where: f.Path + ": " + p.Name, tags: featureset.PickleTags(p)})
		}
	}
	if len(out) == 0 {
		t.Fatal("no scenarios in the embedded features")
	}
	return out
}

// TestCatalogueIsWellFormed checks the table itself: unique ids, a title, known labels, and no
// reason on an id that is meant to be encoded.
func TestCatalogueIsWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range catalogue.Entries {
		if seen[e.ID] {
			t.Errorf("%s listed twice", e.ID)
		}
		seen[e.ID] = true
		if !catalogue.IsID(e.ID) {
			t.Errorf("%s is not shaped like a catalogue id", e.ID)
		}
		if strings.TrimSpace(e.Title) == "" {
			t.Errorf("%s has no title", e.ID)
		}
		if len(e.Evidence) == 0 {
			t.Errorf("%s has no evidence label", e.ID)
		}
		for _, l := range e.Evidence {
			if l != catalogue.Documented && l != catalogue.AWSVerified && l != catalogue.Inferred {
				t.Errorf("%s: unknown evidence label %q", e.ID, l)
			}
		}
	}
	for i := 1; i <= 32; i++ {
		id := "B" + strconv.Itoa(i)
		if !seen[id] {
			t.Errorf("behaviors.md id %s is missing from the table", id)
		}
	}
}

// TestEveryIDIsEncodedOrExcluded fails when an id is neither referenced by a scenario nor
// excluded with a reason, or is excluded but referenced all the same.
func TestEveryIDIsEncodedOrExcluded(t *testing.T) {
	used := map[string][]string{}
	for _, sc := range scenarios(t) {
		for _, tag := range sc.tags {
			if catalogue.IsID(tag) {
				id := strings.TrimPrefix(tag, "@")
				used[id] = append(used[id], sc.where)
			}
		}
	}
	for _, e := range catalogue.Entries {
		switch {
		case e.Excluded == "" && len(used[e.ID]) == 0:
			t.Errorf("%s (%s) is encoded by no scenario and not excluded with a reason", e.ID, e.Title)
		case e.Excluded != "" && len(used[e.ID]) > 0:
			t.Errorf("%s is excluded (%s) but tagged on %s", e.ID, e.Excluded, used[e.ID][0])
		}
	}
}

// TestEveryScenarioIsTagged checks each scenario's tags: at least one known catalogue id,
// exactly one evidence tag that one of its ids carries, and at least one operation tag.
func TestEveryScenarioIsTagged(t *testing.T) {
	ops := map[string]bool{}
	for _, op := range catalogue.Operations {
		ops[op] = true
	}
	for _, sc := range scenarios(t) {
		var ids []catalogue.Entry
		var evidence []string
		nOps := 0
		for _, tag := range sc.tags {
			name := strings.TrimPrefix(tag, "@")
			switch {
			case catalogue.IsID(tag):
				e, ok := catalogue.Lookup(name)
				if !ok {
					t.Errorf("%s: tag %s is not a catalogue id", sc.where, tag)
					continue
				}
				ids = append(ids, e)
			case name == catalogue.Documented || name == catalogue.AWSVerified || name == catalogue.Inferred:
				evidence = append(evidence, name)
			case ops[name]:
				nOps++
			}
		}
		if len(ids) == 0 {
			t.Errorf("%s: no catalogue id tag (such as @B7)", sc.where)
		}
		if len(evidence) != 1 {
			t.Errorf("%s: %d evidence tags %v, want exactly one of @documented, @aws-verified, @inferred", sc.where, len(evidence), evidence)
		} else if len(ids) > 0 {
			ok := false
			for _, e := range ids {
				ok = ok || e.HasEvidence(evidence[0])
			}
			if !ok {
				t.Errorf("%s: evidence @%s is a label none of its ids has in the catalogue", sc.where, evidence[0])
			}
		}
		if nOps == 0 {
			t.Errorf("%s: no operation tag (one of %s)", sc.where, strings.Join(catalogue.Operations, ", "))
		}
	}
}

// TestScenarioNamesAreUnique: a name selects a scenario (go test -run, baselines, reports), so
// two scenarios must not share one, even in different features.
func TestScenarioNamesAreUnique(t *testing.T) {
	seen := map[string]string{}
	for _, sc := range scenarios(t) {
		name := sc.where[strings.Index(sc.where, ": ")+2:]
		if prev, dup := seen[name]; dup {
			t.Errorf("scenario name %q is used twice: %s and %s", name, prev, sc.where)
		}
		seen[name] = sc.where
	}
}

// TestConflictsHaveBothSides fails when a documented-vs-observed conflict topic lacks its
// @documented or its @aws-verified side, or has an @inferred side.
func TestConflictsHaveBothSides(t *testing.T) {
	sides := map[string]map[string]int{}
	for _, sc := range scenarios(t) {
		m := catalogue.Classify(sc.tags)
		if m.Conflict == "" {
			continue
		}
		if sides[m.Conflict] == nil {
			sides[m.Conflict] = map[string]int{}
		}
		sides[m.Conflict][m.Evidence]++
		if m.Evidence == catalogue.Inferred {
			t.Errorf("%s: conflict %s has an @inferred side; a conflict is documented versus aws-verified", sc.where, m.Conflict)
		}
	}
	if len(sides) == 0 {
		t.Fatal("no conflict topics in the features")
	}
	topics := make([]string, 0, len(sides))
	for k := range sides {
		topics = append(topics, k)
	}
	sort.Strings(topics)
	for _, topic := range topics {
		s := sides[topic]
		if s[catalogue.Documented] == 0 || s[catalogue.AWSVerified] == 0 {
			t.Errorf("conflict %s: %d @documented and %d @aws-verified scenarios; it needs both sides", topic,
				s[catalogue.Documented], s[catalogue.AWSVerified])
		}
	}
}
