#!/usr/bin/env bash
# Regenerates PublicAPI.Unshipped.txt of Dual, Reverse and Hvp from the public API analyzer's own diagnostics:
# each file is reset to its header, then the analyzer's code fix for RS0016 ("symbol not part of the declared
# public API") writes every public symbol that PublicAPI.Shipped.txt does not list. Run it after changing or
# merging public API; the diff of the Unshipped files is the API change. Needs only the .NET SDK.
#   bash .ci/update-public-api.sh
set -euo pipefail
cd "$(dirname "$0")/.."

for project in Dual Reverse Hvp; do
    printf '#nullable enable\n' > "$project/PublicAPI.Unshipped.txt"
    # Only the RS0016/RS0017 code fixes run: no source file is changed.
    dotnet format analyzers "$project/$project.csproj" --diagnostics RS0016 RS0017 --severity warn
    echo "$project: $(grep -vc '^#' "$project/PublicAPI.Unshipped.txt") unshipped entries"
done

# dotnet format does not run source generators, so the generated forwarders (Dual/Rules.cs → Dual<T>, Var<T>) are
# added from the build's own RS0016 errors, one project at a time (Dual first: the others build on it).
for project in Dual Reverse Hvp; do
    for _ in 1 2; do
        log=$(dotnet build "$project/$project.csproj" -c Release -nologo -v quiet 2>&1 || true)
        symbols=$(printf '%s\n' "$log" | sed -n "s/.*error RS0016: Symbol '\(.*\)' is not part of the declared public API.*/\1/p" | sort -u)
        [ -n "$symbols" ] || break
        printf '%s\n' "$symbols" >> "$project/PublicAPI.Unshipped.txt"
        echo "$project: $(printf '%s\n' "$symbols" | wc -l) generated entries added"
    done
done

# The build fails on any public API diagnostic left (e.g. RS0017 for a removed shipped symbol, which needs a
# deliberate *REMOVED* line in PublicAPI.Unshipped.txt).
dotnet build Hvp/Hvp.csproj -c Release -nologo -v quiet
git --no-pager diff --stat -- '*/PublicAPI.*.txt' || true
