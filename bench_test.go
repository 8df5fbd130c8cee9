package conformance_test

import (
	"context"
	"fmt"
	"testing"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/redact"
)

// BenchmarkSuite runs the suite (without the client scenarios, which time python start-up)
// against the embedded reference at several concurrencies. Compare ns/scenario across the
// sub-benchmarks of one run: the ratio is the figure, not the absolute time.
func BenchmarkSuite(b *testing.B) {
	for _, c := range []int{1, 4} {
		b.Run(fmt.Sprintf("concurrency=%d", c), func(b *testing.B) {
			b.ReportAllocs()
			scenarios := 0
			for i := 0; i < b.N; i++ {
				rep, err := conformance.Run(context.Background(), conformance.Config{
					Concurrency: c, Tags: "~@client-cli && ~@client-boto3",
				})
				if err != nil {
					b.Fatal(err)
				}
				if !rep.Conforms() {
					b.Fatal("the reference does not conform")
				}
				scenarios += rep.Summary.Total
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(scenarios), "ns/scenario")
		})
	}
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
