package reference

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"testing"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/golang-jwt/jwt/v5"
)

// The servers of a process share one signing key; a token stays bound to the server that
// issued it, and a token signed with another key is rejected (B11).
func TestTokensOfAnotherServerOrKeyAreRejected(t *testing.T) {
	a, ca, _ := newTestClient(t)
	b, cb, _ := newTestClient(t)
	if a.key != b.key || a.kid == b.kid {
		t.Fatal("want one key per process and one key id per server")
	}
	fa := newFixture(t, ca, types.UserPoolMfaTypeOff, "")
	fa.user("ann")
	auth, err := fa.signIn("ann")
	must(t, err)
	access := *auth.AuthenticationResult.AccessToken
	ctx := context.Background()

	// The same pool id and user exist on b too: only the token's origin differs.
	b.mu.Lock()
	b.pools = a.pools
	b.mu.Unlock()
	_, err = cb.GetUser(ctx, &cip.GetUserInput{AccessToken: &access})
	wantCode(t, err, "NotAuthorizedException")

	// Re-signed with a key the server has never seen, under the server's own key id.
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(access, claims); err != nil {
		t.Fatal(err)
	}
	other, err := rsa.GenerateKey(rand.Reader, 2048)
	must(t, err)
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	tok.Header["kid"] = a.kid
	forged, err := tok.SignedString(other)
	must(t, err)
	_, err = ca.GetUser(ctx, &cip.GetUserInput{AccessToken: &forged})
	wantCode(t, err, "NotAuthorizedException")

	_, err = ca.GetUser(ctx, &cip.GetUserInput{AccessToken: &access})
	must(t, err)
}
