package reports

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cognito-conformance/cognito-conformance/catalogue"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func scenario(name, evidence, conflict string, st Status, tags ...string) *Scenario {
	sc := &Scenario{Feature: "f", URI: "features/f.feature", Name: name, Tags: tags, Status: st}
	sc.Meta = catalogue.Classify(append(tags, "@"+evidence))
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

// A side with warnings follows only approximately: it does not pass, and under "either" its
// warnings become not-applicable when the other side passes.
func TestResolveConflictsWarningDoesNotFollow(t *testing.T) {
	doc := scenario("doc side", EvidenceDocumented, "x", Warning, "@B7")
	obs := scenario("aws side", EvidenceAWSVerified, "x", Passed, "@B7")
	got := ResolveConflicts([]*Scenario{doc, obs}, FollowEither)
	if got[0].Follows != EvidenceAWSVerified || got[0].Sides[EvidenceDocumented] != Warning {
		t.Fatalf("conflict = %+v", got[0])
	}
	if doc.Status != NotApplicable || obs.Status != Passed {
		t.Fatalf("the warning side not followed must be not-applicable: doc=%s obs=%s", doc.Status, obs.Status)
	}

	// A side that holds on the contract (warnings only) against a side that fails: the target
	// follows the first on the contested point, keeps its warnings, and the other side does
	// not apply. "neither" is for a contract difference on every side.
	doc = scenario("doc side", EvidenceDocumented, "x", Warning, "@B7")
	obs = scenario("aws side", EvidenceAWSVerified, "x", Failed, "@B7")
	got = ResolveConflicts([]*Scenario{doc, obs}, FollowEither)
	if got[0].Follows != EvidenceDocumented || doc.Status != Warning || obs.Status != NotApplicable {
		t.Fatalf("warning vs failure follows the warning side: %+v doc=%s obs=%s", got[0], doc.Status, obs.Status)
	}
	doc = scenario("doc side", EvidenceDocumented, "x", Warning, "@B7")
	obs = scenario("aws side", EvidenceAWSVerified, "x", Warning, "@B7")
	if got = ResolveConflicts([]*Scenario{doc, obs}, FollowEither); got[0].Follows != "neither" || doc.Status != Warning || obs.Status != Warning {
		t.Fatalf("warnings on both sides: %+v doc=%s obs=%s", got[0], doc.Status, obs.Status)
	}
	doc = scenario("doc side", EvidenceDocumented, "x", Failed, "@B7")
	obs = scenario("aws side", EvidenceAWSVerified, "x", Failed, "@B7")
	if got = ResolveConflicts([]*Scenario{doc, obs}, FollowEither); got[0].Follows != "neither" || doc.Status != Failed || obs.Status != Failed {
		t.Fatalf("failures on both sides: %+v doc=%s obs=%s", got[0], doc.Status, obs.Status)
	}

	doc = scenario("doc side", EvidenceDocumented, "x", Warning, "@B7")
	got = ResolveConflicts([]*Scenario{doc}, FollowAWSVerified)
	if doc.Status != NotApplicable {
		t.Fatalf("a warning on the side the run does not require is not-applicable, got %s", doc.Status)
	}
}

// A side that could pass once its inconclusive scenarios are judged leaves the topic undecided.
func TestResolveConflictsInconclusiveIsUndecided(t *testing.T) {
	for _, c := range []struct {
		name      string
		doc, obs  []Status
		follows   string
		unchanged bool // no scenario is relabelled
	}{
		{"failed vs inconclusive (the failure becomes inconclusive)", []Status{Failed}, []Status{Passed, Inconclusive}, "undecided", false},
		{"both inconclusive", []Status{Inconclusive}, []Status{Inconclusive}, "undecided", true},
		{"warning and inconclusive on one side", []Status{Warning, Inconclusive}, []Status{Failed}, "neither", true},
		{"inconclusive and not-applicable on one side", []Status{Inconclusive, NotApplicable}, []Status{Failed}, "neither", true},
		{"the other side passes", []Status{Inconclusive}, []Status{Passed}, EvidenceAWSVerified, true},
	} {
		var all []*Scenario
		for _, st := range c.doc {
			all = append(all, scenario("d", EvidenceDocumented, "x", st, "@B7"))
		}
		for _, st := range c.obs {
			all = append(all, scenario("o", EvidenceAWSVerified, "x", st, "@B7"))
		}
		before := statuses(all)
		got := ResolveConflicts(all, FollowEither)
		if got[0].Follows != c.follows {
			t.Errorf("%s: follows %q, want %q (sides %v)", c.name, got[0].Follows, c.follows, got[0].Sides)
		}
		if after := statuses(all); c.unchanged && after != before {
			t.Errorf("%s: statuses changed from %s to %s", c.name, before, after)
		}
	}
}

