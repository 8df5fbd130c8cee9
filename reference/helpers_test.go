package reference

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/smithy-go"
)

const (
	testAKID   = "AKIDTEST"
	testSecret = "secret"
)

func startServer(t *testing.T, opts ...Option) (*Server, string) {
	t.Helper()
	s := New(opts...)
	url, err := s.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = s.Close(ctx)
	})
	return s, url
}

func sdkClient(url, akid, secret string) *cip.Client {
	return cip.New(cip.Options{
		BaseEndpoint:     aws.String(url),
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider(akid, secret, ""),
		RetryMaxAttempts: 1,
	})
}

func newTestClient(t *testing.T, opts ...Option) (*Server, *cip.Client, string) {
	s, url := startServer(t, opts...)
	return s, sdkClient(url, testAKID, testSecret), url
}

// apiCode returns the AWS error code of err, or "" for nil.
func apiCode(err error) string {
	if err == nil {
		return ""
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return "non-api: " + err.Error()
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := apiCode(err); got != code {
		t.Fatalf("want %s, got %q (%v)", code, got, err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// fixture is a pool with one password-auth client and helpers around it.
type fixture struct {
	t      *testing.T
	c      *cip.Client
	ctx    context.Context
	poolID string
	client string
}

func newFixture(t *testing.T, c *cip.Client, mode types.UserPoolMfaType, tier types.UserPoolTierType) *fixture {
	t.Helper()
	ctx := context.Background()
	p, err := c.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("p-" + t.Name()), UserPoolTier: tier})
	must(t, err)
	f := &fixture{t: t, c: c, ctx: ctx, poolID: *p.UserPool.Id}
	if mode != types.UserPoolMfaTypeOff {
		_, err = c.SetUserPoolMfaConfig(ctx, &cip.SetUserPoolMfaConfigInput{
			UserPoolId:                    p.UserPool.Id,
			MfaConfiguration:              mode,
			SoftwareTokenMfaConfiguration: &types.SoftwareTokenMfaConfigType{Enabled: true},
		})
		must(t, err)
	}
	cl, err := c.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
		UserPoolId: p.UserPool.Id, ClientName: aws.String("c"),
		ExplicitAuthFlows: []types.ExplicitAuthFlowsType{
			types.ExplicitAuthFlowsTypeAllowUserPasswordAuth,
			types.ExplicitAuthFlowsTypeAllowAdminUserPasswordAuth,
			types.ExplicitAuthFlowsTypeAllowRefreshTokenAuth,
		},
	})
	must(t, err)
	f.client = *cl.UserPoolClient.ClientId
	return f
}

// user creates a CONFIRMED user with the given attributes (name=value pairs).
func (f *fixture) user(name string, attrs ...string) {
	f.t.Helper()
	var ua []types.AttributeType
	for i := 0; i+1 < len(attrs); i += 2 {
		ua = append(ua, types.AttributeType{Name: aws.String(attrs[i]), Value: aws.String(attrs[i+1])})
	}
	_, err := f.c.AdminCreateUser(f.ctx, &cip.AdminCreateUserInput{
		UserPoolId: &f.poolID, Username: &name, UserAttributes: ua, MessageAction: types.MessageActionTypeSuppress,
	})
	must(f.t, err)
	_, err = f.c.AdminSetUserPassword(f.ctx, &cip.AdminSetUserPasswordInput{
		UserPoolId: &f.poolID, Username: &name, Password: aws.String("Passw0rd!"), Permanent: true,
	})
	must(f.t, err)
}

func (f *fixture) signIn(name string) (*cip.InitiateAuthOutput, error) {
	return f.c.InitiateAuth(f.ctx, &cip.InitiateAuthInput{
		ClientId: &f.client, AuthFlow: types.AuthFlowTypeUserPasswordAuth,
		AuthParameters: map[string]string{"USERNAME": name, "PASSWORD": "Passw0rd!"},
	})
}

func (f *fixture) get(name string) *cip.AdminGetUserOutput {
	f.t.Helper()
	out, err := f.c.AdminGetUser(f.ctx, &cip.AdminGetUserInput{UserPoolId: &f.poolID, Username: &name})
	must(f.t, err)
	return out
}

func (f *fixture) setPref(name string, sms, email, totp *types.SMSMfaSettingsType) error {
	in := &cip.AdminSetUserMFAPreferenceInput{UserPoolId: &f.poolID, Username: &name, SMSMfaSettings: sms}
	if email != nil {
		in.EmailMfaSettings = &types.EmailMfaSettingsType{Enabled: email.Enabled, PreferredMfa: email.PreferredMfa}
	}
	if totp != nil {
		in.SoftwareTokenMfaSettings = &types.SoftwareTokenMfaSettingsType{Enabled: totp.Enabled, PreferredMfa: totp.PreferredMfa}
	}
	_, err := f.c.AdminSetUserMFAPreference(f.ctx, in)
	return err
}

func setting(enabled, preferred bool) *types.SMSMfaSettingsType {
	return &types.SMSMfaSettingsType{Enabled: enabled, PreferredMfa: preferred}
}
