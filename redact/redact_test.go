package redact

import (
	"maps"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestJSONBlanksSecretFieldsAtAnyDepth(t *testing.T) {
	r := New()
	got := r.JSON(`{"AuthenticationResult":{"AccessToken":"abc.def.ghi","ExpiresIn":3600},"ChallengeResponses":{"SOFTWARE_TOKEN_MFA_CODE":"123456"}}`)
	for _, leaked := range []string{"abc.def.ghi", "123456"} {
		if strings.Contains(got, leaked) {
			t.Errorf("redacted JSON still holds %q: %s", leaked, got)
		}
	}
	if !strings.Contains(got, `"ExpiresIn":3600`) {
		t.Errorf("non-secret member lost: %s", got)
	}
}

func TestStringMasksRegisteredValuesJWTsAndSignatures(t *testing.T) {
	r := New("wJalrXUtnFEMI/K7MDENG")
	in := "key wJalrXUtnFEMI/K7MDENG token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl Signature=0123abcd"
	got := r.String(in)
	if strings.Contains(got, "wJalr") || strings.Contains(got, "eyJhbGci") || strings.Contains(got, "0123abcd") {
		t.Fatalf("secret left in %q", got)
	}
}

func TestHeadersMaskSecurityToken(t *testing.T) {
	h := http.Header{"X-Amz-Security-Token": {"FQoGZXIvYXdzE"}, "Content-Type": {"application/x-amz-json-1.1"}}
	got := New().Headers(h)
	if got.Get("X-Amz-Security-Token") != Mask || got.Get("Content-Type") != "application/x-amz-json-1.1" {
		t.Fatalf("headers = %v", got)
	}
}

func TestShortValuesAreNotRegistered(t *testing.T) {
	if got := New("ab").String("about"); got != "about" {
		t.Fatalf("short value masked: %q", got)
	}
}

func TestValuesInFindsEverySecretMember(t *testing.T) {
	got := ValuesIn(`{"Session":"sess-123456","ChallengeResponses":{"SMS_MFA_CODE":"654321","NEW_PASSWORD":"Pw-secret-1"},"Other":"keep"}`)
	if len(got) != 3 {
		t.Fatalf("ValuesIn = %v", got)
	}
}

func TestAuthorizationKeepsOnlyTheScope(t *testing.T) {
	h := http.Header{"Authorization": {"AWS4-HMAC-SHA256 Credential=AKID/20261121/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcdef0123"}}
	got := New().Headers(h).Get("Authorization")
	if strings.Contains(got, "abcdef0123") || !strings.Contains(got, "Credential=AKID/20261121") {
		t.Fatalf("Authorization = %q", got)
	}
	if got := New().Headers(http.Header{"Authorization": {"Basic dXNlcjpwYXNz"}}).Get("Authorization"); got != "Basic "+Mask {
		t.Fatalf("Basic auth = %q", got)
	}
}

// TestValuesAreMaskedAsAReplacerWould: the indexed matcher masks exactly what
// strings.NewReplacer with the values longest first masks (the redactor's former
// implementation), for values that overlap, nest and share prefixes.
func TestValuesAreMaskedAsAReplacerWould(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := "abAB"
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	for range 300 {
		var values []string
		for range 1 + rng.IntN(12) {
			values = append(values, word(4+rng.IntN(5)))
		}
		r := New(values...)
		uniq := map[string]bool{}
		for _, v := range values {
			uniq[v] = true
		}
		sorted := slices.Collect(maps.Keys(uniq))
		slices.SortStableFunc(sorted, func(a, b string) int { return len(b) - len(a) })
		var pairs []string
		for _, v := range sorted {
			pairs = append(pairs, v, Mask)
		}
		want := strings.NewReplacer(pairs...)
		for range 20 {
			text := word(rng.IntN(60))
			if got, w := r.String(text), want.Replace(text); got != w {
				t.Fatalf("values %q, text %q: got %q, want %q", sorted, text, got, w)
			}
		}
	}
}

func TestValuesInReadsEscapedMemberNames(t *testing.T) {
	if got := ValuesIn(`{"\u0053ession":"sess-123456"}`); len(got) != 1 || got[0] != "sess-123456" {
		t.Fatalf("ValuesIn = %v", got)
	}
	if got := ValuesIn(`{"Username":"Session","Other":"x"}`); len(got) != 0 {
		t.Fatalf("ValuesIn = %v", got)
	}
}
