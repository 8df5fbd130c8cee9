package conformance_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"runtime"
	"runtime/pprof"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/redact"
	"github.com/cognito-conformance/cognito-conformance/reference"
	"github.com/cognito-conformance/cognito-conformance/reports"
	"github.com/cognito-conformance/cognito-conformance/srp"
	"github.com/cognito-conformance/cognito-conformance/target"
)

// The benchmarks of `make bench`. Each prints figures that hold within one run on a loaded,
// shared machine: a ratio of two timings taken back to back, allocations (independent of
// load) and peak RSS. Wall times are printed too, but they move with the machine's load.

// noClients leaves out the scenarios that run a client program (AWS CLI, boto3, the JavaScript
// client): they time python and node, not the harness.
var noClients = conformance.NoClientScenarios

// servedReference is a reference target served on 127.0.0.1 that counts the signed calls it
// answers, and among them those that issued tokens (an RSA signature each: the reference's
// dearest answer).
type servedReference struct {
	url                      string
	calls, signIns, srpCalls atomic.Int64 // srpCalls: USER_SRP_AUTH starts (3072-bit work on the server)
	phase                    atomic.Value // "harness" or "bare": the label of the server's CPU samples
}

func serveReference(b *testing.B) *servedReference {
	b.Helper()
	ref := reference.New(reference.WithRegion("us-east-1"),
		reference.WithCredentials(target.DummyAccessKeyID, target.DummySecretKey))
	s := &servedReference{}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.calls.Add(1)
		if r.Body != nil {
			body, _ := io.ReadAll(r.Body)
			if bytes.Contains(body, []byte(`"USER_SRP_AUTH"`)) {
				s.srpCalls.Add(1)
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		// The CPU profile tells which phase asked for the server's work (pprof -tagfocus phase=harness).
		phase, _ := s.phase.Load().(string)
		pprof.Do(r.Context(), pprof.Labels("phase", phase), func(context.Context) {
			ref.ServeHTTP(&tokenSniffer{ResponseWriter: w, signIns: &s.signIns}, r)
		})
	})}
	go func() { _ = srv.Serve(l) }()
	b.Cleanup(func() { _ = srv.Close() })
	s.url = "http://" + l.Addr().String()
	return s
}

// tokenSniffer counts answers that carry an AuthenticationResult (tokens were signed).
type tokenSniffer struct {
	http.ResponseWriter
	signIns *atomic.Int64
	counted bool
}

func (t *tokenSniffer) Write(p []byte) (int, error) {
	if !t.counted && bytes.Contains(p, []byte(`"AuthenticationResult"`)) {
		t.counted = true
		t.signIns.Add(1)
	}
	return t.ResponseWriter.Write(p)
}

