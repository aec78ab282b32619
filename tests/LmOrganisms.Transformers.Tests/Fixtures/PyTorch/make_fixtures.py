#!/usr/bin/python3
"""Writes the PyTorch (.pt) fixtures of tests/LmOrganisms.Transformers.Tests/Interop/PyTorch*Tests.cs.

Run from anywhere with PyTorch >= 1.6 (checked with Debian's python3-torch 1.13):

    /usr/bin/python3 tests/LmOrganisms.Transformers.Tests/Fixtures/PyTorch/make_fixtures.py

The tests never run Python; they read the committed files. Every file is a few KB and fully determined by the seeds
below (re-running rewrites identical tensors; zip timestamps may differ). See README.md next to this script.
"""
import collections
import json
import math
import os
import pickle
import struct
import zipfile

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
HOSTILE = os.path.join(HERE, "hostile")

# The tiny TransformerLens-shaped model: 2 layers, d_model 8, 2 heads of 4, d_mlp 16, n_ctx 6, d_vocab 3,
# LayerNorm with biases, learned positions, untied unembedding (inferable from the shapes alone).
TINY = dict(n_layers=2, d_model=8, n_heads=2, d_head=4, d_mlp=16, n_ctx=6, d_vocab=3)


class Param(nn.Module):
    """A module holding named parameters (TransformerLens names such as W_E, b_in)."""

    def __init__(self, **shapes):
        super().__init__()
        for name, shape in shapes.items():
            setattr(self, name, nn.Parameter(torch.randn(*shape) * 0.3))


class Attention(Param):
    """TransformerLens attention: W_Q/W_K/W_V [heads, d_model, d_head], W_O [heads, d_head, d_model], biases, and
    the non-learned buffers 'mask' (causal, bool) and 'IGNORE' (a float scalar) that its state_dict carries."""

    def __init__(self, c):
        h, d, dh = c["n_heads"], c["d_model"], c["d_head"]
        super().__init__(W_Q=(h, d, dh), W_K=(h, d, dh), W_V=(h, d, dh), W_O=(h, dh, d),
                         b_Q=(h, dh), b_K=(h, dh), b_V=(h, dh), b_O=(d,))
        self.register_buffer("mask", torch.tril(torch.ones(c["n_ctx"], c["n_ctx"])).bool())
        self.register_buffer("IGNORE", torch.tensor(-1e5))


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        d, m = c["d_model"], c["d_mlp"]
        self.ln1 = Param(w=(d,), b=(d,))
        self.attn = Attention(c)
        self.ln2 = Param(w=(d,), b=(d,))
        self.mlp = Param(W_in=(d, m), b_in=(m,), W_out=(m, d), b_out=(d,))


class HookedTransformerLike(nn.Module):
    """The parameter tree of a TransformerLens HookedTransformer (state_dict names: embed.W_E, pos_embed.W_pos,
    blocks.{l}.ln1.w, blocks.{l}.attn.W_Q, ..., ln_final.w, unembed.W_U, unembed.b_U)."""

    def __init__(self, c):
        super().__init__()
        d, v = c["d_model"], c["d_vocab"]
        self.embed = Param(W_E=(v, d))
        self.pos_embed = Param(W_pos=(c["n_ctx"], d))
        self.blocks = nn.ModuleList([Block(c) for _ in range(c["n_layers"])])
        self.ln_final = Param(w=(d,), b=(d,))
        self.unembed = Param(W_U=(d, v), b_U=(v,))


def tiny_state_dict(seed):
    torch.manual_seed(seed)
    model = HookedTransformerLike(TINY)
    with torch.no_grad():  # gains near 1 as in a trained model
        for name, p in model.named_parameters():
            if name.endswith("ln1.w") or name.endswith("ln2.w") or name.endswith("ln_final.w"):
                p.add_(1.0)
    return model.state_dict()


def write_safetensors(path, tensors):
    """safetensors without the safetensors package: 8-byte little-endian header length, JSON header, raw bytes."""
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        t = tensors[name].detach().contiguous()
        dtype = {torch.float32: "F32", torch.float64: "F64"}[t.dtype]
        blob = t.numpy().astype("<" + t.numpy().dtype.str[1:]).tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for blob in blobs:
            f.write(blob)


