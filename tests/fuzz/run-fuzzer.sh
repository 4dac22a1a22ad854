#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a libFuzzer target for a bounded time on a fresh copy of its seed corpus, so the checked-in
# seeds are never modified. Crashes are written next to the working corpus.
#   run-fuzzer.sh FUZZER SEED_DIR WORK_DIR [libFuzzer options…]
set -eu
fuzzer=$1
seeds=$2
work=$3
shift 3
rm -rf "$work"
mkdir -p "$work"
cp "$seeds"/* "$work"/
exec "$fuzzer" -max_total_time="${FUZZ_SECONDS:-30}" -timeout=10 -rss_limit_mb=2048 \
  -max_len=65536 -error_exitcode=1 -print_final_stats=1 -artifact_prefix="$work-" "$@" "$work"
