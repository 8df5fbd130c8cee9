package steps

// The boto3 runner: one cognito-idp client method called with keyword arguments, in the run's
// python driver (driver.go), which prints exactly what a script of its own would have.

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/cucumber/godog"

	"github.com/cognito-conformance/cognito-conformance/redact"
)

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
			w.learn(s)
		}
	}
	p, err := w.readyClient(ClientBoto3)
	if err != nil {
		return ctx, err
	}
	d, err := w.driver(p.path)
	if err != nil {
		return ctx, err
	}
	compact, _ := json.Marshal(kwargs)
	label := "boto3: cognito-idp " + method
	return w.runClient(ctx, p, label, func(endpoint, _ string) (string, clientCall) {
		return string(compact), driverCall(d, driverRequest{Client: "boto3", Method: method, Kwargs: compact, Endpoint: endpoint})
	})
}
