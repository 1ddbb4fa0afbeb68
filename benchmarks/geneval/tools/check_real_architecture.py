#!/usr/bin/env python3
"""Python half of GenEval's real-architecture check (check_real_architecture.sh runs both halves; docs/geneval.md).

Two parts (--parts clip,detector); the detector part lives in check_detector.py.

CLIP part: it builds the REAL CLIP ViT-L/14 through the official loading path with seeded random weights, scores masked
object crops with the official `color_classification` of djghosh13/geneval evaluation/evaluate_images.py (imported
unchanged from --geneval), runs the project's export script (export_clip.py) on the same model, and writes a
manifest that the Java half (RealArchitectureCheckTest) scores through `ClipColorClassifier`.

How the official code runs here, and nothing else is changed:
  * the OpenAI weights cannot be downloaded: open_clip's `download_pretrained_from_url` (as imported by
    open_clip/openai.py) is pointed at a state dict of the same shapes with seeded random values, so
    `create_model_and_transforms("ViT-L-14", pretrained="openai")` takes the official path (load_openai_model,
    build_model_from_openai_state_dict with QuickGELU, fp16 round trip, .float());
  * evaluate_images.py imports mmdet at module level and asserts CUDA (l.19-20, l.47-48): mmdet is replaced by an
    empty module (the detector is not part of this check), `torch.cuda.is_available` answers True while the module
    is imported, and the module's DEVICE is then set to "cpu" (clip_benchmark's amp autocast is a no-op on CPU,
    so both sides run float32);
  * clip_benchmark.metrics.zeroshot_classification imports sklearn.metrics for functions the colour path never
    calls: an empty sklearn.metrics stands in;
  * pandas (l.16, used only by main() to write the results file), when missing, is an empty module too;
  * `zsc.run_classification` is wrapped to keep the logits it returns (the official function returns only the
    argmax colours).

Detector part (check_detector.py, output in OUT/detector): the REAL Mask2Former (mmdet 2.x, Swin-S, the config
evaluate_images.py defaults to, l.38-42) with seeded random weights written as a checkpoint and loaded by the official
`init_detector(config, checkpoint, device)` (l.62-64) on CPU; the official `inference_detector(model, path)` (l.224)
on 8 images; the project's export_mask2former.py on the same checkpoint; the export is run here too (TorchScript
in Python) and the Java half (RealArchitectureCheckTest) runs it through `TorchScriptDetector`. mmcv-full's compiled
`mmcv._ext` and pycocotools are stand-ins whose every function raises (mmdet_cpu_standins.py): the run proves that
the CPU inference path never calls them. mmdet is then the real one, so the CLIP part's `load_models` gets a no-op
`init_detector` (the colour check needs no detector).

    python3 check_real_architecture.py --geneval GENEVAL_TREE --out DIR [--parts clip,detector] [--seed 0]
        [--images 8]
(PYTHONPATH: open_clip/src, clip_benchmark, ftfy, wcwidth; for the detector part also mmcv 1.7.1, an mmdetection
2.x tree, addict; python3-torch, torchvision, PIL, regex, numpy, python3-opencv, yapf, terminaltables, matplotlib.)
"""
import argparse
import importlib.machinery
import importlib.util
import json
import os
import sys
import types

import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import export_clip  # noqa: E402  (the project's export script, run unchanged below)

# (width, height) of the test images: square, landscape, portrait, odd sizes, one large like BAGEL's output.
SIZES = [(512, 512), (640, 480), (333, 517), (1024, 1024), (301, 299), (768, 512), (256, 400), (517, 333),
         (448, 448), (600, 360), (384, 640), (500, 500)]
# Two classes keep the run short on a shared 2-core machine (each class costs the official text classifier twice:
# the official color_classification and the export); a two-word class exercises the template filling.
CLASSES = ["dog", "teddy bear"]
# Objects per image: mostly one (each crop is a ViT-L/14 forward); two images with 2 and 3 objects check the batch
# order, and the third object of a 3-object image has no mask (the official crop then keeps the whole image).
OBJECTS = [1, 2, 1, 3, 1, 1, 1, 1, 1, 1, 1, 1]
# Detector images (width, height): three 1024x1024 (what BAGEL and IRG write; resized to 800x800), 512x512 and
# 400x400 (up-scaled to 800x800; 400 -> 800 is OpenCV's exact 2x case), 640x480 and 768x576 (both 1067x800, padded
# to 1088x800) and 333x517 (800x1242, padded to 800x1248). Each distinct padded size costs one trace in the export
# and a Swin-S forward costs minutes on the shared 2-core machine, hence three padded sizes.
SIZES_DETECTOR = [(1024, 1024), (640, 480), (333, 517), (512, 512), (1024, 1024), (400, 400), (768, 576),
                  (1024, 1024)]


