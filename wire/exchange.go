// Package wire speaks the AWS JSON 1.1 protocol that Cognito user pools use, records every
// request/response pair it makes, and normalises error codes the way AWS clients do, so that
// targets that spell codes differently ("ns#Code", "Code:http://...") compare equal.
package wire

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	"github.com/tidwall/gjson"
)

// TargetPrefix is the X-Amz-Target prefix of the Cognito user-pool service (catalogue §1.1).
const TargetPrefix = "AWSCognitoIdentityProviderService."

// ContentType is the request content type of AWS JSON 1.1.
const ContentType = "application/x-amz-json-1.1"

// Role says why an exchange was made: to set up the scenario, or as the behaviour under test.
type Role string

const (
	RoleFixture Role = "fixture"
	RoleSubject Role = "subject"
	// RoleClient records a client program's run (the AWS CLI, boto3): its command line, output
	// and exit status. Its HTTP calls are recorded apart, as subject exchanges.
	RoleClient Role = "client"
)

// Exchange is one recorded request and its response.
type Exchange struct {
	Role      Role          `json:"role"`
	Operation string        `json:"operation"`
	Signed    bool          `json:"signed"`
	Request   Message       `json:"request"`
	Response  Message       `json:"response"`
	Status    int           `json:"status"`
	Duration  time.Duration `json:"durationNs"`
	// TransportError is set when no HTTP response came back (connection refused, timeout).
	TransportError string `json:"transportError,omitempty"`
	// Attempt numbers the tries of one call (1 = first); 0 when the caller did not count.
	Attempt int `json:"attempt,omitempty"`
	// GaveUp marks the last attempt of a call whose answers stayed transient.
	GaveUp bool `json:"gaveUp,omitempty"`
}

// Message is one side of an exchange.
type Message struct {
	Headers http.Header `json:"headers"`
	Body    string      `json:"body"`
}

// ErrorCode returns the normalised awsJson1_1 error code of the response, or "" on success.
func (e *Exchange) ErrorCode() string {
	if e == nil || e.Status == 0 || (e.Status >= 200 && e.Status < 300) {
		return ""
	}
	return NormalizeErrorCode(e.Response.Headers.Get("X-Amzn-Errortype"), e.Response.Body)
}

// ErrorMessage returns the error message from the body ("message" or "Message"),
// falling back to the x-amzn-ErrorMessage header.
func (e *Exchange) ErrorMessage() string {
	if e == nil {
		return ""
	}
	body := gjson.Parse(e.Response.Body)
	for _, k := range []string{"message", "Message", "errorMessage"} {
		if v := body.Get(k); v.Exists() && v.String() != "" {
			return v.String()
		}
	}
	return e.Response.Headers.Get("X-Amzn-Errormessage")
}

// NotImplemented reports whether the target says it does not implement the operation,
// which is a gap in the target, not a wrong answer: cognito-local answers 500 with a
// "CognitoLocal#Unsupported" __type, others UnknownOperationException, NotImplemented or 501.
func (e *Exchange) NotImplemented() bool {
	if e == nil || e.Status == 0 {
		return false
	}
	return e.Status == 501 || NotImplementedCode(e.ErrorCode()) ||
		strings.Contains(e.Response.Headers.Get("X-Amzn-Errortype")+" "+gjson.Get(e.Response.Body, "__type").String(), "Unsupported")
}

// NotImplementedCode reports whether a normalised error code means "operation not implemented".
func NotImplementedCode(code string) bool {
	switch code {
	case "UnknownOperationException", "NotImplemented", "NotImplementedException", "InvalidAction", "Unsupported":
		return true
	}
	return false
}

// HTMLServerError reports a 5xx answer that is an HTML page rather than AWS JSON. moto answers
// operations it does not implement that way; for other targets it is a crash, not a gap, so
// only targets with that quirk treat it as not-implemented (target.Quirks).
func (e *Exchange) HTMLServerError() bool {
	return e != nil && e.Status >= 500 && !json.Valid([]byte(e.Response.Body)) &&
		strings.Contains(strings.ToLower(e.Response.Headers.Get("Content-Type")), "html")
}

// NotImplementedOperation reports whether an SDK error says the target does not implement the
// operation, and which operation that was. It reads the error itself, so it holds wherever the
// error travels (a shared pool's creation error reaches every scenario waiting for it).
func NotImplementedOperation(err error) (string, bool) {
	if err == nil {
		return "", false
	}
	op := ""
	var oe *smithy.OperationError
	if errors.As(err, &oe) {
		op = oe.OperationName
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) && re.HTTPStatusCode() == 501 {
		return op, true
	}
	var ae smithy.APIError
	if errors.As(err, &ae) && NotImplementedCode(NormalizeErrorCode(ae.ErrorCode(), "")) {
		return op, true
	}
	return "", false
}

// NormalizeErrorCode applies the awsJson1_1 rules (smithy protocol tests
// AwsJson11FooErrorUsingXAmznErrorType…): the x-amzn-ErrorType header wins, then "__type",
// then "code" in the body; keep what follows the last '#' and precedes the first ':'.
func NormalizeErrorCode(header, body string) string {
	raw := header
	if raw == "" {
		parsed := gjson.Parse(body)
		raw = parsed.Get("__type").String()
		if raw == "" {
			raw = parsed.Get("code").String()
		}
	}
	if i := strings.Index(raw, ":"); i >= 0 {
		raw = raw[:i]
	}
	if i := strings.LastIndex(raw, "#"); i >= 0 {
		raw = raw[i+1:]
	}
	return strings.TrimSpace(raw)
}
