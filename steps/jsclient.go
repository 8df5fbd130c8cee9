package steps

// The JavaScript client (issue 17): amazon-cognito-identity-js, the library under Amplify and
// most browser apps, signs a user in with USER_SRP_AUTH and answers the TOTP challenge the
// preference set. It is the independent check of a target's SRP: the library's SRP was written
// by AWS against the real service, not by this project. It runs as a Node.js process through
// the same recording proxy as the AWS CLI and boto3 (clients.go), so "the response" is the last
// exchange the library made. scripts/install-js-client.sh installs the pinned version into
// .js-client/; without Node.js or the package, the scenarios are not applicable.

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/tidwall/gjson"
)

// ClientJS is the JavaScript client; scenarios tag it @client-js.
const ClientJS = "amazon-cognito-identity-js"

// jsClientDirEnv names the installed package folder when it is not under .js-client/.
const jsClientDirEnv = "COGCONF_JS_CLIENT_DIR"

//go:embed jsclient.cjs
var jsScript string

func init() { discoverers[ClientJS] = discoverJS }

func (w *World) theJSClientIsInstalled() error { return w.clientIsInstalled(ClientJS) }

// jsModuleDir finds the installed package: $COGCONF_JS_CLIENT_DIR, else .js-client/ in the
// working directory or one of its parents (tests run in package folders).
func jsModuleDir() (string, error) {
	if d := os.Getenv(jsClientDirEnv); d != "" {
		return d, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		cand := filepath.Join(dir, ".js-client", "node_modules", "amazon-cognito-identity-js")
		if _, err := os.Stat(filepath.Join(cand, "package.json")); err == nil {
			return cand, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("amazon-cognito-identity-js is not installed (scripts/install-js-client.sh installs it into .js-client/, or set %s)", jsClientDirEnv)
		}
		dir = parent
	}
}

// discoverJS finds node and the package, and reads both versions.
func discoverJS(ctx context.Context) (ClientInfo, string) {
	info := ClientInfo{Name: ClientJS}
	node, err := exec.LookPath("node")
	if err != nil {
		info.Missing = "Node.js (node) is not on PATH; install Node.js, then scripts/install-js-client.sh"
		return info, ""
	}
	dir, err := jsModuleDir()
	if err != nil {
		info.Missing = err.Error()
		return info, ""
	}
	out, err := cachedProbeOutput(ctx, node, "-e",
		`console.log("amazon-cognito-identity-js/" + require(process.argv[1] + "/package.json").version + " node/" + process.versions.node)`, dir)
	if err != nil {
		info.Missing = fmt.Sprintf("node cannot load %s: %v", dir, err)
		return info, ""
	}
	info.Version = out
	return info, node
}

func (w *World) theClientSignsInWithJS(ctx context.Context) (context.Context, error) {
	if err := w.needUser(); err != nil {
		return ctx, err
	}
	p, err := w.readyClient(ClientJS)
	if err != nil {
		return ctx, err
	}
	dir, err := jsModuleDir()
	if err != nil {
		return ctx, err
	}
	code := ""
	if w.user.TOTPSecret != "" {
		if code, err = w.env.Fixtures.NextTOTPCode(ctx, w.user); err != nil {
			return ctx, w.fixture(err)
		}
	}
	w.learn(w.user.Password)
	env, err := w.processEnv(ctx)
	if err != nil {
		return ctx, err
	}
	label := "js: amazon-cognito-identity-js authenticateUser USER_SRP_AUTH"
	return w.runClient(ctx, p, label, func(endpoint, _ string) (string, clientCall) {
		vars := append(env,
			"COGCONF_JS_CLIENT_MODULE="+dir, "COGCONF_ENDPOINT="+endpoint,
			"COGCONF_USER_POOL_ID="+w.pool.ID, "COGCONF_CLIENT_ID="+w.pool.ClientID,
			"COGCONF_USERNAME="+w.user.Username, "COGCONF_PASSWORD="+w.user.Password, "COGCONF_TOTP_CODE="+code,
		)
		return "node jsclient.cjs (username " + w.user.Username + ")", func(ctx context.Context) (string, string, int, string) {
			return runProcess(ctx, p.path, []string{"-e", jsScript}, vars)
		}
	})
}

// theJSClientAnsweredAndSignedIn checks what the library reported: the challenges it was asked,
// in order, and that it ended with a session.
func (w *World) theJSClientAnsweredAndSignedIn(ctx context.Context, challenge string) error {
	r, err := lastRun(ctx, ClientJS)
	if err != nil {
		return err
	}
	out := strings.TrimSpace(r.stdout)
	if !gjson.Valid(out) || !gjson.Get(out, "signedIn").Exists() {
		return fmt.Errorf("the JavaScript client did not report an outcome\n  %s", r.describe())
	}
	res := gjson.Parse(out)
	var got []string
	_ = json.Unmarshal([]byte(res.Get("challenges").Raw), &got)
	if len(got) != 1 || got[0] != challenge || !res.Get("signedIn").Bool() {
		return w.clientMismatch(r, "challenges and sign-in", fmt.Sprintf("[%s], signed in", challenge),
			fmt.Sprintf("%v, signed in: %v %s", got, res.Get("signedIn").Bool(), res.Get("error").Raw))
	}
	return nil
}
