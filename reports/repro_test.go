package reports

import (
	"strings"
	"testing"
)

func TestCLIName(t *testing.T) {
	for op, want := range map[string]string{
		"AdminSetUserMFAPreference": "admin-set-user-mfa-preference", "SetUserMFAPreference": "set-user-mfa-preference",
		"InitiateAuth": "initiate-auth", "RespondToAuthChallenge": "respond-to-auth-challenge", "GetUser": "get-user",
		"AdminSetUserSettings": "admin-set-user-settings",
	} {
		if got := CLIName(op); got != want {
			t.Errorf("CLIName(%s) = %s, want %s", op, got, want)
		}
	}
}

func TestReproductionAndFind(t *testing.T) {
	sc := &Scenario{Name: "Two preferred factors are InvalidParameterException", URI: "features/a.feature", Feature: "a", Status: Failed,
		Meta:    Meta{Behaviours: []string{"B3"}, Evidence: EvidenceInferred},
		Message: "expected HTTP status 400, got 200\n  AdminSetUserMFAPreference answered 200 OK: {}",
		Records: []Record{
			{Role: "fixture", Operation: "AdminCreateUser", Signed: true, Status: 200, Request: RecordMessage{Body: `{"Username":"u"}`}},
			{Role: "subject", Operation: "AdminSetUserMFAPreference", Signed: true, Status: 200, Request: RecordMessage{Body: `{"Username":"it's"}`}, Response: RecordMessage{Body: "{}"}},
			{Role: "fixture", Operation: "AdminDeleteUser", Signed: true, Status: 200},
		}}
	r := &Report{Target: TargetInfo{Name: "moto", Endpoint: "http://127.0.0.1:5000", Region: "us-east-1"}, Scenarios: []*Scenario{sc, {Name: "Other", Status: Passed}}}
	AddReproductions(r)
	for _, want := range []string{
		"B3: only one factor can be preferred", "expected HTTP status 400, got 200",
		`aws cognito-idp admin-set-user-mfa-preference --endpoint-url http://127.0.0.1:5000 --region us-east-1 --cli-input-json '{"Username":"it'\''s"}'`,
		"HTTP 200",
	} {
		if !strings.Contains(sc.Repro, want) {
			t.Errorf("reproduction lacks %q:\n%s", want, sc.Repro)
		}
	}
	if strings.Contains(sc.Repro, "admin-delete-user") {
		t.Errorf("clean-up calls after the failure are no part of the reproduction:\n%s", sc.Repro)
	}
	if got, _ := FindScenario(r, "two preferred"); got != sc {
		t.Errorf("by part of the name: %v", got)
	}
	if got, _ := FindScenario(r, "B3"); got != sc {
		t.Errorf("by catalogue id: %v", got)
	}
	if got, cands := FindScenario(r, "nothing like it"); got != nil || cands != nil {
		t.Errorf("unknown: %v %v", got, cands)
	}
}
