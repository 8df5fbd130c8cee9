package reference

import (
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func TestClockSessionAndTokenExpiry(t *testing.T) {
	clk := &fakeClock{t: time.Now()}
	_, c, _ := newTestClient(t, WithClock(clk.now))
	f := newFixture(t, c, types.UserPoolMfaTypeOptional, "")
	f.user("ian", "phone_number", "+15555550100", "phone_number_verified", "true") // AdminResetUserPassword needs a verified contact
	must(t, f.setPref("ian", setting(true, true), nil, nil))
	ch, err := f.signIn("ian")
	must(t, err)
	if ch.ChallengeName != types.ChallengeNameTypeSmsMfa || ch.ChallengeParameters["CODE_DELIVERY_DESTINATION"] != "+*******0100" {
		t.Fatalf("SMS challenge: %+v", ch)
	}
	respond := func() error {
		_, err := c.RespondToAuthChallenge(f.ctx, &cip.RespondToAuthChallengeInput{
			ClientId: &f.client, ChallengeName: types.ChallengeNameTypeSmsMfa, Session: ch.Session,
			ChallengeResponses: map[string]string{"USERNAME": "ian", "SMS_MFA_CODE": "000000x"},
		})
		return err
	}
	wantCode(t, respond(), "CodeMismatchException")
	clk.add(4 * time.Minute)
	wantCode(t, respond(), "NotAuthorizedException") // session expired

	// Tokens expire after an hour of server time.
	must(t, f.setPref("ian", setting(false, false), nil, nil))
	auth, err := f.signIn("ian")
	must(t, err)
	_, err = c.GetUser(f.ctx, &cip.GetUserInput{AccessToken: auth.AuthenticationResult.AccessToken})
	must(t, err)
	// RESET_REQUIRED does not revoke tokens, so the token op reaches B27.
	_, err = c.AdminResetUserPassword(f.ctx, &cip.AdminResetUserPasswordInput{UserPoolId: &f.poolID, Username: aws.String("ian")})
	must(t, err)
	_, err = c.SetUserMFAPreference(f.ctx, &cip.SetUserMFAPreferenceInput{AccessToken: auth.AuthenticationResult.AccessToken,
		SMSMfaSettings: &types.SMSMfaSettingsType{Enabled: true}})
	wantCode(t, err, "PasswordResetRequiredException")
	clk.add(61 * time.Minute)
	_, err = c.GetUser(f.ctx, &cip.GetUserInput{AccessToken: auth.AuthenticationResult.AccessToken})
	wantCode(t, err, "NotAuthorizedException")
}
