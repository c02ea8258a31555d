#!/usr/bin/env bash
# Run the PyTorch and ADOL-C peer benchmarks (see README.md in this folder).
#
#   bash Benchmarks/peers/run-peers.sh [--quick] [--out DIR] [--only WORKLOAD] [--skip-torch] [--skip-adolc]
#
# Installs what is missing (Debian 12: python3-torch, libadolc-dev, g++, libopenblas0-serial),
# builds the ADOL-C peer in build/ (git-ignored), runs both peers and writes
#   DIR/torch.txt, DIR/adolc.txt   lines `workload mode n median_us` (also echoed to stdout)
#   DIR/torch.log, DIR/adolc.log   stderr of the peers: versions, tape statistics, correctness lines
#   DIR/crosscheck.log             PyTorch vs ADOL-C: value, jvp, full gradient and HVP agreement
# DIR defaults to results/ next to this script. --quick measures ~0.03 s per case (about a minute
# in total) instead of >= 0.5 s per case (about 2-3 minutes).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY=/usr/bin/python3          # the system python (python3-torch is a Debian package)
QUICK=()
OUT="$HERE/results"
ONLY=()
RUN_TORCH=1
RUN_ADOLC=1
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=(--quick) ;;
        --out) OUT="$(mkdir -p "$2" && cd "$2" && pwd)"; shift ;;
        --only) ONLY=(--only "$2"); shift ;;
        --skip-torch) RUN_TORCH=0 ;;
        --skip-adolc) RUN_ADOLC=0 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
    shift
done

# ---- install what is missing ----------------------------------------------------------------
# libopenblas0-serial: Debian's torch calls the system libblas.so.3; without an optimised BLAS
# that is the netlib reference BLAS (~9x slower matmuls, which would make the mlp peer unfair).
missing=()
for pkg in python3-torch libadolc-dev g++ libopenblas0-serial; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}" >&2
    SUDO=()
    if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo); fi
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# ---- build the ADOL-C peer ------------------------------------------------------------------
BUILD="$HERE/build"
mkdir -p "$BUILD" "$OUT"
if [ "$RUN_ADOLC" = 1 ]; then
    # -ffp-contract=off: no FMA contraction, so the double (`plain`) path rounds like C# and like the tape
    g++ -O3 -march=native -ffp-contract=off -std=c++17 "$HERE/adolc_peer.cpp" -o "$BUILD/adolc_peer" -ladolc
fi

# ---- run ------------------------------------------------------------------------------------
# The ADOL-C peer runs inside build/ so that any tape file ADOL-C might write (or an .adolcrc it
# would read) stays there.
if [ "$RUN_ADOLC" = 1 ]; then
    echo "== ADOL-C ($(dpkg-query -W -f='${Version}' libadolc-dev))" >&2
    {
        echo "# adolc $(dpkg-query -W -f='${Version}' libadolc-dev), g++ $(g++ -dumpfullversion), $(date -u +%FT%TZ), $(nproc) cores, ${QUICK[*]:-full}"
        (cd "$BUILD" && ./adolc_peer "${QUICK[@]}" "${ONLY[@]}" --vec-out "$BUILD/adolc.vec" 2>&1 >"$OUT/adolc.txt.tmp")
    } >"$OUT/adolc.log"
    mv "$OUT/adolc.txt.tmp" "$OUT/adolc.txt"
    grep -E "^(check|tape)" "$OUT/adolc.log" >&2 || true
    cat "$OUT/adolc.txt"
    if grep -q "ADOL-C" "$OUT/adolc.log"; then
        echo "note: ADOL-C printed messages, see $OUT/adolc.log" >&2
        grep "ADOL-C" "$OUT/adolc.log" >&2 || true
    fi
    if ls "$BUILD"/ADOLC-* >/dev/null 2>&1; then
        echo "note: ADOL-C wrote tape files (buffers too small):" "$BUILD"/ADOLC-* >&2
    fi
fi
if [ "$RUN_TORCH" = 1 ]; then
    echo "== PyTorch" >&2
    {
        echo "# $(date -u +%FT%TZ), $(nproc) cores, ${QUICK[*]:-full}"
        OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$PY" "$HERE/torch_peer.py" "${QUICK[@]}" "${ONLY[@]}" \
            --vec-out "$BUILD/torch.vec" 2>&1 >"$OUT/torch.txt.tmp"
    } >"$OUT/torch.log"
    mv "$OUT/torch.txt.tmp" "$OUT/torch.txt"
    grep -E "^(check|#)" "$OUT/torch.log" >&2 || true
    cat "$OUT/torch.txt"
fi

# ---- cross-check and table ------------------------------------------------------------------
status=0
if [ "$RUN_TORCH" = 1 ] && [ "$RUN_ADOLC" = 1 ]; then
    echo "== PyTorch vs ADOL-C" >&2
    "$PY" "$HERE/compare.py" "$BUILD/torch.vec" "$BUILD/adolc.vec" | tee "$OUT/crosscheck.log" || status=1
fi
echo
"$PY" "$HERE/table.py" "$OUT"/*.txt
exit $status
