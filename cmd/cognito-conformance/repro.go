package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/cognito-conformance/cognito-conformance/reports"
)

// exitNotFound: repro was given a scenario the report does not hold (or several match).
const exitNotFound = 4

// cmdRepro prints the reproduction of one scenario of a report, for an upstream bug report:
//
//	cognito-conformance repro REPORT.json SCENARIO
//
// SCENARIO is the scenario's name, a unique part of it, or a catalogue id (B7) that one
// failed scenario carries.
func cmdRepro(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("repro", flag.ContinueOnError)
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() != 2 {
		fmt.Fprintln(stderr, "cognito-conformance repro: give a report and a scenario: cognito-conformance repro conformance-report/report.json \"scenario name or B7\"")
		return exitSetup
	}
	rep, err := reports.ReadJSON(fs.Arg(0))
	if err != nil {
		return fail(stderr, err)
	}
	sc, candidates := reports.FindScenario(rep, fs.Arg(1))
	if sc == nil {
		if len(candidates) > 0 {
			fmt.Fprintf(stderr, "cognito-conformance repro: %q matches %d scenarios of %s; give one of:\n", fs.Arg(1), len(candidates), fs.Arg(0))
			for _, c := range candidates {
				fmt.Fprintf(stderr, "  %s (%s)\n", c.Name, c.Status)
			}
		} else {
			fmt.Fprintf(stderr, "cognito-conformance repro: no scenario of %s is named %q or carries it as a failed catalogue id\n", fs.Arg(0), fs.Arg(1))
		}
		return exitNotFound
	}
	if sc.Status != reports.Failed {
		fmt.Fprintf(stderr, "cognito-conformance repro: note: %q is %s, not failed\n", sc.Name, sc.Status)
	}
	repro := sc.Repro
	if repro == "" {
		repro = reports.Reproduction(rep, sc)
	}
	fmt.Fprint(stdout, repro)
	return exitOK
}
