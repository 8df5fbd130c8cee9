package reference

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
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

// eligibleFactors is the user's enabled MFA factors that can actually be used
// at sign-in, in factorOrder. TOTP is only ever enabled with a verified token,
// except when the documented profile accepted it in advance (B7). Legacy SMS
// from AdminSetUserSettings also counts (B15).
func (s *Server) eligibleFactors(p *pool, u *user) []string {
	var out []string
	if (u.mfaEnabled[factorSMS] || u.legacySMS) && u.hasAttr("phone_number") {
		out = append(out, factorSMS)
	}
	if u.mfaEnabled[factorEmail] && u.hasAttr("email") {
		out = append(out, factorEmail)
	}
	if u.mfaEnabled[factorTOTP] && registeredTOTPOutlivesPoolSetting.use(s)(p) {
		out = append(out, factorTOTP)
	}
	return out
}

// registeredTOTPOutlivesPoolSetting: a user's verified authenticator stays an MFA factor after
// the pool turns TOTP off (B23: "users who previously associated and verified a TOTP token can
// continue to use it for MFA").
var registeredTOTPOutlivesPoolSetting = newPart("registered-totp-outlives-pool-setting", func(*pool) bool { return true })

func contains(list []string, v string) bool {
	for _, e := range list {
		if e == v {
			return true
		}
	}
	return false
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
