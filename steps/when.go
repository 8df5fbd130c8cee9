package steps

import (
	"encoding/json"
	"fmt"

	"github.com/cucumber/godog"
	"github.com/tidwall/gjson"

	"github.com/cognito-conformance/cognito-conformance/redact"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

// send makes a call that is the behaviour under test and keeps it as "the response".
func (w *World) send(op, body string, signed bool) error {
	ex, err := w.env.Wire.Call(w.ctx, wire.RoleSubject, op, []byte(body), signed)
	w.last = ex
	if err != nil {
		return err
	}
	w.learn(secretsIn(ex.Response.Body)...)
	if w.missing(ex) {
		return unimplemented(op)
	}
	if s := gjson.Get(ex.Response.Body, "Session"); s.Exists() {
		w.session = s.String()
	}
	return nil
}

// secretsIn finds every secret member of a request or response (redact.SecretFields), so the
// redactor masks those values wherever else they appear (error messages, command lines).
func secretsIn(body string) []string { return redact.ValuesIn(body) }

func (w *World) theClientSends(signing, op string, doc *godog.DocString) error {
	body, err := w.expand(doc.Content)
	if err != nil {
		return err
	}
	return w.send(op, body, signing == "signed")
}

func (w *World) theAdministratorReadsTheUserBack() error {
	if err := w.needUser(); err != nil {
		return err
	}
	body, _ := json.Marshal(map[string]string{"UserPoolId": w.pool.ID, "Username": w.user.Username})
	return w.send("AdminGetUser", string(body), true)
}

func (w *World) theUserReadsTheirProfileBack() error {
	if err := w.signedIn(); err != nil {
		return err
	}
	body, _ := json.Marshal(map[string]string{"AccessToken": w.tokens.Access})
	return w.send("GetUser", string(body), false)
}

func (w *World) theUserSignsIn() error {
	if err := w.needUser(); err != nil {
		return err
	}
	w.signInFlow = flowUserPassword
	body, _ := json.Marshal(map[string]any{
		"ClientId": w.pool.ClientID, "AuthFlow": "USER_PASSWORD_AUTH",
		"AuthParameters": map[string]string{"USERNAME": w.user.Username, "PASSWORD": w.user.Password},
	})
	return w.send("InitiateAuth", string(body), false)
}

func (w *World) respond(challenge string, responses map[string]string) error {
	if err := w.needUser(); err != nil {
		return err
	}
	if w.session == "" {
		// The sign-in under test gave no challenge: the Then steps after it say so; this step
		// cannot go on.
		return fmt.Errorf("there is no challenge to answer: %s", summary(w.last))
	}
	responses["USERNAME"] = w.user.Username
	req := map[string]any{
		"ClientId": w.pool.ClientID, "ChallengeName": challenge, "Session": w.session, "ChallengeResponses": responses,
	}
	if w.signInFlow == flowAdminPassword {
		// A sign-in the administrator started is answered the administrator's way (signed).
		req["UserPoolId"] = w.pool.ID
		body, _ := json.Marshal(req)
		return w.send("AdminRespondToAuthChallenge", string(body), true)
	}
	body, _ := json.Marshal(req)
	return w.send("RespondToAuthChallenge", string(body), false)
}

func (w *World) theUserAnswersWithTOTP() error {
	code, err := w.env.Fixtures.NextTOTPCode(w.ctx, w.user)
	if err != nil {
		return err
	}
	w.lastTOTPCode = code
	return w.respond("SOFTWARE_TOKEN_MFA", map[string]string{"SOFTWARE_TOKEN_MFA_CODE": code})
}

func (w *World) theUserChooses(factor string) error {
	return w.respond("SELECT_MFA_TYPE", map[string]string{"ANSWER": factor})
}

// theUserCompletesMFASetup runs the MFA_SETUP flow of catalogue B22(b):
// AssociateSoftwareToken(Session) → VerifySoftwareToken(Session, code) → RespondToAuthChallenge(MFA_SETUP).
func (w *World) theUserCompletesMFASetup() error {
	if err := w.needUser(); err != nil {
		return err
	}
	if w.session == "" {
		return fmt.Errorf("there is no MFA_SETUP session: %s", summary(w.last))
	}
	body, _ := json.Marshal(map[string]string{"Session": w.session})
	if err := w.send("AssociateSoftwareToken", string(body), false); err != nil {
		return err
	}
	secret := gjson.Get(w.last.Response.Body, "SecretCode").String()
	if w.last.Status != 200 || secret == "" {
		return fmt.Errorf("MFA setup: %s", summary(w.last))
	}
	w.user.TOTPSecret = secret
	code, err := w.env.Fixtures.NextTOTPCode(w.ctx, w.user)
	if err != nil {
		return err
	}
	body, _ = json.Marshal(map[string]string{"Session": w.session, "UserCode": code, "FriendlyDeviceName": "cogconf"})
	if err := w.send("VerifySoftwareToken", string(body), false); err != nil {
		return err
	}
	if w.last.Status != 200 || gjson.Get(w.last.Response.Body, "Status").String() != "SUCCESS" {
		return fmt.Errorf("MFA setup: %s", summary(w.last))
	}
	return w.respond("MFA_SETUP", map[string]string{})
}
