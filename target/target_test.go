package target

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestResolveOrder(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, flag string
		env        map[string]string
		wantName   string
		wantURL    string
	}{
		{"default is the embedded reference", "", nil, Reference, ""},
		{"flag wins", "http://127.0.0.1:1", map[string]string{EnvEndpointService: "http://127.0.0.1:2"}, Custom, "http://127.0.0.1:1"},
		{"service env before global env", "", map[string]string{EnvEndpointService: "http://127.0.0.1:2", EnvEndpointAll: "http://127.0.0.1:3"}, Custom, "http://127.0.0.1:2"},
		{"global env", "", map[string]string{EnvEndpointAll: "http://127.0.0.1:3"}, Custom, "http://127.0.0.1:3"},
	}
	for _, c := range cases {
		got, err := Resolve("", c.flag, false, env(c.env))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got.Name != c.wantName || got.Endpoint != c.wantURL {
			t.Errorf("%s: got %s %q, want %s %q", c.name, got.Name, got.Endpoint, c.wantName, c.wantURL)
		}
	}
}

func TestRealAWSNeedsOptIn(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, endpoint string }{
		{AWS, ""},
		{"", "https://cognito-idp.eu-west-1.amazonaws.com"},
		{"", "https://cognito-idp.eu-west-1.amazonaws.com./"},
	} {
		if _, err := Resolve(c.name, c.endpoint, false, env(nil)); !errors.Is(err, ErrRealAWSNotAllowed) {
			t.Errorf("Resolve(%q,%q) err = %v, want ErrRealAWSNotAllowed", c.name, c.endpoint, err)
		}
		if _, err := Resolve(c.name, c.endpoint, false, env(map[string]string{EnvAllowAWS: "1"})); err != nil {
			t.Errorf("with opt-in: %v", err)
		}
		if tg, err := Resolve(c.name, c.endpoint, true, env(nil)); err != nil || !tg.RealAWS {
			t.Errorf("with flag: %v %+v", err, tg)
		}
	}
}

func TestNamedTargetDefaults(t *testing.T) {
	t.Parallel()
	got, err := Resolve(CognitoLocal, "", false, env(nil))
	if err != nil || got.Endpoint != "http://127.0.0.1:9229" || !got.Quirks.EmailUsernames {
		t.Fatalf("cognito-local = %+v, %v", got, err)
	}
	got, _ = Resolve(CognitoLocal, "http://127.0.0.1:9999", false, env(nil))
	if got.Name != CognitoLocal || got.Endpoint != "http://127.0.0.1:9999" {
		t.Fatalf("override kept name? %+v", got)
	}
	if _, err := Resolve("nope", "", false, env(nil)); err == nil {
		t.Fatal("unknown target accepted")
	}
	if _, err := Resolve("", "http://user:pass@127.0.0.1:9229", false, env(nil)); err == nil {
		t.Fatal("an endpoint with credentials accepted")
	}
	if _, err := Resolve("", "ftp://x", false, env(nil)); err == nil {
		t.Fatal("bad endpoint accepted")
	}
}

