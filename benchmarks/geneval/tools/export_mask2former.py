#!/usr/bin/env python3
"""Exports GenEval's detector (mmdet 2.x Mask2Former, Swin-S) to the TorchScript contract of `TorchScriptDetector`
(docs/geneval.md, "DJL back end", detector export contract).

    python3 export_mask2former.py --config CONFIG --checkpoint CKPT --out det.pt [--sizes 1024x1024,...]

Run it where the official evaluator runs (mmdet 2.x, mmcv-full 1.7): CONFIG is the config GenEval uses
(djghosh13/geneval@af4902f evaluation/evaluate_images.py l.38-42: <mmdet>/../configs/mask2former/
mask2former_swin-s-p4-w7-224_lsj_8x2_50e_coco.py) and CKPT the checkpoint of evaluation/download_models.sh; the
model is loaded with the official `init_detector(CONFIG, CKPT, device='cpu')` (l.62-64). The export is float32 on CPU.

The module takes one float32 tensor (1,3,H,W), RGB, 0..255 (the image as stored) and returns
(boxes (N,4) float32, scores (N) float32, labels (N) int64, masks (N,H,W) bool), N = 100 (test_cfg.max_per_image),
i.e. exactly what `inference_detector(model, path)` returns for an image file, flattened (the Java side regroups
them per class as mmdet's `bbox2result`/`mask2result` do). Inside it, in TorchScript (not traced, so any H, W):
  * mmdet's test pipeline (configs/mask2former/mask2former_r50_lsj_8x2_50e_coco.py l.43-57):
    Resize(img_scale=(1333, 800), keep_ratio=True) = mmcv.imrescale -> cv2.resize(INTER_LINEAR) on the uint8 BGR
    image, reproduced bit for bit (`cv2_resize_linear_u8` below: OpenCV's fixed-point bilinear, including its
    2x-downscale INTER_AREA shortcut); Pad(size_divisor=32, pad_val=128) BEFORE Normalize (that order is the
    config's); Normalize(mean, std, to_rgb=True) in float32 as mmcv.imnormalize_ does it (cv2.subtract /
    cv2.multiply with the scalar converted to float32);
  * the network (Swin-S backbone, MSDeformAttn pixel decoder, transformer decoder; `extract_feat` +
    `panoptic_head.forward`, last decoder layer) is TRACED, once per padded input size (--sizes names the image
    sizes to support; the sizes mapping to one padded size share one trace). Any other size is refused with an
    error that names the traced sizes;
  * MaskFormerHead.simple_test's upsampling to the padded size, MaskFormerFusionHead.simple_test's crop to the
    resized size and bilinear rescale to the original size (inference_detector passes rescale=True), and
    `instance_postprocess` (softmax without the no-object column, top-100 (query, class) pairs, mask > 0,
    det_score = cls_score * mask_score, `mask2bbox`), each as mmdet 2.26's code computes it (cited below).
"""
import argparse
import os
from typing import Dict, List, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor, nn

# mmdet 2.x config (mask2former_r50_lsj_8x2_50e_coco.py l.17-19, l.43-57).
# img_scale=(1333, 800); the TorchScript functions below spell the constants out (TorchScript reads no globals)
MEAN = (123.675, 116.28, 103.53)
STD = (58.395, 57.12, 57.375)
PAD_VAL = 128
SIZE_DIVISOR = 32



def rescale_size(w: int, h: int) -> Tuple[int, int]:
    """mmcv.image.geometric.rescale_size + _scale_size (mmcv@v1.7.1 geometric.py l.19-27, l.75-89)."""
    factor = min(1333.0 / float(max(h, w)), 800.0 / float(min(h, w)))
    return int(float(w) * factor + 0.5), int(float(h) * factor + 0.5)


