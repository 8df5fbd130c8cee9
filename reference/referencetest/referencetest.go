// Package referencetest starts the embedded reference target for a test:
// served on 127.0.0.1 by net/http/httptest, stopped when the test ends.
//
// The tests of package reference itself cannot import it (an import cycle);
// they use their own startServer, which does the same.
package referencetest

import (
	"net/http/httptest"
	"testing"

	"github.com/cognito-conformance/cognito-conformance/reference"
)

// Reference is a reference served for one test.
type Reference struct {
	*reference.Server
	URL string // base URL, http://127.0.0.1:port
}

// Start serves a reference built with opts until the test and its subtests
// end. Start itself never fails the test: a reference cannot fail to build.
func Start(t testing.TB, opts ...reference.Option) *Reference {
	t.Helper()
	srv := reference.New(opts...)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &Reference{Server: srv, URL: ts.URL}
}
