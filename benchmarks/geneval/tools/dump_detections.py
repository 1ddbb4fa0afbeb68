#!/usr/bin/env python3
"""Dump GenEval detections + CLIP colours for the `geneval-detections` scorer (docs/geneval.md).

Run it INSIDE the official GenEval environment (mmdet 2.x, open-clip-torch 2.20, clip_benchmark, a CUDA GPU):

    python dump_detections.py IMAGE_DIR --geneval-dir /path/to/geneval/evaluation --out detections.jsonl \
        [--model-path DIR_WITH_CHECKPOINT] [--model-config CONFIG.py] [--options key=value ...] [--min-score 0.3]

IMAGE_DIR is a folder in the official layout (`<IMAGE_DIR>/<digits>/metadata.jsonl` + `samples/<digits>.png`),
for example a run's `exports/geneval/<variant>/`. The detector and the colour classifier are the official ones:
this script imports the official `evaluate_images.py` from --geneval-dir and calls its `load_models`,
`inference_detector` and `color_classification`; it re-implements none of them.

Output: one JSON line per distinct image (sha256 of the PNG bytes):
    {"image_sha256": "<hex>", "detections": [{"class": "dog", "box": [x1, y1, x2, y2], "score": 0.97,
                                              "color": "brown"}, ...]}
Every detector row with score > --min-score (default 0.3, the lowest official threshold) is written. "color" is
written only for classes that an `include` requirement of the image's metadata asks a colour for (every row of
those classes); other rows carry no colour. Identical image bytes found under several prompts give one line whose
colour classes are the union over those prompts (the importer refuses a second line for the same sha256).

Crash safety / resume: lines are appended to --out, each one flushed and fsync'ed before the next image starts.
On start, an existing --out is read; images whose sha256 already has a line are skipped. If the last line was torn
by a crash (no trailing newline, or not valid JSON), the file is first rewritten without it through a temp file +
os.replace (atomic), and that image is done again. A damaged line anywhere else is an error, not silently dropped.

Python 3.9 compatible, stdlib only outside the official module.
"""

import argparse
import hashlib
import importlib
import json
import os
import re
import sys

DEFAULT_MIN_SCORE = 0.3
DEFAULT_OPTIONS = {"bgcolor": "#999", "crop": "1", "clip_model": "ViT-L-14",
                   "model": "mask2former_swin-s-p4-w7-224_lsj_8x2_50e_coco"}
# Relative to the directory of the installed mmdet package, as the official parse_args defaults it.
DEFAULT_CONFIG_FROM_MMDET = os.path.join("..", "configs", "mask2former",
                                         "mask2former_swin-s-p4-w7-224_lsj_8x2_50e_coco.py")
_SAMPLE_NAME = re.compile(r"\d+\.png")  # the official accepts re.match (prefix, no "$")


# ---------------------------------------------------------------------------------------------------------------
# Layout, selection and output: plain functions, no torch/mmdet/numpy.
# ---------------------------------------------------------------------------------------------------------------

class ImageRef(object):
    """One image of the official layout."""

    def __init__(self, folder, sample, path, metadata):
        self.folder = folder      # e.g. "00012"
        self.sample = sample      # file name, e.g. "0003.png"
        self.path = path
        self.metadata = metadata  # the folder's metadata.jsonl (one JSON object)

    def __repr__(self):
        return "ImageRef(%r, %r)" % (self.folder, self.sample)


def walk_layout(imagedir):
    """The images the official `main` would score, in sorted (deterministic) order.

    Same acceptance as the official evaluator: sub-entries that are directories with an all-digit name; in each,
    metadata.jsonl read as one JSON object; files in samples/ whose name starts with digits + ".png".
    """
    refs = []
    for folder in sorted(os.listdir(imagedir)):
        folderpath = os.path.join(imagedir, folder)
        if not (folder.isdigit() and os.path.isdir(folderpath)):
            continue
        with open(os.path.join(folderpath, "metadata.jsonl")) as fp:
            metadata = json.load(fp)
        samples = os.path.join(folderpath, "samples")
        for name in sorted(os.listdir(samples)):
            path = os.path.join(samples, name)
            if _SAMPLE_NAME.match(name) and os.path.isfile(path):
                refs.append(ImageRef(folder, name, path, metadata))
    return refs


