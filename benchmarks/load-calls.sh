#!/usr/bin/env bash
# Load benchmark of the call path (docs/benchmarks.md): PostgreSQL's own single-row INSERT rate with pgbench,
# then authorise + complete over HTTP against the standalone application on PostgreSQL, many tenants at once;
# prints both rates, their ratio, and p50/p99 latencies.
#
# Environment (defaults): PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres BENCH_DB=ledger_bench TENANTS=200
# CALLS=5000 CONCURRENCY=8 RATE=0 (calls/s, 0 = as fast as possible) PORT=18086 WARMUP=30 (seconds of
# unmeasured calls at full concurrency first, so that the JIT has compiled the hot paths) BATCHES=20 (then
# that many POST .../usage requests of 500 records each, measured apart; 0 skips them)
# MODE=contract (tenants opened, funded and licensed through the contract's paths). The former MODE=stubbed
# (test stand-ins for the credit account and licensing) is gone: the real handlers replaced them.
# FLOOR=n: the HTTP floor is measured twice, n requests each (the first run warms it up); default once, CALLS requests.
# ROUND_TRIPS=false: the ledger does not count its database round trips (on by default here, X-Db-Round-Trips).
# LEDGER_JAVA_OPTS: extra JVM options for the application (e.g. -XX:StartFlightRecording=filename=x.jfr).
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=${BENCH_DB:-ledger_bench}; TENANTS=${TENANTS:-200}; CALLS=${CALLS:-5000}; CONCURRENCY=${CONCURRENCY:-8}
RATE=${RATE:-0}; PORT=${PORT:-18086}; MODE=${MODE:-contract}

mvn -B -q ${MVN_OFFLINE--o} package dependency:build-classpath -pl standalone,benchmarks -am -DskipTests \
    -Dmdep.outputFile=target/bench.classpath
CP="standalone/target/classes:benchmarks/target/classes:$(cat standalone/target/bench.classpath):$(cat benchmarks/target/bench.classpath)"
MAIN=org.commcredits.ledger.apps.StandaloneApplication
[ "$MODE" = contract ] || { echo "MODE=$MODE is not supported (only contract)"; exit 2; }

psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"

echo "== pgbench: single-row INSERT, $CONCURRENCY clients, 15 s"
psql -q -d "$DB" -c "CREATE TABLE pgbench_single_insert (id BIGSERIAL PRIMARY KEY, tenant VARCHAR(64), amount BIGINT, at TIMESTAMP DEFAULT now())"
echo "INSERT INTO pgbench_single_insert (tenant, amount) VALUES ('t', 1);" > target/pgbench-insert.sql
PG_TPS=$(pgbench -n -c "$CONCURRENCY" -j 2 -T 15 -f target/pgbench-insert.sql "$DB" | awk '/^tps/ {print $3; exit}')
echo "pgbench single-row inserts per second: $PG_TPS"
psql -q -d "$DB" -c "DROP TABLE pgbench_single_insert"

echo "== pgbench: multi-row INSERT of 500 rows shaped like the ledger's events, $CONCURRENCY clients, 15 s"
# The columns and unique indexes of domain_event_entry; a row as large as an appended call event (payload 600 bytes
# of JSON, meta-data 105: the averages of FundsConsumed and CallCompleted, which a usage record appends).
psql -q -d "$DB" -c "CREATE TABLE pgbench_event_rows (global_index BIGSERIAL PRIMARY KEY, event_identifier VARCHAR(255) NOT NULL UNIQUE,
  meta_data BYTEA, payload BYTEA NOT NULL, payload_revision VARCHAR(255), payload_type VARCHAR(255) NOT NULL,
  time_stamp VARCHAR(255) NOT NULL, aggregate_identifier VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL,
  type VARCHAR(255), UNIQUE (aggregate_identifier, sequence_number))"
