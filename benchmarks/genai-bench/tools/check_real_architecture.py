#!/usr/bin/env python3
"""Python half of GenAI-Bench's real-architecture check (check_real_architecture.sh runs both halves;
docs/genai-bench.md, "Real-architecture check").

It builds CLIP-FlanT5 from the official model code of linzhiqiu/t2v_metrics@335e4c2 (imported unchanged from
--t2v: CLIPT5ForConditionalGeneration of models/vqascore_models/clip_t5/, its CLIPVisionTower and mlp2x_gelu
projector) with seeded random weights, loads it through the official loader (CLIPT5Model.load_model ->
mm_utils.load_pretrained_model: slow T5 tokenizer, from_pretrained, resize_token_embeddings(len(tokenizer)),
vision tower and its CLIPImageProcessor), scores every (image, prompt) pair with the official scoring function
(CLIPT5Model.forward, clip_t5_model.py l.222-285), runs the project's export (export_clip_flant5.export) on the same
loaded model, and writes a manifest that the Java half (GenAiRealArchitectureCheckTest) scores through
ClipT5Prompt + ClipT5Preprocess + ClipFlanT5Model (what GenAiVqaDjlScorer.score calls).

What is real and what stands in (all written into the manifest):
- Model classes, loader, scoring function, image pre-processing: the official code, unchanged.
- Shapes: the T5 side has google/flan-t5-<variant>'s widths (config below: d_model, d_ff, d_kv, heads, gated-gelu,
  32 relative-attention buckets, untied lm_head, vocabulary 32128 resized to 32100 by the loader as for the
  released model), the vision tower openai/clip-vit-large-patch14-336's (1024 wide, 16 heads, patch 14, 336 px,
  quick_gelu, its preprocessor_config.json values; all 24 layers by default), the projector 1024 -> d_model ->
  d_model. The T5 depth is reduced (--t5-layers): 24 + 24 T5 blocks of XL (2.8B parameters) or XXL (11B) do not fit
  this 24 GiB machine in float32, and each block of a stack is the same class with the same code path. The reduced
  depth keeps every distinct path: T5 block 0 (with the relative-attention bias) and a later block (reusing it) in
  both encoder and decoder. --vision-layers 4 is a quicker run (hidden_states[-2] is still a layer before the last).
- Weights: seeded random (transformers' own init, then every constant tensor perturbed, the lm_head scaled so the
  logits have a spread of a few units, as a trained model's do).
- Precision: float32 (the official loader casts to bf16 and t2v_metrics runs under CUDA autocast; on CPU the model
  is put back to float32 after loading, the export's --dtype fp32, so the comparison is not limited by bf16).
- Tokenizer: a SentencePiece unigram model trained here on the prompts (Debian's python3-sentencepiece) with T5's
  special ids (pad 0, </s> 1, unk 2) and enough <extra_id_N> tokens for len(tokenizer) = 32100, used by the slow
  T5Tokenizer the official loader builds (use_fast=False). FLAN-T5's spiece.model is on the model hub only. The
  Java half receives the official token ids of each chunk (the model path is compared on identical ids) and, from
  a tokenizer.json of the same vocabulary (stand_in_tokenizer_json), also checks that Java's T5Tokenizer gives those
  ids and scores through GenAiVqaDjlScorer itself. The real FLAN-T5 tokenizer.json is checked against the slow
  tokenizer by the export script where it is (fast vs slow on the prompt chunks).

How the official modules are imported, nothing else changed: t2v_metrics/__init__.py imports every model family
(open_clip, hpsv2, LLaVA, ...): the packages t2v_metrics, t2v_metrics.models and .vqascore_models are registered
with their real folders as __path__ and without running their __init__; mm_utils imports cv2 (used only by its
video helpers) - an empty module stands in when missing; the Rust `tokenizers` package as in OneIG's check.
transformers' AddedToken stand-in (used without `tokenizers`)
is unhashable and has no __setstate__, which breaks every slow tokenizer's __init__: it gets both, as the Rust
one has.
CLIP_T5_MODELS (a table of hub names) gets one entry whose paths are the local folders written here.

    python3 check_real_architecture.py --t2v T2V_TREE --out DIR [--variant xl|xxl] [--t5-layers 2]
        [--vision-layers 24] [--images 8] [--seed 0]
(PYTHONPATH: transformers/src, huggingface_hub/src and a folder with their dist-info; Debian's python3-torch,
torchvision, PIL, numpy, safetensors, regex, sentencepiece, protobuf.)
"""
import argparse
import importlib.machinery
import importlib.util
import json
import os
import sys
import types

