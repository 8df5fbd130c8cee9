package reference

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"
)

// sessionLifetime mirrors Cognito's default 3-minute auth-session validity.
const sessionLifetime = 3 * time.Minute

// authSession is the server-side state behind an opaque Session string.
type authSession struct {
	id                         string
	poolID, clientID, username string
	challenge                  string
	choices                    []string  // SELECT_MFA_TYPE options
	code                       string    // SMS_MFA / EMAIL_OTP code (never delivered)
	setupVerified              bool      // MFA_SETUP: VerifySoftwareToken succeeded
	srp                        *srpState // PASSWORD_VERIFIER: the server's half of the SRP exchange
	expires                    time.Time
}

func (s *Server) expireSessions() {
	now := s.now()
	for id, sess := range s.sessions {
		if now.After(sess.expires) {
			delete(s.sessions, id)
		}
	}
}

// renewSession gives a session a fresh id and expiry; every step of a flow
// hands back a new Session, as Cognito does.
func (s *Server) renewSession(sess *authSession) string {
	delete(s.sessions, sess.id)
	sess.id = randomString(64, alnum+"-_")
	sess.expires = s.now().Add(sessionLifetime)
	s.sessions[sess.id] = sess
	return sess.id
}

func (s *Server) lookupClient(id string) (*client, *apiError) {
	cl, ok := s.clients[id]
	if !ok {
		return nil, errClientNotFound(id)
	}
	return cl, nil
}

// checkSecretHash enforces SECRET_HASH for clients with a secret (B22f).
func checkSecretHash(cl *client, username string, got *string) *apiError {
	if cl.secret == "" {
		return nil
	}
	if got == nil || *got == "" {
		return errNotAuthorized("Client %s is configured with secret but SECRET_HASH was not received", cl.id)
	}
	m := hmac.New(sha256.New, []byte(cl.secret))
	m.Write([]byte(username + cl.id))
	want := base64.StdEncoding.EncodeToString(m.Sum(nil))
	if subtle.ConstantTimeCompare([]byte(want), []byte(*got)) != 1 {
		return errNotAuthorized("Unable to verify secret hash for client %s", cl.id)
	}
	return nil
}

func optParam(m map[string]string, k string) *string {
	if v, ok := m[k]; ok {
		return &v
	}
	return nil
}

func (cl *client) allows(flows ...string) bool {
	for _, have := range cl.flows {
		for _, f := range flows {
			if have == f {
				return true
			}
		}
	}
	return false
}

type initiateAuthIn struct {
	UserPoolId     *string
	ClientId       *string
	AuthFlow       *string
	AuthParameters map[string]string
}

var ruleAuthFlow = strRule{member: "authFlow", required: true, enum: []string{
	"USER_SRP_AUTH", "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN", "CUSTOM_AUTH", "ADMIN_NO_SRP_AUTH",
	"USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "USER_AUTH",
}}

// clientFor finds the app client of a sign-in call: the admin operations name the pool too, and
// the client must belong to it.
func (s *Server) clientFor(admin bool, poolID *string, clientID string) (*client, *apiError) {
	if admin {
		return s.lookupPoolClient(*poolID, clientID)
	}
	return s.lookupClient(clientID)
}

func opInitiateAuth(c *call) (any, *apiError) { return initiateAuth(c, false) }

func opAdminInitiateAuth(c *call) (any, *apiError) { return initiateAuth(c, true) }

