package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/reports"
	"github.com/cognito-conformance/cognito-conformance/target"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

// retryPolicy is how `run` retries transient answers: the zero value is the SDK's standard
// retryer. The tests of this package shorten its back-off (TestMain) so that a target that
// fails every attempt costs milliseconds rather than seconds; the attempts stay the same.
var retryPolicy wire.RetryPolicy

func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	cfg := conformance.Config{Getenv: getenv, Retry: retryPolicy}
	var with, without, only listFlag
	var quiet bool
	fs.StringVar(&cfg.Target, "target", "", "built-in target: "+strings.Join(target.Names(), ", ")+", or replay:DIR for a recorded cassette (default: the embedded reference)")
	fs.StringVar(&cfg.Endpoint, "endpoint", "", "endpoint URL; else "+target.EnvEndpointService+", else "+target.EnvEndpointAll+", else the target's default")
	fs.BoolVar(&cfg.AllowRealAWS, "allow-real-aws", false, "allow calls to real AWS (also "+target.EnvAllowAWS+"=1)")
	fs.StringVar(&cfg.Region, "region", "", "region (default: the SDK's chain, else us-east-1)")
	fs.StringVar(&cfg.Profile, "profile", "", "embedded reference profile: aws (default) or documented")
	fs.StringVar(&cfg.Mutation, "mutation", "", "embedded reference mutation (mutation testing)")
	fs.StringVar(&cfg.Follows, "follows", "", "conflict side the target must follow: either, documented or aws-verified (default: either; the profile's side for the reference)")
	fs.StringVar(&cfg.SNSCallerArn, "sns-caller-arn", "", "IAM role ARN Cognito uses to send SMS (real AWS; use with --with sms)")
	fs.StringVar(&cfg.SESSourceArn, "ses-source-arn", "", "verified SES identity ARN for email MFA (real AWS; use with --with email)")
	fs.Var(&with, "with", "capability to switch on (sms, email); repeatable")
	fs.Var(&without, "without", "capability to switch off (sms, email); repeatable")
	fs.StringVar(&cfg.ReportDir, "report-dir", "conformance-report", "directory for report.json, report.html, summary.md, junit.xml and cucumber.json")
	fs.StringVar(&cfg.Baseline, "baseline", "", "expected-failure file: the run passes when its failures match it exactly")
	fs.StringVar(&cfg.WriteBaseline, "write-baseline", "", "write this run's failures (with how each fails) as a baseline file, keeping the reasons of the entries already there that still fail the same way")
	fs.StringVar(&cfg.Label, "label", "", `name of this run's target in the report when the target kind does not say it all (e.g. "moto-totp")`)
	fs.StringVar(&cfg.Tags, "tags", "", `godog tag filter, e.g. "@B7" or "@AdminSetUserMFAPreference && ~@inferred"`)
	fs.IntVar(&cfg.Concurrency, "concurrency", 4, "scenarios run at once")
	fs.BoolVar(&cfg.Strict, "strict", false, "wire-fidelity differences (header spelling, Content-Type, request ids) fail their scenario instead of warning")
	fs.IntVar(&cfg.RerunInconclusive, "rerun-inconclusive", 1, "run an inconclusive scenario again, from fresh fixtures, up to N times")
	fs.BoolVar(&quiet, "quiet", false, "no per-scenario progress lines")
	fs.StringVar(&cfg.From, "from", "", "run only the scenarios of this report.json that ended with one of the --only statuses")
	fs.Var(&only, "only", "with --from: the statuses to run again, comma-separated (default failed,inconclusive)")
	fs.StringVar(&cfg.Evidence, "evidence", "", "a cassette (ideally recorded against real AWS) whose recorded verdicts each scenario's basis cites; where real AWS failed a scenario, the report says the expectation is contradicted")
	fs.StringVar(&cfg.Record, "record", "", "write a cassette of the run (every exchange, secrets and volatile values replaced by placeholders) into DIR; replay it with --target replay:DIR")
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	cfg.Paths = fs.Args()
	cfg.With, cfg.Without, cfg.FromStatuses = with, without, only
	if !quiet {
		cfg.Progress = stderr
	}
	// At the first SIGINT/SIGTERM, say that the run is finishing what it started; the signal
	// context stops catching signals then, so a second one ends the process at once.
	stopAnnouncing := context.AfterFunc(ctx, func() { announceInterrupt(ctx, stderr) })
	defer stopAnnouncing()
	rep, err := conformance.Run(ctx, cfg)
	if rep == nil {
		if ctx.Err() != nil {
			fmt.Fprintf(stderr, "cognito-conformance: interrupted before any scenario ran (%v)\n", err)
			return exitInterrupted
		}
		return fail(stderr, err)
	}
	reports.WriteConsole(stdout, rep)
	writeContradictions(stdout, rep)
	if cfg.ReportDir != "" {
		fmt.Fprintf(stdout, "Report: %s/%s\n", cfg.ReportDir, reports.JSONFile)
	}
	return exitCode(rep, err, stderr)
}

// exitCode maps a finished run to the documented exit codes: 130 interrupted, 1 non-conformance,
// 2 results kept but something else went wrong (clean-up, files), 3 no failure but some
// scenarios could not be judged, 0 conforms.
func exitCode(rep *reports.Report, err error, stderr io.Writer) int {
	if errors.Is(err, conformance.ErrInterrupted) {
		fmt.Fprintf(stderr, "cognito-conformance: interrupted; %s\n", cleanupLine(rep.Cleanup))
		// Whatever else went wrong (a report not written, users left behind) is said too.
		if joined, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range joined.Unwrap() {
				if !errors.Is(e, conformance.ErrInterrupted) {
					fmt.Fprintf(stderr, "cognito-conformance: %v\n", e)
				}
			}
		}
		return exitInterrupted
	}
	if err != nil {
		fmt.Fprintf(stderr, "cognito-conformance: %v\n", err)
	}
	switch {
	case rep.Verdict() == reports.NonConformant:
		return exitNonConformant
	case err != nil:
		return exitSetup
	case rep.Verdict() == reports.Undecided:
		fmt.Fprintf(stderr, "cognito-conformance: %d scenario(s) could not be judged (inconclusive); see the report\n",
			rep.Summary.ByStatus[reports.Inconclusive])
		return exitInconclusive
	}
	return exitOK
}

// cleanupLine says what the run deleted and what it left, with the command that finishes.
func cleanupLine(c *reports.CleanupOutcome) string {
	if c == nil {
		return "nothing was created"
	}
	line := fmt.Sprintf("deleted %d user pool(s) this run created", len(c.Deleted))
	if len(c.Deleted) > 0 {
		line += ": " + strings.Join(c.Deleted, ", ")
	}
	if len(c.Left) > 0 {
		names := make([]string, 0, len(c.Left))
		for _, l := range c.Left {
			names = append(names, l.Name)
		}
		line += fmt.Sprintf("; could not delete %s", strings.Join(names, ", "))
		if c.SweepCommand != "" {
			line += "; run: " + c.SweepCommand
		}
	}
	return line
}

// announceInterrupt tells the user, at the first SIGINT/SIGTERM, that the run is finishing
// what it started (deleting what it created, writing the report), and stops catching signals.
func announceInterrupt(ctx context.Context, stderr io.Writer) {
	if stop, ok := ctx.Value(stopSignalsKey{}).(func()); ok {
		stop()
	}
	fmt.Fprintln(stderr, "\ncognito-conformance: interrupted: deleting what the run created and writing the report (interrupt again to quit at once)")
}
