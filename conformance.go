// Package conformance runs the Amazon Cognito MFA-preference contract (AdminSetUserMFAPreference,
// SetUserMFAPreference, AdminSetUserSettings, their read-back and sign-in consequences) against
// any Cognito user-pool endpoint and writes a conformance report.
//
// The suite is Gherkin (features/, embedded in the binary); the step library is package steps;
// the embedded reference target is package reference. Run is the one entry point, used by the
// CLI (cmd/cognito-conformance) and by harness_test.go.
package conformance

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cucumber/godog"

	"github.com/cognito-conformance/cognito-conformance/baseline"
	"github.com/cognito-conformance/cognito-conformance/catalogue"
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

// cucumberFile is godog's own Cucumber JSON record of the run's first pass, in the report directory.
const cucumberFile = "cucumber.json"

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

	// Strict makes wire-fidelity differences fail their scenario instead of warning.
	Strict bool
	// RerunInconclusive runs an inconclusive scenario again, from fresh fixtures, up to this
	// many times (the CLI's default is 1).
	RerunInconclusive int
	// Retry is how transient answers (throttling, 5xx, resets) are retried, for fixture calls
	// and the operation under test alike; the zero value is the SDK's standard retryer.
	Retry wire.RetryPolicy
	// Transport carries every call to the target; nil is Go's default. Tests put a
	// fault-injecting transport here (package faults).
	Transport http.RoundTripper

	SNSCallerArn string // IAM role Cognito uses to send SMS (real AWS, with "sms")
	SESSourceArn string // verified SES identity for email MFA (real AWS, with "email")

	With    []string // capabilities to switch on (e.g. "sms" on an AWS account with an SNS role)
	Without []string // capabilities to switch off

	ReportDir     string   // where report files go; "" writes none
	Baseline      string   // expected-failure file to judge the run against
	WriteBaseline string   // write the run's failures as a baseline file, keeping the reasons of the file there
	Label         string   // tells apart runs of one kind of target started differently (e.g. "moto-totp")
	Paths         []string // feature files or folders on disk; empty = the embedded suite
	Tags          string   // godog tag filter
	Concurrency   int      // scenarios at once (default 4)
	Randomize     int64    // godog: -1 random order with a random seed, >0 that seed
	Record        string   // write a cassette of the run into this directory (package cassette)
	Evidence      string   // a cassette whose recorded verdicts each scenario's basis cites (--evidence)
	From          string   // a report.json: run only its scenarios with one of FromStatuses (--from)
	FromStatuses  []string // default failed and inconclusive (--only)

	replayed bool // the target is a cassette's replay (set by openReplay)

	Progress io.Writer // per-scenario progress lines; nil = quiet
	Getenv   func(string) string
	TestingT *testing.T // run each scenario as a subtest (harness_test.go)
}

// SetupError means the run could not be made: bad configuration, broken features, an
// unreachable or non-Cognito endpoint, rejected credentials. The CLI exits 2 on it.
type SetupError struct{ Err error }

func (e *SetupError) Error() string { return e.Err.Error() }
func (e *SetupError) Unwrap() error { return e.Err }

func setupErr(format string, args ...any) error { return &SetupError{Err: fmt.Errorf(format, args...)} }

// ErrInterrupted is returned, with the report of what ran, when ctx was cancelled mid-run.
// The run still deleted what it created and wrote its report, marked interrupted.
var ErrInterrupted = errors.New("the run was interrupted")

