package reference

import (
	"crypto/subtle"
	"strings"
)

// RespondToAuthChallenge and AdminRespondToAuthChallenge: rules common to
// every challenge, then the rules and effect of the session's challenge.

type respondIn struct {
	UserPoolId         *string
	ClientId           *string
	ChallengeName      *string
	Session            *string
	ChallengeResponses map[string]string

	step   int64  // the TOTP code's time step (rule totp-code-matches)
	answer string // the factor chosen at SELECT_MFA_TYPE (rule answer-is-offered)
}

type respondReq = req[respondIn]

var ruleChallengeName = strRule{member: "challengeName", required: true, enum: []string{
	"SMS_MFA", "EMAIL_OTP", "SOFTWARE_TOKEN_MFA", "SELECT_MFA_TYPE", "MFA_SETUP", "PASSWORD_VERIFIER",
	"CUSTOM_CHALLENGE", "SELECT_CHALLENGE", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER", "ADMIN_NO_SRP_AUTH",
	"NEW_PASSWORD_REQUIRED", "SMS_OTP", "PASSWORD", "WEB_AUTHN", "PASSWORD_SRP",
}}

var opRespondToAuthChallenge = operation[respondIn]{
	validate: func(in *respondIn, v *validator) { validateRespond(in, v, false) },
	rules:    respondRules(appClientExists(func(in *respondIn) *string { return in.ClientId })),
	effect:   answerChallenge,
}

var opAdminRespondToAuthChallenge = operation[respondIn]{
	validate: func(in *respondIn, v *validator) { validateRespond(in, v, true) },
	rules:    respondRules(poolClientExists(func(in *respondIn) (*string, *string) { return in.UserPoolId, in.ClientId })),
	effect:   answerChallenge,
}

func validateRespond(in *respondIn, v *validator, admin bool) {
	if admin {
		v.str(ruleUserPoolID, in.UserPoolId)
	}
	v.str(ruleClientID, in.ClientId)
	v.str(ruleChallengeName, in.ChallengeName)
	v.str(ruleSession, in.Session)
}

func respondRules(findClient rule[*respondReq]) []rule[*respondReq] {
	rules := []rule[*respondReq]{
		findClient, sessionValid, challengeUsernamePresent, sessionUserExists, usernameMatchesSession,
		secretHash(func(r *respondReq) (string, *string) {
			return r.in.ChallengeResponses["USERNAME"], optParam(r.in.ChallengeResponses, "SECRET_HASH")
		}),
		challengeSupported,
	}
	for _, c := range challenges {
		rules = append(rules, c.rules)
	}
	return rules
}

func response(r *respondReq, key string) string { return r.in.ChallengeResponses[key] }

var (
	sessionValid = newRule("session-valid", func(r *respondReq) *apiError {
		sess, ok := r.s.challengeSession(&r.in)
		if !ok || sess.clientID != r.client.id || sess.challenge != *r.in.ChallengeName {
			return errInvalidSession()
		}
		r.sess = sess
		return nil
	})
	challengeUsernamePresent = newRule("challenge-username-present", func(r *respondReq) *apiError {
		return needResponse(r, "USERNAME")
	})
	sessionUserExists = newRule("session-user-exists", func(r *respondReq) *apiError {
		var e *apiError
		r.pool, r.user, e = r.s.lookupUser(r.sess.poolID, r.sess.username)
		return e
	})
	usernameMatchesSession = newRule("username-matches-session", func(r *respondReq) *apiError {
		if name := response(r, "USERNAME"); name != r.user.username && name != r.user.sub {
			return errInvalidSession()
		}
		return nil
	})
	challengeSupported = newRule("challenge-supported", func(r *respondReq) *apiError {
		for _, c := range challenges {
			if contains(c.names, r.sess.challenge) {
				return nil
			}
		}
		return errInvalidParameter("Unsupported challenge in the reference target: %s", r.sess.challenge)
	})
)

// challengeSession is the sign-in a challenge answer continues: the one its
// Session names, or for PASSWORD_VERIFIER the SRP exchange it claims (srp.go).
func (s *Server) challengeSession(in *respondIn) (*authSession, bool) {
	if *in.ChallengeName == "PASSWORD_VERIFIER" {
		return s.srpSession(in.Session, in.ChallengeResponses)
	}
	if in.Session == nil {
		return nil, false
	}
	sess, ok := s.sessions[*in.Session]
	return sess, ok
}

func needResponse(r *respondReq, key string) *apiError {
	if response(r, key) == "" {
		return errInvalidParameter("Missing required parameter %s", key)
	}
	return nil
}

// challengeAnswer is how one kind of challenge is answered: its rules (a
// group that applies to the named challenges) and its effect.
type challengeAnswer struct {
	names  []string
	rules  rule[*respondReq]
	effect func(*respondReq) any
}

