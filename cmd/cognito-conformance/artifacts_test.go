package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tidwall/gjson"

	"github.com/cognito-conformance/cognito-conformance/reference"
	"github.com/cognito-conformance/cognito-conformance/reports"
)

// chromium finds Debian's headless Chromium. Without it the HTML check is skipped, unless
// COGCONF_REQUIRE_CHROMIUM=1 (CI installs it and sets that), so CI can never skip silently.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("COGCONF_REQUIRE_CHROMIUM") == "1" {
		t.Fatal("COGCONF_REQUIRE_CHROMIUM=1 but no chromium on PATH (apt-get install chromium)")
	}
	t.Skip("no chromium on PATH: the HTML report is not checked in a browser (apt-get install chromium)")
	return ""
}

func TestHTMLReportInHeadlessChromium(t *testing.T) {
	t.Parallel()
	browser := chromium(t)
	url := loopback(t, wrongStatus(newRef(t)))
	dir := t.TempDir()
	if code, out, errOut := run(t, "run", "--quiet", "--endpoint", url, "--report-dir", dir); code != exitNonConformant {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	page := filepath.Join(dir, reports.HTMLFile)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--dump-dom", "file://"+page)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	dom, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	for _, want := range []string{
		`id="score"`, "does not conform", "Score ",
		"An unknown user is UserNotFoundException with HTTP 400", "expected HTTP status 400, got 500",
		`id="by-operation"`, "AdminSetUserMFAPreference",
	} {
		if !strings.Contains(string(dom), want) {
			t.Errorf("the page Chromium loaded lacks %q", want)
		}
	}
	if shot := os.Getenv("COGCONF_SCREENSHOT"); shot != "" {
		_ = exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
			"--user-data-dir="+t.TempDir(), "--window-size=1280,1600", "--screenshot="+shot, "file://"+page).Run()
	}
}

// secretCatcher remembers every secret the server hands out.
type secretCatcher struct {
	mu      sync.Mutex
	secrets map[string]bool
	next    http.Handler
}

func (c *secretCatcher) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := httptest.NewRecorder()
	c.next.ServeHTTP(rec, r)
	body := rec.Body.Bytes()
	c.mu.Lock()
	for _, p := range []string{"AuthenticationResult.AccessToken", "AuthenticationResult.IdToken",
		"AuthenticationResult.RefreshToken", "Session", "SecretCode"} {
		if v := gjson.GetBytes(body, p); v.Exists() && len(v.String()) > 8 {
			c.secrets[v.String()] = true
		}
	}
	c.mu.Unlock()
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = io.Copy(w, bytes.NewReader(body))
}

// TestNoSecretInAnyArtifact scans every file a run writes, and its console output, for the
// configured secret key and session token and for every token, session and TOTP secret the
// target handed out, whole or in any 24-character piece. It runs a conforming target and one
// broken by a mutation, so failure messages (which quote responses) are scanned too.
func TestNoSecretInAnyArtifact(t *testing.T) {
	t.Parallel()
	const key, secret, session = "AKIDSECRETSCAN0001", "scan-secret-key-0123456789abcdef", "scan-session-token-FQoGZXIvYXdz"
	env := map[string]string{"AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret, "AWS_SESSION_TOKEN": session}
	for _, c := range []struct {
		mutation string
		want     int
	}{{"", exitOK}, {"skip-mfa-setup", exitNonConformant}} {
		t.Run("mutation="+c.mutation, func(t *testing.T) {
			t.Parallel()
			catcher := &secretCatcher{secrets: map[string]bool{}, next: reference.New(
				reference.WithCredentials(key, secret), reference.WithMutation(c.mutation))}
			url := loopback(t, catcher)
			dir := t.TempDir()
			baselineFile := filepath.Join(dir, "baseline.json")
			code, out, errOut := runWithEnv(t, env, "run", "--endpoint", url, "--report-dir", dir, "--write-baseline", baselineFile)
			if code != c.want {
				t.Fatalf("exit %d, want %d\n%s%s", code, c.want, out, errOut)
			}
			secrets := []string{secret, session}
			for s := range catcher.secrets {
				secrets = append(secrets, s)
			}
			if len(secrets) < 6 {
				t.Fatalf("the run handed out only %d secrets; the scan would prove little", len(secrets))
			}
			artifacts := map[string][]byte{"stdout": []byte(out), "stderr": []byte(errOut)}
			_ = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
				if err == nil && !info.IsDir() {
					artifacts[filepath.Base(p)], _ = os.ReadFile(p)
				}
				return err
			})
			if len(artifacts) < 7 {
				t.Fatalf("the run wrote only %d files", len(artifacts)-2)
			}
			for name, b := range artifacts {
				for _, s := range secrets {
					if piece, at := leaked(b, s, 24); at >= 0 {
						t.Errorf("%s contains a piece of a secret (%.12s…) after: %s", name, piece, b[max(0, at-160):at])
					}
				}
			}
		})
	}
}

// leaked finds any n-character piece of secret in b (the whole secret when it is shorter).
func leaked(b []byte, secret string, n int) (string, int) {
	if len(secret) <= n {
		return secret, bytes.Index(b, []byte(secret))
	}
	for i := 0; i+n <= len(secret); i += n / 2 {
		if at := bytes.Index(b, []byte(secret[i:i+n])); at >= 0 {
			return secret[i : i+n], at
		}
	}
	return "", -1
}
