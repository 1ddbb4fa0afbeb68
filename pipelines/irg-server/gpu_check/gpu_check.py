"""Equality check: the server's IrgModel against the official functions, on tiny random weights (GPU or CPU).

    cd pipelines/irg-server
    python3 -m gpu_check.gpu_check --official-repo /path/IRG --bagel-repo /path/Bagel [--device cpu|cuda[:N]]
    python3 -m gpu_check.gpu_check --dry-run ...     # no torch: arguments, tiny configs, tokenizer files; no model
    python3 -m gpu_check.gpu_check --mutate NAME ... # the server side mutated (gpu_check/mutations.py): must FAIL

What it does (docs/irg-server-gpu-check.md), one line per check, "PASS"/"FAIL"/"SKIP"/"INFO" first:
  1. builds tiny random weights in --work: a 2-layer Qwen2 MoT, a 2-layer SigLIP (vit_config says 3: the loader
     drops one, tiif_multi_turn_gen.py:703), a byte-level tokenizer whose size is the LLM's vocab_size, a random
     full-shape FLUX autoencoder; the LLM/ViT weights get a transformer-like init so the tiny model depends on its
     context (with N(0, 0.02) everywhere it did not, and no flow mistake changed a pixel);
  2. the official loading code (IRG's worker_fn, :692-758) against IrgModel.load: the same tensors;
  3. IRG: the official generate_multi_turn_image_with_think (IRG@3eee315 tiif_multi_turn_gen.py:222-658) vs the
     server's IrgModel.generate, same seed: pixel-equal images, equal texts, both turns; run twice (determinism);
  4. self-test: four deliberate flow mistakes (gpu_check/mutations.py) must each change the output;
  5. BAGEL: mode think vs Bagel@056b5fd eval/gen/gen_images_mp_wise.py generate_image_with_think, mode
     think-2025-06 vs IRG's SFT/eval/gen/gen_images_mp_wise.py (= Bagel@738a570), mode plain vs generate_image of
     the same script; the official side decodes through the server's bf16 VAE (the fp32 VAE's difference is
     printed as a number); think and think-2025-06 must differ;
  6. HTTP: health, three concurrent requests, a forced out-of-memory answered 503 out_of_memory, then 200.
Prints per-stage times of the real (tiny) model; these are not the 7B model's times.

Nothing of the official code is copied here: it is imported from the checkouts given on the command line.
"""

import argparse
import contextlib
import copy
import importlib.util
import io
import json
import os
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER_ROOT = os.path.dirname(HERE)
STANDIN = os.path.join(HERE, "standin")
# cv2 and tokenizers stand-ins, appended to the END of sys.path: used only where the real package is missing
STANDIN_ABSENT = os.path.join(HERE, "standin_absent")

SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|vision_start|>", "<|vision_end|>"]
# The LLM's vocabulary is exactly the tokenizer's: 256 byte tokens + the specials. A larger vocab_size lets the random
# model sample ids the tokenizer does not have; IRG's Qwen2Tokenizer._convert_id_to_token returns None for them and
# convert_tokens_to_string raises TypeError inside the official think (issue 19, failure 1).
TOKENIZER_SIZE = 256 + len(SPECIALS)
# 2 decoder layers, Qwen2 MoT (the server sets qk_norm, tie_word_embeddings, layer_module as the script does)
TINY_LLM = {"architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "hidden_size": 128,
            "intermediate_size": 256, "num_attention_heads": 4, "num_key_value_heads": 2, "num_hidden_layers": 2,
            "vocab_size": TOKENIZER_SIZE, "max_position_embeddings": 32768, "max_window_layers": 2,
            "rope_theta": 1000000.0, "rms_norm_eps": 1e-06, "hidden_act": "silu", "initializer_range": 0.02,
            "use_cache": True, "use_sliding_window": False, "sliding_window": 32768, "tie_word_embeddings": False,
            "attention_dropout": 0.0, "torch_dtype": "bfloat16", "bos_token_id": 256, "eos_token_id": 256}
