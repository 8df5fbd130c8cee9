package steps

// Client steps: the seeds' clients (the AWS CLI and boto3) run as real processes against the
// target, with the run's fixtures and credentials.
//
// Each process talks to the target through a loopback recording proxy that the step starts, so
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
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/cucumber/godog"
	"github.com/tidwall/gjson"

	"github.com/cognito-conformance/cognito-conformance/redact"
	"github.com/cognito-conformance/cognito-conformance/target"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

// The clients the suite knows. Scenarios tag them @client-cli / @client-boto3.
const (
	ClientAWSCLI = "aws-cli"
	ClientBoto3  = "boto3"
)

const (
	clientTimeout = 60 * time.Second // one client process
	probeTimeout  = 20 * time.Second // discovering a client and its version
)

//go:embed clients_boto3.py
var boto3Script string

func init() {
	step(`^the AWS CLI is installed$`, func(w *World) any { return func() error { return w.clientIsInstalled(ClientAWSCLI) } })
	step(`^boto3 is installed$`, func(w *World) any { return func() error { return w.clientIsInstalled(ClientBoto3) } })
	step(`^the client runs the AWS CLI command:$`, func(w *World) any { return w.theClientRunsTheAWSCLI })
	step(`^the client calls boto3 (\w+) with:$`, func(w *World) any { return w.theClientCallsBoto3 })
	step(`^the command exits with status (\d+)$`, func(w *World) any { return w.theCommandExitsWith })
	step(`^the command exits with a non-zero status$`, func(w *World) any { return w.theCommandExitsNonZero })
	step(`^the command prints nothing$`, func(w *World) any { return w.theCommandPrintsNothing })
	step(`^the command's error output names "(\w+)"$`, func(w *World) any { return w.theErrorOutputNames })
	step(`^the call returns a dict with nothing but ResponseMetadata$`, func(w *World) any { return w.theCallReturnsOnlyMetadata })
	step(`^the call raises client\.exceptions\.(\w+)$`, func(w *World) any { return w.theCallRaises })
}

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

type probeKey struct {
	env    *Env
	client string
}

// probes holds the discovery of each client, once per run (per Env).
var probes sync.Map // probeKey -> *clientProbe

func (e *Env) probe(client string) *clientProbe {
	v, _ := probes.LoadOrStore(probeKey{e, client}, &clientProbe{})
	p := v.(*clientProbe)
	p.once.Do(func() { p.info, p.path = discover(client) })
	return p
}

// Clients lists the clients this run looked for (only those its scenarios needed), sorted by
// name, with the version each reported or the reason it could not run. For the report.
func (e *Env) Clients() []ClientInfo {
	var names []string
	probes.Range(func(k, _ any) bool {
		if key := k.(probeKey); key.env == e {
			names = append(names, key.client)
		}
		return true
	})
	sort.Strings(names)
	out := make([]ClientInfo, 0, len(names))
	for _, n := range names {
		out = append(out, e.probe(n).info) // waits for a probe still in flight
	}
	return out
}

// discoverers are the clients whose discovery lives in a file of their own (jsclient.go).
var discoverers = map[string]func(context.Context) (ClientInfo, string){}

