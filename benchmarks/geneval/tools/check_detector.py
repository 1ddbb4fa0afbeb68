"""Detector part of GenEval's real-architecture check (check_real_architecture.py --parts detector; docs/geneval.md,
"Real-architecture check"). Writes OUT/detector/manifest.json with the official detections, which the Java half
(RealArchitectureCheckTest) compares with `TorchScriptDetector` running the export.

Steps, each through the official code unless said otherwise:
  1. a checkpoint with seeded random weights: the model of the config evaluate_images.py defaults to
     (<mmdet>/../configs/mask2former/mask2former_swin-s-p4-w7-224_lsj_8x2_50e_coco.py, l.38-42) is built with
     `build_detector` under torch.manual_seed(seed) (PyTorch's default initialisation of every layer); only the
     class head `panoptic_head.cls_embed` is changed: its weight is multiplied by CLS_WEIGHT_SCALE and its bias
     gets N(0, CLS_BIAS_STD) for the 80 classes and NO_OBJECT_BIAS for the no-object column, so that each random
     query gets a confident class of its own and many detections score above GenEval's 0.3 threshold (with
     untouched weights every score is about 1/81; with a large bias alone every query picks the same class);
     the checkpoint carries meta.CLASSES like the released one;
  2. the official `init_detector(config, checkpoint, device="cpu")` (l.62-64) loads it (mmdet's load_checkpoint);
  3. `cv2_resize_linear_u8` of the export is checked bit for bit against cv2.resize(INTER_LINEAR) (what
     mmcv.imrescale calls) on the images' sizes and RESIZE_PROBES random sizes, run through TorchScript as the
     export runs it (scripted, after warm-up calls so that the optimising executor is the one tested);
  4. per image (PNG written by Pillow, 8-bit RGB): the official `inference_detector(model, path)` (l.224), i.e.
     cv2.imread + the config's test pipeline + Mask2Former.simple_test; every row of every class is recorded
     (bbox[c][k] = x1, y1, x2, y2, score; segm[c][k] packed in OUT/detector/image_NN_masks.bin, rows in manifest
     order, each mask np.packbits of the (H, W) bool array, big-endian bit order);
  5. the project's export_mask2former.py on the same config and checkpoint (its own init_detector call), traced for
     the images' sizes (on random inputs, not on these images); the export is then run here in TorchScript on the
     first --python-export-images images and compared like the Java half does (`compare` below), so a Java-only
     difference can be told from an export difference.
"""
import json
import os
import random
import time

import numpy as np
import torch

import export_mask2former
import mmdet_cpu_standins

CLS_WEIGHT_SCALE = 8.0
CLS_BIAS_STD = 1.0
NO_OBJECT_BIAS = -4.0
RESIZE_PROBES = 40
CONFIG = "mask2former_swin-s-p4-w7-224_lsj_8x2_50e_coco.py"
SCORE_FLOOR = 1e-2  # relative score differences are taken over max(|official|, SCORE_FLOOR)


def official_config():
    """The path evaluate_images.py's parse_args builds when --model-config is not given (l.38-42)."""
    import mmdet
    return os.path.join(os.path.dirname(mmdet.__file__), "../configs/mask2former", CONFIG)


def random_checkpoint(config, path, seed):
    import mmcv
    from mmdet.datasets import CocoDataset
    from mmdet.models import build_detector
    cfg = mmcv.Config.fromfile(config)
    torch.manual_seed(seed)
    model = build_detector(cfg.model)
    head = model.panoptic_head.cls_embed
    gen = torch.Generator().manual_seed(seed + 1)
    with torch.no_grad():
        head.weight.mul_(CLS_WEIGHT_SCALE)
        head.bias[:-1] = torch.randn(head.bias.shape[0] - 1, generator=gen) * CLS_BIAS_STD
        head.bias[-1] = NO_OBJECT_BIAS
    torch.save({"state_dict": model.state_dict(), "meta": {"CLASSES": CocoDataset.CLASSES}}, path)
    del model


