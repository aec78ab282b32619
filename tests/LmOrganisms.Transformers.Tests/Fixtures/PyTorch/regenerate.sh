#!/usr/bin/env bash
# Regenerates every PyTorch fixture of this folder (see README.md). Needs /usr/bin/python3 with torch (Debian's
# python3-torch 1.13 works) and the .NET SDK. The tests themselves never run Python.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
/usr/bin/python3 "$here/make_fixtures.py"
dotnet build "$root/samples/LmOrganisms.Cli" -c Release -v quiet
OMP_NUM_THREADS=1 dotnet "$root/samples/LmOrganisms.Cli/bin/Release/net10.0/lmo.dll" export "$here/tiny.safetensors" --out "$here/exported-by-lmo.pt"
cd "$here" && /usr/bin/python3 verify_export.py exported-by-lmo.pt
rm -rf "$here/__pycache__"
