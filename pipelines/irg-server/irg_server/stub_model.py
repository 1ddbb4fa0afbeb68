"""A deterministic stand-in for the model (no torch): plumbing for tests and CI, never a model's pixels.

Every health answer and trajectory of a server running it says ``"simulator": true``.
"""

import os
import random
import struct
import threading
import time
import zlib

from . import protocol

SIM_IRG_PROMPT = "[stub] IRG two-turn system prompt placeholder\n"
SIM_THINK_PROMPT = "[stub] BAGEL think system prompt placeholder"


def png_rgb(width, height, pixel):
    """A PNG (8-bit RGB, no interlace) of ``pixel(x, y) -> (r, g, b)``, with the standard library only."""
    raw = bytearray()
    for y in range(height):
        raw.append(0)  # filter type None
        for x in range(width):
            raw.extend(pixel(x, y))

    def chunk(tag, data):
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(raw), 6))
            + chunk(b"IEND", b""))


class StubModel:
    """Deterministic pictures from (seed, turn); texts echo the prompt. Hooks for tests: ``delay_s`` (seconds
    per image stage) and ``fail_next`` (an exception the next generate raises)."""

    simulator = True
    modes = protocol.MODES
    max_side = 1024

    def __init__(self, system_prompts=None, image_side=64, delay_s=0.0, weights=None, sha256=None):
        """``weights``: "irg" or "bagel" to stand in for a server holding those weights (health then says which
        modes they are for); None: no claim, every mode. ``sha256``: the checkpoint hash it reports."""
        if weights is not None and weights not in protocol.WEIGHTS:
            raise ValueError("weights must be one of %s or None" % (protocol.WEIGHTS,))
        self.weights = weights
        self.sha256 = sha256
        self.system_prompts = dict(system_prompts or {"irg": SIM_IRG_PROMPT, "think": SIM_THINK_PROMPT})
        self.image_side = image_side
        self.delay_s = delay_s
        self.fail_next = None
        self.calls = 0
        self.oom_recoveries = 0
        self._lock = threading.Lock()

    @classmethod
    def from_folder(cls, folder, **kw):
        """Reads the official texts from a data folder (``<data>/irg``), byte for byte."""
        prompts = {}
        for mode, name in (("irg", "irg_two_turn_system_prompt.txt"), ("think", "bagel_think_system_prompt.txt")):
            with open(os.path.join(folder, name), encoding="utf-8", newline="") as f:
                prompts[mode] = f.read()
        return cls(system_prompts=prompts, **kw)

    def info(self):
        from .model_irg import weights_info
        return {"name": "irg-server stub model (plumbing, not a model)", "checkpoint": "none (stub)",
                "sha256": self.sha256, "device": "cpu (stub)",
                "weights": weights_info(self.weights, "stub --weights %s" % self.weights if self.weights
                                        else "stub (no claim)")}

    def recover_from_oom(self):
        self.oom_recoveries += 1

    def generate(self, req):
        with self._lock:
            self.calls += 1
            fail, self.fail_next = self.fail_next, None
        if fail is not None:
            raise fail
        turns = []
        for t in range(1, req["turns"] + 1):
            timings, tokens, text = {}, {}, ""
            if req["mode"] != "plain":
                t0 = time.time()
                text = ("<think>[stub] plan for: %s</think>" % req["prompt"] if t == 1
                        else "<think>[stub] reflection %d on: %s</think>" % (t - 1, req["prompt"]))
                timings["text"] = (time.time() - t0) * 1000
                tokens["text"] = len(text.split())
            t0 = time.time()
            if self.delay_s:
                time.sleep(self.delay_s)
            rng = random.Random(req["seed"] * 1000003 + t)
            bg = tuple(rng.randrange(256) for _ in range(3))
            fg = tuple(rng.randrange(256) for _ in range(3))
            side = self.image_side
            x0, y0 = rng.randrange(side // 2), rng.randrange(side // 2)
            png = png_rgb(side, side, lambda x, y: fg if x0 <= x < x0 + side // 3 and y0 <= y < y0 + side // 3 else bg)
            timings["image"] = (time.time() - t0) * 1000
            turns.append({"text": text, "png": png, "timings_ms": timings, "tokens": tokens})
        return turns
