package steps

// Client steps: the seeds' clients (the AWS CLI and boto3) run against the target, with the
// run's fixtures and credentials. This file: discovering a client, and running one call of it
// with its recording. The AWS CLI runner is cli.go, the boto3 runner boto3.go, both served by
// one long-lived python process per run when they can be (driver.go); the recording proxy is
// clientproxy.go; the assertions about a client's own outcome are client_outcomes.go.
//
// Each call talks to the target through a loopback recording proxy that the step starts, so
// the report holds the HTTP exchange the client itself made, and "the response" of the wire
// steps (then.go) is that exchange. This matters: both clients drop response members their
// model does not know, so a success answered with {"Unexpected":true} still "prints nothing";
// only the recorded exchange shows the body is not the documented {}.
//
// A client that is not installed makes its scenarios not applicable, with the reason; so does a
// target that is not on loopback (the proxy keeps the client's own SigV4 signature valid only
// by passing its Host header through, which works for loopback targets, not for AWS).

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/cucumber/godog"

	"github.com/cognito-conformance/cognito-conformance/target"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

// The clients the suite knows. Scenarios tag them @client-cli / @client-boto3.
const (
	ClientAWSCLI = "aws-cli"
	ClientBoto3  = "boto3"
)

const (
	clientTimeout = 60 * time.Second // one client call
	probeTimeout  = clientTimeout    // discovering a client and its version: a client call's budget
)

// ---------------------------------------------------------------------------------------------
// Discovery: once per run and client.

// ClientInfo is a client the run looked for: its version, or why it cannot run.
type ClientInfo struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
	Missing string `json:"missing,omitempty"`
}

type clientProbe struct {
	once sync.Once
	info ClientInfo
	path string // the executable to run
}

// clientState is what a run keeps of its client programs. It lives in the run's Env, and goes
// with it: a process-wide table keyed by the Env kept every run's Env, and all its scenarios'
// results, alive for as long as the process (tests and mutants make hundreds of runs).
type clientState struct {
	probes sync.Map // client -> *clientProbe: the discovery of each client, once per run

	mu     sync.Mutex
	driver *clientDriver // the run's python driver, made on first use
}

// probe discovers a client once per run; w gives the run's credentials to the boto3 driver,
// which is how boto3 is discovered. Clients passes nil: every probe it lists has run.
func (e *Env) probe(client string, w *World) *clientProbe {
	v, _ := e.clients.probes.LoadOrStore(client, &clientProbe{})
	p := v.(*clientProbe)
	p.once.Do(func() { p.info, p.path = discover(client, w) })
	return p
}

// Clients lists the clients this run looked for (only those its scenarios needed), sorted by
// name, with the version each reported or the reason it could not run. For the report.
func (e *Env) Clients() []ClientInfo {
	var names []string
	e.clients.probes.Range(func(k, _ any) bool {
		names = append(names, k.(string))
		return true
	})
	sort.Strings(names)
	out := make([]ClientInfo, 0, len(names))
	for _, n := range names {
		out = append(out, e.probe(n, nil).info) // waits for a probe still in flight
	}
	return out
}

// discoverers are the clients whose discovery lives in a file of their own (jsclient.go).
var discoverers = map[string]func(context.Context) (ClientInfo, string){}

func discover(client string, w *World) (ClientInfo, string) {
	info := ClientInfo{Name: client}
	ctx, cancel := context.WithTimeout(context.Background(), probeTimeout)
	defer cancel()
	if d := discoverers[client]; d != nil {
		return d(ctx)
	}
	switch client {
	case ClientAWSCLI:
		path, err := exec.LookPath("aws")
		if err != nil {
			info.Missing = "the AWS CLI (aws) is not on PATH; scripts/install-clients.sh installs it"
			return info, ""
		}
		out, err := cachedProbeOutput(ctx, path, "--version")
		if err != nil {
			info.Missing = fmt.Sprintf("%s --version failed: %v", path, err)
			return info, ""
		}
		info.Version = out
		return info, path
	case ClientBoto3:
		path, err := exec.LookPath("python3")
		if err != nil {
			info.Missing = "python3 is not on PATH, so boto3 cannot run; scripts/install-clients.sh installs python3-boto3"
			return info, ""
		}
		d, err := w.driver(path)
		var ready driverReady
		if err == nil {
			ready, err = d.Ready(ctx)
		}
		if err == nil && ready.Boto3 == "" {
			err = errors.New(ready.Boto3Error)
		}
		if err != nil {
			info.Missing = fmt.Sprintf("boto3 is not importable by %s (%v); scripts/install-clients.sh installs python3-boto3", path, err)
			return info, ""
		}
		info.Version = ready.Boto3
		return info, path
	}
	info.Missing = "unknown client " + client
	return info, ""
}

// versionProbes caches version probes (`aws --version`, node reading the JavaScript client's
// package.json) per command line for the whole process: each starts python or node (a second
// of CPU for python, many on a loaded machine), and a process that makes many runs (tests,
// mutants) would otherwise pay it per run, all at once, and time out under load.
var versionProbes sync.Map // command line -> *versionProbe

