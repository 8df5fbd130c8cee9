// Package reports holds the conformance report: one model, written as report.json and
// rendered for people (console summary, Markdown).
package reports

import (
	"sort"
	"time"
)

// SchemaVersion versions report.json. Bump it when a field changes meaning or disappears.
const SchemaVersion = "1"

// Status of a scenario.
type Status string

const (
	Passed         Status = "passed"
	Failed         Status = "failed"
	Skipped        Status = "skipped"        // not run (e.g. an earlier step could not set it up)
	NotApplicable  Status = "not-applicable" // the target lacks a capability outside the contract, or took the other side of a conflict
	NotImplemented Status = "not-implemented"
)

// Statuses in display order.
var Statuses = []Status{Passed, Failed, NotImplemented, NotApplicable, Skipped}

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
	Scenarios  []*Scenario      `json:"scenarios"`
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
	Name     string            `json:"name"`
	Endpoint string            `json:"endpoint"`
	Region   string            `json:"region"`
	Profile  string            `json:"profile,omitempty"`
	RealAWS  bool              `json:"realAws"`
	Follows  string            `json:"follows"` // which side of conflicts the run required: documented, aws-verified or either
	Off      map[string]string `json:"capabilitiesOff,omitempty"`
}

// Scenario is one scenario's result.
type Scenario struct {
	Feature string   `json:"feature"`
	URI     string   `json:"uri"`
	Name    string   `json:"name"`
	Tags    []string `json:"tags"`
	Meta             // behaviours, evidence, operations, conflict, needs
	Status  Status   `json:"status"`
	Message string   `json:"message,omitempty"` // why it failed, or why it does not apply
	// MissingOperation is the operation the target does not implement (status not-implemented).
	MissingOperation string `json:"missingOperation,omitempty"`
	// CleanupError says what the scenario created and could not delete.
	CleanupError string `json:"cleanupError,omitempty"`
	// Baseline says why a failure was expected, when a baseline lists it.
	Baseline     string   `json:"baseline,omitempty"`
	Exchanges    int      `json:"exchanges"`
	FixtureCalls int      `json:"fixtureCalls"`
	DurationMs   int64    `json:"durationMs"`
	Records      []Record `json:"records,omitempty"`
}

// Record is one recorded exchange, redacted.
type Record struct {
	Role      string        `json:"role"`
	Operation string        `json:"operation"`
	Signed    bool          `json:"signed"`
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
	Follows    string            `json:"follows"` // documented, aws-verified, neither, both, or not-run
}

// BaselineOutcome compares a run with a baseline of expected failures.
type BaselineOutcome struct {
	File             string   `json:"file"`
	Expected         int      `json:"expectedFailures"`
	Regressions      []string `json:"regressions,omitempty"`      // failures the baseline does not list
	UnexpectedPasses []string `json:"unexpectedPasses,omitempty"` // listed failures that no longer happen
	Unused           []string `json:"unused,omitempty"`           // entries about scenarios that did not run (filtered, not applicable, not implemented)
}

// Conforms reports whether the run found no non-conformance: no failure at all, or, against a
// baseline, no failure it does not list and no listed failure that stopped happening.
func (r *Report) Conforms() bool {
	if r.Baseline != nil {
		return len(r.Baseline.Regressions) == 0 && len(r.Baseline.UnexpectedPasses) == 0
	}
	return r.Summary.ByStatus[Failed] == 0
}

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
