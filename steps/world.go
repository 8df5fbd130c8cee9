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
	messages "github.com/cucumber/messages/go/v21"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/cognito-conformance/cognito-conformance/fixtures"
	"github.com/cognito-conformance/cognito-conformance/outcome"
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
	// Strict: wire-fidelity differences fail their scenario instead of warning.
	Strict bool
	// Stopped reports whether the run was interrupted; nil means never.
	Stopped func() bool
	// Only, when set, runs just the scenarios whose Key it holds (a rerun of inconclusive
	// scenarios); the others are passed over without a result.
	Only map[string]bool
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
	signInFlow   string // the auth flow of the last sign-in: its challenges are answered the same way

	notApplicable string           // why the scenario does not apply to this target
	passedOver    bool             // not selected for this pass (Env.Only): no result
	cutOff        bool             // started after the run was interrupted: not run
	warnings      []string         // wire-fidelity differences seen by fidelity assertions
	failedStep    outcome.StepKind // the kind of the step that failed
}

// Initializer returns the godog ScenarioInitializer for env.
func Initializer(env *Env) func(*godog.ScenarioContext) {
	return func(sc *godog.ScenarioContext) {
		w := &World{env: env}
		for _, d := range definitions {
			sc.Step(d.expr, w.judging(d.bind(w), d.severity))
		}
		sc.Before(w.before)
		sc.StepContext().After(w.afterStep)
		sc.After(w.after)
	}
}

// Key identifies one pickle of a feature (a scenario, or one row of an outline) across runs
// of the same feature files.
func Key(sc *godog.Scenario) string { return sc.Uri + "\x00" + strings.Join(sc.AstNodeIds, ",") }

