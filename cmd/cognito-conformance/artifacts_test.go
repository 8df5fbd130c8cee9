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

// TestNoSecretInAnyArtifact scans every file a run wrote for the configured secret key and
// session token and for every token, session and TOTP secret the target handed out.
func TestNoSecretInAnyArtifact(t *testing.T) {
	const key, secret, session = "AKIDSECRETSCAN0001", "scan-secret-key-0123456789abcdef", "scan-session-token-FQoGZXIvYXdz"
	t.Setenv("AWS_ACCESS_KEY_ID", key)
	t.Setenv("AWS_SECRET_ACCESS_KEY", secret)
	t.Setenv("AWS_SESSION_TOKEN", session)
	catcher := &secretCatcher{secrets: map[string]bool{}, next: reference.New(reference.WithCredentials(key, secret))}
	url := loopback(t, catcher)
	dir := t.TempDir()
	baselineFile := filepath.Join(dir, "baseline.json")
	if code, out, errOut := run(t, "run", "--quiet", "--endpoint", url, "--report-dir", dir, "--write-baseline", baselineFile); code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	secrets := []string{secret, session}
	for s := range catcher.secrets {
		secrets = append(secrets, s)
	}
	if len(secrets) < 6 {
		t.Fatalf("the run handed out only %d secrets; the scan would prove little", len(secrets))
	}
	files := 0
	_ = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		files++
		b, _ := os.ReadFile(p)
		for _, s := range secrets {
			if i := bytes.Index(b, []byte(s)); i >= 0 {
				from := max(0, i-160)
				t.Errorf("%s contains a secret (%.12s…) after: %s", filepath.Base(p), s, b[from:i])
			}
		}
		return nil
	})
	if files < 5 {
		t.Fatalf("the run wrote only %d files", files)
	}
}
