"""The real model: the official IRG / BAGEL inference code, imported from the user's checkout at load time.

Nothing here is imported by the protocol layer or the tests; ``torch`` and the official modules are imported
in :meth:`IrgModel.load`. Every step cites the official line it reproduces:

* IRG = Osilly/Interleaving-Reasoning-Generation @ 3eee315, ``eval/multi_turn/tiif/tiif_multi_turn_gen.py``
  (function ``generate_multi_turn_image_with_think``, lines 222-658; model loading in ``worker_fn``, 692-758).
* WISE = ByteDance-Seed/Bagel @ 056b5fd, ``eval/gen/gen_images_mp_wise.py`` (``generate_image_with_think``
  40-153 for mode ``think``, ``generate_image`` 155-217 for mode ``plain``).

* WISE-2025-06 = ByteDance-Seed/Bagel @ 738a570 (the last version before db7e7c3, 2025-07-02),
  ``eval/gen/gen_images_mp_wise.py`` ``generate_image_with_think`` 40-119 for mode ``think-2025-06``; the same code
  (AST-identical, black-reformatted) is IRG's ``SFT/eval/gen/gen_images_mp_wise.py`` 45-140.

The model code itself is IRG's copy of BAGEL under ``SFT/`` (``SFT.modeling.bagel``), so every mode runs on the same
code. Which weights are loaded (IRG's or BAGEL-7B-MoT's) is the operator's statement (``--weights``) or detected
from a known SHA-256, and ``/v1/health`` reports it with the checkpoint's name and hash.

The functions above the class are standard library only and unit-tested without torch.
"""

import ast
import contextlib
import copy
import hashlib
import io
import json
import os
import random
import re
import sys
import time

from . import protocol

IRG_SCRIPT = os.path.join("eval", "multi_turn", "tiif", "tiif_multi_turn_gen.py")
BAGEL_INFERENCER = "inferencer.py"
PROMPT_FILES = {"irg": "irg_two_turn_system_prompt.txt", "think": "bagel_think_system_prompt.txt"}

# ---------------------------------------------------------------------------------------------- import path
# IRG's model code imports the top-level packages `data` and `modeling` (SFT/modeling/bagel/bagel.py:14,
# qwen2_navit.py:25-34, siglip_navit.py:16-19) while its script imports `SFT.*` (tiif_multi_turn_gen.py:12-26):
# both <IRG> and <IRG>/SFT must be on sys.path, and `data`/`modeling` must be IRG's, not a BAGEL checkout's.
IRG_TREE_MARKERS = (os.path.join("SFT", "modeling", "bagel", "bagel.py"),
                    os.path.join("SFT", "modeling", "bagel", "qwen2_navit.py"),
                    os.path.join("SFT", "data", "data_utils.py"),
                    IRG_SCRIPT)
TOP_LEVEL_PACKAGES = ("data", "modeling")


class LoadPathError(ValueError):
    """The official code would be imported from somewhere else than the IRG checkout the server was given."""


def _inside(path, folder):
    path, folder = os.path.realpath(path), os.path.realpath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _module_location(module):
    f = getattr(module, "__file__", None)
    if f:
        return f
    for p in list(getattr(module, "__path__", []) or []):
        return p
    return None


def check_irg_tree(root):
    """``root`` if it is a checkout of Osilly/Interleaving-Reasoning-Generation (its model code, its script and
    ``pyproject.toml`` naming project IRG), else :class:`LoadPathError` naming what is missing."""
    root = os.path.realpath(root)
    missing = [m for m in IRG_TREE_MARKERS if not os.path.isfile(os.path.join(root, m))]
    if missing:
        raise LoadPathError("%s is not a checkout of Osilly/Interleaving-Reasoning-Generation: missing %s"
                            % (root, ", ".join(missing)))
    try:
        with open(os.path.join(root, "pyproject.toml"), encoding="utf-8") as f:
            named = re.search(r'^name\s*=\s*"IRG"', f.read(), re.M) is not None
    except OSError:
        named = False
    if not named:
        raise LoadPathError("%s/pyproject.toml does not name project \"IRG\" (IRG@3eee315 pyproject.toml:6)" % root)
    return root