def colour_classes(metadata):
    """Class names whose rows need a colour: those of every `include` requirement carrying a "color" key."""
    return set(req["class"] for req in metadata.get("include", []) if "color" in req)


def file_sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as fp:
        for chunk in iter(lambda: fp.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def plan_images(refs, sha_fn=file_sha256):
    """Group images by sha256 of their bytes, in first-seen order.

    Returns a list of (sha, path, colour class set); the set is the union over every copy of those bytes.
    """
    order = []
    by_sha = {}
    for ref in refs:
        sha = sha_fn(ref.path)
        if sha not in by_sha:
            by_sha[sha] = (ref.path, set())
            order.append(sha)
        by_sha[sha][1].update(colour_classes(ref.metadata))
    return [(sha, by_sha[sha][0], by_sha[sha][1]) for sha in order]


def split_result(result):
    """(bbox, segm) from what `inference_detector` returned, read the way the official `evaluate_image` does:
    a tuple gives bbox first and segm second (None when absent); anything else is bbox alone, without masks."""
    if not isinstance(result, tuple):
        return result, None
    return result[0], (result[1] if len(result) > 1 else None)


def kept_rows(class_rows, min_score):
    """Indices k of rows (x1, y1, x2, y2, score, ...) with score strictly above min_score, in detector order.

    Iterates rows, so plain nested lists work as well as an (N, 5) array. The score is compared as a Python float:
    for a float32 score this keeps a superset of what the official float32 comparison `> 0.3` keeps (float32(0.3)
    is slightly above 0.3), and the importer applies the real thresholds itself.
    """
    return [k for k, row in enumerate(class_rows) if float(row[4]) > min_score]


def image_detections(bbox, segm, classnames, needs_colour, min_score, classify, open_image, path):
    """The "detections" list of one image.

    classify(image, row, mask, classname) -> colour name, called once per kept row of a class in needs_colour
    (row = the detector row as returned, mask = segm[c][k] or None). open_image(path) is called at most once, and
    only if some row needs a colour.
    """
    out = []
    image = None
    for c, name in enumerate(classnames):
        rows = bbox[c]
        for k in kept_rows(rows, min_score):
            row = rows[k]
            det = {"class": name, "box": [float(row[i]) for i in range(4)], "score": float(row[4])}
            if name in needs_colour:
                if image is None:
                    image = open_image(path)
                mask = None if segm is None else segm[c][k]
                det["color"] = classify(image, row, mask, name)
            out.append(det)
    return out


def format_line(sha, detections):
    """One output line (with its newline), in the format of docs/geneval.md "Recorded detections"."""
    return json.dumps({"image_sha256": sha, "detections": detections}, allow_nan=False) + "\n"


def _fsync_dir(path):
    try:
        fd = os.open(path or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def load_done(out_path):
    """sha256 set of the images --out already holds; repairs a torn last line atomically (see module doc)."""
    if not os.path.exists(out_path):
        return set()
    with open(out_path, "rb") as fp:
        data = fp.read()
    pieces = data.split(b"\n")
    complete, tail = pieces[:-1], pieces[-1]  # tail: bytes after the last newline ("" when the file ends in one)
    done = set()
    good = []
    torn = bool(tail.strip())
    for i, raw in enumerate(complete):
        if not raw.strip():
            continue
        try:
            sha = json.loads(raw.decode("utf-8"))["image_sha256"]
        except (ValueError, KeyError, TypeError):
            if i == len(complete) - 1 and not tail.strip():
                torn = True  # a damaged line that ends the file: treat it as torn too
                continue
            raise SystemExit("%s:%d: not a detections line; fix or remove the file" % (out_path, i + 1))
        if sha in done:
            raise SystemExit("%s:%d: a second line for image %s" % (out_path, i + 1, sha))
        done.add(sha)
        good.append(raw + b"\n")
    if torn:
        tmp = out_path + ".tmp"
        with open(tmp, "wb") as fp:
            fp.write(b"".join(good))
            fp.flush()
            os.fsync(fp.fileno())
        os.replace(tmp, out_path)
        _fsync_dir(os.path.dirname(out_path))
        sys.stderr.write("%s: dropped a torn last line; that image will be done again\n" % out_path)
    return done


def dump(plan, out_path, detect, classify, open_image, classnames, min_score=DEFAULT_MIN_SCORE, log=None):
    """Write one line per planned image not already in out_path. detect(path) -> inference_detector's result.

    Returns the number of lines written by this call.
    """
    log = sys.stderr if log is None else log
    parent = os.path.dirname(out_path)
    if parent:
        os.makedirs(parent, exist_ok=True)
    done = load_done(out_path)
    todo = [p for p in plan if p[0] not in done]
    total = len(plan)
    log.write("%d images, %d already in %s, %d to do\n" % (total, total - len(todo), out_path, len(todo)))
    if not todo:
        return 0
    created = not os.path.exists(out_path)
    written = 0
    with open(out_path, "a", encoding="utf-8") as fp:
        if created:
            _fsync_dir(parent)
        for sha, path, needs_colour in todo:
            bbox, segm = split_result(detect(path))
            dets = image_detections(bbox, segm, classnames, needs_colour, min_score, classify, open_image, path)
            fp.write(format_line(sha, dets))
            fp.flush()
            os.fsync(fp.fileno())
            written += 1
            log.write("%d/%d %s\n" % (total - len(todo) + written, total, path))
            log.flush()
    return written


# ---------------------------------------------------------------------------------------------------------------
# The official environment: import evaluate_images.py and use its functions.
# ---------------------------------------------------------------------------------------------------------------

def load_official(geneval_dir, model_config, model_path, options):
    """Import the official evaluate_images module and set the globals its functions read."""
    for name in ("evaluate_images.py", "object_names.txt"):
        if not os.path.isfile(os.path.join(geneval_dir, name)):
            raise SystemExit("--geneval-dir %s has no %s (expected geneval/evaluation)" % (geneval_dir, name))
    sys.path.insert(0, os.path.abspath(geneval_dir))
    ev = importlib.import_module("evaluate_images")
    if model_config is None:
        model_config = os.path.join(os.path.dirname(ev.mmdet.__file__), DEFAULT_CONFIG_FROM_MMDET)
    ev.args = argparse.Namespace(options=options, model_config=model_config, model_path=model_path)
    ev.object_detector, (ev.clip_model, ev.transform, ev.tokenizer), ev.classnames = ev.load_models(ev.args)
    return ev


def official_functions(ev):
    """detect, classify, open_image bound to the official module."""
    def detect(path):
        return ev.inference_detector(ev.object_detector, path)

    def classify(image, row, mask, classname):
        return ev.color_classification(image, [(row, mask)], classname)[0]

    def open_image(path):
        return ev.ImageOps.exif_transpose(ev.Image.open(path))

    return detect, classify, open_image


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("imagedir", help="image folder in the official GenEval layout")
    p.add_argument("--out", required=True, help="output JSONL (appended to; existing images are skipped)")
    p.add_argument("--geneval-dir", required=True, help="the official geneval/evaluation folder")
    p.add_argument("--model-config", default=None, help="mmdet config (default: the official one)")
    p.add_argument("--model-path", default="./", help="folder holding <model>.pth (official --model-path)")
    p.add_argument("--options", nargs="*", default=[], help="official --options key=value (model, clip_model, "
                   "bgcolor, crop); defaults are the official ones")
    p.add_argument("--min-score", type=float, default=DEFAULT_MIN_SCORE,
                   help="write rows with score > this (default 0.3, the lowest official threshold)")
    args = p.parse_args(argv)
    options = dict(DEFAULT_OPTIONS)
    for opt in args.options:
        if "=" not in opt:
            p.error("--options expects key=value, got %r" % opt)
        key, value = opt.split("=", 1)
        options[key] = value
    args.options = options
    return args


def main(argv=None):
    args = parse_args(argv)
    plan = plan_images(walk_layout(args.imagedir))
    if not plan:
        raise SystemExit("no images in %s (expected <digits>/metadata.jsonl + samples/<digits>.png)" % args.imagedir)
    if not [p for p in plan if p[0] not in load_done(args.out)]:
        sys.stderr.write("%d/%d: every image is already in %s\n" % (len(plan), len(plan), args.out))
        return 0
    ev = load_official(args.geneval_dir, args.model_config, args.model_path, args.options)
    detect, classify, open_image = official_functions(ev)
    dump(plan, args.out, detect, classify, open_image, ev.classnames, args.min_score)
    return 0


if __name__ == "__main__":
    sys.exit(main())
