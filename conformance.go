// Package conformance runs the Amazon Cognito MFA-preference contract (AdminSetUserMFAPreference,
// SetUserMFAPreference, AdminSetUserSettings, their read-back and sign-in consequences) against
// any Cognito user-pool endpoint and writes a conformance report.
//
// The suite is Gherkin (features/, embedded in the binary); the step library is package steps;
// the embedded reference target is package reference. Run is the one entry point, used by the
// CLI (cmd/cognito-conformance) and by harness_test.go.
package conformance

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/smithy-go/middleware"
	"github.com/cucumber/godog"

	"github.com/cognito-conformance/cognito-conformance/baseline"
	"github.com/cognito-conformance/cognito-conformance/featureset"
	"github.com/cognito-conformance/cognito-conformance/fixtures"
	"github.com/cognito-conformance/cognito-conformance/redact"
	"github.com/cognito-conformance/cognito-conformance/reference"
	"github.com/cognito-conformance/cognito-conformance/reports"
	"github.com/cognito-conformance/cognito-conformance/steps"
	"github.com/cognito-conformance/cognito-conformance/target"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

// Version of the harness, written into every report.
const Version = "0.1.0"

// Features is the suite, embedded so the built binary is self-contained.
//
//go:embed features
var Features embed.FS

// Config configures one run.
type Config struct {
	Target       string // built-in target name; "" = the embedded reference unless an endpoint is given
	Endpoint     string // overrides the target's endpoint (and the AWS_ENDPOINT_URL_* variables)
	AllowRealAWS bool   // the explicit opt-in for real AWS
	Region       string // overrides the target's region

	Profile  string // reference profile when the harness starts the reference: "aws" (default) or "documented"
	Mutation string // reference mutation (mutation testing)

	// Follows is the side of documented-vs-observed conflicts the run requires: "either"
	// (default for external targets), "documented" or "aws-verified". For the embedded
	// reference it defaults to the side of its profile.
	Follows string

	SNSCallerArn string // IAM role Cognito uses to send SMS (real AWS, with "sms")
	SESSourceArn string // verified SES identity for email MFA (real AWS, with "email")

	With    []string // capabilities to switch on (e.g. "sms" on an AWS account with an SNS role)
	Without []string // capabilities to switch off

	ReportDir     string   // where report files go; "" writes none
	Baseline      string   // expected-failure file to judge the run against
	WriteBaseline string   // write the run's failures as a baseline file
	Paths         []string // feature files or folders on disk; empty = the embedded suite
	Tags          string   // godog tag filter
	Concurrency   int      // scenarios at once (default 4)
	Randomize     int64    // godog: -1 random order with a random seed, >0 that seed

	Progress io.Writer // per-scenario progress lines; nil = quiet
	Getenv   func(string) string
	TestingT *testing.T // run each scenario as a subtest (harness_test.go)

	// Interrupted is called when ctx is cancelled mid-run, after the run's pools were deleted
	// (the CLI exits from it). Nil: the run carries on to the end.
	Interrupted func(deleted []string, err error)
}

// SetupError means the run could not be made: bad configuration, broken features, an
// unreachable or non-Cognito endpoint, rejected credentials. The CLI exits 2 on it.
type SetupError struct{ Err error }

func (e *SetupError) Error() string { return e.Err.Error() }
func (e *SetupError) Unwrap() error { return e.Err }

func setupErr(format string, args ...any) error { return &SetupError{Err: fmt.Errorf(format, args...)} }