def stub(name):
    m = types.ModuleType(name)
    m.__spec__ = importlib.machinery.ModuleSpec(name, None)  # torch._dynamo calls find_spec on loaded modules
    return m


def install_stubs(real_mmdet=False):
    import torchvision  # noqa: F401  (imported before the stubs exist, so its import-time scans never see them)
    if real_mmdet:
        import mmdet_cpu_standins
        mmdet_cpu_standins.install_mmcv_ext()
        mmdet_cpu_standins.install_pycocotools()
    mmdet = stub("mmdet")
    mmdet.__file__ = os.path.join(HERE, "mmdet-not-used", "__init__.py")
    apis = stub("mmdet.apis")

    def no_detector(*a, **k):
        return None
    apis.init_detector = no_detector
    apis.inference_detector = no_detector
    mmdet.apis = apis
    if not real_mmdet:
        sys.modules.setdefault("mmdet", mmdet)
        sys.modules.setdefault("mmdet.apis", apis)
    if importlib.util.find_spec("pandas") is None:
        sys.modules["pandas"] = stub("pandas")  # evaluate_images.py l.16; only main() uses it (the results file)
    if importlib.util.find_spec("sklearn") is None:
        sk = stub("sklearn")
        skm = stub("sklearn.metrics")
        skm.classification_report = skm.balanced_accuracy_score = None
        sk.metrics = skm
        sys.modules["sklearn"] = sk
        sys.modules["sklearn.metrics"] = skm


def random_openai_weights(path, seed):
    """A state dict with the keys and shapes of OpenAI's ViT-L/14 checkpoint, seeded random values."""
    import open_clip
    torch.manual_seed(seed)
    model = open_clip.create_model("ViT-L-14", pretrained=None, force_quick_gelu=True)
    torch.save(model.state_dict(), path)
    del model
    import open_clip.openai as oc_openai
    oc_openai.download_pretrained_from_url = lambda url, cache_dir=None: path


def import_official(geneval):
    path = os.path.join(geneval, "evaluation", "evaluate_images.py")
    spec = importlib.util.spec_from_file_location("evaluate_images", path)
    mod = importlib.util.module_from_spec(spec)
    real = torch.cuda.is_available
    torch.cuda.is_available = lambda: True  # l.47-48 assert a GPU at import time
    try:
        spec.loader.exec_module(mod)
    finally:
        torch.cuda.is_available = real
    mod.DEVICE = "cpu"
    return mod


def scene(rng, w, h, n_objects):
    """A noisy background with n coloured blobs; returns the image and [(box float32[5], bool mask | None)]."""
    img = rng.integers(0, 256, size=(h, w, 3), dtype=np.uint8)
    img = (img.astype(np.float32) * 0.3 + rng.integers(0, 256, size=3) * 0.7).astype(np.uint8)
    yy, xx = np.mgrid[0:h, 0:w]
    objects = []
    for k in range(n_objects):
        cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
        rx, ry = rng.uniform(0.08, 0.3) * w, rng.uniform(0.08, 0.3) * h
        mask = ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0
        colour = rng.integers(0, 256, size=3)
        img[mask] = np.clip(colour + rng.normal(0, 12, size=(int(mask.sum()), 3)), 0, 255).astype(np.uint8)
        ys, xs = np.nonzero(mask)
        # mmdet mask2bbox: x_max + 1, y_max + 1; a fractional shift exercises PIL's crop rounding.
        shift = 0.0 if k % 2 == 0 else 0.4
        box = np.array([xs.min() + shift, ys.min() + shift, xs.max() + 1 + shift, ys.max() + 1, 0.9],
                       dtype=np.float32)
        objects.append((box, None if (k == 2) else mask))
    return Image.fromarray(img, "RGB"), objects


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--geneval", required=True, help="the official djghosh13/geneval tree")
    ap.add_argument("--out", required=True)
    ap.add_argument("--parts", default="clip", help="comma separated: clip, detector")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--images", type=int, default=8)
    ap.add_argument("--python-export-images", type=int, default=2,
                    help="detector: also run the export in Python on the first N images (each costs a forward)")
    ap.add_argument("--reuse-export", action="store_true",
                    help="keep OUT's exports if present (an earlier run with the same seed)")
    a = ap.parse_args(argv)
    parts = [p for p in a.parts.split(",") if p]
    unknown = set(parts) - {"clip", "detector"}
    if unknown or not parts:
        ap.error(f"--parts: clip and/or detector, not {a.parts!r}")
    os.makedirs(a.out, exist_ok=True)
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))
    install_stubs(real_mmdet="detector" in parts)
    official = import_official(a.geneval)
    if "clip" in parts:
        clip_part(a, official)
    if "detector" in parts:
        import check_detector
        check_detector.detector_part(a, official, SIZES_DETECTOR, scene)