def check_resize(sizes, seed):
    """export_mask2former.cv2_resize_linear_u8 (scripted, warmed up) vs cv2.resize on uint8 BGR images."""
    import cv2
    fn = torch.jit.script(export_mask2former.cv2_resize_linear_u8)
    for _ in range(3):  # the profiling executor optimises (and fuses) after its first runs
        fn(torch.zeros(3, 41, 53, dtype=torch.int64), 71, 59)
    rng = np.random.default_rng(seed)
    probes = list(sizes) + [tuple(int(v) for v in rng.integers(16, 1400, size=2)) for _ in range(RESIZE_PROBES)]
    probes += [(1600, 1600), (1333, 800), (2 * 667, 2 * 400)]  # 2x down (INTER_AREA shortcut), identity, 2x down
    equal = 0
    failures = []
    for w, h in probes:
        img = rng.integers(0, 256, size=(h, w, 3), dtype=np.uint8)
        nw, nh = export_mask2former.rescale_size(w, h)
        ref = cv2.resize(img, (nw, nh), interpolation=cv2.INTER_LINEAR)
        out = fn(torch.from_numpy(img).permute(2, 0, 1).to(torch.int64), nw, nh).permute(1, 2, 0).numpy()
        if out.shape == ref.shape and np.array_equal(out, ref.astype(np.int64)):
            equal += 1
        else:
            failures.append(f"{w}x{h}->{nw}x{nh}")
    return {"sizes": len(probes), "bit_equal": equal, "failures": failures, "opencv": cv2.__version__}


def official_rows(bbox, segm):
    rows, masks = [], []
    for c in range(len(bbox)):
        for k in range(bbox[c].shape[0]):
            rows.append({"class": c, "box": [float(v) for v in bbox[c][k, :4]], "score": float(bbox[c][k, 4])})
            masks.append(np.asarray(segm[c][k], dtype=bool))
    return rows, masks


def export_rows(module, rgb):
    x = torch.from_numpy(rgb).permute(2, 0, 1).unsqueeze(0).to(torch.float32)
    with torch.no_grad():
        boxes, scores, labels, masks = module(x)
    rows = [{"class": int(labels[i]), "box": [float(v) for v in boxes[i]], "score": float(scores[i])}
            for i in range(scores.shape[0])]
    return rows, [m.numpy() for m in masks]


def compare(official, official_masks, export, export_masks, tolerance=1e-4):
    """Pairs rows of the same class and measures: relative score difference (over max(|official|, SCORE_FLOOR)),
    relative box difference (over max(|official coordinate|, 1)), and mask pixels that differ. Each official row,
    by descending score, takes among the unpaired export rows of its class whose score is within `tolerance` the
    one with the fewest differing mask pixels (two queries of one class can score within 1e-6 of each other: by
    score alone they would swap), else the one with the closest score."""
    by_class = {}
    for j, r in enumerate(export):
        by_class.setdefault(r["class"], []).append(j)
    worst_score = worst_box = 0.0
    mask_pixels = 0
    unmatched = 0
    for i in sorted(range(len(official)), key=lambda i: -official[i]["score"]):
        o = official[i]
        cands = by_class.get(o["class"], [])
        if not cands:
            unmatched += 1
            continue
        def rel(j):
            return abs(export[j]["score"] - o["score"]) / max(abs(o["score"]), SCORE_FLOOR)
        close = [j for j in cands if rel(j) <= tolerance]
        if close:
            j = min(close, key=lambda j: int(np.count_nonzero(official_masks[i] != export_masks[j])))
        else:
            j = min(cands, key=rel)
        cands.remove(j)
        e = export[j]
        worst_score = max(worst_score, abs(e["score"] - o["score"]) / max(abs(o["score"]), SCORE_FLOOR))
        worst_box = max(worst_box, max(abs(a - b) / max(abs(b), 1.0) for a, b in zip(e["box"], o["box"])))
        mask_pixels += int(np.count_nonzero(official_masks[i] != export_masks[j]))
    unmatched += sum(len(v) for v in by_class.values())
    return {"rows": len(official), "export_rows": len(export), "unmatched": unmatched,
            "max_rel_score_diff": worst_score, "max_rel_box_diff": worst_box, "mask_pixels_differing": mask_pixels}


