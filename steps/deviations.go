package steps

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/cucumber/godog"
	"github.com/pquerna/otp/totp"
	"github.com/tidwall/gjson"

	"github.com/cognito-conformance/cognito-conformance/outcome"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

// Steps for the deviations issue 12 asks the suite to catch (items 8 and 9): wrong MFA codes,
// requests signed for another region, users with verified contacts (the precondition of
// AdminResetUserPassword and of ForgotPassword's delivery) and the MFA lockout (B30).

// aConfirmedUserWithVerifiedEmail is the RESET_REQUIRED fixture's user: AdminResetUserPassword
// needs a verified contact (B27).
func (w *World) aConfirmedUserWithVerifiedEmail() error { return w.aConfirmedUser("an email address") }

// aUserWithVerifiedContacts creates a user whose phone number and e-mail are both verified:
// ForgotPassword may deliver to either (B24). The fixture verifies the e-mail; the phone
// number is marked verified by an administrator, as AWS allows.
func (w *World) aUserWithVerifiedContacts() error {
	if err := w.aConfirmedUser("a phone number and an email address"); err != nil {
		return err
	}
	body, _ := json.Marshal(map[string]any{
		"UserPoolId": w.pool.ID, "Username": w.user.Username,
		"UserAttributes": []map[string]string{{"Name": "phone_number_verified", "Value": "true"}},
	})
	return w.setUp("AdminUpdateUserAttributes", body, true)
}

// wrongTOTPCode is a well-formed code that matches none of the time steps a target may accept
// (the current one and one either side), so only a target that checks codes refuses it.
func wrongTOTPCode(secret string, now time.Time) string {
	valid := map[string]bool{}
	for _, d := range []time.Duration{-60, -30, 0, 30, 60} {
		if c, err := totp.GenerateCode(secret, now.Add(d*time.Second)); err == nil {
			valid[c] = true
		}
	}
	for i := 0; ; i++ {
		c := fmt.Sprintf("%06d", (123456+i*111111)%1000000)
		if !valid[c] {
			return c
		}
	}
}

func (w *World) theUserAnswersWithAWrongCode(factor string) error {
	if err := w.needUser(); err != nil {
		return err
	}
	if factor == "SMS" {
		// The harness never learns the code a target sent; any fixed code is wrong but for
		// one chance in a million.
		return w.respond("SMS_MFA", map[string]string{"SMS_MFA_CODE": "000000"})
	}
	if w.user.TOTPSecret == "" {
		return fmt.Errorf("%w: the user has no TOTP authenticator", outcome.ErrIncomplete)
	}
	return w.respond("SOFTWARE_TOKEN_MFA", map[string]string{"SOFTWARE_TOKEN_MFA_CODE": wrongTOTPCode(w.user.TOTPSecret, time.Now())})
}

// theUserVerifiesWithAWrongCode associates a new authenticator (set-up) and verifies it with
// a code it never produced (the call under test).
func (w *World) theUserVerifiesWithAWrongCode() error {
	if err := w.signedIn(); err != nil {
		return err
	}
	secret, err := w.env.Fixtures.AssociateTOTP(w.fixtureCtx(), w.tokens)
	if err != nil {
		return w.fixture(err)
	}
	body, _ := json.Marshal(map[string]string{
		"AccessToken": w.tokens.Access, "UserCode": wrongTOTPCode(secret, time.Now()), "FriendlyDeviceName": "cogconf",
	})
	return w.send("VerifySoftwareToken", string(body), false)
}

// otherRegion is a real region that is not the target's.
func (w *World) otherRegion() string {
	if w.env.Target.Region == "eu-west-3" {
		return "ca-central-1"
	}
	return "eu-west-3"
}

func (w *World) theClientSendsSignedForAnotherRegion(op string, doc *godog.DocString) error {
	return w.sendSignedWith(op, doc, func(c *wire.Client) { c.Region = w.otherRegion() })
}

func (w *World) theUserForgotThePassword() error {
	if err := w.needUser(); err != nil {
		return err
	}
	body, _ := json.Marshal(map[string]string{"ClientId": w.pool.ClientID, "Username": w.user.Username})
	return w.send("ForgotPassword", string(body), false)
}

// theUserFailsTOTP signs in and answers the TOTP challenge with a wrong code, n times. What each
// attempt answers is not asserted: the scenario's Then steps judge what follows (B30).
func (w *World) theUserFailsTOTP(n int) error {
	for i := 0; i < n; i++ {
		if err := w.theUserSignsIn(); err != nil {
			return err
		}
		if gjson.Get(w.last.Response.Body, "ChallengeName").String() != "SOFTWARE_TOKEN_MFA" {
			return fmt.Errorf("attempt %d: expected the SOFTWARE_TOKEN_MFA challenge: %s", i+1, summary(w.last))
		}
		if err := w.theUserAnswersWithAWrongCode("TOTP"); err != nil {
			return err
		}
		if w.last.Status/100 == 2 {
			// A lockout needs wrong codes to be refused. A target that accepts one deviates once,
			// in the scenario about wrong codes, not again here.
			w.notApplicable = fmt.Sprintf("the target accepted a wrong TOTP code (attempt %d: %s answered %d), so no wrong attempts were counted; the scenario about a wrong TOTP code at sign-in judges that",
				i+1, w.last.Operation, w.last.Status)
			return godog.ErrSkip
		}
	}
	return nil
}

// theUserSignsInWithTOTP signs in and, when the sign-in asks SOFTWARE_TOKEN_MFA, answers it with a
// fresh code. "The response" is the last answer: a refused sign-in or a refused code.
func (w *World) theUserSignsInWithTOTP() error {
	if err := w.theUserSignsIn(); err != nil {
		return err
	}
	if w.last.Status != 200 || gjson.Get(w.last.Response.Body, "ChallengeName").String() != "SOFTWARE_TOKEN_MFA" {
		return nil
	}
	return w.theUserAnswersWithTOTP()
}

// setUp sends a raw request as part of the scenario's set-up; it must succeed. (Set-up that
// has several routes to the same state goes through Fixtures.Reach instead: routes.go.)
func (w *World) setUp(op string, body []byte, signed bool) error {
	ex, err := w.env.Wire.Call(w.fixtureCtx(), wire.RoleFixture, op, body, signed)
	switch {
	case err != nil:
		return w.fixture(err)
	case w.missing(ex):
		return w.fixture(unimplemented(op))
	case ex.Status != 200:
		return w.fixture(fmt.Errorf("%s", summary(ex)))
	}
	return nil
}
