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
func cmdSweep(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sweep", flag.ContinueOnError)
	var cfg conformance.Config
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
	swept, err := conformance.Sweep(ctx, cfg, *prefix, *olderThan, *dryRun)
	verb := "deleted"
	if *dryRun {
		verb = "would delete"
	}
	for _, p := range swept {
		fmt.Fprintf(stdout, "%s %s (%s, created %s)\n", verb, p.Name, p.ID, p.Created.Format(time.RFC3339))
	}
	fmt.Fprintf(stdout, "%s %d user pool(s) with prefix %s\n", verb, len(swept), *prefix)
	if err != nil {
		return fail(stderr, err)
	}
	return exitOK
}