func discover(client string) (ClientInfo, string) {
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
		out, err := probeOutput(ctx, path, "--version")
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
		out, err := probeOutput(ctx, path, "-c", `import boto3, botocore; print("boto3/%s botocore/%s" % (boto3.__version__, botocore.__version__))`)
		if err != nil {
			info.Missing = fmt.Sprintf("boto3 is not importable by %s (%v); scripts/install-clients.sh installs python3-boto3", path, err)
			return info, ""
		}
		info.Version = out
		return info, path
	}
	info.Missing = "unknown client " + client
	return info, ""
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
	if p := w.env.probe(client); p.info.Missing != "" {
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

// theClientRunsTheAWSCLI runs a documented `aws ...` command line. Placeholders (${AccessToken})
// and the sample's values are filled from the fixtures; the harness appends --endpoint-url and
// --region, and passes the run's credentials in the environment.
func (w *World) theClientRunsTheAWSCLI(ctx context.Context, doc *godog.DocString) (context.Context, error) {
	words, err := shellWords(doc.Content)
	if err != nil {
		return ctx, err
	}
	if len(words) < 3 || words[0] != "aws" {
		return ctx, fmt.Errorf("the command must start with \"aws <service> <command>\", got %q", strings.Join(words, " "))
	}
	args := make([]string, 0, len(words)+4)
	for i, word := range words[1:] {
		if word == "--endpoint-url" || word == "--region" || word == "--profile" {
			return ctx, fmt.Errorf("leave %s out of the command: the harness points the CLI at the target", word)
		}
		v, err := w.expandWord(word)
		if err != nil {
			return ctx, err
		}
		if i > 0 && secretFlag(words[i]) { // words[i] is the word before this one
			w.env.Redactor.Add(v)
		}
		args = append(args, v)
	}
	p, err := w.readyClient(ClientAWSCLI)
	if err != nil {
		return ctx, err
	}
	label := "cli: aws " + words[1] + " " + words[2]
	return w.runClient(ctx, p, label, func(endpoint, region string) ([]string, string) {
		argv := append(args, "--endpoint-url", endpoint, "--region", region)
		return argv, shellJoin(append([]string{"aws"}, argv...))
	}, nil)
}

// theClientCallsBoto3 calls one boto3 cognito-idp client method with the JSON document as its
// keyword arguments (placeholders and the sample's values filled in).
func (w *World) theClientCallsBoto3(ctx context.Context, method string, doc *godog.DocString) (context.Context, error) {
	body, err := w.expand(doc.Content)
	if err != nil {
		return ctx, err
	}
	var kwargs map[string]any
	if err := json.Unmarshal([]byte(body), &kwargs); err != nil {
		return ctx, fmt.Errorf("the keyword arguments must be a JSON object: %w", err)
	}
	for k, v := range kwargs {
		if s, ok := v.(string); ok && redact.SecretFields[k] {
			w.env.Redactor.Add(s)
		}
	}
	p, err := w.readyClient(ClientBoto3)
	if err != nil {
		return ctx, err
	}
	compact, _ := json.Marshal(kwargs)
	label := "boto3: cognito-idp " + method
	return w.runClient(ctx, p, label, func(endpoint, region string) ([]string, string) {
		return []string{"-c", boto3Script, method}, string(compact)
	}, func(endpoint string) []string {
		return []string{"COGCONF_BOTO3_KWARGS=" + string(compact), "COGCONF_ENDPOINT=" + endpoint}
	})
}

func (w *World) readyClient(client string) (*clientProbe, error) {
	if reason := w.clientsUnavailable(); reason != "" {
		return nil, errors.New(reason)
	}
	p := w.env.probe(client)
	if p.info.Missing != "" {
		return nil, fmt.Errorf("%s cannot run: %s (start the scenario with a step such as \"Given the AWS CLI is installed\" "+
			"so that a missing client makes it not applicable)", client, p.info.Missing)
	}
	return p, nil
}

// runClient runs one client process against the target through a recording proxy and records
// the process itself (command line, output, exit status, client version) as an exchange.
// build returns the process arguments and the text recorded as the request; env adds variables.
func (w *World) runClient(ctx context.Context, p *clientProbe, label string,
	build func(endpoint, region string) (argv []string, recorded string), env func(endpoint string) []string,
) (context.Context, error) {
	creds, region, err := w.clientCredentials(ctx)
	if err != nil {
		return ctx, err
	}
	proxy, err := startProxy(w.env.Wire.Endpoint, w.rec, w.env.Redactor, w.upstreamTransport())
	if err != nil {
		return ctx, err
	}
	defer proxy.close()

	argv, recorded := build(proxy.url, region)
	vars := []string{
		"AWS_ACCESS_KEY_ID=" + creds.AccessKeyID, "AWS_SECRET_ACCESS_KEY=" + creds.SecretAccessKey,
		"AWS_REGION=" + region, "AWS_DEFAULT_REGION=" + region,
	}
	if creds.SessionToken != "" {
		vars = append(vars, "AWS_SESSION_TOKEN="+creds.SessionToken)
	}
	if env != nil {
		vars = append(vars, env(proxy.url)...)
	}

	run := &clientRun{client: p.info.Name, command: recorded}
	if p.info.Name == ClientBoto3 {
		run.command = label + " " + recorded
	}
	cctx, cancel := context.WithTimeout(ctx, clientTimeout)
	defer cancel()
	cmd := exec.CommandContext(cctx, p.path, argv...)
	cmd.Env = clientEnv(vars)
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	w.last = nil // "the response" is now the exchange this client makes, or none
	start := time.Now()
	err = cmd.Run()
	elapsed := time.Since(start)
	run.stdout, run.stderr = stdout.String(), stderr.String()
	var exitErr *exec.ExitError
	switch {
	case cctx.Err() != nil:
		run.failure = fmt.Sprintf("killed after %s without finishing", clientTimeout)
		run.exit = -1
	case errors.As(err, &exitErr):
		run.exit = exitErr.ExitCode()
	case err != nil:
		run.failure = err.Error()
		run.exit = -1
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

// secretFlag reports whether a CLI option carries a secret: --access-token → AccessToken.
func secretFlag(word string) bool {
	name, ok := strings.CutPrefix(word, "--")
	if !ok {
		return false
	}
	var b strings.Builder
	for _, part := range strings.Split(name, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return redact.SecretFields[b.String()]
}

// expandWord fills ${Placeholders} in one word of a command line and replaces a word that is
// one of the sample's values by the fixture it stands for.
func (w *World) expandWord(word string) (string, error) {
	var firstErr error
	out := placeholderRe.ReplaceAllStringFunc(word, func(m string) string {
		v, err := w.placeholder(m[2 : len(m)-1])
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return v
	})
	if firstErr != nil {
		return "", firstErr
	}
	if v, ok := w.aliases[out]; ok {
		out = v
	}
	return out, nil
}

// shellWords splits a command line the way a POSIX shell splits words, without any expansion:
// blanks separate words; single quotes keep text literally; double quotes keep text but for
// \" \\ \$ \` ; outside quotes a backslash escapes the next character and a backslash-newline
// joins lines (the documentation's multi-line examples).
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case c == '\\':
			if i+1 >= len(rs) {
				return nil, errors.New("the command ends with a lone backslash")
			}
			i++
			if rs[i] == '\n' {
				continue
			}
			cur.WriteRune(rs[i])
			inWord = true
		case c == '\'':
			j := i + 1
			for j < len(rs) && rs[j] != '\'' {
				j++
			}
			if j >= len(rs) {
				return nil, errors.New("the command has an unterminated single quote")
			}
			cur.WriteString(string(rs[i+1 : j]))
			i, inWord = j, true
		case c == '"':
			j := i + 1
			for ; j < len(rs) && rs[j] != '"'; j++ {
				if rs[j] == '\\' && j+1 < len(rs) && strings.ContainsRune("\"\\$`\n", rs[j+1]) {
					j++
					if rs[j] == '\n' {
						continue
					}
				}
				cur.WriteRune(rs[j])
			}
			if j >= len(rs) {
				return nil, errors.New("the command has an unterminated double quote")
			}
			i, inWord = j, true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

var plainWord = regexp.MustCompile(`^[A-Za-z0-9_./:=,@%+-]+$`)

// shellJoin quotes words for display, so a recorded command line can be pasted into a shell.
func shellJoin(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		if plainWord.MatchString(w) {
			out[i] = w
		} else {
			out[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
		}
	}
	return strings.Join(out, " ")
}

// ---------------------------------------------------------------------------------------------
// The recording proxy between a client process and the target.

var proxyTransport = &http.Transport{
	Proxy:               nil, // never through an HTTP proxy: loopback to loopback
	DialContext:         (&net.Dialer{Timeout: 10 * time.Second}).DialContext,
	DisableCompression:  true, // pass bodies through exactly as the target sent them
	MaxIdleConnsPerHost: 4,
	IdleConnTimeout:     30 * time.Second,
}

// upstreamTransport is the run's own transport when it has one (a fault-injecting transport in
// tests reaches the clients' calls too), else the proxy's.
func (w *World) upstreamTransport() http.RoundTripper {
	if w.env.Wire.HTTP != nil && w.env.Wire.HTTP.Transport != nil {
		return w.env.Wire.HTTP.Transport
	}
	return proxyTransport
}

type recordingProxy struct {
	upstream  string
	transport http.RoundTripper
	rec       *wire.Recorder
	redactor  *redact.Redactor
	srv       *http.Server
	url       string

	mu   sync.Mutex
	last *wire.Exchange
}

func startProxy(upstream string, rec *wire.Recorder, redactor *redact.Redactor, transport http.RoundTripper) (*recordingProxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("starting the client's recording proxy: %w", err)
	}
	p := &recordingProxy{upstream: strings.TrimRight(upstream, "/"), transport: transport, rec: rec, redactor: redactor,
		url: "http://" + ln.Addr().String()}
	p.srv = &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = p.srv.Serve(ln) }()
	return p, nil
}

func (p *recordingProxy) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = p.srv.Shutdown(ctx)
}

func (p *recordingProxy) lastExchange() *wire.Exchange {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.last
}

var hopByHop = []string{"Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection",
	"Te", "Trailer", "Transfer-Encoding", "Upgrade"}

// ServeHTTP forwards one request unchanged, Host header included (the client signed it), and
// records it with the target's answer into the scenario's recorder.
func (p *recordingProxy) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	ex := &wire.Exchange{
		Role:      wire.RoleSubject,
		Operation: strings.TrimPrefix(r.Header.Get("X-Amz-Target"), wire.TargetPrefix),
		Signed:    r.Header.Get("Authorization") != "",
		Request:   wire.Message{Headers: r.Header.Clone(), Body: string(body)},
	}
	defer func() {
		p.rec.Record(ex)
		p.mu.Lock()
		p.last = ex
		p.mu.Unlock()
	}()
	out, err := http.NewRequestWithContext(r.Context(), r.Method, p.upstream+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		ex.TransportError = err.Error()
		http.Error(rw, err.Error(), http.StatusBadGateway)
		return
	}
	out.Header = r.Header.Clone()
	for _, h := range hopByHop {
		out.Header.Del(h)
	}
	out.Host = r.Host
	out.ContentLength = int64(len(body))
	start := time.Now()
	resp, err := p.transport.RoundTrip(out)
	ex.Duration = time.Since(start)
	if err != nil {
		ex.TransportError = err.Error()
		http.Error(rw, "cognito-conformance proxy: "+err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	respBody, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		ex.TransportError = "reading the response: " + err.Error()
	}
	ex.Status = resp.StatusCode
	ex.Response = wire.Message{Headers: resp.Header.Clone(), Body: string(respBody)}
	p.redactor.Add(secretsIn(ex.Response.Body)...)
	h := rw.Header()
	for k, vs := range resp.Header {
		h[k] = append([]string(nil), vs...)
	}
	for _, k := range hopByHop {
		h.Del(k)
	}
	h.Set("Content-Length", fmt.Sprint(len(respBody)))
	rw.WriteHeader(resp.StatusCode)
	_, _ = rw.Write(respBody)
}

// ---------------------------------------------------------------------------------------------
// Then steps about the client's outcome.

func (r *clientRun) describe() string {
	return fmt.Sprintf("command: %s\n  exit status: %d\n  stdout: %s\n  stderr: %s",
		r.command, r.exit, quoteOutput(r.stdout), quoteOutput(r.stderr))
}

func quoteOutput(s string) string {
	s = strings.TrimSpace(structural.String(s)) // mask JWTs before cutting, as summary does
	if len(s) > 600 {
		s = s[:600] + "…"
	}
	if s == "" {
		return "(nothing)"
	}
	return fmt.Sprintf("%q", s)
}

func (w *World) clientMismatch(r *clientRun, what string, want, got any) error {
	return fmt.Errorf("expected %s %v, got %v\n  %s\n  %s", what, want, got, r.describe(), summary(w.last))
}

func (w *World) theCommandExitsWith(ctx context.Context, want int) error {
	r, err := lastRun(ctx, "")
	if err != nil {
		return err
	}
	if r.exit != want {
		return w.clientMismatch(r, "exit status", want, r.exit)
	}
	return nil
}

func (w *World) theCommandExitsNonZero(ctx context.Context) error {
	r, err := lastRun(ctx, "")
	if err != nil {
		return err
	}
	if r.exit == 0 {
		return w.clientMismatch(r, "exit status", "non-zero", 0)
	}
	return nil
}

func (w *World) theCommandPrintsNothing(ctx context.Context) error {
	r, err := lastRun(ctx, "")
	if err != nil {
		return err
	}
	if strings.TrimSpace(r.stdout) != "" || strings.TrimSpace(r.stderr) != "" {
		return w.clientMismatch(r, "output", "(nothing)", "output")
	}
	return nil
}

// theErrorOutputNames checks that the client's error output names a modelled error code the way
// botocore prints one: "An error occurred (UserNotFoundException) when calling ...".
func (w *World) theErrorOutputNames(ctx context.Context, code string) error {
	r, err := lastRun(ctx, "")
	if err != nil {
		return err
	}
	if !strings.Contains(r.stderr, "("+code+")") {
		return w.clientMismatch(r, "the error output to name", "("+code+")", "no such code")
	}
	return nil
}

// boto3Outcome parses what the boto3 script printed.
func boto3Outcome(r *clientRun) (gjson.Result, error) {
	out := strings.TrimSpace(r.stdout)
	if r.exit != 0 || !gjson.Valid(out) || (!gjson.Get(out, "returned").Exists() && !gjson.Get(out, "raised").Exists()) {
		return gjson.Result{}, fmt.Errorf("the boto3 call did not report an outcome\n  %s", r.describe())
	}
	return gjson.Parse(out), nil
}

func (w *World) theCallReturnsOnlyMetadata(ctx context.Context) error {
	r, err := lastRun(ctx, ClientBoto3)
	if err != nil {
		return err
	}
	res, err := boto3Outcome(r)
	if err != nil {
		return err
	}
	if raised := res.Get("raised"); raised.Exists() {
		return fmt.Errorf("expected the call to return, it raised %s (%s: %s)\n  %s",
			raised.Get("class").String(), raised.Get("code").String(), raised.Get("message").String(), summary(w.last))
	}
	var keys []string
	res.Get("returned").ForEach(func(k, _ gjson.Result) bool {
		keys = append(keys, k.String())
		return true
	})
	if len(keys) != 1 || keys[0] != "ResponseMetadata" {
		return w.clientMismatch(r, "a dict with keys", "[ResponseMetadata]", "["+strings.Join(keys, ", ")+"]")
	}
	return nil
}

func (w *World) theCallRaises(ctx context.Context, name string) error {
	r, err := lastRun(ctx, ClientBoto3)
	if err != nil {
		return err
	}
	res, err := boto3Outcome(r)
	if err != nil {
		return err
	}
	raised := res.Get("raised")
	if !raised.Exists() {
		return w.clientMismatch(r, "the call to raise", "client.exceptions."+name, "a return")
	}
	got := raised.Get("class").String()
	if !raised.Get("modelled").Bool() {
		got += " (not one of client.exceptions)"
	}
	if raised.Get("class").String() != name || !raised.Get("modelled").Bool() {
		return w.clientMismatch(r, "the call to raise", "client.exceptions."+name, got)
	}
	return nil
}
