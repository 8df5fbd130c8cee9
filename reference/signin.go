package reference

import (
	"encoding/json"
	"math/big"
)

// Sign-in: InitiateAuth and AdminInitiateAuth, and the choice between tokens
// and an MFA challenge once the password is accepted (B5, B21, B22).

type initiateAuthIn struct {
	UserPoolId     *string
	ClientId       *string
	AuthFlow       *string
	AuthParameters map[string]string

	refresh bool          // a refresh-token flow (rule auth-flow-enabled)
	srp     bool          // USER_SRP_AUTH (rule auth-flow-enabled)
	srpA    *big.Int      // the client's SRP_A (rule srp-a-valid)
	token   *refreshToken // the presented refresh token (rule refresh-token-valid)
}

type signInReq = req[initiateAuthIn]

var ruleAuthFlow = strRule{member: "authFlow", required: true, enum: []string{
	"USER_SRP_AUTH", "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN", "CUSTOM_AUTH", "ADMIN_NO_SRP_AUTH",
	"USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "USER_AUTH",
}}

var opInitiateAuth = operation[initiateAuthIn]{
	validate: func(in *initiateAuthIn, v *validator) {
		v.str(ruleClientID, in.ClientId)
		v.str(ruleAuthFlow, in.AuthFlow)
	},
	rules:  signInRules(appClientExists(func(in *initiateAuthIn) *string { return in.ClientId }), authFlowEnabled(false)),
	effect: signInEffect,
}

// AdminInitiateAuth names the pool too, and the client must belong to it.
var opAdminInitiateAuth = operation[initiateAuthIn]{
	validate: func(in *initiateAuthIn, v *validator) {
		v.str(ruleUserPoolID, in.UserPoolId)
		v.str(ruleClientID, in.ClientId)
		v.str(ruleAuthFlow, in.AuthFlow)
	},
	rules: signInRules(poolClientExists(func(in *initiateAuthIn) (*string, *string) { return in.UserPoolId, in.ClientId }),
		authFlowEnabled(true)),
	effect: signInEffect,
}

func signInRules(findClient, flow rule[*signInReq]) []rule[*signInReq] {
	return []rule[*signInReq]{findClient, flow, refreshTokenFlow, srpFlow, passwordFlow}
}

// authFlowEnabled: the flow must be one the operation offers and the client allows.
func authFlowEnabled(admin bool) rule[*signInReq] {
	return newRule("auth-flow-enabled", func(r *signInReq) *apiError {
		cl, flow := r.client, *r.in.AuthFlow
		adminFlow := flow == "ADMIN_USER_PASSWORD_AUTH" || flow == "ADMIN_NO_SRP_AUTH"
		allowed := false
		switch {
		case flow == "REFRESH_TOKEN_AUTH" || flow == "REFRESH_TOKEN":
			r.in.refresh = true
			// A client configured with the legacy values may always refresh (AWS-verified, issue 17).
			allowed = cl.allows("ALLOW_REFRESH_TOKEN_AUTH") || cl.legacyFlows()
		case !admin && flow == "USER_SRP_AUTH":
			// Legacy-configured clients always allowed SRP, as they allowed refresh.
			r.in.srp = true
			allowed = cl.allows("ALLOW_USER_SRP_AUTH") || cl.legacyFlows()
		case !admin && flow == "USER_PASSWORD_AUTH":
			allowed = cl.allows("ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH")
		case admin && adminFlow:
			allowed = cl.allows("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH")
		case !admin && adminFlow:
			return errInvalidParameter("Initiate Auth method not supported.")
		default:
			return errInvalidParameter("Unsupported auth flow in the reference target: %s", flow)
		}
		if !allowed {
			return errInvalidParameter("Auth flow not enabled for this client")
		}
		return nil
	})
}

var refreshTokenFlow = group("refresh-token-flow", func(r *signInReq) bool { return r.in.refresh },
	newRule("refresh-token-present", func(r *signInReq) *apiError {
		if r.in.AuthParameters["REFRESH_TOKEN"] == "" {
			return errInvalidParameter("Missing required parameter REFRESH_TOKEN")
		}
		return nil
	}),
	newRule("refresh-token-valid", func(r *signInReq) *apiError {
		rt, ok := r.s.refresh[r.in.AuthParameters["REFRESH_TOKEN"]]
		if !ok || rt.clientID != r.client.id {
			return errNotAuthorized("Invalid Refresh Token")
		}
		r.in.token = rt
		return nil
	}),
	newRule("refresh-user-exists", func(r *signInReq) *apiError {
		var e *apiError
		r.pool, r.user, e = r.s.lookupUser(r.in.token.poolID, r.in.token.username)
		return e
	}),
	newRule("refresh-token-not-revoked", func(r *signInReq) *apiError {
		if r.user.revoked[r.in.token.originJTI] {
			return errNotAuthorized("Refresh Token has been revoked")
		}
		return nil
	}),
)

