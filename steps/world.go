// Package steps is the step library: the Gherkin vocabulary of the suite, bound to a
// per-scenario World so scenarios can run concurrently.
package steps

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/cucumber/godog"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/cognito-conformance/cognito-conformance/fixtures"
	"github.com/cognito-conformance/cognito-conformance/redact"
	"github.com/cognito-conformance/cognito-conformance/reports"
	"github.com/cognito-conformance/cognito-conformance/target"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

// Env is what every scenario of a run shares.
type Env struct {
	Target   target.Target
	API      *cip.Client  // SDK client: recording transport, client-side validation removed
	Wire     *wire.Client // raw awsJson1_1 client
	Fixtures *fixtures.Fixtures
	Redactor *redact.Redactor
	// Follows is the conflict side the run requires: reports.FollowEither (default),
	// reports.FollowDocumented or reports.FollowAWSVerified.
	Follows string
	// Collect receives each finished scenario.
	Collect func(*reports.Scenario)
	// KeepRecords keeps the redacted exchanges in the report (on by default in the runner).
	KeepRecords bool
}

// World is the state of one scenario.
type World struct {
	env     *Env
	ctx     context.Context
	rec     *wire.Recorder
	started time.Time

	pool   *fixtures.Pool
	user   *fixtures.User
	tokens *fixtures.Tokens
	users  []*fixtures.User // to delete when the scenario ends

	last    *wire.Exchange    // the last exchange of the behaviour under test
	scanned int               // recorded exchanges already scanned for secrets
	session string            // the Session of the last challenge
	aliases map[string]string // sample values that stand for fixtures

	lastTOTPCode string // the code of the last TOTP answer (B22e: reuse)

	notApplicable  string // why the scenario does not apply to this target
	notImplemented string // the operation the target does not implement
}

// ErrNotImplemented marks a step that hit an operation the target does not implement.
var ErrNotImplemented = errors.New("the target does not implement")

type notImplementedError struct{ op string }

func (e notImplementedError) Error() string {
	return fmt.Sprintf("the target does not implement %s", e.op)
}
func (e notImplementedError) Unwrap() error { return ErrNotImplemented }

// Initializer returns the godog ScenarioInitializer for env.
func Initializer(env *Env) func(*godog.ScenarioContext) {
	return func(sc *godog.ScenarioContext) {
		w := &World{env: env}
		for _, d := range definitions {
			sc.Step(d.expr, w.redacting(d.bind(w)))
		}
		sc.Before(w.before)
		sc.After(w.after)
	}
}

func (w *World) before(ctx context.Context, sc *godog.Scenario) (context.Context, error) {
	w.rec = &wire.Recorder{}
	w.started = time.Now()
	ctx = wire.WithRecorder(ctx, w.rec)
	w.ctx = ctx
	meta := reports.Classify(tagNames(sc))
	for _, need := range meta.Needs {
		if reason := w.env.Target.Lacks(need); reason != "" {
			w.notApplicable = "needs " + need + ": " + reason
			return ctx, godog.ErrSkip
		}
	}
	if meta.Conflict != "" && w.env.Follows != "" && w.env.Follows != reports.FollowEither && meta.Evidence != w.env.Follows {
		w.notApplicable = fmt.Sprintf("this run requires the %s side of conflict %s; this scenario encodes the %s side",
			w.env.Follows, meta.Conflict, meta.Evidence)
		return ctx, godog.ErrSkip
	}
	return ctx, nil
}

// redacting wraps a step function so that its error never carries a secret: godog's
// formatters (cucumber.json, the console) write a failed step's error verbatim. It registers
// the secrets of every response recorded so far, then returns a redacted copy of the error
// that still matches errors.Is/As. The wrapper has the step function's own type, which godog
// inspects to convert the step's arguments.
func (w *World) redacting(fn any) any {
	v := reflect.ValueOf(fn)
	t := v.Type()
	errType := reflect.TypeOf((*error)(nil)).Elem()
	last := t.NumOut() - 1
	if last < 0 || t.Out(last) != errType {
		return fn
	}
	return reflect.MakeFunc(t, func(args []reflect.Value) []reflect.Value {
		var out []reflect.Value
		if t.IsVariadic() {
			out = v.CallSlice(args)
		} else {
			out = v.Call(args)
		}
		w.registerSecrets()
		if err, _ := out[last].Interface().(error); err != nil {
			if msg := w.env.Redactor.String(err.Error()); msg != err.Error() {
				out[last] = reflect.ValueOf(error(redactedError{msg: msg, cause: err}))
			}
		}
		return out
	}).Interface()
}

// registerSecrets teaches the redactor the secrets of every exchange recorded since the last
// call, fixture calls included.
func (w *World) registerSecrets() {
	if w.rec == nil {
		return
	}
	all := w.rec.Exchanges()
	for _, ex := range all[w.scanned:] {
		w.env.Redactor.Add(secretsIn(ex.Response.Body)...)
		w.env.Redactor.Add(secretsIn(ex.Request.Body)...)
	}
	w.scanned = len(all)
}

type redactedError struct {
	msg   string
	cause error
}

func (e redactedError) Error() string { return e.msg }
func (e redactedError) Unwrap() error { return e.cause }

