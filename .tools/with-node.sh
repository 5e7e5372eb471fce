#!/bin/sh
# Runs a command on a Node.js new enough for Astro 7 (22.12 or newer).
#
# The package scripts start here, so `npm install && npm start` and `npm test` work on a machine whose
# own Node is older (Debian's is 20): the first time, the Node pinned in .tools/package.json is
# installed from the npm registry into .tools/node_modules (about 30 MB, a few seconds) and put first
# on PATH for the command. With a current Node already on PATH this only checks its version.
set -eu

tools_dir=$(cd "$(dirname "$0")" && pwd)

node_is_current() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 22 || (major === 22 && minor >= 12) ? 0 : 1)'
}

if ! node_is_current; then
  if [ ! -x "$tools_dir/node_modules/.bin/node" ]; then
    if [ "$(uname -sm)" != 'Linux x86_64' ]; then
      echo "Node.js $(node --version 2>/dev/null || echo 'is missing and') is too old for this site: install Node.js 22.12 or newer (see .nvmrc), then try again." >&2
      exit 1
    fi
    echo "Node.js $(node --version 2>/dev/null || echo 'is missing and') is too old for this site (it needs 22.12 or newer)." >&2
    echo "Installing the Node.js pinned in .tools/ from the npm registry, once..." >&2
    npm ci --prefix "$tools_dir" --no-audit --no-fund --loglevel=error >&2
  fi
  PATH="$tools_dir/node_modules/.bin:$PATH"
  export PATH
fi

exec "$@"