type versionProbe struct {
	mu      sync.Mutex
	version string // empty until a probe succeeds
}

// cachedProbeOutput is probeOutput's answer for the command line, probed once per process. A
// failed probe is not kept: the next run asks again rather than inheriting a timeout of a
// busy moment.
func cachedProbeOutput(ctx context.Context, path string, args ...string) (string, error) {
	v, _ := versionProbes.LoadOrStore(strings.Join(append([]string{path}, args...), "\x00"), &versionProbe{})
	c := v.(*versionProbe)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != "" {
		return c.version, nil
	}
	out, err := probeOutput(ctx, path, args...)
	if err == nil {
		c.version = out
	}
	return out, err
}

// probeOutput runs a version probe and returns its first line of output (the AWS CLI v1 prints
// its version on stderr with older Pythons, stdout with newer).
func probeOutput(ctx context.Context, path string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Env = clientEnv(nil)
	cmd.WaitDelay = 2 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	first := strings.TrimSpace(strings.SplitN(strings.TrimSpace(out.String()), "\n", 2)[0])
	if err != nil {
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		return "", fmt.Errorf("%v: %s", err, strings.TrimSpace(lines[len(lines)-1]))
	}
	if first == "" {
		return "", errors.New("it printed no version")
	}
	return first, nil
}

// clientIsInstalled makes the scenario not applicable, with the reason, when the client cannot
// run here or the target is not one the client steps can reach.
func (w *World) clientIsInstalled(client string) error {
	if reason := w.clientsUnavailable(); reason != "" {
		w.notApplicable = reason
		return godog.ErrSkip
	}
	if p := w.env.probe(client, w); p.info.Missing != "" {
		w.notApplicable = "needs " + client + ": " + p.info.Missing
		return godog.ErrSkip
	}
	return nil
}

func (w *World) clientsUnavailable() string {
	if w.env.Wire == nil || !target.IsLoopback(w.env.Wire.Endpoint) {
		return "client scenarios run only against loopback targets: the harness records the client's own " +
			"exchanges through a loopback proxy that keeps the client's SigV4 signature valid only for them"
	}
	return ""
}

// ---------------------------------------------------------------------------------------------
// Running a client.

// clientRun is the outcome of one client process; it travels in the scenario's context.
type clientRun struct {
	client         string
	command        string // the invocation, for failure messages (secrets masked at report time)
	stdout, stderr string
	exit           int
	failure        string // the process could not run to completion (timeout, could not start)
}

type clientRunKey struct{}

func lastRun(ctx context.Context, client string) (*clientRun, error) {
	r, _ := ctx.Value(clientRunKey{}).(*clientRun)
	if r == nil || (client != "" && r.client != client) {
		return nil, fmt.Errorf("no %s has run yet in this scenario: add a step such as \"When the client runs the AWS CLI command:\"", orAny(client))
	}
	if r.failure != "" {
		return nil, fmt.Errorf("the %s process did not complete: %s\n  command: %s", r.client, r.failure, r.command)
	}
	return r, nil
}

func orAny(client string) string {
	if client == "" {
		return "client"
	}
	return client
}

func (w *World) readyClient(client string) (*clientProbe, error) {
	if reason := w.clientsUnavailable(); reason != "" {
		return nil, errors.New(reason)
	}
	p := w.env.probe(client, w)
	if p.info.Missing != "" {
		return nil, fmt.Errorf("%s cannot run: %s (start the scenario with a step such as \"Given the AWS CLI is installed\" "+
			"so that a missing client makes it not applicable)", client, p.info.Missing)
	}
	return p, nil
}

// clientCall makes one client call whose HTTP requests go to endpoint. It returns what the call
// printed and its exit status, or why it could not finish (failure).
type clientCall func(ctx context.Context) (stdout, stderr string, exit int, failure string)

// runClient makes one client call against the target through a recording proxy and records the
// call itself (command line, output, exit status, client version) as an exchange. build gets
// the proxy's URL and the region, and returns the text recorded as the request and the call.
func (w *World) runClient(ctx context.Context, p *clientProbe, label string,
	build func(endpoint, region string) (recorded string, call clientCall),
) (context.Context, error) {
	_, region, err := w.clientCredentials(ctx)
	if err != nil {
		return ctx, err
	}
	proxy, err := startProxy(w.env.Wire.Endpoint, w.rec, w.tag, w.env.Redactor, w.upstreamTransport())
	if err != nil {
		return ctx, err
	}
	defer proxy.close()

	recorded, call := build(proxy.url, region)
	run := &clientRun{client: p.info.Name, command: recorded}
	if p.info.Name == ClientBoto3 {
		run.command = label + " " + recorded
	}
	cctx, cancel := context.WithTimeout(ctx, clientTimeout)
	defer cancel()
	w.last = nil // "the response" is now the exchange this client makes, or none
	start := time.Now()
	run.stdout, run.stderr, run.exit, run.failure = call(cctx)
	elapsed := time.Since(start)
	if cctx.Err() != nil {
		run.failure, run.exit = fmt.Sprintf("killed after %s without finishing", clientTimeout), -1
	}
	w.last = proxy.lastExchange()

	output := run.stdout
	if run.stderr != "" {
		if output != "" && !strings.HasSuffix(output, "\n") {
			output += "\n"
		}
		output += "[stderr]\n" + run.stderr
	}
	w.rec.Record(&wire.Exchange{
		Role:      wire.RoleClient,
		Operation: label,
		Request: wire.Message{
			Headers: http.Header{"Client-Version": {p.info.Version}},
			Body:    recorded,
		},
		Response:       wire.Message{Headers: http.Header{}, Body: output},
		Status:         run.exit,
		Duration:       elapsed,
		TransportError: run.failure,
	})
	ctx = context.WithValue(ctx, clientRunKey{}, run)
	if w.last != nil && w.missing(w.last) {
		// The client reached the target and the target does not implement the operation:
		// a gap of the target, reported apart from non-conformance, as for raw calls.
		return ctx, unimplemented(w.last.Operation)
	}
	return ctx, nil
}

