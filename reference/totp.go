package reference

import (
	"crypto/rand"
	"encoding/base32"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

var totpOpts = totp.ValidateOpts{Period: 30, Skew: 1, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

func newTOTPSecret() string {
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)
}

// totpStep finds which time step (within the ±1 skew) code belongs to, or -1.
// Knowing the step lets us refuse a second use of the same code (M16, B22e).
func totpStep(secret, code string, now time.Time) int64 {
	if ok, _ := totp.ValidateCustom(code, secret, now, totpOpts); !ok {
		return -1
	}
	for _, d := range []int64{0, -1, 1} {
		t := now.Add(time.Duration(d*30) * time.Second)
		if c, err := totp.GenerateCodeCustom(secret, t, totpOpts); err == nil && c == code {
			return t.Unix() / 30
		}
	}
	return -1
}

type totpIn struct {
	AccessToken        *string
	Session            *string
	UserCode           *string
	FriendlyDeviceName *string
}

// totpSubject resolves the caller of Associate/VerifySoftwareToken, who may
// present an access token or an MFA_SETUP session (B22b).
func (s *Server) totpSubject(in *totpIn) (*pool, *user, *authSession, *apiError) {
	if in.AccessToken != nil {
		p, u, e := s.userFromAccessToken(*in.AccessToken)
		return p, u, nil, e
	}
	if in.Session == nil {
		return nil, nil, nil, errInvalidParameter("Missing required parameter AccessToken or Session")
	}
	sess, ok := s.sessions[*in.Session]
	if !ok {
		return nil, nil, nil, errInvalidSession()
	}
	p, u, e := s.lookupUser(sess.poolID, sess.username)
	if e != nil {
		return nil, nil, nil, e
	}
	return p, u, sess, nil
}

func validateTOTPIn(in *totpIn, v *validator) {
	if in.AccessToken != nil {
		r := ruleAccessToken
		r.required = false
		v.str(r, in.AccessToken)
	}
	v.str(ruleSession, in.Session)
}

func opAssociateSoftwareToken(c *call) (any, *apiError) {
	var in totpIn
	if e := prepare(c, &in, validateTOTPIn); e != nil {
		return nil, e
	}
	p, u, sess, e := c.s.totpSubject(&in)
	if e != nil {
		return nil, e
	}
	if !p.totpOn && !c.s.mutated("ignore-pool-totp-setting") {
		return nil, newErr("SoftwareTokenMFANotFoundException", "Software Token MFA has not been enabled by the userPool") // M17, B23
	}
	u.totpPending = newTOTPSecret()
	out := map[string]any{"SecretCode": u.totpPending}
	if sess != nil {
		out["Session"] = c.s.renewSession(sess)
	}
	return out, nil
}

func opVerifySoftwareToken(c *call) (any, *apiError) {
	var in totpIn
	if e := prepare(c, &in, func(in *totpIn, v *validator) {
		validateTOTPIn(in, v)
		v.str(strRule{member: "userCode", required: true, min: 6, max: 6, pat: &patUserCode}, in.UserCode)
	}); e != nil {
		return nil, e
	}
	p, u, sess, e := c.s.totpSubject(&in)
	if e != nil {
		return nil, e
	}
	if !p.totpOn {
		return nil, newErr("SoftwareTokenMFANotFoundException", "Software Token MFA has not been enabled by the userPool")
	}
	if u.totpPending == "" {
		return nil, newErr("SoftwareTokenMFANotFoundException", "Software Token MFA does not exist for the user.")
	}
	step := totpStep(u.totpPending, *in.UserCode, c.s.now())
	if step < 0 && c.s.mutated("accept-wrong-verify-code") {
		step = c.s.now().Unix() / 30
	}
	if step < 0 {
		return nil, newErr("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA")
	}
	// A newly verified token replaces the old one ([DG-TOTP], B8); its used
	// steps start from this verification, so the same code cannot sign in.
	u.totpSecret, u.totpPending = u.totpPending, ""
	u.totpUsed = map[int64]bool{step: true}
	out := map[string]any{"Status": "SUCCESS"}
	if sess != nil {
		sess.setupVerified = true
		out["Session"] = c.s.renewSession(sess)
	}
	return out, nil
}