// Run runs the suite and returns the report. The report is also written to cfg.ReportDir.
// A non-nil error with a nil report means the run could not be made (*SetupError); a non-nil
// error with a report means the results are valid but something else went wrong (interrupted,
// clean-up, writing files). A run is a pipeline: plan (features, tags, target), connect (the
// target and its clients), execute (godog, then reruns of inconclusive scenarios), assemble
// (the report) and persist (files, clean-up).
func Run(ctx context.Context, cfg Config) (*reports.Report, error) {
	started := time.Now()
	cfg, cas, err := openCassettes(cfg) // --target replay:DIR, --evidence DIR
	if err != nil {
		return nil, &SetupError{Err: err}
	}
	defer cas.close()
	recording := startRecording(&cfg) // --record DIR
	p, err := plan(cfg)
	if err != nil {
		return nil, &SetupError{Err: err}
	}
	conn, err := connect(ctx, cfg, p.target)
	if err != nil {
		return nil, err
	}
	defer conn.close()

	fx := fixtures.New(conn.API, fixtures.NewRunPrefix(started), conn.Redactor, fixtures.Options{
		Quirks: conn.Target.Quirks, WaitForFreshTOTP: conn.Target.RealAWS, SNSCallerArn: cfg.SNSCallerArn, SESSourceArn: cfg.SESSourceArn,
	})
	env := &steps.Env{
		Target: conn.Target, API: conn.API, Wire: conn.Raw, Fixtures: fx, Redactor: conn.Redactor, Follows: p.follows,
		KeepRecords: true, Strict: cfg.Strict, Stopped: func() bool { return ctx.Err() != nil },
	}
	if recording != nil {
		env.Recorded = recording.Add
	}
	env.Select = p.only
	results, godogErr := execute(ctx, cfg, p, env)
	env.Close()

	// The clean-up must finish even when the run was interrupted; Close first, so that no pool
	// creation is still under way when the pools are listed.
	fx.Close()
	cleanup := fx.DeleteAll(context.WithoutCancel(ctx))
	if godogErr != nil {
		return nil, godogErr
	}
	rep := assemble(cfg, p, conn, env, started, results)
	cas.annotate(rep)
	rep.Interrupted = ctx.Err() != nil
	rep.Cleanup = cleanupOutcome(cleanup, fx.Prefix(), conn.Target, conn.Redactor)
	cleanupErr := cleanup.Err()
	if cleanupErr != nil {
		cleanupErr = errors.New(conn.Redactor.String(cleanupErr.Error()))
	}
	return rep, errors.Join(persist(cfg, rep, cleanupErr, fx.Prefix()), writeCassette(cfg, p, conn, recording, rep))
}

// cleanupOutcome is the report's account of the clean-up, with the command that deletes what
// is left (sweeping is for targets that outlive the run; the embedded reference takes its
// pools with it).
func cleanupOutcome(res fixtures.CleanupResult, prefix string, tg target.Target, r *redact.Redactor) *reports.CleanupOutcome {
	out := &reports.CleanupOutcome{Deleted: []string{}}
	for _, p := range res.Deleted {
		out.Deleted = append(out.Deleted, p.Name)
	}
	for _, l := range res.Left {
		out.Left = append(out.Left, reports.LeftResource{Kind: "user pool", Name: l.Pool.Name, ID: l.Pool.ID, Error: r.String(l.Err.Error())})
	}
	if len(out.Left) > 0 && !tg.Embedded() {
		out.SweepCommand = SweepCommand(tg, prefix)
	}
	return out
}

// SweepCommand is the command that deletes what a run with prefix left on tg, whatever its age.
func SweepCommand(tg target.Target, prefix string) string {
	where := "--target " + tg.Name
	if tg.Name == target.Custom || (tg.Endpoint != "" && tg.Name != target.AWS) {
		where += " --endpoint " + target.StripCredentials(tg.Endpoint)
	}
	if tg.RealAWS {
		where += " --allow-real-aws --region " + tg.Region
	}
	return "cognito-conformance sweep " + where + " --prefix " + prefix + " --older-than 0"
}

// planned is what a run will do, decided before anything touches the target.
type planned struct {
	target   target.Target
	base     *baseline.File
	files    []*featureset.File
	selected []featureset.Selected
	follows  string
	only     func(uri, name string) bool // --from: the scenarios to run; nil runs every selected one
}

// plan checks everything that can be checked without the target: flags, the tag filter, the
// report directory, the baseline, the features and their steps.
func plan(cfg Config) (*planned, error) {
	tg, err := resolveTarget(cfg)
	if err != nil {
		return nil, err
	}
	if err := featureset.CheckTagFilter(cfg.Tags); err != nil {
		return nil, err
	}
	if err := checkReportDir(cfg.ReportDir); err != nil {
		return nil, err
	}
	if cfg.RerunInconclusive < 0 {
		return nil, fmt.Errorf("--rerun-inconclusive must be 0 or more, not %d", cfg.RerunInconclusive)
	}
	p := &planned{target: tg}
	if cfg.Baseline != "" {
		if p.base, err = baseline.Load(cfg.Baseline); err != nil {
			return nil, err
		}
	}
	if p.files, err = loadFeatures(cfg); err != nil {
		return nil, err
	}
	if err := featureset.CheckSteps(p.files, steps.Patterns()); err != nil {
		return nil, err
	}
	p.selected = featureset.Select(p.files, cfg.Tags)
	if p.only, err = fromReport(cfg); err != nil { // --from REPORT --only STATUSES
		return nil, err
	}
	p.selected = keepSelected(p.selected, p.only)
	if len(p.selected) == 0 {
		return nil, fmt.Errorf("no scenario matches the tag filter %q", cfg.Tags)
	}
	p.follows = cfg.Follows
	if p.follows == "" {
		p.follows = reports.FollowEither
		if tg.Embedded() || tg.Profile != "" {
			p.follows = sideOf(tg.Profile)
		}
	}
	return p, nil
}

