#!/usr/bin/env python3
"""Export CLIP-FlanT5's VQAScore forward pass to TorchScript for irg-eval's `genai-vqa-djl` scorer.

Run it where the weights are, in an environment with the last t2v_metrics release that has CLIP-FlanT5:

    pip install t2v-metrics==3.0          # linzhiqiu/t2v_metrics@335e4c2
    python export_clip_flant5.py --out exports/ [--model clip-flant5-xxl] [--device cuda] [--dtype bf16] \
        [--check-image some.png --check-prompt "a red dog"]

It writes
    OUT/<model>.pt          e.g. clip_flant5_xxl.pt: the traced module (contract below)
    OUT/tokenizer.json      the FLAN-T5 fast tokenizer (google/flan-t5-xxl or -xl), for --scorer-opt tokenizer=
    OUT/export.json         versions, the tokenizer self-check, the reference score of the check pair

and then in irg-eval:
    --scorer genai-bench=genai-vqa-djl --scorer-opt model=OUT/clip_flant5_xxl.pt \
        --scorer-opt tokenizer=OUT/tokenizer.json [--scorer-opt device=gpu]

Contract of the .pt (org.irgeval.benchmarks.genaibench.djl.ClipFlanT5Model):
    forward(pre_ids      int64  [1, P]            ids of the prompt before "<image>", ending with </s>
            post_ids     int64  [1, Q]            ids of the prompt after  "<image>", ending with </s>
            pixel_values float32[1, 3, 336, 336]  expand2square + CLIPImageProcessor output
            labels       int64  [1, T]            ids of "Yes" = [▁Yes, </s>])
        -> logits        float32[1, T, V]         T5 decoder logits, teacher-forced on labels

It is CLIPT5ForConditionalGeneration.forward (clip_t5.py l.179-219 at 335e4c2) with the image token already
resolved: the embeddings of pre_ids, the projected CLIP patch features (encode_images: CLIP ViT-L/14-336 layer -2,
CLS dropped, mlp2x_gelu projector; 576 tokens) and the embeddings of post_ids, concatenated (what
prepare_inputs_labels_for_multimodal does at the -200 token), an all-ones attention mask, decoder input =
_shift_right(labels). irg-eval does the pre-processing, tokenization and the loss in Java:
score = exp(-mean cross-entropy(logits, labels)) (clip_t5_model.py l.280-285).

The model runs in --dtype (default bf16 on cuda as t2v_metrics loads it, l.228 of mm_utils.py; fp32 on cpu);
pixel values are cast inside the module and the logits returned as float32. A module traced on cuda holds cuda
constants: load it with --scorer-opt device=gpu. Tracing is checked here on a second prompt of another length
(dynamic sequence lengths) and against t2v_metrics' own score of the check pair.
"""
import argparse
import hashlib
import json
import os
import sys

import torch


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for b in iter(lambda: f.read(1 << 20), b""):
            h.update(b)
    return h.hexdigest()


class VqaForward(torch.nn.Module):
    """The teacher-forced forward of CLIPT5ForConditionalGeneration with the image token resolved."""

    def __init__(self, model, dtype):
        super().__init__()
        self.model = model
        self.dtype_ = dtype

    def forward(self, pre_ids, post_ids, pixel_values, labels):
        m = self.model
        feats = m.encode_images(pixel_values.to(self.dtype_))
        embeds = torch.cat([m.embed_tokens(pre_ids), feats.to(self.dtype_), m.embed_tokens(post_ids)], dim=1)
        mask = torch.ones(embeds.shape[:2], dtype=torch.long, device=embeds.device)
        decoder_input_ids = m._shift_right(labels)
        out = super(type(m), m).forward(  # T5ForConditionalGeneration.forward, as clip_t5.py l.205-217
            input_ids=None, attention_mask=mask, inputs_embeds=embeds, decoder_input_ids=decoder_input_ids,
            use_cache=False, return_dict=False)
        return out[0].float()


