#!/usr/bin/env bash
# Packs every LmOrganisms package into a local folder feed, then builds and runs a fresh console app outside the
# repository that references LmOrganisms.Ecology from that feed. Usage: bash scripts/check-packages.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
feed="$repo/artifacts/packages"
work="$(mktemp -d "${TMPDIR:-/tmp}/lmo-package-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT

rm -rf "$feed"
dotnet pack "$repo/LmOrganisms.sln" -c Release -o "$feed" --nologo -v quiet
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props" | head -1)
echo "Packed $(ls "$feed"/*.nupkg | wc -l) packages (version $version) into $feed:"
ls "$feed"/*.nupkg | xargs -n1 basename
for package in LmOrganisms LmOrganisms.Ecology LmOrganisms.InformationTheory LmOrganisms.BeliefStates \
    LmOrganisms.Transformers LmOrganisms.Probing LmOrganisms.Evolution LmOrganisms.Plotting; do
  [ -f "$feed/$package.$version.nupkg" ] || { echo "missing package $package" >&2; exit 1; }
  unzip -l "$feed/$package.$version.nupkg" README.md >/dev/null || { echo "package $package has no README.md" >&2; exit 1; }
done

cd "$work"
cat > nuget.config <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
cat > global.json <<JSON
$(cat "$repo/global.json")
JSON
dotnet new console -n PackageCheck -o app --framework net10.0 >/dev/null
cd app
dotnet add package LmOrganisms.Ecology --version "$version" >/dev/null
cat > Program.cs <<'CS'
using LmOrganisms;

var mess3 = Processes.Mess3();
Console.WriteLine($"stationary {string.Join(" ", mess3.StationaryDistribution.Select(p => p.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)))}");
Console.WriteLine($"Pr(AA) {mess3.WordProbability(mess3.Encode("AA")).ToString("F10", System.Globalization.CultureInfo.InvariantCulture)}");
var batch = mess3.Sample(count: 2, length: 8, seed: 1);
Console.WriteLine($"tokens {batch.Tokens.Length}");
var eco = FiniteEcology.FromProcesses([mess3, Processes.Mess3(0.15, 0.6).WithName("b")], maxContextLength: 2);
Console.WriteLine($"contexts {eco.ContextCount}");
CS
output=$(dotnet run -c Release)
echo "$output"
expected=$'stationary 0.333333 0.333333 0.333333\nPr(AA) 0.2245625000\ntokens 16\ncontexts 13'
if [ "$output" != "$expected" ]; then
  echo "package check FAILED: unexpected output" >&2
  exit 1
fi
echo "package check passed"