func (w *World) before(ctx context.Context, sc *godog.Scenario) (context.Context, error) {
	if w.env.Only != nil && !w.env.Only[Key(sc)] {
		w.passedOver = true
		return ctx, godog.ErrSkip
	}
	w.rec = &wire.Recorder{}
	w.started = time.Now()
	if w.env.Stopped != nil && w.env.Stopped() {
		// godog runs every remaining scenario after an interrupt: they make no call at all.
		// (godog hands the After hook no error for a Before hook's ErrSkip: remember it.)
		w.cutOff = true
		return ctx, errInterrupted
	}
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

// errInterrupted ends a scenario that starts after the run was interrupted.
var errInterrupted = fmt.Errorf("%w: the run was interrupted", godog.ErrSkip)

// afterStep remembers the kind of the first step that failed: a failed Given is the
// scenario's set-up, never the target's non-conformance.
func (w *World) afterStep(ctx context.Context, st *godog.Step, status godog.StepResultStatus, err error) (context.Context, error) {
	if status == godog.StepFailed && w.failedStep == outcome.StepNone {
		w.failedStep = stepKind(st)
	}
	return ctx, nil
}

func stepKind(st *godog.Step) outcome.StepKind {
	switch st.Type {
	case messages.PickleStepType_CONTEXT:
		return outcome.StepSetup
	case messages.PickleStepType_ACTION:
		return outcome.StepAction
	case messages.PickleStepType_OUTCOME:
		return outcome.StepOutcome
	}
	return outcome.StepNone
}

// judging wraps a step function. Its error never carries a secret: godog's formatters
// (cucumber.json, the console) write a failed step's error verbatim, so the wrapper registers
// the secrets of every response recorded so far and returns a redacted copy of the error that
// still matches errors.Is/As. A fidelity assertion that does not hold is kept as a warning and
// lets the scenario go on: only contract assertions stop it. The wrapper has the step
// function's own type, which godog inspects to convert the step's arguments.
func (w *World) judging(fn any, severity outcome.Severity) any {
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
		err, _ := out[last].Interface().(error)
		if err == nil {
			return out
		}
		msg := w.env.Redactor.String(err.Error())
		// A fidelity assertion warns about the bytes of an answer; with no answer to read (the
		// scenario is incomplete, the call got none) its error stands, for the classifier.
		noAnswer := errors.Is(err, outcome.ErrIncomplete) || (w.last != nil && w.last.TransportError != "")
		if severity == outcome.Fidelity && !noAnswer {
			w.warnings = append(w.warnings, msg)
			out[last] = reflect.Zero(errType)
			return out
		}
		if msg != err.Error() {
			out[last] = reflect.ValueOf(error(redactedError{msg: msg, cause: err}))
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
	if w.passedOver {
		return ctx, nil
	}
	// The verdict is decided on what the scenario itself did, before its clean-up calls.
	result := w.result(sc, err)
	cleanupCtx, cancel := context.WithTimeout(wire.WithRecorder(context.WithoutCancel(ctx), w.rec), 30*time.Second)
	defer cancel()
	var cleanupErrs []error
	for _, u := range w.users {
		if cerr := w.env.Fixtures.DeleteUser(cleanupCtx, u); cerr != nil && !w.lastAnswerMissing() {
			cleanupErrs = append(cleanupErrs, cerr)
		}
	}
	w.keepRecords(result)
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

// result asks the one classifier (package outcome) for the scenario's verdict.
func (w *World) result(sc *godog.Scenario, err error) *reports.Scenario {
	tags := tagNames(sc)
	out := &reports.Scenario{
		Key:        Key(sc),
		Feature:    featureName(sc.Uri),
		URI:        sc.Uri,
		Name:       sc.Name,
		Tags:       tags,
		Meta:       reports.Classify(tags),
		DurationMs: time.Since(w.started).Milliseconds(),
		Attempts:   1,
	}
	if w.cutOff {
		err = errInterrupted
	} else if errors.Is(err, godog.ErrSkip) && w.notApplicable == "" {
		w.notApplicable = err.Error()
	}
	v := outcome.Decide(outcome.Input{
		NotApplicable: w.notApplicable, Err: err, FailedStep: w.failedStep, Exchanges: w.rec.Exchanges(),
		Warnings: w.warnings, Missing: w.missing, Interrupted: w.env.Stopped != nil && w.env.Stopped(), Strict: w.env.Strict,
	})
	out.Status, out.Cause, out.MissingOperation, out.MissingIn = v.Status, v.Cause, v.MissingOperation, v.MissingIn
	out.Message = w.env.Redactor.String(v.Message)
	out.Warnings = w.warnings
	return out
}

// keepRecords counts the scenario's exchanges (its clean-up included) and keeps them, redacted.
func (w *World) keepRecords(out *reports.Scenario) {
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
}

func (w *World) record(ex *wire.Exchange) reports.Record {
	r := w.env.Redactor
	return reports.Record{
		Role: string(ex.Role), Operation: ex.Operation, Signed: ex.Signed, Attempt: ex.Attempt, Status: ex.Status, ErrorCode: ex.ErrorCode(),
		Request:   reports.RecordMessage{Headers: r.Headers(ex.Request.Headers), Body: r.JSON(ex.Request.Body)},
		Response:  reports.RecordMessage{Headers: r.Headers(ex.Response.Headers), Body: r.JSON(ex.Response.Body)},
		Transport: r.String(ex.TransportError),
	}
}

// missing reports whether an answer says the target does not implement the operation.
func (w *World) missing(ex *wire.Exchange) bool {
	return ex.NotImplemented() || (w.env.Target.Quirks.HTMLErrorsMeanNotImplemented && ex.HTMLServerError())
}

// lastAnswerMissing reports whether the last recorded exchange said the target does not
// implement its operation (a user deletion the target cannot do is no leak).
func (w *World) lastAnswerMissing() bool {
	ex := w.rec.Exchanges()
	return len(ex) > 0 && w.missing(ex[len(ex)-1])
}

// fixture marks the error of a set-up call as such, wherever the call is made: the classifier
// never takes it for the target's non-conformance.
func (w *World) fixture(err error) error { return outcome.Setup(err) }

// unimplemented is the error of a step whose answer said the operation is not implemented;
// the classifier reads that answer from the recorded exchanges.
func unimplemented(op string) error { return fmt.Errorf("the target does not implement %s", op) }

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

// definition is one step: its pattern, how to bind it to a World, and for an assertion the
// severity of a difference.
type definition struct {
	expr     string
	bind     func(*World) any
	severity outcome.Severity
}

// definitions are registered by the init functions of this package, before anything runs.
var definitions []definition

func step(expr string, bind func(*World) any) {
	definitions = append(definitions, definition{expr: expr, bind: bind})
}

// fidelitySuffix ends an assertion that is judged at fidelity severity, visibly in the
// feature: `And the response header "Content-Type" is "application/x-amz-json-1.1" (fidelity)`.
const fidelitySuffix = ` (fidelity)`

// assertion registers a contract assertion and its fidelity form (the same phrase ending
// with " (fidelity)"), so a feature can judge any member at either severity.
func assertion(expr string, bind func(*World) any) {
	step(expr, bind)
	fidelity(expr, bind)
}

// fidelity registers only the fidelity form of an assertion: for bytes no SDK client reads
// (header spelling, exact body bytes), a difference is never a contract failure.
func fidelity(expr string, bind func(*World) any) {
	definitions = append(definitions, definition{
		expr: strings.TrimSuffix(expr, "$") + regexp.QuoteMeta(fidelitySuffix) + "$", bind: bind, severity: outcome.Fidelity,
	})
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