// Run runs the suite and returns the report. The report is also written to cfg.ReportDir.
// A non-nil error with a nil report means the run could not be made (*SetupError); a non-nil
// error with a report means the results are valid but something else went wrong (cleanup).
func Run(ctx context.Context, cfg Config) (*reports.Report, error) {
	started := time.Now()
	tg, err := resolveTarget(cfg)
	if err != nil {
		return nil, &SetupError{Err: err}
	}
	if err := featureset.CheckTagFilter(cfg.Tags); err != nil {
		return nil, &SetupError{Err: err}
	}
	var base *baseline.File
	if cfg.Baseline != "" {
		if base, err = baseline.Load(cfg.Baseline); err != nil {
			return nil, &SetupError{Err: err}
		}
	}
	files, err := loadFeatures(cfg)
	if err != nil {
		return nil, &SetupError{Err: err}
	}
	if err := featureset.CheckSteps(files, steps.Patterns()); err != nil {
		return nil, &SetupError{Err: err}
	}
	selected := featureset.Select(files, cfg.Tags)
	total := len(selected)
	if total == 0 {
		return nil, setupErr("no scenario matches the tag filter %q", cfg.Tags)
	}

	awsCfg, err := target.LoadAWSConfig(ctx, tg)
	if err != nil {
		return nil, &SetupError{Err: err}
	}
	tg.Region = awsCfg.Region
	if tg.Embedded() {
		ref, url, err := startReference(cfg, tg)
		if err != nil {
			return nil, &SetupError{Err: err}
		}
		defer ref.Close(context.Background())
		tg.Endpoint = url
		awsCfg.Credentials = credentials.NewStaticCredentialsProvider(target.DummyAccessKeyID, target.DummySecretKey, "")
	}
	follows := cfg.Follows
	if follows == "" {
		follows = reports.FollowEither
		if tg.Embedded() || tg.Profile != "" {
			follows = sideOf(tg.Profile)
		}
	}

	redactor := redact.New()
	if creds, err := awsCfg.Credentials.Retrieve(ctx); err == nil {
		redactor.Add(creds.SecretAccessKey, creds.SessionToken)
	}
	// The SDK client records through its transport; the raw client records itself, so it gets
	// a plain HTTP client (one transport recording both would log every raw call twice).
	api := newAPI(awsCfg, tg, &http.Client{Timeout: 30 * time.Second, Transport: wire.RecordingTransport{}})
	raw := &wire.Client{Endpoint: endpointOf(tg, awsCfg), Region: awsCfg.Region, Credentials: awsCfg.Credentials,
		HTTP: &http.Client{Timeout: 30 * time.Second}}
	if err := Preflight(ctx, raw); err != nil {
		return nil, &SetupError{Err: err}
	}

	fx := fixtures.New(api, fixtures.NewRunPrefix(started), redactor, fixtures.Options{
		Quirks: tg.Quirks, WaitForFreshTOTP: tg.RealAWS, SNSCallerArn: cfg.SNSCallerArn, SESSourceArn: cfg.SESSourceArn,
	})
	stopWatch := watchInterrupt(ctx, fx, cfg.Interrupted)
	defer stopWatch()

	var mu sync.Mutex
	var results []*reports.Scenario
	env := &steps.Env{
		Target: tg, API: api, Wire: raw, Fixtures: fx, Redactor: redactor, Follows: follows, KeepRecords: true,
		Collect: func(sc *reports.Scenario) {
			mu.Lock()
			defer mu.Unlock()
			results = append(results, sc)
			if cfg.Progress != nil {
				fmt.Fprintf(cfg.Progress, "[%3d/%d] %-15s %s: %s\n", len(results), total, sc.Status, sc.Feature, sc.Name)
			}
		},
	}

	format := "progress"
	out := io.Discard
	if cfg.ReportDir != "" {
		if err := os.MkdirAll(cfg.ReportDir, 0o755); err != nil {
			return nil, setupErr("creating report directory: %v", err)
		}
		format = "cucumber:" + cfg.ReportDir + "/cucumber.json"
	}
	contents := make([]godog.Feature, 0, len(files))
	for _, f := range files {
		contents = append(contents, godog.Feature{Name: f.Path, Contents: f.Contents})
	}
	concurrency := cfg.Concurrency
	if concurrency <= 0 {
		concurrency = 4
	}
	status := godog.TestSuite{
		Name:                "cognito-conformance",
		ScenarioInitializer: steps.Initializer(env),
		Options: &godog.Options{
			Format: format, Output: out, Strict: true, NoColors: true, Tags: cfg.Tags,
			Concurrency: concurrency, Randomize: cfg.Randomize, FeatureContents: contents, TestingT: cfg.TestingT,
		},
	}.Run()

	// From here on an interrupt must not cut the final cleanup short: the run finishes it.
	stopWatch()
	cleanupErr := fx.Cleanup(context.WithoutCancel(ctx))
	if status == 2 {
		return nil, setupErr("godog could not run the suite (see the message above)")
	}
	rep := &reports.Report{
		Schema: reports.SchemaVersion, Tool: reports.Tool{Name: "cognito-conformance", Version: Version, Versions: versions()},
		Target: reports.TargetInfo{Name: tg.Name, Endpoint: stripCredentials(tg.Endpoint), Region: awsCfg.Region, Profile: tg.Profile,
			RealAWS: tg.RealAWS, Follows: follows, Off: tg.Off},
		StartedAt: started, FinishedAt: time.Now(), Scenarios: reconcile(selected, results),
	}
	rep.DurationMs = rep.FinishedAt.Sub(started).Milliseconds()
	for _, c := range env.Clients() {
		rep.Tool.Clients = append(rep.Tool.Clients, reports.Client{Name: c.Name, Version: c.Version, Missing: c.Missing})
	}
	rep.Conflicts = reports.ResolveConflicts(rep.Scenarios, follows)
	rep.Summarize()
	if base != nil {
		baseline.Apply(rep, base, cfg.Baseline)
	}
	// Write everything that can be written, then report every problem: one failure must not
	// hide another, nor lose the results.
	var errs []error
	if cfg.WriteBaseline != "" {
		if err := baseline.Write(cfg.WriteBaseline, baseline.FromReport(rep)); err != nil {
			errs = append(errs, fmt.Errorf("writing baseline: %w", err))
		}
	}
	if cfg.ReportDir != "" {
		if _, err := reports.Write(cfg.ReportDir, rep); err != nil {
			errs = append(errs, err)
		}
	}
	if cleanupErr != nil {
		errs = append(errs, fmt.Errorf("the run's pools could not all be deleted (prefix %s): %w", fx.Prefix(), cleanupErr))
	}
	for _, sc := range rep.Scenarios {
		if sc.CleanupError != "" {
			errs = append(errs, fmt.Errorf("%s: %q left users behind: %s", sc.URI, sc.Name, sc.CleanupError))
		}
	}
	return rep, errors.Join(errs...)
}

