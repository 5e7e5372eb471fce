#!/bin/sh
# Makes sure the browser tests and Lighthouse have a Chromium before they start.
#
# Playwright cannot download its own browser on machines that reach only the npm registry and
# Debian's packages, so on Debian the tests use Debian's chromium and, where installed, its
# chromium-headless-shell (see tests/support/chromium.ts). What is missing is installed once with
# apt-get when this user may install packages; without the headless shell the tests still run, slower.
set -eu

if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] && exit 0
  echo "CHROMIUM_PATH is set to $CHROMIUM_PATH, which is not a program. Fix or unset it." >&2
  exit 1
fi
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromium-headless-shell ] && exit 0
# A browser Playwright downloaded itself, on machines that can (npx playwright install chromium).
if [ ! -x /usr/bin/chromium ]; then
  ls -d "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium-* >/dev/null 2>&1 && exit 0
fi

if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    as_root=''
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root='sudo'
  else
    as_root='none'
  fi
  if [ "$as_root" != none ]; then
    echo "Installing Debian's chromium and chromium-headless-shell for the browser tests, once (apt-get)..." >&2
    # Through env: sudo drops the caller's environment, and apt must not stop to ask questions.
    if $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-headless-shell >/dev/null; then
      [ -x /usr/bin/chromium ] && exit 0
      echo "apt-get installed chromium, but /usr/bin/chromium is missing; set CHROMIUM_PATH to the program." >&2
      exit 1
    fi
  fi
fi
[ -x /usr/bin/chromium ] && exit 0

echo "The browser tests need Chromium, and none was found. Install one of:" >&2
echo "  - Debian: sudo apt-get install -y chromium chromium-headless-shell" >&2
echo "  - elsewhere: npx playwright install chromium" >&2
echo "or set CHROMIUM_PATH to a Chromium or Chrome program." >&2
exit 1
