// Package outcome is the one place that turns what happened in a scenario into its verdict:
// passed, warning, failed, inconclusive, not-implemented or not-applicable.
//
// A red verdict must mean one thing: the target breaks the contract. So the classifier looks
// at the recorded exchanges, not at how a step phrased its error: a scenario whose set-up
// failed, whose calls kept getting transient answers (throttling, 5xx, resets) or that an
// interrupt cut short could not be judged, and says so; an answer that says "not implemented"
// is a gap, not a wrong answer. Only what is left — an assertion about the target's answer that
// did not hold — is a failure. Steps only report facts: which step failed, the error it
// returned, the wire-fidelity differences it saw (the shape of terraform's acctest.ErrorCheck:
// one function sees every error and decides).
package outcome

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cognito-conformance/cognito-conformance/reports"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

// Severity of an assertion.
type Severity int

const (
	// Contract: what a client using any AWS SDK observes — status, the normalised error code,
	// modelled members and their values, state, challenges. A difference fails the scenario.
	Contract Severity = iota
	// Fidelity: bytes beyond that — header spelling, __type spelling, the message key's case,
	// the exact Content-Type or body bytes, request ids. A difference is a warning unless the
	// run is strict.
	Fidelity
)

func (s Severity) String() string {
	if s == Fidelity {
		return "fidelity"
	}
	return "contract"
}

// StepKind is the kind of the step that failed, from its Gherkin keyword.
type StepKind int

const (
	StepNone    StepKind = iota // no step failed
	StepSetup                   // Given: prepares the scenario
	StepAction                  // When: the behaviour under test
	StepOutcome                 // Then: an assertion
)

// ErrSetup marks an error of the scenario's own set-up wherever it happens (a When step that
// first has to sign the user in, say).
var ErrSetup = errors.New("set-up failed")

// ErrIncomplete marks a scenario that cannot run as written (no user pool, no request sent
// before an assertion): the feature file's fault, not the target's.
var ErrIncomplete = errors.New("the scenario is incomplete")

// Setup marks err as a set-up failure.
func Setup(err error) error {
	if err == nil || errors.Is(err, ErrSetup) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrSetup, err)
}

// Input is everything the classifier needs about one finished scenario.
type Input struct {
	// NotApplicable is why the scenario does not apply to the target, decided before it ran.
	NotApplicable string
	// Err is the error of the step that ended the scenario; nil when every step passed.
	Err error
	// FailedStep is the kind of that step.
	FailedStep StepKind
	// Exchanges are the scenario's recorded exchanges in order, without its clean-up calls.
	Exchanges []*wire.Exchange
	// Warnings are the wire-fidelity differences the scenario saw.
	Warnings []string
	// Missing says whether an answer means "operation not implemented" for this target.
	Missing func(*wire.Exchange) bool
	// Crash says whether an answer is a crash of the target's handler (moto's HTML 500 page for
	// an operation it implements). A crash is a 5xx, so a fault to retry; but one that every
	// attempt of a call repeated (same status, same body) is how the target answers that
	// request, and is judged like any other answer. nil: no answer is a crash.
	Crash func(*wire.Exchange) bool
	// Interrupted: the run was stopped before or while the scenario ran.
	Interrupted bool
	// Strict turns fidelity differences into failures.
	Strict bool
}

// Verdict is the classifier's decision.
type Verdict struct {
	Status           reports.Status
	Message          string
	Cause            string // inconclusive: reports.Cause*
	MissingOperation string // not-implemented
	MissingIn        string // not-implemented: reports.MissingIn*
}

