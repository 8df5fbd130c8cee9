package reference

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/cognito-conformance/cognito-conformance/srp"
)

// srpSignIn runs USER_SRP_AUTH with package srp as the client, claiming the given password.
func (f *fixture) srpSignIn(name, password string) (*cip.RespondToAuthChallengeOutput, error) {
	f.t.Helper()
	cl := srp.NewClient(f.poolID)
	init, err := f.c.InitiateAuth(f.ctx, &cip.InitiateAuthInput{
		ClientId: &f.client, AuthFlow: types.AuthFlowTypeUserSrpAuth,
		AuthParameters: map[string]string{"USERNAME": name, "SRP_A": cl.SRPA()},
	})
	if err != nil {
		return nil, err
	}
	if init.ChallengeName != types.ChallengeNameTypePasswordVerifier {
		f.t.Fatalf("want PASSWORD_VERIFIER, got %q", init.ChallengeName)
	}
	p := init.ChallengeParameters
	claim, err := cl.Answer(srp.Challenge{UserIDForSRP: p["USER_ID_FOR_SRP"], SRPB: p["SRP_B"], Salt: p["SALT"], SecretBlock: p["SECRET_BLOCK"]},
		password, time.Now())
	must(f.t, err)
	return f.c.RespondToAuthChallenge(f.ctx, &cip.RespondToAuthChallengeInput{
		ClientId: &f.client, ChallengeName: types.ChallengeNameTypePasswordVerifier, Session: init.Session,
		ChallengeResponses: map[string]string{
			"USERNAME": p["USER_ID_FOR_SRP"], "PASSWORD_CLAIM_SECRET_BLOCK": claim.SecretBlock,
			"PASSWORD_CLAIM_SIGNATURE": claim.Signature, "TIMESTAMP": claim.Timestamp,
		},
	})
}

func srpFixture(t *testing.T, c *cip.Client, mode types.UserPoolMfaType) *fixture {
	f := newFixture(t, c, mode, "")
	cl, err := c.CreateUserPoolClient(f.ctx, &cip.CreateUserPoolClientInput{UserPoolId: &f.poolID, ClientName: aws.String("srp")})
	must(t, err) // no ExplicitAuthFlows: AWS's default set, which includes ALLOW_USER_SRP_AUTH
	f.client = *cl.UserPoolClient.ClientId
	return f
}

func TestSRPSignIn(t *testing.T) {
	_, c, _ := newTestClient(t)
	f := srpFixture(t, c, types.UserPoolMfaTypeOff)
	f.user("bob")
	out, err := f.srpSignIn("bob", "Passw0rd!")
	must(t, err)
	if out.AuthenticationResult == nil || out.AuthenticationResult.AccessToken == nil {
		t.Fatalf("want tokens, got %+v", out)
	}
	// A claim made with another password: as AWS answers a wrong password.
	_, err = f.srpSignIn("bob", "Wrong-Passw0rd!")
	wantCode(t, err, "NotAuthorizedException")
}

func TestSRPSignInWrongSignatureMutation(t *testing.T) {
	_, c, _ := newTestClient(t, WithMutation("accept-wrong-password-signature"))
	f := srpFixture(t, c, types.UserPoolMfaTypeOff)
	f.user("bob")
	if _, err := f.srpSignIn("bob", "Wrong-Passw0rd!"); err != nil {
		t.Fatalf("the mutation should accept any signature: %v", err)
	}
}

// TestSRPSignInGivesTheSameMFAChallenge: after PASSWORD_VERIFIER, a required pool asks MFA_SETUP
// as the password sign-in does.
func TestSRPSignInGivesTheSameMFAChallenge(t *testing.T) {
	_, c, _ := newTestClient(t)
	f := srpFixture(t, c, types.UserPoolMfaTypeOn)
	f.user("carol")
	out, err := f.srpSignIn("carol", "Passw0rd!")
	must(t, err)
	if out.ChallengeName != types.ChallengeNameTypeMfaSetup || out.Session == nil {
		t.Fatalf("want MFA_SETUP with a session, got %q", out.ChallengeName)
	}
}

