#!/usr/bin/env python3
"""Export GenEval's CLIP colour classifier for `geneval-djl` (`--scorer-opt clip=... clip_text=...`, docs/geneval.md).

Official (djghosh13/geneval@af4902f evaluation/evaluate_images.py): load_models (l.60-72) builds
`open_clip.create_model_and_transforms("ViT-L-14", pretrained="openai")`; color_classification (l.109-127) builds
one zero-shot classifier per object class with clip_benchmark's `zero_shot_classifier` over the 10 COLORS and three
templates, then `run_classification` takes `100 * normalize(encode_image(crop)) @ classifier` and the argmax.

This script writes
  * IMAGE.pt  - TorchScript of `model.visual` (encode_image without normalisation): (B,3,224,224) -> (B,D) float32;
  * TEXT.json - the classifiers of the requested classes, computed by the official clip_benchmark function itself
                (`zero_shot_classifier(model, tokenizer, COLORS, templates, device)`, (D,10), written as 10 rows).
Pre-processing (crop, bicubic resize, normalisation) is done in Java (OfficialCrop).

Run it in the official GenEval environment (open-clip-torch 2.20, clip_benchmark 1.4):

    python3 export_clip.py --object-names geneval/evaluation/object_names.txt \
        --image-out clip_vit_l14_image.pt --text-out clip_vit_l14_text.json [--device cuda]

On CUDA the text side runs under fp16 autocast like the official (clip_benchmark's amp=True); the image tower is
traced in float32 on the CPU (Java runs it in float32; the official encodes crops under fp16 autocast, documented).
`main(argv)` is importable: benchmarks/geneval/tools/check_real_architecture.py calls it on a model with seeded
random weights.
"""
import argparse
import json
import sys

import torch

# evaluate_images.py l.75 and l.112-116 (the {classname} part is filled per class, {c} by zero_shot_classifier)
COLORS = ["red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "black", "white"]
TEMPLATES = ["a photo of a {c} {classname}", "a photo of a {c}-colored {classname}", "a photo of a {c} object"]


class ImageTower(torch.nn.Module):
    """encode_image without normalisation (run_classification normalises, the Java side does too)."""

    def __init__(self, model):
        super().__init__()
        self.visual = model.visual

    def forward(self, x):
        return self.visual(x)


def load(arch, pretrained, device):
    """The official load_models' CLIP part (evaluate_images.py l.67-69)."""
    import open_clip
    model, _, transform = open_clip.create_model_and_transforms(arch, pretrained=pretrained, device=device)
    model.eval()
    return model, transform, open_clip.get_tokenizer(arch)


def text_classifiers(model, tokenizer, classes, device):
    """{class: 10 rows of D floats}, each the official clip_benchmark zero-shot classifier column."""
    from clip_benchmark.metrics import zeroshot_classification as zsc
    zsc.tqdm = lambda it, *args, **kwargs: it  # as evaluate_images.py l.24
    out = {}
    for cls in classes:
        templates = [t.replace("{classname}", cls) for t in TEMPLATES]
        clf = zsc.zero_shot_classifier(model, tokenizer, COLORS, templates, device)  # (D, 10)
        out[cls] = clf.float().t().cpu().tolist()
    return out


def export_image_tower(model, out):
    tower = ImageTower(model).cpu().float().eval()
    x = torch.rand(2, 3, 224, 224)
    with torch.no_grad():
        traced = torch.jit.trace(tower, x, check_trace=False)
        err = (traced(x) - tower(x)).abs().max().item()
    traced.save(out)
    print(f"{out}: (B,3,224,224) -> (B,{tower(x[:1]).shape[1]}); max |traced - eager| = {err:.3g}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--object-names", required=True, help="the official evaluation/object_names.txt")
    ap.add_argument("--classes", nargs="*", help="only these classes (default: all of --object-names)")
    ap.add_argument("--image-out", required=True)
    ap.add_argument("--text-out", required=True)
    ap.add_argument("--arch", default="ViT-L-14")
    ap.add_argument("--pretrained", default="openai")
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    a = ap.parse_args(argv)
    with open(a.object_names) as fp:
        names = [line.strip() for line in fp]
    classes = a.classes or names
    unknown = [c for c in classes if c not in names]
    if unknown:
        raise SystemExit(f"{a.object_names}: no such classes {unknown}")
    model, _, tokenizer = load(a.arch, a.pretrained, a.device)
    with torch.no_grad():
        rows = text_classifiers(model, tokenizer, classes, a.device)
    export_image_tower(model, a.image_out)
    tmp = a.text_out + ".tmp"
    with open(tmp, "w") as fp:
        json.dump({"model": a.arch, "pretrained": a.pretrained, "colors": COLORS, "templates": TEMPLATES,
                   "classifiers": rows}, fp)
    import os
    os.replace(tmp, a.text_out)
    print(f"{a.text_out}: {len(rows)} classes x {len(COLORS)} colours")


if __name__ == "__main__":
    sys.exit(main())
