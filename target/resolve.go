package target

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
)

// Environment variables the SDK reads for endpoints (SDK reference guide, "Service-specific
// endpoints") and the project's own opt-in for real AWS.
const (
	EnvEndpointService = "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"
	EnvEndpointAll     = "AWS_ENDPOINT_URL"
	EnvAllowAWS        = "COGNITO_CONFORMANCE_ALLOW_AWS"
)

// DummyAccessKeyID and DummySecretKey are used for loopback targets when no credentials are
// configured: emulators need a signature to parse, not a real key.
const (
	DummyAccessKeyID = "AKIDCONFORMANCETEST"
	DummySecretKey   = "conformance-dummy-secret-key"
)

// ErrRealAWSNotAllowed is returned when a run would reach AWS without the explicit opt-in.
var ErrRealAWSNotAllowed = errors.New("this run would call real AWS; pass --allow-real-aws or set " + EnvAllowAWS + "=1 to allow it")

// Resolve picks the endpoint (flag, then AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, then
// AWS_ENDPOINT_URL, then the named target's default), refuses AWS without the opt-in, and
// returns the target.
func Resolve(name, endpoint string, allowAWS bool, getenv func(string) string) (Target, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	t, err := Builtin(name)
	if err != nil {
		return Target{}, err
	}
	for _, e := range []string{endpoint, getenv(EnvEndpointService), getenv(EnvEndpointAll)} {
		if e != "" {
			if err := CheckEndpoint(e); err != nil {
				return Target{}, err
			}
			t.Endpoint = e
			if t.Name == Reference {
				// An explicit endpoint means a server started elsewhere; it is not ours to start.
				t.Name = Custom
				t.Profile = ""
			}
			break
		}
	}
	if t.Endpoint != "" && IsAWSHost(t.Endpoint) {
		t.RealAWS = true
		t.Name = AWS
	}
	if t.RealAWS && !allowAWS && getenv(EnvAllowAWS) != "1" {
		return Target{}, ErrRealAWSNotAllowed
	}
	return t, nil
}

// LoadAWSConfig builds the SDK configuration through the standard chain (environment, shared
// files, profiles). A target other than AWS never consults the credential chain: a profile
// with role_arn, SSO or credential_process would reach AWS (STS, the SSO portal) or run a
// program. It uses AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY when both are set, else dummy
// static credentials, and never asks instance metadata.
func LoadAWSConfig(ctx context.Context, t Target) (aws.Config, error) {
	return loadAWSConfig(ctx, t, os.Getenv)
}

func loadAWSConfig(ctx context.Context, t Target, getenv func(string) string) (aws.Config, error) {
	opts := []func(*config.LoadOptions) error{}
	if t.Region != "" {
		opts = append(opts, config.WithRegion(t.Region))
	}
	if !t.RealAWS {
		creds := credentials.NewStaticCredentialsProvider(DummyAccessKeyID, DummySecretKey, "")
		if id, secret := getenv("AWS_ACCESS_KEY_ID"), getenv("AWS_SECRET_ACCESS_KEY"); id != "" && secret != "" {
			creds = credentials.NewStaticCredentialsProvider(id, secret, getenv("AWS_SESSION_TOKEN"))
		}
		opts = append(opts, config.WithCredentialsProvider(creds),
			config.WithEC2IMDSClientEnableState(imds.ClientDisabled))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("loading AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	return cfg, nil
}