def install_import_path(root):
    """Puts ``<root>`` and ``<root>/SFT`` first on ``sys.path`` (in that order) after checking that the tree is IRG's
    and that no ``data``/``modeling``/``SFT`` module was already imported from elsewhere (a BAGEL checkout on
    PYTHONPATH); then checks where ``data`` and ``modeling`` will be found. Returns ``(root, sft)``."""
    root = check_irg_tree(root)
    sft = os.path.join(root, "SFT")
    expected = {"data": sft, "modeling": sft, "SFT": sft}
    for name, mod in list(sys.modules.items()):
        top = name.split(".")[0]
        if top in expected and mod is not None:
            loc = _module_location(mod)
            if loc and not _inside(loc, expected[top]):
                raise LoadPathError("module %r was already imported from %s, not from the IRG tree %s (a BAGEL"
                                    " checkout on PYTHONPATH?): start the server in a fresh process without it"
                                    % (name, loc, expected[top]))
    for p in (root, sft):
        while p in sys.path:
            sys.path.remove(p)
    sys.path[0:0] = [root, sft]
    import importlib
    import importlib.util
    importlib.invalidate_caches()
    for name in TOP_LEVEL_PACKAGES:
        spec = importlib.util.find_spec(name)
        where = spec.origin if spec is not None and spec.origin else (
            list(spec.submodule_search_locations)[0] if spec is not None and spec.submodule_search_locations
            else None)
        if where is None or not _inside(where, sft):
            raise LoadPathError("top-level package %r resolves to %s, not to %s" % (name, where, sft))
    return root, sft


def verify_imported(root):
    """After the official imports: every loaded ``data``/``modeling``/``SFT`` module comes from ``<root>/SFT``."""
    sft = os.path.join(os.path.realpath(root), "SFT")
    wrong = []
    for name, mod in list(sys.modules.items()):
        if name.split(".")[0] in ("data", "modeling", "SFT") and mod is not None:
            loc = _module_location(mod)
            if loc and not _inside(loc, sft):
                wrong.append("%s from %s" % (name, loc))
    if wrong:
        raise LoadPathError("official modules imported from outside %s: %s" % (sft, "; ".join(sorted(wrong))))


# ---------------------------------------------------------------------------------------------- weights identity
KNOWN_CHECKPOINTS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "known_checkpoints.json")


def known_checkpoints(path=KNOWN_CHECKPOINTS_FILE):
    """sha256 -> {"weights": "irg"|"bagel", "name": ...} of checkpoints whose identity is established."""
    if not os.path.isfile(path):
        return {}
    with open(path, encoding="utf-8") as f:
        table = json.load(f).get("checkpoints", {})
    for sha, entry in table.items():
        if entry.get("weights") not in protocol.WEIGHTS:
            raise ValueError("%s: %s has weights %r, expected one of %s" % (path, sha, entry.get("weights"),
                                                                          protocol.WEIGHTS))
    return table


def resolve_weights(weights, sha256, table=None):
    """(kind, source): ``--weights irg|bagel`` as stated, or ``auto``: detected from the checkpoint's SHA-256 in
    known_checkpoints.json. A file name cannot tell them apart (same architecture, same file names after
    SFT/run/convert_ema_to_bf16.py), so an unknown hash refuses to guess."""
    if weights in protocol.WEIGHTS:
        return weights, "--weights %s" % weights
    if weights != "auto":
        raise ValueError("--weights must be irg, bagel or auto: %r" % weights)
    table = known_checkpoints() if table is None else table
    if sha256 is None:
        raise ValueError("--weights auto needs the checkpoint hash (drop --skip-checkpoint-hash) or say"
                         " --weights irg|bagel")
    entry = table.get(sha256)
    if entry is None:
        raise ValueError("checkpoint SHA-256 %s is not in %s: say whose weights these are with --weights irg|bagel"
                         % (sha256, os.path.basename(KNOWN_CHECKPOINTS_FILE)))
    return entry["weights"], "detected: %s" % entry.get("name", sha256)


def weights_info(kind, source):
    """The health answer's ``weights`` object."""
    if kind is None:
        return {"kind": None, "modes": list(protocol.MODES), "source": source}
    return {"kind": kind, "modes": list(protocol.WEIGHTS_MODES[kind]), "source": source}


# ---------------------------------------------------------------------------------------------- small helpers
def generated_tokens(rows):
    """Tokens sampled into the text, from the number of rows ``generate_text`` returns: its output starts with the
    start token it was given (bagel.py:1026 appends ``curr_tokens`` = ``packed_start_tokens`` first) and never holds
    the end token (it breaks before appending it, :1085-1089), so the count is rows - 1."""
    return max(0, int(rows) - 1)


