package reference

import (
	"time"
)

// Behaviours encoded for issue 12 (items 8 and 9): the region a request is signed for, the
// precondition of AdminResetUserPassword, the lockout after wrong MFA codes (B30) and the
// delivery of a password-reset code (B24). Their mutations are listed at the end.

// checkSigningRegion: a SigV4 credential scope names the region the request was signed for;
// an endpoint serves one region and refuses any other scope before it reads the request.
// The code is AWS's answer on other JSON services ("Credential should be scoped to a valid
// region", InvalidSignatureException); for cognito-idp it is INFERRED.
func (s *Server) checkSigningRegion(h sigV4Header) *apiError {
	if h.region == s.region || s.mutated("accept-any-signing-region") {
		return nil
	}
	return newErr("InvalidSignatureException", "Credential should be scoped to a valid region.")
}

// resetPrecondition: AWS refuses AdminResetUserPassword for a user with neither a verified
// e-mail nor a verified phone number (AWS-VERIFIED: the message below in public test code and
// in apps' error tables). The API reference does not contradict it ("your user pool must have
// self-service account recovery configured"), so both profiles model it.
func (s *Server) resetPrecondition(u *user) *apiError {
	if s.mutated("reset-password-without-verified-contact") {
		return nil
	}
	if u.verified("email") || u.verified("phone_number") {
		return nil
	}
	return errInvalidParameter("Cannot reset password for the user as there is no registered/verified email or phone_number")
}

// verified reports whether the user has the attribute and its *_verified flag is true.
func (u *user) verified(name string) bool {
	v, _ := u.attr(name + "_verified")
	return u.hasAttr(name) && v == "true"
}

// mfaLockoutAfter is the number of wrong codes after which the lockout starts (B30: "After
// five unsuccessful attempts to present an MFA code, Amazon Cognito begins the
// exponential-timeout lockout process"). The durations are not documented; the reference
// starts at a minute and doubles, so a scenario's next answer falls inside the first window.
const mfaLockoutAfter = 5

func (s *Server) lockedOut(u *user) *apiError {
	if s.now().Before(u.lockedUntil) {
		// The error of a locked-out MFA answer is not documented; INFERRED.
		return errNotAuthorized("Password attempts exceeded")
	}
	return nil
}

// codeMismatch counts a wrong MFA code and starts or extends the lockout (B30).
func (s *Server) codeMismatch(u *user) *apiError {
	u.mfaFailures++
	if n := u.mfaFailures - mfaLockoutAfter; n >= 0 && !s.mutated("no-mfa-lockout") {
		wait := time.Minute << min(n, 4) // 1, 2, 4, 8, 16 minutes
		u.lockedUntil = s.now().Add(wait)
	}
	return newErr("CodeMismatchException", "Invalid code received for user")
}

type forgotPasswordIn struct {
	ClientId   *string
	SecretHash *string
	Username   *string
}

// opForgotPassword sends (never delivers) a password-reset code and says where it went.
// B24: "Users whose preferred MFA is by SMS message can't receive a password-reset code by
// SMS", and email likewise. With no AccountRecoverySetting on the pool (the fixtures set
// none) the documented legacy rule applies: "SMS is preferred over email".
func opForgotPassword(c *call) (any, *apiError) {
	var in forgotPasswordIn
	if e := prepare(c, &in, func(in *forgotPasswordIn, v *validator) {
		v.str(ruleClientID, in.ClientId)
		v.str(ruleUsername, in.Username)
	}); e != nil {
		return nil, e
	}
	cl, e := c.s.lookupClient(*in.ClientId)
	if e != nil {
		return nil, e
	}
	if e := checkSecretHash(cl, *in.Username, in.SecretHash); e != nil {
		return nil, e
	}
	u := cl.pool.findUser(*in.Username)
	if u == nil {
		return nil, errUserNotFound()
	}
	ignoreMFA := c.s.mutated("forgot-password-ignores-mfa-preference")
	switch {
	case u.verified("phone_number") && (u.preferred != factorSMS || ignoreMFA):
		phone, _ := u.attr("phone_number")
		return codeDelivery("SMS", "phone_number", maskPhone(phone)), nil
	case u.verified("email") && (u.preferred != factorEmail || ignoreMFA):
		email, _ := u.attr("email")
		return codeDelivery("EMAIL", "email", maskEmail(email)), nil
	}
	return nil, errInvalidParameter("Cannot reset password for the user as there is no registered/verified email or phone_number")
}

