#!/usr/bin/env bash
# The package check: what a .NET user gets from `dotnet add package DualAutodiff`.
#   bash .ci/check-package.sh FEED     (FEED: a folder holding the output of `dotnet pack -c Release -o FEED`)
# 1. The feed holds exactly DualAutodiff.<version>.nupkg and .snupkg, with the three assemblies, their XML docs,
#    the README, the license, the repository and the MathNet.Numerics dependency, and the three PDBs (SourceLink).
# 2. A fresh console project (dotnet new console, outside this repository) adds DualAutodiff from FEED, with its
#    own empty NuGet cache (so no older package of the same version is reused) and the default NuGet source for
#    MathNet.Numerics. Its Program.cs is the README's "Ten lines" block, cut out of README.md now, plus
#    .ci/consumer/Check.cs; it must build and print Rosenbrock's ∇f(−1.2, 1) = (−215.6, −88), ∇f·e₀ = −215.6 and
#    H·e₀ = (1330, 480), H·e₁ = (480, 200) (through the MathNet overload).
# 3. With PACKAGE_CHECK_AOT=1 (by hand; not in CI: it fetches the ILCompiler package and takes minutes), the same
#    consumer is also published trimmed and as native AOT for linux-x64: no warning, and the same output.
# Exit status 0 when everything holds; every failure is printed with "package check:".
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
feed="$(cd "${1:?usage: check-package.sh FEED}" && pwd)"
fail() { echo "package check: $*"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

version=$(dotnet msbuild "$repo/Hvp/Hvp.csproj" -getProperty:PackageVersion -p:Configuration=Release 2>/dev/null | tr -d '[:space:]')
[ -n "$version" ] || fail "could not read PackageVersion from Hvp/Hvp.csproj"
nupkg="$feed/DualAutodiff.$version.nupkg"
snupkg="$feed/DualAutodiff.$version.snupkg"
[ -f "$nupkg" ] || fail "missing $nupkg"
[ -f "$snupkg" ] || fail "missing $snupkg"
others=$(cd "$feed" && ls | grep -vx "DualAutodiff.$version.nupkg" | grep -vx "DualAutodiff.$version.snupkg")
[ -z "$others" ] || fail "dotnet pack made more than the DualAutodiff package: $others"

# 1. Contents and metadata.
listing=$(unzip -Z1 "$nupkg") || fail "$nupkg is not a zip"
symbols=$(unzip -Z1 "$snupkg") || fail "$snupkg is not a zip"
for part in Dual Reverse Hvp; do
    for ext in dll xml; do
        grep -qx "lib/net10.0/DualAutodiff.$part.$ext" <<<"$listing" || fail "no lib/net10.0/DualAutodiff.$part.$ext in the package"
    done
    grep -qx "lib/net10.0/DualAutodiff.$part.pdb" <<<"$symbols" || fail "no DualAutodiff.$part.pdb in the symbols package"
done
grep -qx "README.md" <<<"$listing" || fail "no README.md in the package"
grep -q "^## Ten lines" <<<"$(unzip -p "$nupkg" README.md)" || fail "the package README has no \"Ten lines\""
nuspec=$(unzip -p "$nupkg" DualAutodiff.nuspec)
for want in '<license type="expression">MIT</license>' '<readme>README.md</readme>' '<repository type="git" url="https://' \
            'commit="' '<dependency id="MathNet.Numerics" version="5.0.0"' '<description>' '<tags>'; do
    grep -qF "$want" <<<"$nuspec" || fail "the nuspec lacks $want"
done
unzip -p "$snupkg" lib/net10.0/DualAutodiff.Dual.pdb > "$work/check.pdb" || fail "cannot read DualAutodiff.Dual.pdb"
grep -aq "raw.githubusercontent" "$work/check.pdb"; sourcelink=$?
rm -f "$work/check.pdb"
[ "$sourcelink" -eq 0 ] || fail "DualAutodiff.Dual.pdb has no SourceLink map"

# 2. A fresh consumer.
export NUGET_PACKAGES="$work/packages" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
cd "$work"
dotnet new console --framework net10.0 --name Consumer --output Consumer >/dev/null || fail "dotnet new console failed"
cd Consumer
dotnet new nugetconfig >/dev/null || fail "dotnet new nugetconfig failed"
dotnet nuget add source "$feed" --name local-feed --configfile nuget.config >/dev/null || fail "could not add the local feed"
# Source mapping: DualAutodiff only from the local feed; everything else from the default sources.
mapping="<packageSourceMapping><packageSource key=\"local-feed\"><package pattern=\"DualAutodiff\" /></packageSource>"
for key in $(sed -n 's/.*<add key="\([^"]*\)".*/\1/p' nuget.config | grep -vx local-feed); do
    mapping="$mapping<packageSource key=\"$key\"><package pattern=\"*\" /></packageSource>"
done
sed -i "s|</configuration>|$mapping</packageSourceMapping></configuration>|" nuget.config

dotnet add package DualAutodiff --version "$version" > add-package.log 2>&1 \
    || { cat add-package.log; fail "dotnet add package DualAutodiff --version $version failed"; }
grep -q "\"source\": \"$feed" "$NUGET_PACKAGES/dualautodiff/$version/.nupkg.metadata" 2>/dev/null \
    || fail "DualAutodiff $version was not restored from $feed"

awk '/^## Ten lines/ { section = 1; next } section && /^```csharp/ { code = 1; next } code && /^```/ { exit } code { print }' \
    "$repo/README.md" > Program.cs
[ -s Program.cs ] || fail "no csharp block under \"## Ten lines\" in README.md"
cat "$repo/.ci/consumer/Check.cs" >> Program.cs

output=$(dotnet run -c Release 2>&1) || { echo "$output"; fail "the consumer did not build or run"; }
echo "$output"
# |computed − expected| ≤ 1e-12·max(1, |expected|) for every printed number.
check() {
    local label=$1; shift
    local line; line=$(grep "^$label " <<<"$output" | head -n 1)
    [ -n "$line" ] || fail "the consumer printed no \"$label\" line"
    awk -v line="$line" -v want="$*" 'BEGIN {
        n = split(line, got, " "); m = split(want, ref, " ");
        if (n - 1 != m) exit 1;
        for (i = 1; i <= m; i++) { d = got[i + 1] - ref[i]; if (d < 0) d = -d; s = ref[i] < 0 ? -ref[i] : ref[i];
            if (s < 1) s = 1; if (d > 1e-12 * s) exit 1 } }' || fail "\"$line\", expected \"$label $*\""
}
check gradient -215.6 -88      # ∂f/∂x₀ = −400x₀(x₁ − x₀²) − 2(1 − x₀) = −215.6, ∂f/∂x₁ = 200(x₁ − x₀²) = −88
check slope -215.6             # ∇f·e₀
check hvp 1330 480 480 200     # H = [1200x₀² − 400x₁ + 2, −400x₀; −400x₀, 200] = [1330, 480; 480, 200]
if [ "${PACKAGE_CHECK_AOT:-0}" = 1 ]; then
    for mode in PublishTrimmed PublishAot; do
        dotnet publish -c Release -r linux-x64 -p:$mode=true -p:TrimmerSingleWarn=false -o "$mode" > "$mode.log" 2>&1 \
            || { cat "$mode.log"; fail "dotnet publish -p:$mode=true failed"; }
        ! grep -q "warning" "$mode.log" || { grep "warning" "$mode.log"; fail "$mode: warnings"; }
        [ "$("./$mode/Consumer")" = "$output" ] || fail "$mode: the published consumer prints something else"
        echo "package check: $mode: no warning, same output"
    done
fi
echo "package check: DualAutodiff $version from the local feed: contents, metadata and the README's Ten lines are right"
