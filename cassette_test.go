package conformance_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/cassette"
	"github.com/cognito-conformance/cognito-conformance/redact"
	"github.com/cognito-conformance/cognito-conformance/reference"
	"github.com/cognito-conformance/cognito-conformance/reports"
)

// recordAndReplay records a run of the reference (with a mutation, under a tag filter) into a
// cassette, replays the cassette as a target, and returns both reports.
func recordAndReplay(t *testing.T, mutation, tags string) (recorded, replayed *reports.Report, dir string) {
	t.Helper()
	dir = t.TempDir()
	ctx := context.Background()
	recorded, err := conformance.Run(ctx, conformance.Config{Mutation: mutation, Tags: tags, Record: dir, RerunInconclusive: 1, Getenv: noEnv})
	if recorded == nil {
		t.Fatalf("recording: %v", err)
	}
	if !cassette.IsCassette(dir) {
		t.Fatalf("no cassette in %s (run error: %v)", dir, err)
	}
	replayed, err = conformance.Run(ctx, conformance.Config{Target: conformance.ReplayPrefix + dir, Tags: tags, RerunInconclusive: 1, Getenv: noEnv})
	if replayed == nil {
		t.Fatalf("replaying: %v", err)
	}
	return recorded, replayed, dir
}

// sameVerdicts fails the test for every scenario whose status differs between two reports.
func sameVerdicts(t *testing.T, a, b *reports.Report) {
	t.Helper()
	status := map[string]reports.Status{}
	for _, s := range a.Scenarios {
		status[s.URI+"\x00"+s.Name] = s.Status
	}
	if len(a.Scenarios) != len(b.Scenarios) {
		t.Errorf("%d scenarios recorded, %d replayed", len(a.Scenarios), len(b.Scenarios))
	}
	for _, s := range b.Scenarios {
		if want := status[s.URI+"\x00"+s.Name]; want != s.Status {
			t.Errorf("%s: %q was %s against the recorded target, %s against its replay: %s", s.Feature, s.Name, want, s.Status, s.Message)
		}
	}
}

// TestReplayOfTheReferenceGivesItsVerdicts records the whole suite against the reference and
// replays it: every scenario gets the verdict it got from the reference, and the replay really
// served the run (no request fell outside the cassette).
func TestReplayOfTheReferenceGivesItsVerdicts(t *testing.T) {
	t.Parallel()
	recorded, replayed, dir := recordAndReplay(t, "", "")
	sameVerdicts(t, recorded, replayed)
	if replayed.Target.Name != "replay" || !strings.Contains(replayed.Target.Recorded, "as recorded on") {
		t.Errorf("the replay's report names its target %q, %q", replayed.Target.Name, replayed.Target.Recorded)
	}
	for _, s := range replayed.Scenarios {
		for _, r := range s.Records {
			if r.ErrorCode == cassette.MismatchCode {
				t.Errorf("%s: a request the cassette does not hold: %s", s.Name, r.Response.Body)
			}
		}
	}
	c, err := cassette.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if c.Manifest.Scenarios != len(recorded.Scenarios) || c.Manifest.Model == "" || len(c.Manifest.Features) == 0 {
		t.Errorf("manifest: %+v", c.Manifest)
	}
}

// TestReplayOfAMutantFailsWhatTheMutantFails records mutated references and replays them:
// the replay fails exactly the scenarios the mutant failed (a cassette of a broken target is
// that broken target, for anyone who replays it).
func TestReplayOfAMutantFailsWhatTheMutantFails(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ mutation, tags string }{
		{"accept-two-preferred-factors", "@B3"},
		{"accept-reused-totp-code", "@B22"},     // TOTP codes and secrets bound afresh
		{"accept-unsigned-admin-calls", "@B11"}, // signed and unsigned requests told apart
	} {
		t.Run(c.mutation, func(t *testing.T) {
			recorded, replayed, _ := recordAndReplay(t, c.mutation, c.tags)
			if recorded.Summary.ByStatus[reports.Failed] == 0 {
				t.Fatalf("the mutant %s failed nothing under %s: the test proves nothing", c.mutation, c.tags)
			}
			sameVerdicts(t, recorded, replayed)
		})
	}
}

// secretCatcher remembers every secret value that crosses it, either way: tokens, sessions
// and TOTP secrets the target hands out, passwords and codes the harness sends.
type secretCatcher struct {
	mu      sync.Mutex
	secrets map[string]bool
}

func (c *secretCatcher) RoundTrip(req *http.Request) (*http.Response, error) {
	var reqBody []byte
	if req.Body != nil {
		reqBody, _ = io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(reqBody))
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, b := range [][]byte{reqBody, body} {
		for _, v := range redact.ValuesIn(string(b)) {
			if len(v) >= 8 {
				c.secrets[v] = true
			}
		}
	}
	return resp, nil
}

