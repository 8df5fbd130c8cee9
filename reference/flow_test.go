package reference

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/pquerna/otp/totp"
)

func totpCode(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	c, err := totp.GenerateCodeCustom(secret, at, totpOpts)
	must(t, err)
	return c
}

// TestFullTOTPFlow: sign-up, TOTP registration, TOTP preferred, sign-in with
// SOFTWARE_TOKEN_MFA (B22a), code reuse (M16), read-back (B16), sign-out (M12).
func TestFullTOTPFlow(t *testing.T) {
	_, c, _ := newTestClient(t)
	f := newFixture(t, c, types.UserPoolMfaTypeOptional, "")
	ctx := f.ctx

	su, err := c.SignUp(ctx, &cip.SignUpInput{ClientId: &f.client, Username: aws.String("alice"), Password: aws.String("Passw0rd!")})
	must(t, err)
	if su.UserConfirmed || su.UserSub == nil {
		t.Fatalf("signup output %+v", su)
	}
	_, err = f.signIn("alice")
	wantCode(t, err, "UserNotConfirmedException")
	_, err = c.AdminConfirmSignUp(ctx, &cip.AdminConfirmSignUpInput{UserPoolId: &f.poolID, Username: aws.String("alice")})
	must(t, err)

	// B16: nothing set yet -> keys absent.
	if g := f.get("alice"); g.UserMFASettingList != nil || g.PreferredMfaSetting != nil || g.MFAOptions != nil {
		t.Fatalf("unexpected MFA fields: %+v", g)
	}

	auth, err := f.signIn("alice")
	must(t, err)
	if auth.AuthenticationResult == nil {
		t.Fatalf("want tokens, got challenge %s", auth.ChallengeName)
	}
	access := auth.AuthenticationResult.AccessToken

	// B7 (non-admin): TOTP cannot be enabled before registration.
	_, err = c.SetUserMFAPreference(ctx, &cip.SetUserMFAPreferenceInput{AccessToken: access,
		SoftwareTokenMfaSettings: &types.SoftwareTokenMfaSettingsType{Enabled: true, PreferredMfa: true}})
	wantCode(t, err, "InvalidParameterException")

	as, err := c.AssociateSoftwareToken(ctx, &cip.AssociateSoftwareTokenInput{AccessToken: access})
	must(t, err)
	now := time.Now()
	_, err = c.VerifySoftwareToken(ctx, &cip.VerifySoftwareTokenInput{AccessToken: access, UserCode: aws.String("000000")})
	if totpCode(t, *as.SecretCode, now) != "000000" {
		wantCode(t, err, "EnableSoftwareTokenMFAException")
	}
	usedCode := totpCode(t, *as.SecretCode, now)
	vr, err := c.VerifySoftwareToken(ctx, &cip.VerifySoftwareTokenInput{AccessToken: access, UserCode: aws.String(usedCode)})
	must(t, err)
	if vr.Status != types.VerifySoftwareTokenResponseTypeSuccess {
		t.Fatalf("verify status %s", vr.Status)
	}

	_, err = c.SetUserMFAPreference(ctx, &cip.SetUserMFAPreferenceInput{AccessToken: access,
		SoftwareTokenMfaSettings: &types.SoftwareTokenMfaSettingsType{Enabled: true, PreferredMfa: true}})
	must(t, err)
	g := f.get("alice")
	if len(g.UserMFASettingList) != 1 || g.UserMFASettingList[0] != "SOFTWARE_TOKEN_MFA" || aws.ToString(g.PreferredMfaSetting) != "SOFTWARE_TOKEN_MFA" {
		t.Fatalf("read-back: %v %v", g.UserMFASettingList, aws.ToString(g.PreferredMfaSetting))
	}
	gu, err := c.GetUser(ctx, &cip.GetUserInput{AccessToken: access})
	must(t, err)
	if aws.ToString(gu.PreferredMfaSetting) != "SOFTWARE_TOKEN_MFA" {
		t.Fatalf("GetUser preferred %v", gu.PreferredMfaSetting)
	}

	ch, err := f.signIn("alice")
	must(t, err)
	if ch.ChallengeName != types.ChallengeNameTypeSoftwareTokenMfa || ch.Session == nil || ch.ChallengeParameters["USER_ID_FOR_SRP"] != "alice" {
		t.Fatalf("challenge %+v", ch)
	}
	respond := func(session *string, code string) (*cip.RespondToAuthChallengeOutput, error) {
		return c.RespondToAuthChallenge(ctx, &cip.RespondToAuthChallengeInput{
			ClientId: &f.client, ChallengeName: types.ChallengeNameTypeSoftwareTokenMfa, Session: session,
			ChallengeResponses: map[string]string{"USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": code},
		})
	}
	// The code used for verification cannot be used again (M16).
	_, err = respond(ch.Session, usedCode)
	wantCode(t, err, "ExpiredCodeException")
	next := totpCode(t, *as.SecretCode, now.Add(30*time.Second))
	if next == usedCode {
		t.Skip("code collision")
	}
	rr, err := respond(ch.Session, next)
	must(t, err)
	if rr.AuthenticationResult == nil || rr.AuthenticationResult.AccessToken == nil {
		t.Fatalf("no tokens: %+v", rr)
	}
	_, err = respond(ch.Session, next)
	wantCode(t, err, "NotAuthorizedException") // session consumed

	// Global sign-out revokes every earlier token (M12).
	newAccess := rr.AuthenticationResult.AccessToken
	_, err = c.GlobalSignOut(ctx, &cip.GlobalSignOutInput{AccessToken: newAccess})
	must(t, err)
	_, err = c.GetUser(ctx, &cip.GetUserInput{AccessToken: access})
	wantCode(t, err, "NotAuthorizedException")
	_, err = c.SetUserMFAPreference(ctx, &cip.SetUserMFAPreferenceInput{AccessToken: newAccess})
	wantCode(t, err, "NotAuthorizedException")

	// B8: disabling TOTP keeps the secret; re-enabling works without re-association.
	must(t, f.setPref("alice", nil, nil, setting(false, false)))
	if g := f.get("alice"); g.PreferredMfaSetting != nil {
		t.Fatalf("preference should be cleared: %v", *g.PreferredMfaSetting)
	}
	must(t, f.setPref("alice", nil, nil, setting(true, false)))
}