func initiateAuth(c *call, admin bool) (any, *apiError) {
	var in initiateAuthIn
	if e := prepare(c, &in, func(in *initiateAuthIn, v *validator) {
		if admin {
			v.str(ruleUserPoolID, in.UserPoolId)
		}
		v.str(ruleClientID, in.ClientId)
		v.str(ruleAuthFlow, in.AuthFlow)
	}); e != nil {
		return nil, e
	}
	s := c.s
	cl, e := s.clientFor(admin, in.UserPoolId, *in.ClientId)
	if e != nil {
		return nil, e
	}
	flow := *in.AuthFlow
	switch {
	case flow == "REFRESH_TOKEN_AUTH" || flow == "REFRESH_TOKEN":
		// A client configured with the legacy values may always refresh (AWS-verified, issue 17).
		if !cl.allows("ALLOW_REFRESH_TOKEN_AUTH") && !cl.legacyFlows() {
			return nil, errInvalidParameter("Auth flow not enabled for this client")
		}
		return s.refreshAuth(cl, in.AuthParameters)
	case !admin && flow == "USER_SRP_AUTH":
		// Legacy-configured clients always allowed SRP, as they allowed refresh.
		if !cl.allows("ALLOW_USER_SRP_AUTH") && !cl.legacyFlows() {
			return nil, errInvalidParameter("Auth flow not enabled for this client")
		}
		return s.startSRP(cl, in.AuthParameters)
	case !admin && flow == "USER_PASSWORD_AUTH":
		if !cl.allows("ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH") {
			return nil, errInvalidParameter("Auth flow not enabled for this client")
		}
	case admin && (flow == "ADMIN_USER_PASSWORD_AUTH" || flow == "ADMIN_NO_SRP_AUTH"):
		if !cl.allows("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH") {
			return nil, errInvalidParameter("Auth flow not enabled for this client")
		}
	case !admin && (flow == "ADMIN_USER_PASSWORD_AUTH" || flow == "ADMIN_NO_SRP_AUTH"):
		return nil, errInvalidParameter("Initiate Auth method not supported.")
	default:
		return nil, errInvalidParameter("Unsupported auth flow in the reference target: %s", flow)
	}
	username, password := in.AuthParameters["USERNAME"], in.AuthParameters["PASSWORD"]
	if username == "" {
		return nil, errInvalidParameter("Missing required parameter USERNAME")
	}
	if password == "" {
		return nil, errInvalidParameter("Missing required parameter PASSWORD")
	}
	if e := checkSecretHash(cl, username, optParam(in.AuthParameters, "SECRET_HASH")); e != nil {
		return nil, e
	}
	u := cl.pool.findUser(username)
	if u == nil {
		return nil, s.unknownUserAtSignIn(cl)
	}
	if u.password != password {
		return nil, errNotAuthorized("Incorrect username or password.")
	}
	if !u.enabled {
		return nil, errNotAuthorized("User is disabled.")
	}
	return s.passwordAccepted(cl, u)
}

// unknownUserAtSignIn is the answer to a sign-in naming no user: UserNotFoundException for a
// client whose PreventUserExistenceErrors is LEGACY (the default of clients created through the
// API), "Incorrect username or password." when it is ENABLED.
func (s *Server) unknownUserAtSignIn(cl *client) *apiError {
	if cl.preventUserExistence == "ENABLED" || s.mutated("hide-unknown-user-from-legacy-client") {
		return errNotAuthorized("Incorrect username or password.")
	}
	return errUserNotFound()
}

// passwordAccepted goes on from a verified password (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH
// or the PASSWORD_VERIFIER of USER_SRP_AUTH): the user's status, then tokens or MFA.
func (s *Server) passwordAccepted(cl *client, u *user) (any, *apiError) {
	switch u.status {
	case statusUnconfirmed:
		return nil, errUserNotConfirmed()
	case statusResetRequire:
		return nil, errPasswordResetRequired()
	case statusForceChange:
		attrs := map[string]string{}
		for _, a := range u.attrs {
			attrs[a.Name] = a.Value
		}
		ua, _ := json.Marshal(attrs)
		sess := &authSession{poolID: cl.pool.id, clientID: cl.id, username: u.username, challenge: "NEW_PASSWORD_REQUIRED"}
		return s.challengeOut(sess, map[string]string{"userAttributes": string(ua), "requiredAttributes": "[]"}), nil
	}
	return s.afterPassword(cl, u), nil
}

