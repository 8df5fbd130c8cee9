# Runs one boto3 cognito-idp call for the conformance harness (steps/clients.go) and prints
# the outcome as one JSON document on stdout:
#   {"returned": <the response dict>}                       the call returned
#   {"raised": {"class", "modelled", "code", "message"}}    the call raised
# argv[1] is the client method (e.g. admin_set_user_mfa_preference); the keyword arguments
# come as JSON in COGCONF_BOTO3_KWARGS and the endpoint in COGCONF_ENDPOINT. Credentials and
# region come from the standard AWS_* variables the harness sets.
import json
import os
import re
import sys


def main():
    method = sys.argv[1]
    if not re.fullmatch(r"[a-z][a-z0-9_]*", method):
        raise SystemExit("not a client method: %r" % method)
    kwargs = json.loads(os.environ["COGCONF_BOTO3_KWARGS"])

    import boto3
    from botocore.exceptions import ClientError

    client = boto3.client("cognito-idp", endpoint_url=os.environ["COGCONF_ENDPOINT"],
                          region_name=os.environ["AWS_REGION"])
    try:
        response = getattr(client, method)(**kwargs)
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
    json.dump(out, sys.stdout, default=str, sort_keys=True)
    sys.stdout.write("\n")


main()