import torch

from check_images import textured_pngs  # scripts/cpu-env, on PYTHONPATH by the runner

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# google/flan-t5-xl and -xxl config.json (the T5 side of zhiqiulin/clip-flant5-xl / -xxl); depth set by --t5-layers
T5_CONFIGS = {
    "xl": dict(d_model=2048, d_ff=5120, d_kv=64, num_heads=32),
    "xxl": dict(d_model=4096, d_ff=10240, d_kv=64, num_heads=64),
}
T5_COMMON = dict(vocab_size=32128, feed_forward_proj="gated-gelu", dense_act_fn="gelu_new", is_gated_act=True,
                 relative_attention_num_buckets=32, relative_attention_max_distance=128, layer_norm_epsilon=1e-6,
                 initializer_factor=1.0, tie_word_embeddings=False, pad_token_id=0, eos_token_id=1,
                 decoder_start_token_id=0, dropout_rate=0.1, is_encoder_decoder=True)
# openai/clip-vit-large-patch14-336 config.json (vision part); depth set by --vision-layers
CLIP_VISION = dict(hidden_size=1024, intermediate_size=4096, num_attention_heads=16, image_size=336, patch_size=14,
                   projection_dim=768, hidden_act="quick_gelu", layer_norm_eps=1e-5)
# openai/clip-vit-large-patch14-336 preprocessor_config.json (its legacy format: int size and crop_size)
CLIP_PREPROCESSOR = {"crop_size": 336, "do_center_crop": True, "do_normalize": True, "do_resize": True,
                     "feature_extractor_type": "CLIPFeatureExtractor",
                     "image_mean": [0.48145466, 0.4578275, 0.40821073],
                     "image_std": [0.26862954, 0.26130258, 0.27577711], "resample": 3, "size": 336}
# (width, height): square, landscape, portrait (expand2square pads both ways), odd margins
SIZES = [(512, 512), (640, 480), (333, 517), (1024, 768), (301, 299), (768, 1024), (256, 400), (517, 333)]
PROMPTS = [
    "a red dog on the left of a blue cat",
    "three apples and no oranges on a wooden table",
    "a photo of a bench",
    "an astronaut riding a horse on the moon, oil painting, with the earth rising behind the mountains",
    "two cups of coffee, one steaming and one cold, next to a laptop that shows a spreadsheet",
    "the word 'GenAI' written in neon letters",
    "a cat that is not sleeping",
    "an old man teaching a young girl how to ride a bicycle in a park during autumn, leaves falling",
]


def stub(name):
    m = types.ModuleType(name)
    m.__spec__ = importlib.machinery.ModuleSpec(name, None)
    return m


