// Package steps is the step library: the Gherkin vocabulary of the suite, bound to a
// per-scenario World so scenarios can run concurrently.
package steps

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v21"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/cognito-conformance/cognito-conformance/catalogue"
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
	// Select, when set, runs just the scenarios it accepts (run --from REPORT --only …); the
	// others are passed over without a result (the runner leaves them out of the plan too).
	Select func(uri, name string) bool
	// Recorded, when set, receives every finished scenario with its raw exchanges (run --record).
	Recorded func(RecordedScenario)

	clients clientState // the run's client programs: discovery and the python driver
}

// Close stops what the run started for its scenarios (the python client driver), and returns
// when it has stopped. The runner calls it when the last scenario has ended: a call still in
// flight would be cut off, and a scenario after it starts the driver again.
func (e *Env) Close() {
	e.clients.mu.Lock()
	d := e.clients.driver
	e.clients.mu.Unlock()
	if d != nil {
		d.close()
	}
}

// World is the state of one scenario.
type World struct {
	env     *Env
	ctx     context.Context
	rec     *wire.Recorder
	tag     wire.ScenarioTag // the scenario across runs (cassettes)
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

	literals    redact.Literals  // values the scenario wrote itself: never masked (literals.go)
	routeTokens *fixtures.Tokens // a sign-in made only for a set-up route (routes.go)
	setupNotes  []string         // the set-up routes taken, for the report

	notApplicable string           // why the scenario does not apply to this target
	passedOver    bool             // not selected for this pass (Env.Only): no result
	cutOff        bool             // started after the run was interrupted: not run
	warnings      []string         // wire-fidelity differences seen by fidelity assertions
	failedStep    outcome.StepKind // the kind of the step that failed

	tags []string       // the scenario's tags, read once
	meta catalogue.Meta // what they mean

	// failedStepText is the failed step's text: with the last answer, how a baseline entry
	// recognises the failure.
	failedStepText string
}

// Initializer returns the godog ScenarioInitializer for env.
func Initializer(env *Env) func(*godog.ScenarioContext) {
	return func(sc *godog.ScenarioContext) {
		w := &World{env: env}
		for _, d := range definitions() {
			sc.Step(d.re, d.fn)
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
	ctx = withWorld(ctx, w) // the steps find their World here
	if (w.env.Only != nil && !w.env.Only[Key(sc)]) || (w.env.Select != nil && !w.env.Select(sc.Uri, sc.Name)) {
		w.passedOver = true
		return ctx, godog.ErrSkip
	}
	w.rec = &wire.Recorder{}
	w.started = time.Now()
	w.literals = scenarioLiterals(sc)
	if w.env.Stopped != nil && w.env.Stopped() {
		// godog runs every remaining scenario after an interrupt: they make no call at all.
		// (godog hands the After hook no error for a Before hook's ErrSkip: remember it.)
		w.cutOff = true
		return ctx, errInterrupted
	}
	w.tag = ScenarioTag(sc)
	ctx = wire.WithScenario(wire.WithRecorder(ctx, w.rec), w.tag)
	w.ctx = ctx
	meta := w.classify(sc)
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
		w.failedStepText = st.Text
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

// judge is the end of every step (register.go wraps each handler with it). Its error never
// carries a secret: godog's formatters (cucumber.json, the console) write a failed step's
// error verbatim, so it registers the secrets of every response recorded so far and returns a
// redacted copy of the error that still matches errors.Is/As. A fidelity assertion that does
// not hold is kept as a warning and lets the scenario go on: only contract assertions stop it.
// out are the handler's results; the last is its error.
func (w *World) judge(out []reflect.Value, severity outcome.Severity) []reflect.Value {
	last := len(out) - 1
	w.registerSecrets()
	err, _ := out[last].Interface().(error)
	if err == nil {
		return out
	}
	msg := w.redactor().String(err.Error())
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
}

// registerSecrets teaches the redactor the secrets of every exchange recorded since the last
// call, fixture calls included.
func (w *World) registerSecrets() {
	if w.rec == nil {
		return
	}
	all := w.rec.Exchanges()
	for _, ex := range all[w.scanned:] {
		w.learn(secretsIn(ex.Response.Body)...)
		w.learn(secretsIn(ex.Request.Body)...)
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
	if w.env.Recorded != nil && !w.cutOff {
		w.env.Recorded(RecordedScenario{Tag: w.tag, Result: result, Exchanges: w.rec.Exchanges()})
	}
	if w.env.Collect != nil {
		w.env.Collect(result)
	}
	return ctx, nil
}

// result asks the one classifier (package outcome) for the scenario's verdict.
func (w *World) result(sc *godog.Scenario, err error) *reports.Scenario {
	meta := w.classify(sc)
	out := &reports.Scenario{
		Key:        Key(sc),
		Feature:    featureName(sc.Uri),
		URI:        sc.Uri,
		Name:       sc.Name,
		Tags:       w.tags,
		Meta:       meta,
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
		Warnings: w.warnings, Missing: w.missing, Crash: w.crash, Interrupted: w.env.Stopped != nil && w.env.Stopped(), Strict: w.env.Strict,
	})
	out.Status, out.Cause, out.MissingOperation, out.MissingIn = v.Status, v.Cause, v.MissingOperation, v.MissingIn
	out.Message = w.redactor().String(v.Message)
	out.Warnings = w.warnings
	out.SetupNotes = w.setupNotes
	if v.Status == reports.Failed || v.Status == reports.Inconclusive {
		// What a baseline entry recognises the failure by: the step and the last answer.
		out.FailedStep = w.failedStepText
		if ex := w.rec.Exchanges(); len(ex) > 0 {
			last := ex[len(ex)-1]
			out.LastAnswer = &reports.Answer{Operation: last.Operation, Status: last.Status, ErrorCode: last.ErrorCode()}
		}
	}
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
	r := w.redactor()
	return reports.Record{
		Role: string(ex.Role), Operation: ex.Operation, Signed: ex.Signed, Attempt: ex.Attempt, Status: ex.Status, ErrorCode: ex.ErrorCode(),
		Request:   reports.RecordMessage{Headers: r.Headers(ex.Request.Headers), Body: r.JSON(ex.Request.Body)},
		Response:  reports.RecordMessage{Headers: r.Headers(ex.Response.Headers), Body: r.JSON(ex.Response.Body)},
		Transport: r.String(ex.TransportError),
	}
}

// missing reports whether an answer says the target does not implement the operation.
func (w *World) missing(ex *wire.Exchange) bool {
	return ex.NotImplemented() || (ex.HTMLServerError() && w.env.Target.Quirks.HTMLMeansMissing(ex.Operation))
}

// crash reports whether an answer is a crash of the target's handler for an operation it
// implements (moto's HTML 500 page): the classifier judges it when every attempt repeated it.
func (w *World) crash(ex *wire.Exchange) bool {
	return ex.HTMLServerError() && w.env.Target.Quirks.HTMLMeansCrash(ex.Operation)
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

// classify reads the scenario's tags once (catalogue owns their meaning).
func (w *World) classify(sc *godog.Scenario) catalogue.Meta {
	if w.tags == nil {
		w.tags = tagNames(sc)
		w.meta = catalogue.Classify(w.tags)
	}
	return w.meta
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
