#!/usr/bin/env python3
"""Python half of OneIG's real-architecture check (check_real_architecture.sh runs both halves; docs/oneig.md).

For each part it builds the REAL model class from the official code with seeded random weights, computes the
official embedding of every test image with the official embedding class of OneIG-Bench/OneIG-Benchmark
scripts/utils/inference.py (imported unchanged from --oneig), runs the project's export script on the same
weights, and writes a manifest that the Java half (OneIgRealArchitectureCheckTest) scores through
OneIgTorchScript + OneIgPreprocess.

  csd  CSDStyleEmbedding (inference.py l.97-126) -> CSD_CLIP("vit_large") of scripts/utils/CSD_config.py, whose
       backbone comes from openai-clip `clip.load("scripts/style/models/ViT-L-14.pt")`: that file is a TorchScript
       archive (as the released one) of OpenAI's ViT-L/14 layout with seeded random values (clip.load takes the official path: build_model, fp16
       round trip, .float() on CPU), and checkpoint.pth is a seeded random perturbation of CSD_CLIP's own state,
       saved as {"model_state_dict": {"module." + key: tensor}} like the released checkpoint.
  se   SEStyleEmbedding (inference.py l.129-149) -> CLIPVisionModelWithProjection.from_pretrained(DIR) of a model
       saved with seeded random weights. The released config (xingpng/OneIG-StyleEncoder) is on the model hub, not
       reachable here: the config used is written into the manifest (ViT-L/14 widths, projection 1280, the
       dimension docs/oneig.md states). Run in float32 (the class's dtype argument); the official default is bf16.

How the official module is imported, nothing else changed: inference.py imports qwen_vl_utils (used only by the
Qwen VLM class) - an empty module stands in when it is missing; transformers 4.44's models/__init__ imports the
slow-to-fast tokenizer converter, which imports the Rust `tokenizers` package - an empty module stands in (no fast
tokenizer is used here; transformers still reports tokenizers as unavailable, it has no package metadata).

    python3 check_real_architecture.py --oneig ONEIG_TREE --out DIR [--parts csd,se] [--seed 0] [--images 8]
(PYTHONPATH: openai CLIP, transformers/src, huggingface_hub/src and a folder with their dist-info; Debian's
python3-torch, torchvision, PIL, numpy, safetensors, regex, ftfy's deps as for CLIP.)
"""
import argparse
import importlib.machinery
import importlib.util
import json
import os
import sys
import types

import torch
from PIL import Image

from check_images import textured_pngs  # scripts/cpu-env, on PYTHONPATH by the runner

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# (width, height): square, landscape, portrait, odd sizes (the crop offsets differ between torchvision and
# transformers for odd margins).
SIZES = [(512, 512), (640, 480), (333, 517), (1024, 1024), (301, 299), (768, 512), (256, 400), (517, 333),
         (448, 448), (600, 360), (384, 640), (500, 500)]
SE_CONFIG = dict(hidden_size=1024, intermediate_size=4096, num_hidden_layers=24, num_attention_heads=16,
                 image_size=224, patch_size=14, projection_dim=1280, hidden_act="quick_gelu")


def stub(name):
    m = types.ModuleType(name)
    m.__spec__ = importlib.machinery.ModuleSpec(name, None)
    return m


def install_stubs():
    import torchvision  # noqa: F401  (before the stubs, so torch._dynamo's import-time scans never see them)
    if importlib.util.find_spec("qwen_vl_utils") is None:
        q = stub("qwen_vl_utils")
        q.process_vision_info = None
        sys.modules["qwen_vl_utils"] = q
    if importlib.util.find_spec("tokenizers") is None:
        # a package whose every name is None: convert_slow_tokenizer does `from tokenizers import ...` and
        # `from tokenizers.models import ...` at import time and nothing here ever calls them
        for name in ["tokenizers", "tokenizers.models", "tokenizers.decoders", "tokenizers.normalizers",
                     "tokenizers.pre_tokenizers", "tokenizers.processors", "tokenizers.trainers"]:
            m = _NoneModule(name)
            m.__spec__ = importlib.machinery.ModuleSpec(name, None, is_package=True)
            m.__path__ = []
            sys.modules[name] = m


