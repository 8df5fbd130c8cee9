#!/usr/bin/env bash
# What `make test` needs beyond Go: headless Chromium (the HTML report check) and the clients of
# features/clients.feature (the AWS CLI, boto3, amazon-cognito-identity-js from npm). Installs Debian's packages when they are missing
# and apt-get can run as root; otherwise says what is missing, and the tests that need it skip
# with that reason (CI sets COGCONF_REQUIRE_CHROMIUM=1, which turns the skip into a failure).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    echo "installing chromium for the HTML report check (once)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "note: no chromium; the HTML report is not checked in a browser (apt-get install chromium)" >&2
  fi
fi
scripts/install-clients.sh || echo "note: the AWS CLI / boto3 could not be installed; client scenarios will be not-applicable" >&2
scripts/install-js-client.sh || echo "note: amazon-cognito-identity-js could not be installed; its client scenarios will be not-applicable" >&2
