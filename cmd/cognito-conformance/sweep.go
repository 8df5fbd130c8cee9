package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/fixtures"
	"github.com/cognito-conformance/cognito-conformance/target"
)

// cmdSweep deletes leftovers of interrupted or crashed runs: only pools whose name starts with
// the given prefix, which must itself start with the project prefix.
func cmdSweep(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("sweep", flag.ContinueOnError)
	cfg := conformance.Config{Getenv: getenv}
	prefix := fs.String("prefix", fixtures.ProjectPrefix, "delete pools whose name starts with this; must start with "+fixtures.ProjectPrefix)
	olderThan := fs.Duration("older-than", time.Hour, "only pools created longer ago than this, so a run in progress keeps its pools; 0 = any age")
	dryRun := fs.Bool("dry-run", false, "list what would be deleted, delete nothing")
	fs.StringVar(&cfg.Target, "target", "", "built-in target: "+strings.Join(target.Names(), ", "))
	fs.StringVar(&cfg.Endpoint, "endpoint", "", "endpoint URL (as for run)")
	fs.StringVar(&cfg.Region, "region", "", "region")
	fs.BoolVar(&cfg.AllowRealAWS, "allow-real-aws", false, "allow calls to real AWS (also "+target.EnvAllowAWS+"=1)")
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if !strings.HasPrefix(*prefix, fixtures.ProjectPrefix) {
		return fail(stderr, fmt.Errorf("refusing to sweep prefix %q: it must start with %q", *prefix, fixtures.ProjectPrefix))
	}
	res, err := conformance.Sweep(ctx, cfg, *prefix, *olderThan, *dryRun)
	if res == nil {
		return fail(stderr, err)
	}
	printSwept(stdout, res, *prefix, *dryRun)
	if len(res.Failed) > 0 {
		// One line per pool: the joined error would repeat them on one line.
		for _, f := range res.Failed {
			fmt.Fprintf(stderr, "cognito-conformance: %v\n", f.Err)
		}
		fmt.Fprintf(stderr, "cognito-conformance: could not delete %s; run sweep again\n", poolCount(len(res.Failed)))
		return exitSetup
	}
	if err != nil {
		return fail(stderr, err)
	}
	return exitOK
}

// printSwept writes one line per pool deleted, the count, and why the other pools with the
// prefix were kept, so "deleted 0" never leaves the user guessing.
func printSwept(w io.Writer, res *fixtures.SweepResult, prefix string, dryRun bool) {
	verb := "deleted"
	if dryRun {
		verb = "would delete"
	}
	for _, p := range res.Deleted {
		fmt.Fprintf(w, "%s %s (%s, created %s)\n", verb, p.Name, p.ID, p.Created.Format(time.RFC3339))
	}
	fmt.Fprintf(w, "%s %d user pool(s) with prefix %s\n", verb, len(res.Deleted), prefix)
	if dryRun { // a dry run is where one looks at each pool before deciding
		for _, k := range res.Kept {
			fmt.Fprintf(w, "would keep %s (%s): %s\n", k.Name, k.ID, k.Why())
		}
	}
	for _, g := range keptGroups(res.Kept) {
		them := "them"
		if g.n == 1 {
			them = "it"
		}
		fmt.Fprintf(w, "kept %s %s; --older-than 0 deletes %s\n", poolCount(g.n), g.reason, them)
	}
}

type keptGroup struct {
	reason string
	n      int
}

// keptGroups counts the kept pools by reason, in the order the reasons first appear.
func keptGroups(kept []fixtures.KeptPool) []keptGroup {
	var groups []keptGroup
	at := map[string]int{}
	for _, k := range kept {
		i, ok := at[k.Reason]
		if !ok {
			i = len(groups)
			at[k.Reason] = i
			groups = append(groups, keptGroup{reason: k.Reason})
		}
		groups[i].n++
	}
	return groups
}

func poolCount(n int) string {
	if n == 1 {
		return "1 pool"
	}
	return fmt.Sprintf("%d pools", n)
}
