package target

import (
	"net/http"
	"testing"

	"github.com/cognito-conformance/cognito-conformance/wire"
)

// moto's HTML 500 is no fault to retry when it says "not implemented", and a 5xx like any
// other when it is a crash of a handler moto has: only repeating on every attempt makes a
// crash the target's answer.
func TestRetryPolicyRetriesMotoCrashesButNotItsGaps(t *testing.T) {
	moto, _ := Builtin(Moto)
	p := retryPolicy(wire.RetryPolicy{}, moto)
	page := func(op string) *wire.Exchange {
		return &wire.Exchange{Operation: op, Status: 500,
			Response: wire.Message{Headers: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, Body: "<!doctype html>"}}
	}
	if p.Transient(page("AdminSetUserSettings")) {
		t.Error("moto's page for an operation it lacks was retried")
	}
	if !p.Transient(page("AdminSetUserMFAPreference")) {
		t.Error("moto's page for an operation it implements (a crash) was not retried")
	}
	ref, _ := Builtin(Reference)
	if retryPolicy(wire.RetryPolicy{}, ref).Transient != nil {
		t.Error("targets without the quirk keep the SDK's rules")
	}
}
