package reference

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

type rawResp struct {
	status int
	header http.Header
	body   string
}

func rawPost(t *testing.T, url, target, body string, hdr map[string]string) rawResp {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url+"/", strings.NewReader(body))
	must(t, err)
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	if target != "" {
		req.Header.Set("X-Amz-Target", targetPrefix+target)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	must(t, err)
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return rawResp{res.StatusCode, res.Header, string(b)}
}

// fakeSig is a well-formed SigV4 header; accepted when no credentials are configured.
var fakeSig = map[string]string{
	"Authorization": "AWS4-HMAC-SHA256 Credential=AKIDX/20240101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcd",
	"X-Amz-Date":    "20240101T000000Z",
}

var uuidRe = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestWireErrors(t *testing.T) {
	_, url := startServer(t)

	r := rawPost(t, url, "AdminSetUserMFAPreference", `{"UserPoolId":"bad id","Username":"u"}`, fakeSig)
	if r.status != 400 {
		t.Fatalf("status %d", r.status)
	}
	wantMsg := `1 validation error detected: Value 'bad id' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w-]+_[0-9a-zA-Z]+`
	var body map[string]string
	must(t, json.Unmarshal([]byte(r.body), &body))
	if body["__type"] != "InvalidParameterException" || body["message"] != wantMsg || len(body) != 2 {
		t.Fatalf("body %s", r.body)
	}
	if r.header.Get("x-amzn-ErrorType") != "InvalidParameterException:" || r.header.Get("x-amzn-ErrorMessage") != wantMsg {
		t.Fatalf("headers %v", r.header)
	}
	if r.header.Get("Content-Type") != "application/x-amz-json-1.1" || !uuidRe.MatchString(r.header.Get("x-amzn-RequestId")) {
		t.Fatalf("headers %v", r.header)
	}

	// Validation before authentication: no signature, still a validation error.
	r = rawPost(t, url, "AdminSetUserSettings", `{"UserPoolId":"us-east-1_abc","Username":"u"}`, nil)
	if !strings.Contains(r.body, `Value null at 'mFAOptions' failed to satisfy constraint: Member must not be null`) {
		t.Fatalf("required MFAOptions: %s", r.body)
	}
	r = rawPost(t, url, "AdminSetUserSettings", `{"UserPoolId":"`+strings.Repeat("a", 60)+`_x","Username":"u","MFAOptions":[{"DeliveryMedium":"FAX","AttributeName":"phone_number"}]}`, fakeSig)
	if !strings.Contains(r.body, "2 validation errors detected: ") || !strings.Contains(r.body, "Member must have length less than or equal to 55") ||
		!strings.Contains(r.body, "Member must satisfy enum value set: [SMS, EMAIL]") {
		t.Fatalf("two violations: %s", r.body)
	}

	// Unsigned admin call.
	r = rawPost(t, url, "AdminGetUser", `{"UserPoolId":"us-east-1_abc","Username":"u"}`, nil)
	if r.status != 403 || r.header.Get("x-amzn-ErrorType") != "MissingAuthenticationToken:" {
		t.Fatalf("unsigned: %d %s", r.status, r.body)
	}
	// Unknown pool (signed, any signature accepted without WithCredentials).
	r = rawPost(t, url, "AdminSetUserMFAPreference", `{"UserPoolId":"us-east-1_nope","Username":"u"}`, fakeSig)
	if r.status != 400 || !strings.Contains(r.body, `"User pool us-east-1_nope does not exist."`) {
		t.Fatalf("unknown pool: %s", r.body)
	}
	// Token op: garbage token.
	r = rawPost(t, url, "SetUserMFAPreference", `{"AccessToken":"abc.def.ghi"}`, nil)
	if r.status != 400 || !strings.Contains(r.body, `"NotAuthorizedException"`) || !strings.Contains(r.body, "Invalid Access Token") {
		t.Fatalf("bad token: %s", r.body)
	}
	r = rawPost(t, url, "SetUserMFAPreference", `{"AccessToken":"a b"}`, nil)
	if !strings.Contains(r.body, "Value at 'accessToken' failed to satisfy constraint") {
		t.Fatalf("token pattern: %s", r.body)
	}
	// Protocol errors.
	if r = rawPost(t, url, "NoSuchOperation", `{}`, nil); !strings.Contains(r.body, "UnknownOperationException") || r.status != 400 {
		t.Fatalf("unknown op: %s", r.body)
	}
	if r = rawPost(t, url, "", `{}`, nil); !strings.Contains(r.body, "UnknownOperationException") {
		t.Fatalf("missing target: %s", r.body)
	}
	if r = rawPost(t, url, "GetUser", `[1]`, nil); !strings.Contains(r.body, "SerializationException") {
		t.Fatalf("non-object body: %s", r.body)
	}
}