class _NoneModule(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return None


def images(out, n, seed):
    return textured_pngs(out, n, seed, SIZES)


def official_work(oneig, out):
    """A working folder laid out like the official tree's root: scripts/utils -> the official scripts/utils (read
    only), scripts/style/models/ for the random weight files the official code loads by relative path."""
    work = os.path.join(out, "official_work")
    os.makedirs(os.path.join(work, "scripts", "style", "models"), exist_ok=True)
    link = os.path.join(work, "scripts", "utils")
    if not os.path.islink(link):
        os.symlink(os.path.join(os.path.abspath(oneig), "scripts", "utils"), link)
    if work not in sys.path:
        sys.path.insert(0, work)
    return work


def official_module():
    import scripts.utils.inference as inference  # noqa: E402
    return inference


def part_csd(work, out, paths, seed):
    import clip
    from clip.model import CLIP
    base = os.path.join(work, "scripts", "style", "models", "ViT-L-14.pt")
    torch.manual_seed(seed)
    # OpenAI's ViT-L/14: embed 768, 224 px, 24 x 1024 vision layers, patch 14; text 77 x 49408, 12 x 768 (clip.py
    # build_model reads these numbers back from the state dict's shapes)
    # The released ViT-L-14.pt is a TorchScript archive (clip.load reads its state_dict; a plain torch.save file would
    # hit clip.load's fallback, which re-reads the already consumed file object): trace one of the same layout.
    base_model = CLIP(768, 224, 24, 1024, 14, 77, 49408, 768, 12, 12).eval()
    with torch.no_grad():
        torch.jit.trace(base_model, (torch.rand(1, 3, 224, 224), torch.zeros(1, 77, dtype=torch.long)),
                        check_trace=False).save(base)
    del base_model
    cwd = os.getcwd()
    os.chdir(work)  # CSD_CLIP loads "scripts/style/models/ViT-L-14.pt" relative to the working directory
    try:
        from scripts.utils.CSD_config import CSD_CLIP
        torch.manual_seed(seed + 1)
        model = CSD_CLIP("vit_large", "default")
        state = {}
        for k, v in model.state_dict().items():
            if v.is_floating_point():
                v = v + 0.02 * torch.randn_like(v) * (v.std() if v.numel() > 1 else 1)
            state["module." + k] = v
        ckpt = os.path.join(work, "checkpoint.pth")
        torch.save({"model_state_dict": state}, ckpt)
        del model, state
        inference = official_module()
        enc = inference.CSDStyleEmbedding(model_path=ckpt, device="cpu")
        official = [enc.get_style_embedding(p)[0].tolist() for p in paths]
        del enc
        import export_csd
        export_csd.main(["--checkpoint", ckpt, "--out", os.path.join(out, "csd.pt")])
    finally:
        os.chdir(cwd)
    os.remove(base)
    os.remove(os.path.join(work, "checkpoint.pth"))
    return {"export": "csd.pt", "preprocess": "CSD", "official": official,
            "model": "CSD_CLIP('vit_large','default') on openai-clip ViT-L/14 (clip %s), seeded random weights"
                     % getattr(clip, "__version__", "tree")}


def part_se(work, out, paths, seed):
    import transformers
    from transformers import CLIPVisionConfig, CLIPVisionModelWithProjection
    d = os.path.join(out, "se_model")
    torch.manual_seed(seed)
    CLIPVisionModelWithProjection(CLIPVisionConfig(**SE_CONFIG)).eval().save_pretrained(d)
    inference = official_module()
    enc = inference.SEStyleEmbedding(pretrained_path=d, device="cpu", dtype=torch.float32)
    official = [enc.get_style_embedding(p)[0].tolist() for p in paths]
    del enc
    import export_style_encoder
    export_style_encoder.main(["--model", d, "--out", os.path.join(out, "se.pt"), "--dtype", "float32"])
    return {"export": "se.pt", "preprocess": "SE", "official": official,
            "model": "CLIPVisionModelWithProjection (transformers %s), assumed config %s, seeded random weights, "
                     "float32" % (transformers.__version__, json.dumps(SE_CONFIG))}


# DreamSim's training defaults for the LoRA adapter (ssundaram21/dreamsim@v0.2.1 training/train.py l.70-71, l.199-206);
# the released adapter_config.json sits in the checkpoint zip, which is not reachable here.
DINO_TREE = [None]  # --dino: the facebookresearch/dino tree torch.hub loads dino_vitb16 from (not on PYTHONPATH:
#                     its top-level utils.py would shadow other modules)
DREAMSIM_LORA = dict(r=16, lora_alpha=0.5, lora_dropout=0.3, bias="none", target_modules=["qkv"])


def part_dreamsim(work, out, paths, seed):
    """dreamsim(pretrained=True) of ssundaram21/dreamsim (the call of OneIG diversity_score.py l.21) on a cache folder
    laid out like the unzipped release: the three ViT-B/16 backbones' files with seeded random values (dino through
    torch.hub from --path's facebookresearch/dino tree, cached as facebookresearch_dino_main + checkpoints/), and
    ensemble_lora/ saved by peft from a seeded random LoRA over PerceptualModel (lora_B non-zero, so it matters)."""
    import shutil
    import dreamsim as ds
    from dreamsim.config import dreamsim_args
    from dreamsim.feature_extraction.vision_transformer import DINOHead, vit_base
    from dreamsim.model import PerceptualModel
    from peft import LoraConfig, get_peft_model
    cache = os.path.join(out, "dreamsim_models")
    os.makedirs(os.path.join(cache, "checkpoints"), exist_ok=True)
    torch.manual_seed(seed)
    dino_src = DINO_TREE[0]
    hub_repo = os.path.join(cache, "facebookresearch_dino_main")
    if not os.path.isdir(hub_repo):
        shutil.copytree(dino_src, hub_repo, ignore=shutil.ignore_patterns("__pycache__"))
    torch.hub.set_dir(cache)
    dino = torch.hub.load("facebookresearch/dino:main", "dino_vitb16", pretrained=False)
    torch.save(dino.state_dict(), os.path.join(cache, "checkpoints", "dino_vitbase16_pretrain.pth"))
    head = {k.replace("weight_v", "weight"): v for k, v in DINOHead(768, 2048).state_dict().items()
            if not k.endswith("weight_g")}
    torch.save({"student": {"module.head." + k: v for k, v in head.items()}},
               os.path.join(cache, "dino_vitb16_pretrain.pth"))
    for name in ["clip_vitb16_pretrain.pth.tar", "open_clip_vitb16_pretrain.pth.tar"]:
        vit = vit_base(patch_size=16)
        vit.pos_drop = torch.nn.LayerNorm(vit.embed_dim)
        sd = vit.state_dict()
        sd["proj"] = torch.randn(768, 512) * 768 ** -0.5
        torch.save({"state_dict": sd}, os.path.join(cache, name))
    base = PerceptualModel(**dreamsim_args["model_config"]["ensemble"], device="cpu", load_dir=cache,
                           normalize_embeds=True)
    lora = get_peft_model(base, LoraConfig(**DREAMSIM_LORA))
    with torch.no_grad():
        for n, prm in lora.named_parameters():
            if "lora_B" in n:
                prm.normal_(0, 0.02)
    lora.save_pretrained(os.path.join(cache, "ensemble_lora"))
    del dino, base, lora
    model, preprocess = ds.dreamsim(pretrained=True, device="cpu", cache_dir=cache)
    official, distances = [], []
    with torch.no_grad():
        tensors = [preprocess(Image.open(p)) for p in paths]
        for t in tensors:
            official.append(model.embed(t)[0].tolist())
        for i in range(len(paths)):  # the official distance, diversity_score.py l.24-26
            distances.append(model(tensors[i], tensors[(i + 1) % len(paths)]).item())
    del model
    import export_dreamsim
    export_dreamsim.main(["--out", os.path.join(out, "dreamsim.pt"), "--cache-dir", cache])
    return {"export": "dreamsim.pt", "preprocess": "DREAMSIM", "official": official,
            "official_distance_next": distances,
            "model": "dreamsim(pretrained=True) ensemble (dino_vitb16 + clip_vitb16 + open_clip_vitb16, LoRA %s), "
                     "seeded random weights" % json.dumps(DREAMSIM_LORA)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--oneig", required=True, help="the official OneIG-Bench/OneIG-Benchmark tree")
    ap.add_argument("--out", required=True)
    ap.add_argument("--parts", default="csd,se,dreamsim")
    ap.add_argument("--dino", help="facebookresearch/dino tree (for the dreamsim part)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--images", type=int, default=8)
    a = ap.parse_args(argv)
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))
    DINO_TREE[0] = a.dino
    install_stubs()
    paths = images(out, a.images, a.seed)
    work = official_work(a.oneig, out)
    parts = {}
    for name in a.parts.split(","):
        fn = {"csd": part_csd, "se": part_se, "dreamsim": part_dreamsim}[name]
        parts[name] = fn(work, out, paths, a.seed)
        print(f"{name}: {len(parts[name]['official'])} official embeddings of dim "
              f"{len(parts[name]['official'][0])}", flush=True)
    with open(os.path.join(out, "manifest.json"), "w") as fp:
        json.dump({"torch": torch.__version__, "seed": a.seed, "images": [os.path.basename(p) for p in paths],
                   "parts": parts}, fp)
    print(f"{out}/manifest.json: {len(paths)} images, parts {list(parts)}")


if __name__ == "__main__":
    main()