var passwordFlow = group("password-flow", func(r *signInReq) bool { return !r.in.refresh && !r.in.srp },
	usernamePresent,
	newRule("password-present", func(r *signInReq) *apiError {
		if r.in.AuthParameters["PASSWORD"] == "" {
			return errInvalidParameter("Missing required parameter PASSWORD")
		}
		return nil
	}),
	secretHash(func(r *signInReq) (string, *string) {
		return r.in.AuthParameters["USERNAME"], optParam(r.in.AuthParameters, "SECRET_HASH")
	}),
	signInUserExists,
	newRule("password-matches", func(r *signInReq) *apiError {
		if r.user.password != r.in.AuthParameters["PASSWORD"] {
			return errNotAuthorized("Incorrect username or password.")
		}
		return nil
	}),
	userEnabled,
	signInUserConfirmed[initiateAuthIn](),
	signInPasswordNotReset[initiateAuthIn](),
)

var (
	usernamePresent = newRule("username-present", func(r *signInReq) *apiError {
		if r.in.AuthParameters["USERNAME"] == "" {
			return errInvalidParameter("Missing required parameter USERNAME")
		}
		return nil
	})
	// B34: the user a sign-in names must exist; how an unknown one is answered is the client's
	// PreventUserExistenceErrors.
	signInUserExists = newRule("sign-in-user-exists", func(r *signInReq) *apiError {
		u := r.client.pool.findUser(r.in.AuthParameters["USERNAME"])
		if u == nil {
			return unknownUserAtSignIn.use(r.s)(r.client)
		}
		r.pool, r.user = r.client.pool, u
		return nil
	})
	// unknownUserAtSignIn is UserNotFoundException for a client whose PreventUserExistenceErrors
	// is LEGACY (the default of clients created through the API), "Incorrect username or
	// password." when it is ENABLED.
	unknownUserAtSignIn = newPart("unknown-user-at-sign-in", func(cl *client) *apiError {
		if cl.preventUserExistence == "ENABLED" {
			return errNotAuthorized("Incorrect username or password.")
		}
		return errUserNotFound()
	})
	userEnabled = newRule("user-enabled", func(r *signInReq) *apiError {
		if !r.user.enabled {
			return errNotAuthorized("User is disabled.")
		}
		return nil
	})
)

// The status rules hold for a password sign-in and for the PASSWORD_VERIFIER answer of SRP.
func signInUserConfirmed[In any]() rule[*req[In]] {
	return newRule("sign-in-user-confirmed", func(r *req[In]) *apiError {
		if r.user.status == statusUnconfirmed {
			return errUserNotConfirmed()
		}
		return nil
	})
}

func signInPasswordNotReset[In any]() rule[*req[In]] {
	return newRule("sign-in-password-not-reset", func(r *req[In]) *apiError {
		if r.user.status == statusResetRequire {
			return errPasswordResetRequired()
		}
		return nil
	})
}

// signInEffect answers tokens for a refresh, the PASSWORD_VERIFIER challenge
// for USER_SRP_AUTH, and what passwordAccepted decides for a password.
func signInEffect(r *signInReq) any {
	switch {
	case r.in.refresh:
		return r.s.issueTokens(r.pool, r.client, r.user, r.in.token.originJTI, r.in.token.authTime, false)
	case r.in.srp:
		return startSRP(r)
	}
	return r.s.passwordAccepted(r.client, r.user)
}