func statuses(list []*Scenario) string {
	var out []string
	for _, sc := range list {
		out = append(out, string(sc.Status))
	}
	return strings.Join(out, ",")
}

func TestResolveConflictsNotRun(t *testing.T) {
	doc := scenario("d", EvidenceDocumented, "x", NotApplicable, "@B7")
	obs := scenario("o", EvidenceAWSVerified, "x", NotImplemented, "@B7")
	if got := ResolveConflicts([]*Scenario{doc, obs}, FollowEither); got[0].Follows != "not-run" {
		t.Fatalf("follows %q, want not-run", got[0].Follows)
	}
}

// sample is a run with one scenario of each of the six statuses, an undecided conflict and
// a cleanup that left a pool behind.
func sample() *Report {
	r := &Report{Schema: SchemaVersion, Tool: Tool{Name: "cognito-conformance", Version: "test"},
		Target:    TargetInfo{Name: "custom", Endpoint: "http://127.0.0.1:1", Region: "us-east-1", Follows: FollowEither},
		StartedAt: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC), DurationMs: 1234,
		Options: RunOptions{RerunInconclusive: 2},
		Scenarios: []*Scenario{
			scenario("passes", EvidenceAWSVerified, "", Passed, "@B26", "@AdminSetUserMFAPreference"),
			scenario("warns", EvidenceAWSVerified, "", Warning, "@B27", "@AdminGetUser"),
			scenario("fails | with a pipe", EvidenceDocumented, "", Failed, "@B1", "@AdminSetUserMFAPreference"),
			scenario("throttled", EvidenceDocumented, "", Inconclusive, "@B2", "@AdminSetUserMFAPreference"),
			scenario("no TOTP", EvidenceDocumented, "", NotImplemented, "@B9", "@SetUserMFAPreference"),
			scenario("needs sms", EvidenceInferred, "", NotApplicable, "@B12", "@SetUserMFAPreference"),
		},
		Conflicts: []Conflict{{Topic: "totp-before-registration", Behaviours: []string{"B7"},
			Sides:   map[string]Status{EvidenceDocumented: Failed, EvidenceAWSVerified: Inconclusive},
			Follows: "undecided"}},
		Cleanup: &CleanupOutcome{Deleted: []string{"us-east-1_a", "us-east-1_b"},
			Left: []LeftResource{{Kind: "user pool", Name: "cc-20261121-x", ID: "us-east-1_c",
				Error: "ResourceInUseException: pool | busy\n  retry later"}},
			SweepCommand: "cognito-conformance sweep --endpoint http://127.0.0.1:1 --prefix cc-20261121"},
	}
	warns, throttled, noTOTP, sms := r.Scenarios[1], r.Scenarios[3], r.Scenarios[4], r.Scenarios[5]
	warns.Warnings = []string{"Content-Type is application/json, AWS sends application/x-amz-json-1.1",
		"x-amzn-RequestId header missing"}
	throttled.Cause, throttled.Attempts = CauseTransient, 3
	throttled.Message = "TooManyRequestsException on AdminSetUserMFAPreference after 4 tries\n  last: HTTP 429"
	noTOTP.MissingOperation, noTOTP.MissingIn = "AssociateSoftwareToken", MissingInSetup
	noTOTP.Message = "the target does not implement AssociateSoftwareToken"
	sms.Message = "needs sms: switched off"
	// The run was given a recording of real AWS: it agrees with two expectations, holds no
	// recording of two, and contradicts two (one the target passes, one it fails).
	recorded := map[string]Status{"passes": Failed, "warns": Passed, "fails | with a pipe": Failed, "no TOTP": Passed}
	observed := map[string]string{"passes": "expected HTTP status 200, got 400\n  detail",
		"fails | with a pipe": "expected member MFAOptions | absent"}
	for _, sc := range r.Scenarios {
		sc.Basis = sampleBasis(sc, recorded[sc.Name], observed[sc.Name])
	}
	r.Summarize()
	return r
}

// sampleBasis is what the run gives a scenario when its recording is of real AWS on 2026-11-30
// (cassette_run.go attachBasis writes the notes).
func sampleBasis(sc *Scenario, recorded Status, observed string) *Basis {
	b := &Basis{Evidence: sc.Evidence}
	for _, id := range sc.Behaviours {
		e, _ := catalogue.Lookup(id)
		b.Catalogue = append(b.Catalogue, BasisEntry{ID: id, Title: e.Title})
	}
	rec := &Recording{Label: "AWS as recorded on 2026-11-30", RecordedAt: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC),
		RealAWS: true, Status: recorded, Observed: observed}
	switch recorded {
	case "":
		rec.Note = rec.Label + " holds no recording of this scenario"
	case Failed:
		rec.Contradicts = true
		rec.Note = rec.Label + " contradicts this expectation (the catalogue or AWS has moved): " + observed
	default:
		rec.Note = rec.Label + " behaves as expected"
	}
	b.Recording = rec
	return b
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
	for _, want := range []string{
		`<testsuites name="cognito-conformance custom" tests="6" failures="1" errors="1" skipped="2"`,
		`<skipped message="not-applicable: needs sms: switched off">`,
		`<error message="transient: TooManyRequestsException on AdminSetUserMFAPreference after 4 tries" type="inconclusive">`,
		"<system-out>wire-fidelity differences:&#xA;- Content-Type is",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("junit.xml lacks %s", want)
		}
	}
	golden(t, "junit.xml", b.Bytes())
}

