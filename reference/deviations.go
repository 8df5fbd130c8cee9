package reference

import (
	"time"
)

// Behaviours encoded for issue 12 (items 8 and 9): the region a request is signed for, the
// precondition of AdminResetUserPassword, the lockout after wrong MFA codes (B30) and the
// delivery of a password-reset code (B24). Their mutations are in the table (mutations.go).

// signingRegionMatches: a SigV4 credential scope names the region the request was signed for;
// an endpoint serves one region and refuses any other scope before it reads the request.
// The code is AWS's answer on other JSON services ("Credential should be scoped to a valid
// region", InvalidSignatureException); for cognito-idp it is INFERRED.
var signingRegionMatches = newRule("signing-region-matches", func(sc *sigCheck) *apiError {
	if sc.h.region != sc.c.s.region {
		return newErr("InvalidSignatureException", "Credential should be scoped to a valid region.")
	}
	return nil
})

// resetNeedsVerifiedContact: AWS refuses AdminResetUserPassword for a user with neither a
// verified e-mail nor a verified phone number (AWS-VERIFIED: the message below in public test
// code and in apps' error tables). The API reference does not contradict it ("your user pool
// must have self-service account recovery configured"), so both profiles model it.
var resetNeedsVerifiedContact = newRule("reset-needs-verified-contact", func(r *userRefReq) *apiError {
	if r.user.verified("email") || r.user.verified("phone_number") {
		return nil
	}
	return errNoVerifiedContact()
})

func errNoVerifiedContact() *apiError {
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

// mfaNotLockedOut: no MFA answer is taken during a lockout (B30).
var mfaNotLockedOut = newRule("mfa-not-locked-out", func(r *respondReq) *apiError {
	if r.s.now().Before(r.user.lockedUntil) {
		// The error of a locked-out MFA answer is not documented; INFERRED.
		return errNotAuthorized("Password attempts exceeded")
	}
	return nil
})

// codeMismatch counts a wrong MFA code and starts or extends the lockout (B30).
func (s *Server) codeMismatch(u *user) *apiError {
	u.mfaFailures++
	if n := u.mfaFailures - mfaLockoutAfter; n >= 0 {
		lockOut.use(s)(u, s.now(), n)
	}
	return newErr("CodeMismatchException", "Invalid code received for user")
}

// lockOut starts the n-th lockout window: 1, 2, 4, 8, then 16 minutes.
var lockOut = newPart("lockout-after-wrong-codes", func(u *user, now time.Time, n int) {
	u.lockedUntil = now.Add(time.Minute << min(n, 4))
})

type forgotPasswordIn struct {
	ClientId   *string
	SecretHash *string
	Username   *string

	delivery map[string]any // where the code goes (rule reset-code-channel)
}

type forgotReq = req[forgotPasswordIn]

// opForgotPassword sends (never delivers) a password-reset code and says where it went.
var opForgotPassword = operation[forgotPasswordIn]{
	validate: func(in *forgotPasswordIn, v *validator) {
		v.str(ruleClientID, in.ClientId)
		v.str(ruleUsername, in.Username)
	},
	rules: []rule[*forgotReq]{
		appClientExists(func(in *forgotPasswordIn) *string { return in.ClientId }),
		secretHash(func(r *forgotReq) (string, *string) { return *r.in.Username, r.in.SecretHash }),
		newRule("client-user-exists", func(r *forgotReq) *apiError {
			if r.user = r.client.pool.findUser(*r.in.Username); r.user == nil {
				return errUserNotFound()
			}
			return nil
		}),
		resetCodeChannel,
	},
	effect: func(r *forgotReq) any { return r.in.delivery },
}

// resetCodeChannel picks where the reset code goes. B24: "Users whose preferred MFA is by SMS
// message can't receive a password-reset code by SMS", and email likewise. With no
// AccountRecoverySetting on the pool (the fixtures set none) the documented legacy rule
// applies: "SMS is preferred over email".
var resetCodeChannel = newRule("reset-code-channel", func(r *forgotReq) *apiError {
	u, open := r.user, resetCodeAvoidsMFAFactor.use(r.s)
	switch {
	case u.verified("phone_number") && open(u, factorSMS):
		phone, _ := u.attr("phone_number")
		r.in.delivery = codeDelivery("SMS", "phone_number", maskPhone(phone))
	case u.verified("email") && open(u, factorEmail):
		email, _ := u.attr("email")
		r.in.delivery = codeDelivery("EMAIL", "email", maskEmail(email))
	default:
		return errNoVerifiedContact()
	}
	return nil
})

// resetCodeAvoidsMFAFactor: a channel that is the user's preferred MFA factor does not carry
// a reset code (B24).
var resetCodeAvoidsMFAFactor = newPart("reset-code-avoids-preferred-mfa", func(u *user, factor string) bool {
	return u.preferred != factor
})

func codeDelivery(medium, attribute, destination string) map[string]any {
	return map[string]any{"CodeDeliveryDetails": map[string]string{
		"DeliveryMedium": medium, "AttributeName": attribute, "Destination": destination,
	}}
}
