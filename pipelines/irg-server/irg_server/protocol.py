"""The IRG server protocol (docs/protocol.md): validation, error codes, JSON bodies.

Standard library only, so the protocol layer is tested in CI without torch.
"""

import hashlib
import json
import os

PROTOCOL = "irg-eval/1"
# "think-2025-06" is BAGEL's self-CoT as its WISE script ran it until ByteDance-Seed/Bagel@db7e7c3 (2025-07-02):
# the prompt is prefilled a second time into the think's scratch cache (Bagel@738a570 eval/gen/gen_images_mp_wise.py
# :82-97, = IRG@3eee315 SFT/eval/gen/gen_images_mp_wise.py:99-118); "think" is the flow since then (Bagel@056b5fd).
MODES = ("plain", "think", "think-2025-06", "irg")
THINKING_MODES = ("think", "think-2025-06", "irg")
# the modes each kind of weights is meant for: IRG's checkpoint was trained for the interleaved flow, BAGEL-7B-MoT's
# for plain generation and self-CoT (docs/protocol.md, "Checkpoint identity")
WEIGHTS = ("irg", "bagel")
WEIGHTS_MODES = {"irg": ("irg",), "bagel": ("plain", "think", "think-2025-06")}
# the system prompt a thinking mode uses, when it is another mode's (both self-CoT flows use BAGEL's think prompt)
SYSTEM_PROMPT_OF = {"think-2025-06": "think"}
# omitted request fields of a mode come from that mode's own preset, never from another mode's
MODE_PRESETS = {"plain": "bagel-plain", "think": "bagel-think", "think-2025-06": "bagel-think-2025-06",
                "irg": "irg-paper"}
# modes whose official script saves img.crop(img.getbbox()) (Bagel@056b5fd eval/gen/gen_images_mp_wise.py:348,
# Bagel@738a570 :361); IRG's script saves the decoded image as it is (IRG@3eee315 tiif_multi_turn_gen.py:131, :144)
CROP_MODES = ("plain", "think", "think-2025-06")
# the renorm types Bagel._forward_flow implements (SFT/modeling/bagel/bagel.py:946-972)
RENORM_TYPES = ("global", "channel", "text_channel")
MAX_TURNS = 8
MAX_ID_CHARS = 512

# error code -> HTTP status (docs/protocol.md, "Errors")
ERROR_STATUS = {"bad_request": 400, "busy": 503, "out_of_memory": 503, "internal": 500}

REQUEST_FIELDS = ("id", "prompt", "mode", "turns", "seed", "width", "height", "think", "turn_params",
                  "system_prompt_sha256")
TURN_FIELDS = ("timesteps", "cfg_text_scale", "cfg_img_scale", "cfg_interval", "cfg_renorm_type",
               "cfg_renorm_min", "timestep_shift")
THINK_FIELDS = ("temperature", "max_tokens")

_HERE = os.path.dirname(os.path.abspath(__file__))
# the same preset files the Java client ships (one source of truth)
DEFAULT_PRESET_DIR = os.path.normpath(
    os.path.join(_HERE, "..", "..", "irg-client", "src", "main", "resources", "presets"))


class ProtocolError(Exception):
    """An error answer: ``code`` is one of ERROR_STATUS."""

    def __init__(self, code, message):
        if code not in ERROR_STATUS:
            raise ValueError("unknown error code %r" % code)
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def status(self):
        return ERROR_STATUS[self.code]


def bad(message):
    return ProtocolError("bad_request", message)


