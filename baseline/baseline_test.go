package baseline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cognito-conformance/cognito-conformance/reports"
)

// failing is a scenario that failed on step "the answer is 400" after the operation answered
// 200, as moto does for two preferred factors.
func failing(name string) *reports.Scenario {
	return &reports.Scenario{
		Feature: "f", URI: "features/f.feature", Name: name, Status: reports.Failed,
		Meta:       reports.Meta{Behaviours: []string{"B3"}},
		FailedStep: `the answer is InvalidParameterException with HTTP 400`,
		LastAnswer: &reports.Answer{Operation: "AdminSetUserMFAPreference", Status: 200},
		Message:    "expected HTTP status 400, got 200\n  AdminSetUserMFAPreference answered 200 OK: {}",
	}
}

func passing(name string) *reports.Scenario {
	return &reports.Scenario{Feature: "f", URI: "features/f.feature", Name: name, Status: reports.Passed}
}

func report(scs ...*reports.Scenario) *reports.Report {
	r := &reports.Report{Target: reports.TargetInfo{Name: "moto"}, Scenarios: scs}
	r.Summarize()
	return r
}

// entryFor is the entry a person would check in for the scenario: its fingerprint and a reason.
func entryFor(sc *reports.Scenario, reason string) Entry {
	fp := Observe(sc)
	return Entry{Scenario: sc.Name, Feature: sc.Feature, Failure: &fp, Reason: reason}
}