def _linear_taps(src: int, dst: int, clamp_right: bool) -> Tuple[Tensor, Tensor, Tensor]:
    """OpenCV resizeGeneric_ set-up for INTER_LINEAR (resize.cpp, cv::hal::resize): per destination index the
    source index sx and the two fixed-point weights saturate_cast<short>(cbuf[k] * 2048), cbuf = (1 - fx, fx),
    fx = (float)((dx + 0.5) * scale - 0.5) - floor, scale = 1. / ((double) dst / src). Columns clamp (sx < 0 ->
    sx = 0, fx = 0; sx >= src - 1 -> sx = src - 1, fx = 0); rows keep fx and clamp the row indices instead."""
    scale = 1.0 / (float(dst) / float(src))
    d = torch.arange(dst, dtype=torch.float64)
    f = ((d + 0.5) * scale - 0.5).to(torch.float32)
    s = torch.floor(f)
    f = f - s
    si = s.to(torch.int64)
    if clamp_right:
        left = si < 0
        f = torch.where(left, torch.zeros_like(f), f)
        si = torch.where(left, torch.zeros_like(si), si)
        right = si >= src - 1
        f = torch.where(right, torch.zeros_like(f), f)
        si = torch.where(right, torch.full_like(si, src - 1), si)
    one = torch.ones_like(f)
    # INTER_RESIZE_COEF_SCALE = 1 << INTER_RESIZE_COEF_BITS (11); cvRound = round half to even
    return si, _round_half_even((one - f) * 2048.0), _round_half_even(f * 2048.0)


def _round_half_even(x: Tensor) -> Tensor:
    """cvRound of a float32 tensor, spelled with floor in float64: TorchScript's CPU fuser (NNC, in Debian's
    torch 2.6) compiled `torch.round(x).to(torch.int64)` into a truncation (measured: 501 of 1064 weights one
    too small after the profiling runs), so the fused and unfused executors must not depend on aten::round."""
    y = x.to(torch.float64)
    r = torch.floor(y + 0.5)
    tie_to_odd = ((r - y) == 0.5) & (torch.remainder(r, 2.0) == 1.0)
    return (r - tie_to_odd.to(torch.float64)).to(torch.int64)


def cv2_resize_linear_u8(bgr: Tensor, dw: int, dh: int) -> Tensor:
    """cv2.resize(img, (dw, dh), interpolation=cv2.INTER_LINEAR) of a uint8 image given as int64 (3, H, W), BGR.

    OpenCV (imgproc/src/resize.cpp): exact 2x downscale in both directions is INTER_AREA's fast path
    ((a + b + c + d + 2) >> 2); otherwise a horizontal pass D = S[sx] * a0 + S[sx + 1] * a1 (ints), then a vertical
    pass that OpenCV's SIMD code (VResizeLinearVec_32s8u) computes as (((b0 * (S0 >> 4)) >> 16) + ((b1 * (S1 >> 4))
    >> 16) + 2) >> 2 (v_mul_hi, v_rshr_pack_u<2>). On Debian's OpenCV 4.10 (x86-64) the whole row, tail included,
    follows that formula: the scalar FixedPtCast<int, uchar, 22> form (b0 * S0 + b1 * S1 + 2^21) >> 22 for the
    last (3 * width) % 16 elements disagreed with cv2 on 30 of 40 random sizes; this formula agrees on all 40
    (check_real_architecture.py checks it again on every run)."""
    c, h, w = bgr.shape[0], bgr.shape[1], bgr.shape[2]
    if dw == w and dh == h:
        return bgr
    if dw * 2 == w and dh * 2 == h:
        s = bgr[:, 0::2, 0::2] + bgr[:, 0::2, 1::2] + bgr[:, 1::2, 0::2] + bgr[:, 1::2, 1::2]
        return (s + 2) >> 2
    sx, a0, a1 = _linear_taps(w, dw, True)
    sx1 = torch.clamp(sx + 1, 0, w - 1)
    rows = bgr[:, :, sx] * a0 + bgr[:, :, sx1] * a1  # (c, h, dw)
    sy, b0, b1 = _linear_taps(h, dh, False)
    r0 = torch.clamp(sy, 0, h - 1)
    r1 = torch.clamp(sy + 1, 0, h - 1)
    s0 = rows[:, r0, :]
    s1 = rows[:, r1, :]
    b0 = b0.view(1, dh, 1)
    b1 = b1.view(1, dh, 1)
    out = (((b0 * (s0 >> 4)) >> 16) + ((b1 * (s1 >> 4)) >> 16) + 2) >> 2
    return torch.clamp(out, 0, 255)


def bgr_u8(x: Tensor) -> Tensor:
    """The (1, 3, H, W) RGB 0..255 input (integral values: the decoded 8-bit pixels) as the int64 (3, H, W) BGR
    array cv2.imread gives. No torch.round: TorchScript's CPU fuser (NNC, Debian's torch 2.6) compiles
    `x.round().to(torch.int64)` wrongly after the profiling runs (3584 of 3600 values wrong on a 40x30 image)."""
    return torch.flip(x[0].clamp(0, 255).to(torch.int64), [0])


