package main

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/cognito-conformance/cognito-conformance/target"
)

// TestSweepReportsEachPoolItCouldNotDelete: one line per failed pool on stderr, exit 2, and
// the pools it could delete are still deleted and listed.
func TestSweepReportsEachPoolItCouldNotDelete(t *testing.T) {
	t.Parallel()
	ref := newRef(t)
	url := loopback(t, failOperation(ref, "DeleteUserPool", 400, `{"__type":"InvalidParameterException","message":"scripted refusal"}`))
	api := cip.New(cip.Options{BaseEndpoint: aws.String(url), Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(target.DummyAccessKeyID, target.DummySecretKey, "")})
	for _, name := range []string{"cogconf-20260101T000000-aaaa-optional", "cogconf-20260101T000000-aaaa-on"} {
		if _, err := api.CreateUserPool(context.Background(), &cip.CreateUserPoolInput{PoolName: aws.String(name)}); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := run(t, "sweep", "--endpoint", url, "--older-than", "0")
	if code != exitSetup {
		t.Fatalf("exit %d, want %d\n%s%s", code, exitSetup, out, errOut)
	}
	for _, name := range []string{"cogconf-20260101T000000-aaaa-optional", "cogconf-20260101T000000-aaaa-on"} {
		if n := strings.Count(errOut, "deleting "+name+" "); n != 1 {
			t.Errorf("stderr names %s %d times, want once:\n%s", name, n, errOut)
		}
	}
	if !strings.Contains(out, "deleted 0 ") || !strings.Contains(errOut, "could not delete 2 pools") {
		t.Errorf("stdout:\n%sstderr:\n%s", out, errOut)
	}
}

// TestSweepDryRunSaysWhyEachPoolIsKept lists the pools a sweep would keep, each with its age.
func TestSweepDryRunSaysWhyEachPoolIsKept(t *testing.T) {
	t.Parallel()
	ref := newRef(t)
	url := loopback(t, ref)
	api := cip.New(cip.Options{BaseEndpoint: aws.String(url), Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(target.DummyAccessKeyID, target.DummySecretKey, "")})
	if _, err := api.CreateUserPool(context.Background(), &cip.CreateUserPoolInput{PoolName: aws.String("cogconf-20260101T000000-aaaa-on")}); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "sweep", "--endpoint", url, "--dry-run")
	if code != exitOK || !strings.Contains(out, "would keep cogconf-20260101T000000-aaaa-on (") ||
		!strings.Contains(out, "younger than 1h (created ") ||
		!strings.Contains(out, "kept 1 pool younger than 1h; --older-than 0 deletes it") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if len(ref.PoolNames()) != 1 {
		t.Fatal("a dry run deleted a pool")
	}
}
