// Package baseline holds a target's expected failures, so that a target with known gaps can
// still guard against regressions. An entry names a scenario (or a catalogue id), the way it
// fails (a fingerprint: the step that failed, the answer the target gave, the assertion that
// broke) and why that is a real deviation of the target. A run matches its baseline when every
// failure is listed, fails the way its entry says, and every listed failure still happens.
package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/cognito-conformance/cognito-conformance/reports"
)

// PlaceholderReason is the reason a written entry gets until a person says why the target
// deviates. Check rejects it: a checked-in baseline says why each failure is expected.
const PlaceholderReason = "TODO: one line on why this is a real deviation of the target"

// File is a baseline file.
type File struct {
	Target   string  `json:"target"`
	Note     string  `json:"note,omitempty"`
	Expected []Entry `json:"expectedFailures"`
}

// Entry is one expected outcome: a scenario by name, or every scenario tagged with a catalogue
// id, optionally narrowed to a feature. Status "inconclusive" expects that the scenario cannot
// be judged on this target (its set-up needs something the target gets wrong, which another
// scenario owns), so such a scenario does not make every run inconclusive.
type Entry struct {
	Scenario  string `json:"scenario,omitempty"`
	Behaviour string `json:"behaviour,omitempty"`
	Feature   string `json:"feature,omitempty"`
	Status    string `json:"status,omitempty"` // "failed" (default) or "inconclusive"
	// Failure is how the scenario is expected to fail; nil accepts any failure (hand-written
	// entries of old files). Check wants one in checked-in files.
	Failure *Fingerprint `json:"failure,omitempty"`
	// Reason is one line on why this is a real deviation of the target (required).
	Reason string `json:"reason"`
	// Upstream is the target's issue about the deviation, when one is filed.
	Upstream string `json:"upstream,omitempty"`
	// Intermittent: the failure does not happen on every run; a pass is then no error.
	Intermittent bool `json:"intermittent,omitempty"`
	// Review is set by a rewrite that kept the reason of an entry whose failure changed: a
	// person confirms the reason still holds and deletes the field. Check rejects it.
	Review string `json:"review,omitempty"`
	// Pattern is a regular expression the failure message must match (optional, legacy).
	Pattern string `json:"pattern,omitempty"`

	re         *regexp.Regexp
	behaviours []string // of the scenario a written entry came from (Merge)
}

// Name is the scenario the entry names, or its catalogue id.
func (e *Entry) Name() string {
	if e.Scenario != "" {
		return e.Scenario
	}
	return e.Behaviour
}

// Load reads a baseline file and checks its structure. It accepts placeholder reasons and
// review marks, so a freshly written file can be used at once; Check is the stricter test a
// checked-in file must pass.
func Load(path string) (*File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	f, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	return f, nil
}

// Parse decodes and checks the structure of a baseline file's bytes.
func Parse(b []byte) (*File, error) {
	var f File
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, err
	}
	var problems []string
	for i := range f.Expected {
		e := &f.Expected[i]
		if e.Scenario == "" && e.Behaviour == "" {
			problems = append(problems, fmt.Sprintf("entry %d names neither a scenario nor a behaviour", i+1))
		}
		switch e.Status {
		case "", string(reports.Failed), string(reports.Inconclusive):
		default:
			problems = append(problems, fmt.Sprintf("entry %d (%s): status %q is neither failed nor inconclusive", i+1, e.label(), e.Status))
		}
		if strings.TrimSpace(e.Reason) == "" {
			problems = append(problems, fmt.Sprintf("entry %d (%s): reason missing", i+1, e.label()))
		}
		if e.Failure != nil {
			e.Failure.Assertion = Normalize(e.Failure.Assertion)
		}
		if e.Pattern != "" {
			re, err := regexp.Compile(e.Pattern)
			if err != nil {
				problems = append(problems, fmt.Sprintf("entry %d (%s): pattern: %v", i+1, e.label(), err))
			}
			e.re = re
		}
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "; "))
	}
	return &f, nil
}

