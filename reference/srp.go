package reference

// USER_SRP_AUTH: the Secure Remote Password sign-in that AWS's own clients use
// (amazon-cognito-identity-js, Amplify, the mobile SDKs, pycognito). The
// arithmetic is package srp's; this file is the server's half of the exchange:
//
//	InitiateAuth USER_SRP_AUTH {USERNAME, SRP_A}
//	  → PASSWORD_VERIFIER {SALT, SRP_B, SECRET_BLOCK, USERNAME, USER_ID_FOR_SRP}
//	RespondToAuthChallenge PASSWORD_VERIFIER {USERNAME, PASSWORD_CLAIM_SECRET_BLOCK,
//	  PASSWORD_CLAIM_SIGNATURE, TIMESTAMP}
//	  → what a password sign-in gives: tokens, or the same MFA challenge.
//
// The state between the two calls travels in SECRET_BLOCK: pycognito answers
// without a Session, so the reference hands none out and finds the exchange by
// its secret block.

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"math/big"

	"github.com/cognito-conformance/cognito-conformance/srp"
)

// srpState is the server's half of one SRP exchange.
type srpState struct {
	A, b, B, v *big.Int
	poolName   string
	userID     string // USER_ID_FOR_SRP, which the client hashes into x
	block      string // SECRET_BLOCK
}

// srpSaltKey makes each user's salt unpredictable and stable for as long as the password is.
var srpSaltKey = func() []byte {
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		panic(err)
	}
	return k
}()

// srpSalt is the user's salt: a new password gets a new salt (and a new verifier), as when
// Cognito stores a verifier at a password change.
func srpSalt(p *pool, u *user) *big.Int {
	m := hmac.New(sha256.New, srpSaltKey)
	m.Write([]byte(p.id + "\x00" + u.sub + "\x00" + u.password))
	return new(big.Int).SetBytes(m.Sum(nil)[:16])
}

// srpSessionKey files an SRP exchange among the sessions under its secret block.
func srpSessionKey(block string) string { return "srp:" + block }

// srpFlow is USER_SRP_AUTH's first call: the user named, the client's public
// value A, and the user's state.
var srpFlow = group("srp-flow", func(r *signInReq) bool { return r.in.srp },
	usernamePresent,
	newRule("srp-a-present", func(r *signInReq) *apiError {
		if r.in.AuthParameters["SRP_A"] == "" {
			return errInvalidParameter("Missing required parameter SRP_A")
		}
		return nil
	}),
	// A ≡ 0 (mod N) would let a client fix the shared secret without a password.
	newRule("srp-a-valid", func(r *signInReq) *apiError {
		A, err := srp.ParseHex(r.in.AuthParameters["SRP_A"])
		if err != nil || new(big.Int).Mod(A, srp.N).Sign() == 0 {
			return errInvalidParameter("Invalid SRP_A")
		}
		r.in.srpA = A
		return nil
	}),
	secretHash(func(r *signInReq) (string, *string) {
		return r.in.AuthParameters["USERNAME"], optParam(r.in.AuthParameters, "SECRET_HASH")
	}),
	signInUserExists,
	userEnabled,
)

// startSRP answers InitiateAuth USER_SRP_AUTH with the PASSWORD_VERIFIER challenge.
func startSRP(r *signInReq) any {
	p, u := r.pool, r.user
	st := &srpState{A: r.in.srpA, poolName: srp.PoolName(p.id), userID: u.username}
	salt := srpSalt(p, u)
	st.v = srp.Verifier(salt, st.poolName, st.userID, u.password)
	for {
		st.b = srp.RandomInt(128)
		// B = k·v + g^b mod N
		st.B = new(big.Int).Mul(srp.K, st.v)
		st.B.Add(st.B, new(big.Int).Exp(srp.G, st.b, srp.N))
		st.B.Mod(st.B, srp.N)
		if st.B.Sign() != 0 && srp.U(st.A, st.B).Sign() != 0 {
			break
		}
	}
	raw := make([]byte, 96)
	if _, err := rand.Read(raw); err != nil {
		panic(err)
	}
	st.block = base64.StdEncoding.EncodeToString(raw)
	sess := &authSession{poolID: p.id, clientID: r.client.id, username: u.username, challenge: "PASSWORD_VERIFIER", srp: st}
	sess.id = srpSessionKey(st.block)
	sess.expires = r.s.now().Add(sessionLifetime)
	r.s.sessions[sess.id] = sess
	return map[string]any{
		"ChallengeName": "PASSWORD_VERIFIER",
		"ChallengeParameters": map[string]string{
			"SALT": salt.Text(16), "SRP_B": st.B.Text(16), "SECRET_BLOCK": st.block,
			"USERNAME": u.username, "USER_ID_FOR_SRP": st.userID,
		},
	}
}

// srpSession finds the exchange a PASSWORD_VERIFIER answer belongs to: by its Session when the
// client sends one back, else by the secret block it claims.
func (s *Server) srpSession(session *string, r map[string]string) (*authSession, bool) {
	if session != nil && *session != "" {
		sess, ok := s.sessions[*session]
		return sess, ok
	}
	block := r["PASSWORD_CLAIM_SECRET_BLOCK"]
	if block == "" {
		return nil, false
	}
	sess, ok := s.sessions[srpSessionKey(block)]
	return sess, ok
}

// passwordVerifierChallenge is USER_SRP_AUTH's second call: the client's proof
// that it knows the password, then the user's state, as for a password sign-in.
var passwordVerifierChallenge = newChallenge("password-verifier-challenge", []string{"PASSWORD_VERIFIER"},
	func(r *respondReq) any {
		delete(r.s.sessions, r.sess.id)
		return r.s.passwordAccepted(r.client, r.user)
	},
	newRule("password-claim-present", func(r *respondReq) *apiError {
		for _, k := range []string{"PASSWORD_CLAIM_SECRET_BLOCK", "PASSWORD_CLAIM_SIGNATURE", "TIMESTAMP"} {
			if e := needResponse(r, k); e != nil {
				return e
			}
		}
		return nil
	}),
	newRule("password-claim-block-matches", func(r *respondReq) *apiError {
		if response(r, "PASSWORD_CLAIM_SECRET_BLOCK") != r.sess.srp.block {
			return errInvalidSession()
		}
		return nil
	}),
	passwordClaimSignatureMatches,
	signInUserConfirmed[respondIn](),
	signInPasswordNotReset[respondIn](),
)

// passwordClaimSignatureMatches checks the client's proof (B33): S = (A·v^u)^b mod N, the key
// derived from it, and the HMAC over pool name, user id, secret block and timestamp. A proof
// made with any other password is "Incorrect username or password.", as a wrong password is.
var passwordClaimSignatureMatches = newRule("password-claim-signature-matches", func(r *respondReq) *apiError {
	st := r.sess.srp
	u := srp.U(st.A, st.B)
	S := new(big.Int).Exp(st.v, u, srp.N)
	S.Mul(S, st.A)
	S.Mod(S, srp.N)
	S.Exp(S, st.b, srp.N)
	want, err := srp.Signature(srp.Key(S, u), st.poolName, st.userID, st.block, response(r, "TIMESTAMP"))
	if err != nil {
		return errInvalidSession()
	}
	if subtle.ConstantTimeCompare([]byte(want), []byte(response(r, "PASSWORD_CLAIM_SIGNATURE"))) != 1 {
		return errNotAuthorized("Incorrect username or password.")
	}
	return nil
})
