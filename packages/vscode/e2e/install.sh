#!/usr/bin/env bash
# Installs the e2e toolchain (code-server 4.100.3, playwright-core, vsce) into the gitignored cache $E2E_CACHE
# (default <repo>/.e2e). Reused when package.json + lockfile are unchanged. Handles the recipe's pitfalls 1-5.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
CACHE="${E2E_CACHE:-$ROOT/.e2e}"
mkdir -p "$CACHE/tmp"

# 5. kerberos (a code-server native module) compiles from source against libkrb5-dev; chromium drives the UI.
# fonts-noto-color-emoji only makes the screenshots legible (status emoji instead of empty boxes).
if ! command -v chromium >/dev/null 2>&1 || [ ! -e /usr/include/gssapi/gssapi.h ] || [ ! -d /usr/share/fonts/truetype/noto ]; then
  flock /tmp/plansight-apt.lock sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev fonts-noto-color-emoji'
fi

stamp_of() { { cat "$HERE/package.json"; cat "$HERE/package-lock.json" 2>/dev/null || true; } | sha256sum | cut -c1-16; }
stamp="$(stamp_of)"
if [ -x "$CACHE/node_modules/.bin/code-server" ] && [ "$(cat "$CACHE/.stamp" 2>/dev/null)" = "$stamp" ]; then
  exit 0
fi
echo "e2e: installing code-server toolchain into $CACHE (cold: a few minutes)" >&2
cp "$HERE/package.json" "$CACHE/package.json"
[ -f "$HERE/package-lock.json" ] && cp "$HERE/package-lock.json" "$CACHE/package-lock.json"

export TMPDIR="$CACHE/tmp"
# 4. node-gyp must use the installed headers instead of downloading them.
export npm_config_nodedir=/usr
# 3. node-pty's postinstall runs `npx node-gyp`; a user npmrc with yes=false would cancel it.
export npm_config_yes=true
# 2. @vscode/ripgrep@1.15.11 (pinned inside code-server) downloads rg from GitHub unless its cache is seeded.
RGC="$TMPDIR/vscode-ripgrep-cache-1.15.11"; mkdir -p "$RGC"
if [ ! -f "$RGC/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ]; then
  ( cd "$TMPDIR" && npm pack -q @vscode/ripgrep-linux-x64@1.18.0 >/dev/null &&
    tar xzf vscode-ripgrep-linux-x64-1.18.0.tgz package/bin/rg &&
    tar czf "$RGC/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C package/bin rg )
fi
# 1. root needs --unsafe-perm for code-server's postinstall.
cd "$CACHE"
if [ -f package-lock.json ]; then
  npm ci --unsafe-perm --no-fund --no-audit
else
  npm install --unsafe-perm --no-fund --no-audit
  cp package-lock.json "$HERE/package-lock.json"
fi
stamp_of > .stamp
