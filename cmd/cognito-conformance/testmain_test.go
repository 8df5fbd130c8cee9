package main

import (
	"flag"
	"os"
	"testing"
	"time"
)

// asCLI, set in a process's environment, makes this test binary the command itself: the tests
// that must run the CLI as a process of its own (to send it a signal) start this binary again
// with it, instead of building and linking a second one.
const asCLI = "COGCONF_TEST_BINARY_IS_CLI"

func TestMain(m *testing.M) {
	if os.Getenv(asCLI) == "1" {
		os.Exit(realMain(os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
	}
	flag.Parse()
	// Runs in this process wait a millisecond between attempts instead of the SDK's seconds of
	// jitter: tests of transient answers count attempts, not how long they took.
	retryPolicy.Backoff = func(int) time.Duration { return time.Millisecond }
	code := m.Run()
	removeSharedRuns()
	os.Exit(code)
}

// cliProcess is the command line and environment entry that run the CLI as a process of its
// own: this test binary, told by asCLI to be the command.
func cliProcess(t *testing.T) (bin, envEntry string) {
	t.Helper()
	bin, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return bin, asCLI + "=1"
}
