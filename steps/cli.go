package steps

// The AWS CLI runner: a documented `aws …` command line, run in the run's python driver through
// awscli.clidriver when the aws on PATH is the awscli that python imports (the same program,
// without a python start per command), else as a process of its own.

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strings"

	"github.com/cucumber/godog"

	"github.com/cognito-conformance/cognito-conformance/redact"
)

// theClientRunsTheAWSCLI runs a documented `aws ...` command line. Placeholders (${AccessToken})
// and the sample's values are filled from the fixtures; the harness appends --endpoint-url and
// --region, and passes the run's credentials in the environment.
func (w *World) theClientRunsTheAWSCLI(ctx context.Context, doc *godog.DocString) (context.Context, error) {
	words, err := shellWords(doc.Content)
	if err != nil {
		return ctx, err
	}
	if len(words) < 3 || words[0] != "aws" {
		return ctx, fmt.Errorf("the command must start with \"aws <service> <command>\", got %q", strings.Join(words, " "))
	}
	args := make([]string, 0, len(words)+4)
	for i, word := range words[1:] {
		if word == "--endpoint-url" || word == "--region" || word == "--profile" {
			return ctx, fmt.Errorf("leave %s out of the command: the harness points the CLI at the target", word)
		}
		v, err := w.expandWord(word)
		if err != nil {
			return ctx, err
		}
		if i > 0 && secretFlag(words[i]) { // words[i] is the word before this one
			w.learn(v)
		}
		args = append(args, v)
	}
	p, err := w.readyClient(ClientAWSCLI)
	if err != nil {
		return ctx, err
	}
	label := "cli: aws " + words[1] + " " + words[2]
	env, err := w.processEnv(ctx)
	if err != nil {
		return ctx, err
	}
	inProcess := w.cliDriver(p)
	return w.runClient(ctx, p, label, func(endpoint, region string) (string, clientCall) {
		argv := append(args, "--endpoint-url", endpoint, "--region", region)
		recorded := shellJoin(append([]string{"aws"}, argv...))
		if inProcess != nil {
			return recorded, driverCall(inProcess, driverRequest{Client: "cli", Argv: argv})
		}
		return recorded, func(ctx context.Context) (string, string, int, string) {
			return runProcess(ctx, p.path, argv, env)
		}
	})
}

// cliDriver returns the run's python driver when it runs the very AWS CLI that `aws` on PATH
// is (same awscli and Python versions, as `aws --version` printed them), else nil.
func (w *World) cliDriver(p *clientProbe) *clientDriver {
	python, err := exec.LookPath("python3")
	if err != nil {
		return nil
	}
	d, err := w.driver(python)
	if err != nil {
		return nil
	}
	ready, err := d.Ready(w.ctx)
	if err != nil || ready.AWSCLI == "" || !strings.HasPrefix(p.info.Version, ready.AWSCLI+" ") {
		return nil
	}
	return d
}

// secretFlag reports whether a CLI option carries a secret: --access-token → AccessToken.
func secretFlag(word string) bool {
	name, ok := strings.CutPrefix(word, "--")
	if !ok {
		return false
	}
	var b strings.Builder
	for _, part := range strings.Split(name, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return redact.SecretFields[b.String()]
}

// expandWord fills ${Placeholders} in one word of a command line and replaces a word that is
// one of the sample's values by the fixture it stands for.
func (w *World) expandWord(word string) (string, error) {
	var firstErr error
	out := placeholderRe.ReplaceAllStringFunc(word, func(m string) string {
		v, err := w.placeholder(m[2 : len(m)-1])
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return v
	})
	if firstErr != nil {
		return "", firstErr
	}
	if v, ok := w.aliases[out]; ok {
		out = v
	}
	return out, nil
}

// shellWords splits a command line the way a POSIX shell splits words, without any expansion:
// blanks separate words; single quotes keep text literally; double quotes keep text but for
// \" \\ \$ \` ; outside quotes a backslash escapes the next character and a backslash-newline
// joins lines (the documentation's multi-line examples).
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case c == '\\':
			if i+1 >= len(rs) {
				return nil, errors.New("the command ends with a lone backslash")
			}
			i++
			if rs[i] == '\n' {
				continue
			}
			cur.WriteRune(rs[i])
			inWord = true
		case c == '\'':
			j := i + 1
			for j < len(rs) && rs[j] != '\'' {
				j++
			}
			if j >= len(rs) {
				return nil, errors.New("the command has an unterminated single quote")
			}
			cur.WriteString(string(rs[i+1 : j]))
			i, inWord = j, true
		case c == '"':
			j := i + 1
			for ; j < len(rs) && rs[j] != '"'; j++ {
				if rs[j] == '\\' && j+1 < len(rs) && strings.ContainsRune("\"\\$`\n", rs[j+1]) {
					j++
					if rs[j] == '\n' {
						continue
					}
				}
				cur.WriteRune(rs[j])
			}
			if j >= len(rs) {
				return nil, errors.New("the command has an unterminated double quote")
			}
			i, inWord = j, true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

var plainWord = regexp.MustCompile(`^[A-Za-z0-9_./:=,@%+-]+$`)

// shellJoin quotes words for display, so a recorded command line can be pasted into a shell.
func shellJoin(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		if plainWord.MatchString(w) {
			out[i] = w
		} else {
			out[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
		}
	}
	return strings.Join(out, " ")
}
