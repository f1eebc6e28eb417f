#!/usr/bin/env bash
# Builds every fuzz target and runs each for a bounded time, one after the other.
#
#   fuzz/run.sh [--fresh] SECONDS [TARGET...]    # default targets: markdown text html pipeline
#
# Needs neither cargo-fuzz nor a nightly toolchain: the targets are built with plain `cargo
# build` and the instrumentation flags cargo-fuzz 0.13 passes (sanitizer coverage, `--cfg
# fuzzing`), which stable rustc accepts; each target is then a libFuzzer binary run directly
# with libFuzzer's flags. Only AddressSanitizer (`FUZZ_SANITIZER=address`) needs a nightly-only
# flag, `-Zsanitizer=address`, which stable rustc takes under RUSTC_BOOTSTRAP=1 (set here).
# The code is safe Rust, so ASan mostly guards dependencies' unsafe code; the default is
# `none` (faster to build, 2-4x the executions). The binaries are what `cargo fuzz build -s
# none` makes, so `cargo fuzz cmin`/`tmin` work on them where cargo-fuzz is installed.
#
# Each target starts from the committed seeds in fuzz/corpus/TARGET (never written to) and a
# working corpus: fuzz/target/work-corpus/TARGET, kept between runs, or with --fresh (CI) a
# temporary folder removed afterwards, so the run starts from the seeds alone. A crash leaves
# its input in fuzz/artifacts/TARGET/; the script carries on with the other targets, prints one
# line per target (executions, seconds, corpus size, crash or not) and exits 1 if any target
# crashed, 2 if the targets could not be built.
set -uo pipefail
cd "$(dirname "$0")/.."

fresh=0
if [ "${1:-}" = --fresh ]; then
    fresh=1
    shift
fi
seconds=${1:?usage: fuzz/run.sh [--fresh] SECONDS [TARGET...]}
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(markdown text html pipeline)
fi
sanitizer=${FUZZ_SANITIZER:-none}
# The pipeline target needs the generator and `docgen check`; without it, build only the
# readers' targets (they then build while docgen-codegen is mid-change).
features=(--no-default-features)
for target in "${targets[@]}"; do
    if [ "$target" = pipeline ]; then
        features=()
    fi
done

triple=$(rustc -vV | sed -n 's/^host: //p')
# cargo-fuzz's flags for a release build (cargo-fuzz 0.13.2, `src/project.rs`), so the binaries
# match what `cargo fuzz build` makes. `--target` keeps them away from build scripts and proc
# macros, which must not be instrumented.
rustflags="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4"
rustflags+=" -Cllvm-args=-sanitizer-coverage-inline-8bit-counters"
rustflags+=" -Cllvm-args=-sanitizer-coverage-pc-table"
rustflags+=" -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing"
rustflags+=" -Cllvm-args=-simplifycfg-branch-fold-threshold=0 -Ccodegen-units=1"
case "$triple" in
*-linux-*) rustflags+=" -Cllvm-args=-sanitizer-coverage-stack-depth" ;;
esac
case "$sanitizer" in
none) ;;
address)
    rustflags+=" -Zsanitizer=address"
    export RUSTC_BOOTSTRAP=1
    export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_odr_violation=0
    ;;
*)
    echo "fuzz/run.sh: FUZZ_SANITIZER must be none or address" >&2
    exit 2
    ;;
esac

echo "== fuzz build ($triple, sanitizer: $sanitizer)"
build_start=$SECONDS
if ! RUSTFLAGS="$rustflags ${RUSTFLAGS:-}" cargo build --manifest-path fuzz/Cargo.toml \
    --release --config 'profile.release.debug="line-tables-only"' --target "$triple" \
    "${features[@]}" --bins; then
    echo "fuzz/run.sh: build failed" >&2
    exit 2
fi
echo "built in $((SECONDS - build_start)) s"
target_dir=${CARGO_TARGET_DIR:-fuzz/target}
bin_dir="$target_dir/$triple/release"

work_root=fuzz/target/work-corpus
if [ $fresh -eq 1 ]; then
    # In memory where there is /dev/shm: removing thousands of small files libFuzzer has just
    # written took 15 s on this project's disk.
    work_root=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
    trap 'rm -rf "$work_root"' EXIT
fi
mkdir -p fuzz/target

# One target: runs it and writes one summary line to fuzz/target/TARGET.summary; the status
# is libFuzzer's (non-zero: a crash, a hang over -timeout or memory over -rss_limit_mb).
fuzz_one() {
    local target=$1 work="$work_root/$1" log="fuzz/target/$1.log" started=$SECONDS
    mkdir -p "$work" "fuzz/artifacts/$target"
    # -timeout: one input taking 10 s is a hang worth reporting; -rss_limit_mb: a page must
    # never need gigabytes; -max_len: pages that exercise every construct fit in 16 KiB.
    "$bin_dir/$target" -artifact_prefix="fuzz/artifacts/$target/" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -dict=fuzz/docgen.dict -print_final_stats=1 "$work" "fuzz/corpus/$target" >"$log" 2>&1
    local status=$?
    local wall=$((SECONDS - started)) runs took corpus
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    took=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | tail -1)
    corpus=$(find "$work" -type f | wc -l)
    if [ $status -ne 0 ]; then
        local crash
        crash=$(grep -o 'Test unit written to .*' "$log" | tail -1)
        echo "$target: CRASHED after ${runs:-?} runs (exit $status); ${crash:-see $log}" \
            >"fuzz/target/$target.summary"
    else
        echo "$target: ${runs:-?} runs ${took:-?} s (${wall} s wall), corpus $corpus files, no crash" \
            >"fuzz/target/$target.summary"
    fi
    return $status
}

# FUZZ_JOBS targets at a time (default 1): each libFuzzer process uses one core, so on two
# cores two targets run in the wall time of one.
jobs=${FUZZ_JOBS:-1}
declare -A pids=()
failed=0
for target in "${targets[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
        wait -n || true
    done
    echo "== $target: ${seconds} s"
    fuzz_one "$target" &
    pids[$target]=$!
done
for target in "${targets[@]}"; do
    if ! wait "${pids[$target]}"; then
        failed=1
        tail -40 "fuzz/target/$target.log"
    fi
done

echo "== summary (build and fuzzing: $SECONDS s)"
for target in "${targets[@]}"; do
    cat "fuzz/target/$target.summary"
done
exit $failed
