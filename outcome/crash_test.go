package outcome_test

import (
	"strings"
	"testing"

	"github.com/cognito-conformance/cognito-conformance/outcome"
	"github.com/cognito-conformance/cognito-conformance/reports"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

// attempts numbers a call's recorded attempts and marks the last given up when its answer is
// still a 5xx, as wire.Client does.
func attempts(exs ...*wire.Exchange) []*wire.Exchange {
	for i, ex := range exs {
		ex.Attempt = i + 1
	}
	if last := exs[len(exs)-1]; last.Status >= 500 {
		last.GaveUp = true
	}
	return exs
}

// A crash of a handler the target has (moto's HTML 500 for an operation it implements) is the
// target's answer only when every attempt repeated it; anything less stays a fault, so a
// genuinely flaky 5xx never turns a scenario red.
func TestDecideCrashes(t *testing.T) {
	const op = "AdminSetUserMFAPreference"
	crash := func(ex *wire.Exchange) bool { return ex.HTMLServerError() && ex.Operation == op }
	notMissing := func(ex *wire.Exchange) bool { return ex.NotImplemented() }
	other := html500(wire.RoleSubject, op)
	other.Response.Body = "<html>another page</html>"
	cases := []struct {
		name  string
		in    outcome.Input
		want  reports.Status
		cause string
	}{
		{"a crash every attempt repeated is judged", outcome.Input{Err: errAssert, FailedStep: outcome.StepOutcome, Missing: notMissing, Crash: crash,
			Exchanges: attempts(html500(wire.RoleSubject, op), html500(wire.RoleSubject, op), html500(wire.RoleSubject, op))},
			reports.Failed, ""},
		{"a crash tried once is a fault", outcome.Input{Err: errAssert, FailedStep: outcome.StepOutcome, Missing: notMissing, Crash: crash,
			Exchanges: attempts(html500(wire.RoleSubject, op))},
			reports.Inconclusive, reports.CauseTransient},
		{"crashes with different pages are a fault", outcome.Input{Err: errAssert, FailedStep: outcome.StepOutcome, Missing: notMissing, Crash: crash,
			Exchanges: attempts(html500(wire.RoleSubject, op), other)},
			reports.Inconclusive, reports.CauseTransient},
		{"a crash then a 503 is a fault", outcome.Input{Err: errAssert, FailedStep: outcome.StepOutcome, Missing: notMissing, Crash: crash,
			Exchanges: attempts(html500(wire.RoleSubject, op), answer(wire.RoleSubject, op, 503, ""))},
			reports.Inconclusive, reports.CauseTransient},
		{"a crash that went away leaves the retry unjudged: the crashed attempt may have been carried out", outcome.Input{Err: errAssert, FailedStep: outcome.StepOutcome, Missing: notMissing, Crash: crash,
			Exchanges: attempts(html500(wire.RoleSubject, op), answer(wire.RoleSubject, op, 200, ""))},
			reports.Inconclusive, reports.CauseTransient},
		{"a repeated 5xx of a target without crash pages stays a fault", outcome.Input{Err: errAssert, FailedStep: outcome.StepOutcome, Missing: notMissing,
			Exchanges: attempts(html500(wire.RoleSubject, op), html500(wire.RoleSubject, op), html500(wire.RoleSubject, op))},
			reports.Inconclusive, reports.CauseTransient},
		{"a repeated crash in set-up is set-up", outcome.Input{Err: errAssert, FailedStep: outcome.StepSetup, Missing: notMissing, Crash: crash,
			Exchanges: attempts(html500(wire.RoleFixture, op), html500(wire.RoleFixture, op), html500(wire.RoleFixture, op))},
			reports.Inconclusive, reports.CauseSetup},
		{"a repeated crash a scenario did not assert against still is no pass", outcome.Input{Missing: notMissing, Crash: func(*wire.Exchange) bool { return false },
			Exchanges: attempts(html500(wire.RoleSubject, op), html500(wire.RoleSubject, op))},
			reports.Inconclusive, reports.CauseTransient},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := outcome.Decide(c.in)
			if v.Status != c.want || v.Cause != c.cause {
				t.Fatalf("got %s cause %q (%s), want %s cause %q", v.Status, v.Cause, v.Message, c.want, c.cause)
			}
		})
	}
	v := outcome.Decide(cases[0].in)
	if !strings.Contains(v.Message, "crashed") || !strings.Contains(v.Message, "3 attempts") || !strings.Contains(v.Message, errAssert.Error()) {
		t.Fatalf("the message says what happened and what was expected: %q", v.Message)
	}
}
