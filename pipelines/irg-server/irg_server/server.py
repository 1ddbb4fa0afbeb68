"""HTTP front of the IRG server: ``GET /v1/health`` and ``POST /v1/trajectory`` (docs/protocol.md).

The model is one GPU, so model calls are serialised with a lock; at most ``max_queue`` trajectories are
admitted (running + waiting) and any more are answered ``busy`` (503) so the client tries another endpoint.
A repeated ``id`` is answered from a small in-memory cache while it is still there (idempotency); the cache is
bounded by bytes, not by count, since one answer's PNGs are megabytes.

Run ``python3 -m irg_server.server --help``.
"""

import argparse
import base64
import collections
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import protocol
from .protocol import ProtocolError


def _is_oom(exc):
    # torch.cuda.OutOfMemoryError (torch >= 1.13) or a RuntimeError("CUDA out of memory ...") from older ones,
    # matched by name so this module never imports torch
    return type(exc).__name__ == "OutOfMemoryError" or "out of memory" in str(exc).lower()


# CUDA errors after which the process's CUDA context is unusable: every later kernel launch fails the same way
# (an asynchronous fault poisons the context; only a new process recovers). Matched by text, as torch raises them
# as RuntimeError (AcceleratorError in newer releases).
_STICKY_MARKERS = ("cuda error", "device-side assert", "illegal memory access", "illegal instruction",
                   "misaligned address", "unspecified launch failure", "cublas_status_", "cudnn_status_",
                   "cuda driver error", "ecc error", "nccl error")


def is_sticky_cuda_error(exc):
    """True for a CUDA fault that leaves the context broken (not an out-of-memory, which empty_cache recovers)."""
    if _is_oom(exc):
        return False
    text = ("%s: %s" % (type(exc).__name__, exc)).lower()
    return type(exc).__name__ == "AcceleratorError" or any(m in text for m in _STICKY_MARKERS)


# About 16 two-turn 1024x1024 answers (two PNGs of ~1.5 MB each, base64: ~4 MB an answer). A count bound (256
# answers) let the cache grow to ~1 GB of host memory on the real model.
DEFAULT_CACHE_BYTES = 64 << 20