// Check lists what keeps a baseline from being checked in: entries without a real reason
// (missing, or still the placeholder a rewrite wrote), entries a rewrite marked for review,
// failure entries that do not say how the scenario fails, and upstream links that are not URLs.
func Check(f *File) []string {
	var problems []string
	for i := range f.Expected {
		e := &f.Expected[i]
		at := fmt.Sprintf("entry %d (%s)", i+1, e.label())
		if r := strings.TrimSpace(e.Reason); r == "" || r == PlaceholderReason {
			problems = append(problems, at+": reason missing: say in one line why this is a real deviation of the target")
		} else if strings.Contains(r, "\n") {
			problems = append(problems, at+": the reason must be one line")
		}
		if e.Review != "" {
			problems = append(problems, at+": to review: "+e.Review)
		}
		if e.Failure == nil && e.Pattern == "" && e.Scenario != "" {
			problems = append(problems, at+": names no failure (step, answer or assertion); rewrite the file with --write-baseline to record it")
		}
		if e.Upstream != "" && !strings.HasPrefix(e.Upstream, "https://") && !strings.HasPrefix(e.Upstream, "http://") {
			problems = append(problems, at+": upstream is not a URL: "+e.Upstream)
		}
	}
	return problems
}

// CheckFile loads a file and checks it; a file that cannot be read or parsed is an error.
func CheckFile(path string) ([]string, error) {
	f, err := Load(path)
	if err != nil {
		return nil, err
	}
	return Check(f), nil
}

func (e *Entry) label() string {
	if e.Scenario != "" {
		return fmt.Sprintf("scenario %q", e.Scenario)
	}
	return "behaviour " + e.Behaviour
}

// expects is the status the entry expects.
func (e *Entry) expects() reports.Status {
	if e.Status == "" {
		return reports.Failed
	}
	return reports.Status(e.Status)
}

// covers reports whether the entry is about the scenario (whatever its outcome).
func (e *Entry) covers(sc *reports.Scenario) bool {
	if e.Feature != "" && e.Feature != sc.Feature {
		return false
	}
	if e.Scenario != "" {
		return e.Scenario == sc.Name
	}
	for _, b := range sc.Behaviours {
		if b == e.Behaviour {
			return true
		}
	}
	return false
}

// matches reports whether the scenario ended the way the entry expects: the status, the
// failure's fingerprint, and the legacy pattern.
func (e *Entry) matches(sc *reports.Scenario) bool {
	if sc.Status != e.expects() {
		return false
	}
	if e.Failure != nil && !e.Failure.Matches(Observe(sc)) {
		return false
	}
	return e.re == nil || e.re.MatchString(sc.Message)
}

// expectation says in words what the entry expects.
func (e *Entry) expectation() string {
	s := string(e.expects())
	if e.Failure != nil {
		s += " " + e.Failure.String()
	}
	if e.Pattern != "" {
		s += fmt.Sprintf(" (message matching %q)", e.Pattern)
	}
	return s
}

// explanation is what the report says about a scenario the entry explains.
func (e *Entry) explanation() string {
	s := "expected " + expectedWord(e.expects()) + ": " + e.Reason
	if e.Upstream != "" {
		s += " (upstream: " + e.Upstream + ")"
	}
	return s
}

func expectedWord(st reports.Status) string {
	if st == reports.Failed {
		return "failure"
	}
	return string(st)
}

