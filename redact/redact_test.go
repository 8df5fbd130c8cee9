package redact

import (
	"net/http"
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
