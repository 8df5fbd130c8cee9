package reports

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func scenario(name, evidence, conflict string, st Status, tags ...string) *Scenario {
	sc := &Scenario{Feature: "f", URI: "features/f.feature", Name: name, Tags: tags, Status: st}
	sc.Meta = Classify(append(tags, "@"+evidence))
	if conflict != "" {
		sc.Conflict = conflict
	}
	if st == Failed {
		sc.Message = "expected HTTP status 400, got 200\n  detail"
	}
	return sc
}

func TestResolveConflictsEither(t *testing.T) {
	doc := scenario("doc side", EvidenceDocumented, "x", Failed, "@B7")
	obs := scenario("aws side", EvidenceAWSVerified, "x", Passed, "@B7")
	neither1 := scenario("n1", EvidenceDocumented, "y", Failed, "@B5")
	neither2 := scenario("n2", EvidenceAWSVerified, "y", Failed, "@B5")
	got := ResolveConflicts([]*Scenario{doc, obs, neither1, neither2}, FollowEither)
	if len(got) != 2 || got[0].Topic != "x" || got[0].Follows != EvidenceAWSVerified || got[1].Follows != "neither" {
		t.Fatalf("conflicts = %+v", got)
	}
	if doc.Status != NotApplicable || obs.Status != Passed {
		t.Fatalf("the side not followed must be not-applicable: doc=%s obs=%s", doc.Status, obs.Status)
	}
	if neither1.Status != Failed || neither2.Status != Failed {
		t.Fatal("a conflict no side of which passes keeps its failures")
	}
}

func TestResolveConflictsDemandedSide(t *testing.T) {
	doc := scenario("doc side", EvidenceDocumented, "x", Passed, "@B7")
	obs := scenario("aws side", EvidenceAWSVerified, "x", Failed, "@B7")
	got := ResolveConflicts([]*Scenario{doc, obs}, FollowAWSVerified)
	if got[0].Follows != EvidenceDocumented {
		t.Fatalf("follows = %s", got[0].Follows)
	}
	if obs.Status != Failed || doc.Status != NotApplicable {
		t.Fatalf("a failure on the demanded side stays a failure: doc=%s obs=%s", doc.Status, obs.Status)
	}
}

func TestClassify(t *testing.T) {
	m := Classify([]string{"@B12", "@S1.2", "@B3", "@inferred", "@SetUserMFAPreference", "@conflict-k", "@needs-sms", "@other"})
	if got := m.Behaviours; len(got) != 3 || got[0] != "B3" || got[1] != "B12" || got[2] != "S1.2" {
		t.Fatalf("behaviours = %v", got)
	}
	if m.Evidence != EvidenceInferred || m.Conflict != "k" || len(m.Needs) != 1 || m.Operations[0] != "SetUserMFAPreference" {
		t.Fatalf("meta = %+v", m)
	}
}

func sample() *Report {
	r := &Report{Schema: SchemaVersion, Tool: Tool{Name: "cognito-conformance", Version: "test"},
		Target:    TargetInfo{Name: "custom", Endpoint: "http://127.0.0.1:1", Region: "us-east-1", Follows: FollowEither},
		StartedAt: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC), DurationMs: 1234,
		Scenarios: []*Scenario{
			scenario("passes", EvidenceAWSVerified, "", Passed, "@B26", "@AdminSetUserMFAPreference"),
			scenario("fails | with a pipe", EvidenceDocumented, "", Failed, "@B1", "@AdminSetUserMFAPreference"),
			scenario("needs sms", EvidenceInferred, "", NotApplicable, "@B12", "@SetUserMFAPreference"),
		}}
	r.Scenarios[2].Message = "needs sms: switched off"
	r.Summarize()
	return r
}

// golden compares a rendering with testdata/<name>; go test ./reports -update rewrites it.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reports -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from the golden file (go test ./reports -update rewrites it):\n%s", name, got)
	}
}

func TestJUnitGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJUnit(&b, sample()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte(`<skipped message="not-applicable: needs sms: switched off">`)) {
		t.Fatalf("a not-applicable scenario must be a real <skipped/> element:\n%s", b.String())
	}
	golden(t, "junit.xml", b.Bytes())
}

func TestMarkdownGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMarkdown(&b, sample()); err != nil {
		t.Fatal(err)
	}
	golden(t, "summary.md", b.Bytes())
}

func TestConformsWithBaseline(t *testing.T) {
	r := sample()
	if r.Conforms() {
		t.Fatal("a failure without a baseline must not conform")
	}
	r.Baseline = &BaselineOutcome{Expected: 1}
	if !r.Conforms() {
		t.Fatal("an expected failure conforms")
	}
	r.Baseline.UnexpectedPasses = []string{"x"}
	if r.Conforms() {
		t.Fatal("an unexpected pass does not conform")
	}
}
