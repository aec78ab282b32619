#!/usr/bin/env bash
# kill -9 during `lmo train`'s final writes, TRIALS times (docs/reliability.md, "Killed runs"). Each trial starts a short
# run, kills it with SIGKILL 0-4 ms after the first file of its run folder appears (the final writes), and
# checks the folder: every file with its final name is complete (the JSON parses, the safetensors sizes match their
# headers), a folder with complete.json has every file, and a folder without it is refused by `lmo probe`
# naming what is missing. Then `lmo train` into the same folder must remove the stray temporaries.
# Usage: scripts/kill-during-writes.sh [TRIALS]   (builds the CLI in Release first)
set -uo pipefail
cd "$(dirname "$0")/.."
trials="${1:-12}"
export OMP_NUM_THREADS=1
dotnet build -c Release samples/LmOrganisms.Cli -v q -nologo >/dev/null || exit 1
lmo="$PWD/samples/LmOrganisms.Cli/bin/Release/net10.0/lmo"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
args=(train --process mess3 --preset microgpt --batch 16 --json)
check_safetensors() { python3 - "$1" <<'PY'
import json, struct, sys
b = open(sys.argv[1], "rb").read()
n = struct.unpack("<Q", b[:8])[0]
h = json.loads(b[8:8 + n])
end = max([v["data_offsets"][1] for k, v in h.items() if k != "__metadata__"] + [0])
sys.exit(0 if 8 + n + end == len(b) else 1)
PY
}

echo "killing each run 0-4 ms after its first file (a temporary of checkpoint.safetensors) appears"
complete=0; incomplete=0; stray=0; bad=0
for t in $(seq 1 "$trials"); do
  run="$work/run$t"
  "$lmo" "${args[@]}" --steps 300 --out "$run" >/dev/null 2>&1 & pid=$!
  shopt -s nullglob dotglob; seen=()
  while kill -0 "$pid" 2>/dev/null && [ ${#seen[@]} -eq 0 ]; do seen=("$run"/*); done   # builtins only: no fork per poll
  shopt -u nullglob dotglob
  sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.3f", 0.004 * r / 32768 }')"
  kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  tmp=$(find "$run" -name '.*.tmp' 2>/dev/null | wc -l); stray=$((stray + (tmp > 0)))
  for f in config.json metrics.json complete.json; do
    [ -f "$run/$f" ] && ! python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$run/$f" 2>/dev/null && { echo "trial $t: $f is not valid JSON"; bad=$((bad+1)); }
  done
  if [ -f "$run/complete.json" ]; then
    complete=$((complete+1))
    for f in checkpoint.safetensors weights.safetensors config.json metrics.json; do
      [ -f "$run/$f" ] || { echo "trial $t: complete.json but no $f"; bad=$((bad+1)); }
    done
  elif [ -d "$run" ]; then
    incomplete=$((incomplete+1))
    msg=$("$lmo" probe --run "$run" --process mess3 --out "$run/probe" 2>&1 >/dev/null); code=$?
    [ "$code" -eq 1 ] && [[ "$msg" == *"incomplete"* ]] || { echo "trial $t: incomplete run not refused as such (exit $code): $msg"; bad=$((bad+1)); }
  fi
  for f in checkpoint.safetensors weights.safetensors; do
    [ -f "$run/$f" ] && ! check_safetensors "$run/$f" && { echo "trial $t: $f is half-written"; bad=$((bad+1)); }
  done
  if [ "$tmp" -gt 0 ]; then
    "$lmo" "${args[@]}" --steps 1 --out "$run" >/dev/null 2>&1
    left=$(find "$run" -name '.*.tmp' | wc -l)
    [ "$left" -eq 0 ] || { echo "trial $t: $left temporaries survive the next run"; bad=$((bad+1)); }
  fi
done
echo "$trials trials: $complete complete, $incomplete interrupted (refused by lmo probe), $stray left temporaries (all removed by the next run), $bad violations"
[ "$bad" -eq 0 ]