func TestSelectMFATypeAndPreferred(t *testing.T) {
	for _, prof := range []Profile{ProfileAWS, ProfileDocumented} {
		t.Run(string(prof), func(t *testing.T) {
			_, c, _ := newTestClient(t, WithProfile(prof))
			f := newFixture(t, c, types.UserPoolMfaTypeOptional, "")
			f.user("bob", "phone_number", "+15555550100", "email", "bob@example.com")
			must(t, f.setPref("bob", setting(true, false), setting(true, false), nil))
			ch, err := f.signIn("bob")
			must(t, err)
			key := "MFAS_CAN_CHOOSE"
			if prof == ProfileDocumented {
				key = "MFAS_CAN_SELECT"
			}
			if ch.ChallengeName != types.ChallengeNameTypeSelectMfaType || ch.ChallengeParameters[key] != `["SMS_MFA","EMAIL_OTP"]` {
				t.Fatalf("B5: got %s %v", ch.ChallengeName, ch.ChallengeParameters)
			}
			sel, err := c.RespondToAuthChallenge(f.ctx, &cip.RespondToAuthChallengeInput{
				ClientId: &f.client, ChallengeName: types.ChallengeNameTypeSelectMfaType, Session: ch.Session,
				ChallengeResponses: map[string]string{"USERNAME": "bob", "ANSWER": "SMS_MFA"},
			})
			must(t, err)
			if sel.ChallengeName != types.ChallengeNameTypeSmsMfa || sel.ChallengeParameters["CODE_DELIVERY_DELIVERY_MEDIUM"] != "SMS" {
				t.Fatalf("select answer: %+v", sel)
			}
			// Preferring email now gives EMAIL_OTP directly.
			must(t, f.setPref("bob", nil, setting(true, true), nil))
			ch, err = f.signIn("bob")
			must(t, err)
			if ch.ChallengeName != types.ChallengeNameTypeEmailOtp {
				t.Fatalf("preferred email: %s", ch.ChallengeName)
			}
		})
	}
}

func TestPreferenceRules(t *testing.T) {
	_, c, _ := newTestClient(t)
	f := newFixture(t, c, types.UserPoolMfaTypeOptional, types.UserPoolTierTypeLite)
	f.user("carol", "phone_number", "+15555550100", "email", "carol@example.com", "email_verified", "true") // AdminResetUserPassword needs a verified contact
	f.user("dave")

	wantCode(t, f.setPref("carol", setting(true, true), setting(true, true), nil), "InvalidParameterException") // B3
	wantCode(t, f.setPref("carol", setting(false, true), nil, nil), "InvalidParameterException")                // B4
	wantCode(t, f.setPref("dave", setting(true, false), nil, nil), "InvalidParameterException")                 // B12
	wantCode(t, f.setPref("carol", nil, setting(true, false), nil), "InvalidParameterException")                // B9 (LITE)
	if g := f.get("carol"); g.UserMFASettingList != nil {
		t.Fatalf("rejected calls must not change state: %v", g.UserMFASettingList)
	}
	must(t, f.setPref("carol", nil, nil, nil)) // B18
	must(t, f.setPref("carol", setting(true, true), nil, nil))
	must(t, f.setPref("carol", nil, nil, setting(false, false))) // B17/B19
	g := f.get("carol")
	if len(g.UserMFASettingList) != 1 || aws.ToString(g.PreferredMfaSetting) != "SMS_MFA" {
		t.Fatalf("B19: %v %v", g.UserMFASettingList, g.PreferredMfaSetting)
	}

	// AdminSetUserSettings (B13-B15).
	set := func(user string, opts ...types.MFAOptionType) error {
		if opts == nil {
			opts = []types.MFAOptionType{} // serialized as [] (B14)
		}
		_, err := c.AdminSetUserSettings(f.ctx, &cip.AdminSetUserSettingsInput{UserPoolId: &f.poolID, Username: &user, MFAOptions: opts})
		return err
	}
	wantCode(t, set("carol", types.MFAOptionType{DeliveryMedium: types.DeliveryMediumTypeEmail, AttributeName: aws.String("email")}), "InvalidParameterException")
	wantCode(t, set("dave", types.MFAOptionType{DeliveryMedium: types.DeliveryMediumTypeSms, AttributeName: aws.String("phone_number")}), "InvalidParameterException")
	must(t, set("carol", types.MFAOptionType{DeliveryMedium: types.DeliveryMediumTypeSms, AttributeName: aws.String("phone_number")}))
	if g := f.get("carol"); len(g.MFAOptions) != 1 || g.MFAOptions[0].DeliveryMedium != types.DeliveryMediumTypeSms {
		t.Fatalf("MFAOptions: %+v", g.MFAOptions)
	}
	must(t, set("carol"))
	if g := f.get("carol"); g.MFAOptions != nil {
		t.Fatalf("MFAOptions should be gone: %+v", g.MFAOptions)
	}

	// B27 status checks.
	_, err := c.AdminResetUserPassword(f.ctx, &cip.AdminResetUserPasswordInput{UserPoolId: &f.poolID, Username: aws.String("carol")})
	must(t, err)
	wantCode(t, f.setPref("carol", setting(true, false), nil, nil), "PasswordResetRequiredException")
	wantCode(t, f.setPref("nobody", setting(true, false), nil, nil), "UserNotFoundException")
}

