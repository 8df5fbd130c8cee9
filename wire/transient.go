package wire

import (
	"context"
	"math/rand/v2"
	"time"
)

// Transient reports whether an answer says nothing about the target's conformance because it
// may well be different next time: no HTTP answer at all (refused, reset, timed out), a
// throttling code, InternalErrorException, or a 5xx that carries no modelled client error.
// A 5xx that does carry one (500 with InvalidParameterException) is the target's deliberate
// answer, and so a deviation, not a fault; a 5xx with any other code (a gateway's
// InternalServerErrorException) is a fault. The rules follow the SDK's standard retryer.
func Transient(ex *Exchange) bool {
	if ex == nil {
		return false
	}
	if ex.TransportError != "" {
		return true
	}
	code := ex.ErrorCode()
	switch {
	case ThrottlingCode(code), transientCodes[code]:
		return true
	case ex.Status == 429:
		return code == ""
	case ex.Status >= 500:
		return !ModelledClientError(code) && !NotImplementedCode(code)
	}
	return false
}

// ThrottlingCode reports whether a normalised error code means "slow down". It is the SDK's
// list (aws/retry DefaultThrottleErrorCodes) less LimitExceededException, which Cognito models
// as a client error of its own (too many attempts, too many resources): a behaviour to judge.
func ThrottlingCode(code string) bool { return throttlingCodes[code] }

var throttlingCodes = map[string]bool{
	"Throttling": true, "ThrottlingException": true, "ThrottledException": true, "RequestThrottledException": true,
	"TooManyRequestsException": true, "ProvisionedThroughputExceededException": true, "RequestLimitExceeded": true,
	"BandwidthLimitExceeded": true, "RequestThrottled": true, "SlowDown": true, "PriorRequestNotComplete": true,
}

// transientCodes are server-side faults that any AWS SDK retries.
var transientCodes = map[string]bool{
	"InternalErrorException": true, "InternalFailure": true, "InternalServerError": true, "ServiceUnavailable": true,
	"ServiceUnavailableException": true, "RequestTimeout": true, "RequestTimeoutException": true,
}

// RetryPolicy says how a call whose answer is transient is retried. The zero value is the
// SDK's standard retryer: 3 attempts, exponential back-off with full jitter capped at 20 s.
type RetryPolicy struct {
	// MaxAttempts counts the first attempt; 1 turns retries off. 0 means 3.
	MaxAttempts int
	// Backoff is the wait before attempt n+1 after attempt n failed (n from 1); nil is the
	// SDK's exponential jitter: a random duration in [0, 2^n s), at most 20 s.
	Backoff func(attempt int) time.Duration
	// Transient decides which answers are retried; nil is Transient. Targets whose way of
	// saying "not implemented" looks like a fault (moto's HTML 500) narrow it.
	Transient func(*Exchange) bool
}

// Attempts is the number of attempts the policy allows.
func (p RetryPolicy) Attempts() int {
	if p.MaxAttempts <= 0 {
		return 3
	}
	return p.MaxAttempts
}

func (p RetryPolicy) transient(ex *Exchange) bool {
	if p.Transient != nil {
		return p.Transient(ex)
	}
	return Transient(ex)
}

func (p RetryPolicy) wait(ctx context.Context, attempt int) error {
	d := SDKBackoff(attempt)
	if p.Backoff != nil {
		d = p.Backoff(attempt)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// SDKBackoff is the SDK standard retryer's back-off (aws/retry ExponentialJitterBackoff):
// a random duration in [0, 2^attempt seconds), capped at 20 s.
func SDKBackoff(attempt int) time.Duration {
	limit := time.Duration(1<<min(attempt, 5)) * time.Second
	return min(time.Duration(rand.Int64N(int64(limit))), 20*time.Second)
}
