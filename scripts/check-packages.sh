#!/usr/bin/env bash
# Packs every LmOrganisms package into a local folder feed, then builds and runs a fresh console app outside the
# repository that references the packages without TorchSharp (Ecology, Probing, Evolution) from that feed: worlds,
# a linear probe, a belief-geometry fit on given arrays and a replicator–mutator step. It also checks that nothing in
# that app's package graph is TorchSharp. Usage: bash scripts/check-packages.sh
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
for package in LmOrganisms LmOrganisms.Ecology LmOrganisms.InformationTheory LmOrganisms.BeliefStates LmOrganisms.Transformers \
    LmOrganisms.Probing LmOrganisms.Evolution LmOrganisms.Plotting LmOrganisms.Cli; do
  [ -f "$feed/$package.$version.nupkg" ] || { echo "missing package $package" >&2; exit 1; }
  [ "$package" = LmOrganisms.Cli ] || unzip -l "$feed/$package.$version.nupkg" README.md >/dev/null || { echo "package $package has no README.md" >&2; exit 1; }
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
for package in LmOrganisms.Ecology LmOrganisms.Probing LmOrganisms.Evolution; do
  dotnet add package "$package" --version "$version" >/dev/null
done
cat > Program.cs <<'CS'
using System.Globalization;
using LmOrganisms;
using LmOrganisms.Evolution;

var c = CultureInfo.InvariantCulture;
var mess3 = Processes.Mess3();
Console.WriteLine($"stationary {string.Join(" ", mess3.StationaryDistribution.Select(p => p.ToString("F6", c)))}");
Console.WriteLine($"Pr(AA) {mess3.WordProbability(mess3.Encode("AA")).ToString("F10", c)}");
var ecology = FiniteEcology.FromProcesses([mess3, Processes.Mess3(0.15, 0.6).WithName("b")], maxContextLength: 2);
Console.WriteLine($"contexts {ecology.ContextCount}");

// A linear probe on plain arrays: y = 2 x0 − x1 + 3.
double[] x = [0, 0, 1, 0, 0, 1, 1, 1, 2, 3];
double[] y = [3, 5, 2, 4, 4];
var fit = new LinearProbe().Fit(x, 2, y, 1);
Console.WriteLine($"probe {fit.Coefficients[0, 0].ToString("F6", c)} {fit.Coefficients[1, 0].ToString("F6", c)} {fit.Intercept[0].ToString("F6", c)}");

// A belief-geometry fit on given arrays: "activations" that are a linear image of the exact beliefs.
var probeSet = ProbeSet.AllWords(mess3, length: 4);
var values = new float[probeSet.RowCount * 4];
for (int r = 0; r < probeSet.RowCount; r++)
{
    var b = probeSet.Belief(r);
    values[r * 4] = (float)(b[0] - b[1]);
    values[r * 4 + 1] = (float)(2 * b[1] + b[2]);
    values[r * 4 + 2] = (float)(0.5 * b[2]);
    values[r * 4 + 3] = 1;
}
var activations = Activations.FromArrays(probeSet.RowCount, [new HookActivations("layer", 4, values)]);
var geometry = new BeliefGeometryProbe().Fit(activations, probeSet);
Console.WriteLine($"rows {probeSet.RowCount}, belief R2 {geometry["layer"].Belief.R2.ToString("F6", c)}");

// A replicator–mutator step.
var q = MutationKernel.FromRows([[0.9, 0.1], [0.2, 0.8]]);
double[] next = ReplicatorMutator.Step([0.5, 0.5], [1, 2], q);
Console.WriteLine($"replicator {next[0].ToString("F10", c)} {next[1].ToString("F10", c)}");
CS
output=$(dotnet run -c Release)
echo "$output"
expected=$'stationary 0.333333 0.333333 0.333333\nPr(AA) 0.2245625000\ncontexts 13\nprobe 2.000000 -1.000000 3.000000\nrows 324, belief R2 1.000000\nreplicator 0.4333333333 0.5666666667'
if [ "$output" != "$expected" ]; then
  echo "package check FAILED: unexpected output" >&2
  exit 1
fi
if grep -qi '"torchsharp' obj/project.assets.json; then
  echo "package check FAILED: the app without TorchSharp pulls TorchSharp through its package graph" >&2
  exit 1
fi
echo "the app references $(grep -o '"LmOrganisms[A-Za-z.]*/[0-9.]*"' obj/project.assets.json | sort -u | tr '\n' ' ')and no TorchSharp"

# A second app, as the README tells researchers to set one up: LmOrganisms + LmOrganisms.Plotting + a native backend,
# running the README Quickstart verbatim (the block marked <!-- run -->). It must train, probe and draw on this machine,
# which needs the libstdc++ fix the Transformers package ships in buildTransitive/.
cd "$work"
dotnet new console -n QuickstartCheck -o quickstart --framework net10.0 >/dev/null
cd quickstart
dotnet add package LmOrganisms --version "$version" >/dev/null
dotnet add package LmOrganisms.Plotting --version "$version" >/dev/null
dotnet add package libtorch-cpu-linux-x64 --version "$(sed -n 's:.*Include="libtorch-cpu-linux-x64" Version="\([^"]*\)".*:\1:p' "$repo/Directory.Packages.props")" >/dev/null
awk '/^<!-- run -->$/ { grab = 1; next } grab && /^```csharp$/ { inblock = 1; next } inblock && /^```$/ { exit } inblock { print }' \
  "$repo/README.md" > Program.cs
[ -s Program.cs ] || { echo "package check FAILED: no <!-- run --> block in README.md" >&2; exit 1; }
output=$(OMP_NUM_THREADS=1 dotnet run -c Release)
echo "$output"
if ! [[ "$output" =~ ^belief\ R²\ 0\.99[0-9]{2},\ alignment\ efficiency\ 0\.9[0-9]{3},\ usable\ surplus\ 0\.06[0-9]{4}\ of\ exact\ 0\.064239\ nats$ ]]; then
  echo "package check FAILED: the Quickstart printed something other than README.md's line" >&2
  exit 1
fi
[ -s mess3.png ] || { echo "package check FAILED: the Quickstart wrote no mess3.png" >&2; exit 1; }
echo "the Quickstart app ran from the packages and wrote mess3.png ($(stat -c %s mess3.png) bytes)"
echo "package check passed"
