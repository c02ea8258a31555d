#!/usr/bin/env bash
# Run the PyTorch, ADOL-C and Sacado peer benchmarks (see README.md in this folder).
#
#   bash Benchmarks/peers/run-peers.sh [--quick] [--repeat R] [--out DIR] [--only WORKLOAD]
#                                      [--wait-idle] [--priority] [--skip-torch] [--skip-adolc] [--skip-sacado]
#
# Installs what is missing (Debian 12: python3-torch, libadolc-dev, g++, libopenblas0-serial, and for
# Sacado libtrilinos-sacado-dev libtrilinos-kokkos-dev libtrilinos-teuchos-dev libopenmpi-dev pkg-config),
# builds the ADOL-C and Sacado peers in build/ (git-ignored), runs the peers and writes
#   DIR/torch.txt, DIR/adolc.txt, DIR/sacado.txt   lines `workload mode n median_us` (also echoed to stdout)
#   DIR/torch.log, DIR/adolc.log, DIR/sacado.log   stderr of the peers: versions, tape statistics, correctness lines
#   DIR/crosscheck.log             PyTorch vs ADOL-C, Sacado vs ADOL-C, Sacado vs PyTorch (whichever ran):
#                                  value, jvp, full gradient and HVP agreement
# DIR defaults to results/ next to this script. Each case is measured for >= 0.5 s (median of
# batched samples); each peer is run R times (default 3) and the smallest median per case is kept.
# Full run: about 3 minutes. --quick: ~0.03 s per case and R=1, about 30 s.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY=/usr/bin/python3          # the system python (python3-torch is a Debian package)
QUICK=()
OUT="$HERE/results"
WORKLOADS=(rosenbrock logistic mlp advection)
REPEAT=""
RUN_TORCH=1
RUN_ADOLC=1
RUN_SACADO=1
WAIT_IDLE=0
NICE=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=(--quick) ;;
        --repeat) REPEAT="$2"; shift ;;
        --out) OUT="$(mkdir -p "$2" && cd "$2" && pwd)"; shift ;;
        --only) WORKLOADS=("$2"); shift ;;
        --wait-idle) WAIT_IDLE=1 ;;
        --priority) NICE=(nice -n -10) ;;
        --skip-torch) RUN_TORCH=0 ;;
        --skip-adolc) RUN_ADOLC=0 ;;
        --skip-sacado) RUN_SACADO=0 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
    shift
done