class Preprocess(nn.Module):
    """mmdet's test pipeline on an RGB float (1, 3, H, W) 0..255 image: returns the normalised padded input
    (1, 3, Hp, Wp) float32 and the resized size (h, w)."""

    def __init__(self):
        super().__init__()
        self.register_buffer("mean", torch.tensor(MEAN, dtype=torch.float32).view(1, 3, 1, 1))
        # mmcv.imnormalize_ multiplies by 1 / std computed in float64, converted to float32 by cv2.multiply
        self.register_buffer("stdinv", torch.tensor([1.0 / s for s in STD], dtype=torch.float64)
                             .to(torch.float32).view(1, 3, 1, 1))

    def forward(self, x: Tensor) -> Tuple[Tensor, int, int]:
        h, w = x.shape[2], x.shape[3]
        nw, nh = rescale_size(w, h)
        bgr = bgr_u8(x)  # LoadImageFromFile: cv2 BGR uint8
        resized = cv2_resize_linear_u8(bgr, nw, nh)
        hp = (nh + 31) // 32 * 32  # Pad(size_divisor=32, pad_val=dict(img=128))
        wp = (nw + 31) // 32 * 32
        padded = F.pad(resized, [0, wp - nw, 0, hp - nh], value=128.0)  # mmcv.impad: bottom / right
        rgb = torch.flip(padded, [0]).to(torch.float32).unsqueeze(0)  # Normalize(to_rgb=True)
        return (rgb - self.mean) * self.stdinv, nh, nw


def mask2bbox(masks: Tensor) -> Tensor:
    """mmdet/core/mask/utils.py mask2bbox (2.26 l.68-89): [x_first, y_first, x_last + 1, y_last + 1], zeros when
    the mask is empty."""
    n, h, w = masks.shape[0], masks.shape[1], masks.shape[2]
    x_any = torch.any(masks, dim=1)
    y_any = torch.any(masks, dim=2)
    xs = torch.arange(w, device=masks.device).view(1, w)
    ys = torch.arange(h, device=masks.device).view(1, h)
    x0 = torch.where(x_any, xs, torch.full_like(xs, w)).min(dim=1)[0]
    x1 = torch.where(x_any, xs, torch.full_like(xs, -1)).max(dim=1)[0] + 1
    y0 = torch.where(y_any, ys, torch.full_like(ys, h)).min(dim=1)[0]
    y1 = torch.where(y_any, ys, torch.full_like(ys, -1)).max(dim=1)[0] + 1
    boxes = torch.stack([x0, y0, x1, y1], dim=1).to(torch.float32)
    found = (x_any.any(dim=1) & y_any.any(dim=1)).view(n, 1)
    return torch.where(found, boxes, torch.zeros_like(boxes))


class Mask2FormerExport(nn.Module):
    def __init__(self, nets: Dict[str, nn.Module], num_classes: int, max_per_image: int):
        super().__init__()
        self.pre = Preprocess()
        self.nets = nn.ModuleDict(nets)
        self.sizes = ", ".join(sorted(nets.keys()))
        self.num_classes = num_classes
        self.max_per_image = max_per_image

    def forward(self, x: Tensor) -> Tuple[Tensor, Tensor, Tensor, Tensor]:
        if x.dim() != 4 or x.shape[0] != 1 or x.shape[1] != 3:
            raise RuntimeError("detector input must be (1, 3, H, W) RGB 0..255")
        ori_h, ori_w = x.shape[2], x.shape[3]
        img, img_h, img_w = self.pre(x)
        key = str(img.shape[3]) + "x" + str(img.shape[2])
        mask_cls = torch.empty(0)
        mask_pred = torch.empty(0)
        found = False
        for k, net in self.nets.items():
            if k == key:
                mask_cls, mask_pred = net(img)
                found = True
        if not found:
            raise RuntimeError("image " + str(ori_w) + "x" + str(ori_h) + " resizes to the padded network input "
                               + key + ", which this export was not traced for (traced: " + self.sizes
                               + "); re-export with --sizes including it")
        # MaskFormerHead.simple_test (mmdet 2.26 maskformer_head.py l.544-556): upsample to the padded input
        mask_pred = F.interpolate(mask_pred, size=(img.shape[2], img.shape[3]), mode="bilinear",
                                  align_corners=False)
        mask_cls = mask_cls[0]
        # MaskFormerFusionHead.simple_test (maskformer_fusion_head.py l.208-218): crop, rescale to the original
        mask_pred = mask_pred[0, :, :img_h, :img_w]
        mask_pred = F.interpolate(mask_pred[:, None], size=(ori_h, ori_w), mode="bilinear",
                                  align_corners=False)[:, 0]
        # instance_postprocess (maskformer_fusion_head.py l.128-171)
        num_queries = mask_cls.shape[0]
        scores = F.softmax(mask_cls, dim=-1)[:, :-1]
        labels = torch.arange(self.num_classes, device=mask_cls.device).unsqueeze(0) \
            .repeat(num_queries, 1).flatten(0, 1)
        scores_per_image, top_indices = scores.flatten(0, 1).topk(self.max_per_image, sorted=False)
        labels_per_image = labels[top_indices]
        query_indices = torch.div(top_indices, self.num_classes, rounding_mode="floor")
        mask_pred = mask_pred[query_indices]
        mask_pred_binary = (mask_pred > 0).float()
        mask_scores = (mask_pred.sigmoid() * mask_pred_binary).flatten(1).sum(1) / (
            mask_pred_binary.flatten(1).sum(1) + 1e-6)
        det_scores = scores_per_image * mask_scores
        binary = mask_pred_binary.to(torch.bool)
        return mask2bbox(binary), det_scores, labels_per_image, binary


