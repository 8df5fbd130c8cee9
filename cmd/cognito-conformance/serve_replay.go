package main

import (
	"context"
	"fmt"
	"io"

	"github.com/cognito-conformance/cognito-conformance/cassette"
)

// serveReplay serves a cassette as a Cognito endpoint until interrupted. The harness finds its
// scenarios in it by headers it sends to a replay target only: run the suite against it with
// --target replay:http://ADDR (or in-process with --target replay:DIR).
func serveReplay(ctx context.Context, dir, addr string, stdout, stderr io.Writer) int {
	c, err := cassette.Load(dir)
	if err != nil {
		return fail(stderr, err)
	}
	srv := cassette.NewServer(c)
	url, err := srv.Start(addr)
	if err != nil {
		return fail(stderr, fmt.Errorf("listening on %s: %w", addr, err))
	}
	fmt.Fprintf(stdout, "replaying %s (%d scenarios, %s) on %s\nrun the suite against it: cognito-conformance run --target replay:%s\n",
		dir, len(c.Scenarios), c.Manifest.Label(), url, url)
	<-ctx.Done()
	_ = srv.Close()
	fmt.Fprintln(stdout, "stopped")
	return exitOK
}