def export(wrapper, out, name, dtype, device, check_image, check_prompt, official_score=None, fast_tokenizer=None):
    """Traces VqaForward of a loaded CLIPT5Model (t2v_metrics' wrapper: .model, .tokenizer, .load_images,
    .conversational_style) on (check_image, check_prompt), writes OUT/NAME and returns the path.

    official_score(image, prompt) -> float, when given: t2v_metrics' own score, compared in export.json;
    fast_tokenizer: a fast tokenizer whose tokenizer.json is written next to the .pt (checked against the slow one).
    check_real_architecture.py calls this with the official wrapper built from random weights; main() with the
    released model."""
    from t2v_metrics.models.vqascore_models.clip_t5_model import default_answer_template, default_question_template, \
        format_question
    from t2v_metrics.models.vqascore_models.mm_utils import t5_tokenizer_image_token

    model = wrapper.model
    module = VqaForward(model, dtype).eval()

    def tokens(prompt):
        q = format_question(default_question_template.format(prompt), conversation_style=wrapper.conversational_style)
        chunks = q.split("<image>")
        assert len(chunks) == 2
        ids = t5_tokenizer_image_token(q, wrapper.tokenizer)
        pre = wrapper.tokenizer(chunks[0]).input_ids
        post = wrapper.tokenizer(chunks[1]).input_ids
        assert ids == pre + [-200] + post, "t5_tokenizer_image_token differs from per-chunk tokenization"
        return chunks, pre, post

    labels = t5_tokenizer_image_token(default_answer_template, wrapper.tokenizer)
    dev = device
    pixel = wrapper.load_images([check_image]).float()  # expand2square + CLIPImageProcessor, as forward() does
    chunks, pre, post = tokens(check_prompt)
    example = (torch.tensor([pre], device=dev), torch.tensor([post], device=dev), pixel.to(dev),
               torch.tensor([labels], device=dev))
    with torch.no_grad():
        traced = torch.jit.trace(module, example, strict=False, check_trace=False)
    pt = os.path.join(out, name)
    traced.save(pt)
    report = {"pt": name, "pt_sha256": sha256(pt), "device": dev, "dtype": str(dtype), "torch": torch.__version__,
              "labels": labels, "check_image": check_image, "check_image_sha256": sha256(check_image), "checks": {}}

    if fast_tokenizer is not None:
        # The fast tokenizer irg-eval uses (DJL HuggingFace tokenizers) against the slow one t2v_metrics uses.
        fast_tokenizer.save_pretrained(os.path.join(out, "fast-tokenizer"))
        tj = os.path.join(out, "tokenizer.json")
        os.replace(os.path.join(out, "fast-tokenizer", "tokenizer.json"), tj)
        probe = [chunks[0], chunks[1], default_answer_template]
        report["tokenizer_json_sha256"] = sha256(tj)
        report["tokenizer_fast_equals_slow"] = all(
            fast_tokenizer(t).input_ids == wrapper.tokenizer(t).input_ids for t in probe)

    if official_score is not None:
        # Self-check: the traced module on the check pair and on a prompt of another length (dynamic sequence
        # lengths), against eager and against t2v_metrics' own score.
        def score(mod, prompt):
            _, p, q = tokens(prompt)
            lab = torch.tensor([labels], device=dev)
            with torch.no_grad():
                logits = mod(torch.tensor([p], device=dev), torch.tensor([q], device=dev), pixel.to(dev), lab)
            return float((-torch.nn.functional.cross_entropy(logits[0], lab[0])).exp())

        other = "three apples and no oranges on a wooden table next to a sleeping dog"
        for prompt in [check_prompt, other]:
            report["checks"][prompt] = {"official": official_score(check_image, prompt),
                                        "eager": score(module, prompt), "traced": score(traced, prompt)}
    with open(os.path.join(out, "export.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1, ensure_ascii=False)
    return pt, report


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--model", default="clip-flant5-xxl", choices=["clip-flant5-xxl", "clip-flant5-xl"])
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--dtype", default=None, choices=["bf16", "fp32"], help="default bf16 on cuda, fp32 on cpu")
    ap.add_argument("--cache-dir", default=None, help="t2v_metrics cache dir (HF_CACHE_DIR)")
    ap.add_argument("--check-image", default=None, help="an image for the self-check (default: a generated one)")
    ap.add_argument("--check-prompt", default="a red dog on the left of a blue cat")
    args = ap.parse_args()

    import t2v_metrics
    from PIL import Image
    from transformers import AutoTokenizer

    os.makedirs(args.out, exist_ok=True)
    kw = {"cache_dir": args.cache_dir} if args.cache_dir else {}
    scorer = t2v_metrics.VQAScore(model=args.model, device=args.device, **kw)  # t2v_metrics.Score
    wrapper = scorer.model  # CLIPT5Model
    dtype = {"bf16": torch.bfloat16, "fp32": torch.float32}[args.dtype or ("bf16" if args.device.startswith("cuda") else "fp32")]
    wrapper.model.to(dtype=dtype).eval()

    check_image = args.check_image
    if check_image is None:
        check_image = os.path.join(args.out, "check.png")
        img = Image.new("RGB", (320, 200), (240, 240, 240))
        img.paste((200, 30, 30), (20, 60, 140, 180))
        img.paste((30, 60, 200), (180, 40, 300, 160))
        img.save(check_image)

    tok_name = {"clip-flant5-xxl": "google/flan-t5-xxl", "clip-flant5-xl": "google/flan-t5-xl"}[args.model]
    fast = AutoTokenizer.from_pretrained(tok_name, use_fast=True)
    name = args.model.replace("-", "_") + ".pt"
    _, report = export(wrapper, args.out, name, dtype, args.device, check_image, args.check_prompt,
                       official_score=lambda img, p: float(scorer(images=[img], texts=[p])[0][0]),
                       fast_tokenizer=fast)
    report.update({"model": args.model, "t2v_metrics": getattr(t2v_metrics, "__version__", "3.0?")})
    with open(os.path.join(args.out, "export.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1, ensure_ascii=False)
    print(json.dumps(report, indent=1, ensure_ascii=False))
    bad = [p for p, c in report["checks"].items() if abs(c["traced"] - c["eager"]) > 1e-3 * max(c["eager"], 1e-6)]
    if bad or not report["tokenizer_fast_equals_slow"]:
        print("export check FAILED: traced != eager for %s, fast tokenizer ok: %s"
              % (bad, report["tokenizer_fast_equals_slow"]), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
