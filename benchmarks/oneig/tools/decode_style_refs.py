#!/usr/bin/env python3
"""Decodes OneIG's reference style embeddings (scripts/style/CSD_embed.pt, SE_embed.pt) to the JSON that irg-eval reads
(<data>/oneig/style/CSD_embed.json, SE_embed.json; OneIgStyleRefs):

    {"<style>": {"shape": [3, d], "dtype": "torch.bfloat16", "data": [[d numbers], [..], [..]]}, ...}

OneIG-Bench/OneIG-Benchmark@41b4983 style_score.py l.31-34 loads them with torch.load: a dict style -> tensor [3, d]
(CSD [3, 768] float, unit rows; SE [3, 1280] bfloat16, rows of norm ~0.7, used unnormalised, l.81). Each tensor is
converted with .float() before .tolist(), so a bfloat16 tensor gives its d values (reading the raw storage as 32-bit
words gives d/2 numbers a row: what went wrong in the earlier SE_embed.json, 640 numbers a row).

    python3 decode_style_refs.py OneIG-Benchmark/scripts/style/SE_embed.pt <data>/oneig/style/SE_embed.json
    python3 decode_style_refs.py OneIG-Benchmark/scripts/style/CSD_embed.pt <data>/oneig/style/CSD_embed.json

Needs only torch (any version that reads the file; Debian's python3-torch does).
"""
import json
import sys

import torch


def decode(src, dst):
    try:
        refs = torch.load(src, map_location="cpu", weights_only=False)
    except TypeError:  # torch < 1.13 has no weights_only
        refs = torch.load(src, map_location="cpu")
    out = {}
    for style, t in refs.items():
        t = torch.as_tensor(t)
        if t.dim() != 2:
            raise SystemExit(f"{src}: {style} has shape {list(t.shape)}, expected [3, d]")
        out[style] = {"shape": list(t.shape), "dtype": str(t.dtype), "data": t.detach().float().tolist()}
    with open(dst, "w") as f:
        json.dump(out, f)
    return out


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    o = decode(sys.argv[1], sys.argv[2])
    first = next(iter(o.values()))
    print(f"{len(o)} styles, shape {first['shape']}, {len(first['data'][0])} numbers a row -> {sys.argv[2]}")