// BenchmarkHarnessVsBareCalls runs the suite (without clients) sequentially against a served
// reference, writing its report files as `cognito-conformance run` does, then makes as many
// signed calls with a bare aws-sdk-go-v2 loop against the same server, and reports the ratio of
// the two times: what the harness costs beyond its calls. The ratio of the CPU times the two
// phases take (this process: client and server) is reported too: on a machine loaded by others
// it moves much less than the ratio of wall times.
// The bare loop makes as many SRP sign-ins as the suite started (InitiateAuth USER_SRP_AUTH and
// the PASSWORD_VERIFIER answer: 3072-bit exponentiations on both sides), then password sign-ins
// up to the number of answers that issued tokens (an RSA signature each), and reads a user back
// (AdminGetUser) for every other call, so that both sides ask the server for the same work.
func BenchmarkHarnessVsBareCalls(b *testing.B) {
	ref := serveReference(b)
	ctx := context.Background()
	api := cip.New(cip.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(ref.url),
		Credentials: credentials.NewStaticCredentialsProvider(target.DummyAccessKeyID, target.DummySecretKey, ""),
	})
	poolID, clientID := benchUser(b, api)
	getenv := func(string) string { return "" }
	var harness, bare, harnessCPU, bareCPU time.Duration
	var total, signIns, srpSignIns int64
	for b.Loop() {
		calls0, signIns0, srp0 := ref.calls.Load(), ref.signIns.Load(), ref.srpCalls.Load()
		ref.phase.Store("harness")
		start, cpu := time.Now(), cpuTime()
		var rep *reports.Report
		var err error
		pprof.Do(ctx, pprof.Labels("phase", "harness"), func(ctx context.Context) {
			rep, err = conformance.Run(ctx, conformance.Config{Endpoint: ref.url, Concurrency: 1, Tags: noClients, Getenv: getenv,
				ReportDir: b.TempDir()})
		})
		harness, harnessCPU = harness+time.Since(start), harnessCPU+cpuTime()-cpu
		if err != nil {
			b.Fatal(err)
		}
		if !rep.Conforms() {
			b.Fatal("the reference does not conform")
		}
		n, s, srpStarts := ref.calls.Load()-calls0, ref.signIns.Load()-signIns0, ref.srpCalls.Load()-srp0
		total, signIns, srpSignIns = total+n, signIns+s, srpSignIns+srpStarts
		ref.phase.Store("bare")
		start, cpu = time.Now(), cpuTime()
		pprof.Do(ctx, pprof.Labels("phase", "bare"), func(ctx context.Context) {
			made := int64(0)
			for range srpStarts {
				if err := bareSRPSignIn(ctx, api, poolID, clientID); err != nil {
					b.Fatal(err)
				}
				made += 2
			}
			for i := made; i < n; i++ {
				var err error
				if i-made < s-srpStarts {
					_, err = api.InitiateAuth(ctx, &cip.InitiateAuthInput{ClientId: clientID, AuthFlow: types.AuthFlowTypeUserPasswordAuth,
						AuthParameters: map[string]string{"USERNAME": "bench", "PASSWORD": benchPassword}})
				} else {
					_, err = api.AdminGetUser(ctx, &cip.AdminGetUserInput{UserPoolId: poolID, Username: aws.String("bench")})
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
		bare, bareCPU = bare+time.Since(start), bareCPU+cpuTime()-cpu
	}
	runs := float64(b.N)
	b.ReportMetric(harness.Seconds()/bare.Seconds(), "ratio")
	b.ReportMetric(harnessCPU.Seconds()/bareCPU.Seconds(), "cpu-ratio")
	b.ReportMetric(float64(total)/runs, "calls/run")
	b.ReportMetric(float64(signIns)/runs, "sign-ins/run")
	b.ReportMetric(float64(srpSignIns)/runs, "srp-sign-ins/run")
	b.ReportMetric(float64(harness.Milliseconds())/runs, "harness-ms/run")
	b.ReportMetric(float64(bare.Milliseconds())/runs, "bare-ms/run")
	b.ReportMetric(0, "ns/op") // a run's time is harness-ms + bare-ms; ns/op would mix them
}

// benchPassword is the bench user's password: a fixture of a local reference, no secret.
const benchPassword = "Bench-Passw0rd!"

// benchUser creates a pool, an app client that signs in with a password, and a confirmed user.
func benchUser(b *testing.B, api *cip.Client) (poolID, clientID *string) {
	b.Helper()
	ctx := context.Background()
	pool, err := api.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("bench")})
	if err != nil {
		b.Fatal(err)
	}
	poolID = pool.UserPool.Id
	client, err := api.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: poolID, ClientName: aws.String("bench"),
		ExplicitAuthFlows: []types.ExplicitAuthFlowsType{types.ExplicitAuthFlowsTypeAllowUserPasswordAuth,
			types.ExplicitAuthFlowsTypeAllowUserSrpAuth, types.ExplicitAuthFlowsTypeAllowRefreshTokenAuth}})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := api.AdminCreateUser(ctx, &cip.AdminCreateUserInput{UserPoolId: poolID, Username: aws.String("bench"),
		MessageAction: types.MessageActionTypeSuppress}); err != nil {
		b.Fatal(err)
	}
	if _, err := api.AdminSetUserPassword(ctx, &cip.AdminSetUserPasswordInput{UserPoolId: poolID, Username: aws.String("bench"),
		Password: aws.String(benchPassword), Permanent: true}); err != nil {
		b.Fatal(err)
	}
	return poolID, client.UserPoolClient.ClientId
}