def clip_part(a, official):
    random_openai_weights(os.path.join(a.out, "random_vit_l14_openai_layout.pt"), a.seed)
    from clip_benchmark.metrics import zeroshot_classification as zsc

    captured = []
    run = zsc.run_classification

    def keep_logits(*args, **kwargs):
        pred, true = run(*args, **kwargs)
        captured.append(pred.clone())
        return pred, true
    zsc.run_classification = keep_logits

    # load_models as the official main does (l.145-146), then the globals color_classification reads.
    ns = argparse.Namespace(model_config="unused", model_path="unused", options={})
    init_detector = official.init_detector
    # with --parts detector mmdet is the real one: the colour check needs no detector
    official.init_detector = lambda *args, **kwargs: None
    try:
        _, (clip_model, transform, tokenizer), classnames = official.load_models(ns)
    finally:
        official.init_detector = init_detector
    official.args, official.clip_model, official.transform, official.tokenizer = ns, clip_model, transform, tokenizer

    rng = np.random.default_rng(a.seed)
    records = []
    for i in range(a.images):
        w, h = SIZES[i % len(SIZES)]
        image, objects = scene(rng, w, h, OBJECTS[i % len(OBJECTS)])
        name = f"image_{i:02d}.png"
        image.save(os.path.join(a.out, name))
        image = Image.open(os.path.join(a.out, name))  # as the official main opens it (l.227)
        cls = CLASSES[i % len(CLASSES)]
        colours = official.color_classification(image, objects, cls)
        logits = captured.pop().tolist()
        objs = []
        for k, (box, mask) in enumerate(objects):
            mask_file = None
            if mask is not None:
                mask_file = f"image_{i:02d}_mask_{k}.png"
                Image.fromarray(mask.astype(np.uint8) * 255, "L").save(os.path.join(a.out, mask_file))
            objs.append({"box": [float(v) for v in box[:4]], "mask": mask_file})
        records.append({"image": name, "class": cls, "objects": objs, "official_logits": logits,
                        "official_colors": colours})
        print(f"{name} {w}x{h} {cls}: {colours}", flush=True)
    del clip_model
    zsc.run_classification = run

    from open_clip.version import __version__ as open_clip_version
    manifest = {"model": "ViT-L-14 (open_clip %s, pretrained='openai' layout, seeded random weights, seed %d)"
                % (open_clip_version, a.seed), "torch": torch.__version__, "images": records}
    with open(os.path.join(a.out, "manifest.json"), "w") as fp:  # the official numbers, before the export runs
        json.dump(manifest, fp, indent=1)
    used = sorted({r["class"] for r in records})
    exported = all(os.path.isfile(os.path.join(a.out, f)) for f in ["clip_image.pt", "clip_text.json"])
    if a.reuse_export and exported:
        print("--reuse-export: keeping clip_image.pt and clip_text.json of an earlier run with the same seed")
    else:
        export_clip.main(["--object-names", os.path.join(a.geneval, "evaluation", "object_names.txt"),
                          "--classes", *used, "--image-out", os.path.join(a.out, "clip_image.pt"),
                          "--text-out", os.path.join(a.out, "clip_text.json"), "--device", "cpu"])
    os.remove(os.path.join(a.out, "random_vit_l14_openai_layout.pt"))
    print(f"{a.out}/manifest.json: {len(records)} images, "
          f"{sum(len(r['objects']) for r in records)} objects")


if __name__ == "__main__":
    main()