# 3 in the file = 2 layers after vit_config.num_hidden_layers - 1 (tiif_multi_turn_gen.py:703); 980 / 14 = 70
# patches per side = vit_max_num_patch_per_side (:715)
TINY_VIT = {"model_type": "siglip_vision_model", "hidden_size": 64, "intermediate_size": 128,
            "num_attention_heads": 2, "num_hidden_layers": 3, "num_channels": 3, "image_size": 980,
            "patch_size": 14, "hidden_act": "gelu_pytorch_tanh", "layer_norm_eps": 1e-06, "attention_dropout": 0.0}


def build_parser():
    from gpu_check.mutations import MUTATIONS
    p = argparse.ArgumentParser(prog="python3 -m gpu_check.gpu_check", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--official-repo", required=True, help="checkout of Osilly/Interleaving-Reasoning-Generation @3eee315")
    p.add_argument("--bagel-repo", help="checkout of ByteDance-Seed/Bagel @056b5fd (mode think check; FAIL without,"
                                        " unless --no-bagel-think)")
    p.add_argument("--no-bagel-think", action="store_true", help="skip mode think (no Bagel checkout at hand)")
    p.add_argument("--work", default="/tmp/irg-gpu-check", help="folder for the tiny weights")
    p.add_argument("--device", default="cuda:0", help="cuda, cuda:N or cpu (CPU autocast on both sides)")
    p.add_argument("--resolution", type=int, default=256)
    p.add_argument("--timesteps", type=int, default=8)
    p.add_argument("--max-tokens", type=int, default=24, help="think length (tiny random model: short)")
    p.add_argument("--seed", type=int, default=1234567)
    p.add_argument("--prompt", default="a red cube on a blue sphere")
    p.add_argument("--flash-attn", choices=("auto", "standin", "real"), default="auto",
                   help="auto: the stand-in only when flash_attn is not installed")
    p.add_argument("--mutate", choices=sorted(MUTATIONS),
                   help="run the server side with this deliberate flow mistake (no self-test then); the check must"
                        " then FAIL")
    p.add_argument("--skip-http", action="store_true", help="leave out the HTTP checks (the --mutate runs)")
    p.add_argument("--skip-bagel", action="store_true", help="leave out the three BAGEL modes (the --mutate runs)")
    p.add_argument("--time-limit", type=float, default=600.0,
                   help="wall-time limit in seconds on a GPU (on --device cpu the time is printed, not judged)")
    p.add_argument("--dry-run", action="store_true", help="no torch: parse, write configs and tokenizer, stop")
    return p


def byte_vocab():
    """A GPT-2 style byte-level vocabulary (all 256 byte symbols, no merges) plus the special tokens."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("\xa1"), ord("\xac") + 1)) + list(
        range(ord("\xae"), ord("\xff") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {chr(c): b for b, c in zip(bs, cs)}  # token id = byte value


def write_tiny_files(work):
    """llm_config.json, vit_config.json and a byte-level Qwen2 tokenizer (vocab.json, merges.txt,
    tokenizer_config.json); standard library only. Returns the paths written."""
    os.makedirs(work, exist_ok=True)
    vocab = byte_vocab()
    added = {}
    for i, tok in enumerate(SPECIALS):
        added[str(len(vocab) + i)] = {"content": tok, "special": True, "lstrip": False, "rstrip": False,
                                      "normalized": False, "single_word": False}
    if len(vocab) + len(SPECIALS) != TINY_LLM["vocab_size"]:
        raise AssertionError("the tokenizer's %d ids must be the LLM's vocab_size %d"
                             % (len(vocab) + len(SPECIALS), TINY_LLM["vocab_size"]))
    files = {
        "llm_config.json": TINY_LLM,
        "vit_config.json": TINY_VIT,
        "vocab.json": vocab,
        "tokenizer_config.json": {"tokenizer_class": "Qwen2Tokenizer", "model_max_length": 32768,
                                  "eos_token": "<|endoftext|>", "pad_token": "<|endoftext|>", "bos_token": None,
                                  "unk_token": None, "added_tokens_decoder": added,
                                  "additional_special_tokens": SPECIALS[1:]},
    }
    out = []
    for name, obj in files.items():
        path = os.path.join(work, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(obj, f, ensure_ascii=False, indent=1)
        out.append(path)
    path = os.path.join(work, "merges.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n")
    out.append(path)
    return out


def init_rule(name, shape):
    """How a tensor of the tiny model is drawn: ("const", 1.0) or ("normal", std). Transformer-like, so the random
    model depends on its context (issue 19, failure 3): 1-D norm weights 1, other 1-D tensors N(0, 0.02);
    ``embed_tokens`` and ``pos_embed`` N(0, 1); every other tensor N(0, 1/fan_in) with fan_in = shape[-1]
    (std = fan_in ** -0.5), so each linear layer keeps its input's scale."""
    if len(shape) == 1:
        return ("const", 1.0) if "norm" in name else ("normal", 0.02)
    if "embed_tokens" in name or "pos_embed" in name:
        return "normal", 1.0
    return "normal", float(shape[-1]) ** -0.5


def random_state_dict(shapes, seed, dtype_name="bfloat16"):
    """{name: shape} -> {name: tensor} drawn by init_rule with a fixed generator (CPU; any torch), in name order."""
    import torch
    g = torch.Generator().manual_seed(seed)
    dtype = getattr(torch, dtype_name)
    out = {}
    for k in sorted(shapes):
        shape = tuple(shapes[k])
        kind, v = init_rule(k, shape)
        t = torch.full(shape, v) if kind == "const" else torch.randn(*shape, generator=g) * v
        out[k] = t.to(dtype).contiguous()
    return out


def install_standins(flash_attn_choice):
    """flash_attn (IRG's model code imports flash_attn_varlen_func), cv2 (SFT/data/transforms.py:7) and tokenizers
    (transformers' module-level imports) stand-ins where the machine lacks them; returns what the attention is."""
    have = importlib.util.find_spec("flash_attn") is not None
    if STANDIN_ABSENT not in sys.path:
        sys.path.append(STANDIN_ABSENT)
    if flash_attn_choice == "standin" or (flash_attn_choice == "auto" and not have):
        sys.path.insert(0, STANDIN)
        for k in [k for k in sys.modules if k.split(".")[0] == "flash_attn"]:
            del sys.modules[k]
        return "stand-in (gpu_check/standin/flash_attn, exact attention, same on both sides)"
    if not have:
        raise SystemExit("--flash-attn real: flash_attn is not installed")
    return "flash_attn (installed)"


def install_cpu_autocast(torch):
    """The official code opens ``torch.amp.autocast("cuda", ...)`` everywhere (IRG :276 ff., WISE :59 ff., and the
    model code itself, bagel.py:1132-1158). Without CUDA that autocast is disabled with a warning, so the official
    side would run without autocast while the server (which says "cpu" on --device cpu) runs with it. This maps
    "cuda" to "cpu" for the duration of a CPU check, same dtype, so both sides run the same CPU autocast."""
    base = torch.amp.autocast

    class CpuAutocast(base):
        def __init__(self, device_type, *args, **kwargs):
            super().__init__("cpu" if device_type == "cuda" else device_type, *args, **kwargs)

    torch.amp.autocast = CpuAutocast
    torch.autocast = CpuAutocast


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def build_weights(work, torch, seed=0):
    """Random tiny Bagel (official classes) -> ema_bf16.safetensors; random full-shape AE -> ae.safetensors."""
    from safetensors.torch import save_file
    from SFT.modeling.autoencoder import AutoEncoder, load_ae
    from SFT.modeling.bagel import (Bagel, BagelConfig, Qwen2Config, Qwen2ForCausalLM, SiglipVisionConfig,
                                    SiglipVisionModel)
    torch.manual_seed(seed)
    _, ae_params = load_ae(local_path=None)
    ae = AutoEncoder(ae_params)   # PyTorch's default init: a VAE that maps latents to varied pixels
    save_file({k: v.contiguous() for k, v in ae.state_dict().items()}, os.path.join(work, "ae.safetensors"))
    llm_config = Qwen2Config.from_json_file(os.path.join(work, "llm_config.json"))
    llm_config.qk_norm = True
    llm_config.tie_word_embeddings = False
    llm_config.layer_module = "Qwen2MoTDecoderLayer"
    vit_config = SiglipVisionConfig.from_json_file(os.path.join(work, "vit_config.json"))
    vit_config.rope = False
    vit_config.num_hidden_layers = vit_config.num_hidden_layers - 1
    config = BagelConfig(visual_gen=True, visual_und=True, llm_config=llm_config, vit_config=vit_config,
                         vae_config=ae_params, vit_max_num_patch_per_side=70, connector_act="gelu_pytorch_tanh",
                         latent_patch_size=2, max_latent_size=64)
    model = Bagel(Qwen2ForCausalLM(llm_config), SiglipVisionModel(vit_config), config)
    model.vit_model.vision_model.embeddings.convert_conv2d_to_linear(vit_config)
    state = model.state_dict()
    drawn = random_state_dict({k: tuple(v.shape) for k, v in state.items() if v.is_floating_point()}, seed + 1)
    sd = {k: drawn.get(k, v.contiguous()) for k, v in state.items()}
    save_file(sd, os.path.join(work, "ema_bf16.safetensors"))


class Checks:
    def __init__(self):
        self.failed = 0

    def line(self, status, name, detail=""):
        if status == "FAIL":
            self.failed += 1
        print("%-4s %s%s" % (status, name, (" - " + detail) if detail else ""), flush=True)


def pixels_equal(a, b):
    return a.size == b.size and a.tobytes() == b.tobytes()


def max_abs_diff(a, b):
    """Largest per-channel difference of two RGB images (0..255); None when their sizes differ."""
    if a.size != b.size:
        return None
    import numpy as np
    return int(np.abs(np.asarray(a, dtype=np.int16) - np.asarray(b, dtype=np.int16)).max())


def mean_abs_diff(a, b):
    import numpy as np
    return float(np.abs(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)).mean())