class TrajectoryService:
    """Everything except HTTP: validation, queueing, the model lock, the idempotency cache."""

    def __init__(self, model, preset, max_queue=2, cache_bytes=DEFAULT_CACHE_BYTES, log=None,
                 allow_weights_mismatch=False, clock=time.monotonic):
        if max_queue < 1:
            raise ValueError("max_queue must be >= 1")
        if cache_bytes < 0:
            raise ValueError("cache_bytes must be >= 0")
        self.model = model
        # serve a mode the loaded weights are not meant for (an ablation); off by default (docs/protocol.md,
        # "Checkpoint identity")
        self.allow_weights_mismatch = allow_weights_mismatch
        self._clock = clock
        self._running_since = None  # clock() when the model call now running started
        self.preset = preset
        self.max_queue = max_queue
        self._admitted = 0
        self._admit_lock = threading.Lock()
        self._model_lock = threading.Lock()
        self._cache = collections.OrderedDict()  # id -> (canonical request, response bytes)
        self._cache_bytes = cache_bytes
        self._cached_bytes = 0
        self._cache_lock = threading.Lock()
        self._inflight = {}  # id -> threading.Event, for a repeat of an id still being computed
        self._log = log or (lambda msg: None)
        self._shas = {}
        for mode in protocol.THINKING_MODES:
            text = model.system_prompts.get(protocol.SYSTEM_PROMPT_OF.get(mode, mode))
            if text is not None:
                self._shas[mode] = protocol.sha256_text(text)
        # set once a sticky CUDA error broke the context: health says "failed", every trajectory is refused
        self.failed = None

    def health(self):
        info = self.model.info()
        answer = {
            "status": "ok" if self.failed is None else "failed",
            "protocol": protocol.PROTOCOL,
            "model": {"name": info["name"], "checkpoint": info["checkpoint"], "sha256": info["sha256"]},
            "weights": dict(info["weights"]),
            "modes": list(self.model.modes),
            "device": info["device"],
            "system_prompts": dict(self._shas),
            "queue": {"capacity": self.max_queue, "in_flight": self._admitted,
                      "running_s": self.running_age()},
        }
        if self.failed is not None:
            answer["problem"] = self.failed
        if getattr(self.model, "simulator", False):
            answer["simulator"] = True
        return answer

    def running_age(self):
        """Whole seconds the model call now running has taken, or None when none runs. A client compares it with
        its own request timeout: a call older than that is stuck (a hung kernel, a deadlock) and the server's
        ``ok`` says nothing about whether it will ever answer."""
        since = self._running_since
        return None if since is None else int(self._clock() - since)

    def _check_weights(self, req):
        """A mode the loaded weights are not meant for is refused unless the server was started with
        --allow-weights-mismatch: a client that skipped its own check (or an operator's curl) must not get BAGEL
        pictures labelled with IRG's checkpoint."""
        kind = self.model.info()["weights"].get("kind")
        if kind is None or self.allow_weights_mismatch:
            return
        meant = protocol.WEIGHTS_MODES[kind]
        if req["mode"] not in meant:
            raise protocol.bad("this server holds %s weights, meant for modes %s, not for mode %s; start it with"
                               " --allow-weights-mismatch to serve it anyway" % (kind, list(meant), req["mode"]))

    def trajectory(self, body):
        """Returns (HTTP status, response bytes)."""
        try:
            if self.failed is not None:
                # the CUDA context is gone: answering anything but an error would flap between ok and failure
                raise ProtocolError("internal", "this server is unusable until restarted: %s" % self.failed)
            try:
                obj = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as e:
                raise protocol.bad("body is not JSON: %s" % e)
            req = protocol.validate_trajectory(obj, self.preset, self.model.modes, self._shas,
                                               self.model.max_side)
            self._check_weights(req)
            return 200, self._answer(req)
        except ProtocolError as e:
            return e.status, protocol.error_body(e.code, e.message)
        except Exception as e:  # noqa: BLE001 - every failure becomes a protocol error the client can classify
            self._log("internal error: %r" % (e,))
            return 500, protocol.error_body("internal", "%s: %s" % (type(e).__name__, e))

    def _answer(self, req):
        key = protocol.canonical(req)
        rid = req["id"]
        while True:
            with self._cache_lock:
                hit = self._cache.get(rid)
                if hit is not None:
                    if hit[0] != key:
                        raise protocol.bad("id %r was already used for a different request" % rid)
                    self._cache.move_to_end(rid)
                    return hit[1]
                waiting = self._inflight.get(rid)
                if waiting is None:
                    done = threading.Event()
                    self._inflight[rid] = done
                    break
            # the same id is being computed (a client retry after a timeout): wait for it, do not compute twice
            waiting.wait()
            with self._cache_lock:
                if rid not in self._cache:
                    raise ProtocolError("busy", "an identical request for id %r failed meanwhile; retry" % rid)
        try:
            with self._admit_lock:
                if self._admitted >= self.max_queue:
                    raise ProtocolError("busy", "queue full (%d admitted)" % self._admitted)
                self._admitted += 1
            try:
                with self._model_lock:
                    if self.failed is not None:
                        # admitted before a sticky CUDA error broke the context, waiting for the lock meanwhile
                        raise ProtocolError("internal", "this server is unusable until restarted: %s" % self.failed)
                    t0 = time.time()
                    self._running_since = self._clock()
                    try:
                        turns = self.model.generate(req)
                    except ProtocolError:
                        raise
                    except Exception as e:  # noqa: BLE001
                        if _is_oom(e):
                            self.model.recover_from_oom()
                            raise ProtocolError("out_of_memory", "CUDA out of memory: %s" % e)
                        if is_sticky_cuda_error(e):
                            self.failed = "sticky CUDA error at %s: %s: %s" % (
                                time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), type(e).__name__, e)
                            self._log("FAILED, restart this server: %s" % self.failed)
                        raise
                    finally:
                        self._running_since = None
                    self._log("%s: %d turns in %.1f s" % (rid, len(turns), time.time() - t0))
            finally:
                with self._admit_lock:
                    self._admitted -= 1
            info = self.model.info()
            # every answer names the checkpoint that drew it: a client compares it with the pool's, so a server
            # restarted on other weights behind the same URL is noticed on its first answer (docs/protocol.md)
            answer = {"id": rid, "seed": req["seed"],
                      "model": {"name": info["name"], "checkpoint": info["checkpoint"], "sha256": info["sha256"]},
                      "weights": dict(info["weights"])}
            if getattr(self.model, "simulator", False):
                answer["simulator"] = True
            answer["turns"] = []
            for t in turns:
                turn = {
                    "text": t["text"],
                    "image_png_base64": base64.b64encode(t["png"]).decode("ascii"),
                    "timings_ms": {k: int(round(v)) for k, v in t["timings_ms"].items()},
                    "tokens": dict(t["tokens"]),
                }
                if t.get("crop_box") is not None:
                    turn["crop_box"] = list(t["crop_box"])
                answer["turns"].append(turn)
            data = protocol.dumps(answer)
            self._remember(rid, key, data)
            return data
        finally:
            with self._cache_lock:
                self._inflight.pop(rid, None)
            done.set()

    def _remember(self, rid, key, data):
        """Caches an answer, dropping the oldest until the cache fits ``cache_bytes``; one answer larger than the
        whole bound is not cached (a repeat recomputes it, same seed, same pixels)."""
        size = len(data) + len(key)
        with self._cache_lock:
            if size > self._cache_bytes:
                return
            old = self._cache.pop(rid, None)
            if old is not None:
                self._cached_bytes -= len(old[0]) + len(old[1])
            self._cache[rid] = (key, data)
            self._cached_bytes += size
            while self._cached_bytes > self._cache_bytes:
                _, (k, d) = self._cache.popitem(last=False)
                self._cached_bytes -= len(k) + len(d)

    def cache_usage(self):
        """(answers, bytes) held by the idempotency cache."""
        with self._cache_lock:
            return len(self._cache), self._cached_bytes