func TestSRPUnknownUserAndFlowNotEnabled(t *testing.T) {
	_, c, _ := newTestClient(t)
	f := newFixture(t, c, types.UserPoolMfaTypeOff, "") // ALLOW_ values without ALLOW_USER_SRP_AUTH
	_, err := c.InitiateAuth(f.ctx, &cip.InitiateAuthInput{ClientId: &f.client, AuthFlow: types.AuthFlowTypeUserSrpAuth,
		AuthParameters: map[string]string{"USERNAME": "x", "SRP_A": srp.NewClient(f.poolID).SRPA()}})
	wantCode(t, err, "InvalidParameterException")
	f = srpFixture(t, c, types.UserPoolMfaTypeOff)
	_, err = c.InitiateAuth(f.ctx, &cip.InitiateAuthInput{ClientId: &f.client, AuthFlow: types.AuthFlowTypeUserSrpAuth,
		AuthParameters: map[string]string{"USERNAME": "nobody", "SRP_A": srp.NewClient(f.poolID).SRPA()}})
	wantCode(t, err, "UserNotFoundException") // LEGACY client: issue 17
}

// TestLegacyFlowsAllowRefresh: a client configured with the legacy ExplicitAuthFlows values may
// refresh (AWS-verified in moto's tests, issue 17); the reference used to refuse it.
func TestLegacyFlowsAllowRefresh(t *testing.T) {
	_, c, _ := newTestClient(t)
	f := newFixture(t, c, types.UserPoolMfaTypeOff, "")
	cl, err := c.CreateUserPoolClient(f.ctx, &cip.CreateUserPoolClientInput{UserPoolId: &f.poolID, ClientName: aws.String("legacy"),
		ExplicitAuthFlows: []types.ExplicitAuthFlowsType{"ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH"}})
	must(t, err)
	f.client = *cl.UserPoolClient.ClientId
	f.user("dave")
	auth, err := f.signIn("dave")
	must(t, err)
	_, err = c.InitiateAuth(f.ctx, &cip.InitiateAuthInput{ClientId: &f.client, AuthFlow: types.AuthFlowTypeRefreshTokenAuth,
		AuthParameters: map[string]string{"REFRESH_TOKEN": *auth.AuthenticationResult.RefreshToken}})
	must(t, err)
}

// TestUnknownUserAtInitiateAuth: clients created through the API default to
// PreventUserExistenceErrors LEGACY ([BC] CreateUserPoolClient), so an unknown user is
// UserNotFoundException; ENABLED hides it behind NotAuthorizedException.
func TestUnknownUserAtInitiateAuth(t *testing.T) {
	_, c, _ := newTestClient(t)
	f := newFixture(t, c, types.UserPoolMfaTypeOff, "")
	_, err := f.signIn("nobody")
	wantCode(t, err, "UserNotFoundException")
	cl, err := c.CreateUserPoolClient(f.ctx, &cip.CreateUserPoolClientInput{UserPoolId: &f.poolID, ClientName: aws.String("hiding"),
		ExplicitAuthFlows:          []types.ExplicitAuthFlowsType{types.ExplicitAuthFlowsTypeAllowUserPasswordAuth},
		PreventUserExistenceErrors: types.PreventUserExistenceErrorTypesEnabled})
	must(t, err)
	if cl.UserPoolClient.PreventUserExistenceErrors != types.PreventUserExistenceErrorTypesEnabled {
		t.Fatalf("PreventUserExistenceErrors not kept: %q", cl.UserPoolClient.PreventUserExistenceErrors)
	}
	f.client = *cl.UserPoolClient.ClientId
	_, err = f.signIn("nobody")
	wantCode(t, err, "NotAuthorizedException")
}

