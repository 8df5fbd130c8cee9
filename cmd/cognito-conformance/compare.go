package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/cassette"
	"github.com/cognito-conformance/cognito-conformance/compare"
	"github.com/cognito-conformance/cognito-conformance/reports"
	"github.com/cognito-conformance/cognito-conformance/target"
)

// cmdCompare runs the suite against several targets, or merges existing report.json files,
// and writes one matrix.
//
//	compare --target aws-profile=reference:aws --target docs=reference:documented
//	compare --target local=http://127.0.0.1:9229 --target ref=reference
//	compare run-a/report.json run-b/report.json
//	compare moto/report.json cassettes/reference     (a cassette: the suite replayed against it)
func cmdCompare(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	var targets listFlag
	fs.Var(&targets, "target", "NAME=SPEC, repeatable; SPEC is a URL, a built-in target ("+strings.Join(target.Names(), ", ")+
		"), or reference:aws / reference:documented")
	dir := fs.String("report-dir", "comparison", "directory for compare.json, compare.md and each target's report")
	tags := fs.String("tags", "", "godog tag filter for the runs")
	allowAWS := fs.Bool("allow-real-aws", false, "allow a target on real AWS")
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if (len(targets) == 0) == (fs.NArg() == 0) {
		return fail(stderr, fmt.Errorf("compare needs either --target NAME=SPEC (two or more) or report.json files and cassette directories, not both"))
	}
	var cols []compare.Column
	for _, path := range fs.Args() {
		if cassette.IsCassette(path) {
			col, err := cassetteColumn(ctx, path, *dir, *tags, stderr)
			if err != nil {
				return fail(stderr, err)
			}
			cols = append(cols, compare.Column{Name: uniqueName(cols, col.Name), Report: col.Report})
			continue
		}
		rep, err := reports.ReadJSON(path)
		if err != nil {
			return fail(stderr, err)
		}
		name := rep.Target.Name
		if rep.Target.Profile != "" {
			name += ":" + rep.Target.Profile
		}
		cols = append(cols, compare.Column{Name: uniqueName(cols, name), Report: rep})
	}
	for _, spec := range targets {
		name, cfg, err := targetConfig(spec)
		if err != nil {
			return fail(stderr, err)
		}
		cfg.ReportDir = filepath.Join(*dir, name)
		cfg.Tags = *tags
		cfg.AllowRealAWS = *allowAWS
		cfg.Getenv = getenv
		fmt.Fprintf(stderr, "running the suite against %s…\n", name)
		rep, err := conformance.Run(ctx, cfg)
		if rep == nil {
			return fail(stderr, fmt.Errorf("%s: %w", name, err))
		}
		if err != nil {
			fmt.Fprintf(stderr, "cognito-conformance: %s: %v\n", name, err)
		}
		cols = append(cols, compare.Column{Name: name, Report: rep})
	}
	if len(cols) < 2 {
		return fail(stderr, fmt.Errorf("compare needs at least two targets or reports"))
	}
	m := compare.Build(cols)
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return fail(stderr, err)
	}
	for name, write := range map[string]func(io.Writer, *compare.Matrix) error{
		"compare.json": compare.WriteJSON, "compare.md": compare.WriteMarkdown,
	} {
		f, err := os.Create(filepath.Join(*dir, name))
		if err != nil {
			return fail(stderr, err)
		}
		err = write(f, m)
		f.Close()
		if err != nil {
			return fail(stderr, err)
		}
	}
	fmt.Fprintf(stdout, "%d scenarios compared across %d targets; %d differ.\n", len(m.Rows), len(cols), m.Differing)
	for _, r := range m.Rows {
		if r.Differs {
			cells := make([]string, len(r.Cells))
			for i, c := range r.Cells {
				cells[i] = cols[i].Name + "=" + c.Status
			}
			fmt.Fprintf(stdout, "  %-5s %s  [%s]\n", r.Behaviour, r.Scenario, strings.Join(cells, " "))
		}
	}
	fmt.Fprintf(stdout, "Matrix: %s\n", filepath.Join(*dir, "compare.md"))
	return exitOK
}

// targetConfig turns NAME=SPEC into a run configuration.
func targetConfig(spec string) (string, conformance.Config, error) {
	name, value, ok := strings.Cut(spec, "=")
	if !ok || name == "" || value == "" {
		return "", conformance.Config{}, fmt.Errorf("--target %q: want NAME=SPEC", spec)
	}
	// Both sides of every conflict run, so a row shows what each target actually answered.
	cfg := conformance.Config{Follows: reports.FollowEither, Retry: retryPolicy}
	switch {
	case strings.HasPrefix(value, "http://") || strings.HasPrefix(value, "https://"):
		cfg.Endpoint = value
	case strings.HasPrefix(value, conformance.ReplayPrefix):
		cfg.Target, cfg.Follows = value, "" // the side the recording followed: it holds no other
	case strings.HasPrefix(value, "reference:"):
		cfg.Profile = strings.TrimPrefix(value, "reference:")
	default:
		cfg.Target = value
	}
	return name, cfg, nil
}

func uniqueName(cols []compare.Column, name string) string {
	n, i := name, 2
	for {
		clash := false
		for _, c := range cols {
			if c.Name == n {
				clash = true
			}
		}
		if !clash {
			return n
		}
		n = fmt.Sprintf("%s-%d", name, i)
		i++
	}
}
