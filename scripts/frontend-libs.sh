#!/usr/bin/env bash
# Copies the front-end libraries from the npm registry into src/Qualis/wwwroot/lib, at the versions below.
# The copies are committed, so running the platform needs only the .NET SDK; run this to change a version.
set -euo pipefail
BOOTSTRAP=5.3.8
ECHARTS=5.6.0
root=$(cd "$(dirname "$0")/.." && pwd)
lib="$root/src/Qualis/wwwroot/lib"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "bootstrap@$BOOTSTRAP" "echarts@$ECHARTS" >/dev/null
rm -rf "$lib" && mkdir -p "$lib/bootstrap" "$lib/echarts"
tar -xzf "bootstrap-$BOOTSTRAP.tgz" && cp package/dist/css/bootstrap.min.css package/dist/js/bootstrap.bundle.min.js package/LICENSE "$lib/bootstrap/" && rm -rf package
tar -xzf "echarts-$ECHARTS.tgz" && cp package/dist/echarts.min.js package/LICENSE "$lib/echarts/" && rm -rf package
printf 'bootstrap %s\necharts %s\n' "$BOOTSTRAP" "$ECHARTS" > "$lib/VERSIONS.txt"
echo "Front-end libraries copied to $lib"