// connection is a target ready for scenarios (target.Connect), and the reference when the run
// started one.
type connection struct {
	*target.Connection
	ref *reference.Server
}

func (c *connection) close() {
	if c.ref != nil {
		c.ref.Close(context.Background())
	}
}

// connect connects to the target as run, sweep and a cassette column of compare all do: the
// embedded reference is started here, the rest is target.Connect.
func connect(ctx context.Context, cfg Config, tg target.Target) (*connection, error) {
	c := &connection{}
	conn, err := target.Connect(ctx, tg, target.ConnectOptions{
		Getenv: cfg.Getenv, Transport: cfg.Transport, Retry: cfg.Retry,
		Embedded: func(region string) (string, error) {
			tg.Region = region
			ref, url, err := startReference(cfg, tg)
			if err != nil {
				return "", err
			}
			c.ref = ref
			return url, nil
		},
	})
	if err != nil {
		if c.ref != nil {
			c.ref.Close(context.Background())
		}
		return nil, &SetupError{Err: err}
	}
	c.Connection = conn
	return c, nil
}

// checkReportDir makes sure the report can be written before any scenario runs: a run whose
// results cannot be kept is not worth making.
func checkReportDir(dir string) error {
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("the report directory %s cannot be created: %v", dir, err)
	}
	f, err := os.CreateTemp(dir, ".write-check-*")
	if err != nil {
		return fmt.Errorf("the report directory %s is not writable: %v", dir, err)
	}
	f.Close()
	return os.Remove(f.Name())
}

// execute runs the selected scenarios, then reruns the inconclusive ones from fresh fixtures.
func execute(ctx context.Context, cfg Config, p *planned, env *steps.Env) ([]*reports.Scenario, error) {
	cucumber := ""
	if cfg.ReportDir != "" {
		cucumber = filepath.Join(cfg.ReportDir, cucumberFile)
	}
	todo := p.selected
	results, err := runPass(ctx, cfg, env, p.files, todo, cucumber, "")
	if err != nil {
		return nil, err
	}
	for pass := 1; pass <= cfg.RerunInconclusive && ctx.Err() == nil; pass++ {
		env.Only = map[string]bool{}
		todo = nil
		for _, r := range results {
			if r.Status == reports.Inconclusive {
				env.Only[r.Key] = true
				todo = append(todo, featureset.Selected{Path: r.URI, Name: r.Name, Tags: r.Tags})
			}
		}
		if len(env.Only) == 0 {
			break
		}
		again, err := runPass(ctx, cfg, env, p.files, todo, "", fmt.Sprintf("rerun %d ", pass))
		if err != nil {
			return nil, err
		}
		results = replaceReruns(results, again)
	}
	env.Only = nil
	return results, nil
}

// Scenarios that run a client program (the AWS CLI, boto3, amazon-cognito-identity-js) spend
// their time waiting for python or node; they run in a lane of their own, beside the rest of
// the suite instead of after it. The lanes are two godog runs over the same features, split by
// tag; the report's order is the feature files' (reconcile), whatever order the lanes finish in.
var (
	// ClientScenarios is the tag filter of the scenarios that run a client program.
	ClientScenarios = clientFilter("@client-", ",")
	// NoClientScenarios is the tag filter of all the others.
	NoClientScenarios = clientFilter("~@client-", " && ")
)

// clientFilter joins prefix+client for every client of catalogue.Clients with sep: the two
// lanes split the suite by the list IsClientScenario reads.
func clientFilter(prefix, sep string) string {
	parts := make([]string, len(catalogue.Clients))
	for i, c := range catalogue.Clients {
		parts[i] = prefix + c
	}
	return strings.Join(parts, sep)
}