func resolveTarget(cfg Config) (target.Target, error) {
	tg, err := target.Resolve(cfg.Target, cfg.Endpoint, cfg.AllowRealAWS, cfg.Getenv)
	if err != nil {
		return tg, err
	}
	if cfg.Region != "" {
		tg.Region = cfg.Region
	}
	if tg.Embedded() {
		if cfg.Profile != "" {
			tg.Profile = cfg.Profile
		} else if m, ok := reference.LookupMutation(cfg.Mutation); ok && m.Profile != "" {
			// A mutation of a profile-specific behaviour only shows under that profile.
			tg.Profile = string(m.Profile)
		}
		if tg.Profile != string(reference.ProfileAWS) && tg.Profile != string(reference.ProfileDocumented) {
			return tg, fmt.Errorf("unknown reference profile %q (use aws or documented)", tg.Profile)
		}
		if err := reference.ValidateMutation(cfg.Mutation); err != nil {
			return tg, err
		}
	} else if cfg.Profile != "" || cfg.Mutation != "" {
		return tg, fmt.Errorf("--profile and --mutation apply only to the embedded reference target, not to %s", tg.Name)
	}
	switch cfg.Follows {
	case "", reports.FollowEither, reports.FollowDocumented, reports.FollowAWSVerified:
	default:
		return tg, fmt.Errorf("unknown conflict side %q (use either, documented or aws-verified)", cfg.Follows)
	}
	for _, c := range cfg.With {
		tg.SetCapability(c, true, "")
	}
	for _, c := range cfg.Without {
		tg.SetCapability(c, false, "switched off by --without "+c)
	}
	return tg, nil
}

// versions lists what the run was built with, from the binary's build information.
func versions() map[string]string {
	v := map[string]string{"go": runtime.Version()}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			switch d.Path {
			case "github.com/cucumber/godog":
				v["godog"] = d.Version
			case "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider":
				v["aws-sdk-go-v2/cognitoidentityprovider"] = d.Version
			}
		}
	}
	return v
}

// stripCredentials removes user:password from an endpoint URL before it reaches a report.
func stripCredentials(endpoint string) string {
	u, err := url.Parse(endpoint)
	if err != nil || u.User == nil {
		return endpoint
	}
	u.User = nil
	return u.String()
}

// sideOf maps a reference profile to the conflict side it follows.
func sideOf(profile string) string {
	if profile == string(reference.ProfileDocumented) {
		return reports.FollowDocumented
	}
	return reports.FollowAWSVerified
}

func loadFeatures(cfg Config) ([]*featureset.File, error) {
	if len(cfg.Paths) > 0 {
		return featureset.LoadPaths(cfg.Paths)
	}
	sub, err := fs.Sub(Features, ".")
	if err != nil {
		return nil, err
	}
	return featureset.LoadFS(sub, "features")
}

