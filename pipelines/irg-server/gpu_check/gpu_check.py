"""Ten-minute GPU equality check: the server's IrgModel against the official functions, on tiny random weights.

    cd pipelines/irg-server
    python3 -m gpu_check.gpu_check --official-repo /path/IRG [--bagel-repo /path/Bagel] [--work /tmp/irg-gpu-check]
    python3 -m gpu_check.gpu_check --dry-run ...     # CPU: arguments, tiny configs, tokenizer files; no model

What it does (docs/irg-server-gpu-check.md), one line per check, "PASS"/"FAIL"/"SKIP" first:
  1. builds tiny random weights in --work: a 2-layer Qwen2 MoT, a 2-layer SigLIP (vit_config says 3: the loader
     drops one, tiif_multi_turn_gen.py:703), a byte-level tokenizer, a random full-shape FLUX autoencoder;
  2. IRG: the official generate_multi_turn_image_with_think (IRG@3eee315 tiif_multi_turn_gen.py:222-658) vs the
     server's IrgModel.generate, same seed, --resolution 256, --timesteps 8: pixel-equal images, equal texts, both
     turns; run twice (determinism);
  3. BAGEL: mode think vs Bagel@056b5fd eval/gen/gen_images_mp_wise.py generate_image_with_think (needs
     --bagel-repo), mode think-2025-06 vs IRG's SFT/eval/gen/gen_images_mp_wise.py (= Bagel@738a570), mode plain
     vs generate_image of the same script; the official image cropped to its bbox as the script saves it;
  4. HTTP: health, three concurrent requests, a forced CUDA out-of-memory answered 503 out_of_memory, then 200.
Prints per-stage times of the real (tiny) model; these are not the 7B model's times.

Nothing of the official code is copied here: it is imported from the checkouts given on the command line.
"""

import argparse
import importlib.util
import json
import os
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER_ROOT = os.path.dirname(HERE)
STANDIN = os.path.join(HERE, "standin")

# 2 decoder layers, Qwen2 MoT (the server sets qk_norm, tie_word_embeddings, layer_module as the script does)
TINY_LLM = {"architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "hidden_size": 128,
            "intermediate_size": 256, "num_attention_heads": 4, "num_key_value_heads": 2, "num_hidden_layers": 2,
            "vocab_size": 512, "max_position_embeddings": 32768, "max_window_layers": 2, "rope_theta": 1000000.0,
            "rms_norm_eps": 1e-06, "hidden_act": "silu", "initializer_range": 0.02, "use_cache": True,
            "use_sliding_window": False, "sliding_window": 32768, "tie_word_embeddings": False,
            "attention_dropout": 0.0, "torch_dtype": "bfloat16", "bos_token_id": 256, "eos_token_id": 256}
# 3 in the file = 2 layers after vit_config.num_hidden_layers - 1 (tiif_multi_turn_gen.py:703); 980 / 14 = 70
# patches per side = vit_max_num_patch_per_side (:715)
TINY_VIT = {"model_type": "siglip_vision_model", "hidden_size": 64, "intermediate_size": 128,
            "num_attention_heads": 2, "num_hidden_layers": 3, "num_channels": 3, "image_size": 980,
            "patch_size": 14, "hidden_act": "gelu_pytorch_tanh", "layer_norm_eps": 1e-06, "attention_dropout": 0.0}
SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|vision_start|>", "<|vision_end|>"]


