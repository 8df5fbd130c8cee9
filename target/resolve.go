package target

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
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

// LoadAWSConfig builds the SDK configuration from the environment getenv gives (nil: the
// process's), never from the process environment behind its back, so that a caller (a test)
// decides everything the run sees.
//
// A target other than AWS never consults the credential chain: a profile with role_arn, SSO or
// credential_process would reach AWS (STS, the SSO portal) or run a program. It uses
// AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY when both are set, else dummy static credentials; its
// region is the target's, else AWS_REGION (or AWS_DEFAULT_REGION), else the profile's, else
// us-east-1; and it reads nothing else (no endpoint, retry or instance-metadata setting: the
// target's endpoint and the run's retry policy are set by the runner).
//
// Real AWS goes through the SDK's standard chain, with the shared files, profile and region
// taken from getenv; the chain's own environment provider still reads the process's AWS_*
// credentials, as on any other AWS client.
func LoadAWSConfig(ctx context.Context, t Target, getenv func(string) string) (aws.Config, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	files := sharedFiles(getenv)
	if !t.RealAWS {
		return emulatorConfig(ctx, t, getenv, files)
	}
	opts := []func(*config.LoadOptions) error{
		config.WithSharedConfigFiles(files.config), config.WithSharedCredentialsFiles(files.credentials),
	}
	if p := getenv("AWS_PROFILE"); p != "" {
		opts = append(opts, config.WithSharedConfigProfile(p))
	}
	if r := firstSet(t.Region, getenv("AWS_REGION"), getenv("AWS_DEFAULT_REGION")); r != "" {
		opts = append(opts, config.WithRegion(r))
	}
	if id, secret := getenv("AWS_ACCESS_KEY_ID"), getenv("AWS_SECRET_ACCESS_KEY"); id != "" && secret != "" {
		opts = append(opts, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(id, secret, getenv("AWS_SESSION_TOKEN"))))
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

// emulatorConfig is the configuration of a target other than AWS: static credentials and a
// region, nothing from the SDK's chains.
func emulatorConfig(ctx context.Context, t Target, getenv func(string) string, files sharedFileNames) (aws.Config, error) {
	creds := credentials.NewStaticCredentialsProvider(DummyAccessKeyID, DummySecretKey, "")
	if id, secret := getenv("AWS_ACCESS_KEY_ID"), getenv("AWS_SECRET_ACCESS_KEY"); id != "" && secret != "" {
		creds = credentials.NewStaticCredentialsProvider(id, secret, getenv("AWS_SESSION_TOKEN"))
	}
	region := firstSet(t.Region, getenv("AWS_REGION"), getenv("AWS_DEFAULT_REGION"))
	if region == "" && len(files.config) > 0 {
		// Only the profile's region is read; its credential settings are never acted on.
		profile := firstSet(getenv("AWS_PROFILE"), "default")
		sc, err := config.LoadSharedConfigProfile(ctx, profile, func(o *config.LoadSharedConfigOptions) {
			o.ConfigFiles, o.CredentialsFiles = files.config, []string{}
		})
		var missing config.SharedConfigProfileNotExistError
		switch {
		case err == nil:
			region = sc.Region
		case errors.As(err, &missing) || errors.Is(err, fs.ErrNotExist):
		default:
			return aws.Config{}, fmt.Errorf("loading AWS configuration: %w", err)
		}
	}
	if region == "" {
		region = "us-east-1"
	}
	return aws.Config{Region: region, Credentials: creds}, nil
}

// sharedFileNames are the SDK's shared configuration and credentials files.
type sharedFileNames struct{ config, credentials []string }

// sharedFiles names the shared files as the SDK does (AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials), from getenv. With no
// home directory and no variable there are none.
func sharedFiles(getenv func(string) string) sharedFileNames {
	home := firstSet(getenv("HOME"), getenv("USERPROFILE"))
	pick := func(variable, name string) []string {
		if f := getenv(variable); f != "" {
			return []string{f}
		}
		if home == "" {
			return []string{}
		}
		return []string{filepath.Join(home, ".aws", name)}
	}
	return sharedFileNames{config: pick("AWS_CONFIG_FILE", "config"), credentials: pick("AWS_SHARED_CREDENTIALS_FILE", "credentials")}
}

func firstSet(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
