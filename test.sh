#!/usr/bin/env bash
# The test command. Installs what the tests need (PostgreSQL, Chromium, CJK fonts, Python 3) from Debian packages when
# missing, starts a throwaway PostgreSQL cluster, runs every test project and prints the totals as its last line:
#   N passed, N failed[, N skipped]
set -uo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

"$root/scripts/install-test-deps.sh" || { echo "Could not install the test dependencies."; echo "0 passed, 1 failed"; exit 1; }

# shellcheck source=scripts/throwaway-postgres.sh
source "$root/scripts/throwaway-postgres.sh"
start_throwaway_postgres || { echo "Could not start PostgreSQL."; echo "0 passed, 1 failed"; exit 1; }
trap stop_throwaway_postgres EXIT

echo "== build"
if ! dotnet build "$root/Qualis.slnx" -c Debug -nologo -v quiet; then
  echo "Build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

# Each test app would otherwise watch its settings files for changes: hundreds of apps in one run can use up the
# machine's inotify instances (128 by default) and fail unrelated tests.
export DOTNET_hostBuilder__reloadConfigOnChange=false
# The file providers of the apps that remain still take some; when the machine runs other test processes beside this
# one, 128 ran out (the login page answered 500). Raised for this boot only, and only where we may.
if [ "$(cat /proc/sys/fs/inotify/max_user_instances 2>/dev/null || echo 1024)" -lt 1024 ] && [ -w /proc/sys/fs/inotify/max_user_instances ]; then
  echo 1024 > /proc/sys/fs/inotify/max_user_instances
fi

status=0
for project in tests/Qualis.Tests tests/Qualis.BrowserTests; do
  name=$(basename "$project")
  echo "== $name"
  dotnet test "$root/$project" --no-build -nologo --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" || status=1
  [ -f "$results/$name.trx" ] || { echo "$name produced no results."; status=1; }
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$(get total); p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${total:-0} - ${p:-0} - ${f:-0} - ${e:-0} - ${t:-0} - ${a:-0}))
done
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
[ "$passed" -eq 0 ] && { failed=$((failed + 1)); status=1; }
[ "$failed" -gt 0 ] && status=1
# The failed tests by name with the first lines of their messages, so a run's last screen says what broke.
python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for trx in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    for r in ET.parse(trx).getroot().iterfind(".//t:UnitTestResult", ns):
        if r.get("outcome") in ("Passed", "NotExecuted"): continue
        message = r.findtext("t:Output/t:ErrorInfo/t:Message", "", ns).strip().splitlines()
        print("FAILED", r.get("testName"), "(" + r.get("duration", "") + ")")
        for line in message[:6]: print("    " + line[:300])
PY
echo "Screenshots and results: $root/artifacts"
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
exit $status
