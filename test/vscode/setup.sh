#!/usr/bin/env bash
# Installs what `npm run test:vscode` needs to run the extension's integration tests in a REAL VS Code,
# offline (only the npm registry and Debian apt reachable; VS Code desktop cannot be downloaded):
#
#   - Debian packages: chromium (draws the workbench), ripgrep (stands in for the rg binary that
#     @vscode/ripgrep would download from GitHub), libkrb5-dev (headers for code-server's native
#     'kerberos' module, which is built from source because its prebuilt download is on GitHub too);
#   - code-server 4.100.3 from npm (= VS Code 1.100.3: the VS Code server and the Node extension host;
#     the newest code-server whose install accepts node 20) and playwright-core 1.65.1 (drives chromium),
#     into test/vscode/.tools/ (gitignored), a folder with its own package.json, so none of it becomes a
#     dependency of the project.
#
# test/vscode/codeServerShim.js then stands in for the VS Code executable (see its header).
#
# Idempotent: when everything is in place it only checks, in well under a second.
#   FLINKSQL_VSCODE_TOOLS=DIR   install into / use DIR instead of test/vscode/.tools
#   FLINKSQL_VSCODE_SETUP_FORCE=1   reinstall the npm packages even if they look complete
#   (Nothing is done when VSCODE_EXECUTABLE is set or FLINKSQL_TEST_REAL_VSCODE=1: see runTests.ts.)
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_VERSION=1.65.1
# The @vscode/ripgrep that code-server 4.100.3's lib/vscode shrinkwrap pins, and the rg release it fetches.
RIPGREP_PKG_VERSION=1.15.11
RIPGREP_RELEASE=v13.0.0-10

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOOLS="${FLINKSQL_VSCODE_TOOLS:-$HERE/.tools}"
STAMP="$TOOLS/.setup-complete"
WANT_STAMP="code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION node@$(node -p 'process.versions.node.split(".")[0]')" # native modules: per node major
T0=$(date +%s.%N)
elapsed() { awk -v a="${1:-$T0}" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }'; }
say() { echo "[setup:vscode] $*"; }

if [ -n "${VSCODE_EXECUTABLE:-}" ] || [ "${FLINKSQL_TEST_REAL_VSCODE:-}" = 1 ]; then
  say "not needed: the tests run in ${VSCODE_EXECUTABLE:-a VS Code downloaded by @vscode/test-electron}"
  exit 0
fi

# ------------------------------------------------------------------------------------------------ 1. Debian packages
if ! command -v dpkg-query >/dev/null; then
  say "ERROR: this setup is for Debian/Ubuntu (apt). Elsewhere, run the tests in VS Code desktop:" >&2
  say "  FLINKSQL_TEST_REAL_VSCODE=1 npm run test:vscode   (or VSCODE_EXECUTABLE=/path/to/code)" >&2
  exit 1
fi
DEBS=(chromium ripgrep libkrb5-dev)
missing=()
for deb in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q 'install ok installed' || missing+=("$deb")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    t=$(date +%s.%N)
    say "apt-get install ${missing[*]} …"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    say "Debian packages installed in $(elapsed "$t")"
  else
    say "ERROR: missing Debian packages: ${missing[*]}" >&2
    say "  Install them as root:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# ------------------------------------------------------------------------------------------------ 2. code-server + playwright-core
