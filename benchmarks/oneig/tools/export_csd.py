#!/usr/bin/env python3
"""TorchScript export of the CSD style encoder for `--scorer-opt csd=FILE.pt` (oneig-djl, style).

Official (OneIG-Bench/OneIG-Benchmark@41b4983 scripts/utils/inference.py l.97-126, scripts/utils/CSD_config.py
l.86-134): CSD_CLIP("vit_large", "default") on the CLIP ViT-L/14 visual tower, weights from checkpoint.pth
(model_state_dict, "module." stripped, strict=False), float32; the embedding is the L2-normalised style_output
(CSD_config.py l.125-126). Input: the (1, 3, 224, 224) tensor of inference.py l.101-109, built in Java
(OneIgPreprocess.CSD). Output: (1, 768).

    cd OneIG-Benchmark && pip install -r requirements.txt     # openai-clip; ViT-L-14.pt + checkpoint.pth as README
    python3 <irg-eval>/benchmarks/oneig/tools/export_csd.py --checkpoint scripts/style/models/checkpoint.pth \
        --out csd.pt
"""
import argparse
import os
import sys

import torch

from export_common import trace_and_save


class Style(torch.nn.Module):
    def __init__(self, csd):
        super().__init__()
        self.csd = csd

    def forward(self, x):
        _, _, style = self.csd(x)
        return style


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkpoint", default="scripts/style/models/checkpoint.pth")
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    sys.path.insert(0, os.getcwd())
    from scripts.utils.CSD_config import CSD_CLIP, convert_state_dict  # inference.py l.113

    model = CSD_CLIP("vit_large", "default")
    ckpt = torch.load(a.checkpoint, map_location="cpu", weights_only=False)
    model.load_state_dict(convert_state_dict(ckpt["model_state_dict"]), strict=False)
    w = Style(model.float().eval())
    trace_and_save(w, 224, a.out, check=lambda x: w(x))


if __name__ == "__main__":
    main()