func TestB7Profiles(t *testing.T) {
	for _, tc := range []struct {
		prof    Profile
		wantErr string
	}{{ProfileAWS, "InvalidParameterException"}, {ProfileDocumented, ""}} {
		t.Run(string(tc.prof), func(t *testing.T) {
			_, c, _ := newTestClient(t, WithProfile(tc.prof))
			f := newFixture(t, c, types.UserPoolMfaTypeOptional, "")
			f.user("erin")
			err := f.setPref("erin", nil, nil, setting(true, true))
			wantCode(t, err, tc.wantErr)
			g := f.get("erin")
			if tc.wantErr == "" {
				if aws.ToString(g.PreferredMfaSetting) != "SOFTWARE_TOKEN_MFA" {
					t.Fatalf("documented profile should record TOTP preferred: %+v", g)
				}
				ch, err := f.signIn("erin")
				must(t, err)
				if ch.ChallengeName != types.ChallengeNameTypeSoftwareTokenMfa {
					t.Fatalf("challenge %s", ch.ChallengeName)
				}
			} else if g.PreferredMfaSetting != nil || g.UserMFASettingList != nil {
				t.Fatalf("aws profile must not record: %+v", g)
			}
		})
	}
}

func TestB20RequiredPool(t *testing.T) {
	for _, tc := range []struct {
		prof    Profile
		wantErr string
	}{{ProfileAWS, ""}, {ProfileDocumented, "InvalidParameterException"}} {
		t.Run(string(tc.prof), func(t *testing.T) {
			_, c, _ := newTestClient(t, WithProfile(tc.prof))
			f := newFixture(t, c, types.UserPoolMfaTypeOn, "")
			f.user("fay", "phone_number", "+15555550100")
			must(t, f.setPref("fay", setting(true, true), nil, nil))
			wantCode(t, f.setPref("fay", setting(false, false), nil, nil), tc.wantErr)
		})
	}
}

func TestMFASetupFlow(t *testing.T) {
	_, c, _ := newTestClient(t)
	f := newFixture(t, c, types.UserPoolMfaTypeOn, "")
	f.user("gus")
	ch, err := f.signIn("gus")
	must(t, err)
	if ch.ChallengeName != types.ChallengeNameTypeMfaSetup || ch.ChallengeParameters["MFAS_CAN_SETUP"] != `["SOFTWARE_TOKEN_MFA"]` {
		t.Fatalf("B22b: %+v", ch)
	}
	as, err := c.AssociateSoftwareToken(f.ctx, &cip.AssociateSoftwareTokenInput{Session: ch.Session})
	must(t, err)
	vr, err := c.VerifySoftwareToken(f.ctx, &cip.VerifySoftwareTokenInput{Session: as.Session, UserCode: aws.String(totpCode(t, *as.SecretCode, time.Now()))})
	must(t, err)
	rr, err := c.RespondToAuthChallenge(f.ctx, &cip.RespondToAuthChallengeInput{
		ClientId: &f.client, ChallengeName: types.ChallengeNameTypeMfaSetup, Session: vr.Session,
		ChallengeResponses: map[string]string{"USERNAME": "gus"},
	})
	must(t, err)
	if rr.AuthenticationResult == nil {
		t.Fatalf("want tokens: %+v", rr)
	}
	ch, err = f.signIn("gus")
	must(t, err)
	if ch.ChallengeName != types.ChallengeNameTypeSoftwareTokenMfa {
		t.Fatalf("after setup: %s", ch.ChallengeName)
	}
}