// IsClientScenario reports whether a scenario's tags make it run a client program of
// catalogue.Clients. A @client- tag naming no such program makes no client scenario: no
// step would run one, and it must stay in the lane of the others, which its filter keeps.
func IsClientScenario(tags []string) bool {
	for _, c := range catalogue.Classify(tags).Clients {
		if slices.Contains(catalogue.Clients, c) {
			return true
		}
	}
	return false
}

// AndTags joins two godog tag filters with "and" ("&&" binds loosest in godog's syntax).
func AndTags(a, b string) string {
	if a == "" {
		return b
	}
	return a + " && " + b
}

// lanes are the tag filters of the godog runs a pass needs: the run's filter narrowed to the
// client scenarios, and to the others, each only when it has a scenario to run.
func lanes(filter string, todo []featureset.Selected) []string {
	var clients, others bool
	for _, sc := range todo {
		if IsClientScenario(sc.Tags) {
			clients = true
		} else {
			others = true
		}
	}
	var out []string
	if others {
		out = append(out, AndTags(filter, NoClientScenarios))
	}
	if clients {
		out = append(out, AndTags(filter, ClientScenarios))
	}
	return out
}

// laneFeatures are the feature files that hold a scenario of todo the lane's filter selects:
// godog parses every file it is given, and most of a run's files have nothing in the client
// lane (or in a run of a few tags).
func laneFeatures(files []*featureset.File, todo []featureset.Selected, filter string) []godog.Feature {
	wanted := map[string]bool{}
	for _, sc := range todo {
		if featureset.MatchTags(filter, sc.Tags) {
			wanted[sc.Path] = true
		}
	}
	out := make([]godog.Feature, 0, len(wanted))
	for _, f := range files {
		if wanted[f.Path] {
			out = append(out, godog.Feature{Name: f.Path, Contents: f.Contents})
		}
	}
	return out
}

// runPass runs godog once over the features, in one lane per kind of scenario (see lanes),
// the lanes at once. Only the first pass writes cucumber.json (godog's own record): each lane's
// is kept in memory (godog writes it in one piece at the end, and unbuffered it costs a system
// call per byte), merged, written beside the report under a temporary name and renamed into
// place, so an interrupted run never leaves half a file.
func runPass(ctx context.Context, cfg Config, env *steps.Env, files []*featureset.File, todo []featureset.Selected, cucumber, label string) ([]*reports.Scenario, error) {
	var mu sync.Mutex
	var results []*reports.Scenario
	total := len(todo)
	env.Collect = func(sc *reports.Scenario) {
		mu.Lock()
		defer mu.Unlock()
		results = append(results, sc)
		if cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, "%s[%3d/%d] %-15s %s: %s\n", label, len(results), total, sc.Status, sc.Feature, sc.Name)
		}
	}
	concurrency := cfg.Concurrency
	if concurrency <= 0 {
		concurrency = 4
	}
	var filters []string
	var features [][]godog.Feature
	for _, filter := range lanes(cfg.Tags, todo) {
		// godog given no feature reads ./features from the working directory: a lane with
		// nothing to run is not run at all.
		if fs := laneFeatures(files, todo, filter); len(fs) > 0 {
			filters, features = append(filters, filter), append(features, fs)
		}
	}
	records := make([]*bytes.Buffer, len(filters))
	statuses := make([]int, len(filters))
	var wg sync.WaitGroup
	for i, filter := range filters {
		format, out := "progress", io.Writer(io.Discard)
		if cucumber != "" {
			records[i] = new(bytes.Buffer)
			format, out = "cucumber", records[i]
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = godog.TestSuite{
				Name:                "cognito-conformance",
				ScenarioInitializer: steps.Initializer(env),
				Options: &godog.Options{
					// NoColors stays off: godog's colourless writer writes one rune per call, and
					// neither format written here has colours (on Windows as elsewhere).
					Format: format, Output: out, Strict: true, NoColors: false, Tags: filter, DefaultContext: ctx,
					Concurrency: concurrency, Randomize: cfg.Randomize, FeatureContents: features[i], TestingT: cfg.TestingT,
				},
			}.Run()
		}()
	}
	wg.Wait()
	for _, status := range statuses {
		if status == 2 {
			return nil, setupErr("godog could not run the suite (see the message above)")
		}
	}
	if cucumber != "" {
		if err := writeCucumber(cucumber, records); err != nil {
			return nil, setupErr("keeping %s: %v", cucumber, err)
		}
	}
	return results, nil
}