// runProcess runs one client program as a process of its own, with the client environment.
func runProcess(ctx context.Context, path string, argv, env []string) (stdout, stderr string, exit int, failure string) {
	cmd := exec.CommandContext(ctx, path, argv...)
	cmd.Env = env
	cmd.WaitDelay = 5 * time.Second
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case ctx.Err() != nil:
		return out.String(), errb.String(), -1, ctx.Err().Error()
	case errors.As(err, &exitErr):
		return out.String(), errb.String(), exitErr.ExitCode(), ""
	case err != nil:
		return out.String(), errb.String(), -1, err.Error()
	}
	return out.String(), errb.String(), 0, ""
}

// driverCall makes one call through the run's python driver.
func driverCall(d *clientDriver, req driverRequest) clientCall {
	return func(ctx context.Context) (string, string, int, string) {
		a, err := d.Call(ctx, req)
		if err != nil {
			return "", "", -1, err.Error()
		}
		return a.Stdout, a.Stderr, a.Exit, ""
	}
}

// processEnv is the environment of a client process or of the driver: the client environment
// with the run's credentials and region.
func (w *World) processEnv(ctx context.Context) ([]string, error) {
	creds, region, err := w.clientCredentials(ctx)
	if err != nil {
		return nil, err
	}
	vars := []string{
		"AWS_ACCESS_KEY_ID=" + creds.AccessKeyID, "AWS_SECRET_ACCESS_KEY=" + creds.SecretAccessKey,
		"AWS_REGION=" + region, "AWS_DEFAULT_REGION=" + region,
	}
	if creds.SessionToken != "" {
		vars = append(vars, "AWS_SESSION_TOKEN="+creds.SessionToken)
	}
	return clientEnv(vars), nil
}

// driver returns the run's python driver (started on first use) for the interpreter python.
func (w *World) driver(python string) (*clientDriver, error) {
	if w == nil {
		return nil, errors.New("no scenario to start the client driver for")
	}
	env, err := w.processEnv(w.ctx)
	if err != nil {
		return nil, err
	}
	return w.env.driver(python, env), nil
}

// clientCredentials returns the run's credentials and region, registering the secrets with the
// redactor before anything is recorded.
func (w *World) clientCredentials(ctx context.Context) (aws.Credentials, string, error) {
	wc := w.env.Wire
	if wc.Credentials == nil {
		return aws.Credentials{}, "", errors.New("the run has no credentials to give the client")
	}
	creds, err := wc.Credentials.Retrieve(ctx)
	if err != nil {
		return aws.Credentials{}, "", fmt.Errorf("retrieving the run's credentials for the client: %w", err)
	}
	w.env.Redactor.Add(creds.SecretAccessKey, creds.SessionToken)
	if w.tokens != nil {
		w.env.Redactor.Add(w.tokens.Access, w.tokens.ID, w.tokens.Refresh)
	}
	region := wc.Region
	if region == "" {
		region = w.env.Target.Region
	}
	if region == "" {
		region = "us-east-1"
	}
	return creds, region, nil
}

// clientEnv is the environment of a client process: this process's environment without any
// AWS_* setting (no profile, config file, endpoint or credentials leak in) or proxy, plus vars.
func clientEnv(vars []string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch u := strings.ToUpper(k); {
		case strings.HasPrefix(u, "AWS_"), strings.HasPrefix(u, "COGCONF_"),
			u == "HTTP_PROXY", u == "HTTPS_PROXY", u == "ALL_PROXY", u == "NO_PROXY":
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"AWS_CONFIG_FILE="+os.DevNull, "AWS_SHARED_CREDENTIALS_FILE="+os.DevNull,
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_MAX_ATTEMPTS=1", "AWS_RETRY_MODE=standard", // a 5xx is seen, not retried for seconds
		"AWS_PAGER=", "AWS_DEFAULT_OUTPUT=json",
		"NO_PROXY=127.0.0.1,localhost", "no_proxy=127.0.0.1,localhost",
	)
	return append(env, vars...)
}

func (w *World) theAWSCLIIsInstalled() error { return w.clientIsInstalled(ClientAWSCLI) }

func (w *World) boto3IsInstalled() error { return w.clientIsInstalled(ClientBoto3) }