def error_body(code, message):
    return dumps({"error": {"code": code, "message": message}})


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sha256_text(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_preset(name_or_path):
    """A preset JSON of pipelines/irg-client/src/main/resources/presets (by name, or a path to such a file)."""
    path = name_or_path
    if not os.path.isfile(path):
        path = os.path.join(DEFAULT_PRESET_DIR, name_or_path + ".json")
    if not os.path.isfile(path):
        raise ValueError("preset %r not found (looked for %s)" % (name_or_path, path))
    with open(path, encoding="utf-8") as f:
        preset = json.load(f)
    for key in ("name", "mode", "default_turns", "width", "height", "turn_params"):
        if key not in preset:
            raise ValueError("%s: missing %r" % (path, key))
    return preset


def preset_turn_params(preset, turns):
    """The preset's per-turn parameters for ``turns`` turns: its own, then its last one repeated."""
    tps = preset["turn_params"]
    return [dict(tps[min(i, len(tps) - 1)]) for i in range(turns)]


_MODE_PRESET_CACHE = {}


def preset_for_mode(server_preset, mode):
    """The preset whose values fill a request's omitted fields: the server's own when it is for ``mode``, else the
    mode's own preset (MODE_PRESETS). A ``think`` request to a server started with ``irg-paper`` therefore gets
    bagel-think's 2048 think tokens, not irg-paper's 4096."""
    if server_preset.get("mode") == mode:
        return server_preset
    name = MODE_PRESETS[mode]
    if name not in _MODE_PRESET_CACHE:
        _MODE_PRESET_CACHE[name] = load_preset(name)
    return _MODE_PRESET_CACHE[name]


def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def _is_num(v):
    return (isinstance(v, (int, float))) and not isinstance(v, bool)


def _check_turn(tp, where):
    if not isinstance(tp, dict):
        raise bad("%s must be an object" % where)
    for k in tp:
        if k not in TURN_FIELDS:
            raise bad("%s: unknown field %r" % (where, k))
    for k in TURN_FIELDS:
        if k not in tp:
            raise bad("%s: missing %r" % (where, k))
    if not _is_int(tp["timesteps"]) or not 2 <= tp["timesteps"] <= 1000:
        # linspace(1, 0, n) needs n >= 2 for one Euler step (bagel.py:790-792)
        raise bad("%s.timesteps must be an integer in [2, 1000]" % where)
    for k in ("cfg_text_scale", "cfg_img_scale"):
        # Bagel._forward_flow applies a guidance only where its scale is > 1.0 (IRG@3eee315
        # SFT/modeling/bagel/bagel.py:913, :929, :945): a scale below 1 would silently mean 1 (off), so it is
        # refused rather than reinterpreted
        if not _is_num(tp[k]) or not 1 <= tp[k] <= 100:
            raise bad("%s.%s must be a number in [1, 100] (1.0 = off; _forward_flow ignores scales <= 1)" % (where, k))
    if tp["cfg_img_scale"] > 1 and tp["cfg_text_scale"] <= 1:
        # the image-CFG combination sits inside `if cfg_text_scale > 1.0:` (bagel.py:945-966): with text CFG off
        # the image guidance is computed and thrown away
        raise bad("%s: cfg_img_scale %s needs cfg_text_scale > 1: _forward_flow applies image guidance only inside"
                  " text guidance (bagel.py:945-966), so it would silently be off" % (where, tp["cfg_img_scale"]))
    iv = tp["cfg_interval"]
    if (not isinstance(iv, list) or len(iv) != 2 or not all(_is_num(x) for x in iv)
            or not 0 <= iv[0] <= iv[1] <= 1):
        raise bad("%s.cfg_interval must be [lo, hi] with 0 <= lo <= hi <= 1" % where)
    if tp["cfg_renorm_type"] not in RENORM_TYPES:
        raise bad("%s.cfg_renorm_type must be one of %s" % (where, ", ".join(RENORM_TYPES)))
    if not _is_num(tp["cfg_renorm_min"]) or not 0 <= tp["cfg_renorm_min"] <= 1:
        raise bad("%s.cfg_renorm_min must be in [0, 1]" % where)
    if not _is_num(tp["timestep_shift"]) or not 0 < tp["timestep_shift"] <= 100:
        raise bad("%s.timestep_shift must be in (0, 100]" % where)
    out = dict(tp)
    out["cfg_interval"] = [float(iv[0]), float(iv[1])]
    return out


def validate_trajectory(obj, preset, modes, system_prompt_shas, max_side):
    """Checks a POST /v1/trajectory body and fills omitted fields from the server's preset.

    Returns the complete request (every field present). Raises ProtocolError("bad_request", ...) naming the
    field. ``system_prompt_shas`` maps a mode to the SHA-256 of the system prompt this server uses for it.
    """
    if not isinstance(obj, dict):
        raise bad("body must be a JSON object")
    for k in obj:
        if k not in REQUEST_FIELDS:
            raise bad("unknown field %r" % k)
    req = {}
    rid = obj.get("id")
    if not isinstance(rid, str) or not rid or len(rid) > MAX_ID_CHARS:
        raise bad("id must be a non-empty string of at most %d characters" % MAX_ID_CHARS)
    req["id"] = rid
    prompt = obj.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        raise bad("prompt must be a non-empty string")
    req["prompt"] = prompt
    mode = obj.get("mode", preset["mode"])
    if mode not in MODES:
        raise bad("mode must be one of %s" % ", ".join(MODES))
    if mode not in modes:
        raise bad("mode %r is not served here (modes: %s)" % (mode, ", ".join(modes)))
    req["mode"] = mode
    preset = preset_for_mode(preset, mode)
    if "turns" in obj:
        turns = obj["turns"]
    else:
        turns = preset["default_turns"]
    if not _is_int(turns) or not 1 <= turns <= MAX_TURNS:
        raise bad("turns must be an integer in [1, %d]" % MAX_TURNS)
    if mode != "irg" and turns != 1:
        raise bad("mode %s makes exactly one image: turns must be 1" % mode)
    req["turns"] = turns
    seed = obj.get("seed")
    if not _is_int(seed) or not 0 <= seed < 2 ** 31:
        # no server default: pixels must be reproducible from the request alone
        raise bad("seed must be an integer in [0, 2^31)")
    req["seed"] = seed
    for k in ("width", "height"):
        v = obj.get(k, preset[k])
        if not _is_int(v) or v < 16 or v % 16 or v > max_side:
            # the latent is reshaped by h // 16 (tiif_multi_turn_gen.py:384) and capped by max_latent_size
            raise bad("%s must be a multiple of 16 in [16, %d]" % (k, max_side))
        req[k] = v
    if mode in THINKING_MODES:
        think = obj.get("think")
        if think is None:
            think = preset.get("think")
            if think is None:
                raise bad("mode %s needs 'think' (its preset %s has none)" % (mode, preset["name"]))
        if not isinstance(think, dict):
            raise bad("think must be an object")
        for k in think:
            if k not in THINK_FIELDS:
                raise bad("think: unknown field %r" % k)
        t = think.get("temperature")
        if not _is_num(t) or not 0 < t <= 10:
            raise bad("think.temperature must be in (0, 10]")
        mt = think.get("max_tokens")
        if not _is_int(mt) or not 1 <= mt <= 32768:
            raise bad("think.max_tokens must be an integer in [1, 32768]")
        req["think"] = {"temperature": float(t), "max_tokens": mt}
        sha = obj.get("system_prompt_sha256")
        ours = system_prompt_shas.get(mode)
        if sha is not None:
            if not isinstance(sha, str):
                raise bad("system_prompt_sha256 must be a string")
            if ours is not None and sha != ours:
                raise bad("system_prompt_sha256 %s differs from this server's %s system prompt %s"
                          % (sha, mode, ours))
        req["system_prompt_sha256"] = ours
    else:
        if obj.get("think") is not None or obj.get("system_prompt_sha256") is not None:
            raise bad("mode %s takes no 'think' and no 'system_prompt_sha256'" % mode)
    tps = obj.get("turn_params")
    if tps is None:
        tps = preset_turn_params(preset, turns)
    if not isinstance(tps, list) or len(tps) != turns:
        raise bad("turn_params must be a list of exactly %d objects (one per turn)" % turns)
    req["turn_params"] = [_check_turn(tp, "turn_params[%d]" % i) for i, tp in enumerate(tps)]
    if req["turn_params"][0]["cfg_img_scale"] != 1.0:
        # turn 1 has no image in its context to drop: the official turn-1 calls pass no cfg_img_scale
        # (tiif_multi_turn_gen.py:361-380, gen_images_mp_wise.py:129-143) and Bagel would need a cfg_img cache
        raise bad("turn_params[0].cfg_img_scale must be 1.0: turn 1 has no image condition")
    return req


def canonical(req):
    """A stable text of a validated request (for the idempotency check)."""
    return json.dumps(req, sort_keys=True, separators=(",", ":"))
