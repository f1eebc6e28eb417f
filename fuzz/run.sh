#!/usr/bin/env bash
# Builds every fuzz target and runs each for a bounded time, one after the other.
#
#   fuzz/run.sh SECONDS [TARGET...]      # default targets: markdown text html pipeline
#
# Works on a stable toolchain: cargo-fuzz passes nightly-only `-Z` flags (sanitizer, coverage
# options), which stable rustc accepts under RUSTC_BOOTSTRAP=1. Needs `cargo install
# cargo-fuzz` once. FUZZ_SANITIZER=none builds without AddressSanitizer (faster; the code is
# safe Rust, so ASan mostly guards the C parts of dependencies: libyaml's port is unsafe Rust).
#
# Each target starts from the committed seeds in fuzz/corpus/TARGET (never written to) and a
# working corpus in fuzz/target/work-corpus/TARGET that persists between runs. A crash leaves
# its input in fuzz/artifacts/TARGET/; the script carries on with the other targets, prints
# one line per target (executions, seconds, corpus size, crash or not) and exits 1 if any
# target crashed.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(markdown text html pipeline)
fi
sanitizer=${FUZZ_SANITIZER:-address}
# The pipeline target needs the generator and `docgen check`; without it, build only the
# readers' targets.
features=(--no-default-features)
for target in "${targets[@]}"; do
    if [ "$target" = pipeline ]; then
        features=()
    fi
done

if ! command -v cargo-fuzz >/dev/null; then
    echo "fuzz/run.sh: cargo-fuzz is not installed (cargo install cargo-fuzz)" >&2
    exit 2
fi
export RUSTC_BOOTSTRAP=1

echo "== cargo fuzz build (sanitizer: $sanitizer)"
build_start=$SECONDS
if ! cargo fuzz build -s "$sanitizer" "${features[@]}"; then
    echo "fuzz/run.sh: build failed" >&2
    exit 2
fi
echo "built in $((SECONDS - build_start)) s"

failed=0
summary=()
for target in "${targets[@]}"; do
    work="fuzz/target/work-corpus/$target"
    log="fuzz/target/$target.log"
    mkdir -p "$work" "fuzz/artifacts/$target"
    echo "== $target: ${seconds} s"
    # -timeout: one input taking 10 s is a hang worth reporting; -rss_limit_mb: a page must
    # never need gigabytes; -max_len: pages that exercise every construct fit in 16 KiB.
    cargo fuzz run -s "$sanitizer" "${features[@]}" "$target" "$work" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -dict=fuzz/docgen.dict -print_final_stats=1 >"$log" 2>&1
    status=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    took=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | tail -1)
    corpus=$(find "$work" -type f | wc -l)
    if [ $status -ne 0 ]; then
        failed=1
        crash=$(grep -o 'Test unit written to .*' "$log" | tail -1)
        summary+=("$target: CRASHED after ${runs:-?} runs (exit $status); ${crash:-see $log}")
        tail -40 "$log"
    else
        summary+=("$target: ${runs:-?} runs ${took:-?} s, corpus $corpus files, no crash")
    fi
done

echo "== summary"
printf '%s\n' "${summary[@]}"
exit $failed