class Bf16DecodeVae:
    """The server's bf16 VAE handed to the official WISE functions. They decode the latent as it comes out of the
    flow, fp32, into a VAE their own loader keeps in fp32 (Bagel@056b5fd gen_images_mp_wise.py:145, :210, :290);
    the server loads the VAE in bf16 the IRG way (tiif_multi_turn_gen.py:754), so fp32 into it raises "Input type
    (float) and bias type (c10::BFloat16)" (issue 19, failure 2). This casts the latent to bf16 as IRG does (:388),
    and keeps every latent so the fp32 VAE's result can be measured on the same latent."""

    def __init__(self, vae, torch):
        self.vae, self.torch, self.latents = vae, torch, []

    def decode(self, z):
        self.latents.append(z.detach().clone())
        return self.vae.decode(z.to(self.torch.bfloat16))

    def __getattr__(self, name):
        return getattr(self.vae, name)


def to_pil(torch, image):
    """The scripts' tensor -> PIL conversion (WISE :146-147, IRG :390-395)."""
    from PIL import Image
    arr = ((image * 0.5 + 0.5).clamp(0, 1)[0].permute(1, 2, 0) * 255).to(torch.uint8).cpu().numpy()
    return Image.fromarray(arr)


def fp32_vae_difference(torch, vae_bf16, latent, bf16_image):
    """Decodes ``latent`` with an fp32 copy of the VAE, as the WISE script would, and compares with the bf16 result
    (both cropped to their bbox as the script saves): (max, mean) |difference| in 0..255, or None when the crops
    differ in size."""
    from irg_server.model_irg import crop_to_bbox
    vae32 = copy.deepcopy(vae_bf16).float()
    with torch.no_grad():
        img32, _ = crop_to_bbox(to_pil(torch, vae32.decode(latent.float())))
    if img32.size != bf16_image.size:
        return None
    return max_abs_diff(img32.convert("RGB"), bf16_image), mean_abs_diff(img32.convert("RGB"), bf16_image)


