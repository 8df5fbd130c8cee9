package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/mutants"
	"github.com/cognito-conformance/cognito-conformance/reference"
)

// cmdMutants runs the suite against every mutation of the embedded reference (mutation
// testing) and prints which scenarios kill each one. Exit 0: every mutation is killed by a
// scenario tagged with a catalogue id it breaks, and every id the suite claims has a
// mutation; 1: a mutation survived or was killed only off target, an id is uncovered, or the
// unmutated reference does not pass; 2: bad flag, unknown mutation, or a run could not be made.
func cmdMutants(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("mutants", flag.ContinueOnError)
	parallel := fs.Int("parallel", runtime.NumCPU(), "suite runs at once (each starts its own in-process reference)")
	var only listFlag
	fs.Var(&only, "only", "run only this mutation (repeatable or comma-separated); skips the coverage check")
	markdown := fs.String("markdown", "", "also write the table, with the killing scenarios, as Markdown to this file")
	concurrency := fs.Int("concurrency", 0, "scenarios at once within each run (default 4)")
	list := fs.Bool("list", false, "list the mutations and exit")
	quiet := fs.Bool("quiet", false, "no progress lines")
	full := fs.Bool("full", false, "run the whole suite against every mutation (default: only the scenarios tagged with the ids it breaks; same verdict, but off-target kills show)")
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		return fail(stderr, fmt.Errorf("mutants takes no arguments (got %q)", fs.Args()))
	}
	all := reference.Mutations()
	if *list {
		for _, m := range all {
			fmt.Fprintf(stdout, "%-44s %-10s %-10s %s\n", m.Name, mutants.ProfileOf(m), fmt.Sprint(m.Breaks), m.Description)
		}
		return exitOK
	}
	selected := all
	if len(only) > 0 {
		selected = nil
		for _, name := range only {
			m, ok := reference.LookupMutation(name)
			if !ok {
				return fail(stderr, fmt.Errorf("unknown mutation %q (see 'cognito-conformance mutants -list')", name))
			}
			selected = append(selected, m)
		}
	}
	opts := mutants.Options{
		Mutations: selected, Parallel: *parallel, RequireCoverage: len(only) == 0, Full: *full,
		Config: conformance.Config{Concurrency: *concurrency, Getenv: getenv},
	}
	if !*quiet {
		opts.Progress = stderr
	}
	fmt.Fprintf(stderr, "mutants: %d mutation(s), %d run(s) at once\n", len(selected), max(*parallel, 1))
	sum, err := mutants.Run(ctx, opts)
	var setup *conformance.SetupError
	if errors.As(err, &setup) {
		return fail(stderr, err)
	}
	if sum != nil {
		fmt.Fprintln(stdout)
		sum.WriteTable(stdout)
		if *markdown != "" {
			f, ferr := os.Create(*markdown)
			if ferr != nil {
				return fail(stderr, ferr)
			}
			sum.WriteMarkdown(f)
			if ferr := f.Close(); ferr != nil {
				return fail(stderr, ferr)
			}
			fmt.Fprintf(stdout, "Markdown: %s\n", *markdown)
		}
	}
	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "cognito-conformance: interrupted")
		return exitInterrupted
	case errors.Is(err, mutants.ErrBaselineBroken):
		fmt.Fprintf(stderr, "cognito-conformance: %v: a mutant killed by an already failing scenario proves nothing\n", err)
		return exitNonConformant
	case err != nil:
		return fail(stderr, err)
	case !sum.OK():
		return exitNonConformant
	}
	return exitOK
}
