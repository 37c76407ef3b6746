#!/bin/bash
# The GPU engine's measurement (issue 13), in two halves:
#
#   scripts/gpu-bench.sh pack      here (with .NET): publish kit-gpubench self-contained for linux-x64 and pack it,
#                                  with cell1.asc and the NEURON NMDA fixture (gzipped), into .gpubench/
#                                  (git-ignored), checking that it fits in 64 MiB with the repository.
#   scripts/gpu-bench.sh run OUT   on the bare GPU machine (driver only, no .NET, no network): unpack, run the
#                                  benchmark, write OUT/gpu-bench.json and OUT/gpu-bench.log. Builds nothing.
#
# With the device tool: run `scripts/gpu-bench.sh pack` first, then a run with carry [".gpubench"] and the command
# `bash scripts/gpu-bench.sh run $OUT`. Extra arguments after OUT go to kit-gpubench (e.g. --trials 1000,8000).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
pack="$here/.gpubench"
case "${1:-}" in
pack)
    morphology="${MORPHOLOGY:-$here/../shared/morphologies/cell1.asc}"
    [ -f "$morphology" ] || { echo "cell1.asc not found at $morphology (set MORPHOLOGY)" >&2; exit 2; }
    rm -rf "$pack" && mkdir -p "$pack"
    stage="$(mktemp -d)"
    dotnet publish "$here/src/Kit.GpuBench" -c Release -r linux-x64 --self-contained true \
        -p:InvariantGlobalization=true -o "$stage/kit-gpubench" >"$stage/publish.log" \
        || { cat "$stage/publish.log"; exit 1; }
    cp "$morphology" "$stage/kit-gpubench/cell1.asc"
    fixture="${FIXTURE:-$here/../shared/reference/neuron/l5pc_nmda_fixture.p}"
    [ -f "$fixture" ] || { echo "NEURON fixture not found at $fixture (set FIXTURE)" >&2; exit 2; }
    gzip -9c "$fixture" >"$stage/kit-gpubench/l5pc_nmda_fixture.p.gz"
    tar -C "$stage" -czf "$pack/kit-gpubench.tar.gz" kit-gpubench
    rm -rf "$stage"
    bytes=$(stat -c %s "$pack/kit-gpubench.tar.gz")
    echo "packed $pack/kit-gpubench.tar.gz: $((bytes / 1048576)) MiB"
    if [ "$bytes" -gt $((60 * 1048576)) ]; then
        echo "too large for the 64 MiB a GPU machine takes in (with the repository)" >&2
        exit 1
    fi
    ;;
run)
    out="${2:?usage: gpu-bench.sh run OUT [kit-gpubench options]}"
    shift 2
    mkdir -p "$out"
    work="$(mktemp -d)"
    tar -C "$work" -xzf "$pack/kit-gpubench.tar.gz"
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv >"$out/gpu.txt" 2>&1 || true
    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_gcServer=0
    # The engine also resolves libcuda.so.1 itself; the link covers drivers found only through ldconfig's cache.
    # ldconfig may be missing from PATH (/sbin) or absent: no link then, never an exit (set -e, pipefail).
    ldconfig="$(command -v ldconfig || ls /sbin/ldconfig /usr/sbin/ldconfig 2>/dev/null | head -n 1 || true)"
    cuda1=""
    if [ -n "$ldconfig" ]; then
        cuda1="$("$ldconfig" -p 2>/dev/null | awk '/libcuda\.so\.1 / {print $NF; exit}' || true)"
    fi
    if [ -n "$cuda1" ]; then
        mkdir -p "$work/lib" && ln -sf "$cuda1" "$work/lib/libcuda.so"
        export LD_LIBRARY_PATH="$work/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    fi
    set -o pipefail
    gzip -dc "$work/kit-gpubench/l5pc_nmda_fixture.p.gz" >"$work/l5pc_nmda_fixture.p"
    "$work/kit-gpubench/kit-gpubench" --morphology "$work/kit-gpubench/cell1.asc" \
        --fixture "$work/l5pc_nmda_fixture.p" --out "$out/gpu-bench.json" "$@" 2>&1 | tee "$out/gpu-bench.log"
    ;;
*)
    echo "usage: scripts/gpu-bench.sh pack | run OUT [options]" >&2
    exit 2
    ;;
esac