// A warning is a passing testcase: CI shows it green.
func TestJUnitWarningPasses(t *testing.T) {
	var b bytes.Buffer
	r := &Report{Scenarios: []*Scenario{{Feature: "f", Name: "w", Status: Warning, Warnings: []string{"a header differs"}}}}
	if err := WriteJUnit(&b, r); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); strings.Contains(got, "<failure") || strings.Contains(got, "<error") ||
		strings.Contains(got, "<skipped") || !strings.Contains(got, `failures="0" errors="0" skipped="0"`) {
		t.Fatalf("a warning must pass in JUnit:\n%s", got)
	}
}

// Under --strict a scenario can fail on wire-fidelity differences alone: they explain it.
func TestStrictFailureExplainedByWarnings(t *testing.T) {
	r := &Report{Options: RunOptions{Strict: true}, Scenarios: []*Scenario{{Feature: "f", Name: "s", Status: Failed,
		Warnings: []string{"x-amzn-RequestId header missing", "Content-Type differs"}}}}
	r.Summarize()
	var b bytes.Buffer
	if err := WriteJUnit(&b, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `<failure message="x-amzn-RequestId header missing (+1 more)" type="non-conformance">wire-fidelity differences:`) {
		t.Fatalf("the failure does not carry its warnings:\n%s", b.String())
	}
	if out := renderAll(t, r)["console"]; !strings.Contains(out, "FAIL") || !strings.Contains(out, "x-amzn-RequestId header missing (+1 more)") {
		t.Fatalf("console does not explain the strict failure:\n%s", out)
	}
}

func TestMarkdownGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMarkdown(&b, sample()); err != nil {
		t.Fatal(err)
	}
	golden(t, "summary.md", b.Bytes())
}

func TestConsoleGolden(t *testing.T) {
	var b bytes.Buffer
	WriteConsole(&b, sample())
	golden(t, "console.txt", b.Bytes())
}

func TestHTMLGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTML(&b, sample()); err != nil {
		t.Fatal(err)
	}
	// Self-contained: nothing the page would fetch.
	for _, external := range []string{"src=", "href=", "@import", "url("} {
		if strings.Contains(b.String(), external) {
			t.Errorf("report.html refers to an external asset (%s)", external)
		}
	}
	golden(t, "report.html", b.Bytes())
}

// Every rendering leads with the interruption and counts the scenarios it left unjudged.
func TestInterruptedShownFirst(t *testing.T) {
	r := sample()
	r.Interrupted = true
	for _, sc := range r.Scenarios[4:] {
		sc.Status, sc.Cause, sc.Message = Inconclusive, CauseInterrupted, "the run was interrupted"
	}
	r.Summarize()
	const want = "INTERRUPTED: the run was stopped; 2 scenarios were not judged"
	for name, out := range renderAll(t, r) {
		i := strings.Index(out, want)
		if i < 0 || i > strings.Index(out, "scenarios:") {
			t.Errorf("%s does not say %q before the counts:\n%s", name, want, out)
		}
	}
}

// The verdict reads the same in every rendering, and the HTML banner has one look per verdict.
func TestVerdictShown(t *testing.T) {
	for _, c := range []struct {
		edit         func(*Report)
		text, banner string
	}{
		{func(r *Report) {}, "does not conform", `class="score bad"`},
		{func(r *Report) { r.Scenarios = r.Scenarios[:2] }, "conforms", `class="score ok"`},
		{func(r *Report) { r.Scenarios = r.Scenarios[:4]; r.Scenarios[2].Status = Passed }, "inconclusive", `class="score undecided"`},
		{func(r *Report) { r.Options.Strict = true }, "does not conform (strict", `class="score bad"`},
	} {
		r := sample()
		c.edit(r)
		r.Summarize()
		out := renderAll(t, r)
		for name, got := range out {
			if !strings.Contains(got, "Verdict: "+c.text) && !strings.Contains(got, "· "+c.text) {
				t.Errorf("%s: verdict %q not shown:\n%s", name, c.text, got)
			}
		}
		if !strings.Contains(out["html"], c.banner) {
			t.Errorf("html banner is not %s", c.banner)
		}
	}
}

