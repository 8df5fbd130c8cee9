package reference

import (
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const tokenLifetime = time.Hour

// signingKey is the RSA key every server of the process signs tokens with,
// generated on first use: a 2048-bit key costs tens of milliseconds, and a
// run starts a server per scenario group and per mutant (issue 13).
var signingKey = sync.OnceValue(func() *rsa.PrivateKey {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic("reference: generating RSA key: " + err.Error())
	}
	return key
})

// errForeignKey is a token signed under another server's key id.
var errForeignKey = errors.New("token of another server")

// refreshToken is the server-side state behind an opaque refresh token.
type refreshToken struct {
	poolID, clientID, username string
	originJTI                  string
	authTime                   time.Time
}

// issueTokens mints an access/ID token pair and, when withRefresh, a new
// refresh token. originJTI ties every token of one sign-in together so
// GlobalSignOut can revoke the whole family (M12).
func (s *Server) issueTokens(p *pool, cl *client, u *user, originJTI string, authTime time.Time, withRefresh bool) map[string]any {
	now := s.now()
	if originJTI == "" {
		originJTI = newUUID()
		u.issued[originJTI] = true
	}
	iss := "https://cognito-idp." + s.region + ".amazonaws.com/" + p.id
	eventID := newUUID()
	access := jwt.MapClaims{
		"sub": u.sub, "iss": iss, "client_id": cl.id, "origin_jti": originJTI,
		"event_id": eventID, "token_use": "access", "scope": "aws.cognito.signin.user.admin",
		"auth_time": authTime.Unix(), "exp": now.Add(tokenLifetime).Unix(), "iat": now.Unix(),
		"jti": newUUID(), "username": u.username,
	}
	id := jwt.MapClaims{
		"sub": u.sub, "iss": iss, "aud": cl.id, "origin_jti": originJTI, "event_id": eventID,
		"token_use": "id", "auth_time": authTime.Unix(), "exp": now.Add(tokenLifetime).Unix(),
		"iat": now.Unix(), "jti": newUUID(), "cognito:username": u.username,
	}
	for _, a := range u.attrs {
		if _, taken := id[a.Name]; !taken {
			id[a.Name] = a.Value
		}
	}
	res := map[string]any{
		"AccessToken": s.sign(access), "IdToken": s.sign(id),
		"ExpiresIn": int(tokenLifetime.Seconds()), "TokenType": "Bearer",
	}
	if withRefresh {
		rt := randomString(40, alnum) + "." + randomString(40, alnum)
		s.refresh[rt] = &refreshToken{poolID: p.id, clientID: cl.id, username: u.username, originJTI: originJTI, authTime: authTime}
		res["RefreshToken"] = rt
	}
	return map[string]any{"AuthenticationResult": res, "ChallengeParameters": map[string]string{}}
}

func (s *Server) sign(c jwt.MapClaims) string {
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, c)
	t.Header["kid"] = s.kid
	out, err := t.SignedString(s.key)
	if err != nil {
		panic("reference: signing token: " + err.Error())
	}
	return out
}

// userFromAccessToken authenticates a token operation (B11): the signature,
// token_use and expiry must hold, then revocation, pool and user are checked.
func (s *Server) userFromAccessToken(tok string) (*pool, *user, *apiError) {
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(tok, claims, func(t *jwt.Token) (any, error) {
		// The key is shared by the servers of a process; the key id is not.
		if kid, _ := t.Header["kid"].(string); kid != s.kid {
			return nil, errForeignKey
		}
		return &s.key.PublicKey, nil
	},
		jwt.WithValidMethods([]string{"RS256"}), jwt.WithTimeFunc(s.now), jwt.WithExpirationRequired())
	if err != nil {
		// Expired tokens share the generic message here; real AWS is
		// reported to say "Access Token has expired" (same code).
		return nil, nil, errInvalidAccessToken()
	}
	if claims["token_use"] != "access" {
		return nil, nil, errInvalidAccessToken()
	}
	iss, _ := claims["iss"].(string)
	sub, _ := claims["sub"].(string)
	origin, _ := claims["origin_jti"].(string)
	prefix := "https://cognito-idp." + s.region + ".amazonaws.com/"
	if len(iss) <= len(prefix) || iss[:len(prefix)] != prefix {
		return nil, nil, errInvalidAccessToken()
	}
	p, e := s.lookupPool(iss[len(prefix):])
	if e != nil {
		return nil, nil, e
	}
	var u *user
	for _, cand := range p.users {
		if cand.sub == sub {
			u = cand
			break
		}
	}
	if u == nil {
		return p, nil, errUserNotFound()
	}
	if u.revoked[origin] {
		return p, u, errRevokedAccessToken()
	}
	return p, u, nil
}

// revokeAll implements GlobalSignOut: every token family issued so far is
// revoked; later sign-ins get fresh families.
func (u *user) revokeAll() {
	for jti := range u.issued {
		u.revoked[jti] = true
	}
}
