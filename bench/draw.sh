#!/usr/bin/env bash
# The double-random draw alone, round after round, against the ORDER BY random() baseline (issue 13's goal):
#   bench/draw.sh [ROUNDS] [FOLDER] [PROVIDERS]     (default 5 rounds, a temporary folder, "Sqlite Postgres")
# The first run into FOLDER builds the million-enterprise directory on both databases as bench/run.sh does (imported
# through the platform, 500 inspectors, 20,000 recusals, credit classes); later runs into the same FOLDER reuse it, so a
# change can be measured again in minutes. Each round is `Qualis.Bench draw` (preview, commit, witness, draw) followed by
# the baseline; the last round's draw is then verified by `verify-draw` as a fresh process, on the public one-file
# download and on the archive. Prints one JSON line per round and the medians.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-5}
work=${2:-$(mktemp -d /tmp/qualis-draw-bench.XXXXXX)}
providers=${3:-Sqlite Postgres}
rows=1000000
mkdir -p "$work"
work=$(cd "$work" && pwd)
trap 'kill $(jobs -p) 2>/dev/null || true; stop_throwaway_postgres' EXIT

"$root/scripts/install-test-deps.sh"
command -v sqlite3 >/dev/null || { apt-get install -y -qq sqlite3 >/dev/null; }
# shellcheck source=../scripts/throwaway-postgres.sh
source "$root/scripts/throwaway-postgres.sh"
PG_DIR="$work/pg"
QUALIS_PG_OPTIONS="-c shared_buffers=2GB -c random_page_cost=1.1" start_throwaway_postgres

# shellcheck source=common.sh
source "$root/bench/common.sh"
build_release

if [ ! -f "$work/enterprises.csv" ]; then
  $bench generate --rows "$rows" --out "$work/enterprises.csv.part" >/dev/null && mv "$work/enterprises.csv.part" "$work/enterprises.csv"
  $bench inspectors --count 500 --out "$work/inspectors.csv" >/dev/null
  sed -n '2,101p' "$work/enterprises.csv" | cut -d, -f1 > "$work/exclusions.txt"
fi

median() { python3 -c "import statistics,sys; print(round(statistics.median(float(x) for x in sys.argv[1:]), 3))" "$@"; }

for provider in $providers; do
  dir="$work/$provider"
  if [ "$provider" = Sqlite ]; then cs="Data Source=$dir/qualis.db"; port=5291
  else cs="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=bench_app"; port=5292; fi
  if [ ! -f "$dir/ready" ]; then
    echo "== $provider: the directory, imported through the platform"
    rm -rf "$dir"
    [ "$provider" = Sqlite ] || pg postgres -c "DROP DATABASE IF EXISTS bench_app" -c "CREATE DATABASE bench_app"
    pid=$(start_app "$provider" "$cs" "$port" "$dir")
    $bench import --url "http://127.0.0.1:$port" --file "$work/enterprises.csv" >/dev/null
    $bench import --url "http://127.0.0.1:$port" --file "$work/inspectors.csv" --kind inspectors >/dev/null
    run_sql "$provider" "$dir" "$(recusals_sql "$provider")"
    run_sql "$provider" "$dir" "$(classes_sql "$provider")"
    if [ "$provider" = Sqlite ]; then sqlite3 "$dir/qualis.db" "ANALYZE"; else pg bench_app -c "VACUUM ANALYZE"; fi
    kill "$pid"; wait "$pid" 2>/dev/null || true
    touch "$dir/ready"
  fi

  # Each run starts from the directory as imported: the draws of earlier runs into the folder are forgotten, since each
  # round excludes the firms drawn for the same item in the last 12 months, and draws kept from run to run would shrink
  # the directory and lengthen that exclusion list run after run (19 kept draws: 135,000 fewer eligible).
  run_sql "$provider" "$dir" "$(forget_draws_sql)"
  echo "== $provider: $rounds rounds of the draw and the baseline"
  pid=$(start_app "$provider" "$cs" "$port" "$dir")
  totals=(); baselines=(); previews=()
  for r in $(seq 1 "$rounds"); do
    result=$($bench draw --url "http://127.0.0.1:$port" --exclusions "$work/exclusions.txt")
    seconds=$(baseline "$provider" "$dir")
    echo "{\"round\": $r, \"draw\": $result, \"baseline\": $seconds}" | tee -a "$work/$provider-rounds.jsonl"
    totals+=("$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['total'])" "$result")")
    previews+=("$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['preview'])" "$result")")
    baselines+=("$seconds")
    draw_id=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['drawId'])" "$result")
  done
  rm -rf "$dir/published" && mkdir -p "$dir/published"
  curl -sf -o "$dir/published.zip" "http://127.0.0.1:$port/Public/Draws/$draw_id?handler=Zip"
  python3 -m zipfile -e "$dir/published.zip" "$dir/published"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  timed() { local s e; s=$(date +%s.%N); env Database__Provider="$provider" Database__ConnectionString="$cs" dotnet "$app" verify-draw "$@" > "$dir/verify.txt"; e=$(date +%s.%N); python3 -c "print(round($e - $s, 3))"; }
  public=$(timed "$dir/published"); archive=$(timed "$draw_id")
  echo "{\"provider\": \"$provider\", \"rounds\": $rounds, \"preview\": $(median "${previews[@]}"), \"commitAndDraw\": $(median "${totals[@]}"), \"baseline\": $(median "${baselines[@]}"), \"ratio\": $(python3 -c "print(round($(median "${totals[@]}") / $(median "${baselines[@]}"), 3))"), \"verifyPublic\": $public, \"verifyArchive\": $archive}" | tee -a "$work/summary.jsonl"
done
