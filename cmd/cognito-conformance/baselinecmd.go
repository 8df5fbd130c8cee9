package main

import (
	"fmt"
	"io"

	"github.com/cognito-conformance/cognito-conformance/baseline"
)

// cmdBaseline maintains baseline files: "check FILE…" lists every entry that keeps a file from
// being checked in (no real reason, a failure changed under its reason, no fingerprint).
// Exit 0: all ready; 1: entries need a person; 2: a file cannot be read or parsed.
func cmdBaseline(args []string, stdout, stderr io.Writer) int {
	if len(args) < 2 || args[0] != "check" {
		fmt.Fprintln(stderr, "usage: cognito-conformance baseline check FILE…")
		return exitSetup
	}
	code := exitOK
	for _, path := range args[1:] {
		problems, err := baseline.CheckFile(path)
		if err != nil {
			fmt.Fprintf(stderr, "cognito-conformance: %v\n", err)
			return exitSetup
		}
		if len(problems) == 0 {
			fmt.Fprintf(stdout, "%s: ready\n", path)
			continue
		}
		code = exitNonConformant
		fmt.Fprintf(stdout, "%s: %d entries need a person:\n", path, len(problems))
		for _, p := range problems {
			fmt.Fprintf(stdout, "  %s\n", p)
		}
	}
	return code
}