func TestWireSuccessAndProfileContentType(t *testing.T) {
	for _, tc := range []struct {
		prof Profile
		ct   string
	}{{ProfileAWS, "application/x-amz-json-1.1"}, {ProfileDocumented, "application/x-amz-json-1.0"}} {
		_, url := startServer(t, WithProfile(tc.prof))
		r := rawPost(t, url, "CreateUserPool", `{"PoolName":"x"}`, fakeSig)
		var out struct{ UserPool struct{ Id string } }
		must(t, json.Unmarshal([]byte(r.body), &out))
		if r.status != 200 || r.header.Get("Content-Type") != tc.ct || !regexp.MustCompile(`^us-east-1_[0-9A-Za-z]{9}$`).MatchString(out.UserPool.Id) {
			t.Fatalf("%s: %d %v %s", tc.prof, r.status, r.header, r.body)
		}
		r = rawPost(t, url, "AdminCreateUser", `{"UserPoolId":"`+out.UserPool.Id+`","Username":"u1"}`, fakeSig)
		if r.status != 200 {
			t.Fatal(r.body)
		}
		r = rawPost(t, url, "AdminSetUserMFAPreference", `{"UserPoolId":"`+out.UserPool.Id+`","Username":"u1"}`, fakeSig)
		if r.status != 200 || r.body != "{}" {
			t.Fatalf("B18: %d %q", r.status, r.body)
		}
		// B16: raw body has no MFA keys at all.
		r = rawPost(t, url, "AdminGetUser", `{"UserPoolId":"`+out.UserPool.Id+`","Username":"u1"}`, fakeSig)
		if strings.Contains(r.body, "MFA") || strings.Contains(r.body, "Mfa") {
			t.Fatalf("B16: %s", r.body)
		}
	}
}

func TestSigV4Verification(t *testing.T) {
	s, url := startServer(t, WithCredentials(testAKID, testSecret))
	ctx := context.Background()

	good := sdkClient(url, testAKID, testSecret)
	p, err := good.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("sig")})
	must(t, err)
	_, err = good.ListUserPools(ctx, &cip.ListUserPoolsInput{MaxResults: aws.Int32(10)})
	must(t, err)

	_, err = sdkClient(url, testAKID, "wrong").DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: p.UserPool.Id})
	wantCode(t, err, "InvalidSignatureException")
	_, err = sdkClient(url, "AKIDOTHER", testSecret).DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: p.UserPool.Id})
	wantCode(t, err, "UnrecognizedClientException")

	// A made-up signature for the right key id is rejected.
	r := rawPost(t, url, "DescribeUserPool", `{"UserPoolId":"`+*p.UserPool.Id+`"}`, map[string]string{
		"Authorization": "AWS4-HMAC-SHA256 Credential=" + testAKID + "/20240101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00",
		"X-Amz-Date":    "20240101T000000Z",
	})
	if r.status != 400 || r.header.Get("x-amzn-ErrorType") != "InvalidSignatureException:" {
		t.Fatalf("bad sig: %d %s", r.status, r.body)
	}
	r = rawPost(t, url, "DescribeUserPool", `{"UserPoolId":"`+*p.UserPool.Id+`"}`, nil)
	if r.status != 403 || !strings.Contains(r.body, "Missing Authentication Token") {
		t.Fatalf("unsigned: %d %s", r.status, r.body)
	}

	// Token operations need no signature: SetUserMFAPreference works through a
	// client with wrong credentials.
	f := &fixture{t: t, c: good, ctx: ctx, poolID: *p.UserPool.Id}
	cl, err := good.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: p.UserPool.Id, ClientName: aws.String("c"),
		ExplicitAuthFlows: []types.ExplicitAuthFlowsType{types.ExplicitAuthFlowsTypeAllowUserPasswordAuth, types.ExplicitAuthFlowsTypeAllowRefreshTokenAuth}})
	must(t, err)
	f.client = *cl.UserPoolClient.ClientId
	f.user("hal")
	bad := sdkClient(url, testAKID, "wrong")
	f.c = bad
	auth, err := f.signIn("hal")
	must(t, err)
	_, err = bad.SetUserMFAPreference(ctx, &cip.SetUserMFAPreferenceInput{AccessToken: auth.AuthenticationResult.AccessToken})
	must(t, err)

	// Refresh works and cleanup is observable.
	ref, err := bad.InitiateAuth(ctx, &cip.InitiateAuthInput{ClientId: &f.client, AuthFlow: types.AuthFlowTypeRefreshTokenAuth,
		AuthParameters: map[string]string{"REFRESH_TOKEN": *auth.AuthenticationResult.RefreshToken}})
	must(t, err)
	if ref.AuthenticationResult.AccessToken == nil {
		t.Fatal("refresh gave no access token")
	}
	if s.PoolCount() != 1 || s.PoolNames()[0] != "sig" {
		t.Fatalf("pools %v", s.PoolNames())
	}
	_, err = good.DeleteUserPool(ctx, &cip.DeleteUserPoolInput{UserPoolId: p.UserPool.Id})
	must(t, err)
	if s.PoolCount() != 0 {
		t.Fatal("pool not deleted")
	}
	_, err = bad.GetUser(ctx, &cip.GetUserInput{AccessToken: auth.AuthenticationResult.AccessToken})
	wantCode(t, err, "ResourceNotFoundException")
}

func TestMutationRegistry(t *testing.T) {
	if err := ValidateMutation(""); err != nil {
		t.Fatal(err)
	}
	if err := ValidateMutation("no-such-mutation"); err == nil {
		t.Fatal("unknown mutation accepted")
	}
	s := New(WithMutation("no-such-mutation"))
	if s.mutation != nil || s.Profile() != ProfileAWS {
		t.Fatal("defaults")
	}
}
