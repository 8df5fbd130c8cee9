package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/compare"
)

// cassetteColumn makes a comparison column of a cassette: the suite run against its replay,
// so every recorded answer is judged by this harness, named for what was recorded when ("AWS
// as recorded on 2026-11-30"). Its report goes beside the others in the comparison directory.
func cassetteColumn(ctx context.Context, path, dir, tags string, stderr io.Writer) (compare.Column, error) {
	fmt.Fprintf(stderr, "replaying the cassette %s…\n", path)
	cfg := conformance.Config{Target: conformance.ReplayPrefix + path, Tags: tags, RerunInconclusive: 1,
		ReportDir: filepath.Join(dir, "replay-"+filepath.Base(filepath.Clean(path)))}
	rep, err := conformance.Run(ctx, cfg)
	if rep == nil {
		return compare.Column{}, fmt.Errorf("replaying %s: %w", path, err)
	}
	if err != nil {
		fmt.Fprintf(stderr, "cognito-conformance: replaying %s: %v\n", path, err)
	}
	return compare.Column{Name: rep.Target.Recorded, Report: rep}, nil
}
