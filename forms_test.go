package conformance_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/reference"
	"github.com/cognito-conformance/cognito-conformance/reports"
	"github.com/cognito-conformance/cognito-conformance/target"
)

// coral is the URI suffix other AWS services append to x-amzn-ErrorType and __type.
const coral = ":http://internal.amazon.com/coral/com.amazon.coral.validate/"

// equivalentForms rewrite every error answer of a conforming target into a form that every
// awsJson1_1 client reads as the same error (smithy-aws-protocol-tests awsJson1_1/errors.smithy:
// the code comes from x-amzn-ErrorType, else __type, else code; the part after '#' and before
// ':' counts), or change bytes no client reads as part of the contract.
var equivalentForms = map[string]func(h http.Header, body map[string]any){
	"x-amzn-ErrorType without the trailing colon": func(h http.Header, _ map[string]any) {
		h.Set("X-Amzn-Errortype", strings.TrimSuffix(h.Get("X-Amzn-Errortype"), ":"))
	},
	"x-amzn-ErrorType with a coral URI": func(h http.Header, _ map[string]any) {
		h.Set("X-Amzn-Errortype", strings.TrimSuffix(h.Get("X-Amzn-Errortype"), ":")+coral)
	},
	"x-amzn-ErrorType with a namespace and a URI": func(h http.Header, _ map[string]any) {
		h.Set("X-Amzn-Errortype", "com.amazonaws.cognitoidentityprovider#"+strings.TrimSuffix(h.Get("X-Amzn-Errortype"), ":")+coral)
	},
	"no x-amzn-ErrorType, __type only": func(h http.Header, _ map[string]any) { h.Del("X-Amzn-Errortype") },
	"no x-amzn-ErrorType, __type with a namespace": func(h http.Header, body map[string]any) {
		h.Del("X-Amzn-Errortype")
		body["__type"] = "com.amazonaws.cognitoidentityprovider#" + body["__type"].(string)
	},
	"no x-amzn-ErrorType, __type with a namespace and a URI": func(h http.Header, body map[string]any) {
		h.Del("X-Amzn-Errortype")
		body["__type"] = "com.amazonaws.cognitoidentityprovider#" + body["__type"].(string) + coral
	},
	"no x-amzn-ErrorType, code instead of __type": func(h http.Header, body map[string]any) {
		h.Del("X-Amzn-Errortype")
		body["code"] = body["__type"]
		delete(body, "__type")
	},
	"Message instead of message": func(_ http.Header, body map[string]any) {
		body["Message"] = body["message"]
		delete(body, "message")
	},
	"no x-amzn-RequestId": func(h http.Header, _ map[string]any) { h.Del("X-Amzn-Requestid") },
	"a charset in Content-Type": func(h http.Header, _ map[string]any) {
		h.Set("Content-Type", h.Get("Content-Type")+"; charset=utf-8")
	},
}

// rewritingErrors serves a reference whose error answers (and, for header forms, all answers)
// pass through form.
func rewritingErrors(t *testing.T, form func(http.Header, map[string]any)) string {
	t.Helper()
	ref := reference.New(reference.WithCredentials(target.DummyAccessKeyID, target.DummySecretKey))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		ref.ServeHTTP(rec, r)
		h, body := rec.Header().Clone(), rec.Body.Bytes()
		var members map[string]any
		if rec.Code >= 400 && json.Unmarshal(body, &members) == nil && members["__type"] != nil {
			form(h, members)
			body, _ = json.Marshal(members)
		} else if rec.Code < 400 {
			form(h, map[string]any{"__type": ""}) // header-only forms apply to successes too
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
