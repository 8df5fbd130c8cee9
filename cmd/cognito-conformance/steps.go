package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/cognito-conformance/cognito-conformance/steps"
)

// cmdSteps prints the step vocabulary, for people writing their own features: Markdown (the
// page docs/steps.md is this output) or JSON.
func cmdSteps(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("steps", flag.ContinueOnError)
	format := fs.String("format", "markdown", "markdown or json")
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		return fail(stderr, fmt.Errorf("steps takes no arguments, got %q", fs.Arg(0)))
	}
	var err error
	switch *format {
	case "markdown", "md":
		err = steps.WriteMarkdown(stdout)
	case "json":
		err = steps.WriteJSON(stdout)
	default:
		return fail(stderr, fmt.Errorf("unknown format %q (use markdown or json)", *format))
	}
	if err != nil {
		return fail(stderr, err)
	}
	return exitOK
}