def build_parser():
    p = argparse.ArgumentParser(prog="python3 -m gpu_check.gpu_check", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--official-repo", required=True, help="checkout of Osilly/Interleaving-Reasoning-Generation @3eee315")
    p.add_argument("--bagel-repo", help="checkout of ByteDance-Seed/Bagel @056b5fd (mode think check; skipped without)")
    p.add_argument("--work", default="/tmp/irg-gpu-check", help="folder for the tiny weights")
    p.add_argument("--device", default="cuda:0")
    p.add_argument("--resolution", type=int, default=256)
    p.add_argument("--timesteps", type=int, default=8)
    p.add_argument("--max-tokens", type=int, default=24, help="think length (tiny random model: short)")
    p.add_argument("--seed", type=int, default=1234567)
    p.add_argument("--prompt", default="a red cube on a blue sphere")
    p.add_argument("--flash-attn", choices=("auto", "standin", "real"), default="auto",
                   help="auto: the stand-in only when flash_attn is not installed")
    p.add_argument("--dry-run", action="store_true", help="CPU only: parse, write configs and tokenizer, stop")
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
    if len(vocab) + len(SPECIALS) > TINY_LLM["vocab_size"]:
        raise AssertionError("tiny vocab does not fit vocab_size")
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


def random_state_dict(shapes, seed, dtype_name="bfloat16"):
    """{name: shape} -> {name: tensor} drawn from N(0, 0.02) with a fixed generator (CPU; any torch)."""
    import torch
    g = torch.Generator().manual_seed(seed)
    dtype = getattr(torch, dtype_name)
    return {k: (torch.randn(*shape, generator=g) * 0.02).to(dtype) for k, shape in shapes.items()}


def install_flash_attn(choice):
    have = importlib.util.find_spec("flash_attn") is not None
    if choice == "standin" or (choice == "auto" and not have):
        sys.path.insert(0, STANDIN)
        for k in [k for k in sys.modules if k.split(".")[0] == "flash_attn"]:
            del sys.modules[k]
        return "stand-in (gpu_check/standin/flash_attn, exact attention, same on both sides)"
    if not have:
        raise SystemExit("--flash-attn real: flash_attn is not installed")
    return "flash_attn (installed)"


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def build_weights(work, irg_root, torch, seed=0):
    """Random tiny Bagel (official classes) -> ema_bf16.safetensors; random full-shape AE -> ae.safetensors."""
    from safetensors.torch import save_file
    from SFT.modeling.autoencoder import AutoEncoder, load_ae
    from SFT.modeling.bagel import (Bagel, BagelConfig, Qwen2Config, Qwen2ForCausalLM, SiglipVisionConfig,
                                    SiglipVisionModel)
    torch.manual_seed(seed)
    _, ae_params = load_ae(local_path=None)
    ae = AutoEncoder(ae_params)
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
    sd = {}
    g = torch.Generator().manual_seed(seed + 1)
    for k, v in model.state_dict().items():  # fresh N(0, 0.02) everywhere: no zero-initialised heads
        sd[k] = (torch.randn(v.shape, generator=g) * 0.02).to(torch.bfloat16).contiguous() if v.is_floating_point() \
            else v.contiguous()
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


def main(argv=None):
    args = build_parser().parse_args(argv)
    if args.resolution % 16 or args.timesteps < 2:
        raise SystemExit("--resolution must be a multiple of 16 and --timesteps >= 2")
    sys.path.insert(0, SERVER_ROOT)
    from irg_server import model_irg, protocol
    checks = Checks()
    t_start = time.time()
    model_irg.check_irg_tree(args.official_repo)
    files = write_tiny_files(args.work)
    checks.line("PASS", "tiny configs and byte-level tokenizer", "%d files in %s" % (len(files), args.work))
    if args.dry_run:
        checks.line("SKIP", "model checks", "--dry-run")
        return 0
    attn = install_flash_attn(args.flash_attn)
    import torch
    if not torch.cuda.is_available():
        raise SystemExit("no CUDA device: run with --dry-run on a CPU machine")
    model_irg.install_import_path(args.official_repo)
    build_weights(args.work, args.official_repo, torch)
    checks.line("PASS", "tiny random weights", "2-layer Qwen2 MoT, 2-layer SigLIP, full-shape AE; attention: " + attn)

    m = model_irg.IrgModel(official_repo=args.official_repo, model_path=args.work, bagel_repo=args.bagel_repo,
                           device=args.device, weights="irg")
    m.load()
    tiif = load_module("irg_official_tiif_multi_turn_gen",
                       os.path.join(args.official_repo, model_irg.IRG_SCRIPT))
    h = w = args.resolution
    irg_preset = protocol.load_preset("irg-paper")
    tps = [dict(tp, timesteps=args.timesteps) for tp in irg_preset["turn_params"]]
    req = {"id": "gpu-check", "prompt": args.prompt, "mode": "irg", "turns": 2, "seed": args.seed, "width": w,
           "height": h, "think": {"temperature": 0.3, "max_tokens": args.max_tokens}, "turn_params": tps}

    def official_irg():
        m._enter_device()
        m._seed(args.seed)
        t1, t2 = tps
        return tiif.generate_multi_turn_image_with_think(
            prompt=args.prompt, num_timesteps=args.timesteps,
            cfg_text_scale_turn1=t1["cfg_text_scale"], cfg_interval_turn1=t1["cfg_interval"],
            cfg_renorm_min_turn1=t1["cfg_renorm_min"], cfg_renorm_type_turn1=t1["cfg_renorm_type"],
            timestep_shift_turn1=t1["timestep_shift"], cfg_text_scale_turn2=t2["cfg_text_scale"],
            cfg_img_scale_turn2=t2["cfg_img_scale"], cfg_interval_turn2=t2["cfg_interval"],
            cfg_renorm_min_turn2=t2["cfg_renorm_min"], cfg_renorm_type_turn2=t2["cfg_renorm_type"],
            timestep_shift_turn2=t2["timestep_shift"], resolution=w, max_length=args.max_tokens,
            device=m.device, model=m.model, vae_model=m.vae_model, tokenizer=m.tokenizer,
            new_token_ids=m.new_token_ids)

    from PIL import Image
    import io

    def ours(r):
        out = m.generate(r)
        return [(t["text"], Image.open(io.BytesIO(t["png"])).convert("RGB"), t) for t in out]

    for run in (1, 2):
        off = official_irg()
        mine = ours(req)
        for k in (1, 2):
            o = off["turn_%d" % k]
            same_text = o["text"] == mine[k - 1][0]
            same_px = pixels_equal(o["image"].convert("RGB"), mine[k - 1][1])
            checks.line("PASS" if same_text and same_px else "FAIL", "irg run %d turn %d" % (run, k),
                        "text %s, pixels %s, server stages %s" % ("equal" if same_text else "DIFFER",
                                                                   "equal" if same_px else "DIFFER",
                                                                   mine[k - 1][2]["timings_ms"]))

    # BAGEL modes against the WISE scripts (module globals model/gen_model/vae_model/tokenizer/new_token_ids)
    def wise(path, name):
        mod = load_module(name, path)
        mod.model = mod.gen_model = m.model
        mod.vae_model, mod.tokenizer, mod.new_token_ids = m.vae_model, m.tokenizer, m.new_token_ids
        return mod

    think_preset = protocol.load_preset("bagel-think")
    tp = dict(think_preset["turn_params"][0], timesteps=args.timesteps)
    scripts = [("think-2025-06", os.path.join(args.official_repo, "SFT", "eval", "gen", "gen_images_mp_wise.py"))]
    if args.bagel_repo:
        scripts.insert(0, ("think", os.path.join(args.bagel_repo, "eval", "gen", "gen_images_mp_wise.py")))
    else:
        checks.line("SKIP", "think vs Bagel@056b5fd generate_image_with_think", "no --bagel-repo")
    for mode, path in scripts:
        mod = wise(path, "wise_" + mode.replace("-", "_"))
        m._enter_device()
        m._seed(args.seed)
        with torch.no_grad():
            img, text = mod.generate_image_with_think(
                prompt=args.prompt, num_timesteps=args.timesteps, cfg_scale=tp["cfg_text_scale"],
                cfg_interval=tp["cfg_interval"], cfg_renorm_min=tp["cfg_renorm_min"],
                timestep_shift=tp["timestep_shift"], resolution=w, max_length=args.max_tokens, simple_think=False,
                device=m.device)
        img = img.crop(img.getbbox())
        r = dict(req, mode=mode, turns=1, turn_params=[tp])
        text2, px2, t = ours(r)[0]
        ok = text == text2 and pixels_equal(img.convert("RGB"), px2)
        checks.line("PASS" if ok else "FAIL", "%s vs %s" % (mode, os.path.relpath(path, os.path.dirname(path) + "/../../..")),
                    "text %s, pixels %s" % ("equal" if text == text2 else "DIFFER",
                                            "equal" if pixels_equal(img.convert("RGB"), px2) else "DIFFER"))
        if mode == "think-2025-06":
            m._enter_device()
            m._seed(args.seed)
            plain = mod.generate_image(prompt=args.prompt, num_timesteps=args.timesteps,
                                       cfg_scale=tp["cfg_text_scale"], cfg_interval=tp["cfg_interval"],
                                       cfg_renorm_min=tp["cfg_renorm_min"], timestep_shift=tp["timestep_shift"],
                                       resolution=w, device=m.device)
            plain = plain.crop(plain.getbbox())
            r = {k: v for k, v in dict(req, mode="plain", turns=1, turn_params=[tp]).items() if k != "think"}
            _, px3, _ = ours(r)[0]
            checks.line("PASS" if pixels_equal(plain.convert("RGB"), px3) else "FAIL",
                        "plain vs generate_image (IRG SFT/eval/gen/gen_images_mp_wise.py)")

    http_checks(checks, m, protocol, req)
    checks.line("PASS" if time.time() - t_start < 600 else "FAIL", "wall time", "%.0f s (limit 600)"
                % (time.time() - t_start))
    print("RESULT %s (%d failed)" % ("PASS" if checks.failed == 0 else "FAIL", checks.failed), flush=True)
    return 0 if checks.failed == 0 else 1


def http_checks(checks, m, protocol, req):
    """health, three concurrent requests, a forced OOM -> 503 out_of_memory, then a normal answer."""
    import http.client
    from irg_server.server import TrajectoryService, make_server
    service = TrajectoryService(m, protocol.load_preset("irg-paper"), max_queue=3)
    server = make_server(service, "127.0.0.1", 0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]

    def call(method, path, body=None):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
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
        checks.line("PASS" if all(r and r[0] == 200 for r in results) else "FAIL", "http three concurrent requests",
                    str([r[0] if r else None for r in results]))
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
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    sys.exit(main())