// TestSignUpCodeDeliveryWhenEmailIsAutoVerified: AWS answers where the code went
// (issue 17: {"Destination":"t***@t***","DeliveryMedium":"EMAIL","AttributeName":"email"}).
func TestSignUpCodeDeliveryWhenEmailIsAutoVerified(t *testing.T) {
	_, c, _ := newTestClient(t)
	ctx := t.Context()
	p, err := c.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("p"), AutoVerifiedAttributes: []types.VerifiedAttributeType{"email"}})
	must(t, err)
	cl, err := c.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: p.UserPool.Id, ClientName: aws.String("c")})
	must(t, err)
	out, err := c.SignUp(ctx, &cip.SignUpInput{ClientId: cl.UserPoolClient.ClientId, Username: aws.String("u1"), Password: aws.String("Passw0rd!"),
		UserAttributes: []types.AttributeType{{Name: aws.String("email"), Value: aws.String("test@test.com")}}})
	must(t, err)
	d := out.CodeDeliveryDetails
	if d == nil || aws.ToString(d.Destination) != "t***@t***" || d.DeliveryMedium != types.DeliveryMediumTypeEmail || aws.ToString(d.AttributeName) != "email" {
		t.Fatalf("CodeDeliveryDetails %+v", d)
	}
	out, err = c.SignUp(ctx, &cip.SignUpInput{ClientId: cl.UserPoolClient.ClientId, Username: aws.String("u2"), Password: aws.String("Passw0rd!")})
	must(t, err)
	if out.CodeDeliveryDetails != nil {
		t.Fatalf("no e-mail, no delivery: %+v", out.CodeDeliveryDetails)
	}
}

// TestEmailUsernameIsTheSub: with UsernameAttributes ["email"] the username is the sub; the
// e-mail signs in (password and SRP) and the token's username claim is the sub (issue 17).
func TestEmailUsernameIsTheSub(t *testing.T) {
	_, c, _ := newTestClient(t)
	ctx := t.Context()
	p, err := c.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("p"), UsernameAttributes: []types.UsernameAttributeType{"email"}})
	must(t, err)
	f := &fixture{t: t, c: c, ctx: ctx, poolID: *p.UserPool.Id}
	cl, err := c.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: p.UserPool.Id, ClientName: aws.String("c"),
		ExplicitAuthFlows: []types.ExplicitAuthFlowsType{types.ExplicitAuthFlowsTypeAllowUserPasswordAuth, types.ExplicitAuthFlowsTypeAllowUserSrpAuth}})
	must(t, err)
	f.client = *cl.UserPoolClient.ClientId
	_, err = c.SignUp(ctx, &cip.SignUpInput{ClientId: &f.client, Username: aws.String("plain"), Password: aws.String("Passw0rd!")})
	wantCode(t, err, "InvalidParameterException")
	su, err := c.SignUp(ctx, &cip.SignUpInput{ClientId: &f.client, Username: aws.String("eve@example.com"), Password: aws.String("Passw0rd!")})
	must(t, err)
	_, err = c.AdminConfirmSignUp(ctx, &cip.AdminConfirmSignUpInput{UserPoolId: &f.poolID, Username: aws.String("eve@example.com")})
	must(t, err)
	g := f.get("eve@example.com")
	if aws.ToString(g.Username) != aws.ToString(su.UserSub) {
		t.Fatalf("username %q, want the sub %q", aws.ToString(g.Username), aws.ToString(su.UserSub))
	}
	auth, err := f.signIn("eve@example.com")
	must(t, err)
	claims := decodeClaims(t, *auth.AuthenticationResult.AccessToken)
	if claims["username"] != aws.ToString(su.UserSub) {
		t.Fatalf("token username %v, want the sub", claims["username"])
	}
	out, err := f.srpSignIn("eve@example.com", "Passw0rd!")
	must(t, err)
	if out.AuthenticationResult == nil {
		t.Fatalf("SRP sign-in by e-mail: %+v", out)
	}
}

// decodeClaims reads a JWT's payload without checking it (the reference signed it).
func decodeClaims(t *testing.T, jwt string) map[string]any {
	t.Helper()
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT")
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	must(t, err)
	var m map[string]any
	must(t, json.Unmarshal(b, &m))
	return m
}
