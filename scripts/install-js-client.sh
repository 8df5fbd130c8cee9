#!/usr/bin/env bash
# Installs the JavaScript client of features/clients.feature: the pinned amazon-cognito-identity-js
# from the npm registry into .js-client/ (git-ignored). Idempotent: nothing is fetched when the
# pinned version is there. Without Node.js the JavaScript client scenarios are not applicable.
set -euo pipefail

VERSION="${COGCONF_JS_CLIENT_VERSION:-6.3.21}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)/.js-client"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "install-js-client: node/npm not found; the JavaScript client scenarios will be not-applicable" >&2
  exit 1
fi
if grep -q "\"version\": \"$VERSION\"" "$ROOT/node_modules/amazon-cognito-identity-js/package.json" 2>/dev/null; then
  exit 0
fi
mkdir -p "$ROOT"
[ -f "$ROOT/package.json" ] || echo '{"name":"cogconf-js-client","private":true}' > "$ROOT/package.json"
echo "installing amazon-cognito-identity-js@$VERSION into $ROOT" >&2
npm install --prefix "$ROOT" --no-audit --no-fund --loglevel=error "amazon-cognito-identity-js@$VERSION" >&2
