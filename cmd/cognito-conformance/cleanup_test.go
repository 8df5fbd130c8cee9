package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/reports"
	"github.com/cognito-conformance/cognito-conformance/target"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

func prefixed(names []string) []string {
	var out []string
	for _, n := range names {
		if strings.HasPrefix(n, "cogconf-") {
			out = append(out, n)
		}
	}
	return out
}

// TestInterruptDeletesWhatTheRunCreated sends SIGINT mid-run and checks that no pool with the
// run's prefix is left on the target.
func TestInterruptDeletesWhatTheRunCreated(t *testing.T) {
	t.Parallel()
	bin, asCLI := cliProcess(t)
	ref := newRef(t)
	url := loopback(t, ref)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir := t.TempDir()
	cmd := exec.CommandContext(ctx, bin, "run", "--endpoint", url, "--concurrency", "1", "--report-dir", dir)
	cmd.Env = []string{asCLI, "PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()} // nothing of the machine's AWS set-up
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stderr)
	var seen []string
	for lines.Scan() {
		seen = append(seen, lines.Text())
		if strings.HasPrefix(lines.Text(), "[  2/") {
			break
		}
	}
	if len(prefixed(ref.PoolNames())) == 0 {
		t.Fatalf("the run had created no pool by its second scenario; output:\n%s", strings.Join(seen, "\n"))
	}
	_ = cmd.Process.Signal(syscall.SIGINT)
	for lines.Scan() {
		seen = append(seen, lines.Text())
	}
	err := cmd.Wait()
	exit, _ := err.(*exec.ExitError)
	if exit == nil || exit.ExitCode() != exitInterrupted {
		t.Fatalf("exit %v, want %d; output:\n%s", err, exitInterrupted, strings.Join(seen, "\n"))
	}
	if !strings.Contains(strings.Join(seen, "\n"), "interrupted; deleted") {
		t.Fatalf("the run did not say what it deleted:\n%s", strings.Join(seen, "\n"))
	}
	if left := prefixed(ref.PoolNames()); len(left) > 0 {
		t.Fatalf("pools left behind: %v", left)
	}
	// What ran is kept, marked interrupted; what did not run is inconclusive, never failed.
	rep, err := reports.ReadJSON(filepath.Join(dir, reports.JSONFile))
	if err != nil {
		t.Fatalf("an interrupted run must still write its report: %v", err)
	}
	if !rep.Interrupted || rep.Cleanup == nil || len(rep.Cleanup.Deleted) == 0 {
		t.Fatalf("report: interrupted %v, cleanup %+v", rep.Interrupted, rep.Cleanup)
	}
	for _, sc := range rep.Scenarios {
		if sc.Status == reports.Failed {
			t.Errorf("%q failed in an interrupted run: %s", sc.Name, sc.Message)
		}
	}
	if rep.Summary.ByStatus[reports.Inconclusive] == 0 {
		t.Errorf("outcome %v: the scenarios the interrupt cut off must be inconclusive", rep.Summary.ByStatus)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if info, _ := e.Info(); info != nil && (info.Size() == 0 || strings.HasPrefix(e.Name(), ".") || strings.HasSuffix(e.Name(), ".partial")) {
			t.Errorf("the interrupted run left %s (%d bytes) in the report directory", e.Name(), info.Size())
		}
	}
}

// TestSweepDeletesOnlyPrefixedPools: a foreign pool survives the sweep; the project's go.
func TestSweepDeletesOnlyPrefixedPools(t *testing.T) {
	t.Parallel()
	ref := newRef(t)
	url := loopback(t, ref)
	api := cip.New(cip.Options{BaseEndpoint: aws.String(url), Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(target.DummyAccessKeyID, target.DummySecretKey, "")})
	for _, name := range []string{"cogconf-20260101T000000-aaaa-optional", "cogconf-20260101T000000-bbbb-on", "someone-elses-pool", "prod-cogconf-lookalike"} {
		if _, err := api.CreateUserPool(context.Background(), &cip.CreateUserPoolInput{PoolName: aws.String(name)}); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, errOut := run(t, "sweep", "--endpoint", url, "--prefix", "someone-"); code != exitSetup || !strings.Contains(errOut, "refusing") {
		t.Fatalf("a foreign prefix must be refused: exit %d %s", code, errOut)
	}
	if code, out, _ := run(t, "sweep", "--endpoint", url); code != exitOK || !strings.Contains(out, "deleted 0 ") ||
		!strings.Contains(out, "kept 2 pools younger than 1h; --older-than 0 deletes them") {
		t.Fatalf("pools younger than the default --older-than must survive, and the sweep say so: exit %d\n%s", code, out)
	}
	code, out, errOut := run(t, "sweep", "--endpoint", url, "--older-than", "0", "--prefix", "cogconf-20260101T000000-aaaa", "--dry-run")
	if code != exitOK || !strings.Contains(out, "would delete 1 ") || len(ref.PoolNames()) != 4 {
		t.Fatalf("dry run: exit %d\n%s%s\npools %v", code, out, errOut, ref.PoolNames())
	}
	code, out, errOut = run(t, "sweep", "--endpoint", url, "--older-than", "0")
	if code != exitOK || !strings.Contains(out, "deleted 2 ") {
		t.Fatalf("sweep: exit %d\n%s%s", code, out, errOut)
	}
	got := strings.Join(ref.PoolNames(), ",")
	if got != "prod-cogconf-lookalike,someone-elses-pool" {
		t.Fatalf("pools after sweep: %s", got)
	}
}

// TestUsersLeftBehindAreReported: when the target cannot delete a scenario's user, the report
// says so on the scenario and the run does not exit 0.
func TestUsersLeftBehindAreReported(t *testing.T) {
	t.Parallel()
	ref := newRef(t)
	url := loopback(t, failOperation(ref, "AdminDeleteUser", 500, `{"__type":"InternalErrorException","message":"boom"}`))
	dir := t.TempDir()
	// The library, not the CLI: clean-up retries a failing deletion ten times, and only the
	// library lets a test shorten the SDK's back-off between them.
	rep, err := conformance.Run(context.Background(), conformance.Config{
		Endpoint: url, ReportDir: dir, Tags: "@B26 && " + conformance.NoClientScenarios, Getenv: func(string) string { return "" },
		Retry: wire.RetryPolicy{Backoff: func(int) time.Duration { return time.Millisecond }},
	})
	if rep == nil || err == nil || !strings.Contains(err.Error(), "left users behind") {
		t.Fatalf("report %v, error %v: the leak must be named", rep != nil, err)
	}
	written, rerr := reports.ReadJSON(filepath.Join(dir, reports.JSONFile))
	if rerr != nil {
		t.Fatal(rerr)
	}
	leaks := 0
	for _, sc := range written.Scenarios {
		if sc.CleanupError != "" {
			leaks++
		}
	}
	if leaks == 0 {
		t.Fatal("no scenario in report.json records its cleanup error")
	}
	// The CLI turns a run whose results stand but whose clean-up failed into exit 2, never 0.
	if code := exitCode(rep, err, io.Discard); code == exitOK {
		t.Fatalf("exit %d for a run that left users behind", code)
	}
}
