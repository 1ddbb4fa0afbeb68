#!/usr/bin/env python3
"""TorchScript export of DreamSim's embedding for `--scorer-opt dreamsim=FILE.pt` (oneig-djl, diversity).

Official: OneIG-Bench/OneIG-Benchmark@41b4983 scripts/diversity/diversity_score.py l.21-27 calls
dreamsim(pretrained=True) (the "ensemble": dino_vitb16 + clip_vitb16 + open_clip_vitb16, LoRA weights,
normalize_embeds=True) and distance = model(img_a, img_b) = 1 - cos(embed(a), embed(b)) (ssundaram21/dreamsim
dreamsim/model.py l.79-105). This exports embed() (model.py l.107-126: the three backbones with their own
normalisation inside, concatenation, normalize_embedding), so Java computes 1 - cos of two exported embeddings.
Input: the (1, 3, 224, 224) [0, 1] tensor of model.py l.298-306, built in Java (OneIgPreprocess.DREAMSIM).
Output: (1, 1792).

    pip install dreamsim torch
    python3 export_dreamsim.py --out dreamsim.pt [--cache-dir ./models]
"""
import argparse

import torch
from dreamsim import dreamsim

from export_common import trace_and_save


class Embed(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return self.model.embed(x)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--cache-dir", default="./models")
    a = ap.parse_args(argv)
    model, _ = dreamsim(pretrained=True, device="cpu", cache_dir=a.cache_dir)
    if hasattr(model, "merge_and_unload"):
        model = model.merge_and_unload()  # fold the LoRA weights in; same outputs, a plain module to trace
    w = Embed(model.eval())

    def check(x):
        # the official distance against 1 - cos of the traced embeddings, on two inputs
        y = torch.rand_like(x)
        d = model(x, y)
        e = torch.cat([w(x), w(y)])
        mine = 1 - torch.nn.functional.cosine_similarity(e[0:1], e[1:2])
        print(f"|official distance - 1 + cos(embeds)| = {(d - mine).abs().max().item():.3g}")
        return w(x)

    trace_and_save(w, 224, a.out, check=check)


if __name__ == "__main__":
    main()
