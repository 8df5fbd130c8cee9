package conformance_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/reference"
	"github.com/cognito-conformance/cognito-conformance/reports"
	"github.com/cognito-conformance/cognito-conformance/target"
)

// coral is the URI suffix other AWS services append to x-amzn-ErrorType and __type.
const coral = ":http://internal.amazon.com/coral/com.amazon.coral.validate/"

// wireForm rewrites the headers and members of an answer.
type wireForm struct {
	rewrite func(h http.Header, body map[string]any)
	// everyAnswer: the form changes successes too (bytes every answer carries); the others
	// change only error answers.
	everyAnswer bool
}

// equivalentForms rewrite every error answer of a conforming target into a form that every
// awsJson1_1 client reads as the same error (smithy-aws-protocol-tests awsJson1_1/errors.smithy:
// the code comes from x-amzn-ErrorType, else __type, else code; the part after '#' and before
// ':' counts), or change bytes no client reads as part of the contract.
var equivalentForms = map[string]wireForm{
	"x-amzn-ErrorType without the trailing colon": {rewrite: func(h http.Header, _ map[string]any) {
		h.Set("X-Amzn-Errortype", strings.TrimSuffix(h.Get("X-Amzn-Errortype"), ":"))
	}},
	"x-amzn-ErrorType with a coral URI": {rewrite: func(h http.Header, _ map[string]any) {
		h.Set("X-Amzn-Errortype", strings.TrimSuffix(h.Get("X-Amzn-Errortype"), ":")+coral)
	}},
	"x-amzn-ErrorType with a namespace and a URI": {rewrite: func(h http.Header, _ map[string]any) {
		h.Set("X-Amzn-Errortype", "com.amazonaws.cognitoidentityprovider#"+strings.TrimSuffix(h.Get("X-Amzn-Errortype"), ":")+coral)
	}},
	"no x-amzn-ErrorType, __type only": {rewrite: func(h http.Header, _ map[string]any) { h.Del("X-Amzn-Errortype") }},
	"no x-amzn-ErrorType, __type with a namespace": {rewrite: func(h http.Header, body map[string]any) {
		h.Del("X-Amzn-Errortype")
		body["__type"] = "com.amazonaws.cognitoidentityprovider#" + body["__type"].(string)
	}},
	"no x-amzn-ErrorType, __type with a namespace and a URI": {rewrite: func(h http.Header, body map[string]any) {
		h.Del("X-Amzn-Errortype")
		body["__type"] = "com.amazonaws.cognitoidentityprovider#" + body["__type"].(string) + coral
	}},
	"no x-amzn-ErrorType, code instead of __type": {rewrite: func(h http.Header, body map[string]any) {
		h.Del("X-Amzn-Errortype")
		body["code"] = body["__type"]
		delete(body, "__type")
	}},
	"Message instead of message": {rewrite: func(_ http.Header, body map[string]any) {
		body["Message"] = body["message"]
		delete(body, "message")
	}},
	"no x-amzn-RequestId": {everyAnswer: true, rewrite: func(h http.Header, _ map[string]any) { h.Del("X-Amzn-Requestid") }},
	"a charset in Content-Type": {everyAnswer: true, rewrite: func(h http.Header, _ map[string]any) {
		h.Set("Content-Type", h.Get("Content-Type")+"; charset=utf-8")
	}},
}

