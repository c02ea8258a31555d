#!/usr/bin/env bash
# One command for the whole comparison (see the Benchmarks section of README.md):
#
#   bash Benchmarks/run-all.sh [--full-peers] [--repeat R] [--no-plot] [--skip-peers] [-- RUN-PEERS ARGUMENTS]
#
# 1. the peers (Benchmarks/peers/run-peers.sh: installs python3-torch, libadolc-dev, g++, libopenblas0-serial and
#    the Trilinos Sacado packages if missing, builds and runs PyTorch, ADOL-C and Sacado; --quick unless --full-peers;
#    arguments after -- go to it, e.g. -- --repeat 5 --wait-idle or -- --skip-sacado)
#    -> peers/results/{torch,adolc,sacado}.txt
# 2. DualAutodiff's quick mode (--repeat R: R rounds, smallest median per case, as the peers do; default 1, or 3
#    with --full-peers) -> peers/results/dualautodiff.txt, tape statistics, cross-check, targets
# 3. the scaling plot (unless --no-plot) -> results/scaling.{txt,png}
# 4. compare.py on the full vectors of DualAutodiff and ADOL-C (and Sacado), then one Markdown table of all
# Needs the .NET 10 SDK. Run it on a quiet machine: every figure is a ratio measured in this one run.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PY=/usr/bin/python3
PEER_ARGS=(--quick)
EXTRA_PEER_ARGS=()
REPEAT=""
PLOT=1
PEERS=1
while [ $# -gt 0 ]; do
    case "$1" in
        --full-peers) PEER_ARGS=(); REPEAT="${REPEAT:-3}" ;;
        --repeat) REPEAT="$2"; shift ;;
        --no-plot) PLOT=0 ;;
        --skip-peers) PEERS=0 ;;
        --) shift; EXTRA_PEER_ARGS=("$@"); break ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
    shift
done

cd "$ROOT"
status=0
if [ "$PEERS" = 1 ]; then
    echo "== peers: PyTorch, ADOL-C and Sacado" >&2
    bash "$HERE/peers/run-peers.sh" "${PEER_ARGS[@]}" "${EXTRA_PEER_ARGS[@]}" >&2 || status=1
fi

echo "== DualAutodiff: build" >&2
dotnet build "$HERE/DualAutodiff.Benchmarks.csproj" -c Release -v quiet -nologo >&2
echo "== DualAutodiff: quick mode" >&2
dotnet run -c Release --no-build --project "$HERE" -- --quick --repeat "${REPEAT:-1}" || status=1
if [ "$PLOT" = 1 ]; then
    echo "== DualAutodiff: scaling plot" >&2
    dotnet run -c Release --no-build --project "$HERE" -- --plot >&2 || status=1
fi

if [ -f "$HERE/peers/build/adolc.vec" ]; then
    echo "== DualAutodiff vs ADOL-C: full value, jvp, gradient and HVP" >&2
    "$PY" "$HERE/peers/compare.py" "$HERE/peers/build/dualautodiff.vec" "$HERE/peers/build/adolc.vec" || status=1
fi
if [ -f "$HERE/peers/build/sacado.vec" ]; then
    echo "== DualAutodiff vs Sacado: full value, jvp, gradient and HVP" >&2
    "$PY" "$HERE/peers/compare.py" "$HERE/peers/build/dualautodiff.vec" "$HERE/peers/build/sacado.vec" || status=1
fi

echo
echo "### All times (µs, median per call) and ratios"
echo
"$PY" "$HERE/peers/table.py" "$HERE"/peers/results/*.txt
echo
echo "### Summary and targets (the README's tables)"
echo
dotnet run -c Release --no-build --project "$HERE" -- --report
exit $status
