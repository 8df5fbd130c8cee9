package steps

import (
	"reflect"
	"strings"
	"testing"
)

func TestShellWords(t *testing.T) {
	doc := `aws cognito-idp set-user-mfa-preference \
    --access-token "eyJra12345EXAMPLE" \
    --software-token-mfa-settings Enabled=true,PreferredMfa=true \
    --sms-mfa-settings 'Enabled=false, PreferredMfa=false' --x "a \"b\" \$c" d\ e`
	got, err := shellWords(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"aws", "cognito-idp", "set-user-mfa-preference", "--access-token", "eyJra12345EXAMPLE",
		"--software-token-mfa-settings", "Enabled=true,PreferredMfa=true", "--sms-mfa-settings",
		"Enabled=false, PreferredMfa=false", "--x", `a "b" $c`, "d e"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("shellWords:\n got %q\nwant %q", got, want)
	}
	for _, bad := range []string{`aws "open`, `aws 'open`, `aws \`} {
		if _, err := shellWords(bad); err == nil {
			t.Errorf("shellWords(%q) accepted a broken command line", bad)
		}
	}
	if j := shellJoin(want[8:11]); j != `'Enabled=false, PreferredMfa=false' --x 'a "b" $c'` {
		t.Errorf("shellJoin = %s", j)
	}
}

func TestSecretFlag(t *testing.T) {
	for flag, want := range map[string]bool{"--access-token": true, "--session": true, "--username": false,
		"--user-pool-id": false, "access-token": false} {
		if got := secretFlag(flag); got != want {
			t.Errorf("secretFlag(%q) = %v, want %v", flag, got, want)
		}
	}
}

// TestClientEnv: nothing AWS_* from the harness's environment reaches a client (no profile,
// endpoint or credentials leak), retries and instance metadata are off, and proxies are bypassed.
func TestClientEnv(t *testing.T) {
	t.Setenv("AWS_PROFILE", "leaky")
	t.Setenv("AWS_ENDPOINT_URL", "https://example.com")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "leaky-secret")
	t.Setenv("HTTPS_PROXY", "http://proxy.example:3128")
	env := clientEnv([]string{"AWS_ACCESS_KEY_ID=AKIDTEST"})
	seen := map[string]string{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		if _, dup := seen[k]; dup {
			t.Errorf("%s set twice", k)
		}
		seen[k] = v
	}
	for _, k := range []string{"AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_SECRET_ACCESS_KEY", "HTTPS_PROXY"} {
		if v, ok := seen[k]; ok {
			t.Errorf("%s leaked into the client's environment: %q", k, v)
		}
	}
	for k, want := range map[string]string{"AWS_MAX_ATTEMPTS": "1", "AWS_EC2_METADATA_DISABLED": "true",
		"AWS_ACCESS_KEY_ID": "AKIDTEST", "NO_PROXY": "127.0.0.1,localhost"} {
		if seen[k] != want {
			t.Errorf("%s = %q, want %q", k, seen[k], want)
		}
	}
	if seen["PATH"] == "" {
		t.Error("PATH did not reach the client")
	}
}