if [ -z "$REPEAT" ]; then
    if [ ${#QUICK[@]} -gt 0 ]; then REPEAT=1; else REPEAT=3; fi
fi

# ---- install what is missing ----------------------------------------------------------------
# libopenblas0-serial: Debian's torch calls the system libblas.so.3; without an optimised BLAS
# that is the netlib reference BLAS (~9x slower matmuls, which would make the mlp peer unfair).
# Sacado (Trilinos 13): its headers pull in Teuchos, which needs the Kokkos and MPI headers.
PKGS=(python3-torch libadolc-dev g++ libopenblas0-serial)
if [ "$RUN_SACADO" = 1 ]; then
    PKGS+=(libtrilinos-sacado-dev libtrilinos-kokkos-dev libtrilinos-teuchos-dev libopenmpi-dev pkg-config)
fi
missing=()
for pkg in "${PKGS[@]}"; do
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
if [ "$RUN_SACADO" = 1 ]; then
    # same flags as the ADOL-C peer; Teuchos (included by Sacado.hpp) needs mpi.h
    MPI_FLAGS=($(pkg-config --cflags --libs ompi-cxx 2>/dev/null || echo -I/usr/lib/x86_64-linux-gnu/openmpi/include -lmpi_cxx -lmpi))
    g++ -O3 -march=native -ffp-contract=off -std=c++17 -I/usr/include/trilinos "$HERE/sacado_peer.cpp" \
        -o "$BUILD/sacado_peer" -ltrilinos_sacado -ltrilinos_teuchoscomm -ltrilinos_teuchoscore "${MPI_FLAGS[@]}"
fi

# --wait-idle: before each peer process, wait (at most $WAIT_MAX seconds, default 120) until the
# other processes on the machine leave it >= 90 % idle for 2 s in a row (for shared machines).
idle_pct() {  # idle % of all cores over 1 s, from /proc/stat
    local a b
    a=($(head -1 /proc/stat)); sleep 1; b=($(head -1 /proc/stat))
    local tot=0 i
    for i in 1 2 3 4 5 6 7 8; do tot=$((tot + b[i] - a[i])); done
    echo $(( tot > 0 ? 100 * (b[4] - a[4] + b[5] - a[5]) / tot : 100 ))
}
wait_idle() {
    [ "$WAIT_IDLE" = 1 ] || return 0
    local start=$SECONDS ok=0
    while [ $((SECONDS - start)) -lt "${WAIT_MAX:-120}" ]; do
        if [ "$(idle_pct)" -ge 90 ]; then ok=$((ok + 1)); else ok=0; fi
        [ $ok -ge 2 ] && return 0
    done
    echo "warning: machine still busy after ${WAIT_MAX:-120} s, measuring anyway" >&2
}

# --priority: run the peer processes under `nice -n -10` (root), so that on a machine shared with
# compile jobs the measured process is not time-sliced with them.

# ---- run ------------------------------------------------------------------------------------
# Each peer runs REPEAT times (alternating ADOL-C, Sacado and PyTorch); per case the smallest median
# over the runs is kept (merge_min.py), which filters out runs disturbed by other processes on a
# shared machine. The ADOL-C peer runs inside build/ so that any tape file ADOL-C might write
# (or an .adolcrc it would read) stays there. Logs (stderr) are kept from the first run.
RUNS="$BUILD/runs"
rm -rf "$RUNS"
mkdir -p "$RUNS"
for r in $(seq 1 "$REPEAT"); do
    if [ "$RUN_ADOLC" = 1 ]; then
        echo "== ADOL-C $(dpkg-query -W -f='${Version}' libadolc-dev), run $r/$REPEAT" >&2
        {
            echo "# adolc $(dpkg-query -W -f='${Version}' libadolc-dev), g++ $(g++ -dumpfullversion), $(date -u +%FT%TZ), $(nproc) cores, ${QUICK[*]:-full}, run $r/$REPEAT"
            # one process per workload: ADOL-C's global location store never shrinks, so a big tape
            # (rosenbrock n=100000) would otherwise slow down every later hess_vec call
            : >"$RUNS/adolc.$r.txt"
            : >"$BUILD/adolc.vec"
            for w in "${WORKLOADS[@]}"; do
                wait_idle
                (cd "$BUILD" && "${NICE[@]}" ./adolc_peer "${QUICK[@]}" --only "$w" --vec-out "$BUILD/adolc.$w.vec" 2>&1 >>"$RUNS/adolc.$r.txt")
                cat "$BUILD/adolc.$w.vec" >>"$BUILD/adolc.vec"
            done
        } >"$RUNS/adolc.$r.log"
        cat "$RUNS/adolc.$r.txt" >&2
    fi
    if [ "$RUN_SACADO" = 1 ]; then
        echo "== Sacado $(dpkg-query -W -f='${Version}' libtrilinos-sacado-dev), run $r/$REPEAT" >&2
        {
            echo "# sacado (Trilinos) $(dpkg-query -W -f='${Version}' libtrilinos-sacado-dev), g++ $(g++ -dumpfullversion), $(date -u +%FT%TZ), $(nproc) cores, ${QUICK[*]:-full}, run $r/$REPEAT"
            # one process per workload, like ADOL-C (Rad's global arena keeps the largest tape's blocks)
            : >"$RUNS/sacado.$r.txt"
            : >"$BUILD/sacado.vec"
            for w in "${WORKLOADS[@]}"; do
                wait_idle
                (cd "$BUILD" && "${NICE[@]}" ./sacado_peer "${QUICK[@]}" --only "$w" --vec-out "$BUILD/sacado.$w.vec" 2>&1 >>"$RUNS/sacado.$r.txt")
                cat "$BUILD/sacado.$w.vec" >>"$BUILD/sacado.vec"
            done
        } >"$RUNS/sacado.$r.log"
        cat "$RUNS/sacado.$r.txt" >&2
    fi
    if [ "$RUN_TORCH" = 1 ]; then
        echo "== PyTorch, run $r/$REPEAT" >&2
        {
            echo "# $(date -u +%FT%TZ), $(nproc) cores, ${QUICK[*]:-full}, run $r/$REPEAT"
            : >"$RUNS/torch.$r.txt"
            : >"$BUILD/torch.vec"
            for w in "${WORKLOADS[@]}"; do
                wait_idle
                OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "${NICE[@]}" "$PY" "$HERE/torch_peer.py" "${QUICK[@]}" --only "$w" \
                    --vec-out "$BUILD/torch.$w.vec" 2>&1 >>"$RUNS/torch.$r.txt"
                cat "$BUILD/torch.$w.vec" >>"$BUILD/torch.vec"
            done
        } >"$RUNS/torch.$r.log"
        cat "$RUNS/torch.$r.txt" >&2
    fi
done
for peer in adolc sacado torch; do
    if [ -f "$RUNS/$peer.1.txt" ]; then
        "$PY" "$HERE/merge_min.py" "$RUNS/$peer".*.txt >"$OUT/$peer.txt"
        cp "$RUNS/$peer.1.log" "$OUT/$peer.log"
        grep -E "^(check|tape|#)" "$OUT/$peer.log" >&2 || true
        echo "== $peer (min over $REPEAT run(s)) -> $OUT/$peer.txt"
        cat "$OUT/$peer.txt"
    fi
done
if [ "$RUN_ADOLC" = 1 ]; then
    if grep -q "ADOL-C" "$OUT/adolc.log"; then
        echo "note: ADOL-C printed messages, see $OUT/adolc.log" >&2
        grep "ADOL-C" "$OUT/adolc.log" >&2 || true
    fi
    if ls "$BUILD"/ADOLC-* >/dev/null 2>&1; then
        echo "note: ADOL-C wrote tape files (buffers too small):" "$BUILD"/ADOLC-* >&2
    fi
fi

# ---- cross-check and table ------------------------------------------------------------------
status=0
: >"$OUT/crosscheck.log"
crosscheck() {  # crosscheck LABEL A.vec B.vec
    echo "== $1" | tee -a "$OUT/crosscheck.log" >&2
    "$PY" "$HERE/compare.py" "$2" "$3" | tee -a "$OUT/crosscheck.log" || status=1
}
if [ "$RUN_TORCH" = 1 ] && [ "$RUN_ADOLC" = 1 ]; then
    crosscheck "PyTorch vs ADOL-C" "$BUILD/torch.vec" "$BUILD/adolc.vec"
fi
if [ "$RUN_SACADO" = 1 ] && [ "$RUN_ADOLC" = 1 ]; then
    crosscheck "Sacado vs ADOL-C" "$BUILD/sacado.vec" "$BUILD/adolc.vec"
fi
if [ "$RUN_SACADO" = 1 ] && [ "$RUN_TORCH" = 1 ]; then
    crosscheck "Sacado vs PyTorch" "$BUILD/sacado.vec" "$BUILD/torch.vec"
fi
[ -s "$OUT/crosscheck.log" ] || rm -f "$OUT/crosscheck.log"
echo
"$PY" "$HERE/table.py" "$OUT"/*.txt
exit $status