func parse(t *testing.T, text string) *File {
	t.Helper()
	f, err := Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestLoadReadsAFileAndRejectsBrokenEntries(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	if err := os.WriteFile(good, []byte(`{"target":"moto","expectedFailures":[
	  {"scenario":"s","feature":"f","failure":{"step":"x","httpStatus":200,"assertion":"got  cogconf-20261130T182337-1de7-u1-7bf8"},
	   "reason":"moto accepts it","upstream":"https://github.com/getmoto/moto/issues/1","intermittent":true}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Load(good)
	if err != nil {
		t.Fatal(err)
	}
	e := f.Expected[0]
	if e.Failure.HTTPStatus != 200 || !e.Intermittent || e.Upstream == "" {
		t.Fatalf("entry read wrong: %+v", e)
	}
	if e.Failure.Assertion != "got <name>" {
		t.Fatalf("a hand-written assertion is normalised like an observed one, got %q", e.Failure.Assertion)
	}

	for name, text := range map[string]string{
		"no reason":       `{"target":"t","expectedFailures":[{"scenario":"s","reason":" "}]}`,
		"nothing named":   `{"target":"t","expectedFailures":[{"reason":"r"}]}`,
		"unknown status":  `{"target":"t","expectedFailures":[{"scenario":"s","status":"passed","reason":"r"}]}`,
		"unknown field":   `{"target":"t","expectedFailures":[{"scenario":"s","reason":"r","because":"x"}]}`,
		"bad pattern":     `{"target":"t","expectedFailures":[{"scenario":"s","reason":"r","pattern":"("}]}`,
		"not a baseline":  `[1,2]`,
		"unknown in step": `{"target":"t","expectedFailures":[{"scenario":"s","reason":"r","failure":{"code":"X"}}]}`,
	} {
		if _, err := Parse([]byte(text)); err == nil {
			t.Errorf("%s: accepted %s", name, text)
		}
	}
	if _, err := Load(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("a missing file loads")
	}
	_, err = Parse([]byte(`{"target":"t","expectedFailures":[{"scenario":"s","reason":""}]}`))
	if err == nil || !strings.Contains(err.Error(), "reason missing") {
		t.Errorf("an empty reason must be named as missing, got %v", err)
	}
}

func TestAMatchingFailureIsExpected(t *testing.T) {
	t.Parallel()
	sc := failing("two preferred")
	f := &File{Expected: []Entry{entryFor(failing("two preferred"), "moto accepts two preferred factors")}}
	rep := report(sc)
	Apply(rep, f, "moto.json")
	b := rep.Baseline
	if b.Expected != 1 || b.Breaks() || len(b.Unused) > 0 {
		t.Fatalf("outcome = %+v", b)
	}
	if !strings.Contains(sc.Baseline, "moto accepts two preferred factors") || sc.BaselineMismatch != "" {
		t.Fatalf("scenario not explained: %+v", sc)
	}
	if rep.Verdict() != reports.Conforms {
		t.Fatalf("verdict %s", rep.Verdict())
	}
}

// The generated parts of a message (pool ids, names, times) differ from run to run; the
// fingerprint must not.
func TestAFingerprintIgnoresGeneratedValues(t *testing.T) {
	t.Parallel()
	a := failing("s")
	a.Message = `expected error message "x", got "User pool us-east-1_6df6f50704da41d7adae3d7dc3304770 does not exist." for cogconf-20261130T182337-1de7-u1-7bf8 at 1796063018.343 (sub a85f3bca-03c4-48c2-8f2d-e967b2cc4084)`
	b := failing("s")
	b.Message = `expected error message "x", got "User pool us-west-2_Ab12Cd34E does not exist." for cogconf-20270101T000000-ffff-u9-0000 at 1796069999.1 (sub 00000000-1111-2222-3333-444444444444)`
	if !Observe(a).Matches(Observe(b)) {
		t.Fatalf("fingerprints differ:\n%q\n%q", Observe(a).Assertion, Observe(b).Assertion)
	}
	c := failing("s")
	c.Message = `expected error message "x", got "User does not exist."`
	if Observe(a).Matches(Observe(c)) {
		t.Fatal("another message matched")
	}
	long := failing("s")
	long.Message = strings.Repeat("é", 1000)
	if n := len([]rune(Observe(long).Assertion)); n > maxAssertion+1 {
		t.Fatalf("a fingerprint quotes %d characters", n)
	}
}

func TestAFailureThatDiffersIsReportedAsSuchAndBreaksTheRun(t *testing.T) {
	t.Parallel()
	listed := entryFor(failing("two preferred"), "moto accepts two preferred factors")
	for name, change := range map[string]func(*reports.Scenario){
		"another answer": func(sc *reports.Scenario) {
			sc.LastAnswer = &reports.Answer{Operation: "AdminSetUserMFAPreference", Status: 500, ErrorCode: "InternalFailure"}
		},
		"another step":      func(sc *reports.Scenario) { sc.FailedStep = "AdminGetUser lists SOFTWARE_TOKEN_MFA" },
		"another assertion": func(sc *reports.Scenario) { sc.Message = "expected HTTP status 400, got 201" },
	} {
		sc := failing("two preferred")
		change(sc)
		rep := report(sc)
		Apply(rep, &File{Expected: []Entry{listed}}, "moto.json")
		b := rep.Baseline
		if len(b.FailedDifferently) != 1 || b.Expected != 0 || len(b.Regressions) != 0 || len(b.UnexpectedPasses) != 0 {
			t.Errorf("%s: outcome = %+v", name, b)
			continue
		}
		if sc.Baseline != "" || !strings.Contains(sc.BaselineMismatch, "listed as failed") {
			t.Errorf("%s: scenario = %q / %q", name, sc.Baseline, sc.BaselineMismatch)
		}
		if rep.Verdict() != reports.NonConformant {
			t.Errorf("%s: a failure that changed must fail the run, verdict %s", name, rep.Verdict())
		}
	}
}

// A field a person deleted from a fingerprint matches anything; an entry with no fingerprint
// (an old file) matches any failure.
func TestAnEmptyFieldMatchesAnything(t *testing.T) {
	t.Parallel()
	sc := failing("s")
	loose := entryFor(failing("s"), "r")
	loose.Failure.Assertion = ""
	sc.Message = "reworded: expected 400, got 200"
	rep := report(sc)
	Apply(rep, &File{Expected: []Entry{loose}}, "b.json")
	if rep.Baseline.Expected != 1 {
		t.Fatalf("a loosened entry does not match: %+v", rep.Baseline)
	}
	sc2 := failing("s")
	rep2 := report(sc2)
	Apply(rep2, &File{Expected: []Entry{{Scenario: "s", Reason: "r"}}}, "b.json")
	if rep2.Baseline.Expected != 1 {
		t.Fatalf("an entry without fingerprint does not match: %+v", rep2.Baseline)
	}
}

func TestAnUnlistedFailureIsARegressionAndAListedPassIsUnexpected(t *testing.T) {
	t.Parallel()
	rep := report(failing("new"), passing("fixed"))
	Apply(rep, &File{Expected: []Entry{entryFor(failing("fixed"), "was broken")}}, "moto.json")
	b := rep.Baseline
	if len(b.Regressions) != 1 || len(b.UnexpectedPasses) != 1 || len(b.FailedDifferently) != 0 {
		t.Fatalf("outcome = %+v", b)
	}
	if !strings.Contains(b.UnexpectedPasses[0], "--write-baseline moto.json") {
		t.Fatalf("an unexpected pass must say how to update the file: %s", b.UnexpectedPasses[0])
	}
}

func TestAnIntermittentEntryThatPassesIsNoError(t *testing.T) {
	t.Parallel()
	e := entryFor(failing("flaky"), "moto's TOTP window check races the clock")
	e.Intermittent = true
	f := &File{Expected: []Entry{e}}

	rep := report(passing("flaky"))
	Apply(rep, f, "b.json")
	if rep.Baseline.Breaks() || len(rep.Baseline.IntermittentPasses) != 1 || rep.Verdict() != reports.Conforms {
		t.Fatalf("a passing intermittent entry: %+v, verdict %s", rep.Baseline, rep.Verdict())
	}
	rep = report(failing("flaky"))
	Apply(rep, f, "b.json")
	if rep.Baseline.Expected != 1 || rep.Baseline.Breaks() {
		t.Fatalf("a failing intermittent entry: %+v", rep.Baseline)
	}
	other := failing("flaky")
	other.LastAnswer.Status = 500
	rep = report(other)
	Apply(rep, f, "b.json")
	if len(rep.Baseline.FailedDifferently) != 1 {
		t.Fatalf("an intermittent entry still names its failure: %+v", rep.Baseline)
	}
}

func TestAnInconclusiveEntry(t *testing.T) {
	t.Parallel()
	blocked := func() *reports.Scenario {
		return &reports.Scenario{Feature: "f", URI: "u", Name: "needs MFA_SETUP", Status: reports.Inconclusive, Cause: reports.CauseSetup,
			FailedStep: "the user signs in", LastAnswer: &reports.Answer{Operation: "InitiateAuth", Status: 400, ErrorCode: "NotAuthorizedException"},
			Message: "set-up: sign-in failed"}
	}
	e := entryFor(blocked(), "cognito-local has no MFA_SETUP")
	e.Status = string(reports.Inconclusive)
	f := &File{Expected: []Entry{e}}
	rep := report(blocked())
	Apply(rep, f, "b.json")
	if rep.Baseline.Expected != 1 || rep.Verdict() != reports.Conforms {
		t.Fatalf("an expected inconclusive scenario: %+v, verdict %s", rep.Baseline, rep.Verdict())
	}
	// Blocked another way: not explained, so the run is inconclusive, and the report says why.
	sc := blocked()
	sc.LastAnswer.ErrorCode = "InternalErrorException"
	rep = report(sc)
	Apply(rep, f, "b.json")
	if sc.BaselineMismatch == "" || rep.Verdict() != reports.Undecided {
		t.Fatalf("inconclusive another way: %q, verdict %s", sc.BaselineMismatch, rep.Verdict())
	}
	// Judged at last, and failing: the listed outcome changed.
	rep = report(failing("needs MFA_SETUP"))
	Apply(rep, f, "b.json")
	if len(rep.Baseline.FailedDifferently) != 1 || rep.Verdict() != reports.NonConformant {
		t.Fatalf("an inconclusive entry whose scenario fails: %+v", rep.Baseline)
	}
}

func TestAnEntryByBehaviour(t *testing.T) {
	t.Parallel()
	rep := report(failing("a"), failing("b"))
	Apply(rep, &File{Expected: []Entry{{Behaviour: "B3", Reason: "moto ignores B3"}}}, "b.json")
	if rep.Baseline.Expected != 2 || rep.Baseline.Breaks() {
		t.Fatalf("outcome = %+v", rep.Baseline)
	}
}

func TestAnEntryWhoseScenarioWasNotJudgedIsUnused(t *testing.T) {
	t.Parallel()
	na := &reports.Scenario{Feature: "f", Name: "s", Status: reports.NotImplemented}
	rep := report(na)
	Apply(rep, &File{Expected: []Entry{entryFor(failing("s"), "r"), {Scenario: "gone", Reason: "r"}}}, "b.json")
	if len(rep.Baseline.Unused) != 2 || rep.Baseline.Breaks() {
		t.Fatalf("outcome = %+v", rep.Baseline)
	}
}

func TestFromReportWritesFingerprintsAndPlaceholders(t *testing.T) {
	t.Parallel()
	setup := &reports.Scenario{Feature: "a", Name: "blocked", Status: reports.Inconclusive, Cause: reports.CauseSetup}
	transient := &reports.Scenario{Feature: "a", Name: "throttled", Status: reports.Inconclusive, Cause: reports.CauseTransient}
	rep := report(failing("two preferred"), passing("ok"), setup, transient)
	rep.Target.Label = "moto-totp"
	f := FromReport(rep)
	if f.Target != "moto-totp" || len(f.Expected) != 2 {
		t.Fatalf("file = %+v", f)
	}
	if f.Expected[0].Name() != "blocked" || f.Expected[0].Status != "inconclusive" {
		t.Fatalf("entries sorted by feature, set-up inconclusive kept: %+v", f.Expected)
	}
	e := f.Expected[1]
	want := Fingerprint{Step: "the answer is InvalidParameterException with HTTP 400", Operation: "AdminSetUserMFAPreference",
		HTTPStatus: 200, Assertion: "expected HTTP status 400, got 200"}
	if *e.Failure != want || e.Reason != PlaceholderReason {
		t.Fatalf("entry = %+v / %+v", e, *e.Failure)
	}
	if problems := Check(f); len(problems) != 2 || !strings.Contains(problems[0], "reason missing") {
		t.Fatalf("placeholders must be named as missing reasons: %q", problems)
	}
}

func TestMergeKeepsTheHumanText(t *testing.T) {
	t.Parallel()
	old := &File{Target: "moto", Note: "moto 5.2.1", Expected: []Entry{
		withText(entryFor(failing("same"), "moto accepts it"), "https://github.com/getmoto/moto/issues/1", false),
		withText(entryFor(failing("reworded"), "moto answers 200"), "", false),
		withText(entryFor(failing("changed"), "moto answers 200"), "", false),
		withText(entryFor(failing("fixed"), "moto got it wrong"), "", false),
		withText(entryFor(failing("flaky"), "moto races the clock"), "", true),
		{Behaviour: "B9", Reason: "moto has no tiers"},
	}}
	reworded := failing("reworded")
	reworded.Message = "expected HTTP status 400, but the answer was 200"
	changed := failing("changed")
	changed.LastAnswer.ErrorCode, changed.LastAnswer.Status = "InvalidParameterException", 400
	byTier := failing("tier")
	byTier.Behaviours = []string{"B9"}
	rep := report(failing("same"), reworded, changed, passing("fixed"), passing("flaky"), failing("new"), byTier)

	f := Merge(FromReport(rep), old, nil)
	got := map[string]Entry{}
	for _, e := range f.Expected {
		got[e.Name()] = e
	}
	if f.Target != "moto" || f.Note != "moto 5.2.1" {
		t.Fatalf("target and note not kept: %+v", f)
	}
	if e := got["same"]; e.Reason != "moto accepts it" || e.Upstream == "" || e.Review != "" {
		t.Errorf("same failure: %+v", e)
	}
	if e := got["reworded"]; e.Reason != "moto answers 200" || e.Review != "" || e.Failure.Assertion != Normalize("expected HTTP status 400, but the answer was 200") {
		t.Errorf("a reworded message keeps the reason and takes the new wording: %+v", e)
	}
	if e := got["changed"]; e.Reason != "moto answers 200" || !strings.Contains(e.Review, "the failure changed") || e.Failure.HTTPStatus != 400 {
		t.Errorf("a changed failure keeps its reason for review: %+v", e)
	}
	if _, ok := got["fixed"]; ok {
		t.Error("an entry whose scenario passes is dropped")
	}
	if e, ok := got["flaky"]; !ok || !e.Intermittent {
		t.Error("an intermittent entry that passed this time is kept")
	}
	if e := got["new"]; e.Reason != PlaceholderReason {
		t.Errorf("a new failure gets the placeholder: %+v", e)
	}
	if _, ok := got["tier"]; ok {
		t.Error("a failure an entry about its catalogue id explains gets no entry of its own")
	}
	if e, ok := got["B9"]; !ok || e.Reason != "moto has no tiers" {
		t.Error("an entry about a catalogue id is kept as written")
	}
	problems := strings.Join(Check(f), "\n")
	if !strings.Contains(problems, `"new"): reason missing`) || !strings.Contains(problems, `"changed"): to review`) || strings.Contains(problems, `"same"`) {
		t.Fatalf("check:\n%s", problems)
	}
}

// Regenerating from a filtered run keeps the entries of the scenarios it did not judge.
func TestRewriteFromAFilteredRunKeepsWhatItDidNotJudge(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "moto.json")
	old := &File{Target: "moto", Expected: []Entry{entryFor(failing("a"), "ra"), entryFor(failing("b"), "rb"), entryFor(failing("c"), "rc")}}
	if err := Write(path, old); err != nil {
		t.Fatal(err)
	}
	notRun := &reports.Scenario{Feature: "f", Name: "c", Status: reports.NotImplemented}
	if _, err := Rewrite(path, report(failing("a"), passing("b"), notRun), false); err != nil {
		t.Fatal(err)
	}
	f, _ := Load(path)
	var names []string
	for _, e := range f.Expected {
		names = append(names, e.Name()+"="+e.Reason)
	}
	if got := strings.Join(names, ","); got != "a=ra,c=rc" {
		t.Fatalf("entries = %s (want a kept, b dropped as fixed, c kept as not judged)", got)
	}
}

func withText(e Entry, upstream string, intermittent bool) Entry {
	e.Upstream, e.Intermittent = upstream, intermittent
	return e
}

func TestRewriteKeepsTheFileThereAndRoundTrips(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "moto.json")
	rep := report(failing("two preferred"))
	problems, err := Rewrite(path, rep, true)
	if err != nil || len(problems) != 1 {
		t.Fatalf("first write: %v %q", err, problems)
	}
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Expected[0].Reason = "moto accepts two preferred factors"
	if err := Write(path, f); err != nil {
		t.Fatal(err)
	}
	problems, err = Rewrite(path, report(failing("two preferred")), true)
	if err != nil || len(problems) != 0 {
		t.Fatalf("rewrite lost the reason: %v %q", err, problems)
	}
	f, _ = Load(path)
	rep = report(failing("two preferred"))
	Apply(rep, f, path)
	if rep.Baseline.Expected != 1 || rep.Baseline.Breaks() {
		t.Fatalf("a written file does not match the run it came from: %+v", rep.Baseline)
	}
	if err := os.WriteFile(path, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Rewrite(path, rep, true); err == nil || !strings.Contains(err.Error(), "keeping the reasons") {
		t.Fatalf("a broken file must not be overwritten silently: %v", err)
	}
}

// A run judged against one baseline and written to a new file keeps the reasons it was given.
func TestRewriteToANewFileKeepsTheReasonsOfTheRun(t *testing.T) {
	t.Parallel()
	sc := failing("s")
	rep := report(sc)
	e := entryFor(failing("s"), "moto accepts it")
	e.Upstream = "https://github.com/getmoto/moto/issues/2"
	Apply(rep, &File{Expected: []Entry{e}}, "old.json")
	path := filepath.Join(t.TempDir(), "new.json")
	if problems, err := Rewrite(path, rep, true); err != nil || len(problems) != 0 {
		t.Fatalf("%v %q", err, problems)
	}
	f, _ := Load(path)
	if got := f.Expected[0]; got.Reason != "moto accepts it" || got.Upstream != e.Upstream {
		t.Fatalf("entry = %+v", got)
	}
}

func TestCheckRejectsWhatCannotBeCheckedIn(t *testing.T) {
	t.Parallel()
	f := parse(t, `{"target":"t","expectedFailures":[
	  {"scenario":"placeholder","failure":{"step":"x"},"reason":"`+PlaceholderReason+`"},
	  {"scenario":"no failure","reason":"r"},
	  {"scenario":"review","failure":{"step":"x"},"reason":"r","review":"the failure changed"},
	  {"scenario":"upstream","failure":{"step":"x"},"reason":"r","upstream":"getmoto#1"},
	  {"scenario":"fine","failure":{"step":"x"},"reason":"r","upstream":"https://github.com/getmoto/moto/issues/1"},
	  {"behaviour":"B9","reason":"r"}]}`)
	problems := Check(f)
	if len(problems) != 4 {
		t.Fatalf("problems = %q", problems)
	}
	for i, want := range []string{"reason missing", "names no failure", "to review", "not a URL"} {
		if !strings.Contains(problems[i], want) {
			t.Errorf("problem %d = %q, want %q", i, problems[i], want)
		}
	}
}

// Every checked-in baseline is ready: each entry says how the target fails and why.
func TestCheckedInBaselinesHaveReasons(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("..", "baselines", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no baselines found: %v", err)
	}
	for _, path := range files {
		problems, err := CheckFile(path)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		for _, p := range problems {
			t.Errorf("%s: %s (fix it, or run: make baseline-check)", path, p)
		}
	}
}

// A scenario whose set-up used to be blocked (an inconclusive entry) and that now reaches its
// operation and fails for real leaves no stale entry behind; one that does not apply in this
// run (a client missing here) keeps its entry.
func TestRewriteDropsAnEntryTheRunJudgedOtherwise(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "moto.json")
	blocked := entryFor(failing("now-fails"), "set-up blocked")
	blocked.Status = string(reports.Inconclusive)
	gone := entryFor(failing("now-n/a"), "was the documented side")
	if err := Write(path, &File{Target: "moto", Expected: []Entry{blocked, gone}}); err != nil {
		t.Fatal(err)
	}
	na := &reports.Scenario{Feature: "f", URI: "features/f.feature", Name: "now-n/a", Status: reports.NotApplicable}
	if _, err := Rewrite(path, report(failing("now-fails"), na), true); err != nil {
		t.Fatal(err)
	}
	f, _ := Load(path)
	if len(f.Expected) != 2 || f.Expected[0].Name() != "now-fails" || f.Expected[0].Status != "" || f.Expected[0].Reason != PlaceholderReason {
		t.Fatalf("want the new failure with no reason yet, and the not-applicable scenario's entry kept: %+v", f.Expected)
	}
	if f.Expected[1].Name() != "now-n/a" || f.Expected[1].Reason != "was the documented side" {
		t.Fatalf("an entry whose scenario does not apply on this machine is kept for the runs where it does: %+v", f.Expected[1])
	}
}

// An entry whose scenario a run of the whole suite never saw (renamed, made an outline, removed)
// goes; a filtered run keeps it, since it may simply not have selected it.
func TestRewriteOfTheWholeSuiteDropsEntriesOfScenariosThatAreGone(t *testing.T) {
	t.Parallel()
	for _, whole := range []bool{true, false} {
		path := filepath.Join(t.TempDir(), "moto.json")
		if err := Write(path, &File{Target: "moto", Expected: []Entry{entryFor(failing("kept"), "rk"), entryFor(failing("renamed"), "rr")}}); err != nil {
			t.Fatal(err)
		}
		if _, err := Rewrite(path, report(failing("kept")), whole); err != nil {
			t.Fatal(err)
		}
		f, _ := Load(path)
		if want := map[bool]int{true: 1, false: 2}[whole]; len(f.Expected) != want {
			t.Errorf("whole=%v: %d entries, want %d: %+v", whole, len(f.Expected), want, f.Expected)
		}
	}
}
