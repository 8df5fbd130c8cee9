package cassette

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/cognito-conformance/cognito-conformance/redact"
	"github.com/cognito-conformance/cognito-conformance/wire"
	"github.com/tidwall/gjson"
)

// Every member the reports blank as secret is a placeholder in a cassette.
func TestEverySecretMemberIsAPlaceholder(t *testing.T) {
	for k := range redact.SecretFields {
		if memberKinds[k] == "" {
			t.Errorf("secret member %s has no placeholder kind", k)
		}
	}
}

func TestPlaceholdersAreConsistentWithinAScope(t *testing.T) {
	s := newScope()
	ex := &wire.Exchange{
		Request: wire.Message{Body: `{"UserPoolId":"us-east-1_AbC123xyz","Username":"cogconf-20261130T101500-3fa9-u7-ab12","UserCode":"123456"}`},
		Response: wire.Message{Headers: http.Header{"X-Amzn-Requestid": {"0d6a1b0e-9f5c-4c1e-8d1a-2b3c4d5e6f70"}},
			Body: `{"message":"User cogconf-20261130T101500-3fa9-u7-ab12 of us-east-1_AbC123xyz","UserCreateDate":1764527000.123}`},
	}
	s.collectExchange(ex)
	got := s.exchange(ex, redact.New())
	if want := `{"UserPoolId":"<pool:1>","Username":"<user:1>","UserCode":"<code:1>"}`; got.Request.Body != want {
		t.Errorf("request: %s\nwant     %s", got.Request.Body, want)
	}
	if want := `{"message":"User <user:1> of <pool:1>","UserCreateDate":"<epoch>"}`; got.Response.Body != want {
		t.Errorf("response: %s\nwant      %s", got.Response.Body, want)
	}
	if got.Response.Headers.Get("X-Amzn-Requestid") != "<uuid:1>" {
		t.Errorf("request id: %v", got.Response.Headers)
	}
}

func testServer(t *testing.T) (*Server, string) {
	c := &Cassette{Manifest: Manifest{Schema: Schema, Target: TargetInfo{Region: "eu-west-1"}}, Scenarios: []Scenario{{
		ID: "f/s", Steps: "h", Status: "passed", Exchanges: []Exchange{{
			Role: "subject", Operation: "AdminGetUser", Signed: true, Status: 200,
			Request: Message{Headers: http.Header{"X-Amz-Target": {wire.TargetPrefix + "AdminGetUser"}, "Content-Type": {wire.ContentType}, "Authorization": {SigV4}},
				Body: `{"UserPoolId":"<pool:1>","Username":"<user:1>"}`},
			Response: Message{Headers: http.Header{"Content-Type": {wire.ContentType}}, Body: `{"Username":"<user:1>","Sub":"<uuid:1>","UserCreateDate":"<epoch>"}`},
		}},
	}}}
	srv := NewServer(c)
	url, err := srv.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv, url
}

func call(t *testing.T, url, session, body string) (int, string) {
	return send(t, url, "AdminGetUser", "f/s", session, body)
}

// send sends op with body as a call of the scenario (steps "h", session), or of no scenario
// when scenario is "".
func send(t *testing.T, url, op, scenario, session, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", url, strings.NewReader(body))
	req.Header.Set("X-Amz-Target", wire.TargetPrefix+op)
	req.Header.Set("Content-Type", wire.ContentType)
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=x")
	if scenario != "" {
		req.Header.Set(HeaderScenario, escapeHeader(scenario))
		req.Header.Set(HeaderSteps, "h")
		req.Header.Set(HeaderSession, session)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestReplayBindsThisRunsValues(t *testing.T) {
	_, url := testServer(t)
	status, body := call(t, url, "1", `{"UserPoolId":"eu-west-1_Zz9","Username":"alice"}`)
	if status != 200 || !strings.Contains(body, `"Username":"alice"`) || strings.Contains(body, "<") || !strings.Contains(body, `"UserCreateDate":1`) {
		t.Fatalf("%d %s", status, body)
	}
}

func TestReplayNamesTheFirstDifference(t *testing.T) {
	_, url := testServer(t)
	status, body := call(t, url, "2", `{"UserPoolId":"eu-west-1_Zz9"}`)
	if status != 400 || !strings.Contains(body, MismatchCode) || !strings.Contains(body, "AdminGetUser") ||
		!strings.Contains(body, "body.Username: missing") {
		t.Fatalf("%d %s", status, body)
	}
	// The sequence is used up: one more request is said to be one more.
	call(t, url, "3", `{"UserPoolId":"p","Username":"u"}`)
	if _, body := call(t, url, "3", `{"UserPoolId":"p","Username":"u"}`); !strings.Contains(body, "recording ends after 1") {
		t.Fatalf("%s", body)
	}
}

// A value stands for one placeholder only: a request that uses the pool id as a username
// is not the recorded one.
func TestReplayBindsOneToOne(t *testing.T) {
	_, url := testServer(t)
	if status, body := call(t, url, "4", `{"UserPoolId":"same","Username":"same"}`); status != 400 {
		t.Fatalf("%d %s", status, body)
	}
}

// TestReplayDeletesOnlyThePoolsOfTheirOwnItMade: a pool of its own is made in its scenario's
// recording, and its deletion at the run's end is answered for the pool that scenario's replay
// made, and for no other pool id.
func TestReplayDeletesOnlyThePoolsOfTheirOwnItMade(t *testing.T) {
	h := func(op string) http.Header {
		return http.Header{"X-Amz-Target": {wire.TargetPrefix + op}, "Content-Type": {wire.ContentType}, "Authorization": {SigV4}}
	}
	c := &Cassette{Manifest: Manifest{Schema: Schema}, Scenarios: []Scenario{{
		ID: "f/own", Steps: "h", Status: "passed", Exchanges: []Exchange{{
			Role: "fixture", Operation: "CreateUserPool", Signed: true, Status: 200,
			Request:  Message{Headers: h("CreateUserPool"), Body: `{"PoolName":"<run:1>-optional-totp-own"}`},
			Response: Message{Headers: http.Header{"Content-Type": {wire.ContentType}}, Body: `{"UserPool":{"Id":"<pool:1>"}}`},
		}},
	}}, Pools: Pools{Own: []Exchange{{
		Operation: "DeleteUserPool", Signed: true, Status: 200,
		Request:  Message{Headers: h("DeleteUserPool"), Body: `{"UserPoolId":"<pool:1>"}`},
		Response: Message{Headers: http.Header{"Content-Type": {wire.ContentType}}, Body: `{}`},
	}}}}
	srv := NewServer(c)
	url, err := srv.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	if status, body := send(t, url, "DeleteUserPool", "", "", `{"UserPoolId":"eu-west-1_Never"}`); status != 400 || !strings.Contains(body, MismatchCode) {
		t.Fatalf("deleting a pool the replay never made: %d %s", status, body)
	}
	status, body := send(t, url, "CreateUserPool", "f/own", "1", `{"PoolName":"cogconf-20261130T101500-3fa9-optional-totp-own"}`)
	id := gjson.Get(body, "UserPool.Id").String()
	if status != 200 || id == "" {
		t.Fatalf("the scenario's CreateUserPool: %d %s", status, body)
	}
	if status, body := send(t, url, "DeleteUserPool", "", "", `{"UserPoolId":"`+id+`"}`); status != 200 {
		t.Fatalf("deleting the pool the scenario made: %d %s", status, body)
	}
}
