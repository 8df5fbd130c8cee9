// Command cognito-conformance runs the Cognito MFA-preference conformance suite against an
// endpoint, serves the embedded reference target, and maintains report artifacts.
//
// Exit codes: 0 the target conforms (wire-fidelity warnings allowed), 1 non-conformance found
// (or warnings under --strict), 2 the run could not be made (bad flag, unreachable or
// non-Cognito endpoint, rejected credentials, broken feature file, unwritable report
// directory), 3 no failure but some scenarios could not be judged (inconclusive), 130
// interrupted (after deleting what the run created and writing the report).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const (
	exitOK            = 0
	exitNonConformant = 1
	exitSetup         = 2
	exitInconclusive  = 3
	exitInterrupted   = 130
)

// stopSignalsKey carries the function that stops catching SIGINT/SIGTERM, so that after the
// first one a second one ends the process.
type stopSignalsKey struct{}

const usage = `cognito-conformance: the Amazon Cognito MFA-preference contract, checked against any endpoint.

Usage:
  cognito-conformance run     [flags]   run the suite and write the report
  cognito-conformance compare [flags] [report.json…]  run several targets (or merge reports) into one matrix
  cognito-conformance sweep   [flags]   delete leftover pools of this project (prefix cogconf-) on a target
  cognito-conformance serve   [flags]   serve the embedded reference target
  cognito-conformance baseline check FILE…  check baselines are ready to check in (every entry says how it fails and why)
  cognito-conformance mutants [--parallel N] [--only NAME] [--markdown FILE]  mutation testing: the suite against every reference mutation
  cognito-conformance steps   [--format markdown|json]   list the step vocabulary for writing features
  cognito-conformance repro   REPORT SCENARIO   a failure's reproduction (AWS CLI requests, expected vs observed, catalogue entry)
  cognito-conformance version

Run "cognito-conformance <command> -h" for a command's flags.

Exit codes of run:
  0    the target conforms (wire-fidelity warnings allowed)
  1    non-conformance found (or wire-fidelity warnings under --strict)
  2    the run could not be made: bad flag, unreachable or non-Cognito endpoint, throttled or
       unhealthy endpoint, rejected credentials, broken feature file or tag filter, unwritable
       report directory; or results were kept but clean-up or writing them failed
  3    no non-conformance, but some scenarios could not be judged (inconclusive)
  130  interrupted: what the run created was deleted and the report marked interrupted

Exit codes of repro: 0 printed, 2 bad arguments or unreadable report, 4 no such scenario (or several).
`

func main() {
	os.Exit(realMain(os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

// realMain runs one command. getenv is the environment the command sees (endpoint variables,
// credentials, shared AWS files): the process's in main, a fixed one in tests.
func realMain(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitSetup
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx = context.WithValue(ctx, stopSignalsKey{}, stop)
	switch args[0] {
	case "run":
		return cmdRun(ctx, args[1:], stdout, stderr, getenv)
	case "compare":
		return cmdCompare(ctx, args[1:], stdout, stderr, getenv)
	case "sweep":
		return cmdSweep(ctx, args[1:], stdout, stderr, getenv)
	case "serve":
		return cmdServe(ctx, args[1:], stdout, stderr, getenv)
	case "mutants":
		return cmdMutants(ctx, args[1:], stdout, stderr, getenv)
	case "baseline":
		return cmdBaseline(args[1:], stdout, stderr)
	case "steps":
		return cmdSteps(ctx, args[1:], stdout, stderr)
	case "repro":
		return cmdRepro(ctx, args[1:], stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, versionString())
		return exitOK
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "cognito-conformance: unknown command %q (see 'cognito-conformance help')\n", args[0])
	return exitSetup
}

// fail prints one clear message for a run that could not be made.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "cognito-conformance: %v\n", err)
	return exitSetup
}

// listFlag is a repeatable or comma-separated string flag.
type listFlag []string

func (l *listFlag) String() string { return fmt.Sprint(*l) }
func (l *listFlag) Set(v string) error {
	for _, p := range splitComma(v) {
		*l = append(*l, p)
	}
	return nil
}

func splitComma(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			if p := s[start:i]; p != "" {
				out = append(out, p)
			}
			start = i + 1
		}
	}
	return out
}

// parseFlags parses a subcommand's flags. A bad flag is one line on stderr (not the whole
// usage); -h prints the usage on stdout.
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (done bool, code int) {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	switch {
	case err == nil:
		return false, exitOK
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fmt.Fprintf(stdout, "Usage of cognito-conformance %s:\n", fs.Name())
		fs.PrintDefaults()
		return true, exitOK
	}
	fmt.Fprintf(stderr, "cognito-conformance %s: %v (see 'cognito-conformance %s -h')\n", fs.Name(), err, fs.Name())
	return true, exitSetup
}
