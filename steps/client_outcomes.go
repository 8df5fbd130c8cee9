package steps

// Then steps about a client program's own outcome (exit status, output, what boto3 returned).

import (
	"context"
	"fmt"
	"strings"

	"github.com/tidwall/gjson"
)

func (r *clientRun) describe() string {
	return fmt.Sprintf("command: %s\n  exit status: %d\n  stdout: %s\n  stderr: %s",
		r.command, r.exit, quoteOutput(r.stdout), quoteOutput(r.stderr))
}

func quoteOutput(s string) string {
	s = strings.TrimSpace(structural.String(s)) // mask JWTs before cutting, as summary does
	if len(s) > 600 {
		s = s[:600] + "…"
	}
	if s == "" {
		return "(nothing)"
	}
	return fmt.Sprintf("%q", s)
}

func (w *World) clientMismatch(r *clientRun, what string, want, got any) error {
	return fmt.Errorf("expected %s %v, got %v\n  %s\n  %s", what, want, got, r.describe(), summary(w.last))
}

func (w *World) theCommandExitsWith(ctx context.Context, want int) error {
	r, err := lastRun(ctx, "")
	if err != nil {
		return err
	}
	if r.exit != want {
		return w.clientMismatch(r, "exit status", want, r.exit)
	}
	return nil
}

func (w *World) theCommandExitsNonZero(ctx context.Context) error {
	r, err := lastRun(ctx, "")
	if err != nil {
		return err
	}
	if r.exit == 0 {
		return w.clientMismatch(r, "exit status", "non-zero", 0)
	}
	return nil
}

func (w *World) theCommandPrintsNothing(ctx context.Context) error {
	r, err := lastRun(ctx, "")
	if err != nil {
		return err
	}
	if strings.TrimSpace(r.stdout) != "" || strings.TrimSpace(r.stderr) != "" {
		return w.clientMismatch(r, "output", "(nothing)", "output")
	}
	return nil
}

// theErrorOutputNames checks that the client's error output names a modelled error code the way
// botocore prints one: "An error occurred (UserNotFoundException) when calling ...".
func (w *World) theErrorOutputNames(ctx context.Context, code string) error {
	r, err := lastRun(ctx, "")
	if err != nil {
		return err
	}
	if !strings.Contains(r.stderr, "("+code+")") {
		return w.clientMismatch(r, "the error output to name", "("+code+")", "no such code")
	}
	return nil
}

// lastBoto3Outcome is the scenario's last boto3 call and what it printed, parsed.
func lastBoto3Outcome(ctx context.Context) (*clientRun, gjson.Result, error) {
	r, err := lastRun(ctx, ClientBoto3)
	if err != nil {
		return nil, gjson.Result{}, err
	}
	out := strings.TrimSpace(r.stdout)
	if r.exit != 0 || !gjson.Valid(out) || (!gjson.Get(out, "returned").Exists() && !gjson.Get(out, "raised").Exists()) {
		return r, gjson.Result{}, fmt.Errorf("the boto3 call did not report an outcome\n  %s", r.describe())
	}
	return r, gjson.Parse(out), nil
}

func (w *World) theCallReturnsOnlyMetadata(ctx context.Context) error {
	r, res, err := lastBoto3Outcome(ctx)
	if err != nil {
		return err
	}
	if raised := res.Get("raised"); raised.Exists() {
		return fmt.Errorf("expected the call to return, it raised %s (%s: %s)\n  %s",
			raised.Get("class").String(), raised.Get("code").String(), raised.Get("message").String(), summary(w.last))
	}
	var keys []string
	res.Get("returned").ForEach(func(k, _ gjson.Result) bool {
		keys = append(keys, k.String())
		return true
	})
	if len(keys) != 1 || keys[0] != "ResponseMetadata" {
		return w.clientMismatch(r, "a dict with keys", "[ResponseMetadata]", "["+strings.Join(keys, ", ")+"]")
	}
	return nil
}

func (w *World) theCallRaises(ctx context.Context, name string) error {
	r, res, err := lastBoto3Outcome(ctx)
	if err != nil {
		return err
	}
	raised := res.Get("raised")
	if !raised.Exists() {
		return w.clientMismatch(r, "the call to raise", "client.exceptions."+name, "a return")
	}
	got := raised.Get("class").String()
	if !raised.Get("modelled").Bool() {
		got += " (not one of client.exceptions)"
	}
	if raised.Get("class").String() != name || !raised.Get("modelled").Bool() {
		return w.clientMismatch(r, "the call to raise", "client.exceptions."+name, got)
	}
	return nil
}
