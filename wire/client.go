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
}

// Call sends one operation. signed=false sends the request with no Authorization header at all,
// the way browsers call token-authorised operations (catalogue B11).
func (c *Client) Call(ctx context.Context, role Role, operation string, body []byte, signed bool) (*Exchange, error) {
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
	ex := &Exchange{Role: role, Operation: operation, Signed: signed,
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