func (s *Server) refreshAuth(cl *client, params map[string]string) (any, *apiError) {
	tok := params["REFRESH_TOKEN"]
	if tok == "" {
		return nil, errInvalidParameter("Missing required parameter REFRESH_TOKEN")
	}
	rt, ok := s.refresh[tok]
	if !ok || rt.clientID != cl.id {
		return nil, errNotAuthorized("Invalid Refresh Token")
	}
	p, u, e := s.lookupUser(rt.poolID, rt.username)
	if e != nil {
		return nil, e
	}
	if u.revoked[rt.originJTI] {
		return nil, errNotAuthorized("Refresh Token has been revoked")
	}
	return s.issueTokens(p, cl, u, rt.originJTI, rt.authTime, false), nil
}

// eligibleFactors is the user's enabled MFA factors that can actually be used
// at sign-in, in factorOrder. TOTP is only ever enabled with a verified token,
// except when the documented profile accepted it in advance (B7). Legacy SMS
// from AdminSetUserSettings also counts (B15).
func eligibleFactors(u *user) []string {
	var out []string
	if (u.mfaEnabled[factorSMS] || u.legacySMS) && u.hasAttr("phone_number") {
		out = append(out, factorSMS)
	}
	if u.mfaEnabled[factorEmail] && u.hasAttr("email") {
		out = append(out, factorEmail)
	}
	if u.mfaEnabled[factorTOTP] {
		out = append(out, factorTOTP)
	}
	return out
}

func contains(list []string, v string) bool {
	for _, e := range list {
		if e == v {
			return true
		}
	}
	return false
}

// afterPassword decides between tokens and an MFA challenge (B5, B21, B22).
func (s *Server) afterPassword(cl *client, u *user) any {
	p := cl.pool
	if p.mfaConfig == mfaOff {
		return s.issueTokens(p, cl, u, "", s.now(), true)
	}
	sess := &authSession{poolID: p.id, clientID: cl.id, username: u.username}
	e := eligibleFactors(u)
	switch {
	case len(e) > 0 && contains(e, u.preferred) && !s.mutated("ignore-preference-at-sign-in"):
		return s.startFactor(sess, u, u.preferred)
	case len(e) == 1:
		return s.startFactor(sess, u, e[0])
	case len(e) > 1 && s.mutated("choose-first-factor-instead-of-select"):
		return s.startFactor(sess, u, e[0])
	case len(e) > 1:
		// B5: several factors, none preferred.
		sess.challenge, sess.choices = "SELECT_MFA_TYPE", e
		key := "MFAS_CAN_CHOOSE" // what AWS's own clients read (AWS-VERIFIED)
		if s.profile == ProfileDocumented {
			key = "MFAS_CAN_SELECT" // [DG-MFA] name
		}
		b, _ := json.Marshal(e)
		return s.challengeOut(sess, map[string]string{key: string(b)})
	case p.mfaConfig == mfaOptional:
		return s.issueTokens(p, cl, u, "", s.now(), true)
	}
	// Pool requires MFA and the user enabled nothing: use what exists (B21:
	// SMS is used automatically when a phone number exists) or set up TOTP (B22b).
	switch {
	case u.totpSecret != "":
		return s.startFactor(sess, u, factorTOTP)
	case p.smsMfa != nil && u.hasAttr("phone_number"):
		if s.mutated("list-automatic-sms-factor") {
			u.mfaEnabled[factorSMS] = true
		}
		return s.startFactor(sess, u, factorSMS)
	case p.emailMfa != nil && u.hasAttr("email"):
		return s.startFactor(sess, u, factorEmail)
	}
	if s.mutated("skip-mfa-setup") {
		return s.issueTokens(p, cl, u, "", s.now(), true)
	}
	sess.challenge = "MFA_SETUP"
	return s.challengeOut(sess, map[string]string{"MFAS_CAN_SETUP": `["SOFTWARE_TOKEN_MFA"]`})
}