// rewritingErrors serves a reference whose error answers (and, for forms of every answer,
// its successes too) pass through form.
func rewritingErrors(t *testing.T, form wireForm) string {
	t.Helper()
	ref := reference.New(reference.WithCredentials(target.DummyAccessKeyID, target.DummySecretKey))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		ref.ServeHTTP(rec, r)
		h, body := rec.Header().Clone(), rec.Body.Bytes()
		var members map[string]any
		if rec.Code >= 400 && json.Unmarshal(body, &members) == nil && members["__type"] != nil {
			form.rewrite(h, members)
			body, _ = json.Marshal(members)
		} else if rec.Code < 400 && form.everyAnswer {
			form.rewrite(h, nil)
		}
		for k, vs := range h {
			w.Header()[k] = vs
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// errorAnswered is the report.json of a run against a conforming reference cut down to the
// scenarios that received an error answer (a recorded exchange, fixture and clean-up calls
// included, with a status of 400 or more): a form of error answers changes no byte any other
// scenario sees, so running those (most of the suite's time: the sign-ins) would prove
// nothing. Written once per test binary, for --from REPORT --only passed,not-applicable.
var errorAnswered = sync.OnceValues(func() (string, error) {
	rep, err := conformance.Run(context.Background(), suiteRun("", false))
	if err != nil {
		return "", err
	}
	kept := rep.Scenarios[:0]
	for _, sc := range rep.Scenarios {
		if sc.Status != reports.Passed && sc.Status != reports.NotApplicable {
			return "", fmt.Errorf("%s %q is %s against the reference", sc.URI, sc.Name, sc.Status)
		}
		for _, rec := range sc.Records {
			if rec.Status >= 400 {
				kept = append(kept, sc)
				break
			}
		}
	}
	rep.Scenarios = kept
	path := filepath.Join(scratch, "error-answered.json")
	return path, reports.WriteFileAtomic(path, func(w io.Writer) error { return reports.WriteJSON(w, rep) })
})

// fullStrictForm is the form whose --strict pass runs the whole suite: it proves that a
// scenario without a warning does not fail under --strict. The other forms' strict passes run
// only the scenarios that warned (--from REPORT --only warning): --strict changes the verdict
// of nothing else (outcome.Decide reads it only for warnings), and the suite is the costliest
// part of this test.
const fullStrictForm = "a charset in Content-Type"

// suiteRun is one run of the suite, without the client programs, against endpoint.
func suiteRun(endpoint string, strict bool) conformance.Config {
	return conformance.Config{
		Target: target.Reference, Endpoint: endpoint, Strict: strict, Concurrency: 4,
		// The client programs read errors their own way; this test is about the harness's reading.
		Tags: conformance.NoClientScenarios,
		Getenv: func(k string) string {
			return map[string]string{"AWS_ACCESS_KEY_ID": target.DummyAccessKeyID, "AWS_SECRET_ACCESS_KEY": target.DummySecretKey}[k]
		},
	}
}

func runSuite(t *testing.T, cfg conformance.Config) *reports.Report {
	t.Helper()
	rep, err := conformance.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestEquivalentWireFormsAreAtMostAWarning: a target that spells its errors in any form an
// awsJson1_1 client reads the same way breaks no contract: no scenario fails. Where a fidelity
// assertion sees the difference it warns, and --strict turns exactly those warnings into
// failures.
func TestEquivalentWireFormsAreAtMostAWarning(t *testing.T) {
	t.Parallel()
	if _, ok := equivalentForms[fullStrictForm]; !ok {
		t.Fatalf("fullStrictForm %q is not one of the forms", fullStrictForm)
	}
	for name, form := range equivalentForms {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			url := rewritingErrors(t, form)
			plain := suiteRun(url, false)
			plain.ReportDir = t.TempDir()
			if !form.everyAnswer {
				var err error
				if plain.From, err = errorAnswered(); err != nil {
					t.Fatal(err)
				}
				plain.FromStatuses = []string{string(reports.Passed), string(reports.NotApplicable)}
			}
			rep := runSuite(t, plain)
			warned := map[string]bool{}
			for _, sc := range rep.Scenarios {
				switch sc.Status {
				case reports.Failed, reports.Inconclusive:
					t.Errorf("%q is %s for an equivalent form: %s", sc.Name, sc.Status, sc.Message)
				case reports.Warning:
					warned[sc.URI+" "+sc.Name] = true
				}
			}
			t.Logf("%s: %d warning(s)", name, len(warned))
			strict := suiteRun(url, true)
			if name == fullStrictForm && !form.everyAnswer {
				t.Fatalf("the full strict pass needs a form of every answer, and %q is not one", name)
			}
			if name != fullStrictForm {
				if len(warned) == 0 {
					return
				}
				strict.From, strict.FromStatuses = filepath.Join(plain.ReportDir, "report.json"), []string{string(reports.Warning)}
			}
			judged := 0
			for _, sc := range runSuite(t, strict).Scenarios {
				k := sc.URI + " " + sc.Name
				judged += btoi(warned[k])
				if warned[k] != (sc.Status == reports.Failed) {
					t.Errorf("%q: warning %v without --strict, %s with it: %s", sc.Name, warned[k], sc.Status, sc.Message)
				}
				if sc.Status == reports.Failed && !strings.HasPrefix(sc.Message, "wire fidelity (--strict)") {
					t.Errorf("%q fails under --strict for something else than fidelity: %s", sc.Name, sc.Message)
				}
			}
			if judged != len(warned) {
				t.Errorf("--strict judged %d of the %d scenarios that warned", judged, len(warned))
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
