package reference

import (
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
