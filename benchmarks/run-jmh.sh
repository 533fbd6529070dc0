#!/usr/bin/env bash
# Runs the JMH micro-benchmarks (not part of `mvn verify`, which only compiles them).
# Usage: benchmarks/run-jmh.sh [JMH options], e.g. benchmarks/run-jmh.sh -f 1 -wi 3 -i 3 -w 2s -r 2s RatingLookup
# Set MVN_OFFLINE= (empty) to let Maven download what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q ${MVN_OFFLINE--o} package dependency:build-classpath -pl benchmarks -am -DskipTests \
    -Dmdep.outputFile=target/jmh.classpath
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/jmh.classpath)" org.openjdk.jmh.Main "$@"
