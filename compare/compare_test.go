package compare

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cognito-conformance/cognito-conformance/reports"
)

// subject is a recorded exchange of the behaviour under test.
func subject(op string, status int, code, body string) reports.Record {
	return reports.Record{Role: "subject", Operation: op, Status: status, ErrorCode: code, Response: reports.RecordMessage{Body: body}}
}

func scenario(uri, name string, behaviours []string, status reports.Status, recs ...reports.Record) *reports.Scenario {
	sc := &reports.Scenario{URI: uri, Name: name, Feature: "F", Status: status, Records: recs}
	sc.Behaviours = behaviours
	return sc
}

func column(name string, scenarios ...*reports.Scenario) Column {
	return Column{Name: name, Report: &reports.Report{Target: reports.TargetInfo{Name: name, Endpoint: "http://127.0.0.1:1"}, Scenarios: scenarios}}
}

func rowNamed(t *testing.T, m *Matrix, name string) Row {
	t.Helper()
	for _, r := range m.Rows {
		if r.Scenario == name {
			return r
		}
	}
	t.Fatalf("no row %q in %+v", name, m.Rows)
	return Row{}
}

// TestVolatileValuesDoNotMakeTargetsDiffer: the same answer with other ids, dates, tokens and
// generated names is the same behaviour.
func TestVolatileValuesDoNotMakeTargetsDiffer(t *testing.T) {
	t.Parallel()
	a := subject("AdminGetUser", 200, "", `{"Username":"cogconf-u-1a2b","UserCreateDate":1.7e9,"Sub":"x",`+
		`"Attributes":[{"Name":"sub","Value":"0f8fad5b-d9cb-469f-a165-70867728950e"}],"PoolId":"us-east-1_AbC123"}`)
	b := subject("AdminGetUser", 200, "", `{"Username":"cogconf-u-9f9f","UserCreateDate":1.8e9,"Sub":"y",`+
		`"Attributes":[{"Name":"sub","Value":"7c9e6679-7425-40de-944b-e07fc1f90ae7"}],"PoolId":"local_Zz9"}`)
	m := Build([]Column{
		column("one", scenario("f.feature", "read back", []string{"B7"}, reports.Passed, a)),
		column("two", scenario("f.feature", "read back", []string{"B7"}, reports.Passed, b)),
	})
	if r := rowNamed(t, m, "read back"); r.Differs || len(r.Diff) > 0 || m.Differing != 0 {
		t.Fatalf("equal behaviour compared different: %+v (differing %d)", r, m.Differing)
	}
}

// TestADifferenceIsShownOnTheWire: another status, error code or member is a differing row,
// with one line per difference naming both targets.
func TestADifferenceIsShownOnTheWire(t *testing.T) {
	t.Parallel()
	m := Build([]Column{
		column("ref",
			scenario("f.feature", "unknown user", []string{"B1"}, reports.Passed, subject("AdminSetUserMFAPreference", 400, "UserNotFoundException", `{"message":"User does not exist."}`)),
			scenario("f.feature", "both agree", []string{"B1"}, reports.Passed, subject("AdminGetUser", 200, "", `{}`))),
		column("emu",
			scenario("f.feature", "unknown user", []string{"B1"}, reports.Failed, subject("AdminSetUserMFAPreference", 500, "ResourceNotFoundException", `{"message":"User does not exist.","extra":true}`)),
			scenario("f.feature", "both agree", []string{"B1"}, reports.Passed, subject("AdminGetUser", 200, "", `{}`))),
	})
	if m.Differing != 1 {
		t.Fatalf("differing %d, want 1", m.Differing)
	}
	r := rowNamed(t, m, "unknown user")
	if !r.Differs || r.Cells[0] != (Cell{Status: "pass", HTTP: 400, ErrorCode: "UserNotFoundException"}) ||
		r.Cells[1] != (Cell{Status: "fail", HTTP: 500, ErrorCode: "ResourceNotFoundException"}) {
		t.Fatalf("row %+v", r)
	}
	diff := strings.Join(r.Diff, "\n")
	for _, want := range []string{"ref vs emu: #1 AdminSetUserMFAPreference status 400 vs 500",
		`error code "UserNotFoundException" vs "ResourceNotFoundException"`, "body extra: absent vs true"} {
		if !strings.Contains(diff, want) {
			t.Errorf("diff lacks %q:\n%s", want, diff)
		}
	}
	if rowNamed(t, m, "both agree").Differs {
		t.Error("an agreeing row differs")
	}
}