// Apply marks the report's expected outcomes and records the comparison in rep.Baseline.
// path is only used in messages.
func Apply(rep *reports.Report, f *File, path string) {
	out := &reports.BaselineOutcome{File: path}
	used := make([]bool, len(f.Expected))     // explained a scenario
	passed := make([]bool, len(f.Expected))   // a scenario it covers passed
	differed := make([]bool, len(f.Expected)) // a scenario it covers ended differently
	for _, sc := range rep.Scenarios {
		var covering []int
		explained := false
		for i := range f.Expected {
			e := &f.Expected[i]
			if !e.covers(sc) {
				continue
			}
			covering = append(covering, i)
			if !explained && e.matches(sc) {
				explained = true
				used[i] = true
				sc.Baseline = e.explanation()
				out.Expected++
			}
		}
		if explained {
			continue
		}
		judged := sc.Status == reports.Failed || sc.Status == reports.Inconclusive
		for _, i := range covering {
			e := &f.Expected[i]
			switch {
			case sc.Status == reports.Passed || sc.Status == reports.Warning:
				passed[i] = true
			case judged && (sc.Status == e.expects() || sc.Status == reports.Failed):
				// Listed, and it ends badly, but not the way the entry says.
				differed[i] = true
				if sc.BaselineMismatch == "" {
					sc.BaselineMismatch = fmt.Sprintf("listed as %s; %s %s", e.expectation(), sc.Status, Observe(sc))
				}
			}
		}
		switch {
		case sc.Status == reports.Failed && sc.BaselineMismatch != "":
			out.FailedDifferently = append(out.FailedDifferently, fmt.Sprintf("%s: %s: %s", sc.URI, sc.Name, sc.BaselineMismatch))
		case sc.Status == reports.Failed:
			out.Regressions = append(out.Regressions, fmt.Sprintf("%s: %s", sc.URI, sc.Name))
		}
	}
	for i := range f.Expected {
		e := &f.Expected[i]
		switch {
		case used[i] || differed[i]:
		case passed[i] && e.Intermittent:
			out.IntermittentPasses = append(out.IntermittentPasses, e.label()+" passed this time (listed as intermittent: "+e.Reason+")")
		case passed[i]:
			out.UnexpectedPasses = append(out.UnexpectedPasses, fmt.Sprintf(
				"%s is no longer %s as listed (reason given: %s); remove it from %s, or rewrite the file with --write-baseline %s",
				e.label(), e.expects(), e.Reason, path, path))
		default:
			out.Unused = append(out.Unused, e.label()+": no scenario it names was judged in this run")
		}
	}
	rep.Baseline = out
}

// FromReport builds a baseline listing every failure of the report and every scenario whose own
// set-up the target could not reach, one entry per scenario with its failure's fingerprint and
// the placeholder reason. Merge carries the reasons of an earlier file over.
func FromReport(rep *reports.Report) *File {
	name := rep.Target.Name
	if rep.Target.Label != "" {
		name = rep.Target.Label
	}
	f := &File{Target: name, Expected: []Entry{}}
	for _, sc := range rep.Scenarios {
		// Only a set-up the target cannot reach is expected to stay inconclusive; a transient
		// or interrupted scenario says nothing about the next run.
		if sc.Status != reports.Failed && !(sc.Status == reports.Inconclusive && sc.Cause == reports.CauseSetup) {
			continue
		}
		fp := Observe(sc)
		e := Entry{Scenario: sc.Name, Feature: sc.Feature, Failure: &fp, Reason: PlaceholderReason, behaviours: sc.Behaviours}
		if sc.Status == reports.Inconclusive {
			e.Status = string(reports.Inconclusive)
		}
		f.Expected = append(f.Expected, e)
	}
	sort.SliceStable(f.Expected, func(i, j int) bool { return f.Expected[i].Feature < f.Expected[j].Feature })
	return f
}

