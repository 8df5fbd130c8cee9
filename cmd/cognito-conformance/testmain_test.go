package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// cli is the command built once for the tests that must run it as a process of its own (to
// send it a signal); it is built while the other tests run.
var cli struct {
	built chan struct{}
	path  string
	err   error
}

func TestMain(m *testing.M) {
	flag.Parse()
	// Runs in this process wait a millisecond between attempts instead of the SDK's seconds of
	// jitter: tests of transient answers count attempts, not how long they took.
	retryPolicy.Backoff = func(int) time.Duration { return time.Millisecond }
	dir, err := os.MkdirTemp("", "cognito-conformance-cli-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	cli.built = make(chan struct{})
	cli.path = filepath.Join(dir, "cognito-conformance")
	go func() {
		defer close(cli.built)
		if testing.Short() {
			cli.err = fmt.Errorf("not built in -short mode")
			return
		}
		if out, err := exec.Command("go", "build", "-o", cli.path, ".").CombinedOutput(); err != nil {
			cli.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	}()
	code := m.Run()
	<-cli.built
	os.RemoveAll(dir)
	os.Exit(code)
}
