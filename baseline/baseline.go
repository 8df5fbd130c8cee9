// Package baseline holds a target's expected failures, so that a target with known gaps can
// still guard against regressions: a run matches its baseline when every failure is listed
// and every listed failure still happens.
package baseline

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/cognito-conformance/cognito-conformance/reports"
)

// File is a baseline file.
type File struct {
	Target   string  `json:"target"`
	Note     string  `json:"note,omitempty"`
	Expected []Entry `json:"expectedFailures"`
}

// Entry is one expected failure: a scenario by name, or every scenario tagged with a catalogue
// id, optionally narrowed to a feature, with the reason it fails and optionally a regular
// expression its failure message must match. Status "inconclusive" expects instead that the
// scenario cannot be judged on this target (its set-up needs something the target gets wrong,
// which another scenario owns), so such a scenario does not make every run inconclusive.
type Entry struct {
	Scenario  string `json:"scenario,omitempty"`
	Behaviour string `json:"behaviour,omitempty"`
	Feature   string `json:"feature,omitempty"`
	Status    string `json:"status,omitempty"` // "failed" (default) or "inconclusive"
	Reason    string `json:"reason"`
	Pattern   string `json:"pattern,omitempty"`

	re *regexp.Regexp
}

// Load reads and checks a baseline file.
func Load(path string) (*File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	var f File
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
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
			problems = append(problems, fmt.Sprintf("entry %d (%s) has no reason", i+1, e.label()))
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
		return nil, fmt.Errorf("baseline %s: %s", path, strings.Join(problems, "; "))
	}
	return &f, nil
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

// Apply marks the report's expected failures and records the outcome in rep.Baseline.
// path is only used in messages.
func Apply(rep *reports.Report, f *File, path string) {
	out := &reports.BaselineOutcome{File: path}
	used := make([]bool, len(f.Expected))
	ran := make([]bool, len(f.Expected))
	for _, sc := range rep.Scenarios {
		for i := range f.Expected {
			e := &f.Expected[i]
			if !e.covers(sc) {
				continue
			}
			want := e.expects()
			if sc.Status == reports.Passed || sc.Status == reports.Failed || sc.Status == want {
				ran[i] = true
			}
			if sc.Status == want && sc.Baseline == "" {
				if e.re != nil && !e.re.MatchString(sc.Message) {
					continue // fails, but not the way the baseline says: a regression
				}
				used[i] = true
				sc.Baseline = "expected " + expectedWord(want) + ": " + e.Reason
				out.Expected++
			}
		}
		if sc.Status == reports.Failed && sc.Baseline == "" {
			out.Regressions = append(out.Regressions, fmt.Sprintf("%s: %s", sc.URI, sc.Name))
		}
	}
	for i := range f.Expected {
		e := &f.Expected[i]
		if !ran[i] && !used[i] {
			out.Unused = append(out.Unused, e.label()+": no scenario it names passed or failed in this run")
		}
		if ran[i] && !used[i] {
			out.UnexpectedPasses = append(out.UnexpectedPasses, fmt.Sprintf(
				"%s is no longer %s as listed (reason given: %s); remove it from %s, or rewrite the file with --write-baseline %s",
				e.label(), e.expects(), e.Reason, path, path))
		}
	}
	rep.Baseline = out
}

func expectedWord(st reports.Status) string {
	if st == reports.Failed {
		return "failure"
	}
	return string(st)
}

// FromReport builds a baseline listing every failure of the report, one entry per scenario,
// with the failure's first line as its reason (edit the reasons before committing).
func FromReport(rep *reports.Report) *File {
	f := &File{Target: rep.Target.Name, Note: "written by cognito-conformance --write-baseline; replace each reason with why the target fails"}
	for _, sc := range rep.Scenarios {
		// Only a set-up the target cannot reach is expected to stay inconclusive; a transient
		// or interrupted scenario says nothing about the next run.
		if sc.Status != reports.Failed && !(sc.Status == reports.Inconclusive && sc.Cause == reports.CauseSetup) {
			continue
		}
		reason := reports.FirstLine(sc.Message)
		if _, given, ok := strings.Cut(sc.Baseline, ": "); ok && strings.HasPrefix(sc.Baseline, "expected ") {
			reason = given
		}
		e := Entry{Scenario: sc.Name, Feature: sc.Feature, Reason: reason}
		if sc.Status == reports.Inconclusive {
			e.Status = string(reports.Inconclusive)
		}
		f.Expected = append(f.Expected, e)
	}
	sort.SliceStable(f.Expected, func(i, j int) bool { return f.Expected[i].Feature < f.Expected[j].Feature })
	return f
}

// Write writes a baseline file.
func Write(path string, f *File) error {
	if f.Expected == nil {
		f.Expected = []Entry{}
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	return reports.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}
