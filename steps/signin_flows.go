package steps

// Sign-in through each auth flow a client uses (issue 17): USER_PASSWORD_AUTH,
// ADMIN_USER_PASSWORD_AUTH and USER_SRP_AUTH, whose client side (SRP-6a, package srp) the step
// library does itself. After the flow's own exchanges, "the response" is what the sign-in
// gives: tokens or the MFA challenge the preference set, so one scenario judges every flow.

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tidwall/gjson"

	"github.com/cognito-conformance/cognito-conformance/srp"
)

// The auth flows the sign-in steps drive.
const (
	flowUserPassword  = "USER_PASSWORD_AUTH"
	flowAdminPassword = "ADMIN_USER_PASSWORD_AUTH"
	flowUserSRP       = "USER_SRP_AUTH"
)

func (w *World) theUserSignsInWith(flow string) error {
	if err := w.needUser(); err != nil {
		return err
	}
	switch flow {
	case flowUserSRP:
		return w.signInWithSRP(w.user.Password)
	case flowAdminPassword:
		w.signInFlow = flowAdminPassword
		body, _ := json.Marshal(map[string]any{
			"UserPoolId": w.pool.ID, "ClientId": w.pool.ClientID, "AuthFlow": flowAdminPassword,
			"AuthParameters": map[string]string{"USERNAME": w.user.Username, "PASSWORD": w.user.Password},
		})
		return w.send("AdminInitiateAuth", string(body), true)
	}
	return w.theUserSignsIn()
}

// theUserSignsInWithSRPAndAWrongPassword answers PASSWORD_VERIFIER with a proof made from
// another password: the signature the target must refuse.
func (w *World) theUserSignsInWithSRPAndAWrongPassword() error {
	if err := w.needUser(); err != nil {
		return err
	}
	return w.signInWithSRP(w.user.Password + "-wrong")
}

// signInWithSRP runs InitiateAuth USER_SRP_AUTH and answers its PASSWORD_VERIFIER challenge
// with a proof of password. An InitiateAuth that does not ask PASSWORD_VERIFIER is the
// target's deviation; the answer to the proof is "the response" for the Then steps.
func (w *World) signInWithSRP(password string) error {
	w.signInFlow = flowUserSRP
	w.session = ""
	client := srp.NewClient(w.pool.ID)
	body, _ := json.Marshal(map[string]any{
		"ClientId": w.pool.ClientID, "AuthFlow": flowUserSRP,
		"AuthParameters": map[string]string{"USERNAME": w.user.Username, "SRP_A": client.SRPA()},
	})
	if err := w.send("InitiateAuth", string(body), false); err != nil {
		return err
	}
	answer := w.last.Response.Body
	if w.last.Status != 200 || gjson.Get(answer, "ChallengeName").String() != "PASSWORD_VERIFIER" {
		return fmt.Errorf("USER_SRP_AUTH must ask PASSWORD_VERIFIER first: %s", summary(w.last))
	}
	p := gjson.Get(answer, "ChallengeParameters")
	claim, err := client.Answer(srp.Challenge{
		UserIDForSRP: p.Get("USER_ID_FOR_SRP").String(), SRPB: p.Get("SRP_B").String(),
		Salt: p.Get("SALT").String(), SecretBlock: p.Get("SECRET_BLOCK").String(),
	}, password, time.Now())
	if errors.Is(err, srp.ErrBadChallenge) {
		return fmt.Errorf("%v: %s", err, summary(w.last))
	}
	if err != nil {
		return err
	}
	req := map[string]any{
		"ClientId": w.pool.ClientID, "ChallengeName": "PASSWORD_VERIFIER",
		"ChallengeResponses": map[string]string{
			// AWS's clients answer with USER_ID_FOR_SRP as the USERNAME.
			"USERNAME":                    p.Get("USER_ID_FOR_SRP").String(),
			"PASSWORD_CLAIM_SECRET_BLOCK": claim.SecretBlock,
			"PASSWORD_CLAIM_SIGNATURE":    claim.Signature,
			"TIMESTAMP":                   claim.Timestamp,
		},
	}
	if s := gjson.Get(answer, "Session").String(); s != "" {
		req["Session"] = s
	}
	w.session = ""
	body, _ = json.Marshal(req)
	return w.send("RespondToAuthChallenge", string(body), false)
}