// writeCucumber merges the lanes' Cucumber JSON records and writes them to path through a
// temporary file renamed into place.
func writeCucumber(path string, records []*bytes.Buffer) error {
	merged, err := mergeCucumber(records)
	if err != nil {
		return err
	}
	tmp := path + ".partial"
	if err := os.WriteFile(tmp, merged, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

// sortByLine puts a feature's scenarios in file order (godog's own order within one record).
func sortByLine(elements []json.RawMessage) {
	line := func(e json.RawMessage) int {
		var at struct {
			Line int `json:"line"`
		}
		_ = json.Unmarshal(e, &at)
		return at.Line
	}
	sort.SliceStable(elements, func(i, j int) bool { return line(elements[i]) < line(elements[j]) })
}

// cukeFeature is a feature of godog's Cucumber JSON (formatters.CukeFeatureJSON, internal to
// godog), its fields in godog's order and its scenarios left as they are.
type cukeFeature struct {
	URI         string            `json:"uri"`
	ID          string            `json:"id"`
	Keyword     string            `json:"keyword"`
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Line        int               `json:"line"`
	Comments    json.RawMessage   `json:"comments,omitempty"`
	Tags        json.RawMessage   `json:"tags,omitempty"`
	Elements    []json.RawMessage `json:"elements,omitempty"`
}

// mergeCucumber merges the Cucumber JSON of lanes that ran parts of the same features: each
// feature once, its scenarios in file order, the features in godog's order (by name). A single
// record is kept byte for byte.
func mergeCucumber(records []*bytes.Buffer) ([]byte, error) {
	if len(records) == 0 {
		return []byte("[]\n"), nil
	}
	if len(records) == 1 {
		return records[0].Bytes(), nil
	}
	var merged []*cukeFeature
	byURI := map[string]*cukeFeature{}
	for _, rec := range records {
		var features []*cukeFeature
		if err := json.Unmarshal(rec.Bytes(), &features); err != nil {
			return nil, fmt.Errorf("reading godog's Cucumber JSON: %w", err)
		}
		for _, f := range features {
			if have, ok := byURI[f.URI]; ok {
				have.Elements = append(have.Elements, f.Elements...)
				continue
			}
			byURI[f.URI] = f
			merged = append(merged, f)
		}
	}
	for _, f := range merged {
		sortByLine(f.Elements)
	}
	sort.SliceStable(merged, func(i, j int) bool { return merged[i].Name < merged[j].Name })
	out, err := json.MarshalIndent(merged, "", "    ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// replaceReruns puts the results of a rerun in place of the inconclusive results they retry.
func replaceReruns(results, again []*reports.Scenario) []*reports.Scenario {
	byKey := map[string]*reports.Scenario{}
	for _, r := range again {
		byKey[r.Key] = r
	}
	for i, r := range results {
		if n, ok := byKey[r.Key]; ok {
			n.Attempts = r.Attempts + 1
			results[i] = n
		}
	}
	return results
}

// assemble builds the report of a run from its results.
func assemble(cfg Config, p *planned, conn *connection, env *steps.Env, started time.Time, results []*reports.Scenario) *reports.Report {
	tg := conn.Target
	rep := &reports.Report{
		Schema: reports.SchemaVersion, Tool: reports.Tool{Name: "cognito-conformance", Version: Version, Versions: versions()},
		Target: reports.TargetInfo{Name: tg.Name, Label: cfg.Label, Endpoint: target.StripCredentials(tg.Endpoint), Region: tg.Region, Profile: tg.Profile,
			RealAWS: tg.RealAWS, Follows: p.follows, Off: tg.Off},
		Options:   reports.RunOptions{Strict: cfg.Strict, RerunInconclusive: cfg.RerunInconclusive},
		StartedAt: started, FinishedAt: time.Now(), Scenarios: reconcile(p.selected, results),
	}
	rep.DurationMs = rep.FinishedAt.Sub(started).Milliseconds()
	for _, c := range env.Clients() {
		rep.Tool.Clients = append(rep.Tool.Clients, reports.Client{Name: c.Name, Version: c.Version, Missing: c.Missing})
	}
	rep.Conflicts = reports.ResolveConflicts(rep.Scenarios, p.follows)
	rep.Summarize()
	if p.base != nil {
		baseline.Apply(rep, p.base, cfg.Baseline)
	}
	reports.AddReproductions(rep)
	return rep
}

// persist writes everything that can be written, then reports every problem: one failure
// must not hide another, nor lose the results.
func persist(cfg Config, rep *reports.Report, cleanupErr error, prefix string) error {
	var errs []error
	if rep.Interrupted {
		errs = append(errs, ErrInterrupted)
	}
	if cfg.WriteBaseline != "" && rep.Interrupted {
		errs = append(errs, fmt.Errorf("no baseline written to %s: an interrupted run does not show every expected outcome", cfg.WriteBaseline))
	} else if cfg.WriteBaseline != "" {
		whole := cfg.Tags == "" && cfg.From == "" && len(cfg.Paths) == 0
		if _, err := baseline.Rewrite(cfg.WriteBaseline, rep, whole); err != nil {
			errs = append(errs, fmt.Errorf("writing baseline: %w", err))
		}
	}
	if cfg.ReportDir != "" {
		if _, err := reports.Write(cfg.ReportDir, rep); err != nil {
			errs = append(errs, err)
		}
	}
	if cleanupErr != nil {
		errs = append(errs, fmt.Errorf("the run's pools could not all be deleted (prefix %s): %w", prefix, cleanupErr))
	}
	for _, sc := range rep.Scenarios {
		if sc.CleanupError != "" {
			errs = append(errs, fmt.Errorf("%s: %q left users behind: %s", sc.URI, sc.Name, sc.CleanupError))
		}
	}
	return errors.Join(errs...)
}

func resolveTarget(cfg Config) (target.Target, error) {
	tg, err := target.Resolve(cfg.Target, cfg.Endpoint, cfg.AllowRealAWS, cfg.Getenv)
	if err != nil {
		return tg, err
	}
	if cfg.Region != "" {
		tg.Region = cfg.Region
	}
	if cfg.replayed {
		replayQuirks(&tg)
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
	return embeddedFeatures()
}

// embeddedFeatures are parsed once per process: they are part of the binary, and every run
// (mutation testing makes dozens) only reads them.
var embeddedFeatures = sync.OnceValues(func() ([]*featureset.File, error) {
	sub, err := fs.Sub(Features, ".")
	if err != nil {
		return nil, err
	}
	return featureset.LoadFS(sub, "features")
})

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

// reconcile puts results in feature-file order, whatever order concurrency finished them in,
// and turns every selected scenario that produced no result into an inconclusive one: a
// result is never silently lost, and never blamed on the target.
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
			Feature: featureset.Name(s.Path), URI: s.Path, Name: s.Name, Tags: s.Tags, Meta: catalogue.Classify(s.Tags),
			Status: reports.Inconclusive, Cause: reports.CauseScenario, Attempts: 0,
			Message: "the scenario produced no result: godog did not run it to the end",
		})
	}
	return out
}

// Sweep deletes leftover user pools whose name starts with prefix (which must start with the
// project prefix "cogconf-") and that are older than olderThan, on the configured target. It
// connects as a run does (same target resolution, retries and preflight).
func Sweep(ctx context.Context, cfg Config, prefix string, olderThan time.Duration, dryRun bool) (*fixtures.SweepResult, error) {
	tg, err := resolveTarget(cfg)
	if err != nil {
		return nil, &SetupError{Err: err}
	}
	if tg.Embedded() {
		return nil, setupErr("sweep needs a target that outlives the run: give --endpoint or --target")
	}
	conn, err := connect(ctx, cfg, tg)
	if err != nil {
		return nil, err
	}
	defer conn.close()
	return fixtures.Sweep(ctx, conn.API, prefix, olderThan, time.Now(), dryRun)
}

// Preflight and the errors that classify a failed one live with the connection (target/);
// these names keep the library's face.
var (
	Preflight          = target.Preflight
	ErrUnreachable     = target.ErrUnreachable
	ErrNotCognito      = target.ErrNotCognito
	ErrBadCredentials  = target.ErrBadCredentials
	ErrPreflightFailed = target.ErrPreflightFailed
	ErrThrottled       = target.ErrThrottled
	ErrUnhealthy       = target.ErrUnhealthy
)
