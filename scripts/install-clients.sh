#!/usr/bin/env bash
# Installs the clients the client scenarios run (features/clients.feature): the AWS CLI (`aws`)
# and boto3 for python3, from Debian packages (awscli, python3-boto3). Idempotent and quiet: a
# client that already works is left alone, and nothing is fetched when both do. Without them the
# client scenarios are reported not-applicable, never passed.
set -euo pipefail

have_cli() { command -v aws >/dev/null 2>&1 && aws --version >/dev/null 2>&1; }
have_boto3() { command -v python3 >/dev/null 2>&1 && python3 -c 'import boto3, botocore' >/dev/null 2>&1; }

packages=()
have_cli || packages+=(awscli)
have_boto3 || packages+=(python3 python3-boto3)

if [ "${#packages[@]}" -eq 0 ]; then
	exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
	echo "install-clients: apt-get not found; install ${packages[*]} with your package manager" >&2
	exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "install-clients: need root (or sudo) to install ${packages[*]}" >&2
		exit 1
	fi
	sudo=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! "${sudo[@]}" apt-get update -qq >"$log" 2>&1 ||
	! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >>"$log" 2>&1; then
	cat "$log" >&2
	echo "install-clients: installing ${packages[*]} failed" >&2
	exit 1
fi

# A python3 earlier on PATH (pyenv, a virtualenv) may not see Debian's python3-boto3: say so.
if ! have_cli; then
	echo "install-clients: installed awscli but \`aws --version\` still fails" >&2
	exit 1
fi
if ! have_boto3; then
	echo "install-clients: installed python3-boto3 but \`python3 -c 'import boto3'\` fails with $(command -v python3);" \
		"put /usr/bin first on PATH or pip-install boto3 for that interpreter" >&2
	exit 1
fi
