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
	run := brokenServerRun()
	if run.err != nil || run.code != exitNonConformant {
		t.Fatalf("exit %d (%v)\n%s%s", run.code, run.err, run.out, run.errOut)
	}
	dir := run.dir
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
	for _, c := range []struct {
		mutation string
		want     int
	}{{"", exitOK}, {"skip-mfa-setup", exitNonConformant}} {
		t.Run("mutation="+c.mutation, func(t *testing.T) {
			t.Parallel()
			run := secretScanRun(c.mutation)
			if run.err != nil || run.code != c.want {
				t.Fatalf("exit %d, want %d (%v)\n%s%s", run.code, c.want, run.err, run.out, run.errOut)
			}
			secrets := append([]string{scanSecret, scanSession}, run.secrets...)
			if len(secrets) < 6 {
				t.Fatalf("the run handed out only %d secrets; the scan would prove little", len(secrets))
			}
			artifacts := map[string][]byte{"stdout": []byte(run.out), "stderr": []byte(run.errOut)}
			_ = filepath.Walk(run.dir, func(p string, info os.FileInfo, err error) error {
				if err == nil && !info.IsDir() {
					artifacts[filepath.Base(p)], _ = os.ReadFile(p)
				}
				return err
			})
			if len(artifacts) < 7 {
				t.Fatalf("the run wrote only %d files", len(artifacts)-2)
			}
			find := leakFinder(secrets, 24)
			for name, b := range artifacts {
				if piece, at := find(b); at >= 0 {
					t.Errorf("%s contains a piece of a secret (%.12s…) after: %s", name, piece, b[max(0, at-160):at])
				}
			}
		})
	}
}

// leakFinder returns a scan that finds, in a text, the first n-character piece of any of the
// secrets (a piece starts every n/2 characters; a secret of n characters or fewer is its own
// piece). The pieces are looked up in a map at every position of the text: hundreds of
// tokens against a megabyte of report would be hundreds of thousands of bytes.Index calls.
func leakFinder(secrets []string, n int) func(b []byte) (piece string, at int) {
	pieces := map[string]bool{}
	var short []string
	for _, secret := range secrets {
		if len(secret) <= n {
			short = append(short, secret)
			continue
		}
		for i := 0; i+n <= len(secret); i += n / 2 {
			pieces[secret[i:i+n]] = true
		}
	}
	return func(b []byte) (string, int) {
		for _, secret := range short {
			if at := bytes.Index(b, []byte(secret)); at >= 0 {
				return secret, at
			}
		}
		for at := 0; at+n <= len(b); at++ {
			if pieces[string(b[at:at+n])] {
				return string(b[at : at+n]), at
			}
		}
		return "", -1
	}
}

func TestLeakFinderFindsPiecesAndShortSecrets(t *testing.T) {
	t.Parallel()
	long := "eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl"
	find := leakFinder([]string{long, "short-secret"}, 24)
	if _, at := find([]byte("nothing to see " + long[:20] + " here")); at >= 0 {
		t.Errorf("a 20-character prefix was taken for a 24-character piece at %d", at)
	}
	if piece, at := find([]byte("report: ..." + long[13:50] + "...")); at < 0 || !strings.Contains(long, piece) {
		t.Errorf("a piece from the middle of a token was not found (%q at %d)", piece, at)
	}
	if _, at := find([]byte(`{"key":"short-secret"}`)); at != 8 {
		t.Errorf("a short secret was found at %d, want 8", at)
	}
}
