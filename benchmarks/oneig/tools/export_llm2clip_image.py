#!/usr/bin/env python3
"""TorchScript export of LLM2CLIP's image tower for `--scorer-opt llm2clip=FILE.pt` (oneig-djl, reasoning).

Official (OneIG-Bench/OneIG-Benchmark@41b4983 scripts/utils/inference.py l.152-205): AutoModel.from_pretrained(
"microsoft/LLM2CLIP-Openai-L-14-336", torch_dtype=bfloat16, trust_remote_code=True), image features =
model.get_image_features(pixel_values) under torch.amp.autocast, then L2-normalised (the Java side normalises).
Input: the (1, 3, 336, 336) tensor of CLIPImageProcessor(openai/clip-vit-large-patch14-336), built in Java
(OneIgPreprocess.LLM2CLIP). Output: (1, D) float32 features, D = 1280.

    pip install torch transformers==4.50.0   # the official requirements.txt versions
    python3 export_llm2clip_image.py --out llm2clip_image.pt [--dtype bfloat16|float32] [--device cuda]

--dtype bfloat16 (default) keeps the official weights' dtype (input cast inside, output cast to float32); float32
runs the tower in float32 (closer to exact, differs from the official bf16 numbers at about 1e-3).
"""
import argparse

import torch
from transformers import AutoModel

from export_common import trace_and_save


class Tower(torch.nn.Module):
    def __init__(self, model, dtype):
        super().__init__()
        self.model = model
        self.dtype = dtype

    def forward(self, x):
        return self.model.get_image_features(x.to(self.dtype)).float()


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="microsoft/LLM2CLIP-Openai-L-14-336")
    ap.add_argument("--out", required=True)
    ap.add_argument("--dtype", choices=["bfloat16", "float32"], default="bfloat16")
    ap.add_argument("--device", default="cpu")
    a = ap.parse_args(argv)
    dtype = getattr(torch, a.dtype)
    model = AutoModel.from_pretrained(a.model, torch_dtype=dtype, trust_remote_code=True).to(a.device).eval()
    w = Tower(model, dtype)
    trace_and_save(w, 336, a.out, check=lambda x: w(x))


if __name__ == "__main__":
    main()
