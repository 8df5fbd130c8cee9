package wire

import (
	"net/http"
	"testing"
)

func TestNormalizeErrorCode(t *testing.T) {
	cases := []struct{ header, body, want string }{
		{"NotAuthorizedException:", `{}`, "NotAuthorizedException"},
		{"", `{"__type":"com.amazonaws.cognito#UserNotFoundException","message":"x"}`, "UserNotFoundException"},
		{"", `{"__type":"ResourceNotFoundException:http://internal.amazon.com/coral/"}`, "ResourceNotFoundException"},
		{"", `{"code":"InvalidParameterException"}`, "InvalidParameterException"},
		{"FooError:http://x", `{"__type":"Other"}`, "FooError"},
		{"", `not json`, ""},
	}
	for _, c := range cases {
		if got := NormalizeErrorCode(c.header, c.body); got != c.want {
			t.Errorf("NormalizeErrorCode(%q,%q) = %q, want %q", c.header, c.body, got, c.want)
		}
	}
}

func TestNotImplemented(t *testing.T) {
	cases := []struct {
		name   string
		status int
		ctype  string
		body   string
		want   bool
	}{
		{"cognito-local", 500, "application/json", `{"__type":"CognitoLocal#Unsupported","message":"x"}`, true},
		{"html 500 is a crash unless a quirk says otherwise", 500, "text/html; charset=utf-8", `<html>Internal Server Error</html>`, false},
		{"501", 501, "application/json", `{}`, true},
		{"unknown op", 400, "application/x-amz-json-1.1", `{"__type":"UnknownOperationException"}`, true},
		{"internal error", 500, "application/x-amz-json-1.1", `{"__type":"InternalErrorException"}`, false},
		{"user error", 400, "application/x-amz-json-1.1", `{"__type":"UserNotFoundException"}`, false},
	}
	for _, c := range cases {
		ex := &Exchange{Status: c.status, Response: Message{Headers: http.Header{"Content-Type": {c.ctype}}, Body: c.body}}
		if got := ex.NotImplemented(); got != c.want {
			t.Errorf("%s: NotImplemented = %v, want %v", c.name, got, c.want)
		}
	}
}