def content_length(value):
    """The request's body length from its Content-Length header (absent: 0), or None when the header is not a
    non-negative decimal integer: ``int("-1")`` is -1 and ``rfile.read(-1)`` reads until the client closes, so a
    negative length held a handler thread for as long as the client liked."""
    if value is None:
        return 0
    value = value.strip()
    if not value.isdigit() or not value.isascii():
        return None
    return int(value)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the Java client reuses connections
    service = None  # set on the subclass made by make_server
    max_body = 1 << 20

    def _send(self, status, data):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if getattr(self.service.model, "simulator", False):
            self.send_header("X-IRG-Simulator", "stub model, not a model's pixels")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):  # noqa: N802 - http.server naming
        if self.path.split("?")[0] == "/v1/health":
            self._send(200, protocol.dumps(self.service.health()))
        else:
            self._send(404, protocol.error_body("bad_request", "no such path: GET %s" % self.path))

    def do_POST(self):  # noqa: N802
        length = content_length(self.headers.get("Content-Length"))
        if length is None:
            self.close_connection = True  # the body's end is unknown: this connection cannot carry another request
            self._send(400, protocol.error_body("bad_request", "Content-Length must be a non-negative integer: %r"
                                                % self.headers.get("Content-Length")))
            return
        if length > self.max_body:
            self.rfile.read(length)
            self._send(400, protocol.error_body("bad_request", "body larger than %d bytes" % self.max_body))
            return
        body = self.rfile.read(length)
        if self.path.split("?")[0] != "/v1/trajectory":
            self._send(404, protocol.error_body("bad_request", "no such path: POST %s" % self.path))
            return
        status, data = self.service.trajectory(body)
        self._send(status, data)

    def log_message(self, fmt, *args):  # quieter than the default: one line per request on stderr
        sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))