def official_load_path(tiif, m, torch, work):
    """Runs the official script's own loader, ``worker_fn`` (IRG :661-758), on the tiny weights with no data, and
    returns the model it built. accelerate's load_checkpoint_and_dispatch is wrapped only to keep the model it
    returns (and, on the CPU, to put it on the CPU: the script hard-codes ``cuda:{rank}``, :687); on the CPU the
    script's setup_worker (:33-59, GPU selection only; it divides by the GPU count) is skipped. Everything else -
    configs, init_empty_weights, the tokenizer, the checkpoint's dtype and device map - is the script's."""
    import accelerate
    import argparse as _argparse
    import queue as _queue
    captured = {}
    real = accelerate.load_checkpoint_and_dispatch

    def keep(model, *args, **kwargs):
        if not m.on_cuda:
            kwargs["device_map"] = {"": "cpu"}
        captured["model"] = real(model, *args, **kwargs)
        captured["device_map"] = kwargs.get("device_map")
        return captured["model"]

    args = _argparse.Namespace(model_path=work, max_latent_size=m.max_latent_size)
    real_setup = tiif.setup_worker
    accelerate.load_checkpoint_and_dispatch = keep
    if not m.on_cuda:
        tiif.setup_worker = lambda rank, world_size: 0
    try:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            tiif.worker_fn(0, 1, args, [[]], _queue.Queue())
    finally:
        accelerate.load_checkpoint_and_dispatch = real
        tiif.setup_worker = real_setup
    if "model" not in captured:
        raise AssertionError("the official worker_fn did not reach load_checkpoint_and_dispatch: %s"
                             % out.getvalue()[-400:])
    return captured["model"]