def crop_to_bbox(image):
    """``img.crop(img.getbbox())`` as BAGEL's WISE script saves its images (Bagel@056b5fd
    eval/gen/gen_images_mp_wise.py:348; Bagel@738a570 :361); returns (image, box). ``getbbox`` is None for an
    all-black image, and PIL's ``crop(None)`` is then a copy of the whole image, so the box is the full frame."""
    box = image.getbbox()
    if box is None:
        box = (0, 0) + tuple(image.size)
    return image.crop(box), tuple(int(v) for v in box)


def parse_device(device):
    """``cuda`` or ``cuda:N`` -> the torch device string; ``cpu`` for the CPU equality check (gpu_check --device
    cpu: autocast and seeding on the CPU, no CUDA call); anything else is refused at start."""
    if device == "cpu":
        return "cpu"
    m = re.fullmatch(r"cuda(?::(\d+))?", device or "")
    if not m:
        raise ValueError("--device must be cuda, cuda:N or cpu: %r" % device)
    return "cuda:%s" % (m.group(1) or "0")


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


def file_key(st):
    """What the hash sidecar is keyed by: size, mtime and ctime in nanoseconds, inode and device. Size and whole-second
    mtime alone let a different checkpoint of the same size, copied with its mtime kept (``cp -p``, ``rsync -t``,
    a download tool setting Last-Modified) or replaced within the same second, inherit the old file's hash; ctime
    and inode change with every such replacement and cannot be set by the copying tool."""
    return "v2 %d %d %d %d %d" % (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def sha256_file(path, cache=True):
    """SHA-256 of a (large) file, remembered in ``<file>.sha256`` next to it when writable, keyed by file_key."""
    side = path + ".sha256"
    st = os.stat(path)
    key = file_key(st)
    if cache and os.path.isfile(side):
        with open(side, encoding="ascii") as f:
            digest, _, stored = f.read().strip().partition(" ")
        if stored == key and re.fullmatch(r"[0-9a-f]{64}", digest):
            return digest
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 24), b""):
            h.update(block)
    digest = h.hexdigest()
    if cache and file_key(os.stat(path)) == key:   # not when the file changed while it was read
        tmp = "%s.%d.tmp" % (side, os.getpid())
        try:
            with open(tmp, "w", encoding="ascii") as f:
                f.write("%s %s\n" % (digest, key))
            os.replace(tmp, side)
        except OSError:
            with contextlib.suppress(OSError):
                os.remove(tmp)
    return digest


