// Package reports holds the conformance report: one model, written as report.json and
// rendered for people (console summary, Markdown).
package reports

import (
	"sort"
	"time"
)

// SchemaVersion versions report.json. Bump it when a field changes meaning or disappears.
//
// Schema 2: the six outcomes (warning and inconclusive added, skipped gone), the scenario's
// warnings, cause and attempts, the run's options, interruption and cleanup outcome.
const SchemaVersion = "2"

// Status of a scenario: exactly one of six outcomes, decided by package outcome.
type Status string

const (
	// Passed: every assertion held.
	Passed Status = "passed"
	// Failed: the target breaks the contract (what any AWS SDK client observes).
	Failed Status = "failed"
	// Warning: the contract held; only wire-fidelity differences (bytes beyond what clients
	// read) were seen. --strict turns them into failures.
	Warning Status = "warning"
	// Inconclusive: the scenario could not be judged: its set-up failed, the operation under
	// test kept getting transient answers, or the run was interrupted.
	Inconclusive Status = "inconclusive"
	// NotImplemented: the target says it does not implement an operation the scenario needs.
	NotImplemented Status = "not-implemented"
	// NotApplicable: the target lacks a capability outside the contract, or took the other
	// side of a documented-vs-observed conflict.
	NotApplicable Status = "not-applicable"
)

// Statuses in display order.
var Statuses = []Status{Passed, Warning, Failed, Inconclusive, NotImplemented, NotApplicable}

// Causes of an inconclusive scenario.
const (
	CauseSetup       = "set-up"      // a step that prepares the scenario failed
	CauseTransient   = "transient"   // the answers stayed transient (throttling, 5xx, resets) after retries
	CauseInterrupted = "interrupted" // the run was interrupted before the scenario could be judged
	CauseScenario    = "scenario"    // the scenario itself is incomplete (a step it needs is missing)
	CauseConflict    = "conflict"    // the other side of its conflict could not be judged
)

// Where an operation the target lacks was needed (status not-implemented).
const (
	MissingInSetup   = "set-up"
	MissingInSubject = "operation under test"
)

// Report is the whole result of one run against one target.
type Report struct {
	Schema     string           `json:"schema"`
	Tool       Tool             `json:"tool"`
	Target     TargetInfo       `json:"target"`
	StartedAt  time.Time        `json:"startedAt"`
	FinishedAt time.Time        `json:"finishedAt"`
	DurationMs int64            `json:"durationMs"`
	Summary    Summary          `json:"summary"`
	Conflicts  []Conflict       `json:"conflicts"`
	Baseline   *BaselineOutcome `json:"baseline,omitempty"`
	// Options are the run's judging options.
	Options RunOptions `json:"options"`
	// Interrupted: the run was stopped (SIGINT/SIGTERM) before every scenario ran; the
	// scenarios it could not judge are inconclusive with cause "interrupted".
	Interrupted bool `json:"interrupted,omitempty"`
	// Cleanup says what the run deleted and what it left behind.
	Cleanup   *CleanupOutcome `json:"cleanup,omitempty"`
	Scenarios []*Scenario     `json:"scenarios"`
}

// RunOptions are the options that change how a run judges.
type RunOptions struct {
	// Strict: wire-fidelity differences fail their scenario instead of warning.
	Strict bool `json:"strict"`
	// RerunInconclusive is how many times an inconclusive scenario is run again.
	RerunInconclusive int `json:"rerunInconclusive"`
}

// CleanupOutcome lists the user pools the run deleted and those it could not delete, with
// the command that finishes the job.
type CleanupOutcome struct {
	Deleted      []string       `json:"deleted"`
	Left         []LeftResource `json:"left,omitempty"`
	SweepCommand string         `json:"sweepCommand,omitempty"`
}

// LeftResource is something the run created and could not delete.
type LeftResource struct {
	Kind  string `json:"kind"` // "user pool"
	Name  string `json:"name"`
	ID    string `json:"id"`
	Error string `json:"error"`
}

// Client is a client program the run drove (the AWS CLI, boto3), with its version or the
// reason it was missing.
type Client struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
	Missing string `json:"missing,omitempty"`
}

// Tool names the harness and the versions of what it ran with (Go, godog, the AWS SDK, and
// any client programs the run used).
type Tool struct {
	Name     string            `json:"name"`
	Version  string            `json:"version"`
	Versions map[string]string `json:"versions,omitempty"`
	Clients  []Client          `json:"clients,omitempty"`
}

