#!/bin/sh
# Builds the libFuzzer harnesses and runs one: Fuzz/run.sh TARGET [SECONDS] [libFuzzer options…]
# TARGET is csv, ctf, journal or snapshot. Crashing inputs are written to Fuzz/crashes/TARGET/;
# copy each into Tests/AttendanceStoreTests/Samples/fuzz/TARGET/ once it is fixed, so CI
# replays it (FuzzRegressionTests). See docs/fuzzing.md.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=${1:?usage: Fuzz/run.sh csv|ctf|journal|snapshot [seconds] [libFuzzer options]}
seconds=${2:-600}
[ $# -ge 2 ] && shift 2 || shift 1
cd "$here"
# FUZZ_NO_BUILD=1 runs what was built last (e.g. while the sources are being edited).
if [ -z "${FUZZ_NO_BUILD:-}" ]; then
    swift build -c release --product "fuzz-$target" \
        -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -enable-testing
fi
corpus="$here/corpus/$target"
regressions="$here/../Tests/AttendanceStoreTests/Samples/fuzz/$target"
mkdir -p "$corpus" "$here/crashes/$target"
# New inputs go to corpus/ (the first directory); seeds/ and the kept crashing inputs start it.
dirs="$corpus $here/seeds/$target"
[ -d "$regressions" ] && dirs="$dirs $regressions"
# shellcheck disable=SC2086
exec "$here/.build/release/fuzz-$target" $dirs \
    -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=4096 \
    -artifact_prefix="$here/crashes/$target/" "$@"