def parameters_only(sd):
    return collections.OrderedDict((k, v) for k, v in sd.items() if not k.endswith((".attn.mask", ".attn.IGNORE")))


# ---- hand-made pickles inside a torch zip archive (for hostile inputs torch.save cannot produce) -----------------

class FakeStorage:
    def __init__(self, storage_type, key, numel):
        self.storage_type, self.key, self.numel = storage_type, key, numel


class FakeTensor:
    """Pickles as torch._utils._rebuild_tensor_v2(storage, offset, shape, stride, requires_grad, hooks)."""

    def __init__(self, storage, offset, shape, stride):
        self.storage, self.offset, self.shape, self.stride = storage, offset, shape, stride

    def __reduce__(self):
        return (torch._utils._rebuild_tensor_v2,
                (self.storage, self.offset, tuple(self.shape), tuple(self.stride), False, collections.OrderedDict()))


class ArchivePickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, FakeStorage):
            return ("storage", obj.storage_type, obj.key, "cpu", obj.numel)
        return None


class RunsAShellCommand:
    """Unpickled by Python, this would call os.system(...): the canonical malicious pickle."""

    def __reduce__(self):
        return (os.system, ("touch /tmp/lmo-pickle-was-executed",))


def write_archive(path, obj, storages):
    """A zip laid out like torch.save's: archive/data.pkl, archive/data/<key>, archive/version."""
    buffer = __import__("io").BytesIO()
    ArchivePickler(buffer, protocol=2).dump(obj)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", buffer.getvalue())
        for key, data in storages.items():
            z.writestr(f"archive/data/{key}", data)
        z.writestr("archive/version", "3\n")


def float_bytes(values):
    return struct.pack("<%df" % len(values), *values)