// bareSRPSignIn is one USER_SRP_AUTH sign-in of the bench user: InitiateAuth, then the
// PASSWORD_VERIFIER answer (two calls).
func bareSRPSignIn(ctx context.Context, api *cip.Client, poolID, clientID *string) error {
	c := srp.NewClient(*poolID)
	out, err := api.InitiateAuth(ctx, &cip.InitiateAuthInput{ClientId: clientID, AuthFlow: types.AuthFlowTypeUserSrpAuth,
		AuthParameters: map[string]string{"USERNAME": "bench", "SRP_A": c.SRPA()}})
	if err != nil {
		return err
	}
	p := out.ChallengeParameters
	claim, err := c.Answer(srp.Challenge{UserIDForSRP: p["USER_ID_FOR_SRP"], SRPB: p["SRP_B"], Salt: p["SALT"], SecretBlock: p["SECRET_BLOCK"]},
		benchPassword, time.Now())
	if err != nil {
		return err
	}
	_, err = api.RespondToAuthChallenge(ctx, &cip.RespondToAuthChallengeInput{ClientId: clientID, ChallengeName: out.ChallengeName,
		Session: out.Session, ChallengeResponses: map[string]string{"USERNAME": p["USER_ID_FOR_SRP"],
			"PASSWORD_CLAIM_SECRET_BLOCK": claim.SecretBlock, "PASSWORD_CLAIM_SIGNATURE": claim.Signature, "TIMESTAMP": claim.Timestamp}})
	return err
}

// BenchmarkFullSuite runs the whole suite, client scenarios included, against the embedded
// reference as `cognito-conformance run` does (concurrency 4), and reports its time, its
// allocations (this process: harness and in-process reference), and the peak RSS of this
// process and of the biggest client process it started.
func BenchmarkFullSuite(b *testing.B) {
	getenv := func(string) string { return "" }
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for b.Loop() {
		rep, err := conformance.Run(context.Background(), conformance.Config{Concurrency: 4, Getenv: getenv, ReportDir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		if !rep.Conforms() {
			b.Fatal("the reference does not conform")
		}
	}
	runtime.ReadMemStats(&after)
	runs := float64(b.N)
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/runs, "ms/run")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/runs, "allocs/run")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/runs/1e6, "alloc-MB/run")
	b.ReportMetric(maxRSSMB(syscall.RUSAGE_SELF), "peak-RSS-MB")
	b.ReportMetric(maxRSSMB(syscall.RUSAGE_CHILDREN), "client-peak-RSS-MB")
	b.ReportMetric(0, "ns/op")
}

// cpuTime is the CPU time this process has used so far (user and system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// maxRSSMB is getrusage's high-water mark of resident memory (Linux: kilobytes), in MB. For
// RUSAGE_SELF it covers the whole benchmark process, so it bounds a run's peak from above.
func maxRSSMB(who int) float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(who, &ru); err != nil {
		return -1
	}
	return float64(ru.Maxrss) / 1024
}

// BenchmarkRedactJSON measures redaction of a typical sign-in answer, done for every recorded
// exchange that goes into a report.
func BenchmarkRedactJSON(b *testing.B) {
	r := redact.New("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "another-secret-value")
	body := `{"AuthenticationResult":{"AccessToken":"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl","ExpiresIn":3600,"IdToken":"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl","RefreshToken":"opaque-refresh-token-value","TokenType":"Bearer"},"ChallengeParameters":{}}`
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for i := 0; i < b.N; i++ {
		_ = r.JSON(body)
	}
}
