# Shell functions shared by bench/run.sh and bench/draw.sh. Uses $root, $work and $PG_PORT of the sourcing script.

# Builds the platform and the bench driver (Release); sets $app and $bench.
build_release() {
  echo "== build (Release)"
  dotnet build "$root/src/Qualis" -c Release -nologo -v quiet >/dev/null
  dotnet build "$root/bench/Qualis.Bench" -c Release -nologo -v quiet >/dev/null
  app="$root/src/Qualis/bin/Release/net10.0/Qualis.dll"
  bench="dotnet $root/bench/Qualis.Bench/bin/Release/net10.0/Qualis.Bench.dll"
}

pg() { psql -v ON_ERROR_STOP=1 -q "host=127.0.0.1 port=$PG_PORT user=postgres dbname=$1" "${@:2}"; }

run_sql() { # provider folder sql
  if [ "$1" = Sqlite ]; then sqlite3 -bail "$2/qualis.db" "$3"; else pg bench_app -c "$3"; fi
}

# 20,000 recusals straight into the table (bench data, not audited): every 50th enterprise (in credit-code order on
# PostgreSQL, in row order on SQLite), half a declared conflict with an inspector, half a unit linked to the firm.
recusals_sql() {
  if [ "$1" = Sqlite ]; then cat <<'SQL'
INSERT INTO Recusals (Id, CreditCode, RegionPath, InspectorId, Unit, Reason, DeclaredAt)
SELECT printf('00000000-0000-4000-8000-%012X', e.r), e.CreditCode, e.RegionPath,
       CASE WHEN e.r % 100 = 7 THEN i.Id END, CASE WHEN e.r % 100 = 57 THEN i.Unit END, '基准测试：申报回避或关联单位', '2026-01-05 00:00:00'
FROM (SELECT rowid AS r, CreditCode, RegionPath FROM Enterprises WHERE rowid % 50 = 7) e
JOIN (SELECT Id, Unit, row_number() OVER (ORDER BY CertificateNumber) - 1 AS n FROM Inspectors) i ON i.n = (e.r / 50) % 500;
SQL
  else cat <<'SQL'
INSERT INTO "Recusals" ("Id", "CreditCode", "RegionPath", "InspectorId", "Unit", "Reason", "DeclaredAt")
SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(e.r), 12, '0'))::uuid, e."CreditCode", e."RegionPath",
       CASE WHEN e.r % 100 = 7 THEN i."Id" END, CASE WHEN e.r % 100 = 57 THEN i."Unit" END, '基准测试：申报回避或关联单位', timestamptz '2026-01-05 00:00:00+00'
FROM (SELECT * FROM (SELECT row_number() OVER (ORDER BY "CreditCode") AS r, "CreditCode", "RegionPath" FROM "Enterprises") x WHERE r % 50 = 7) e
JOIN (SELECT "Id", "Unit", row_number() OVER (ORDER BY "CertificateNumber") - 1 AS n FROM "Inspectors") i ON i.n = (e.r / 50) % 500;
SQL
  fi
}

# Credit-risk classes for the directory (the generator leaves every firm at B): A 30%, B 50%, C 15%, D 5%, from the
# 16th and 17th characters of the credit code, the same on both databases.
classes_sql() {
  local c='(ascii(substr("CreditCode", 16, 1)) * 7 + ascii(substr("CreditCode", 17, 1))) % 20'
  [ "$1" = Sqlite ] && c='(unicode(substr("CreditCode", 16, 1)) * 7 + unicode(substr("CreditCode", 17, 1))) % 20'
  echo "UPDATE \"Enterprises\" SET \"CreditClass\" = CASE WHEN $c < 6 THEN 'A' WHEN $c < 16 THEN 'B' WHEN $c < 19 THEN 'C' ELSE 'D' END"
}

# The benchmark's own draws (its two batch names), with their targets, checks, witnesses and archives: bench data, so
# the trail keeps its entries about them.
forget_draws_sql() {
  local draws='SELECT d."Id" FROM "Draws" d JOIN "PlanBatches" b ON b."Id" = d."BatchId" WHERE b."Name" IN ('"'全省 1% 抽取'"', '"'预热：瑶海区'"')'
  local table
  for table in SpotChecks DrawTargets DrawWitnesses DrawArchives; do echo "DELETE FROM \"$table\" WHERE \"DrawId\" IN ($draws);"; done
  echo "DELETE FROM \"Draws\" WHERE \"Id\" IN ($draws);"
  echo 'DELETE FROM "PlanBatches" WHERE "Name" IN ('"'全省 1% 抽取'"', '"'预热：瑶海区'"');'
}

# What officials would otherwise script: ORDER BY random() per stratum (county × credit class), the class's ratio
# (A 0.5%, B 1%, C 1.5%, D 2%) rounded up, closed firms and the manual list excluded, into a table; no inspectors,
# no commitment. Echoes seconds.
baseline() { # provider folder
  local select='SELECT code, county, class FROM (
    SELECT code, county, class, row_number() OVER (PARTITION BY county, class ORDER BY random()) AS rn, count(*) OVER (PARTITION BY county, class) AS n
    FROM (SELECT e."CreditCode" AS code, e."RegionCode" AS county, e."CreditClass" AS class FROM "Enterprises" e
          WHERE e."Status" NOT IN ('"'Deregistered'"', '"'Revoked'"') AND e."CreditCode" NOT IN (SELECT code FROM excluded)) x) r
  WHERE rn <= ceil(n * CASE class WHEN '"'A'"' THEN 0.005 WHEN '"'B'"' THEN 0.01 WHEN '"'C'"' THEN 0.015 ELSE 0.02 END)'
  if [ "$1" = Sqlite ]; then
    # sqlite3 prints its timer only for commands read from standard input.
    printf '%s\n' "CREATE TEMP TABLE excluded(code TEXT PRIMARY KEY);" ".import $work/exclusions.txt excluded" ".timer on" \
      "CREATE TEMP TABLE baseline AS $select;" | sqlite3 -bail "$2/qualis.db" | awk '/Run Time/ {print $4}' | tail -1
  else
    pg bench_app -c "CREATE TEMP TABLE excluded(code text PRIMARY KEY)" -c "\\copy excluded FROM '$work/exclusions.txt'" -c '\timing on' \
      -c "CREATE TEMP TABLE baseline AS $select" | awk '/^Time:/ {print $2 / 1000}' | tail -1
  fi
}

# Starts the platform on a database; waits for /health; echoes its pid. The pages step signs in as every demo role and
# the draw signs in again, more than the sign-in rate limit allows a minute; the notification job stays off so it does
# not run beside a measurement.
start_app() { # provider connection-string port folder
  mkdir -p "$4"
  env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$3" Database__Provider="$1" Database__ConnectionString="$2" \
      Database__MigrateOnStartup=true Database__SeedDemoData=true DataProtection__KeysFolder="$4/keys" Import__Folder="$4/imports" \
      Security__LoginAttemptsPerMinute=1000 Security__ApiCallsPerMinute=100000000 Proxy__KnownProxies=127.0.0.1 Notifications__Enabled=false \
      dotnet "$app" > "$4/app.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$3/health" >/dev/null && { echo $pid; return; }; sleep 1; done
  echo "the platform did not start: $(tail -5 "$4/app.log")" >&2; exit 1
}