// TestEmulatorTargetsNeverConsultTheCredentialChain: a profile whose credential_process would
// run a program (or whose role would call STS) is not touched for a target other than AWS.
func TestEmulatorTargetsNeverConsultTheCredentialChain(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	marker := filepath.Join(dir, "ran")
	cfgFile := filepath.Join(dir, "config")
	_ = os.WriteFile(cfgFile, []byte("[default]\nregion = eu-west-3\ncredential_process = sh -c 'touch "+marker+"; echo {}'\n"), 0o600)
	files := map[string]string{"AWS_CONFIG_FILE": cfgFile, "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "none")}
	cfg, err := LoadAWSConfig(context.Background(), Target{Name: Custom, Endpoint: "http://127.0.0.1:1"}, env(files))
	if err != nil {
		t.Fatal(err)
	}
	creds, err := cfg.Credentials.Retrieve(context.Background())
	if err != nil || creds.AccessKeyID != DummyAccessKeyID {
		t.Fatalf("credentials %v, %v; want the dummy pair", creds.AccessKeyID, err)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("the profile's credential_process ran for an emulator target")
	}
	if cfg.Region != "eu-west-3" {
		t.Fatalf("region %q, want the profile's eu-west-3", cfg.Region)
	}
	cfg, _ = LoadAWSConfig(context.Background(), Target{Name: Custom}, env(map[string]string{
		"AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s"}))
	if creds, _ := cfg.Credentials.Retrieve(context.Background()); creds.AccessKeyID != "AKIDENV" {
		t.Fatalf("environment credentials not used: %v", creds.AccessKeyID)
	}
}

// TestConfigurationComesOnlyFromTheGivenEnvironment: the region and credentials of a run are
// those of the environment the caller gives, whatever the process's own environment holds.
func TestConfigurationComesOnlyFromTheGivenEnvironment(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		target Target
		env    map[string]string
		region string
	}{
		{"nothing set", Target{Name: Custom}, nil, "us-east-1"},
		{"AWS_REGION", Target{Name: Custom}, map[string]string{"AWS_REGION": "ap-south-1", "AWS_DEFAULT_REGION": "eu-north-1"}, "ap-south-1"},
		{"AWS_DEFAULT_REGION", Target{Name: Custom}, map[string]string{"AWS_DEFAULT_REGION": "eu-north-1"}, "eu-north-1"},
		{"the target's region first", Target{Name: Custom, Region: "sa-east-1"}, map[string]string{"AWS_REGION": "ap-south-1"}, "sa-east-1"},
		{"no such profile", Target{Name: Custom}, map[string]string{"AWS_PROFILE": "absent", "AWS_CONFIG_FILE": filepath.Join(t.TempDir(), "none")}, "us-east-1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := LoadAWSConfig(context.Background(), c.target, env(c.env))
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Region != c.region {
				t.Fatalf("region %q, want %q", cfg.Region, c.region)
			}
		})
	}
}

// TestRealAWSReadsTheGivenSharedFiles: for AWS, the profile and its files come from the given
// environment (nothing is called: credentials are only resolved, not used).
func TestRealAWSReadsTheGivenSharedFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfgFile, credFile := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
	_ = os.WriteFile(cfgFile, []byte("[profile conf]\nregion = ca-central-1\n"), 0o600)
	_ = os.WriteFile(credFile, []byte("[conf]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = s\n"), 0o600)
	cfg, err := LoadAWSConfig(context.Background(), Target{Name: AWS, RealAWS: true}, env(map[string]string{
		"AWS_CONFIG_FILE": cfgFile, "AWS_SHARED_CREDENTIALS_FILE": credFile, "AWS_PROFILE": "conf"}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Region != "ca-central-1" {
		t.Fatalf("region %q, want the profile's", cfg.Region)
	}
	if creds, err := cfg.Credentials.Retrieve(context.Background()); err != nil || creds.AccessKeyID != "AKIDPROFILE" {
		t.Fatalf("credentials %q, %v; want the profile's", creds.AccessKeyID, err)
	}
}

// moto answers an operation it lacks and a crash of one it has with the same HTML page: only
// its list of handlers tells them apart.
func TestMotoHTMLPagesMeanMissingOnlyForOperationsMotoLacks(t *testing.T) {
	t.Parallel()
	m, _ := Builtin(Moto)
	for op, missing := range map[string]bool{"AdminSetUserSettings": true, "SetUserSettings": true,
		"AdminSetUserMFAPreference": false, "SetUserMFAPreference": false, "AdminGetUser": false, "GetUser": false} {
		if got := m.Quirks.HTMLMeansMissing(op); got != missing {
			t.Errorf("moto %s: HTMLMeansMissing = %v, want %v", op, got, missing)
		}
		if got := m.Quirks.HTMLMeansCrash(op); got == missing {
			t.Errorf("moto %s: HTMLMeansCrash = %v, want %v", op, got, !missing)
		}
	}
	for _, name := range []string{Reference, CognitoLocal, LocalStack, Custom} {
		tg, _ := Builtin(name)
		if tg.Quirks.HTMLMeansMissing("AdminSetUserSettings") || tg.Quirks.HTMLMeansCrash("AdminSetUserMFAPreference") {
			t.Errorf("%s: an HTML page is neither a gap nor a known crash page", name)
		}
	}
}