func (s *Server) startFactor(sess *authSession, u *user, factor string) any {
	sess.challenge = factor
	params := map[string]string{}
	switch factor {
	case factorSMS:
		sess.code = randomString(6, "0123456789")
		phone, _ := u.attr("phone_number")
		params["CODE_DELIVERY_DELIVERY_MEDIUM"] = "SMS"
		params["CODE_DELIVERY_DESTINATION"] = maskPhone(phone)
	case factorEmail:
		sess.code = randomString(6, "0123456789")
		email, _ := u.attr("email")
		params["CODE_DELIVERY_DELIVERY_MEDIUM"] = "EMAIL"
		params["CODE_DELIVERY_DESTINATION"] = maskEmail(email)
	}
	return s.challengeOut(sess, params)
}

func (s *Server) challengeOut(sess *authSession, params map[string]string) map[string]any {
	params["USER_ID_FOR_SRP"] = sess.username
	if s.mutated("empty-challenge-parameters") && (sess.challenge == factorSMS || sess.challenge == factorTOTP) {
		params = map[string]string{} // moto's SMS_MFA/SOFTWARE_TOKEN_MFA challenges
	}
	return map[string]any{
		"ChallengeName":       sess.challenge,
		"Session":             s.renewSession(sess),
		"ChallengeParameters": params,
	}
}

func maskPhone(p string) string {
	if len(p) <= 4 {
		return "+******" + p
	}
	return "+" + strings.Repeat("*", len(p)-5) + p[len(p)-4:]
}

func maskEmail(e string) string {
	local, domain, ok := strings.Cut(e, "@")
	if !ok || local == "" || domain == "" {
		return "***"
	}
	return local[:1] + "***@" + domain[:1] + "***"
}

type respondIn struct {
	UserPoolId         *string
	ClientId           *string
	ChallengeName      *string
	Session            *string
	ChallengeResponses map[string]string
}

var ruleChallengeName = strRule{member: "challengeName", required: true, enum: []string{
	"SMS_MFA", "EMAIL_OTP", "SOFTWARE_TOKEN_MFA", "SELECT_MFA_TYPE", "MFA_SETUP", "PASSWORD_VERIFIER",
	"CUSTOM_CHALLENGE", "SELECT_CHALLENGE", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER", "ADMIN_NO_SRP_AUTH",
	"NEW_PASSWORD_REQUIRED", "SMS_OTP", "PASSWORD", "WEB_AUTHN", "PASSWORD_SRP",
}}

func opRespondToAuthChallenge(c *call) (any, *apiError) { return respond(c, false) }

func opAdminRespondToAuthChallenge(c *call) (any, *apiError) { return respond(c, true) }

