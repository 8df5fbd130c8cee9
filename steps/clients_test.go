package steps

import (
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cognito-conformance/cognito-conformance/reports"
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

// TestARunsClientStateGoesWithIt: what a run learns of its client programs lives in its Env;
// once the run is over and dropped, nothing keeps the Env (and through its Collect hook every
// result of the run) alive. A process-wide table keyed by the Env once did, and a process
// making runs one after another (tests, mutants, the benchmarks) grew by megabytes a run.
func TestARunsClientStateGoesWithIt(t *testing.T) {
	t.Parallel()
	collected := make(chan struct{})
	func() {
		results := make([]byte, 1<<20) // what a run's Collect hook holds on to
		env := &Env{Collect: func(*reports.Scenario) { _ = results }}
		env.probe("no-such-client", nil) // discovery remembers the client in the Env
		env.driver("python3", nil)       // as does the driver (not started until its first call)
		env.Close()
		runtime.AddCleanup(env, func(ch chan struct{}) { close(ch) }, collected)
	}()
	for i := 0; i < 20; i++ {
		runtime.GC()
		select {
		case <-collected:
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatal("a run's Env outlived the run: something process-wide still refers to it")
}