def materialized_state(model):
    """The model's tensors with values. On the CPU accelerate's dispatch keeps the weights of a ``{"": "cpu"}`` map in
    its offload hooks and leaves the parameters on the meta device, so ``state_dict()`` alone holds no values; its
    get_state_dict_offloaded_model onloads them module by module (accelerate@v0.34.2 utils/modeling.py:1592)."""
    sd = model.state_dict()
    if any(v.device.type == "meta" for v in sd.values()):
        from accelerate.utils import get_state_dict_offloaded_model
        sd = get_state_dict_offloaded_model(model)
    meta = [k for k, v in sd.items() if v.device.type == "meta"]
    if meta:
        raise AssertionError("no values for %d tensors, e.g. %s" % (len(meta), meta[:3]))
    return sd


def same_tensors(torch, a, b, checkpoint):
    """(ok, detail): the two models hold the same names, dtypes, shapes and values, and those are the checkpoint's
    (so the comparison cannot pass on two equally empty models)."""
    from safetensors.torch import load_file
    sa, sb, sf = materialized_state(a), materialized_state(b), load_file(checkpoint)
    if sorted(sa) != sorted(sb):
        return False, "names differ: %s" % sorted(set(sa) ^ set(sb))[:5]
    bad = [k for k in sa if sa[k].dtype != sb[k].dtype or sa[k].shape != sb[k].shape
           or not torch.equal(sa[k].detach().cpu(), sb[k].detach().cpu())]
    if bad:
        return False, "%d of %d tensors differ, e.g. %s" % (len(bad), len(sa), bad[:3])
    off = [k for k in sf if k not in sa or not torch.equal(sa[k].detach().cpu(), sf[k].to(sa[k].dtype))]
    if off:
        return False, "%d of the checkpoint's %d tensors not loaded as stored, e.g. %s" % (len(off), len(sf), off[:3])
    return True, "%d tensors, all of the checkpoint's %d, dtypes %s" % (
        len(sa), len(sf), sorted({str(v.dtype) for v in sa.values()}))


