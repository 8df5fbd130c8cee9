// Package srp is the client side of Cognito's Secure Remote Password sign-in (USER_SRP_AUTH),
// and the arithmetic both sides share: SRP-6a over the 3072-bit group of RFC 5054 with g = 2,
// k = H(N | g), SHA-256, and an HKDF ("Caldera Derived Key") that turns the shared secret into
// the key of the PASSWORD_CLAIM_SIGNATURE.
//
// Cognito's numbers follow Java's BigInteger: a value is hashed as the hex of its two's-complement
// bytes (PadHex), so a value whose top bit is set gets a leading zero byte. Every client AWS ships
// (amazon-cognito-identity-js AuthenticationHelper.js, the mobile SDKs) and pycognito (aws_srp.py)
// compute the same way; a server that does not is unreachable for them.
package srp

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"
)

// nHex is the 3072-bit MODP prime of RFC 5054 appendix A, as Cognito uses it.
const nHex = "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1" +
	"29024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
	"EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245" +
	"E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
	"EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D" +
	"C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F" +
	"83655D23DCA3AD961C62F356208552BB9ED529077096966D" +
	"670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
	"E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9" +
	"DE2BCBF6955817183995497CEA956AE515D2261898FA0510" +
	"15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64" +
	"ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
	"ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B" +
	"F12FFA06D98A0864D87602733EC86A64521F2B18177B200C" +
	"BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31" +
	"43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"

// The group and the multiplier, fixed by Cognito.
var (
	N = mustHex(nHex)
	G = big.NewInt(2)
	K = HashInt(PadHex(N) + PadHex(G))
)

// TimestampLayout is the TIMESTAMP Cognito signs: "Tue Mar 3 09:05:07 UTC 2026", the day of the
// month not padded (amazon-cognito-identity-js DateHelper.getNowString), always in UTC.
const TimestampLayout = "Mon Jan 2 15:04:05 UTC 2006"

// infoBits is the HKDF info of Cognito's derived key, with the single-block counter byte.
var infoBits = append([]byte("Caldera Derived Key"), 1)

func mustHex(s string) *big.Int {
	n, ok := new(big.Int).SetString(s, 16)
	if !ok {
		panic("srp: bad hex constant")
	}
	return n
}

// PadHex is the hex of a non-negative integer as Java's BigInteger.toByteArray would give it:
// even length, with a leading 00 byte when the top bit is set.
func PadHex(n *big.Int) string {
	h := n.Text(16)
	if len(h)%2 == 1 {
		h = "0" + h
	}
	if strings.IndexByte("89abcdef", h[0]) >= 0 {
		h = "00" + h
	}
	return h
}

// HashHex is SHA-256 over the bytes a hex string encodes, as 64 hex digits.
func HashHex(hexStr string) string {
	b, err := hex.DecodeString(hexStr)
	if err != nil {
		panic("srp: HashHex of odd or non-hex input")
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// HashInt is HashHex read as an integer.
func HashInt(hexStr string) *big.Int { return mustHex(HashHex(hexStr)) }

// U is the scrambling parameter H(A | B).
func U(a, b *big.Int) *big.Int { return HashInt(PadHex(a) + PadHex(b)) }

// ParseHex reads a hex member of the protocol (SRP_A, SRP_B, SALT).
func ParseHex(s string) (*big.Int, error) {
	n, ok := new(big.Int).SetString(s, 16)
	if !ok || n.Sign() < 0 {
		return nil, fmt.Errorf("not a hex number: %.20q", s)
	}
	return n, nil
}

// X is the private key x = H(salt | H(poolName | userID ":" password)); poolName is the part of
// the user pool id after the underscore and userID is USER_ID_FOR_SRP.
func X(salt *big.Int, poolName, userID, password string) *big.Int {
	inner := sha256.Sum256([]byte(poolName + userID + ":" + password))
	return HashInt(PadHex(salt) + hex.EncodeToString(inner[:]))
}

// Verifier is v = g^x mod N, what a server keeps instead of the password.
func Verifier(salt *big.Int, poolName, userID, password string) *big.Int {
	return powG(X(salt, poolName, userID, password))
}

// gToX remembers g^x mod N by x. The verifier a server keeps and the g^x a client computes in
// every sign-in are the same number for the same user and password, and each costs a 3072-bit
// exponentiation; a conformance run signs the same users in again and again, often with the
// reference in the same process. Bounded: a process that meets more than gToXLimit passwords
// forgets them all and starts over. (No constant-time concern: this package serves tests.)
var gToX = struct {
	sync.Mutex
	m map[string]*big.Int
}{m: map[string]*big.Int{}}

const gToXLimit = 4096

// powG is g^x mod N, a fresh copy the caller may change.
func powG(x *big.Int) *big.Int {
	key := string(x.Bytes())
	gToX.Lock()
	v, ok := gToX.m[key]
	gToX.Unlock()
	if !ok {
		v = new(big.Int).Exp(G, x, N)
		gToX.Lock()
		if len(gToX.m) >= gToXLimit {
			clear(gToX.m)
		}
		gToX.m[key] = v
		gToX.Unlock()
	}
	return new(big.Int).Set(v)
}

// Key derives the 16-byte signing key from the shared secret S and the scrambler u (HKDF-SHA256,
// salt u, info "Caldera Derived Key", one block).
func Key(s, u *big.Int) []byte {
	ikm, _ := hex.DecodeString(PadHex(s))
	salt, _ := hex.DecodeString(PadHex(u))
	ext := hmac.New(sha256.New, salt)
	ext.Write(ikm)
	exp := hmac.New(sha256.New, ext.Sum(nil))
	exp.Write(infoBits)
	return exp.Sum(nil)[:16]
}

// Signature is PASSWORD_CLAIM_SIGNATURE: base64 HMAC-SHA256, under key, of
// poolName | userID | SECRET_BLOCK (decoded) | TIMESTAMP.
func Signature(key []byte, poolName, userID, secretBlock, timestamp string) (string, error) {
	block, err := decodeSecretBlock(secretBlock)
	if err != nil {
		return "", fmt.Errorf("SECRET_BLOCK is not base64: %w", err)
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(poolName))
	m.Write([]byte(userID))
	m.Write(block)
	m.Write([]byte(timestamp))
	return base64.StdEncoding.EncodeToString(m.Sum(nil)), nil
}

// decodeSecretBlock reads SECRET_BLOCK the way amazon-cognito-identity-js does (Node's
// Buffer.from(s, "base64")): either base64 alphabet, padding optional, other characters
// skipped. The block is opaque to the client; a target's odd encoding of it is not a sign-in
// deviation a real client would notice, so it is not one here.
func decodeSecretBlock(s string) ([]byte, error) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '-':
			b.WriteByte('+')
		case r == '_':
			b.WriteByte('/')
		case r == '=':
			// padding: optional
		case r < 128 && (r == '+' || r == '/' || ('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')):
			b.WriteRune(r)
		}
	}
	clean := b.String()
	if len(clean)%4 == 1 { // a lone trailing character carries no whole byte: Node drops it
		clean = clean[:len(clean)-1]
	}
	return base64.RawStdEncoding.DecodeString(clean)
}

