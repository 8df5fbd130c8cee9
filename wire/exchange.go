// Package wire speaks the AWS JSON 1.1 protocol that Cognito user pools use, records every
// request/response pair it makes, and normalises error codes the way AWS clients do, so that
// targets that spell codes differently ("ns#Code", "Code:http://...") compare equal.
package wire

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

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
// "CognitoLocal#Unsupported" __type, moto an HTML 500 page, others UnknownOperationException
// or NotImplemented.
func (e *Exchange) NotImplemented() bool {
	if e == nil || e.Status == 0 {
		return false
	}
	code := e.ErrorCode()
	raw := e.Response.Headers.Get("X-Amzn-Errortype") + " " + gjson.Get(e.Response.Body, "__type").String()
	switch {
	case code == "UnknownOperationException", code == "NotImplemented", code == "NotImplementedException",
		code == "InvalidAction":
		return true
	case strings.Contains(raw, "Unsupported"):
		return true
	case e.Status == 501:
		return true
	case e.Status >= 500 && !json.Valid([]byte(e.Response.Body)) &&
		strings.Contains(strings.ToLower(e.Response.Headers.Get("Content-Type")), "html"):
		return true
	}
	return false
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