// passwordAccepted goes on from a verified password (USER_PASSWORD_AUTH,
// ADMIN_USER_PASSWORD_AUTH or the PASSWORD_VERIFIER of USER_SRP_AUTH): a
// new-password challenge for a user created by an administrator, and otherwise
// what afterPassword decides.
func (s *Server) passwordAccepted(cl *client, u *user) any {
	if u.status != statusForceChange {
		return s.afterPassword(cl, u)
	}
	attrs := map[string]string{}
	for _, a := range u.attrs {
		attrs[a.Name] = a.Value
	}
	ua, _ := json.Marshal(attrs)
	sess := &authSession{poolID: cl.pool.id, clientID: cl.id, username: u.username, challenge: "NEW_PASSWORD_REQUIRED"}
	return s.challengeOut(sess, map[string]string{"userAttributes": string(ua), "requiredAttributes": "[]"})
}

// signIn is a sign-in whose password was accepted.
type signIn struct {
	s       *Server
	cl      *client
	p       *pool
	u       *user
	sess    *authSession
	factors []string // eligibleFactors
}

// choice is one named outcome of a sign-in: the first whose when holds answers.
type choice struct {
	when func(*signIn) bool
	then func(*signIn) any
}

func newChoice(name string, when func(*signIn) bool, then func(*signIn) any) step[choice] {
	return declare(name, choice{when, then}, true)
}

// afterPassword decides between tokens and an MFA challenge (B5, B21, B22).
func (s *Server) afterPassword(cl *client, u *user) any {
	si := &signIn{s: s, cl: cl, p: cl.pool, u: u, factors: s.eligibleFactors(cl.pool, u)}
	si.sess = &authSession{poolID: si.p.id, clientID: cl.id, username: u.username}
	for _, st := range signInChoices {
		if c, on := st.active(s); on && c.when(si) {
			return c.then(si)
		}
	}
	return nil // unreachable: mfa-setup always applies
}

func (si *signIn) tokens() any { return si.s.issueTokens(si.p, si.cl, si.u, "", si.s.now(), true) }

func (si *signIn) start(factor string) any { return si.s.startFactor(si.sess, si.u, factor) }

func always(*signIn) bool { return true }

var signInChoices = []step[choice]{
	newChoice("no-mfa-in-pool", func(si *signIn) bool { return si.p.mfaConfig == mfaOff }, (*signIn).tokens),
	// B5: the preferred factor is challenged when it can be used.
	newChoice("preferred-factor", func(si *signIn) bool { return contains(si.factors, si.u.preferred) },
		func(si *signIn) any { return si.start(si.u.preferred) }),
	// B6: an activated factor is prompted on every sign-in, preferred or not.
	newChoice("only-factor", func(si *signIn) bool { return len(si.factors) == 1 },
		func(si *signIn) any { return si.start(si.factors[0]) }),
	// B5: several factors, none preferred.
	newChoice("select-mfa-type", func(si *signIn) bool { return len(si.factors) > 1 }, selectMFAType),
	newChoice("optional-mfa-without-factor", func(si *signIn) bool { return si.p.mfaConfig == mfaOptional }, (*signIn).tokens),
	// The pool requires MFA and the user enabled nothing: use what exists
	// (B21: SMS is used automatically when a phone number exists) or set up
	// TOTP (B22b).
	newChoice("verified-authenticator", func(si *signIn) bool { return si.u.totpSecret != "" },
		func(si *signIn) any { return si.start(factorTOTP) }),
	newChoice("automatic-sms", canUseSMS, func(si *signIn) any { return si.start(factorSMS) }),
	newChoice("automatic-email", func(si *signIn) bool { return si.p.emailMfa != nil && si.u.hasAttr("email") },
		func(si *signIn) any { return si.start(factorEmail) }),
	newChoice("mfa-setup", always, mfaSetup),
}

func canUseSMS(si *signIn) bool { return si.p.smsMfa != nil && si.u.hasAttr("phone_number") }

func selectMFAType(si *signIn) any {
	si.sess.challenge, si.sess.choices = "SELECT_MFA_TYPE", si.factors
	key := "MFAS_CAN_CHOOSE" // what AWS's own clients read (AWS-VERIFIED)
	if si.s.profile == ProfileDocumented {
		key = "MFAS_CAN_SELECT" // [DG-MFA] name
	}
	b, _ := json.Marshal(si.factors)
	return si.s.challengeOut(si.sess, map[string]string{key: string(b)})
}

func mfaSetup(si *signIn) any {
	si.sess.challenge = "MFA_SETUP"
	return si.s.challengeOut(si.sess, map[string]string{"MFAS_CAN_SETUP": `["SOFTWARE_TOKEN_MFA"]`})
}