func startReference(cfg Config, tg target.Target) (*reference.Server, string, error) {
	ref := reference.New(
		reference.WithProfile(reference.Profile(tg.Profile)),
		reference.WithRegion(tg.Region),
		reference.WithCredentials(target.DummyAccessKeyID, target.DummySecretKey),
		reference.WithMutation(cfg.Mutation),
	)
	url, err := ref.Start("127.0.0.1:0")
	if err != nil {
		return nil, "", fmt.Errorf("starting the embedded reference target: %w", err)
	}
	return ref, url, nil
}

// newAPI builds the SDK client: retries off (a throttle or 5xx from a target must be seen, not
// retried away) and client-side input validation removed, so that the target, not the SDK,
// rejects bad input (as the SDK's own integration tests do).
func newAPI(cfg aws.Config, tg target.Target, httpClient *http.Client) *cip.Client {
	return cip.NewFromConfig(cfg, func(o *cip.Options) {
		if tg.Endpoint != "" {
			o.BaseEndpoint = aws.String(tg.Endpoint)
		}
		o.HTTPClient = httpClient
		o.RetryMaxAttempts = 1
		o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
			_, _ = st.Initialize.Remove("OperationInputValidation")
			return nil
		})
	})
}

func endpointOf(tg target.Target, cfg aws.Config) string {
	if tg.Endpoint != "" {
		return tg.Endpoint
	}
	return "https://cognito-idp." + cfg.Region + ".amazonaws.com"
}

// watchInterrupt deletes the run's pools as soon as ctx is cancelled, then tells the caller.
func watchInterrupt(ctx context.Context, fx *fixtures.Fixtures, then func([]string, error)) (stop func()) {
	if then == nil {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			fx.Close()
			var names []string
			for _, p := range fx.Created() {
				names = append(names, p.Name)
			}
			cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 60*time.Second)
			defer cancel()
			then(names, fx.Cleanup(cctx))
		case <-done:
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(done) }) }
}

// reconcile puts results in feature-file order, whatever order concurrency finished them in,
// and turns every selected scenario that produced no result into a failure: a result is never
// silently lost.
func reconcile(selected []featureset.Selected, results []*reports.Scenario) []*reports.Scenario {
	byKey := map[string][]*reports.Scenario{}
	for _, r := range results {
		k := r.URI + "\x00" + r.Name
		byKey[k] = append(byKey[k], r)
	}
	out := make([]*reports.Scenario, 0, len(selected))
	for _, s := range selected {
		k := s.Path + "\x00" + s.Name
		if list := byKey[k]; len(list) > 0 {
			out = append(out, list[0])
			byKey[k] = list[1:]
			continue
		}
		out = append(out, &reports.Scenario{
			Feature: featureset.Name(s.Path), URI: s.Path, Name: s.Name, Tags: s.Tags, Meta: reports.Classify(s.Tags),
			Status: reports.Failed, Message: "the scenario produced no result: godog did not run it to the end",
		})
	}
	return out
}

// Sweep deletes leftover user pools whose name starts with prefix (which must start with the
// project prefix "cogconf-") and that are older than olderThan, on the configured target.
func Sweep(ctx context.Context, cfg Config, prefix string, olderThan time.Duration, dryRun bool) ([]fixtures.SweptPool, error) {
	tg, err := resolveTarget(cfg)
	if err != nil {
		return nil, &SetupError{Err: err}
	}
	if tg.Embedded() {
		return nil, setupErr("sweep needs a target that outlives the run: give --endpoint or --target")
	}
	awsCfg, err := target.LoadAWSConfig(ctx, tg)
	if err != nil {
		return nil, &SetupError{Err: err}
	}
	httpClient := &http.Client{Timeout: 30 * time.Second}
	raw := &wire.Client{Endpoint: endpointOf(tg, awsCfg), Region: awsCfg.Region, Credentials: awsCfg.Credentials, HTTP: httpClient}
	if err := Preflight(ctx, raw); err != nil {
		return nil, &SetupError{Err: err}
	}
	return fixtures.Sweep(ctx, newAPI(awsCfg, tg, httpClient), prefix, olderThan, time.Now(), dryRun)
}

// ErrNotCognito and friends classify a failed preflight.
var (
	ErrUnreachable     = errors.New("endpoint unreachable")
	ErrNotCognito      = errors.New("not a Cognito user-pool service")
	ErrBadCredentials  = errors.New("credentials rejected")
	ErrPreflightFailed = errors.New("preflight failed")
)