class _NoneModule(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return None


def install_stubs(t2v):
    import torchvision  # noqa: F401  (before the stubs, so torch._dynamo's import-time scans never see them)
    if importlib.util.find_spec("cv2") is None:
        sys.modules["cv2"] = stub("cv2")
    if importlib.util.find_spec("tokenizers") is None:
        for name in ["tokenizers", "tokenizers.models", "tokenizers.decoders", "tokenizers.normalizers",
                     "tokenizers.pre_tokenizers", "tokenizers.processors", "tokenizers.trainers"]:
            m = _NoneModule(name)
            m.__spec__ = importlib.machinery.ModuleSpec(name, None, is_package=True)
            m.__path__ = []
            sys.modules[name] = m
    # the official packages without their __init__ (which imports every model family of t2v_metrics)
    for name, rel in [("t2v_metrics", "t2v_metrics"), ("t2v_metrics.models", "t2v_metrics/models"),
                      ("t2v_metrics.models.vqascore_models", "t2v_metrics/models/vqascore_models")]:
        m = types.ModuleType(name)
        m.__path__ = [os.path.join(os.path.abspath(t2v), rel)]
        m.__spec__ = importlib.machinery.ModuleSpec(name, None, is_package=True)
        m.__spec__.submodule_search_locations = m.__path__
        sys.modules[name] = m


def images(out, n, seed):
    return textured_pngs(out, n, seed, SIZES)


def stand_in_tokenizer(out, texts):
    """A SentencePiece unigram model with T5's special ids, trained on the prompt texts, as the slow T5Tokenizer the
    official loader builds (AutoTokenizer.from_pretrained(path, use_fast=False)); len(tokenizer) = 32100 as
    google/flan-t5-*'s (32000 pieces + 100 extra ids)."""
    import sentencepiece as spm
    import transformers.tokenization_utils_base as tub
    from transformers import T5Tokenizer
    if getattr(tub.AddedToken, "__hash__", None) is None:
        # transformers' stand-in AddedToken for installs without the Rust `tokenizers` package is a dataclass with
        # eq=True and no hash, and has no __setstate__, so the slow tokenizer's own __init__ fails
        # (`token not in self._added_tokens_encoder`, `token.__setstate__(...)`); the Rust AddedToken it stands in
        # for hashes by content and takes its options from __setstate__.
        tub.AddedToken.__hash__ = lambda self: hash(self.content)
        tub.AddedToken.__setstate__ = lambda self, state: self.__dict__.update(state)
    d = os.path.join(out, "stand-in-t5-tokenizer")
    os.makedirs(d, exist_ok=True)
    prefix = os.path.join(out, "spiece")
    spm.SentencePieceTrainer.train(sentence_iterator=iter(texts * 4), model_prefix=prefix, model_type="unigram",
                                   vocab_size=400, hard_vocab_limit=False, character_coverage=1.0,
                                   normalization_rule_name="nmt_nfkc", pad_id=0, eos_id=1, unk_id=2, bos_id=-1,
                                   pad_piece="<pad>", eos_piece="</s>", unk_piece="<unk>", num_threads=1,
                                   minloglevel=2)
    size = spm.SentencePieceProcessor(model_file=prefix + ".model").get_piece_size()
    tok = T5Tokenizer(vocab_file=prefix + ".model", extra_ids=32100 - size, model_max_length=2048, legacy=True)
    tok.save_pretrained(d)
    stand_in_tokenizer_json(prefix + ".model", 32100 - size, os.path.join(out, "tokenizer.json"))
    return d, size


def stand_in_tokenizer_json(model_file, extra_ids, path):
    """tokenizer.json of the stand-in vocabulary, laid out as transformers' T5Converter writes it
    (transformers@v4.44.2 convert_slow_tokenizer.py SpmConverter l.532-700, T5Converter l.1071-1085, for a slow
    T5Tokenizer with legacy=True): Unigram over the pieces then <extra_id_N-1> .. <extra_id_0>; normalizer
    Precompiled(the model's charsmap), Strip(right), Replace(" {2,}", "▁"); Metaspace("▁", prepend_scheme "always");
    post-processor "$A </s>"; the control pieces and extra ids as special added tokens. Written here because the
    converter needs the Rust `tokenizers` package (not in Debian); the export script uses the converter itself.
    Java's T5Tokenizer (DJL's HuggingFace tokenizers, the Rust library) reads it; the Java half checks its ids against
    the slow tokenizer's on every chunk."""
    import base64
    from sentencepiece import sentencepiece_model_pb2 as pb
    m = pb.ModelProto()
    with open(model_file, "rb") as f:
        m.ParseFromString(f.read())
    vocab = [[p.piece, p.score] for p in m.pieces] + [[f"<extra_id_{i}>", 0.0] for i in range(extra_ids - 1, -1, -1)]
    added = [{"id": i, "content": p.piece, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for i, p in enumerate(m.pieces) if p.type in (2, 3)]
    added += [{"id": len(m.pieces) + extra_ids - 1 - i, "content": f"<extra_id_{i}>", "single_word": False,
               "lstrip": False, "rstrip": False, "normalized": False, "special": True} for i in range(extra_ids)]
    added.sort(key=lambda t: t["id"])
    eos = next(i for i, p in enumerate(m.pieces) if p.piece == "</s>")
    meta = {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True}
    tj = {"version": "1.0", "truncation": None, "padding": None, "added_tokens": added,
          "normalizer": {"type": "Sequence", "normalizers": [
              {"type": "Precompiled",
               "precompiled_charsmap": base64.b64encode(m.normalizer_spec.precompiled_charsmap).decode()},
              {"type": "Strip", "strip_left": False, "strip_right": True},
              {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": "\u2581"}]},
          "pre_tokenizer": meta,
          "post_processor": {"type": "TemplateProcessing",
                             "single": [{"Sequence": {"id": "A", "type_id": 0}},
                                        {"SpecialToken": {"id": "</s>", "type_id": 0}}],
                             "pair": [{"Sequence": {"id": "A", "type_id": 0}},
                                      {"SpecialToken": {"id": "</s>", "type_id": 0}},
                                      {"Sequence": {"id": "B", "type_id": 0}},
                                      {"SpecialToken": {"id": "</s>", "type_id": 0}}],
                             "special_tokens": {"</s>": {"id": "</s>", "ids": [eos], "tokens": ["</s>"]}}},
          "decoder": meta,
          "model": {"type": "Unigram", "unk_id": m.trainer_spec.unk_id, "vocab": vocab, "byte_fallback": False}}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(tj, f, ensure_ascii=False)


def perturb(model, seed):
    """Every constant tensor (LayerNorm/RMSNorm weights 1, biases 0) gets noise, so that no parameter is trivially
    right; the lm_head is scaled to logits of a few units (T5's init gives N(0, 1) weights over d_model inputs)."""
    g = torch.Generator().manual_seed(seed + 7)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.is_floating_point() and (p.numel() == 1 or float(p.std()) == 0.0):
                p.add_(0.05 * torch.randn(p.shape, generator=g))
        model.lm_head.weight.mul_(0.05)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--t2v", required=True, help="the official linzhiqiu/t2v_metrics tree (335e4c2)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--variant", choices=sorted(T5_CONFIGS), default="xl")
    ap.add_argument("--t5-layers", type=int, default=2)
    ap.add_argument("--vision-layers", type=int, default=24)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--images", type=int, default=8)
    a = ap.parse_args(argv)
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))
    install_stubs(a.t2v)
    import transformers
    from transformers import CLIPVisionConfig, CLIPVisionModel
    import t2v_metrics.models.vqascore_models.clip_t5_model as official
    from t2v_metrics.constants import SYSTEM_MSG
    from t2v_metrics.models.vqascore_models.clip_t5.model import CLIPT5Config, CLIPT5ForConditionalGeneration
    import export_clip_flant5

    paths = images(out, a.images, a.seed)
    prompts = [PROMPTS[i % len(PROMPTS)] for i in range(len(paths))]
    texts = [official.format_question(official.default_question_template.format(p), "t5_chat") for p in prompts]
    tok_dir, pieces = stand_in_tokenizer(out, texts + [SYSTEM_MSG, official.default_answer_template])

    # the vision tower folder the config's mm_vision_tower names (openai/clip-vit-large-patch14-336's layout)
    clip_dir = os.path.join(out, "clip-vit-large-patch14-336")
    torch.manual_seed(a.seed)
    CLIPVisionModel(CLIPVisionConfig(num_hidden_layers=a.vision_layers, **CLIP_VISION)).save_pretrained(clip_dir)
    with open(os.path.join(clip_dir, "preprocessor_config.json"), "w") as f:
        json.dump(CLIP_PREPROCESSOR, f)

    t5 = dict(T5_COMMON, **T5_CONFIGS[a.variant], num_layers=a.t5_layers, num_decoder_layers=a.t5_layers)
    mm = dict(mm_vision_tower=clip_dir, mm_projector_type="mlp2x_gelu", mm_hidden_size=CLIP_VISION["hidden_size"],
              mm_vision_select_layer=-2, mm_vision_select_feature="patch", use_mm_proj=True)
    model_dir = os.path.join(out, "clip-flant5-" + a.variant)
    torch.manual_seed(a.seed + 1)
    model = CLIPT5ForConditionalGeneration(CLIPT5Config(**t5, **mm))
    perturb(model, a.seed)
    # .bin like the released checkpoint: the class aliases encoder.embed_tokens as embed_tokens (shared storage)
    model.save_pretrained(model_dir, safe_serialization=False)
    del model

    # the official loader and scoring function on the local folders
    name = "clip-flant5-" + a.variant
    official.CLIP_T5_MODELS["real-architecture-check"] = {
        "tokenizer": {"path": tok_dir, "model_max_length": 2048},
        "model": dict(official.CLIP_T5_MODELS[name]["model"], path=model_dir)}
    wrapper = official.CLIPT5Model("real-architecture-check", device="cpu", cache_dir=os.path.join(out, "hf_cache"))
    wrapper.model.float()  # the loader casts to bf16 (mm_utils.py l.221); compared in float32
    n_params = sum(p.numel() for p in wrapper.model.parameters())
    items = []
    for path, prompt, text in zip(paths, prompts, texts):
        score = float(wrapper.forward(images=[path], texts=[prompt])[0])
        chunks = text.split("<image>")
        items.append({"image": os.path.basename(path), "prompt": prompt, "official": score,
                      "pre": wrapper.tokenizer(chunks[0]).input_ids, "post": wrapper.tokenizer(chunks[1]).input_ids,
                      "labels": wrapper.tokenizer(official.default_answer_template).input_ids})
        print(f"official {os.path.basename(path)}: {score:.9g} ({len(items[-1]['pre'])}+576+"
              f"{len(items[-1]['post'])} tokens)", flush=True)

    pt, report = export_clip_flant5.export(wrapper, out, "clip_flant5.pt", torch.float32, "cpu", paths[0],
                                           prompts[0])
    manifest = {
        "torch": torch.__version__, "transformers": transformers.__version__, "seed": a.seed,
        "model": "CLIPT5ForConditionalGeneration (t2v_metrics@335e4c2) %s widths, %d+%d T5 blocks, CLIP ViT-L/14-336 "
                 "vision tower with %d layers (select -2), mlp2x_gelu, vocabulary %d, %.0fM parameters, seeded "
                 "random weights, float32" % (a.variant.upper(), a.t5_layers, a.t5_layers, a.vision_layers,
                                              wrapper.model.lm_head.weight.shape[0], n_params / 1e6),
        "t5_config": t5, "vision_config": dict(CLIP_VISION, num_hidden_layers=a.vision_layers),
        "tokenizer": "stand-in SentencePiece unigram (%d pieces + %d extra ids), slow T5Tokenizer"
                     % (pieces, 32100 - pieces),
        "tokenizer_json": "tokenizer.json", "export": os.path.basename(pt), "export_report": report,
        "items": items}
    with open(os.path.join(out, "manifest.json"), "w") as fp:
        json.dump(manifest, fp, indent=1)
    print(f"{out}/manifest.json: {len(items)} images, {manifest['model']}")


if __name__ == "__main__":
    main()