def main(argv=None):
    args = build_parser().parse_args(argv)
    if args.resolution % 16 or args.timesteps < 2:
        raise SystemExit("--resolution must be a multiple of 16 and --timesteps >= 2")
    sys.path.insert(0, SERVER_ROOT)
    from irg_server import model_irg, protocol
    device = model_irg.parse_device(args.device)
    checks = Checks()
    t_start = time.time()
    cpu_t0 = time.process_time()
    model_irg.check_irg_tree(args.official_repo)
    files = write_tiny_files(args.work)
    checks.line("PASS", "tiny configs and byte-level tokenizer", "%d files in %s, vocab %d = tokenizer size"
                % (len(files), args.work, TINY_LLM["vocab_size"]))
    if args.dry_run:
        checks.line("SKIP", "model checks", "--dry-run")
        return 0
    attn = install_standins(args.flash_attn)
    import torch
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise SystemExit("no CUDA device: run with --device cpu (or --dry-run)")
    if device == "cpu":
        install_cpu_autocast(torch)
    model_irg.install_import_path(args.official_repo)
    build_weights(args.work, torch)
    checks.line("PASS", "tiny random weights", "2-layer Qwen2 MoT, 2-layer SigLIP, full-shape AE; transformer-like"
                " init; attention: %s; torch %s on %s" % (attn, torch.__version__, device))

    m = model_irg.IrgModel(official_repo=args.official_repo, model_path=args.work, bagel_repo=args.bagel_repo,
                           device=device, weights="irg")
    m.load()
    tiif = load_module("irg_official_tiif_multi_turn_gen", os.path.join(args.official_repo, model_irg.IRG_SCRIPT))
    ok, detail = same_tensors(torch, official_load_path(tiif, m, torch, args.work), m.model,
                              os.path.join(args.work, m.checkpoint))
    checks.line("PASS" if ok else "FAIL", "official load path (worker_fn :661-758) vs IrgModel.load", detail)

    from gpu_check.mutations import MUTATIONS, mutated
    mutate = (lambda: mutated(m, args.mutate)) if args.mutate else contextlib.nullcontext
    if args.mutate:
        checks.line("INFO", "server side mutated", "%s: %s" % (args.mutate, MUTATIONS[args.mutate].__doc__.split("\n")[0]))
    h = w = args.resolution
    irg_preset = protocol.load_preset("irg-paper")
    tps = [dict(tp, timesteps=args.timesteps) for tp in irg_preset["turn_params"]]
    req = {"id": "gpu-check", "prompt": args.prompt, "mode": "irg", "turns": 2, "seed": args.seed, "width": w,
           "height": h, "think": {"temperature": 0.3, "max_tokens": args.max_tokens}, "turn_params": tps}

    def official_irg():
        m._enter_device()
        m._seed(args.seed)
        t1, t2 = tps
        with torch.no_grad():
            out = tiif.generate_multi_turn_image_with_think(
                prompt=args.prompt, num_timesteps=args.timesteps,
                cfg_text_scale_turn1=t1["cfg_text_scale"], cfg_interval_turn1=t1["cfg_interval"],
                cfg_renorm_min_turn1=t1["cfg_renorm_min"], cfg_renorm_type_turn1=t1["cfg_renorm_type"],
                timestep_shift_turn1=t1["timestep_shift"], cfg_text_scale_turn2=t2["cfg_text_scale"],
                cfg_img_scale_turn2=t2["cfg_img_scale"], cfg_interval_turn2=t2["cfg_interval"],
                cfg_renorm_min_turn2=t2["cfg_renorm_min"], cfg_renorm_type_turn2=t2["cfg_renorm_type"],
                timestep_shift_turn2=t2["timestep_shift"], resolution=w, max_length=args.max_tokens,
                device=m.device, model=m.model, vae_model=m.vae_model, tokenizer=m.tokenizer,
                new_token_ids=m.new_token_ids)
        return [(out["turn_%d" % k]["text"], out["turn_%d" % k]["image"].convert("RGB")) for k in (1, 2)]

    from PIL import Image

    def ours(r):
        out = m.generate(r)
        return [(t["text"], Image.open(io.BytesIO(t["png"])).convert("RGB"), t) for t in out]

    def compare(name, off, mine):
        for k in (1, 2):
            same_text = off[k - 1][0] == mine[k - 1][0]
            same_px = pixels_equal(off[k - 1][1], mine[k - 1][1])
            checks.line("PASS" if same_text and same_px else "FAIL", "%s turn %d" % (name, k),
                        "text %s, pixels %s, server stages %s" % (
                            "equal" if same_text else "DIFFER",
                            "equal" if same_px else "DIFFER (max |d| %s)" % max_abs_diff(off[k - 1][1],
                                                                                         mine[k - 1][1]),
                            {s: int(ms) for s, ms in mine[k - 1][2]["timings_ms"].items()}))

    runs = []
    for run in ((1,) if args.mutate else (1, 2)):   # one run shows a mutation; determinism is the unmutated run's
        off = official_irg()
        with mutate():
            mine = ours(req)
        compare("irg run %d vs official" % run, off, mine)
        runs.append((off, mine))
    for side, i in (() if args.mutate else (("official", 0), ("server", 1))):
        same = all(runs[0][i][k][0] == runs[1][i][k][0] and pixels_equal(runs[0][i][k][1], runs[1][i][k][1])
                   for k in (0, 1))
        checks.line("PASS" if same else "FAIL", "determinism: %s irg run 1 = run 2" % side,
                    "texts and pixels %s" % ("equal" if same else "DIFFER"))
    official = runs[0][0]
    print("INFO think 1: %r" % official[0][0], flush=True)
    print("INFO think 2: %r" % official[1][0], flush=True)

    # self-test: each deliberate flow mistake must change the server's output against the official one (left out
    # of a --mutate run, which is itself that test from the outside)
    for name in ([] if args.mutate else MUTATIONS):
        with mutated(m, name):
            bad = ours(req)
        diffs = [max_abs_diff(official[k][1], bad[k][1]) for k in (0, 1)]
        texts = [official[k][0] != bad[k][0] for k in (0, 1)]
        caught = any(texts) or any(d is None or d > 0 for d in diffs)
        checks.line("PASS" if caught else "FAIL", "self-test: mutation %s detected" % name,
                    "max |d| turn 1 %s, turn 2 %s /255; texts %s" % (
                        diffs[0], diffs[1], "/".join("differ" if t else "equal" for t in texts)))

    if not args.skip_bagel:
        bagel_checks(checks, m, torch, protocol, args, req, ours)
    if not args.skip_http:
        http_checks(checks, m, protocol, req)
    wall = time.time() - t_start
    cpu = time.process_time() - cpu_t0
    if device == "cpu":
        checks.line("INFO", "wall time", "%.0f s, process CPU time %.0f s (%d torch threads)"
                    % (wall, cpu, torch.get_num_threads()))
    else:
        checks.line("PASS" if wall < args.time_limit else "FAIL", "wall time", "%.0f s (limit %.0f)"
                    % (wall, args.time_limit))
    print("RESULT %s (%d failed)" % ("PASS" if checks.failed == 0 else "FAIL", checks.failed), flush=True)
    return 0 if checks.failed == 0 else 1