class Network(nn.Module):
    """What gets traced: Mask2Former.extract_feat + panoptic_head.forward, last decoder layer's outputs
    (MaskFormerHead.simple_test l.544-546; Mask2FormerHead.forward reads only len(img_metas))."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, img):
        feats = self.model.extract_feat(img)
        cls, masks = self.model.panoptic_head(feats, [dict(batch_input_shape=tuple(img.shape[-2:]))])
        return cls[-1], masks[-1]


def padded_size(w: int, h: int) -> Tuple[int, int]:
    nw, nh = rescale_size(w, h)
    return (nw + 31) // 32 * 32, (nh + 31) // 32 * 32


def build(model, sizes: List[Tuple[int, int]], seed: int = 0) -> torch.jit.ScriptModule:
    """Traces the network once per padded size of `sizes` ((w, h) image sizes) and scripts the wrapper."""
    net = Network(model).eval()
    traced = {}
    gen = torch.Generator().manual_seed(seed)
    for w, h in sizes:
        pw, ph = padded_size(w, h)
        key = f"{pw}x{ph}"
        if key in traced:
            continue
        example = torch.randn(1, 3, ph, pw, generator=gen)
        with torch.no_grad():
            traced[key] = torch.jit.trace(net, example, check_trace=False)
        print(f"traced the network at {key} (image {w}x{h})", flush=True)
    head = model.panoptic_fusion_head
    wrapper = Mask2FormerExport(traced, head.num_things_classes + head.num_stuff_classes,
                                int(head.test_cfg.get("max_per_image", 100)))
    return torch.jit.script(wrapper.eval())


def parse_sizes(text: str) -> List[Tuple[int, int]]:
    out = []
    for part in text.split(","):
        w, h = part.lower().split("x")
        out.append((int(w), int(h)))
    return out


def main(argv=None, model=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--config", help="mask2former_swin-s-p4-w7-224_lsj_8x2_50e_coco.py of an mmdetection 2.x tree")
    ap.add_argument("--checkpoint", help="the checkpoint evaluation/download_models.sh fetches")
    ap.add_argument("--out", required=True)
    ap.add_argument("--sizes", default="1024x1024",
                    help="image sizes WxH the export must accept (comma separated; BAGEL and IRG write 1024x1024)")
    a = ap.parse_args(argv)
    if model is None:
        from mmdet.apis import init_detector  # the official loading path (evaluate_images.py l.62-64)
        model = init_detector(a.config, a.checkpoint, device="cpu")
    model.eval()
    head = model.panoptic_fusion_head
    if head.num_stuff_classes != 0 or not head.test_cfg.get("instance_on", False) \
            or head.test_cfg.get("panoptic_on", True):
        raise SystemExit("export_mask2former: the config must be the instance-segmentation one "
                         "(num_stuff_classes=0, test_cfg instance_on=True, panoptic_on=False)")
    module = build(model, parse_sizes(a.sizes))
    tmp = a.out + ".tmp"
    module.save(tmp)
    os.replace(tmp, a.out)
    print(f"wrote {a.out}")
    return module


if __name__ == "__main__":
    main()
