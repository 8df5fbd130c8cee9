package srp

import (
	"bytes"
	"encoding/base64"
	"math/big"
	"testing"
	"time"
)

func TestPadHex(t *testing.T) {
	for n, want := range map[int64]string{20: "14", 56: "38", 236: "00ec", 200: "00c8", 0x1ff: "01ff"} {
		if got := PadHex(big.NewInt(n)); got != want {
			t.Errorf("PadHex(%d) = %s, want %s", n, got, want)
		}
	}
}

// TestTimestampDayIsNotPadded: "Tue Mar 3 09:05:07 UTC 2026", as DateHelper.getNowString writes it.
func TestTimestampDayIsNotPadded(t *testing.T) {
	at := time.Date(2026, 3, 3, 9, 5, 7, 0, time.FixedZone("X", 3600))
	if got := Timestamp(at); got != "Tue Mar 3 08:05:07 UTC 2026" {
		t.Fatalf("Timestamp = %q", got)
	}
}

func TestDecodeSecretBlockIsLenientAsNode(t *testing.T) {
	raw := []byte{0xfb, 0xff, 0x01, 0x02}
	std := base64.StdEncoding.EncodeToString(raw)
	for _, in := range []string{std, base64.RawStdEncoding.EncodeToString(raw), base64.RawURLEncoding.EncodeToString(raw)} {
		got, err := decodeSecretBlock(in)
		if err != nil || !bytes.Equal(got, raw) {
			t.Errorf("decodeSecretBlock(%q) = %x, %v", in, got, err)
		}
	}
}

// TestClientAgreesWithAServer: a server holding the verifier derives the same key as the client,
// and a proof from another password differs.
func TestClientAgreesWithAServer(t *testing.T) {
	const pool, user, pw = "us-east-1_Abc", "alice", "Passw0rd!"
	salt := RandomInt(16)
	v := Verifier(salt, PoolName(pool), user, pw)
	b := RandomInt(128)
	B := new(big.Int).Mod(new(big.Int).Add(new(big.Int).Mul(K, v), new(big.Int).Exp(G, b, N)), N)
	block := base64.StdEncoding.EncodeToString([]byte("opaque"))
	c := NewClient(pool)
	now := time.Now()
	claim, err := c.Answer(Challenge{UserIDForSRP: user, SRPB: B.Text(16), Salt: salt.Text(16), SecretBlock: block}, pw, now)
	if err != nil {
		t.Fatal(err)
	}
	u := U(c.A, B)
	S := new(big.Int).Exp(new(big.Int).Mod(new(big.Int).Mul(c.A, new(big.Int).Exp(v, u, N)), N), b, N)
	want, _ := Signature(Key(S, u), PoolName(pool), user, block, claim.Timestamp)
	if claim.Signature != want {
		t.Fatal("client and server disagree")
	}
	wrong, _ := c.Answer(Challenge{UserIDForSRP: user, SRPB: B.Text(16), Salt: salt.Text(16), SecretBlock: block}, pw+"x", now)
	if wrong.Signature == want {
		t.Fatal("a wrong password gave the right proof")
	}
}

// TestRememberedVerifierIsTheExponentiationAndACopy: the cache of g^x gives the number a fresh
// exponentiation gives, every time, and a caller changing its copy changes no later answer.
func TestRememberedVerifierIsTheExponentiationAndACopy(t *testing.T) {
	salt := big.NewInt(12345)
	want := new(big.Int).Exp(G, X(salt, "pool", "user", "pw"), N)
	first := Verifier(salt, "pool", "user", "pw")
	first.SetInt64(7)
	if again := Verifier(salt, "pool", "user", "pw"); again.Cmp(want) != 0 {
		t.Fatalf("remembered verifier differs from g^x mod N")
	}
	if other := Verifier(salt, "pool", "user", "pw2"); other.Cmp(want) == 0 {
		t.Fatalf("another password gave the same verifier")
	}
}
