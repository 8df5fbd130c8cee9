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

	step int64 // the time step of UserCode (rule verification-code-matches)
}

type totpReq = req[totpIn]

func validateTOTPIn(in *totpIn, v *validator) {
	if in.AccessToken != nil {
		r := ruleAccessToken
		r.required = false
		v.str(r, in.AccessToken)
	}
	v.str(ruleSession, in.Session)
}

var (
	// totpSubject finds the caller of Associate/VerifySoftwareToken, who may
	// present an access token or an MFA_SETUP session (B22b).
	totpSubject = newRule("totp-subject", func(r *totpReq) *apiError {
		var e *apiError
		if r.in.AccessToken != nil {
			r.pool, r.user, e = r.s.userFromAccessToken(*r.in.AccessToken)
			return e
		}
		if r.in.Session == nil {
			return errInvalidParameter("Missing required parameter AccessToken or Session")
		}
		sess, ok := r.s.sessions[*r.in.Session]
		if !ok {
			return errInvalidSession()
		}
		r.sess = sess
		r.pool, r.user, e = r.s.lookupUser(sess.poolID, sess.username)
		return e
	})

	// M17, B23: the pool must allow TOTP, to associate and to verify.
	associateNeedsTOTPPool = newRule("associate-needs-totp-pool", checkPoolAllowsTOTP)
	verifyNeedsTOTPPool    = newRule("verify-needs-totp-pool", checkPoolAllowsTOTP)
)

func checkPoolAllowsTOTP(r *totpReq) *apiError {
	if !r.pool.totpOn {
		return newErr("SoftwareTokenMFANotFoundException", "Software Token MFA has not been enabled by the userPool")
	}
	return nil
}

var opAssociateSoftwareToken = operation[totpIn]{
	validate: validateTOTPIn,
	rules:    []rule[*totpReq]{totpSubject, associateNeedsTOTPPool},
	effect: func(r *totpReq) any {
		r.user.totpPending = newTOTPSecret()
		out := map[string]any{"SecretCode": r.user.totpPending}
		if r.sess != nil {
			out["Session"] = r.s.renewSession(r.sess)
		}
		return out
	},
}

var verificationCodeMatches = newRule("verification-code-matches", func(r *totpReq) *apiError {
	if r.in.step = totpStep(r.user.totpPending, *r.in.UserCode, r.s.now()); r.in.step < 0 {
		return newErr("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA")
	}
	return nil
})

var opVerifySoftwareToken = operation[totpIn]{
	validate: func(in *totpIn, v *validator) {
		validateTOTPIn(in, v)
		v.str(strRule{member: "userCode", required: true, min: 6, max: 6, pat: &patUserCode}, in.UserCode)
	},
	rules: []rule[*totpReq]{
		totpSubject, verifyNeedsTOTPPool,
		newRule("authenticator-associated", func(r *totpReq) *apiError {
			if r.user.totpPending == "" {
				return newErr("SoftwareTokenMFANotFoundException", "Software Token MFA does not exist for the user.")
			}
			return nil
		}),
		verificationCodeMatches,
	},
	// A newly verified token replaces the old one ([DG-TOTP], B8); its used
	// steps start from this verification, so the same code cannot sign in.
	effect: func(r *totpReq) any {
		u := r.user
		u.totpSecret, u.totpPending = u.totpPending, ""
		u.totpUsed = map[int64]bool{r.in.step: true}
		out := map[string]any{"Status": "SUCCESS"}
		if r.sess != nil {
			r.sess.setupVerified = true
			out["Session"] = r.s.renewSession(r.sess)
		}
		return out
	},
}