// Decide classifies one scenario. The order of the rules matters: a scenario is judged only
// when nothing outside the target's conformance got in the way.
func Decide(in Input) Verdict {
	if in.NotApplicable != "" {
		return Verdict{Status: reports.NotApplicable, Message: in.NotApplicable}
	}
	if in.Interrupted && in.Err != nil {
		return inconclusive(reports.CauseInterrupted, "the run was interrupted before the scenario could be judged")
	}
	if ex := gaveUpSubject(in.Exchanges); ex != nil && !reproducedCrash(ex, in) {
		// Whatever the assertions made of it, the answer under test was a fault, not the target's word.
		return inconclusive(reports.CauseTransient, transientMessage(ex, in.Exchanges))
	}
	if op, ok := wire.NotImplementedOperation(in.Err); ok {
		// An SDK error says so itself: a shared pool's creation failed in another scenario.
		return Verdict{Status: reports.NotImplemented, MissingOperation: op, MissingIn: reports.MissingInSetup,
			Message: fmt.Sprintf("the target does not implement %s (needed by the %s)", op, reports.MissingInSetup)}
	}
	if in.Err != nil {
		if ex := unfinishedClient(in.Exchanges); ex != nil {
			return inconclusive(reports.CauseSetup, fmt.Sprintf("%s did not finish: %s", ex.Operation, ex.TransportError))
		}
		if ex := lastCall(in.Exchanges); ex != nil {
			if in.Missing != nil && in.Missing(ex) {
				where := reports.MissingInSubject
				// A set-up step (Given) makes set-up calls whatever client it uses.
				if ex.Role == wire.RoleFixture || in.FailedStep == StepSetup {
					where = reports.MissingInSetup
				}
				msg := fmt.Sprintf("the target does not implement %s (needed by the %s)", ex.Operation, where)
				var routes interface{ MissingOperations() []string }
				if errors.As(in.Err, &routes) && len(routes.MissingOperations()) > 1 {
					msg = fmt.Sprintf("the target implements none of the routes to the %s's state: %s", where, strings.Join(routes.MissingOperations(), ", "))
				}
				return Verdict{Status: reports.NotImplemented, MissingOperation: ex.Operation, MissingIn: where, Message: msg}
			}
			crashed := reproducedCrash(ex, in)
			if wire.Transient(ex) && !crashed {
				return inconclusive(reports.CauseTransient, transientMessage(ex, in.Exchanges))
			}
			if prev := mayHaveArrived(ex, in.Exchanges); prev != nil && !crashed {
				// A retry of a call the target may already have carried out (a one-time session
				// or code used up by the lost attempt) is not judged on its answer.
				return inconclusive(reports.CauseTransient, fmt.Sprintf(
					"%s was sent again after an attempt whose answer was lost (%s); the target may have carried out both",
					ex.Operation, describe(prev)))
			}
		}
		switch {
		case errors.Is(in.Err, ErrIncomplete):
			return inconclusive(reports.CauseScenario, in.Err.Error())
		case in.FailedStep == StepSetup || errors.Is(in.Err, ErrSetup):
			return inconclusive(reports.CauseSetup, "set-up failed: "+strings.TrimPrefix(in.Err.Error(), ErrSetup.Error()+": "))
		}
		if ex := lastCall(in.Exchanges); ex != nil && reproducedCrash(ex, in) {
			return Verdict{Status: reports.Failed, Message: fmt.Sprintf(
				"%s crashed (HTTP %d, an HTML error page) on each of its %d attempts: %s", ex.Operation, ex.Status, ex.Attempt, in.Err.Error())}
		}
		return Verdict{Status: reports.Failed, Message: in.Err.Error()}
	}
	if len(in.Warnings) > 0 {
		if in.Strict {
			return Verdict{Status: reports.Failed, Message: "wire fidelity (--strict): " + strings.Join(in.Warnings, "\n")}
		}
		return Verdict{Status: reports.Warning, Message: firstLine(in.Warnings[0])}
	}
	return Verdict{Status: reports.Passed}
}

func inconclusive(cause, msg string) Verdict {
	return Verdict{Status: reports.Inconclusive, Cause: cause, Message: msg}
}