python3 - > target/pgbench-event-rows.sql <<'PY'
payload = '{"tenantId":"bench-1","callId":"c","amount":{"minor":159,"currency":"USD"},' + '"x":"' + 'y' * 520 + '"}'
meta = '{"traceId":"' + '0' * 36 + '","correlationId":"' + '0' * 36 + '"}'
row = ("(gen_random_uuid()::text, convert_to('%s', 'UTF8'), convert_to('%s', 'UTF8'), NULL, "
       "'org.commcredits.ledger.api.creditaccount.FundsConsumed', '2026-12-08T00:00:00.000Z', "
       "'bench-1/call/' || gen_random_uuid()::text, 0, 'Call')") % (meta, payload)
print("INSERT INTO pgbench_event_rows (event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp, "
      "aggregate_identifier, sequence_number, type) VALUES " + ", ".join([row] * 500) + ";")
PY
PG_ROWS_TPS=$(pgbench -n -c "$CONCURRENCY" -j 2 -T 15 -f target/pgbench-event-rows.sql "$DB" | awk '/^tps/ {print $3; exit}')
PG_ROWS=$(awk -v t="$PG_ROWS_TPS" 'BEGIN { printf "%.0f", t * 500 }')
echo "pgbench multi-row INSERT: $PG_ROWS event-shaped rows per second ($PG_ROWS_TPS statements of 500)"
psql -q -d "$DB" -c "DROP TABLE pgbench_event_rows"

echo "== ledger ($MODE) on PostgreSQL, port $PORT"
LOG=target/bench-ledger.log
LEDGER_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" LEDGER_DB_USER=$PGUSER LEDGER_SANDBOX=true PORT=$PORT \
  java -Xmx1g -Duser.timezone=UTC -Dlogging.level.root=WARN -Dledger.diagnostics.round-trips=${ROUND_TRIPS:-true} ${LEDGER_JAVA_OPTS:-} -cp "$CP" $MAIN > "$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for i in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break
  sleep 1
  kill -0 $APP 2>/dev/null || { echo "the ledger did not start: see $LOG"; exit 1; }
done
SETUP=contract
OUT=$(java -Dbench.warmup-seconds="${WARMUP:-30}" -Dbench.batches="${BATCHES:-20}" -Dbench.floor-requests="${FLOOR:-0}" -Dbench.app-cpu-file=/proc/$APP/stat -cp "$CP" org.commcredits.ledger.benchmarks.CallLoadBenchmark "http://127.0.0.1:$PORT" "$TENANTS" "$CALLS" \
  "$CONCURRENCY" "$RATE" "$SETUP" docs/sample-rate-card.csv | tee /dev/stderr)
echo "== aggregate cache (hits, misses, entries found stale and reloaded)"
curl -s "http://127.0.0.1:$PORT/actuator/prometheus" | grep '^ledger_aggregate_cache_total' || true
CPS=$(echo "$OUT" | sed -n 's/.*calls_per_second=\([0-9.]*\).*/\1/p')
echo "== summary"
echo "pgbench single-row INSERT/s: $PG_TPS"
echo "completed calls/s:           $CPS"
echo "ratio calls/inserts:         $(awk -v a="$CPS" -v b="$PG_TPS" 'BEGIN { printf "%.3f", a / b }') (the retired target of issue 6)"
echo "pgbench multi-row INSERT rows/s: $PG_ROWS"
BATCH_EVENTS=$(echo "$OUT" | sed -n 's/.*batch_events_per_second=\([0-9.]*\).*/\1/p')
BATCH_RECORDS=$(echo "$OUT" | sed -n 's/.*batch_records_per_second=\([0-9.]*\).*/\1/p')
if [ -n "$BATCH_EVENTS" ]; then
  echo "batch import events/s ÷ multi-row INSERT rows/s: $(awk -v a="$BATCH_EVENTS" -v b="$PG_ROWS" 'BEGIN { printf "%.3f", a / b }') (records/s ÷ rows/s: $(awk -v a="$BATCH_RECORDS" -v b="$PG_ROWS" 'BEGIN { printf "%.3f", a / b }'); target >= 0.3)"
fi
echo "$OUT" | grep -E "^(authorize|complete|application CPU|http floor|calls/s|batch import)"