def detector_part(a, official, sizes, scene):
    import cv2
    import mmcv
    import mmdet
    from PIL import Image
    out = os.path.join(a.out, "detector")
    os.makedirs(out, exist_ok=True)
    random.seed(a.seed)
    config = official_config()
    ckpt = os.path.join(out, "random_mask2former_swin-s.pth")
    random_checkpoint(config, ckpt, a.seed)
    t0 = time.time()
    model = official.init_detector(config, ckpt, device="cpu")  # as load_models does (l.62-64), DEVICE "cpu"
    print(f"init_detector: {time.time() - t0:.1f}s", flush=True)

    sizes = [sizes[i % len(sizes)] for i in range(max(a.images, 8))]
    resize = check_resize(sizes, a.seed)
    print(f"cv2 resize reproduced bit for bit on {resize['bit_equal']}/{resize['sizes']} sizes", flush=True)
    if resize["failures"]:
        raise SystemExit(f"export_mask2former.cv2_resize_linear_u8 differs from cv2.resize on {resize['failures']}")

    rng = np.random.default_rng(a.seed + 100)
    records = []
    official_masks = []
    for i, (w, h) in enumerate(sizes):
        image, _ = scene(rng, w, h, 3)
        name = f"image_{i:02d}.png"
        path = os.path.join(out, name)
        image.save(path)
        same_pixels = bool(np.array_equal(cv2.imread(path)[:, :, ::-1], np.asarray(Image.open(path).convert("RGB"))))
        t0 = time.time()
        result = official.inference_detector(model, path)  # evaluate_image l.224
        took = time.time() - t0
        bbox = result[0] if isinstance(result, tuple) else result  # l.225-226
        segm = result[1] if isinstance(result, tuple) and len(result) > 1 else None
        rows, masks = official_rows(bbox, segm)
        mask_file = f"image_{i:02d}_masks.bin"
        with open(os.path.join(out, mask_file), "wb") as fp:
            for m in masks:
                fp.write(np.packbits(m.reshape(-1)).tobytes())
        official_masks.append(masks)
        above = sum(r["score"] > 0.3 for r in rows)
        records.append({"image": name, "width": w, "height": h, "masks": mask_file, "rows": rows,
                        "cv2_equals_pillow_rgb": same_pixels})
        print(f"{name} {w}x{h}: {len(rows)} rows in {len({r['class'] for r in rows})} classes, {above} above 0.3, max score "
              f"{max(r['score'] for r in rows):.3f}, cv2 == Pillow pixels: {same_pixels} ({took:.1f}s)", flush=True)
    if mmdet_cpu_standins.CALLS:
        raise SystemExit(f"the official CPU inference called stand-ins: {mmdet_cpu_standins.CALLS}")

    det = os.path.join(out, "mask2former.pt")
    if not (a.reuse_export and os.path.isfile(det)):
        t0 = time.time()
        export_mask2former.main(["--config", config, "--checkpoint", ckpt, "--out", det,
                                 "--sizes", ",".join(f"{w}x{h}" for w, h in sorted(set(sizes)))])
        print(f"export: {time.time() - t0:.1f}s, {os.path.getsize(det) / 2**20:.0f} MiB", flush=True)
    # Debian's torch 2.6 fuses TorchScript graphs on CPU after two profiling runs (NNC), and that fuser has
    # miscompiled `round().to(int64)` (see export_mask2former.bgr_u8); the Python-side runs use the unfused
    # executor, so that what they measure is the export. The Java half runs DJL's own libtorch as it comes.
    torch._C._jit_set_texpr_fuser_enabled(False)
    module = torch.jit.load(det)
    python_side = []
    for rec, masks in list(zip(records, official_masks))[:a.python_export_images]:
        rgb = np.asarray(Image.open(os.path.join(out, rec["image"])).convert("RGB"))
        rows, emasks = export_rows(module, rgb)
        c = compare(rec["rows"], masks, rows, emasks)
        c["image"] = rec["image"]
        python_side.append(c)
        print(f"TorchScript in Python vs official, {rec['image']}: {c}", flush=True)
    if mmdet_cpu_standins.CALLS:
        raise SystemExit(f"the export called stand-ins: {mmdet_cpu_standins.CALLS}")

    manifest = {
        "model": "Mask2Former Swin-S (%s, mmdet %s, mmcv %s), seeded random weights, seed %d, cls_embed weight "
                 "x%g, bias N(0, %g), no-object bias %g" % (CONFIG, mmdet.__version__, mmcv.__version__, a.seed,
                                                            CLS_WEIGHT_SCALE, CLS_BIAS_STD, NO_OBJECT_BIAS),
        "torch": torch.__version__, "num_classes": 80, "export": "mask2former.pt",
        "resize_check": resize, "standin_calls": len(mmdet_cpu_standins.CALLS),
        "python_export_vs_official": python_side, "score_floor": SCORE_FLOOR, "images": records}
    tmp = os.path.join(out, "manifest.json.tmp")
    with open(tmp, "w") as fp:
        json.dump(manifest, fp, indent=1)
    os.replace(tmp, os.path.join(out, "manifest.json"))
    os.remove(ckpt)
    print(f"{out}/manifest.json: {len(records)} images, {sum(len(r['rows']) for r in records)} official rows")
