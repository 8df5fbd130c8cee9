package target

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/cognito-conformance/cognito-conformance/redact"
	"github.com/cognito-conformance/cognito-conformance/wire"
)

// Connection is a target ready for use: run, sweep and compare's cassette columns all reach a
// target through Connect, so they resolve its configuration, retry and prove it the same way.
type Connection struct {
	Target   Target
	API      *cip.Client      // the SDK client of the fixtures: the SDK's standard retryer
	Raw      *wire.Client     // the raw client of the behaviour under test: retries recorded
	Redactor *redact.Redactor // knows the connection's credentials
}

// ConnectOptions are what a caller brings to Connect.
type ConnectOptions struct {
	Getenv    func(string) string // the environment, injected (nil: none)
	Transport http.RoundTripper   // the HTTP transport under both clients (nil: the default)
	Retry     wire.RetryPolicy    // zero: the SDK's standard retryer
	// Embedded starts the in-process reference for an embedded target in the resolved region
	// and returns its URL. The caller owns and stops it.
	Embedded func(region string) (url string, err error)
}

// Connect resolves the target's configuration (credentials and region from the injected
// environment), starts the embedded reference when the target is it, builds the clients and
// proves the endpoint with a preflight.
func Connect(ctx context.Context, tg Target, o ConnectOptions) (*Connection, error) {
	getenv := o.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	awsCfg, err := LoadAWSConfig(ctx, tg, getenv)
	if err != nil {
		return nil, err
	}
	tg.Region = awsCfg.Region
	c := &Connection{Target: tg, Redactor: redact.New()}
	if tg.Embedded() {
		if o.Embedded == nil {
			return nil, errNoEmbedded
		}
		url, err := o.Embedded(tg.Region)
		if err != nil {
			return nil, err
		}
		c.Target.Endpoint = url
		awsCfg.Credentials = credentials.NewStaticCredentialsProvider(DummyAccessKeyID, DummySecretKey, "")
	}
	if creds, err := awsCfg.Credentials.Retrieve(ctx); err == nil {
		c.Redactor.Add(creds.SecretAccessKey, creds.SessionToken)
	}
	policy := retryPolicy(o.Retry, c.Target)
	// The SDK client records through its transport; the raw client records itself, so it gets
	// a plain HTTP client (one transport recording both would log every raw call twice).
	c.API = newAPI(awsCfg, c.Target, &http.Client{Timeout: 30 * time.Second, Transport: wire.RecordingTransport{Base: o.Transport}}, policy)
	c.Raw = &wire.Client{Endpoint: endpointOf(c.Target, awsCfg), Region: awsCfg.Region, Credentials: awsCfg.Credentials,
		HTTP: &http.Client{Timeout: 30 * time.Second, Transport: o.Transport}, Retry: policy}
	if err := Preflight(ctx, c.Raw); err != nil {
		return nil, err
	}
	return c, nil
}

var errNoEmbedded = errors.New("the embedded reference target needs ConnectOptions.Embedded")

// retryPolicy narrows what counts as transient for a target: moto's HTML 500 answering an
// operation moto lacks means "not implemented", and is no fault to retry. The same page
// answering an operation moto implements is a crash and is retried like any 5xx: only a crash
// that every attempt repeats is the target's answer (outcome.Input.Crash), so a race inside
// the emulator that crashes once never turns a scenario red.
func retryPolicy(p wire.RetryPolicy, tg Target) wire.RetryPolicy {
	if p.Transient == nil && tg.Quirks.HTMLErrorsMeanNotImplemented {
		p.Transient = func(ex *wire.Exchange) bool {
			return !(ex.HTMLServerError() && tg.Quirks.HTMLMeansMissing(ex.Operation)) && wire.Transient(ex)
		}
	}
	return p
}

// newAPI builds the SDK client of the fixtures: the SDK's standard retryer (a throttled or
// failing set-up call says nothing about the target's conformance), with the run's retry
// policy and no client-side rate limit, and client-side input validation removed, so that the
// target, not the SDK, rejects bad input (as the SDK's own integration tests do).
func newAPI(cfg aws.Config, tg Target, httpClient *http.Client, policy wire.RetryPolicy) *cip.Client {
	return cip.NewFromConfig(cfg, func(o *cip.Options) {
		if tg.Endpoint != "" {
			o.BaseEndpoint = aws.String(tg.Endpoint)
		}
		o.HTTPClient = httpClient
		o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) {
			so.MaxAttempts = policy.Attempts()
			so.RateLimiter = ratelimit.None
			// "Not implemented" (cognito-local's 500 Unsupported, a 501) is an answer, not a fault.
			so.Retryables = append([]retry.IsErrorRetryable{retry.IsErrorRetryableFunc(func(err error) aws.Ternary {
				if _, missing := wire.NotImplementedOperation(err); missing {
					return aws.FalseTernary
				}
				// A user or pool that does not exist does not come back by asking again, whatever
				// the status says (a target that sends UserNotFoundException with a 500 would hold
				// every clean-up of a deleted user for the whole retry budget).
				var userNotFound *types.UserNotFoundException
				var resourceNotFound *types.ResourceNotFoundException
				if errors.As(err, &userNotFound) || errors.As(err, &resourceNotFound) {
					return aws.FalseTernary
				}
				return aws.UnknownTernary
			})}, so.Retryables...)
			if policy.Backoff != nil {
				so.Backoff = retry.BackoffDelayerFunc(func(attempt int, _ error) (time.Duration, error) {
					return policy.Backoff(attempt), nil
				})
			}
		})
		o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
			_, _ = st.Initialize.Remove("OperationInputValidation")
			return nil
		})
	})
}

func endpointOf(tg Target, cfg aws.Config) string {
	if tg.Endpoint != "" {
		return tg.Endpoint
	}
	return "https://cognito-idp." + cfg.Region + ".amazonaws.com"
}