// TargetInfo describes the target. The endpoint never carries credentials.
type TargetInfo struct {
	Name string `json:"name"`
	// Label tells apart runs of one kind of target started differently (moto and moto with
	// its TOTP checking on: label "moto-totp"); empty when the name says it all.
	Label    string            `json:"label,omitempty"`
	Endpoint string            `json:"endpoint"`
	Region   string            `json:"region"`
	Profile  string            `json:"profile,omitempty"`
	RealAWS  bool              `json:"realAws"`
	Follows  string            `json:"follows"` // which side of conflicts the run required: documented, aws-verified or either
	Off      map[string]string `json:"capabilitiesOff,omitempty"`
	// Recorded names the recording a replay target served ("AWS as recorded on 2026-11-30").
	Recorded string `json:"recorded,omitempty"`
}

// Title names the target for people: its name, and its label when that says more.
func (t TargetInfo) Title() string {
	if t.Label == "" || t.Label == t.Name {
		return t.Name
	}
	return t.Label + " (" + t.Name + ")"
}

// Scenario is one scenario's result.
type Scenario struct {
	// Key identifies the pickle within the run's features (for reruns); not part of the report.
	Key     string   `json:"-"`
	Feature string   `json:"feature"`
	URI     string   `json:"uri"`
	Name    string   `json:"name"`
	Tags    []string `json:"tags"`
	Meta             // behaviours, evidence, operations, conflict, needs
	// Basis is what the expectation rests on: catalogue entries, evidence, a recording.
	Basis   *Basis `json:"basis,omitempty"`
	Status  Status `json:"status"`
	Message string `json:"message,omitempty"` // expected vs observed, why it could not be judged, or why it does not apply
	// Cause says why an inconclusive scenario could not be judged (Cause* constants).
	Cause string `json:"cause,omitempty"`
	// Warnings are the wire-fidelity differences seen (status warning, or failed under --strict).
	Warnings []string `json:"warnings,omitempty"`
	// Attempts is how many times the scenario ran (more than 1 when an inconclusive one was rerun).
	Attempts int `json:"attempts,omitempty"`
	// MissingOperation is the operation the target does not implement (status not-implemented).
	MissingOperation string `json:"missingOperation,omitempty"`
	// MissingIn says whether that operation was the one under test or a set-up step.
	MissingIn string `json:"missingIn,omitempty"`
	// SetupNotes name the route each set-up step took to reach its state (a target that lacks
	// AdminSetUserMFAPreference is set up with SetUserMFAPreference, say).
	SetupNotes []string `json:"setupNotes,omitempty"`
	// Repro is a failure's reproduction for an upstream bug report, as Markdown (repro.go).
	Repro string `json:"repro,omitempty"`
	// CleanupError says what the scenario created and could not delete.
	CleanupError string `json:"cleanupError,omitempty"`
	// FailedStep is the text of the step that ended a failed or inconclusive scenario.
	FailedStep string `json:"failedStep,omitempty"`
	// LastAnswer is the last answer the scenario got before it ended (failed or inconclusive).
	LastAnswer *Answer `json:"lastAnswer,omitempty"`
	// Baseline says why the outcome was expected, when a baseline lists it.
	Baseline string `json:"baseline,omitempty"`
	// BaselineMismatch says how the scenario ended otherwise than its baseline entry says
	// (failed differently): listed as one failure, it shows another.
	BaselineMismatch string   `json:"baselineMismatch,omitempty"`
	Exchanges        int      `json:"exchanges"`
	FixtureCalls     int      `json:"fixtureCalls"`
	DurationMs       int64    `json:"durationMs"`
	Records          []Record `json:"records,omitempty"`
}

// Answer is what one call got: its operation, HTTP status (0: no answer) and error code as
// awsJson1_1 clients normalise it.
type Answer struct {
	Operation string `json:"operation"`
	Status    int    `json:"status"`
	ErrorCode string `json:"errorCode,omitempty"`
}

// Record is one recorded exchange, redacted.
type Record struct {
	Role      string        `json:"role"`
	Operation string        `json:"operation"`
	Signed    bool          `json:"signed"`
	Attempt   int           `json:"attempt,omitempty"` // retry attempt of the same call (1 = first)
	Status    int           `json:"status"`
	ErrorCode string        `json:"errorCode,omitempty"`
	Request   RecordMessage `json:"request"`
	Response  RecordMessage `json:"response"`
	Transport string        `json:"transportError,omitempty"`
}