// TestAScenarioOneTargetLacksIsMissingThere, and rows come grouped by behaviour in natural
// order (B2 before B10), untagged last.
func TestAScenarioOneTargetLacksIsMissingThere(t *testing.T) {
	t.Parallel()
	m := Build([]Column{
		column("a", scenario("f.feature", "ten", []string{"B10"}, reports.Passed),
			scenario("f.feature", "untagged", nil, reports.Passed),
			scenario("f.feature", "two", []string{"B2"}, reports.Passed)),
		column("b", scenario("f.feature", "two", []string{"B2"}, reports.Passed)),
	})
	var order []string
	for _, r := range m.Rows {
		order = append(order, r.Behaviour)
	}
	if got := strings.Join(order, ","); got != "B2,B10,untagged" {
		t.Fatalf("row order %s", got)
	}
	ten := rowNamed(t, m, "ten")
	if ten.Cells[0].Status != "pass" || ten.Cells[1].Status != "missing" || !ten.Differs {
		t.Fatalf("row %+v", ten)
	}
	if m.Differing != 2 {
		t.Fatalf("differing %d, want 2 (the rows b lacks)", m.Differing)
	}
}

func TestNormalize(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ path, raw, want string }{
		{"ResponseMetadata.RequestId", `"abc"`, "<requestid>"},
		{"Session", `"AYAB..."`, "<session>"},
		{"AuthenticationResult.AccessToken", `"eyJ"`, "<accesstoken>"},
		{"UserPool.Id", `"eu-west-1_AbC123"`, `"<pool-id>"`},
		{"UserPool.Id", `"local_4Qw"`, `"<pool-id>"`},
		{"Username", `"cogconf-20260101T000000-aaaa-u1"`, `"<name>"`},
		{"Value", `"0f8fad5b-d9cb-469f-a165-70867728950e"`, `"<uuid>"`},
		{"Enabled", `true`, `true`},
		{"", "not json at all", "not json at all"},
	} {
		if got := Normalize(c.path, c.raw); got != c.want {
			t.Errorf("Normalize(%q, %q) = %q, want %q", c.path, c.raw, got, c.want)
		}
	}
}

// TestWritersShowEveryRowAndDifference: the Markdown escapes table pipes and lists the
// differences with the conflict they belong to; the JSON reads back as the same matrix.
func TestWritersShowEveryRowAndDifference(t *testing.T) {
	t.Parallel()
	sc := func(status reports.Status, code string) *reports.Scenario {
		s := scenario("f.feature", "a | b", []string{"B3"}, status, subject("SetUserMFAPreference", 400, code, `{}`))
		s.Conflict = "preferred-two"
		return s
	}
	m := Build([]Column{column("x", sc(reports.Passed, "InvalidParameterException")), column("y", sc(reports.Failed, ""))})
	var md bytes.Buffer
	if err := WriteMarkdown(&md, m); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"1 scenarios, 1 differ", "| x | y |", `**a \| b**`, "pass (400 InvalidParameterException)", "fail (400)",
		"### Differences", "(conflict `preferred-two`)", `x vs y: #1 SetUserMFAPreference error code "InvalidParameterException" vs ""`} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, md.String())
		}
	}
	var js bytes.Buffer
	if err := WriteJSON(&js, m); err != nil {
		t.Fatal(err)
	}
	var back Matrix
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.Differing != 1 || len(back.Rows) != 1 || back.Rows[0].Conflict != "preferred-two" {
		t.Fatalf("JSON round trip: %v %+v", err, back)
	}
}