// lastCall is the last HTTP exchange: the answer the failing step saw (a client program's run
// is recorded after the calls it made, and is not itself an answer of the target).
func lastCall(exs []*wire.Exchange) *wire.Exchange {
	for i := len(exs) - 1; i >= 0; i-- {
		if exs[i].Role != wire.RoleClient {
			return exs[i]
		}
	}
	return nil
}

// unfinishedClient is the last record of a client program (the AWS CLI, boto3) that could not
// run to its end: killed after its time-out, or not started at all.
func unfinishedClient(exs []*wire.Exchange) *wire.Exchange {
	if len(exs) == 0 {
		return nil
	}
	if last := exs[len(exs)-1]; last.Role == wire.RoleClient && last.TransportError != "" {
		return last
	}
	return nil
}

// mayHaveArrived returns an earlier attempt of the same call as ex that may have reached the
// target although its answer was transient: no answer at all, or a 5xx. Throttling is never
// carried out, so a retry after it is judged as usual.
func mayHaveArrived(ex *wire.Exchange, all []*wire.Exchange) *wire.Exchange {
	if ex.Attempt <= 1 {
		return nil
	}
	for i := len(all) - 1; i >= 0; i-- {
		if all[i] != ex {
			continue
		}
		for j := i - 1; j >= 0 && i-j < ex.Attempt; j-- {
			prev := all[j]
			if prev.Operation == ex.Operation && prev.Role == ex.Role && (prev.TransportError != "" || prev.Status >= 500) {
				return prev
			}
		}
		break
	}
	return nil
}

// reproducedCrash reports whether ex is a crash (in.Crash) that every attempt of its call
// answered alike: at least two attempts, each with the same status and body. One crash
// followed by anything else, or a call that was tried once, stays a fault.
func reproducedCrash(ex *wire.Exchange, in Input) bool {
	if in.Crash == nil || !in.Crash(ex) || ex.Attempt < 2 {
		return false
	}
	all := in.Exchanges
	i := len(all) - 1
	for i >= 0 && all[i] != ex {
		i--
	}
	seen := 1
	for j := i - 1; j >= 0 && seen < ex.Attempt; j-- {
		prev := all[j]
		if prev.Operation != ex.Operation || prev.Role != ex.Role {
			continue // another call recorded in between (a client program's own record)
		}
		if prev.Attempt != ex.Attempt-seen || !in.Crash(prev) || prev.Status != ex.Status || prev.Response.Body != ex.Response.Body {
			return false
		}
		seen++
	}
	return seen == ex.Attempt
}

func gaveUpSubject(exs []*wire.Exchange) *wire.Exchange {
	for _, ex := range exs {
		if ex.GaveUp && ex.Role == wire.RoleSubject {
			return ex
		}
	}
	return nil
}

// transientMessage names the call and every answer of its last run of attempts: "AdminGetUser
// (set-up) kept getting transient answers: 503, no answer (connection reset), 400
// TooManyRequestsException".
func transientMessage(ex *wire.Exchange, all []*wire.Exchange) string {
	end := len(all) - 1
	for end >= 0 && all[end] != ex {
		end--
	}
	var answers []string
	for i := end; i >= 0 && all[i].Operation == ex.Operation && all[i].Role == ex.Role && wire.Transient(all[i]); i-- {
		answers = append([]string{describe(all[i])}, answers...)
	}
	role := "operation under test"
	if ex.Role == wire.RoleFixture {
		role = "set-up"
	}
	return fmt.Sprintf("%s (%s) kept getting transient answers: %s", ex.Operation, role, strings.Join(answers, ", "))
}

func describe(ex *wire.Exchange) string {
	if ex.TransportError != "" {
		return "no answer (" + ex.TransportError + ")"
	}
	if code := ex.ErrorCode(); code != "" {
		return fmt.Sprintf("%d %s", ex.Status, code)
	}
	return fmt.Sprint(ex.Status)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
