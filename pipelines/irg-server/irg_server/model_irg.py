"""The real model: the official IRG / BAGEL inference code, imported from the user's checkout at load time.

Nothing here is imported by the protocol layer or the tests; ``torch`` and the official modules are imported
in :meth:`IrgModel.load`. Every step cites the official line it reproduces:

* IRG = Osilly/Interleaving-Reasoning-Generation @ 3eee315, ``eval/multi_turn/tiif/tiif_multi_turn_gen.py``
  (function ``generate_multi_turn_image_with_think``, lines 222-658; model loading in ``worker_fn``, 692-758).
* WISE = ByteDance-Seed/Bagel @ 056b5fd, ``eval/gen/gen_images_mp_wise.py`` (``generate_image_with_think``
  40-153 for mode ``think``, ``generate_image`` 155-217 for mode ``plain``).

The model code itself is IRG's copy of BAGEL under ``SFT/`` (``SFT.modeling.bagel``), so all three modes run
on the same code; which weights are loaded (IRG's or BAGEL-7B-MoT's) is the user's choice and is reported by
``/v1/health`` (checkpoint file name and SHA-256).
"""

import ast
import copy
import hashlib
import io
import os
import random
import sys
import time

IRG_SCRIPT = os.path.join("eval", "multi_turn", "tiif", "tiif_multi_turn_gen.py")
BAGEL_INFERENCER = "inferencer.py"
PROMPT_FILES = {"irg": "irg_two_turn_system_prompt.txt", "think": "bagel_think_system_prompt.txt"}