// Merge carries the human text (reason, upstream, intermittent, note) of an earlier baseline
// over to a freshly written one. An entry keeps its text when the same scenario fails with the
// same step and answer (the assertion's wording may change); when it fails another way the
// text is kept and the entry marked for review. Entries about a catalogue id are kept as they
// are, as are intermittent entries. An old entry whose scenario this run judged (judged reports
// it: passed, failed or inconclusive another way) is replaced by what the run saw; one whose
// scenario was not judged (filtered out, not implemented, not applicable) says nothing new and
// is kept. A nil judged treats every scenario as judged.
func Merge(fresh, old *File, judged func(feature, scenario string) bool) *File {
	if old == nil {
		return fresh
	}
	out := &File{Target: fresh.Target, Note: old.Note, Expected: []Entry{}}
	if old.Target != "" {
		out.Target = old.Target
	}
	kept := make([]bool, len(old.Expected))
	for _, n := range fresh.Expected {
		if byBehaviour(old, n) {
			continue // a hand-written entry about a catalogue id explains it
		}
		for i := range old.Expected {
			o := &old.Expected[i]
			if kept[i] || o.Scenario != n.Scenario || (o.Feature != "" && o.Feature != n.Feature) || o.expects() != n.expects() {
				continue
			}
			kept[i] = true
			if o.Reason != PlaceholderReason {
				n.Reason, n.Upstream, n.Intermittent, n.Review = o.Reason, o.Upstream, o.Intermittent, o.Review
				if o.Failure != nil && !o.Failure.sameDeviation(n.Failure) {
					n.Review = fmt.Sprintf("the failure changed: was %s; check that the reason still holds, then delete this field", o.Failure)
				}
			}
			break
		}
		out.Expected = append(out.Expected, n)
	}
	for i, o := range old.Expected {
		if kept[i] {
			continue
		}
		if o.Scenario == "" || o.Intermittent || (judged != nil && !judged(o.Feature, o.Scenario)) {
			out.Expected = append(out.Expected, o)
		}
	}
	sort.SliceStable(out.Expected, func(i, j int) bool { return out.Expected[i].Feature < out.Expected[j].Feature })
	return out
}

// byBehaviour reports whether an entry of f about a catalogue id (not a scenario) covers the
// scenario the written entry n came from.
func byBehaviour(f *File, n Entry) bool {
	for _, o := range f.Expected {
		if o.Scenario != "" || (o.Feature != "" && o.Feature != n.Feature) {
			continue
		}
		for _, b := range n.behaviours {
			if b == o.Behaviour {
				return true
			}
		}
	}
	return false
}

// Rewrite writes the report's baseline to path, keeping the human text of the file already
// there, and returns the entries that still need a person (the problems Check finds). whole
// says the run judged the whole suite (no tag filter, no --from): then an entry whose scenario
// the run never saw names one that no longer exists, and is dropped; a partial run keeps it.
func Rewrite(path string, rep *reports.Report, whole bool) ([]string, error) {
	fresh := FromReport(rep)
	old, err := Load(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		old = reasonsGivenInRun(rep)
	case err != nil:
		return nil, fmt.Errorf("keeping the reasons of %s: %w (fix or delete the file)", path, err)
	}
	f := Merge(fresh, old, func(feature, scenario string) bool {
		seen := false
		for _, sc := range rep.Scenarios {
			if sc.Name == scenario && (feature == "" || feature == sc.Feature) {
				// Not implemented or not applicable here (a client program missing on this
				// machine, the other side of a conflict) judges nothing: the entry stays for
				// the runs that do judge it.
				if sc.Status != reports.NotImplemented && sc.Status != reports.NotApplicable {
					return true
				}
				seen = true
			}
		}
		// A run of the whole suite that never saw the scenario: it no longer exists (renamed,
		// made an outline, removed), and its entry goes.
		return whole && !seen
	})
	if err := Write(path, f); err != nil {
		return nil, err
	}
	return Check(f), nil
}

// reasonsGivenInRun recovers the reasons of the baseline the run was judged against (a
// --baseline other than the file being written), from what Apply wrote into the scenarios.
func reasonsGivenInRun(rep *reports.Report) *File {
	f := &File{}
	for _, sc := range rep.Scenarios {
		if sc.Baseline == "" {
			continue
		}
		_, reason, _ := strings.Cut(sc.Baseline, ": ")
		reason, upstream, _ := strings.Cut(reason, " (upstream: ")
		fp := Observe(sc)
		e := Entry{Scenario: sc.Name, Feature: sc.Feature, Failure: &fp, Reason: reason, Upstream: strings.TrimSuffix(upstream, ")")}
		if sc.Status == reports.Inconclusive {
			e.Status = string(reports.Inconclusive)
		}
		f.Expected = append(f.Expected, e)
	}
	return f
}

// Write writes a baseline file.
func Write(path string, f *File) error {
	if f.Expected == nil {
		f.Expected = []Entry{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // "->" and quotes in steps stay readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	return reports.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
}