func newChallenge(name string, names []string, effect func(*respondReq) any, rules ...rule[*respondReq]) challengeAnswer {
	applies := func(r *respondReq) bool { return contains(names, r.sess.challenge) }
	return challengeAnswer{names: names, rules: group(name, applies, rules...), effect: effect}
}

func answerChallenge(r *respondReq) any {
	for _, c := range challenges {
		if contains(c.names, r.sess.challenge) {
			return c.effect(r)
		}
	}
	return nil // unreachable: rule challenge-supported
}

// signedIn ends the flow with tokens.
func signedIn(r *respondReq) any {
	delete(r.s.sessions, r.sess.id)
	return r.s.issueTokens(r.pool, r.client, r.user, "", r.s.now(), true)
}

var challenges = []challengeAnswer{
	passwordVerifierChallenge,
	newChallenge("new-password-challenge", []string{"NEW_PASSWORD_REQUIRED"}, setNewPassword,
		newRule("new-password-present", func(r *respondReq) *apiError { return needResponse(r, "NEW_PASSWORD") })),
	newChallenge("totp-challenge", []string{factorTOTP}, func(r *respondReq) any {
		r.user.totpUsed[r.in.step] = true
		return signedIn(r)
	},
		newRule("totp-code-present", func(r *respondReq) *apiError { return needResponse(r, "SOFTWARE_TOKEN_MFA_CODE") }),
		// Reachable when the documented profile let an admin enable TOTP
		// before registration (B7); M18 is the observed message.
		newRule("authenticator-registered", func(r *respondReq) *apiError {
			if r.user.totpSecret == "" {
				return newErr("SoftwareTokenMFANotFoundException", "Software Token MFA does not exist for the user.")
			}
			return nil
		}),
		mfaNotLockedOut,
		totpCodeMatches,
		// M16, B22e: a code counts once in its time window.
		newRule("totp-code-unused", func(r *respondReq) *apiError {
			if r.user.totpUsed[r.in.step] {
				return newErr("ExpiredCodeException", "Your software token has already been used once.")
			}
			return nil
		})),
	newChallenge("code-challenge", []string{factorSMS, factorEmail}, signedIn,
		newRule("mfa-code-present", func(r *respondReq) *apiError { return needResponse(r, codeKey(r)) }),
		mfaNotLockedOut,
		mfaCodeMatches),
	newChallenge("select-mfa-type-challenge", []string{"SELECT_MFA_TYPE"}, func(r *respondReq) any {
		r.sess.choices = nil
		return r.s.startFactor(r.sess, r.user, r.in.answer)
	},
		newRule("answer-is-offered", func(r *respondReq) *apiError {
			r.in.answer = response(r, "ANSWER")
			if r.in.answer == "EMAIL_MFA" { // the [BC] doc spells the email answer this way
				r.in.answer = factorEmail
			}
			if !contains(r.sess.choices, r.in.answer) {
				return errInvalidParameter("Invalid value for ANSWER: %s", response(r, "ANSWER"))
			}
			return nil
		})),
	newChallenge("mfa-setup-challenge", []string{"MFA_SETUP"}, signedIn,
		newRule("software-token-verified", func(r *respondReq) *apiError {
			if !r.sess.setupVerified {
				return errInvalidParameter("Software token has not been verified for this session")
			}
			return nil
		})),
}

// A right code ends a run of wrong ones (B30); a wrong one counts.
var (
	totpCodeMatches = newRule("totp-code-matches", func(r *respondReq) *apiError {
		if r.in.step = totpStep(r.user.totpSecret, response(r, "SOFTWARE_TOKEN_MFA_CODE"), r.s.now()); r.in.step < 0 {
			return r.s.codeMismatch(r.user)
		}
		r.user.mfaFailures = 0
		return nil
	})
	mfaCodeMatches = newRule("mfa-code-matches", func(r *respondReq) *apiError {
		if subtle.ConstantTimeCompare([]byte(response(r, codeKey(r))), []byte(r.sess.code)) != 1 {
			return r.s.codeMismatch(r.user)
		}
		r.user.mfaFailures = 0
		return nil
	})
)

// codeKey is the response member that carries an SMS or email code.
func codeKey(r *respondReq) string {
	if r.sess.challenge == factorEmail {
		return "EMAIL_OTP_CODE"
	}
	return "SMS_MFA_CODE"
}

func setNewPassword(r *respondReq) any {
	u := r.user
	for k, v := range r.in.ChallengeResponses {
		if name, ok := strings.CutPrefix(k, "userAttributes."); ok {
			u.setAttr(name, v)
		}
	}
	u.password, u.status, u.modified = response(r, "NEW_PASSWORD"), statusConfirmed, r.s.now()
	delete(r.s.sessions, r.sess.id)
	return r.s.afterPassword(r.client, u)
}
