#!/usr/bin/python3
"""Checks, in PyTorch, a .pt file that lmo exported, and records the result next to it.

    /usr/bin/python3 verify_export.py exported-by-lmo.pt

The file is `lmo export tiny.safetensors --out exported-by-lmo.pt` (see regenerate.sh). PyTorch must read it with
torch.load (also weights_only=True), a HookedTransformer-shaped module must accept it with load_state_dict(strict=True),
and every tensor must equal the one in tiny.pt (written by torch.save from the same weights). The result goes to
exported-by-lmo.verified.json, which the C# tests compare with a fresh export (same SHA-256).
"""
import hashlib
import json
import os
import sys
import zipfile

import torch

from make_fixtures import HookedTransformerLike, TINY

HERE = os.path.dirname(os.path.abspath(__file__))


def main(path):
    with open(path, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    loaded = torch.load(path, weights_only=True)
    reference = torch.load(os.path.join(HERE, "tiny.pt"))
    module = HookedTransformerLike(TINY)
    module.load_state_dict(loaded, strict=True)
    assert set(loaded) == set(reference), sorted(set(loaded) ^ set(reference))
    max_diff = 0.0
    for k, v in reference.items():
        w = loaded[k]
        assert w.shape == v.shape and w.dtype == v.dtype, (k, w.shape, v.shape, w.dtype, v.dtype)
        if v.is_floating_point() and k.endswith("IGNORE"):
            assert float(w) == float("-inf")  # TransformerLens' current value; the fixture's is -1e5 (older versions)
            continue
        max_diff = max(max_diff, float((w.double() - v.double()).abs().max()) if v.is_floating_point() else float((w != v).sum()))
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        metadata = json.loads(z.read(next(n for n in names if n.endswith("/extra/metadata.json"))))
        stored_only = all(i.compress_type == zipfile.ZIP_STORED for i in z.infolist())
    result = {
        "file": os.path.basename(path),
        "sha256": sha,
        "torch": torch.__version__,
        "torch_load_weights_only": True,
        "load_state_dict_strict": True,
        "tensors": len(loaded),
        "max_abs_diff_vs_tiny_pt": max_diff,
        "records": names,
        "records_uncompressed": stored_only,
        "metadata_keys": sorted(metadata),
        "config": json.loads(metadata["config"]),
    }
    out = os.path.splitext(path)[0] + ".verified.json"
    with open(out, "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
    print(json.dumps(result, indent=1, sort_keys=True))
    assert max_diff == 0.0, max_diff


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "exported-by-lmo.pt"))