def main():
    os.makedirs(HOSTILE, exist_ok=True)
    sd = tiny_state_dict(seed=14)

    # 1. The state dict as torch.save writes it (with the TransformerLens buffers), and the same weights as safetensors.
    torch.save(sd, os.path.join(HERE, "tiny.pt"))
    write_safetensors(os.path.join(HERE, "tiny.safetensors"), parameters_only(sd))

    # 2. The same weights in float64, and with non-contiguous storage (W_U saved as the transpose of a [vocab, d] tensor).
    torch.save(collections.OrderedDict((k, v.double() if v.is_floating_point() else v) for k, v in sd.items()),
               os.path.join(HERE, "tiny-float64.pt"))
    strided = collections.OrderedDict(sd)
    strided["unembed.W_U"] = sd["unembed.W_U"].t().contiguous().t()
    assert not strided["unembed.W_U"].is_contiguous()
    torch.save(strided, os.path.join(HERE, "tiny-strided.pt"))

    # 3. Views sharing one storage (W_Q, W_K, W_V slices of one [3, heads, d, dh] tensor: storage offsets > 0).
    shared = collections.OrderedDict(sd)
    for l in range(TINY["n_layers"]):
        qkv = torch.stack([sd[f"blocks.{l}.attn.W_{x}"] for x in "QKV"])
        for i, x in enumerate("QKV"):
            shared[f"blocks.{l}.attn.W_{x}"] = qkv[i]
    torch.save(shared, os.path.join(HERE, "tiny-shared-storage.pt"))

    # 4. A model whose activation (GELU) cannot be read off the weights, with the paper's sibling train_config.json.
    gelu_dir = os.path.join(HERE, "gelu")
    os.makedirs(gelu_dir, exist_ok=True)
    gelu = tiny_state_dict(seed=15)
    torch.save(gelu, os.path.join(gelu_dir, "model.pt"))
    write_safetensors(os.path.join(HERE, "gelu.safetensors"), parameters_only(gelu))
    with open(os.path.join(gelu_dir, "train_config.json"), "w") as f:
        json.dump(dict(TINY, act_fn="gelu", normalization_type="LN", attn_only=False, use_attn_scale=True,
                       attention_dir="causal", seed=15, optimizer="sgd"), f, indent=1)

    # 5. Hostile or wrong inputs.
    torch.save({"embed.W_E": torch.zeros(2, 2)}, os.path.join(HOSTILE, "legacy-format.pt"),
               _use_new_zipfile_serialization=False)
    with zipfile.ZipFile(os.path.join(HOSTILE, "not-a-pickle.pt"), "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", b"this is not a pickle at all")
        z.writestr("archive/version", "3\n")
    with zipfile.ZipFile(os.path.join(HOSTILE, "no-data-pkl.pt"), "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/version", "3\n")
    write_archive(os.path.join(HOSTILE, "code-execution.pt"), {"embed.W_E": RunsAShellCommand()}, {})
    write_archive(os.path.join(HOSTILE, "top-level-list.pt"),
                  [FakeTensor(FakeStorage(torch.FloatStorage, "0", 4), 0, (4,), (1,))], {"0": float_bytes([1, 2, 3, 4])})
    write_archive(os.path.join(HOSTILE, "non-string-key.pt"),
                  {7: FakeTensor(FakeStorage(torch.FloatStorage, "0", 4), 0, (4,), (1,))}, {"0": float_bytes([1, 2, 3, 4])})
    write_archive(os.path.join(HOSTILE, "nested-checkpoint.pt"),
                  {"model": {"embed.W_E": FakeTensor(FakeStorage(torch.FloatStorage, "0", 4), 0, (2, 2), (2, 1))}, "step": 5},
                  {"0": float_bytes([1, 2, 3, 4])})
    write_archive(os.path.join(HOSTILE, "string-value.pt"), {"embed.W_E": "not a tensor"}, {})
    write_archive(os.path.join(HOSTILE, "short-storage.pt"),
                  {"embed.W_E": FakeTensor(FakeStorage(torch.FloatStorage, "0", 24), 0, (3, 8), (8, 1))},
                  {"0": float_bytes([1, 2, 3, 4])})
    write_archive(os.path.join(HOSTILE, "huge-shape.pt"),
                  {"embed.W_E": FakeTensor(FakeStorage(torch.FloatStorage, "0", 4), 0, (2 ** 20, 2 ** 20), (2 ** 20, 1))},
                  {"0": float_bytes([1, 2, 3, 4])})
    write_archive(os.path.join(HOSTILE, "negative-shape.pt"),
                  {"embed.W_E": FakeTensor(FakeStorage(torch.FloatStorage, "0", 4), 0, (-2, -2), (2, 1))},
                  {"0": float_bytes([1, 2, 3, 4])})
    write_archive(os.path.join(HOSTILE, "missing-storage.pt"),
                  {"embed.W_E": FakeTensor(FakeStorage(torch.FloatStorage, "9", 4), 0, (2, 2), (2, 1))}, {})
    write_archive(os.path.join(HOSTILE, "unknown-storage-type.pt"),
                  {"embed.W_E": FakeTensor(FakeStorage(torch.QUInt8Storage, "0", 4), 0, (2, 2), (2, 1))},
                  {"0": float_bytes([1, 2, 3, 4])})
    torch.save(nn.Linear(2, 2), os.path.join(HOSTILE, "whole-module.pt"))

    wrong_dtype = collections.OrderedDict(sd)
    wrong_dtype["embed.W_E"] = torch.arange(24).reshape(3, 8)
    torch.save(wrong_dtype, os.path.join(HOSTILE, "integer-weights.pt"))
    wrong_shape = collections.OrderedDict(sd)
    wrong_shape["blocks.1.attn.W_Q"] = torch.zeros(2, 8, 5)
    torch.save(wrong_shape, os.path.join(HOSTILE, "wrong-shape.pt"))
    missing = collections.OrderedDict(sd)
    del missing["blocks.1.mlp.b_in"]
    torch.save(missing, os.path.join(HOSTILE, "missing-tensor.pt"))
    extra = collections.OrderedDict(sd)
    extra["blocks.0.attn.W_extra"] = torch.zeros(2)
    torch.save(extra, os.path.join(HOSTILE, "unexpected-tensor.pt"))

    # Reference values the tests compare with (a few numbers from Python's side).
    summary = {
        "torch": torch.__version__,
        "config": TINY,
        "tensors": {k: {"shape": list(v.shape), "dtype": str(v.dtype).replace("torch.", ""),
                        "sum": float(v.double().sum())} for k, v in sd.items()},
    }
    with open(os.path.join(HERE, "tiny.json"), "w") as f:
        json.dump(summary, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
