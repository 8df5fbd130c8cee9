package outcome_test

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/cognito-conformance/cognito-conformance/outcome"
	"github.com/cognito-conformance/cognito-conformance/reports"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

func answer(role wire.Role, op string, status int, code string) *wire.Exchange {
	ex := &wire.Exchange{Role: role, Operation: op, Status: status, Response: wire.Message{Headers: http.Header{}, Body: "{}"}}
	if code != "" {
		ex.Response.Body = fmt.Sprintf(`{"__type":%q,"message":"m"}`, code)
	}
	return ex
}

func reset(role wire.Role, op string) *wire.Exchange {
	return &wire.Exchange{Role: role, Operation: op, TransportError: "connection reset by peer"}
}

func html500(role wire.Role, op string) *wire.Exchange {
	return &wire.Exchange{Role: role, Operation: op, Status: 500,
		Response: wire.Message{Headers: http.Header{"Content-Type": {"text/html"}}, Body: "<html>boom</html>"}}
}

var (
	errAssert = errors.New("expected HTTP status 400, got 200")
	missing   = func(ex *wire.Exchange) bool { return ex.NotImplemented() || ex.HTMLServerError() }
)

func TestDecide(t *testing.T) {
	gaveUp := answer(wire.RoleSubject, "AdminGetUser", 503, "")
	gaveUp.GaveUp = true
	cases := []struct {
		name  string
		in    outcome.Input
		want  reports.Status
		cause string
		in2   string // MissingIn
	}{
		{"not applicable wins", outcome.Input{NotApplicable: "needs sms", Err: errAssert}, reports.NotApplicable, "", ""},
		{"every step passed", outcome.Input{}, reports.Passed, "", ""},
		{"fidelity differences warn", outcome.Input{Warnings: []string{"header"}}, reports.Warning, "", ""},
		{"fidelity differences fail when strict", outcome.Input{Warnings: []string{"header"}, Strict: true}, reports.Failed, "", ""},
		{"a contract assertion fails", outcome.Input{Err: errAssert, FailedStep: outcome.StepOutcome,
			Exchanges: []*wire.Exchange{answer(wire.RoleSubject, "X", 200, "")}}, reports.Failed, "", ""},
		{"a failed Given is set-up", outcome.Input{Err: errAssert, FailedStep: outcome.StepSetup,
			Exchanges: []*wire.Exchange{answer(wire.RoleSubject, "InitiateAuth", 200, "")}}, reports.Inconclusive, reports.CauseSetup, ""},
		{"a set-up error inside a When is set-up", outcome.Input{Err: outcome.Setup(errAssert), FailedStep: outcome.StepAction},
			reports.Inconclusive, reports.CauseSetup, ""},
		{"an incomplete scenario is not the target's fault", outcome.Input{Err: fmt.Errorf("%w: no user", outcome.ErrIncomplete), FailedStep: outcome.StepOutcome},
			reports.Inconclusive, reports.CauseScenario, ""},
		{"a missing set-up operation", outcome.Input{Err: errAssert, FailedStep: outcome.StepSetup, Missing: missing,
			Exchanges: []*wire.Exchange{answer(wire.RoleFixture, "AdminSetUserSettings", 500, "CognitoLocal#Unsupported")}},
			reports.NotImplemented, "", reports.MissingInSetup},
		{"a missing operation under test", outcome.Input{Err: errAssert, FailedStep: outcome.StepAction, Missing: missing,
			Exchanges: []*wire.Exchange{html500(wire.RoleSubject, "AdminSetUserSettings")}}, reports.NotImplemented, "", reports.MissingInSubject},
		{"an HTML 500 is transient where it does not mean missing", outcome.Input{Err: errAssert, FailedStep: outcome.StepOutcome,
			Missing:   func(ex *wire.Exchange) bool { return ex.NotImplemented() },
			Exchanges: []*wire.Exchange{html500(wire.RoleSubject, "AdminSetUserSettings")}}, reports.Inconclusive, reports.CauseTransient, ""},
		{"a reset set-up call", outcome.Input{Err: errAssert, FailedStep: outcome.StepSetup,
			Exchanges: []*wire.Exchange{reset(wire.RoleFixture, "AdminCreateUser")}}, reports.Inconclusive, reports.CauseTransient, ""},
		{"throttling is never the answer", outcome.Input{Err: errAssert, FailedStep: outcome.StepOutcome,
			Exchanges: []*wire.Exchange{answer(wire.RoleSubject, "X", 400, "TooManyRequestsException")}}, reports.Inconclusive, reports.CauseTransient, ""},
		{"a modelled client error in a 500 is a deviation", outcome.Input{Err: errAssert, FailedStep: outcome.StepOutcome,
			Exchanges: []*wire.Exchange{answer(wire.RoleSubject, "X", 500, "UserNotFoundException")}}, reports.Failed, "", ""},
		{"an operation that gave up is never passed", outcome.Input{Exchanges: []*wire.Exchange{gaveUp}}, reports.Inconclusive, reports.CauseTransient, ""},
		{"interrupted", outcome.Input{Err: errors.New("context canceled"), Interrupted: true}, reports.Inconclusive, reports.CauseInterrupted, ""},
		{"finished before the interrupt", outcome.Input{Interrupted: true}, reports.Passed, "", ""},
		{"a client program's run is not an answer", outcome.Input{Err: errAssert, FailedStep: outcome.StepOutcome, Missing: missing,
			Exchanges: []*wire.Exchange{answer(wire.RoleSubject, "AdminSetUserMFAPreference", 500, "CognitoLocal#Unsupported"),
				{Role: wire.RoleClient, Operation: "aws cognito-idp", Status: 255, TransportError: ""}}},
			reports.NotImplemented, "", reports.MissingInSubject},
	}
	lost := reset(wire.RoleSubject, "RespondToAuthChallenge")
	lost.Attempt = 1
	retried := answer(wire.RoleSubject, "RespondToAuthChallenge", 400, "NotAuthorizedException")
	retried.Attempt = 2
	throttled := answer(wire.RoleSubject, "AdminSetUserMFAPreference", 400, "TooManyRequestsException")
	throttled.Attempt = 1
	judged := answer(wire.RoleSubject, "AdminSetUserMFAPreference", 200, "")
	judged.Attempt = 2
	cases = append(cases, []struct {
		name  string
		in    outcome.Input
		want  reports.Status
		cause string
		in2   string
	}{
		{"a retry after a lost answer is not judged", outcome.Input{Err: errAssert, FailedStep: outcome.StepOutcome,
			Exchanges: []*wire.Exchange{lost, retried}}, reports.Inconclusive, reports.CauseTransient, ""},
		{"a retry after throttling is judged", outcome.Input{Err: errAssert, FailedStep: outcome.StepOutcome,
			Exchanges: []*wire.Exchange{throttled, judged}}, reports.Failed, "", ""},
		{"a client program that did not finish", outcome.Input{Err: errAssert, FailedStep: outcome.StepOutcome,
			Exchanges: []*wire.Exchange{answer(wire.RoleSubject, "X", 200, ""), {Role: wire.RoleClient, Operation: "aws", TransportError: "killed after 1m0s"}}},
			reports.Inconclusive, reports.CauseSetup, ""},
		{"a gateway's 5xx code is a fault", outcome.Input{Err: errAssert, FailedStep: outcome.StepOutcome,
			Exchanges: []*wire.Exchange{answer(wire.RoleSubject, "X", 504, "InternalServerErrorException")}}, reports.Inconclusive, reports.CauseTransient, ""},
	}...)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			v := outcome.Decide(c.in)
			if v.Status != c.want || v.Cause != c.cause || v.MissingIn != c.in2 {
				t.Fatalf("got %s cause %q missingIn %q (%s), want %s cause %q missingIn %q", v.Status, v.Cause, v.MissingIn, v.Message, c.want, c.cause, c.in2)
			}
			if v.Status != reports.Passed && v.Message == "" {
				t.Fatal("every verdict but passed says why")
			}
		})
	}
}

// TestTransientMessageNamesEveryAttempt: the report says what the retries saw.
func TestTransientMessageNamesEveryAttempt(t *testing.T) {
	first := answer(wire.RoleSubject, "AdminGetUser", 200, "")
	a := answer(wire.RoleSubject, "AdminGetUser", 400, "TooManyRequestsException")
	b := reset(wire.RoleSubject, "AdminGetUser")
	c := answer(wire.RoleSubject, "AdminGetUser", 503, "")
	c.GaveUp = true
	v := outcome.Decide(outcome.Input{Exchanges: []*wire.Exchange{first, a, b, c}})
	want := "AdminGetUser (operation under test) kept getting transient answers: 400 TooManyRequestsException, no answer (connection reset by peer), 503"
	if v.Message != want {
		t.Fatalf("message = %q\nwant      %q", v.Message, want)
	}
}
