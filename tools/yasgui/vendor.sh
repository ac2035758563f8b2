#!/usr/bin/env bash
# Refresh the vendored YASGUI/YASQE builds from the npm registry (`make yasgui`).
# Installs the versions pinned in tools/yasgui/package-lock.json into a temporary folder
# (npm ci, no install scripts), copies the built bundles with their licences into the package,
# and records name, version, sha512 integrity (from the lock) and sha256 of every file in VERSION.
# Nothing is fetched at run time: the endpoint and the app serve these files themselves.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=tools/yasgui
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$work/"
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

copy() {  # copy <npm package> <destination folder> <file>...
  local pkg=$1 dest=$2; shift 2
  local src="$work/node_modules/$pkg"
  mkdir -p "$dest"
  for f in "$@"; do cp "$src/$f" "$dest/$(basename "$f")"; done
  cp "$src/LICENSE.txt" "$dest/LICENSE.txt"
  local version integrity
  version=$(node -p "require('$src/package.json').version")
  integrity=$(node -p "require('$work/package-lock.json').packages['node_modules/$pkg'].integrity")
  {
    echo "package: $pkg"
    echo "version: $version"
    echo "license: MIT (LICENSE.txt; bundled third-party notices in *.LICENSE.txt)"
    echo "source: https://registry.npmjs.org/$pkg (npm ci from tools/yasgui/package-lock.json)"
    echo "integrity: $integrity"
    (cd "$dest" && for f in "$@"; do sha256sum "$(basename "$f")"; done)
  } > "$dest/VERSION"
  echo "vendored $pkg $version into $dest"
}

copy @triply/yasgui graph/sparql/static/yasgui build/yasgui.min.js build/yasgui.min.css build/yasgui.min.js.LICENSE.txt
copy @triply/yasqe graph/ui/editor_frontend/vendor build/yasqe.min.js build/yasqe.min.css
