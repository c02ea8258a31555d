#!/usr/bin/env bash
# Colour counts: DualAutodiff's colourings against ColPack's best over its orderings, on the same patterns.
#
#   bash Benchmarks/peers/run-colpack.sh [--out DIR]
#
# Installs libcolpack-dev if missing (Debian), exports the patterns DualAutodiff detects
# (dotnet run --project Benchmarks -- --sparse-patterns), builds and runs colpack_peer.cpp on them, and writes
#   DIR/colpack.txt   ColPack's best count per pattern, and every ordering's count
#   DIR/colors.md     the comparison table (also echoed)
# DIR defaults to results/ next to this script.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$HERE/results"
while [ $# -gt 0 ]; do
    case "$1" in
        --out) OUT="$(mkdir -p "$2" && cd "$2" && pwd)"; shift ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

if [ ! -f /usr/include/ColPack/ColPackHeaders.h ]; then
    sudo apt-get install -y libcolpack-dev
fi

mkdir -p "$HERE/build" "$OUT"
PATTERNS="$HERE/build/patterns"
dotnet run -c Release --project "$ROOT/Benchmarks" -- --sparse-patterns "$PATTERNS" > /dev/null
g++ -O2 -std=c++17 -o "$HERE/build/colpack_peer" "$HERE/colpack_peer.cpp" -lColPack
# ColPack 1.0.10 colours bipartite graphs with OpenMP, and its counts then vary from run to run: one thread.
OMP_NUM_THREADS=1 "$HERE/build/colpack_peer" "$PATTERNS"/*.pattern > "$OUT/colpack.txt"

{
    echo "| pattern | kind | DualAutodiff | (ordering) | ColPack best | (ordering) |"
    echo "|---|---|---:|---|---:|---|"
    while read -r name kind ours order; do
        read -r _ _ theirs theirOrder _ < <(grep "^$name " "$OUT/colpack.txt")
        echo "| $name | $kind | $ours | $order | $theirs | $theirOrder |"
    done < "$PATTERNS/dualautodiff-colors.txt"
} | tee "$OUT/colors.md"
