#!/usr/bin/env bash
# Plansight VS Code e2e: build + package the extension, install it into code-server 4.100.3 (real VS Code 1.100.3),
# open a scratch copy of vault-template/, drive the workbench with playwright-core on Debian Chromium.
# Pitfalls handled (recipe numbering): 1-5 in install.sh; 6 XDG + --config; 7-9 in driver.js; 10 setsid + kill group.
# ONLY=<regex> runs the matching checks only; E2E_CACHE moves the toolchain cache (default <repo>/.e2e).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
CACHE="${E2E_CACHE:-$ROOT/.e2e}"
W="$CACHE/run-$$"   # one scratch folder per run: several engineers run the suite at once
OUT="$ROOT/packages/vscode/test-output"
PORT="${PLANSIGHT_E2E_PORT:-$((20000 + RANDOM % 20000))}"
started=$(date +%s)

mkdir -p "$CACHE"
flock "$CACHE/.install.lock" "$HERE/install.sh"

# Build every bundle and package the .vsix with the pinned vsce.
( cd "$ROOT" && node esbuild.config.mjs )
( cd "$ROOT/packages/vscode" && "$CACHE/node_modules/.bin/vsce" package --no-dependencies --allow-missing-repository \
    -o "$W.vsix" >/dev/null )

# A fresh scratch workspace: vault-template plus a file the master plan's ownership matrix names.
rm -rf "$W" && mkdir -p "$W"/{tmp,ud/User,ext,ws} "$OUT"
trap 'rm -rf "$W" "$W.vsix"' EXIT
cp -r "$ROOT/vault-template/." "$W/ws/"
rm -rf "$W/ws/.obsidian/plugins"
export TMPDIR="$W/tmp" XDG_CONFIG_HOME="$W/xdg/config" XDG_DATA_HOME="$W/xdg/data" XDG_CACHE_HOME="$W/xdg/cache"
npx --prefix "$ROOT" esbuild "$HERE/expected.ts" --bundle --platform=node --format=cjs --log-level=error \
  --alias:@plansight/core="$ROOT/packages/core/src/index.ts" --outfile="$W/expected.cjs"
node "$W/expected.cjs" "$W/ws" > "$W/expected.json"
node "$ROOT/packages/cli/bin/plansight.cjs" report --json "$W/ws" > "$W/report.json" || true
owned="$(node -e 'const e=require(process.argv[1]); process.stdout.write(e.owned ? e.owned.path : "")' "$W/expected.json")"
foreign="$(node -e 'const e=require(process.argv[1]); process.stdout.write(e.foreignActor || "")' "$W/expected.json")"
# The vault's own .vscode/settings.json names its current actor; the e2e plays another worker to see the warning.
node -e 'const fs=require("fs"),p=process.argv[1];let s={};try{s=JSON.parse(fs.readFileSync(p,"utf8"))}catch{}
s["plansight.currentActor"]=process.argv[2];fs.mkdirSync(require("path").dirname(p),{recursive:true});fs.writeFileSync(p,JSON.stringify(s,null,2))' \
  "$W/ws/.vscode/settings.json" "$foreign"
if [ -n "$owned" ]; then mkdir -p "$W/ws/$(dirname "$owned")" && printf '// owned file for the e2e\n' > "$W/ws/$owned"; fi
# A multi-root workspace whose two folders have the same name (two repositories' docs), each with its own PLAN.md.
mkdir -p "$W/multi/a/docs" "$W/multi/b/docs"
cp "$ROOT/vault-template/Master Plan.md" "$W/multi/a/docs/PLAN.md"
cp "$ROOT/vault-template/Sprint Plan M1.md" "$W/multi/b/docs/PLAN.md"
printf '{ "folders": [{ "path": "a/docs" }, { "path": "b/docs" }] }\n' > "$W/multi/docs.code-workspace"

cat > "$W/ud/User/settings.json" <<JSON
{
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "git.enabled": false,
  "files.simpleDialog.enable": true,
  "files.autoSave": "off",
  "editor.codeLens": true,
  "window.restoreWindows": "none",
  "plansight.currentActor": "$foreign"
}
JSON
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$W/cs-config.yaml"
CS=("$CACHE/node_modules/.bin/code-server" --config "$W/cs-config.yaml" --user-data-dir "$W/ud" --extensions-dir "$W/ext")
"${CS[@]}" --install-extension "$W.vsix" --force > "$W/install-extension.log" 2>&1

setsid "${CS[@]}" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override "$W/ws" > "$W/code-server.log" 2>&1 < /dev/null &
CS_PID=$!
stop() { kill -TERM -- -"$CS_PID" 2>/dev/null || true; sleep 0.5; kill -KILL -- -"$CS_PID" 2>/dev/null || true; }
trap 'stop; cp "$W/code-server.log" "$OUT/code-server.log" 2>/dev/null; rm -rf "$W" "$W.vsix"' EXIT
for _ in $(seq 150); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

set +e
NODE_PATH="$CACHE/node_modules" URL="http://127.0.0.1:$PORT/?folder=$W/ws" WS="$W/ws" OUT="$OUT" UD="$W/ud" \
  MULTI_URL="http://127.0.0.1:$PORT/?workspace=$W/multi/docs.code-workspace" \
  EXPECTED="$W/expected.json" REPORT="$W/report.json" CS_LOG="$W/code-server.log" \
  node "$HERE/driver.js"
rc=$?
set -e
echo "e2e: total $(( $(date +%s) - started )) s (screenshots and code-server.log: $OUT)"
exit $rc