def bagel_checks(checks, m, torch, protocol, args, req, ours):
    """Modes think, think-2025-06 and plain against the WISE scripts (module globals model/gen_model/vae_model/
    tokenizer/new_token_ids, set as their main() does, Bagel@056b5fd gen_images_mp_wise.py:276-292)."""
    from irg_server.model_irg import crop_to_bbox
    w = args.resolution

    def wise(path, name, vae):
        mod = load_module(name, path)
        mod.model = mod.gen_model = m.model
        mod.vae_model, mod.tokenizer, mod.new_token_ids = vae, m.tokenizer, m.new_token_ids
        return mod

    think_preset = protocol.load_preset("bagel-think")
    tp = dict(think_preset["turn_params"][0], timesteps=args.timesteps)
    scripts = [("think-2025-06", os.path.join(args.official_repo, "SFT", "eval", "gen", "gen_images_mp_wise.py"))]
    if args.bagel_repo:
        scripts.insert(0, ("think", os.path.join(args.bagel_repo, "eval", "gen", "gen_images_mp_wise.py")))
    elif args.no_bagel_think:
        checks.line("SKIP", "think vs Bagel@056b5fd generate_image_with_think", "--no-bagel-think")
    else:
        checks.line("FAIL", "think vs Bagel@056b5fd generate_image_with_think", "no --bagel-repo")
    server = {}

    def fp32_note(vae, image):
        d = fp32_vae_difference(torch, m.vae_model, vae.latents[-1], image)
        return ("fp32 VAE (the WISE script's) on the same latent: max |d| %d, mean |d| %.2f /255 (documented"
                " deviation, not judged)" % d) if d else "fp32 VAE crop differs in size (not judged)"

    for mode, path in scripts:
        vae = Bf16DecodeVae(m.vae_model, torch)
        mod = wise(path, "wise_" + mode.replace("-", "_"), vae)
        m._enter_device()
        m._seed(args.seed)
        with torch.no_grad():
            img, text = mod.generate_image_with_think(
                prompt=args.prompt, num_timesteps=args.timesteps, cfg_scale=tp["cfg_text_scale"],
                cfg_interval=tp["cfg_interval"], cfg_renorm_min=tp["cfg_renorm_min"],
                timestep_shift=tp["timestep_shift"], resolution=w, max_length=args.max_tokens, simple_think=False,
                device=m.device)
        img, _ = crop_to_bbox(img)   # as the script saves it (:348)
        img = img.convert("RGB")
        text2, px2, _ = ours(dict(req, mode=mode, turns=1, turn_params=[tp]))[0]
        server[mode] = (text2, px2)
        same_px = pixels_equal(img, px2)
        checks.line("PASS" if text == text2 and same_px else "FAIL",
                    "%s vs %s generate_image_with_think" % (mode, "Bagel" if mode == "think" else "IRG SFT copy"),
                    "text %s, pixels %s" % ("equal" if text == text2 else "DIFFER",
                                            "equal" if same_px else "DIFFER (max |d| %s)" % max_abs_diff(img, px2)))
        checks.line("INFO", "%s decode" % mode, fp32_note(vae, img))
        if mode == "think-2025-06":
            vae = Bf16DecodeVae(m.vae_model, torch)
            mod.vae_model = vae
            m._enter_device()
            m._seed(args.seed)
            with torch.no_grad():
                plain = mod.generate_image(prompt=args.prompt, num_timesteps=args.timesteps,
                                           cfg_scale=tp["cfg_text_scale"], cfg_interval=tp["cfg_interval"],
                                           cfg_renorm_min=tp["cfg_renorm_min"], timestep_shift=tp["timestep_shift"],
                                           resolution=w, device=m.device)
            plain, _ = crop_to_bbox(plain)
            plain = plain.convert("RGB")
            r = {k: v for k, v in dict(req, mode="plain", turns=1, turn_params=[tp]).items() if k != "think"}
            _, px3, _ = ours(r)[0]
            checks.line("PASS" if pixels_equal(plain, px3) else "FAIL",
                        "plain vs generate_image (IRG SFT/eval/gen/gen_images_mp_wise.py)",
                        "pixels %s" % ("equal" if pixels_equal(plain, px3) else "DIFFER"))
            checks.line("INFO", "plain decode", fp32_note(vae, plain))
    if "think" in server:
        a, b = server["think"], server["think-2025-06"]
        differ = a[0] != b[0] or not pixels_equal(a[1], b[1])
        checks.line("PASS" if differ else "FAIL", "think and think-2025-06 differ",
                    "texts %s, max |d| %s /255" % ("differ" if a[0] != b[0] else "equal", max_abs_diff(a[1], b[1])))


