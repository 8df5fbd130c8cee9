package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/reference"
	"github.com/cognito-conformance/cognito-conformance/target"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:9230", "listen address (loopback)")
	profile := fs.String("profile", string(reference.ProfileAWS), "aws (follows observed AWS) or documented (follows the documentation)")
	mutation := fs.String("mutation", "", "break one behaviour on purpose (mutation testing); see 'serve -list-mutations'")
	region := fs.String("region", "us-east-1", "region used in pool ids and token issuers")
	list := fs.Bool("list-mutations", false, "list the mutations and exit")
	// The defaults are resolved after parsing: a flag default would print the secret in -h.
	keyID := fs.String("access-key-id", "", "the one access key the target accepts (SigV4 is verified, as on AWS); default $AWS_ACCESS_KEY_ID, else the harness's dummy key")
	secret := fs.String("secret-access-key", "", "its secret key; default $AWS_SECRET_ACCESS_KEY, else the harness's dummy secret")
	anyCreds := fs.Bool("any-credentials", false, "accept any well-formed SigV4 signature instead of verifying it")
	replay := fs.String("replay", "", "serve a recorded cassette (run --record DIR) instead of the reference")
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if *replay != "" {
		return serveReplay(ctx, *replay, *addr, stdout, stderr)
	}
	if *keyID == "" {
		*keyID, *secret = envOr(getenv, "AWS_ACCESS_KEY_ID", target.DummyAccessKeyID), envOr(getenv, "AWS_SECRET_ACCESS_KEY", target.DummySecretKey)
	}
	if *list {
		for _, m := range reference.Mutations() {
			fmt.Fprintf(stdout, "%-40s %-12v %s\n", m.Name, m.Breaks, m.Description)
		}
		return exitOK
	}
	if *profile != string(reference.ProfileAWS) && *profile != string(reference.ProfileDocumented) {
		return fail(stderr, fmt.Errorf("unknown profile %q (use aws or documented)", *profile))
	}
	if err := reference.ValidateMutation(*mutation); err != nil {
		return fail(stderr, err)
	}
	opts := []reference.Option{reference.WithProfile(reference.Profile(*profile)), reference.WithRegion(*region),
		reference.WithMutation(*mutation)}
	if !*anyCreds {
		opts = append(opts, reference.WithCredentials(*keyID, *secret))
	}
	srv := reference.New(opts...)
	url, err := srv.Start(*addr)
	if err != nil {
		return fail(stderr, fmt.Errorf("listening on %s: %w", *addr, err))
	}
	fmt.Fprintf(stdout, "cognito-conformance %s reference target (profile %s", conformance.Version, *profile)
	if *mutation != "" {
		fmt.Fprintf(stdout, ", mutation %s", *mutation)
	}
	fmt.Fprintf(stdout, ") listening on %s\n", url)
	if *anyCreds {
		fmt.Fprintln(stdout, "accepting any well-formed SigV4 signature")
	} else {
		fmt.Fprintf(stdout, "verifying SigV4 signatures of access key %s\n", *keyID)
	}
	<-ctx.Done()
	_ = srv.Close(context.Background())
	fmt.Fprintln(stdout, "stopped")
	return exitOK
}

func envOr(getenv func(string) string, name, fallback string) string {
	if v := getenv(name); v != "" {
		return v
	}
	return fallback
}

func versionString() string { return "cognito-conformance " + conformance.Version }