// PoolName is the part of a user pool id that SRP hashes: "us-east-1_AbC" → "AbC".
func PoolName(userPoolID string) string {
	_, name, ok := strings.Cut(userPoolID, "_")
	if !ok {
		return userPoolID
	}
	return name
}

// Timestamp formats t as Cognito's TIMESTAMP.
func Timestamp(t time.Time) string { return t.UTC().Format(TimestampLayout) }

// RandomInt returns a uniformly random integer of the given number of bytes.
func RandomInt(bytes int) *big.Int {
	b := make([]byte, bytes)
	if _, err := rand.Read(b); err != nil {
		panic("srp: no randomness: " + err.Error())
	}
	return new(big.Int).SetBytes(b)
}

// Client is one SRP sign-in from the user's side.
type Client struct {
	poolName string
	a, A     *big.Int
}

// NewClient starts a sign-in for a user of the pool: it draws the secret a and computes A = g^a.
func NewClient(userPoolID string) *Client {
	for {
		a := RandomInt(128)
		A := new(big.Int).Exp(G, a, N)
		if A.Sign() != 0 {
			return &Client{poolName: PoolName(userPoolID), a: a, A: A}
		}
	}
}

// SRPA is the SRP_A auth parameter of InitiateAuth.
func (c *Client) SRPA() string { return c.A.Text(16) }

// Challenge is what the PASSWORD_VERIFIER challenge gives the client.
type Challenge struct {
	UserIDForSRP, SRPB, Salt, SecretBlock string
}

// Claim is the client's answer to PASSWORD_VERIFIER.
type Claim struct {
	SecretBlock, Signature, Timestamp string
}

// ErrBadChallenge says the server's PASSWORD_VERIFIER parameters cannot be used.
var ErrBadChallenge = errors.New("unusable PASSWORD_VERIFIER challenge")

// Answer proves knowledge of the password for the challenge at time now:
// S = (B - k·g^x)^(a + u·x) mod N.
func (c *Client) Answer(ch Challenge, password string, now time.Time) (Claim, error) {
	if ch.UserIDForSRP == "" || ch.SecretBlock == "" {
		return Claim{}, fmt.Errorf("%w: USER_ID_FOR_SRP or SECRET_BLOCK is missing", ErrBadChallenge)
	}
	B, err := ParseHex(ch.SRPB)
	if err != nil {
		return Claim{}, fmt.Errorf("%w: SRP_B %v", ErrBadChallenge, err)
	}
	salt, err := ParseHex(ch.Salt)
	if err != nil {
		return Claim{}, fmt.Errorf("%w: SALT %v", ErrBadChallenge, err)
	}
	if new(big.Int).Mod(B, N).Sign() == 0 {
		return Claim{}, fmt.Errorf("%w: SRP_B is 0 mod N", ErrBadChallenge)
	}
	u := U(c.A, B)
	if u.Sign() == 0 {
		return Claim{}, fmt.Errorf("%w: u is 0", ErrBadChallenge)
	}
	x := X(salt, c.poolName, ch.UserIDForSRP, password)
	base := new(big.Int).Sub(B, new(big.Int).Mul(K, powG(x)))
	base.Mod(base, N)
	exp := new(big.Int).Add(c.a, new(big.Int).Mul(u, x))
	s := new(big.Int).Exp(base, exp, N)
	ts := Timestamp(now)
	sig, err := Signature(Key(s, u), c.poolName, ch.UserIDForSRP, ch.SecretBlock, ts)
	if err != nil {
		return Claim{}, fmt.Errorf("%w: %v", ErrBadChallenge, err)
	}
	return Claim{SecretBlock: ch.SecretBlock, Signature: sig, Timestamp: ts}, nil
}