func respond(c *call, admin bool) (any, *apiError) {
	var in respondIn
	if e := prepare(c, &in, func(in *respondIn, v *validator) {
		if admin {
			v.str(ruleUserPoolID, in.UserPoolId)
		}
		v.str(ruleClientID, in.ClientId)
		v.str(ruleChallengeName, in.ChallengeName)
		v.str(ruleSession, in.Session)
	}); e != nil {
		return nil, e
	}
	s := c.s
	cl, e := s.clientFor(admin, in.UserPoolId, *in.ClientId)
	if e != nil {
		return nil, e
	}
	var sess *authSession
	ok := false
	switch {
	case *in.ChallengeName == "PASSWORD_VERIFIER":
		sess, ok = s.srpSession(in.Session, in.ChallengeResponses)
	case in.Session != nil:
		sess, ok = s.sessions[*in.Session]
	}
	if !ok || sess.clientID != cl.id || sess.challenge != *in.ChallengeName {
		return nil, errInvalidSession()
	}
	r := in.ChallengeResponses
	username := r["USERNAME"]
	if username == "" {
		return nil, errInvalidParameter("Missing required parameter USERNAME")
	}
	p, u, e := s.lookupUser(sess.poolID, sess.username)
	if e != nil {
		return nil, e
	}
	if username != u.username && username != u.sub {
		return nil, errInvalidSession()
	}
	if e := checkSecretHash(cl, username, optParam(r, "SECRET_HASH")); e != nil {
		return nil, e
	}
	done := func() any {
		delete(s.sessions, sess.id)
		return s.issueTokens(p, cl, u, "", s.now(), true)
	}
	switch sess.challenge {
	case "PASSWORD_VERIFIER":
		if e := s.verifyPasswordClaim(sess, r); e != nil {
			return nil, e
		}
		delete(s.sessions, sess.id)
		return s.passwordAccepted(cl, u)
	case "NEW_PASSWORD_REQUIRED":
		pw := r["NEW_PASSWORD"]
		if pw == "" {
			return nil, errInvalidParameter("Missing required parameter NEW_PASSWORD")
		}
		for k, v := range r {
			if name, ok := strings.CutPrefix(k, "userAttributes."); ok {
				u.setAttr(name, v)
			}
		}
		u.password, u.status, u.modified = pw, statusConfirmed, s.now()
		delete(s.sessions, sess.id)
		return s.afterPassword(cl, u), nil
	case factorTOTP:
		code := r["SOFTWARE_TOKEN_MFA_CODE"]
		if code == "" {
			return nil, errInvalidParameter("Missing required parameter SOFTWARE_TOKEN_MFA_CODE")
		}
		if u.totpSecret == "" {
			// Reachable when the documented profile let an admin enable TOTP
			// before registration (B7); M18 is the observed message.
			return nil, newErr("SoftwareTokenMFANotFoundException", "Software Token MFA does not exist for the user.")
		}
		if e := s.lockedOut(u); e != nil {
			return nil, e
		}
		step := totpStep(u.totpSecret, code, s.now())
		if step < 0 && s.mutated("accept-wrong-totp-code") {
			step = s.now().Unix() / 30
		}
		if step < 0 {
			return nil, s.codeMismatch(u)
		}
		u.mfaFailures = 0
		if u.totpUsed[step] && !s.mutated("accept-reused-totp-code") {
			return nil, newErr("ExpiredCodeException", "Your software token has already been used once.") // M16
		}
		u.totpUsed[step] = true
		return done(), nil
	case factorSMS, factorEmail:
		key := "SMS_MFA_CODE"
		if sess.challenge == factorEmail {
			key = "EMAIL_OTP_CODE"
		}
		code := r[key]
		if code == "" {
			return nil, errInvalidParameter("Missing required parameter %s", key)
		}
		if e := s.lockedOut(u); e != nil {
			return nil, e
		}
		if subtle.ConstantTimeCompare([]byte(code), []byte(sess.code)) != 1 && !s.mutated("accept-wrong-sms-code") {
			return nil, s.codeMismatch(u)
		}
		u.mfaFailures = 0
		return done(), nil
	case "SELECT_MFA_TYPE":
		answer := r["ANSWER"]
		if answer == "EMAIL_MFA" { // the [BC] doc spells the email answer this way
			answer = factorEmail
		}
		if !contains(sess.choices, answer) {
			return nil, errInvalidParameter("Invalid value for ANSWER: %s", r["ANSWER"])
		}
		sess.choices = nil
		return s.startFactor(sess, u, answer), nil
	case "MFA_SETUP":
		if !sess.setupVerified {
			return nil, errInvalidParameter("Software token has not been verified for this session")
		}
		return done(), nil
	}
	return nil, errInvalidParameter("Unsupported challenge in the reference target: %s", sess.challenge)
}

func opGlobalSignOut(c *call) (any, *apiError) {
	var in accessTokenIn
	if e := prepare(c, &in, validateAccessToken); e != nil {
		return nil, e
	}
	_, u, e := c.s.userFromAccessToken(*in.AccessToken)
	if e != nil {
		return nil, e
	}
	u.revokeAll()
	return nil, nil
}

func opAdminUserGlobalSignOut(c *call) (any, *apiError) {
	return simpleUserOp(c, func(u *user) *apiError { u.revokeAll(); return nil })
}