func (w *World) after(ctx context.Context, sc *godog.Scenario, err error) (context.Context, error) {
	cleanupCtx, cancel := context.WithTimeout(wire.WithRecorder(context.WithoutCancel(ctx), w.rec), 30*time.Second)
	defer cancel()
	var cleanupErrs []error
	for _, u := range w.users {
		if cerr := w.env.Fixtures.DeleteUser(cleanupCtx, u); cerr != nil && !w.fixtureNotImplemented() {
			cleanupErrs = append(cleanupErrs, cerr)
		}
	}
	result := w.result(sc, err)
	if len(cleanupErrs) > 0 {
		// A leak is worth a loud failure (on real AWS it costs money and quota): the report
		// carries it and the run ends with an error, whatever the scenario's verdict.
		result.CleanupError = w.env.Redactor.String(errors.Join(cleanupErrs...).Error())
	}
	if w.env.Collect != nil {
		w.env.Collect(result)
	}
	return ctx, nil
}

func (w *World) result(sc *godog.Scenario, err error) *reports.Scenario {
	tags := tagNames(sc)
	out := &reports.Scenario{
		Feature:    featureName(sc.Uri),
		URI:        sc.Uri,
		Name:       sc.Name,
		Tags:       tags,
		Meta:       reports.Classify(tags),
		DurationMs: time.Since(w.started).Milliseconds(),
	}
	exchanges := w.rec.Exchanges()
	out.Exchanges = len(exchanges)
	for _, ex := range exchanges {
		if ex.Role == wire.RoleFixture {
			out.FixtureCalls++
		}
		if w.env.KeepRecords {
			out.Records = append(out.Records, w.record(ex))
		}
	}
	switch {
	case w.notApplicable != "":
		out.Status, out.Message = reports.NotApplicable, w.notApplicable
	case errors.Is(err, ErrNotImplemented) || w.notImplemented != "":
		op := w.notImplemented
		var ni notImplementedError
		if errors.As(err, &ni) {
			op = ni.op
		}
		out.Status, out.Message, out.MissingOperation = reports.NotImplemented, "the target does not implement "+op, op
	case err == nil:
		out.Status = reports.Passed
	case errors.Is(err, godog.ErrSkip):
		out.Status, out.Message = reports.Skipped, w.env.Redactor.String(err.Error())
	default:
		out.Status, out.Message = reports.Failed, w.env.Redactor.String(err.Error())
	}
	return out
}

func (w *World) record(ex *wire.Exchange) reports.Record {
	r := w.env.Redactor
	return reports.Record{
		Role: string(ex.Role), Operation: ex.Operation, Signed: ex.Signed, Status: ex.Status, ErrorCode: ex.ErrorCode(),
		Request:   reports.RecordMessage{Headers: r.Headers(ex.Request.Headers), Body: r.JSON(ex.Request.Body)},
		Response:  reports.RecordMessage{Headers: r.Headers(ex.Response.Headers), Body: r.JSON(ex.Response.Body)},
		Transport: r.String(ex.TransportError),
	}
}

// missing reports whether an answer says the target does not implement the operation.
func (w *World) missing(ex *wire.Exchange) bool {
	return ex.NotImplemented() || (w.env.Target.Quirks.HTMLErrorsMeanNotImplemented && ex.HTMLServerError())
}

// fixtureNotImplemented reports whether the last recorded exchange was an operation the
// target does not implement, and remembers it.
func (w *World) fixtureNotImplemented() bool {
	ex := w.rec.Exchanges()
	if len(ex) == 0 {
		return false
	}
	last := ex[len(ex)-1]
	if w.missing(last) {
		if w.notImplemented == "" {
			w.notImplemented = last.Operation
		}
		return true
	}
	return false
}

// fixture wraps the error of a set-up step: an operation the target does not implement makes
// the scenario not-implemented rather than failed.
func (w *World) fixture(err error) error {
	if err == nil {
		return nil
	}
	if op, ok := wire.NotImplementedOperation(err); ok {
		w.notImplemented = op
		return notImplementedError{op: op}
	}
	if w.fixtureNotImplemented() {
		return notImplementedError{op: w.notImplemented}
	}
	return fmt.Errorf("setting up the scenario: %w", err)
}

func tagNames(sc *godog.Scenario) []string {
	out := make([]string, 0, len(sc.Tags))
	for _, t := range sc.Tags {
		out = append(out, t.Name)
	}
	return out
}

func featureName(uri string) string {
	uri = uri[strings.LastIndex(uri, "/")+1:]
	return strings.TrimSuffix(uri, ".feature")
}

// definition is one step: its pattern and how to bind it to a World.
type definition struct {
	expr string
	bind func(*World) any
}

// definitions are registered by the init functions of this package, before anything runs.
var definitions []definition

func step(expr string, bind func(*World) any) {
	definitions = append(definitions, definition{expr: expr, bind: bind})
}

// Patterns returns the compiled patterns of every step, for checking a feature for undefined
// steps before anything runs.
func Patterns() []*regexp.Regexp {
	out := make([]*regexp.Regexp, 0, len(definitions))
	for _, d := range definitions {
		out = append(out, regexp.MustCompile(d.expr))
	}
	return out
}

// structural redacts by shape alone (secret members, JWTs, signatures); it needs no run state.
var structural = redact.New()

// headerSummary is a one-line description of an exchange for failure messages.
func summary(ex *wire.Exchange) string {
	if ex == nil {
		return "no request was sent"
	}
	if ex.TransportError != "" {
		return fmt.Sprintf("%s: no response (%s)", ex.Operation, ex.TransportError)
	}
	// Secret members are blanked (and JWTs masked) before the body is cut: a token cut in half
	// would no longer match anything the redactor knows.
	body := strings.TrimSpace(structural.JSON(ex.Response.Body))
	if len(body) > 300 {
		body = body[:300] + "…"
	}
	code := ex.ErrorCode()
	if code != "" {
		code = " " + code
	}
	return fmt.Sprintf("%s answered %d %s%s: %s", ex.Operation, ex.Status, http.StatusText(ex.Status), code, body)
}
