# The client driver of the conformance harness (steps/driver.go): ONE python process per run
# serves every boto3 call and every AWS CLI command of the client scenarios, so the interpreter,
# boto3, botocore and awscli are loaded once instead of once per call.
#
# Protocol: JSON lines. Each request on stdin is
#   {"id": N, "client": "boto3", "method": "admin_set_user_mfa_preference", "kwargs": {...}, "endpoint": URL}
#   {"id": N, "client": "cli", "argv": ["cognito-idp", "...", "--endpoint-url", URL, "--region", R]}
# and each answer on stdout is {"id": N, "stdout": "...", "stderr": "...", "exit": 0}: what the
# process of that one call would have printed and its exit status. The first line written is
# {"ready": {"boto3": VERSION or null, "boto3_error": WHY, "awscli": "aws-cli/V Python/V" or null}}.
#
# Credentials, region, retry settings come from the environment the harness gives the process
# (as they came to each process before), so every request is signed and sent exactly as by a
# process of its own. boto3 calls run concurrently (one thread each); AWS CLI commands one at a
# time, because the CLI writes to sys.stdout and sys.stderr.
import contextlib
import io
import json
import os
import re
import sys
import threading
import traceback

try:
    import boto3
    import botocore
    import botocore.session
    from botocore.exceptions import ClientError
    boto3_error = None
except Exception as e:
    boto3, boto3_error = None, "%s: %s" % (type(e).__name__, e)

try:
    import awscli
    from awscli.clidriver import create_clidriver
except Exception:  # the AWS CLI is optional here: the harness then runs the aws executable
    awscli = None

import platform

_out = sys.stdout
_out_lock = threading.Lock()
_cli_lock = threading.Lock()
_session_lock = threading.Lock()
_loader = None


def answer(msg):
    line = json.dumps(msg)
    with _out_lock:
        _out.write(line + "\n")
        _out.flush()


def session():
    """A fresh session per call, as a process of its own would have: its credentials are
    resolved from the environment for this call (botocore's user agent says where they came
    from). Only the loaded service models are shared, which is the costly part."""
    global _loader
    bs = botocore.session.Session()
    with _session_lock:
        if _loader is None:
            _loader = bs.get_component("data_loader")
        else:
            bs.register_component("data_loader", _loader)
    return boto3.session.Session(botocore_session=bs)


def boto3_call(req):
    """What steps/clients_boto3.py printed for one call, as (stdout, stderr, exit)."""
    method = req["method"]
    if not re.fullmatch(r"[a-z][a-z0-9_]*", method):
        return "", "not a client method: %r\n" % method, 1
    client = session().client("cognito-idp", endpoint_url=req["endpoint"], region_name=os.environ["AWS_REGION"])
    try:
        response = getattr(client, method)(**req["kwargs"])
    except ClientError as e:
        name = type(e).__name__
        # A modelled error is raised as client.exceptions.<Code>; any other code is a bare
        # ClientError (which client.exceptions also exposes, hence the first test).
        cls = getattr(client.exceptions, name, None)
        modelled = type(e) is not ClientError and isinstance(cls, type) and isinstance(e, cls)
        err = e.response.get("Error", {})
        out = {"raised": {"class": name, "modelled": modelled,
                          "code": err.get("Code", ""), "message": err.get("Message", "")}}
    except Exception as e:  # parameter validation, connection errors: not a service answer
        out = {"raised": {"class": type(e).__name__, "modelled": False, "code": "", "message": str(e)}}
    else:
        out = {"returned": response}
    return json.dumps(out, default=str, sort_keys=True) + "\n", "", 0


def cli_call(req):
    """What `aws ARGV...` printed, as (stdout, stderr, exit)."""
    out, err = io.StringIO(), io.StringIO()
    with _cli_lock:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                rc = create_clidriver().main(list(req["argv"]))
            except SystemExit as e:
                rc = e.code if isinstance(e.code, int) else 1
    return out.getvalue(), err.getvalue(), rc if rc is not None else 0


def serve(req):
    try:
        if req.get("client") == "cli":
            stdout, stderr, code = cli_call(req)
        else:
            stdout, stderr, code = boto3_call(req)
    except Exception:
        stdout, stderr, code = "", traceback.format_exc(), 1
    answer({"id": req.get("id"), "stdout": stdout, "stderr": stderr, "exit": code})


def main():
    answer({"ready": {
        "boto3": "boto3/%s botocore/%s" % (boto3.__version__, botocore.__version__) if boto3 else None,
        "boto3_error": boto3_error,
        # the start of what `aws --version` prints, to tell whether the aws on PATH is this one
        "awscli": "aws-cli/%s Python/%s" % (awscli.__version__, platform.python_version()) if awscli else None,
    }})
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        req = json.loads(line)
        threading.Thread(target=serve, args=(req,), daemon=True).start()


main()
