package wire

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// SigningName is the SigV4 service name of Cognito user pools.
const SigningName = "cognito-idp"

// Client sends raw awsJson1_1 requests. It is safe for concurrent use; recording goes to the
// Recorder found in the request's context, so each scenario keeps its own exchanges.
type Client struct {
	Endpoint    string
	Region      string
	Credentials aws.CredentialsProvider
	HTTP        *http.Client
	Now         func() time.Time
	// Retry retries transient answers the way the SDK does; every attempt is recorded.
	Retry RetryPolicy
}

// Call sends one operation, and sends it again while the answer is transient (Retry), so a
// throttled or reset call is never taken for the target's answer. Every attempt is recorded;
// the one returned is the last, marked GaveUp when it was still transient. signed=false sends
// the request with no Authorization header at all, the way browsers call token-authorised
// operations (catalogue B11).
func (c *Client) Call(ctx context.Context, role Role, operation string, body []byte, signed bool) (*Exchange, error) {
	for attempt := 1; ; attempt++ {
		ex, err := c.attempt(ctx, role, operation, body, signed, attempt)
		if ex == nil || ctx.Err() != nil || !c.Retry.transient(ex) {
			return ex, err
		}
		if attempt >= c.Retry.Attempts() {
			ex.GaveUp = true
			return ex, err
		}
		if werr := c.Retry.wait(ctx, attempt); werr != nil {
			return ex, err
		}
	}
}

func (c *Client) attempt(ctx context.Context, role Role, operation string, body []byte, signed bool, attempt int) (*Exchange, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(c.Endpoint, "/")+"/", bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("building %s request: %w", operation, err)
	}
	req.Header.Set("Content-Type", ContentType)
	req.Header.Set("X-Amz-Target", TargetPrefix+operation)
	req.ContentLength = int64(len(body))
	if signed {
		if err := c.sign(ctx, req, body); err != nil {
			return nil, fmt.Errorf("signing %s: %w", operation, err)
		}
	}
	ex := &Exchange{Role: role, Operation: operation, Signed: signed, Attempt: attempt,
		Request: Message{Headers: req.Header.Clone(), Body: string(body)}}
	start := time.Now()
	resp, err := c.httpClient().Do(req)
	ex.Duration = time.Since(start)
	if err != nil {
		ex.TransportError = err.Error()
		RecorderFrom(ctx).Record(ex)
		return ex, fmt.Errorf("%s: no response from %s: %w", operation, c.Endpoint, err)
	}
	defer resp.Body.Close()
	respBody, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	ex.Status = resp.StatusCode
	ex.Response = Message{Headers: resp.Header.Clone(), Body: string(respBody)}
	if err != nil {
		// A body cut short (a reset mid-answer) is no answer: transient, like a refused call.
		ex.TransportError = "reading the response: " + err.Error()
	}
	RecorderFrom(ctx).Record(ex)
	if err != nil {
		return ex, fmt.Errorf("%s: reading response: %w", operation, err)
	}
	return ex, nil
}

func (c *Client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return http.DefaultClient
}

func (c *Client) sign(ctx context.Context, req *http.Request, body []byte) error {
	if c.Credentials == nil {
		return fmt.Errorf("no credentials configured")
	}
	creds, err := c.Credentials.Retrieve(ctx)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(body)
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	return v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), SigningName, c.Region, now().UTC())
}
