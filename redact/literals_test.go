package redact

import (
	"strings"
	"testing"
)

func TestLiteralsStayReadableSecretsDoNot(t *testing.T) {
	lit := LiteralsOf(
		`the client sends an unsigned SetUserMFAPreference request:`,
		`{ "AccessToken": "not-a-real-token", "Other": "${AccessToken}" }`,
		`the error message is "Invalid Access Token"`,
		`eyJhbGciOiJub25lIn0.eyJzdWIiOiJsaXRlcmFsIn0.c2lnbmF0dXJlLWxpdA`,
	)
	if !lit["not-a-real-token"] || !lit["Invalid Access Token"] || lit["${AccessToken}"] {
		t.Fatalf("literals %v", lit)
	}
	issued := "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJpc3N1ZWQifQ.c2lnbmF0dXJlLWlzc3VlZA"
	r := New()
	// A request that sends the literal as AccessToken registers nothing; an issued token does.
	r.Add(lit.Secrets("not-a-real-token", issued, "generated-Password-1")...)
	v := View{R: r, Keep: lit}
	msg := v.String(`moto echoed not-a-real-token; issued ` + issued + `; literal eyJhbGciOiJub25lIn0.eyJzdWIiOiJsaXRlcmFsIn0.c2lnbmF0dXJlLWxpdA; generated-Password-1`)
	for _, want := range []string{"not-a-real-token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJsaXRlcmFsIn0.c2lnbmF0dXJlLWxpdA"} {
		if !strings.Contains(msg, want) {
			t.Errorf("literal %q masked: %s", want, msg)
		}
	}
	if strings.Contains(msg, issued) || strings.Contains(msg, "generated-Password-1") {
		t.Errorf("secret shown: %s", msg)
	}
	body := v.JSON(`{"AccessToken":"not-a-real-token","Session":"real-session-value"}`)
	if !strings.Contains(body, "not-a-real-token") || strings.Contains(body, "real-session-value") {
		t.Errorf("JSON %s", body)
	}
}
