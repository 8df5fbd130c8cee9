package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/reports"
	"github.com/cognito-conformance/cognito-conformance/target"
)

func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	var cfg conformance.Config
	var with, without listFlag
	var quiet bool
	fs.StringVar(&cfg.Target, "target", "", "built-in target: "+strings.Join(target.Names(), ", ")+" (default: the embedded reference)")
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
	fs.StringVar(&cfg.WriteBaseline, "write-baseline", "", "write this run's failures as a baseline file")
	fs.StringVar(&cfg.Tags, "tags", "", `godog tag filter, e.g. "@B7" or "@AdminSetUserMFAPreference && ~@inferred"`)
	fs.IntVar(&cfg.Concurrency, "concurrency", 4, "scenarios run at once")
	fs.BoolVar(&quiet, "quiet", false, "no per-scenario progress lines")
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	cfg.Paths = fs.Args()
	cfg.With, cfg.Without = with, without
	if !quiet {
		cfg.Progress = stderr
	}
	cfg.Interrupted = func(deleted []string, err error) {
		fmt.Fprintf(stderr, "\ncognito-conformance: interrupted; deleted %d user pool(s) this run created", len(deleted))
		if len(deleted) > 0 {
			fmt.Fprintf(stderr, ": %s", strings.Join(deleted, ", "))
		}
		fmt.Fprintln(stderr)
		if err != nil {
			fmt.Fprintf(stderr, "cognito-conformance: some could not be deleted: %v\n", err)
		}
		os.Exit(exitInterrupted)
	}

	rep, err := conformance.Run(ctx, cfg)
	if rep == nil {
		return fail(stderr, err)
	}
	reports.WriteConsole(stdout, rep)
	if cfg.ReportDir != "" {
		fmt.Fprintf(stdout, "Report: %s/%s\n", cfg.ReportDir, reports.JSONFile)
	}
	if err != nil {
		fmt.Fprintf(stderr, "cognito-conformance: %v\n", err)
	}
	if !rep.Conforms() {
		return exitNonConformant
	}
	if err != nil {
		return exitSetup
	}
	return exitOK
}