def http_checks(checks, m, protocol, req):
    """health, three concurrent requests, a forced OOM -> 503 out_of_memory, then a normal answer; every 200
    answer carries the checkpoint's sha256 and weights kind (docs/protocol.md, "Checkpoint identity")."""
    import http.client
    from irg_server.server import TrajectoryService, make_server
    service = TrajectoryService(m, protocol.load_preset("irg-paper"), max_queue=3)
    server = make_server(service, "127.0.0.1", 0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]

    def call(method, path, body=None):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=3600)
        c.request(method, path, body=json.dumps(body).encode() if body is not None else None)
        r = c.getresponse()
        out = r.status, json.loads(r.read())
        c.close()
        return out

    try:
        status, h = call("GET", "/v1/health")
        checks.line("PASS" if status == 200 and h["status"] == "ok" and h["weights"]["kind"] == "irg" else "FAIL",
                    "http health", json.dumps({k: h.get(k) for k in ("status", "weights", "device")}))
        results = [None] * 3

        def one(i):
            results[i] = call("POST", "/v1/trajectory", dict(req, id="gpu-check/%d" % i, seed=req["seed"] + i))
        ts = [threading.Thread(target=one, args=(i,)) for i in range(3)]
        [t.start() for t in ts]
        [t.join() for t in ts]
        ok = all(r and r[0] == 200 for r in results)
        ident = all(r and r[0] == 200 and r[1].get("model", {}).get("sha256") == h["model"]["sha256"]
                    and r[1].get("weights", {}).get("kind") == "irg" for r in results)
        checks.line("PASS" if ok and ident else "FAIL", "http three concurrent requests",
                    "%s, each answer's sha256 and weights.kind %s" % (
                        [r[0] if r else None for r in results], "those of health" if ident else "MISSING/DIFFER"))
        real = m.generate

        def oom(r):
            m.generate = real
            raise m.torch.cuda.OutOfMemoryError("CUDA out of memory (forced by gpu_check)")
        m.generate = oom
        status, e = call("POST", "/v1/trajectory", dict(req, id="gpu-check/oom"))
        checks.line("PASS" if status == 503 and e["error"]["code"] == "out_of_memory" else "FAIL",
                    "http forced out of memory", "%s %s" % (status, e.get("error", {}).get("code")))
        status, _ = call("POST", "/v1/trajectory", dict(req, id="gpu-check/oom"))
        checks.line("PASS" if status == 200 else "FAIL", "http answer after out of memory", str(status))
    finally:
        m.__dict__.pop("generate", None)
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    sys.exit(main())
