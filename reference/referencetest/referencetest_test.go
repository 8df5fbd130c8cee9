package referencetest_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/cognito-conformance/cognito-conformance/reference"
	"github.com/cognito-conformance/cognito-conformance/reference/referencetest"
)

func TestStartServesOnLoopbackUntilTheTestEnds(t *testing.T) {
	var base string
	t.Run("inner", func(t *testing.T) {
		ref := referencetest.Start(t, reference.WithProfile(reference.ProfileDocumented))
		base = ref.URL
		if u, err := url.Parse(ref.URL); err != nil || u.Hostname() != "127.0.0.1" {
			t.Fatalf("URL %q is not on 127.0.0.1", ref.URL)
		}
		if ref.Profile() != reference.ProfileDocumented {
			t.Errorf("profile %s: options not applied", ref.Profile())
		}
		req, _ := http.NewRequest(http.MethodPost, ref.URL+"/", strings.NewReader(`{}`))
		req.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService.GetUser")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusBadRequest || res.Header.Get("x-amzn-ErrorType") == "" {
			t.Errorf("answer %d %v, want a 400 error answer from the reference", res.StatusCode, res.Header)
		}
	})
	if _, err := http.Post(base+"/", "application/x-amz-json-1.1", strings.NewReader(`{}`)); err == nil {
		t.Error("the reference still serves after its test ended")
	}
}
