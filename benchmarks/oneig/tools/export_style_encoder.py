#!/usr/bin/env python3
"""TorchScript export of the OneIG StyleEncoder ("SE") for `--scorer-opt se=FILE.pt` (oneig-djl, style).

Official (OneIG-Bench/OneIG-Benchmark@41b4983 scripts/utils/inference.py l.129-149): CLIPVisionModelWithProjection
.from_pretrained("xingpng/OneIG-StyleEncoder") in bfloat16, pixel values cast to bfloat16, the embedding is
image_embeds L2-normalised. Input: the (1, 3, 224, 224) tensor of CLIPImageProcessor() defaults, built in Java
(OneIgPreprocess.SE). Output: (1, 1280) float32, L2-normalised.

    pip install torch transformers==4.50.0
    python3 export_style_encoder.py --out se.pt [--dtype bfloat16|float32]

--dtype bfloat16 (default) is the official precision; float32 is the same weights upcast (differs at about 1e-3).
"""
import argparse

import torch
from transformers import CLIPVisionModelWithProjection

from export_common import trace_and_save


class Encoder(torch.nn.Module):
    def __init__(self, enc, dtype):
        super().__init__()
        self.enc = enc
        self.dtype = dtype

    def forward(self, x):
        e = self.enc(x.to(self.dtype), return_dict=False)[0]  # image_embeds
        return torch.nn.functional.normalize(e.float(), p=2, dim=-1)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="xingpng/OneIG-StyleEncoder")
    ap.add_argument("--out", required=True)
    ap.add_argument("--dtype", choices=["bfloat16", "float32"], default="bfloat16")
    a = ap.parse_args(argv)
    dtype = getattr(torch, a.dtype)
    enc = CLIPVisionModelWithProjection.from_pretrained(a.model).to(dtype=dtype).eval()
    w = Encoder(enc, dtype)
    trace_and_save(w, 224, a.out, check=lambda x: w(x))


if __name__ == "__main__":
    main()