def read_string_constant(path, name):
    """The value of a module-level string constant, read with ``ast`` (the official module is not executed)."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), filename=path)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            value = ast.literal_eval(node.value)
            if isinstance(value, str):
                return value
    raise ValueError("%s: no string constant %s" % (path, name))


def load_system_prompts(official_repo=None, bagel_repo=None, folder=None):
    """The official system prompts by mode: from ``folder`` (``<data>/irg``) when given, else from the checkouts
    (IRG: ``GEN_THINK_SYSTEM_PROMPT`` at tiif_multi_turn_gen.py:196-207; BAGEL: ``GEN_THINK_SYSTEM_PROMPT`` at
    inferencer.py:18-19, the same text as ``SYSTEM_PROMPT`` at gen_images_mp_wise.py:28-29)."""
    prompts = {}
    if folder:
        for mode, name in PROMPT_FILES.items():
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                with open(path, encoding="utf-8", newline="") as f:
                    prompts[mode] = f.read()
    if "irg" not in prompts and official_repo:
        prompts["irg"] = read_string_constant(os.path.join(official_repo, IRG_SCRIPT), "GEN_THINK_SYSTEM_PROMPT")
    if "think" not in prompts and bagel_repo:
        prompts["think"] = read_string_constant(os.path.join(bagel_repo, BAGEL_INFERENCER), "GEN_THINK_SYSTEM_PROMPT")
    return prompts


def sha256_file(path, cache=True):
    """SHA-256 of a (large) file, remembered in ``<file>.sha256`` next to it when writable."""
    side = path + ".sha256"
    st = os.stat(path)
    if cache and os.path.isfile(side):
        with open(side, encoding="ascii") as f:
            parts = f.read().split()
        if len(parts) == 3 and parts[1] == str(st.st_size) and parts[2] == str(int(st.st_mtime)):
            return parts[0]
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 24), b""):
            h.update(block)
    digest = h.hexdigest()
    if cache:
        try:
            with open(side, "w", encoding="ascii") as f:
                f.write("%s %d %d\n" % (digest, st.st_size, int(st.st_mtime)))
        except OSError:
            pass
    return digest


class IrgModel:
    """One GPU, one model; :meth:`generate` is called under the server's model lock."""

    simulator = False
    modes = ("plain", "think", "irg")

    def __init__(self, official_repo, model_path, checkpoint="ema_bf16.safetensors", bagel_repo=None,
                 system_prompts_dir=None, max_latent_size=64, device="cuda:0", hash_checkpoint=True):
        self.official_repo = os.path.abspath(official_repo)
        self.model_path = model_path
        self.checkpoint = checkpoint
        self.max_latent_size = max_latent_size
        # latent side = max_latent_size patches of 2x2 latents of 8x8 pixels (BagelConfig latent_patch_size=2,
        # tiif_multi_turn_gen.py:717-718)
        self.max_side = max_latent_size * 16
        self.device = device
        self.hash_checkpoint = hash_checkpoint
        self.system_prompts = load_system_prompts(official_repo, bagel_repo, system_prompts_dir)
        if "irg" not in self.system_prompts:
            raise ValueError("no IRG system prompt: give --official-repo (with %s) or --system-prompts" % IRG_SCRIPT)
        if "think" not in self.system_prompts:
            # mode think needs BAGEL's text; without it the server serves plain and irg only
            self.modes = ("plain", "irg")
        self._sha = None
        self._device_name = None
        self._cast_bf16 = True

    # ------------------------------------------------------------------ loading (tiif_multi_turn_gen.py:692-758)
    def load(self):
        if self.official_repo not in sys.path:
            sys.path.insert(0, self.official_repo)  # the script imports SFT.* from the repo root (:12-26)
        import numpy as np  # noqa: F401 - seeded per request below
        import torch
        from accelerate import init_empty_weights, load_checkpoint_and_dispatch
        from SFT.data.data_utils import add_special_tokens
        from SFT.data.transforms import ImageTransform
        from SFT.modeling.autoencoder import load_ae
        from SFT.modeling.bagel import (Bagel, BagelConfig, Qwen2Config, Qwen2ForCausalLM, SiglipVisionConfig,
                                        SiglipVisionModel)
        from SFT.modeling.bagel.qwen2_navit import NaiveCache
        from SFT.modeling.qwen2 import Qwen2Tokenizer

        self.torch = torch
        self.NaiveCache = NaiveCache
        torch.cuda.set_device(self.device)
        llm_config = Qwen2Config.from_json_file(os.path.join(self.model_path, "llm_config.json"))
        llm_config.qk_norm = True                               # :695
        llm_config.tie_word_embeddings = False                  # :696
        llm_config.layer_module = "Qwen2MoTDecoderLayer"        # :697
        vit_config = SiglipVisionConfig.from_json_file(os.path.join(self.model_path, "vit_config.json"))
        vit_config.rope = False                                 # :702
        vit_config.num_hidden_layers = vit_config.num_hidden_layers - 1   # :703
        vae_model, vae_config = load_ae(local_path=os.path.join(self.model_path, "ae.safetensors"))  # :705-707
        config = BagelConfig(visual_gen=True, visual_und=True, llm_config=llm_config, vit_config=vit_config,
                             vae_config=vae_config, vit_max_num_patch_per_side=70,
                             connector_act="gelu_pytorch_tanh", latent_patch_size=2,
                             max_latent_size=self.max_latent_size)   # :709-719
        with init_empty_weights():                              # :724-730
            language_model = Qwen2ForCausalLM(llm_config)
            vit_model = SiglipVisionModel(vit_config)
            model = Bagel(language_model, vit_model, config)
            model.vit_model.vision_model.embeddings.convert_conv2d_to_linear(vit_config, meta=True)
        tokenizer = Qwen2Tokenizer.from_pretrained(self.model_path)  # :732
        tokenizer, new_token_ids, _ = add_special_tokens(tokenizer)  # :733
        ckpt = os.path.join(self.model_path, self.checkpoint)
        model = load_checkpoint_and_dispatch(model, checkpoint=ckpt, device_map={"": self.device},
                                             offload_buffers=True, dtype=torch.bfloat16, force_hooks=True,
                                             offload_folder="/tmp/offload")   # :743-751
        vae_model = vae_model.to(device=self.device, dtype=torch.bfloat16)   # :754
        self.model = model.eval()
        self.vae_model = vae_model.eval()
        self.tokenizer = tokenizer
        self.new_token_ids = new_token_ids
        self.vae_transform = ImageTransform(1024, 512, 16)   # :405
        self.vit_transform = ImageTransform(980, 224, 14)    # :406
        # cudnn settings of the official worker (:683-684)
        torch.backends.cudnn.deterministic = True
        torch.backends.cudnn.benchmark = False
        self._device_name = torch.cuda.get_device_name(torch.device(self.device))
        self._sha = sha256_file(ckpt) if self.hash_checkpoint else None

    def info(self):
        return {"name": "IRG/BAGEL (official code from %s)" % os.path.basename(self.official_repo),
                "checkpoint": self.checkpoint, "sha256": self._sha, "device": self._device_name or self.device}

    def recover_from_oom(self):
        self.torch.cuda.empty_cache()

    # ------------------------------------------------------------------ helpers
    def _seed(self, seed):
        """Per-request seeding with the official worker's calls (:676-682), so pixels depend on the sample only."""
        import numpy as np
        torch = self.torch
        random.seed(seed)
        np.random.seed(seed)
        torch.manual_seed(seed)
        torch.cuda.manual_seed(seed)
        torch.cuda.manual_seed_all(seed)

    def _to_device(self, generation_input):
        # IRG's move_generation_input_to_device (:210-219) casts floating tensors (the initial noise) to bf16;
        # the WISE script's (gen_images_mp_wise.py:32-37) only moves them. self._cast_bf16 follows the mode.
        torch = self.torch
        for k, v in generation_input.items():
            if isinstance(v, torch.Tensor):
                generation_input[k] = (v.to(device=self.device, dtype=torch.bfloat16)
                                       if self._cast_bf16 and v.is_floating_point() else v.to(device=self.device))
        return generation_input

    def _autocast(self, dtype=None):
        return self.torch.amp.autocast("cuda", enabled=True, dtype=dtype or self.torch.bfloat16)

    def _new_context(self):
        return [self.NaiveCache(self.model.config.llm_config.num_hidden_layers), [0], [0]]

    def _add_text(self, ctx, text, dtype=None):
        """prepare_prompts + forward_cache_update_text (e.g. :268-279)."""
        gi, ctx[1], ctx[2] = self.model.prepare_prompts(curr_kvlens=ctx[1], curr_rope=ctx[2], prompts=[text],
                                                        tokenizer=self.tokenizer, new_token_ids=self.new_token_ids)
        gi = self._to_device(gi)
        with self._autocast(dtype):
            ctx[0] = self.model.forward_cache_update_text(ctx[0], **gi)

    def _add_image(self, ctx, image):
        """The previous image into the context twice, VAE then ViT (:415-445)."""
        gi, ctx[1], ctx[2] = self.model.prepare_vae_images(curr_kvlens=ctx[1], curr_rope=ctx[2], images=[image],
                                                           transforms=self.vae_transform,
                                                           new_token_ids=self.new_token_ids)
        gi = self._to_device(gi)
        with self._autocast():
            ctx[0] = self.model.forward_cache_update_vae(self.vae_model, ctx[0], **gi)
        gi, ctx[1], ctx[2] = self.model.prepare_vit_images(curr_kvlens=ctx[1], curr_rope=ctx[2], images=[image],
                                                           transforms=self.vit_transform,
                                                           new_token_ids=self.new_token_ids)
        gi = self._to_device(gi)
        with self._autocast():
            ctx[0] = self.model.forward_cache_update_vit(ctx[0], **gi)

    def _cfg_input(self, ctx, h, w):
        """prepare_vae_latent_cfg at the context's current length (:282-289, :456-462, :583-590)."""
        return self._to_device(self.model.prepare_vae_latent_cfg(curr_kvlens=ctx[1], curr_rope=ctx[2],
                                                                 image_sizes=[(h, w)]))

    def _think(self, ctx, think):
        """Samples one text on a copy of the context (:312-333); returns (text, generated tokens)."""
        tmp_cache = copy.deepcopy(ctx[0])
        gi = self._to_device(self.model.prepare_start_tokens(copy.deepcopy(ctx[1]), copy.deepcopy(ctx[2]),
                                                             self.new_token_ids))
        with self._autocast():
            out = self.model.generate_text(past_key_values=tmp_cache, max_length=think["max_tokens"], do_sample=True,
                                           temperature=think["temperature"],
                                           end_token_id=self.new_token_ids["eos_token_id"], **gi)
        decoded = self.tokenizer.decode(out[:, 0])
        text = decoded.split("<|im_end|>")[0].split("<|im_start|>")[1]   # :333
        return text, int(out.shape[0])

    def _image(self, ctx, tp, h, w, cfg_text, cfg_img=None):
        """generate_image with the turn's parameters and CFG contexts, then the VAE decode (:352-395)."""
        gi = self._to_device(self.model.prepare_vae_latent(curr_kvlens=ctx[1], curr_rope=ctx[2],
                                                           image_sizes=[(h, w)], new_token_ids=self.new_token_ids))
        kw = dict(past_key_values=ctx[0], num_timesteps=tp["timesteps"], cfg_text_scale=tp["cfg_text_scale"],
                  cfg_img_scale=tp["cfg_img_scale"], cfg_interval=list(tp["cfg_interval"]),
                  timestep_shift=tp["timestep_shift"], cfg_renorm_min=tp["cfg_renorm_min"],
                  cfg_renorm_type=tp["cfg_renorm_type"])
        text_cache, text_in = cfg_text
        kw.update(cfg_text_past_key_values=text_cache,
                  cfg_text_packed_position_ids=text_in["cfg_packed_position_ids"],
                  cfg_text_key_values_lens=text_in["cfg_key_values_lens"],
                  cfg_text_packed_query_indexes=text_in["cfg_packed_query_indexes"],
                  cfg_text_packed_key_value_indexes=text_in["cfg_packed_key_value_indexes"])
        if cfg_img is not None:
            img_cache, img_in = cfg_img
            kw.update(cfg_img_past_key_values=img_cache,
                      cfg_img_packed_position_ids=img_in["cfg_packed_position_ids"],
                      cfg_img_key_values_lens=img_in["cfg_key_values_lens"],
                      cfg_img_packed_query_indexes=img_in["cfg_packed_query_indexes"],
                      cfg_img_packed_key_value_indexes=img_in["cfg_packed_key_value_indexes"],
                      cfg_type="serial_text_img")   # :610 (accepted, unused by _forward_flow)
        with self._autocast():
            unpacked = self.model.generate_image(**kw, **gi)
        torch = self.torch
        latent = unpacked[0].reshape(1, h // 16, w // 16, 2, 2, 16)       # :384
        latent = torch.einsum("nhwpqc->nchpwq", latent)                   # :385
        latent = latent.reshape(1, 16, h // 8, w // 8)                    # :386
        latent = latent.to(device=self.device, dtype=torch.bfloat16)      # :388
        image = self.vae_model.decode(latent)                             # :389
        arr = ((image * 0.5 + 0.5).clamp(0, 1)[0].permute(1, 2, 0) * 255).to(torch.uint8).cpu().numpy()  # :390-395
        from PIL import Image
        return Image.fromarray(arr)

    @staticmethod
    def _png(image):
        buf = io.BytesIO()
        image.save(buf, format="PNG")  # PIL's PNG writer, as the official image.save(path) (:131)
        return buf.getvalue()

    # ------------------------------------------------------------------ modes
    def generate(self, req):
        self._seed(req["seed"])
        self._cast_bf16 = req["mode"] == "irg"  # safe: generate runs under the server's model lock
        with self.torch.no_grad():
            if req["mode"] == "irg":
                return self._irg(req)
            if req["mode"] == "think":
                return self._bagel_think(req)
            return self._bagel_plain(req)

    def _irg(self, req):
        """IRG (:259-658) generalised to N turns: turn k > 2 repeats turn 2's steps with image k-1."""
        h, w, think, tps = req["height"], req["width"], req["think"], req["turn_params"]
        system = self.system_prompts["irg"]
        sync = self.torch.cuda.synchronize
        turns = []
        ctx = self._new_context()
        self._add_text(ctx, system)                                    # :267-279
        cfg_in = self._cfg_input(ctx, h, w)                            # :282-289 (system prompt only)
        cfg_text_cache = copy.deepcopy(ctx[0])                         # :297 snapshot: system prompt only
        self._add_text(ctx, req["prompt"])                             # :298-309
        thinks = []
        previous = None
        for k, tp in enumerate(tps, start=1):
            t0 = time.time()
            if k == 1:
                cfg_text = (cfg_text_cache, cfg_in)
                cfg_img = None                                         # turn 1 has no image CFG (:361-380)
            else:
                self._add_image(ctx, previous)                         # :402-445 image k-1 into the main context
                cfg_text = (copy.deepcopy(ctx[0]), self._cfg_input(ctx, h, w))   # :450-462 drops only think k
                # cfg_img: system + prompt + every think so far, no image (:464-522; the code's note at :465
                # "should NOT contain images"); think k is added below (:564-580)
                img_ctx = self._new_context()
                for text in [system, req["prompt"]] + thinks:
                    self._add_text(img_ctx, text)
            text, ntok = self._think(ctx, think)                       # :312-333 / :525-548
            sync()
            t_text = time.time() - t0
            thinks.append(text)
            self._add_text(ctx, text)                                  # :338-349 / :551-562
            if k > 1:
                self._add_text(img_ctx, text)                          # :565-580
                cfg_img = (img_ctx[0], self._cfg_input(img_ctx, h, w))   # :583-590
            t1 = time.time()
            previous = self._image(ctx, tp, h, w, cfg_text, cfg_img)   # :352-395 / :593-655
            sync()
            t_image = time.time() - t1
            turns.append({"text": text, "png": self._png(previous),
                          "timings_ms": {"text": t_text * 1000, "image": t_image * 1000}, "tokens": {"text": ntok}})
        return turns

    def _bagel_think(self, req):
        """BAGEL self-CoT, WISE script generate_image_with_think (:40-153)."""
        h, w, tp = req["height"], req["width"], req["turn_params"][0]
        ctx = self._new_context()
        self._add_text(ctx, self.system_prompts["think"])             # :50-60
        cfg_in = self._cfg_input(ctx, h, w)                            # :63-68 (after the system prompt)
        self._add_text(ctx, req["prompt"])                             # :71-80
        t0 = time.time()
        text, ntok = self._think(ctx, req["think"])                    # :83-96 (simple_think=False, :331)
        self.torch.cuda.synchronize()
        t_text = time.time() - t0
        self._add_text(ctx, text)                                      # :108-117
        t1 = time.time()
        image = self._image(ctx, tp, h, w, (None, cfg_in))            # :119-143, cfg_text_past_key_values=None
        self.torch.cuda.synchronize()
        return [{"text": text, "png": self._png(image),
                 "timings_ms": {"text": t_text * 1000, "image": (time.time() - t1) * 1000}, "tokens": {"text": ntok}}]

    def _bagel_plain(self, req):
        """BAGEL without thinking, WISE script generate_image (:155-217)."""
        h, w, tp = req["height"], req["width"], req["turn_params"][0]
        t0 = time.time()
        ctx = self._new_context()
        self._add_text(ctx, req["prompt"], dtype=self.torch.float16)   # :161-172 (float16 autocast there)
        empty = self._new_context()                                    # :182-184 empty cfg cache
        cfg_in = self._cfg_input(empty, h, w)                          # :186-191
        image = self._image(ctx, tp, h, w, (empty[0], cfg_in))         # :174-207
        self.torch.cuda.synchronize()
        return [{"text": "", "png": self._png(image), "timings_ms": {"image": (time.time() - t0) * 1000},
                 "tokens": {}}]