class IrgModel:
    """One GPU, one model; :meth:`generate` is called under the server's model lock."""

    simulator = False
    modes = ("plain", "think", "think-2025-06", "irg")

    def __init__(self, official_repo, model_path, checkpoint="ema_bf16.safetensors", bagel_repo=None,
                 system_prompts_dir=None, max_latent_size=64, device="cuda:0", hash_checkpoint=True,
                 weights="auto"):
        self.official_repo = os.path.abspath(official_repo)
        self.weights_arg = weights
        self._weights = None
        self.model_path = model_path
        self.checkpoint = checkpoint
        self.max_latent_size = max_latent_size
        # latent side = max_latent_size patches of 2x2 latents of 8x8 pixels (BagelConfig latent_patch_size=2,
        # tiif_multi_turn_gen.py:717-718)
        self.max_side = max_latent_size * 16
        self.device = parse_device(device)
        self.hash_checkpoint = hash_checkpoint
        self.system_prompts = load_system_prompts(official_repo, bagel_repo, system_prompts_dir)
        if "irg" not in self.system_prompts:
            raise ValueError("no IRG system prompt: give --official-repo (with %s) or --system-prompts" % IRG_SCRIPT)
        if "think" not in self.system_prompts:
            # the think modes need BAGEL's text; without it the server serves plain and irg only
            self.modes = ("plain", "irg")
        if weights == "auto" and not hash_checkpoint:
            raise ValueError("--weights auto detects the weights from the checkpoint hash: drop"
                             " --skip-checkpoint-hash or say --weights irg|bagel")
        self._sha = None
        self._device_name = None
        self._cast_bf16 = True

    # ------------------------------------------------------------------ loading (tiif_multi_turn_gen.py:692-758)
    def load(self):
        # <IRG> for SFT.* (the script's imports, :12-26) and <IRG>/SFT for the model code's own `data`/`modeling`
        install_import_path(self.official_repo)
        ckpt = os.path.join(self.model_path, self.checkpoint)
        if not os.path.isfile(ckpt):
            raise ValueError("no checkpoint %s" % ckpt)
        # identity first (minutes for ~29 GB, then cached): an unknown checkpoint under --weights auto fails now,
        # not after the model is loaded
        self._sha = sha256_file(ckpt) if self.hash_checkpoint else None
        self._weights = resolve_weights(self.weights_arg, self._sha)
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
        verify_imported(self.official_repo)

        self.torch = torch
        self.NaiveCache = NaiveCache
        if self.on_cuda:
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
        self._device_name = (torch.cuda.get_device_name(torch.device(self.device)) if self.on_cuda
                             else "cpu (%d threads)" % torch.get_num_threads())

    def info(self):
        kind, source = self._weights or (None, "not loaded")
        return {"name": "IRG/BAGEL (official code from %s)" % os.path.basename(self.official_repo),
                "checkpoint": self.checkpoint, "sha256": self._sha, "device": self._device_name or self.device,
                "weights": weights_info(kind, source)}

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

    @property
    def on_cuda(self):
        return self.device.startswith("cuda")

    def _autocast(self, dtype=None):
        # the official code says autocast("cuda", ...) everywhere; on the CPU check the same bf16/fp16 autocast runs on
        # the CPU (gpu_check maps the official side's "cuda" autocast the same way)
        return self.torch.amp.autocast("cuda" if self.on_cuda else "cpu", enabled=True,
                                       dtype=dtype or self.torch.bfloat16)

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
        self._add_image_vae(ctx, image)
        self._add_image_vit(ctx, image)

    def _add_image_vae(self, ctx, image):
        """The image's VAE latent tokens (:415-429)."""
        gi, ctx[1], ctx[2] = self.model.prepare_vae_images(curr_kvlens=ctx[1], curr_rope=ctx[2], images=[image],
                                                           transforms=self.vae_transform,
                                                           new_token_ids=self.new_token_ids)
        gi = self._to_device(gi)
        with self._autocast():
            ctx[0] = self.model.forward_cache_update_vae(self.vae_model, ctx[0], **gi)

    def _add_image_vit(self, ctx, image):
        """The same image's ViT tokens (:431-445)."""
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

    def _think(self, ctx, think, prefill_again=None):
        """Samples one text on a copy of the context (:312-333); returns (text, generated tokens).

        ``prefill_again``: a text prefilled into the copy first - the prompt, in BAGEL's WISE script before
        db7e7c3 (Bagel@738a570 eval/gen/gen_images_mp_wise.py:83-97: tmp cache, tmp lens and rope, the prompt a
        second time, then the start tokens at the tmp lens). The main context never sees it (:121-130)."""
        if prefill_again is None:
            tmp_cache = copy.deepcopy(ctx[0])
            gi = self._to_device(self.model.prepare_start_tokens(copy.deepcopy(ctx[1]), copy.deepcopy(ctx[2]),
                                                                 self.new_token_ids))
        else:
            tmp = [copy.deepcopy(ctx[0]), copy.deepcopy(ctx[1]), copy.deepcopy(ctx[2])]   # :83-85
            self._add_text(tmp, prefill_again)                                               # :86-95
            tmp_cache = tmp[0]
            gi = self._to_device(self.model.prepare_start_tokens(tmp[1], tmp[2], self.new_token_ids))   # :97
        with self._autocast():
            out = self.model.generate_text(past_key_values=tmp_cache, max_length=think["max_tokens"], do_sample=True,
                                           temperature=think["temperature"],
                                           end_token_id=self.new_token_ids["eos_token_id"], **gi)
        decoded = self.tokenizer.decode(out[:, 0])
        text = decoded.split("<|im_end|>")[0].split("<|im_start|>")[1]   # :333
        return text, generated_tokens(out.shape[0])

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
    def _enter_device(self):
        """Makes ``self.device`` the current CUDA device of the calling thread. The current device is per host
        thread and every HTTP handler thread starts on device 0, so without this ``--device cuda:N`` would seed
        (``torch.cuda.manual_seed``) and synchronise GPU 0 while the model runs on GPU N."""
        if self.on_cuda:
            self.torch.cuda.set_device(self.device)

    def _sync(self):
        if self.on_cuda:
            self.torch.cuda.synchronize(self.device)

    def generate(self, req):
        self._enter_device()
        self._seed(req["seed"])
        self._cast_bf16 = req["mode"] == "irg"  # safe: generate runs under the server's model lock
        with self.torch.no_grad():
            if req["mode"] == "irg":
                turns = self._irg(req)
            elif req["mode"] == "think":
                turns = self._bagel_think(req)
            elif req["mode"] == "think-2025-06":
                turns = self._bagel_think(req, prefill_prompt_twice=True)
            else:
                turns = self._bagel_plain(req)
        return self._finish(req["mode"], turns)

    def _finish(self, mode, turns):
        """PIL images -> PNG bytes; in the BAGEL modes first the WISE script's bbox crop (protocol.CROP_MODES)."""
        out = []
        for t in turns:
            t = dict(t)
            image = t.pop("image")
            if mode in protocol.CROP_MODES:
                image, t["crop_box"] = crop_to_bbox(image)
            t["png"] = self._png(image)
            out.append(t)
        return out

    def _irg(self, req):
        """IRG (:259-658) generalised to N turns: turn k > 2 repeats turn 2's steps with image k-1."""
        h, w, think, tps = req["height"], req["width"], req["think"], req["turn_params"]
        system = self.system_prompts["irg"]
        sync = self._sync
        turns = []
        ctx = self._new_context()
        first_cfg_text = self._first_turn_context(ctx, system, req["prompt"], h, w)
        thinks = []
        previous = None
        for k, tp in enumerate(tps, start=1):
            t0 = time.time()
            if k == 1:
                cfg_text = first_cfg_text
                cfg_img = None                                         # turn 1 has no image CFG (:361-380)
            else:
                self._add_image(ctx, previous)                         # :402-445 image k-1 into the main context
                cfg_text = self._later_turn_text_cfg(ctx, h, w, first_cfg_text)
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
                self._add_think_to_image_cfg(img_ctx, text)
                cfg_img = (img_ctx[0], self._cfg_input(img_ctx, h, w))   # :583-590
            t1 = time.time()
            previous = self._image(ctx, tp, h, w, cfg_text, cfg_img)   # :352-395 / :593-655
            sync()
            t_image = time.time() - t1
            turns.append({"text": text, "image": previous,
                          "timings_ms": {"text": t_text * 1000, "image": t_image * 1000}, "tokens": {"text": ntok}})
        return turns

    # The three steps of the IRG flow that decide what each guidance context holds; named so that gpu_check's
    # self-test can replace each one by a plausible mistake and show that the equality check notices it.
    def _first_turn_context(self, ctx, system, prompt, h, w):
        """System prompt, then the prompt, into the main context; returns turn 1's text-CFG context, the snapshot
        taken after the system prompt only (:267-309: cfg input :282-289, deepcopy :297 before the prompt :298)."""
        self._add_text(ctx, system)                                    # :267-279
        cfg_in = self._cfg_input(ctx, h, w)                            # :282-289 (system prompt only)
        cfg_text_cache = copy.deepcopy(ctx[0])                         # :297 snapshot: system prompt only
        self._add_text(ctx, prompt)                                    # :298-309
        return cfg_text_cache, cfg_in

    def _later_turn_text_cfg(self, ctx, h, w, first_cfg_text):
        """Turn k's text-CFG context: the main context up to image k-1, i.e. without only think k (:450-462)."""
        return copy.deepcopy(ctx[0]), self._cfg_input(ctx, h, w)

    def _add_think_to_image_cfg(self, img_ctx, text):
        """Think k into turn k's image-CFG context (:564-580), which holds no image."""
        self._add_text(img_ctx, text)

    def _bagel_think(self, req, prefill_prompt_twice=False):
        """BAGEL self-CoT, WISE script generate_image_with_think (:40-153). ``prefill_prompt_twice``: the flow
        before Bagel@db7e7c3 (mode think-2025-06, Bagel@738a570 gen_images_mp_wise.py:82-97): the think is sampled
        on a scratch copy holding the prompt twice; everything else is the same code (738a570 :40-81, :98-166)."""
        h, w, tp = req["height"], req["width"], req["turn_params"][0]
        ctx = self._new_context()
        self._add_text(ctx, self.system_prompts["think"])             # :50-60
        cfg_in = self._cfg_input(ctx, h, w)                            # :63-68 (after the system prompt)
        self._add_text(ctx, req["prompt"])                             # :71-80
        t0 = time.time()
        text, ntok = self._think(ctx, req["think"],                    # :83-96 (simple_think=False, :331)
                                 prefill_again=req["prompt"] if prefill_prompt_twice else None)
        self._sync()
        t_text = time.time() - t0
        self._add_text(ctx, text)                                      # :108-117
        t1 = time.time()
        image = self._image(ctx, tp, h, w, (None, cfg_in))            # :119-143, cfg_text_past_key_values=None
        self._sync()
        return [{"text": text, "image": image,
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
        self._sync()
        return [{"text": "", "image": image, "timings_ms": {"image": (time.time() - t0) * 1000},
                 "tokens": {}}]
