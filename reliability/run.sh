#!/usr/bin/env bash
# The full fault harness (docs/reliability.md): packages the applications, then runs every scenario against
# the local PostgreSQL (127.0.0.1:5432, user postgres), including a restart of the PostgreSQL server itself.
# Usage: reliability/run.sh [--rounds N]     (about 4 minutes a round on 2 cores)
# Logs of every started JVM: reliability/target/harness-logs/. Exit status 0 only if every scenario passed.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q ${MVN_OFFLINE--o} package -DskipTests -pl reliability -am dependency:build-classpath \
    -Dmdep.outputFile=target/harness.classpath -Dmdep.includeScope=runtime
exec timeout "${HARNESS_TIMEOUT:-3600}" java -Dreliability.repo="$PWD" -cp "reliability/target/classes:$(cat reliability/target/harness.classpath)" \
    org.commcredits.ledger.reliability.FaultHarness --full "$@"