# Every artefact the run needs, including those that install scripts build or fetch: if one is
# missing, a script did not run (or failed) and the install is redone.
complete() {
  local cs="$TOOLS/node_modules/code-server"
  [ "$(cat "$STAMP" 2>/dev/null)" = "$WANT_STAMP" ] &&
    [ -x "$cs/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] &&
    [ -f "$cs/lib/vscode/node_modules/node-pty/build/Release/pty.node" ] &&
    [ -f "$cs/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] &&
    [ -f "$cs/lib/vscode/out/server-main.js" ] &&
    [ -f "$TOOLS/node_modules/playwright-core/package.json" ]
}

if [ -z "${FLINKSQL_VSCODE_SETUP_FORCE:-}" ] && complete; then
  say "code-server $CODE_SERVER_VERSION and playwright-core $PLAYWRIGHT_VERSION already set up in $TOOLS ($(elapsed))"
  exit 0
fi

# code-server 4.100.3's postinstall refuses any node but 20, and its native modules are built for the
# node that installs them, which must also be the node that runs the tests (the shim starts the server
# with its own node).
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$NODE_MAJOR" != 20 ]; then
  say "ERROR: code-server $CODE_SERVER_VERSION installs and runs only under node 20; this is node $(node --version)." >&2
  say "  Use node 20, or run the tests in VS Code desktop: FLINKSQL_TEST_REAL_VSCODE=1 npm run test:vscode" >&2
  exit 1
fi

t=$(date +%s.%N)
rm -f "$STAMP"
# Start clean: npm does not rerun the install scripts of packages it finds already installed, so a
# half-finished earlier install (interrupted, or a native build that failed) would stay broken.
rm -rf "$TOOLS/node_modules" "$TOOLS/package-lock.json" "$TOOLS/tmp"
mkdir -p "$TOOLS/tmp" "$TOOLS/.rg"
# The tools folder's own package.json. allowScripts approves (npm 11's install-script policy) the
# install scripts of the two packages this project chose: code-server's postinstall (which runs
# `npm install` in lib/vscode and lib/vscode/extensions, where VS Code's native modules are built and
# @vscode/ripgrep fetches rg) and argon2's build. Name-only entries: this machine's npmrc sets
# omit-lockfile-registry-resolved, and npm refuses a pinned (name@version) approval whose version it
# cannot read from a lockfile "resolved" URL; the versions are pinned in "dependencies" instead.
cat > "$TOOLS/package.json" <<EOF
{
  "name": "flinksql-vscode-test-tools",
  "private": true,
  "description": "A VS Code (code-server) and a browser driver for test/vscode; installed by test/vscode/setup.sh.",
  "dependencies": {
    "code-server": "$CODE_SERVER_VERSION",
    "playwright-core": "$PLAYWRIGHT_VERSION"
  },
  "allowScripts": {
    "code-server": true,
    "argon2": true
  }
}
EOF

# @vscode/ripgrep's postinstall downloads ripgrep-<release>-<target>.tar.gz from GitHub unless the file is
# already in $TMPDIR/vscode-ripgrep-cache-<its version>/ ("Using cached download"): put Debian's rg there.
# TMPDIR points into the tools folder for the install, so nothing is left in /tmp.
case "$(uname -m)" in
  x86_64) RG_TARGET=x86_64-unknown-linux-musl ;;
  aarch64) RG_TARGET=aarch64-unknown-linux-musl ;;
  *) say "ERROR: no ripgrep target known for $(uname -m)" >&2; exit 1 ;;
esac
RG_CACHE="$TOOLS/tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
mkdir -p "$RG_CACHE"
cp /usr/bin/rg "$TOOLS/.rg/rg"
tar czf "$RG_CACHE/ripgrep-$RIPGREP_RELEASE-$RG_TARGET.tar.gz" -C "$TOOLS/.rg" rg

# npm_config_unsafe_perm=true: code-server's postinstall.sh refuses to run as root under npm unless this
#   variable is "true" (npm 11 warns "Unknown env config unsafe-perm" but passes it through to the script).
# npm_config_yes=true: node-pty's postinstall runs `npx node-gyp …`; with yes=false (this machine's npmrc)
#   npx cancels ("npx canceled due to missing packages and no YES option").
# npm_config_strict_allow_scripts=false: the nested `npm install`s of code-server's postinstall have no
#   allowScripts of their own; npm 11 runs unreviewed install scripts with a notice, unless strict mode
#   (a user's npmrc) turns that into an error. (--allow-scripts / npm_config_allow_scripts cannot be used
#   instead: npm 11 rejects them in a project-scoped install, EALLOWSCRIPTS.)
# --foreground-scripts: the native builds' output goes to the log, for when one fails.
say "npm install code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION into $TOOLS (1–2 minutes; log: $TOOLS/npm-install.log) …"
(
  cd "$TOOLS"
  TMPDIR="$TOOLS/tmp" npm_config_unsafe_perm=true npm_config_yes=true npm_config_strict_allow_scripts=false \
    npm install --foreground-scripts --no-audit --no-fund >npm-install.log 2>&1
) || { tail -40 "$TOOLS/npm-install.log"; say "ERROR: npm install failed (full log: $TOOLS/npm-install.log)" >&2; exit 1; }
say "npm install done in $(elapsed "$t")"

# Check that it works, and that every install script ran.
# XDG_CONFIG_HOME: without it code-server writes ~/.config/code-server/config.yaml.
# (It logs "Wrote default config file" first; the version is the line that starts with a digit.)
version="$(XDG_CONFIG_HOME="$TOOLS/tmp/xdg" "$TOOLS/node_modules/.bin/code-server" --version 2>/dev/null | grep -m1 '^[0-9]' || true)"
say "code-server --version: $version"
case "$version" in "$CODE_SERVER_VERSION "*) ;; *) say "ERROR: expected code-server $CODE_SERVER_VERSION" >&2; exit 1 ;; esac
echo "$WANT_STAMP" >"$STAMP"
if ! complete; then
  rm -f "$STAMP"
  say "ERROR: code-server is installed but some install script did not run (rg, node-pty or spdlog is missing)." >&2
  say "  See $TOOLS/npm-install.log ('install-scripts' lines name any script npm skipped)." >&2
  exit 1
fi
rm -rf "$TOOLS/tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
say "ready in $(elapsed): $(du -sh "$TOOLS" | cut -f1) in $TOOLS"
