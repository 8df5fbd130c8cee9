package reference

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

const sigAlgorithm = "AWS4-HMAC-SHA256"

// sigV4Header is a parsed SigV4 Authorization header.
type sigV4Header struct {
	accessKeyID   string
	date          string
	region        string
	service       string
	signedHeaders []string
	signature     string
}

func parseSigV4(auth string) (sigV4Header, bool) {
	var h sigV4Header
	rest, ok := strings.CutPrefix(auth, sigAlgorithm+" ")
	if !ok {
		return h, false
	}
	for _, part := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return h, false
		}
		switch k {
		case "Credential":
			f := strings.Split(v, "/")
			if len(f) != 5 || f[4] != "aws4_request" || f[0] == "" {
				return h, false
			}
			h.accessKeyID, h.date, h.region, h.service = f[0], f[1], f[2], f[3]
		case "SignedHeaders":
			h.signedHeaders = strings.Split(v, ";")
		case "Signature":
			h.signature = v
		}
	}
	if h.accessKeyID == "" || len(h.signedHeaders) == 0 || h.signature == "" {
		return h, false
	}
	return h, true
}

// sigCheck is the SigV4 authentication of one call.
type sigCheck struct {
	c    *call
	auth string      // the Authorization header
	h    sigV4Header // parsed (rule signature-well-formed)
	at   time.Time   // X-Amz-Date (rule signing-date-present)
}

// signatureRules authenticate an IAM-authorized operation, in AWS's order.
// Without configured credentials any well-formed signature for the
// endpoint's region passes; with them the signature is recomputed.
var signatureRules = []rule[*sigCheck]{
	newRule("signature-present", func(sc *sigCheck) *apiError {
		if sc.auth == "" {
			// Catalogue 1.1: unsigned admin call is INFERRED to be
			// MissingAuthenticationToken, 403 per the common-errors page.
			return &apiError{Code: "MissingAuthenticationToken", Message: "Missing Authentication Token", Status: http.StatusForbidden}
		}
		return nil
	}),
	newRule("signature-well-formed", func(sc *sigCheck) *apiError {
		var ok bool
		if sc.h, ok = parseSigV4(sc.auth); !ok {
			return newErr("IncompleteSignatureException", "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=%s", sc.auth)
		}
		return nil
	}),
	signingRegionMatches,
	newRule("signing-date-present", func(sc *sigCheck) *apiError {
		var err error
		if sc.at, err = time.Parse("20060102T150405Z", sc.c.r.Header.Get("X-Amz-Date")); err != nil {
			return newErr("IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=%s", sc.auth)
		}
		return nil
	}),
	newRule("access-key-known", func(sc *sigCheck) *apiError {
		if sc.c.s.verifySig && sc.h.accessKeyID != sc.c.s.accessKeyID {
			return newErr("UnrecognizedClientException", "The security token included in the request is invalid.") // M14
		}
		return nil
	}),
	newRule("signature-matches", func(sc *sigCheck) *apiError {
		if !sc.c.s.verifySig {
			return nil
		}
		return sc.c.s.verifySignature(sc.c.r, sc.c.body, sc.h, sc.at)
	}),
}

// checkSigV4 authenticates an IAM-authorized operation (signatureRules).
func checkSigV4(c *call) *apiError {
	return checkRules(c.s, &sigCheck{c: c, auth: c.r.Header.Get("Authorization")}, signatureRules)
}

// verifySignature recomputes the signature with the SDK's own signer over
// exactly the headers the client said it signed, so SDK-added headers such as
// Amz-Sdk-Invocation-Id are covered when (and only when) they were signed.
func (s *Server) verifySignature(r *http.Request, body []byte, h sigV4Header, signingTime time.Time) *apiError {
	cp, err := http.NewRequestWithContext(context.Background(), r.Method, "http://"+r.Host+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		return errInternal("internal error")
	}
	cp.Host = r.Host
	cp.ContentLength = 0
	cp.Header = http.Header{}
	for _, name := range h.signedHeaders {
		switch name {
		case "host":
			continue // taken from cp.Host
		case "content-length":
			// The signer adds content-length itself from ContentLength.
			cp.ContentLength = int64(len(body))
			continue
		}
		if vals, ok := r.Header[http.CanonicalHeaderKey(name)]; ok {
			cp.Header[http.CanonicalHeaderKey(name)] = vals
		}
	}
	sum := sha256.Sum256(body)
	creds := aws.Credentials{AccessKeyID: s.accessKeyID, SecretAccessKey: s.secretKey}
	if err := s.signer.SignHTTP(context.Background(), creds, cp, hex.EncodeToString(sum[:]), h.service, h.region, signingTime); err != nil {
		return errInternal("internal error")
	}
	want, ok := parseSigV4(cp.Header.Get("Authorization"))
	if !ok || subtle.ConstantTimeCompare([]byte(want.signature), []byte(h.signature)) != 1 {
		return newErr("InvalidSignatureException", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.")
	}
	return nil
}