def make_server(service, host="127.0.0.1", port=8000, quiet=False):
    handler = type("BoundHandler", (Handler,), {"service": service})
    if quiet:
        handler.log_message = lambda self, fmt, *args: None
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def build_parser():
    p = argparse.ArgumentParser(prog="python3 -m irg_server.server", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="0.0.0.0")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--model", choices=("irg", "stub"), default="irg",
                   help="irg: the official IRG/BAGEL code on a GPU; stub: deterministic test pictures (no torch)")
    p.add_argument("--official-repo", help="checkout of Osilly/Interleaving-Reasoning-Generation (model code, IRG"
                                           " system prompt)")
    p.add_argument("--bagel-repo", help="checkout of ByteDance-Seed/Bagel (BAGEL think system prompt; optional"
                                        " when --system-prompts is given)")
    p.add_argument("--system-prompts", help="folder with irg_two_turn_system_prompt.txt and"
                                            " bagel_think_system_prompt.txt (e.g. <data>/irg) instead of the"
                                            " official checkouts")
    p.add_argument("--model-path", help="weights folder (llm_config.json, vit_config.json, ae.safetensors, checkpoint)")
    p.add_argument("--checkpoint", default="ema_bf16.safetensors",
                   help="checkpoint file in --model-path (tiif_multi_turn_gen.py:745 loads ema_bf16.safetensors)")
    p.add_argument("--max-latent-size", type=int, default=64, help="tiif_multi_turn_gen.py:971 default 64")
    p.add_argument("--device", default="cuda:0")
    p.add_argument("--preset", default="irg-paper", help="defaults for omitted request fields")
    p.add_argument("--max-queue", type=int, default=2,
                   help="trajectories admitted at once (1 running + waiting); more are answered busy")
    p.add_argument("--skip-checkpoint-hash", action="store_true",
                   help="do not hash the checkpoint at start (health then reports sha256 null; needs --weights)")
    p.add_argument("--allow-weights-mismatch", action="store_true",
                   help="serve modes the weights are not meant for (IRG weights in mode plain: an ablation); without"
                        " it such a request is answered bad_request")
    p.add_argument("--cache-mb", type=int, default=DEFAULT_CACHE_BYTES >> 20,
                   help="idempotency cache bound in MiB (default %(default)s: about 16 two-turn 1024px answers)")
    p.add_argument("--weights", choices=("irg", "bagel", "auto"), default="auto",
                   help="whose weights the checkpoint holds: irg (IRG's, for mode irg) or bagel (BAGEL-7B-MoT, for"
                        " plain/think/think-2025-06); auto: detected from its SHA-256 in"
                        " irg_server/known_checkpoints.json, else the server refuses to start")
    return p


def main(argv=None):
    p = build_parser()
    args = p.parse_args(argv)
    try:
        model = build_model(args, p)
    except ValueError as e:  # bad --device, unknown weights, not an IRG tree: one clear line, no traceback
        p.exit(2, "irg-server: %s\n" % e)
    serve(model, args)


def build_model(args, p):
    if args.model == "stub":
        from .stub_model import StubModel
        weights = None if args.weights == "auto" else args.weights
        return (StubModel.from_folder(args.system_prompts, weights=weights) if args.system_prompts
                else StubModel(weights=weights))
    from .model_irg import IrgModel, parse_device
    if not args.official_repo or not args.model_path:
        p.error("--model irg needs --official-repo and --model-path")
    parse_device(args.device)
    model = IrgModel(official_repo=args.official_repo, model_path=args.model_path,
                     checkpoint=args.checkpoint, bagel_repo=args.bagel_repo,
                     system_prompts_dir=args.system_prompts, max_latent_size=args.max_latent_size,
                     device=args.device, hash_checkpoint=not args.skip_checkpoint_hash, weights=args.weights)
    model.load()
    return model


def serve(model, args):
    preset = protocol.load_preset(args.preset)
    service = TrajectoryService(model, preset, max_queue=args.max_queue, cache_bytes=args.cache_mb << 20,
                                log=lambda m: sys.stderr.write(m + "\n"),
                                allow_weights_mismatch=args.allow_weights_mismatch)
    server = make_server(service, args.host, args.port)
    sys.stderr.write("irg-server %s on http://%s:%d (%s)\n" % (protocol.PROTOCOL, args.host, server.server_port,
                                                             model.info()["name"]))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