// RecordMessage is one side of a recorded exchange.
type RecordMessage struct {
	Headers map[string][]string `json:"headers"`
	Body    string              `json:"body"`
}

// Summary counts results.
type Summary struct {
	Total       int                       `json:"total"`
	ByStatus    map[Status]int            `json:"byStatus"`
	ByEvidence  map[string]map[Status]int `json:"byEvidence"`
	ByOperation map[string]map[Status]int `json:"byOperation"`
	// NotImplemented lists operations the target answered as not implemented.
	NotImplemented []string `json:"notImplementedOperations,omitempty"`
}

// Conflict says which side of a documented-vs-observed conflict the target follows.
type Conflict struct {
	Topic      string            `json:"topic"`
	Behaviours []string          `json:"behaviours"`
	Sides      map[string]Status `json:"sides"`   // evidence level -> combined status of that side's scenarios
	Follows    string            `json:"follows"` // documented, aws-verified, neither, both, undecided (a side may pass once judged), or not-run
}

// BaselineOutcome compares a run with a baseline of expected failures.
type BaselineOutcome struct {
	File               string   `json:"file"`
	Expected           int      `json:"expectedFailures"`
	Regressions        []string `json:"regressions,omitempty"`        // failures the baseline does not list
	FailedDifferently  []string `json:"failedDifferently,omitempty"`  // listed failures that fail another way than listed
	UnexpectedPasses   []string `json:"unexpectedPasses,omitempty"`   // listed failures that no longer happen
	IntermittentPasses []string `json:"intermittentPasses,omitempty"` // intermittent entries whose scenario passed this time (no error)
	Unused             []string `json:"unused,omitempty"`             // entries about scenarios that were not judged (filtered, not applicable, not implemented)
}

// Breaks reports whether the run breaks its baseline: a failure it does not list, a listed
// failure that fails another way, or a listed failure that no longer happens.
func (b *BaselineOutcome) Breaks() bool {
	return len(b.Regressions) > 0 || len(b.FailedDifferently) > 0 || len(b.UnexpectedPasses) > 0
}

// Verdict of a whole run.
type Verdict string

const (
	Conforms      Verdict = "conforms"       // no failure (warnings allowed unless strict)
	NonConformant Verdict = "non-conformant" // a failure (or, against a baseline, a regression or unexpected pass)
	Undecided     Verdict = "inconclusive"   // no failure, but some scenarios could not be judged
)

// Verdict decides the run: non-conformance first (a failure, or against a baseline a failure
// it does not list or a listed failure that stopped happening), then inconclusive scenarios.
func (r *Report) Verdict() Verdict {
	if r.Baseline != nil {
		if r.Baseline.Breaks() {
			return NonConformant
		}
	} else if r.Summary.ByStatus[Failed] > 0 {
		return NonConformant
	}
	for _, sc := range r.Scenarios {
		// A baseline may expect a scenario to be inconclusive on this target.
		if sc.Status == Inconclusive && sc.Baseline == "" {
			return Undecided
		}
	}
	return Conforms
}

// Conforms reports whether the run found no non-conformance and judged every scenario.
func (r *Report) Conforms() bool { return r.Verdict() == Conforms }

// Summarize recomputes the summary from the scenarios.
func (r *Report) Summarize() {
	s := Summary{ByStatus: map[Status]int{}, ByEvidence: map[string]map[Status]int{}, ByOperation: map[string]map[Status]int{}}
	notImpl := map[string]bool{}
	for _, sc := range r.Scenarios {
		s.Total++
		s.ByStatus[sc.Status]++
		ev := sc.Evidence
		if ev == "" {
			ev = "untagged"
		}
		bump(s.ByEvidence, ev, sc.Status)
		for _, op := range sc.Operations {
			bump(s.ByOperation, op, sc.Status)
		}
		if sc.MissingOperation != "" {
			notImpl[sc.MissingOperation] = true
		}
	}
	for op := range notImpl {
		s.NotImplemented = append(s.NotImplemented, op)
	}
	sort.Strings(s.NotImplemented)
	r.Summary = s
}

func bump(m map[string]map[Status]int, key string, st Status) {
	if m[key] == nil {
		m[key] = map[Status]int{}
	}
	m[key][st]++
}