func codeDelivery(medium, attribute, destination string) map[string]any {
	return map[string]any{"CodeDeliveryDetails": map[string]string{
		"DeliveryMedium": medium, "AttributeName": attribute, "Destination": destination,
	}}
}

// issue12Mutations break the behaviours above and the ones issue 12 asserts for the first time.
var issue12Mutations = []Mutation{
	// ---- Each client's serializer form (S1.2, S1.3) ----
	{Name: "ignore-empty-settings-block", Breaks: []string{"S1.2", "S1.3"},
		Description: "a settings block with no members ({}: how aws-sdk-go-v2 sends Enabled:false, PreferredMfa:false) is ignored instead of turning the factor off (moto's reading)"},

	// ---- Codes and challenges (B22) ----
	{Name: "accept-wrong-totp-code", Breaks: []string{"B22"},
		Description: "a wrong SOFTWARE_TOKEN_MFA_CODE gives tokens instead of CodeMismatchException"},
	{Name: "accept-wrong-sms-code", Breaks: []string{"B22"},
		Description: "a wrong SMS_MFA_CODE gives tokens instead of CodeMismatchException"},
	{Name: "accept-wrong-verify-code", Breaks: []string{"B22"},
		Description: "VerifySoftwareToken registers an authenticator with a wrong code instead of EnableSoftwareTokenMFAException"},
	{Name: "empty-challenge-parameters", Breaks: []string{"B22"},
		Description: "SMS_MFA and SOFTWARE_TOKEN_MFA challenges carry empty ChallengeParameters (no CODE_DELIVERY_* for SMS)"},

	// ---- Wire contract of a request (S1.1) ----
	{Name: "read-invalid-json-as-empty", Breaks: []string{"S1.1"},
		Description: "a body that is not a JSON object is read as {} instead of SerializationException"},
	{Name: "ignore-member-type-errors", Breaks: []string{"S1.1"},
		Description: "a member of the wrong JSON type is dropped and the request served instead of SerializationException"},
	{Name: "error-content-type-application-json", Breaks: []string{"S1.1"},
		Description: "error answers carry Content-Type application/json instead of application/x-amz-json-1.1"},
	{Name: "accept-any-signing-region", Breaks: []string{"S1.1"},
		Description: "a request signed for another region than the endpoint's is served instead of InvalidSignatureException"},

	// ---- Preconditions and recovery (B23, B24, B27, B30) ----
	{Name: "reset-password-without-verified-contact", Breaks: []string{"B27"},
		Description: "AdminResetUserPassword resets a user with no verified e-mail or phone instead of InvalidParameterException"},
	{Name: "ignore-pool-totp-setting", Breaks: []string{"B23"},
		Description: "AssociateSoftwareToken hands out a secret in a pool where TOTP was never enabled instead of SoftwareTokenMFANotFoundException"},
	{Name: "forgot-password-ignores-mfa-preference", Breaks: []string{"B24"},
		Description: "ForgotPassword sends the reset code by SMS to a user whose preferred MFA is SMS"},
	{Name: "no-mfa-lockout", Breaks: []string{"B30"},
		Description: "five wrong MFA codes in a row start no lockout: the next correct code gives tokens"},
}

func init() { mutationRegistry = append(mutationRegistry, issue12Mutations...) }