// TestCassetteHoldsNoSecret records a run with a configured secret key and session token,
// catching every secret that crosses the wire, and scans every file of the cassette for any
// 24-character piece of any of them; the cassette's own lint (no JWT, no key, every secret
// member a placeholder) must be clean too.
func TestCassetteHoldsNoSecret(t *testing.T) {
	t.Parallel()
	const key, secret, session = "AKIDCASSETTESCAN01", "cassette-secret-key-0123456789abcdef", "cassette-session-token-FQoGZXIvYXdz"
	env := map[string]string{"AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret, "AWS_SESSION_TOKEN": session}
	catcher := &secretCatcher{secrets: map[string]bool{}}
	dir := t.TempDir()
	// The reference behind an endpoint of its own, so the credentials above are the run's.
	ref := reference.New(reference.WithCredentials(key, secret))
	url, err := ref.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close(context.Background())
	rep, err := conformance.Run(context.Background(), conformance.Config{Endpoint: url, Record: dir, Transport: catcher,
		Tags: "@B22,@B7,@B11,@B5,@client-cli,@client-boto3", Getenv: func(k string) string { return env[k] }})
	if rep == nil || err != nil {
		t.Fatalf("recording: %v", err)
	}
	secrets := []string{key, secret, session}
	for s := range catcher.secrets {
		secrets = append(secrets, s)
	}
	if len(secrets) < 20 {
		t.Fatalf("only %d secrets crossed the wire: the scan would prove little", len(secrets))
	}
	files := 0
	_ = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		files++
		b, _ := os.ReadFile(p)
		for _, s := range secrets {
			if piece, at := leaked(b, s, 24); at >= 0 {
				t.Errorf("%s holds a piece of a secret (%.12s…) after: %s", p, piece, b[max(0, at-160):at])
			}
		}
		return nil
	})
	if files < 3 {
		t.Fatalf("the cassette has only %d files", files)
	}
	problems, err := cassette.Lint(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
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

func TestReplayRefusesWhatIsNotACassette(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	_ = os.WriteFile(filepath.Join(dir, "x.json"), []byte("{}"), 0o644)
	_, err := conformance.Run(context.Background(), conformance.Config{Target: conformance.ReplayPrefix + dir, Getenv: noEnv})
	var se *conformance.SetupError
	if err == nil || !strings.Contains(err.Error(), "not a cassette") || !errors.As(err, &se) {
		t.Fatalf("err = %v, want a set-up error saying it is not a cassette", err)
	}
}

// TestCheckedInCassette: the cassette checked in under cassettes/reference holds nothing that
// looks secret, and, while it was recorded from the current feature files, its replay gives
// every scenario the verdict the recording gave it. (When features change, `make cassette`
// records it again; a stale cassette is only linted.)
func TestCheckedInCassette(t *testing.T) {
	t.Parallel()
	const dir = "cassettes/reference"
	problems, err := cassette.Lint(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	c, err := cassette.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	current, _ := fs.Glob(conformance.Features, "features/*.feature")
	if len(current) != len(c.Manifest.Features) {
		t.Skipf("the suite has %d feature files, %s was recorded from %d: run `make cassette` to record it again", len(current), dir, len(c.Manifest.Features))
	}
	for path, sum := range c.Manifest.Features {
		b, err := conformance.Features.ReadFile(path)
		if err != nil || cassette.Checksum(b) != sum {
			t.Skipf("%s changed since %s was recorded: run `make cassette` to record it again", path, dir)
		}
	}
	rep, err := conformance.Run(context.Background(), conformance.Config{Target: conformance.ReplayPrefix + dir, Getenv: noEnv})
	if rep == nil {
		t.Fatal(err)
	}
	recorded := map[string]string{}
	for _, sc := range c.Scenarios {
		recorded[sc.URI+"\x00"+sc.Name] += sc.Status + " "
	}
	replayed := map[string]string{}
	for _, s := range rep.Scenarios {
		replayed[s.URI+"\x00"+s.Name] += string(s.Status) + " "
	}
	for k, want := range recorded {
		if replayed[k] != want {
			t.Errorf("%q: recorded %s, replayed %s", strings.ReplaceAll(k, "\x00", ": "), want, replayed[k])
		}
	}
}

// TestEvidenceCassetteContradictions: every scenario's basis names its catalogue entries and
// evidence; given a cassette of real AWS (here a mutant's recording, marked as AWS) that fails
// scenarios, exactly those are reported as contradicted, with the recording's date.
func TestEvidenceCassetteContradictions(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mutant, err := conformance.Run(context.Background(), conformance.Config{Mutation: "accept-two-preferred-factors", Tags: "@B3", Record: dir, Getenv: noEnv})
	if mutant == nil {
		t.Fatal(err)
	}
	c, err := cassette.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	c.Manifest.Target.RealAWS = true
	if err := c.Write(dir); err != nil {
		t.Fatal(err)
	}
	rep, err := conformance.Run(context.Background(), conformance.Config{Tags: "@B3", Evidence: dir})
	if rep == nil || err != nil {
		t.Fatalf("run: %v", err)
	}
	failed := map[string]bool{}
	for _, s := range mutant.Scenarios {
		failed[s.Name] = s.Status == reports.Failed
	}
	for _, s := range rep.Scenarios {
		b := s.Basis
		if b == nil || len(b.Catalogue) == 0 || b.Catalogue[0].ID != "B3" || b.Catalogue[0].Title == "" || b.Evidence != s.Evidence {
			t.Fatalf("%s: basis %+v", s.Name, b)
		}
		if b.Recording == nil || !strings.HasPrefix(b.Recording.Label, "AWS as recorded on ") {
			t.Fatalf("%s: recording %+v", s.Name, b.Recording)
		}
		if b.Recording.Contradicts != failed[s.Name] {
			t.Errorf("%s: contradicts=%v, but the recording's verdict was %s", s.Name, b.Recording.Contradicts, b.Recording.Status)
		}
	}
	if len(rep.Contradicted()) == 0 {
		t.Error("nothing contradicted")
	}
}