// renderAll renders the report for people: console, Markdown and HTML.
func renderAll(t *testing.T, r *Report) map[string]string {
	t.Helper()
	var con, md, page bytes.Buffer
	WriteConsole(&con, r)
	if err := WriteMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(&page, r); err != nil {
		t.Fatal(err)
	}
	return map[string]string{"console": con.String(), "markdown": md.String(), "html": page.String()}
}

func TestVerdictWithBaseline(t *testing.T) {
	r := sample()
	if v := r.Verdict(); v != NonConformant || r.Conforms() {
		t.Fatalf("a failure without a baseline must not conform, got %s", v)
	}
	r.Baseline = &BaselineOutcome{Expected: 1}
	if v := r.Verdict(); v != Undecided {
		t.Fatalf("an expected failure beside an inconclusive scenario is inconclusive, got %s", v)
	}
	r.Scenarios[3].Status = Passed
	r.Summarize()
	if v := r.Verdict(); v != Conforms || !r.Conforms() {
		t.Fatalf("an expected failure conforms, got %s", v)
	}
	r.Baseline.UnexpectedPasses = []string{"x"}
	if v := r.Verdict(); v != NonConformant {
		t.Fatalf("an unexpected pass does not conform, got %s", v)
	}
}

// TestUndecidedConflictBlamesNoSide: with the aws side throttled into inconclusive, the
// documented side's failure cannot be blamed (the target may follow the aws side).
func TestUndecidedConflictBlamesNoSide(t *testing.T) {
	doc := scenario("doc side", EvidenceDocumented, "x", Failed, "@B7")
	obs := scenario("aws side", EvidenceAWSVerified, "x", Inconclusive, "@B7")
	got := ResolveConflicts([]*Scenario{doc, obs}, FollowEither)
	if got[0].Follows != "undecided" || doc.Status != Inconclusive || doc.Cause != CauseConflict {
		t.Fatalf("follows %s, doc side %s (%s)", got[0].Follows, doc.Status, doc.Cause)
	}
	r := &Report{Scenarios: []*Scenario{doc, obs}}
	r.Summarize()
	if r.Verdict() != Undecided {
		t.Fatalf("verdict %s, want inconclusive", r.Verdict())
	}
}

// A scenario its baseline lists with another failure is shown apart, as such, in every
// rendering, and fails the run; an expected failure is a JUnit skip with its reason.
func TestBaselineOutcomesInEveryRendering(t *testing.T) {
	t.Parallel()
	differs := &Scenario{Feature: "f", URI: "features/f.feature", Name: "changed", Status: Failed,
		Message:          "expected HTTP status 400, got 500",
		BaselineMismatch: `listed as failed at step "the response status is 400", AdminSetUserMFAPreference answered 200; failed ...`}
	expected := &Scenario{Feature: "f", URI: "features/f.feature", Name: "known", Status: Failed,
		Message: "expected HTTP status 400, got 200", Baseline: "expected failure: moto accepts it"}
	r := &Report{Target: TargetInfo{Name: "moto", Label: "moto-totp"}, Scenarios: []*Scenario{differs, expected},
		Baseline: &BaselineOutcome{File: "baselines/moto-totp.json", Expected: 1,
			FailedDifferently: []string{"features/f.feature: changed: listed as failed …"}, IntermittentPasses: []string{"flaky passed this time"}}}
	r.Summarize()
	if r.Verdict() != NonConformant {
		t.Fatalf("a scenario that failed differently must fail the run, verdict %s", r.Verdict())
	}
	out := renderAll(t, r)
	for name, want := range map[string][]string{
		"console":  {"Conformance of moto-totp (moto)", "FAILED DIFFERENTLY features/f.feature  changed", "1 failed differently", "intermittent    flaky passed this time"},
		"markdown": {"conformance: moto-totp (moto)", "### Failed differently from the baseline", "1 failed differently"},
		"html":     {`id="failed-differently-heading"`, "Failed differently from the baseline: listed as failed", "1 failed differently", "Intermittent: flaky passed this time"},
	} {
		for _, w := range want {
			if !strings.Contains(out[name], w) {
				t.Errorf("%s lacks %q:\n%s", name, w, out[name])
			}
		}
	}
	if strings.Contains(out["console"], "  FAIL features/f.feature  changed") {
		t.Error("a scenario that failed differently is listed twice in the console")
	}
	var b bytes.Buffer
	if err := WriteJUnit(&b, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`type="baseline-mismatch"`, `<skipped message="expected failure: moto accepts it">`, `failures="1"`, `skipped="1"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("junit.xml lacks %s:\n%s", want, b.String())
		}
	}
}
