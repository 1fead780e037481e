#!/usr/bin/env bash
# Installs the editors of `npm run test:editors` (test/editors/run.ts) from Debian: neovim (0.7 in
# Debian 12), emacs-nox and elpa-eglot (Emacs 28 with eglot 1.9). Idempotent: when they are installed
# it only checks. Needs root to install; says what to install otherwise.
set -euo pipefail
DEBS=(neovim emacs-nox elpa-eglot)
say() { echo "[setup:editors] $*"; }
if ! command -v dpkg-query >/dev/null; then
  say "not Debian/Ubuntu: install Neovim and Emacs with eglot yourself (the tests need nvim and emacs on the PATH)"
  exit 0
fi
missing=()
for deb in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q 'install ok installed' || missing+=("$deb")
done
if [ ${#missing[@]} -eq 0 ]; then
  say "${DEBS[*]} already installed"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  say "ERROR: missing Debian packages: ${missing[*]}" >&2
  say "  Install them as root:  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
say "apt-get install ${missing[*]} …"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
say "installed ${missing[*]}"
