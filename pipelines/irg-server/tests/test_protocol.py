"""The server's protocol layer against the stub model, over real HTTP on a loopback port (no torch)."""

import base64
import hashlib
import http.client
import json
import os
import sys
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from irg_server import protocol  # noqa: E402
from irg_server.model_irg import read_string_constant  # noqa: E402 - stdlib-only part of the module
from irg_server.server import TrajectoryService, make_server  # noqa: E402
from irg_server.stub_model import StubModel  # noqa: E402

# The official system prompts, as the Java tests find them: $IRG_EVAL_DATA, else ../shared/benchmarks beside the
# repository. With IRG_EVAL_REQUIRE_DATA=1 (CI) a missing folder fails instead of skipping.
SHARED_IRG = os.path.join(os.environ["IRG_EVAL_DATA"], "irg") if os.environ.get("IRG_EVAL_DATA") else \
    os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "benchmarks", "irg"))
if os.environ.get("IRG_EVAL_REQUIRE_DATA") == "1" and not os.path.isdir(SHARED_IRG):
    raise RuntimeError("IRG_EVAL_REQUIRE_DATA=1 but the official IRG system prompts are not at " + SHARED_IRG)


def request_body(**over):
    """The request the Java client sends for preset irg-paper (docs/protocol.md example)."""
    body = {
        "id": "geneval/00012/s2", "prompt": "a photo of a bench", "mode": "irg", "turns": 2, "seed": 1234567,
        "width": 1024, "height": 1024, "think": {"temperature": 0.3, "max_tokens": 4096},
        "turn_params": [
            {"timesteps": 50, "cfg_text_scale": 4.0, "cfg_img_scale": 1.0, "cfg_interval": [0.4, 1.0],
             "cfg_renorm_type": "global", "cfg_renorm_min": 0.0, "timestep_shift": 3.0},
            {"timesteps": 50, "cfg_text_scale": 4.0, "cfg_img_scale": 2.0, "cfg_interval": [0.0, 1.0],
             "cfg_renorm_type": "text_channel", "cfg_renorm_min": 0.0, "timestep_shift": 3.0}]}
    body.update(over)
    return {k: v for k, v in body.items() if v is not None}


class ServerCase(unittest.TestCase):
    max_queue = 2

    def setUp(self):
        self.model = StubModel()
        self.service = TrajectoryService(self.model, protocol.load_preset("irg-paper"), max_queue=self.max_queue)
        self.server = make_server(self.service, "127.0.0.1", 0, quiet=True)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def call(self, method, path, body=None, raw=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        conn.request(method, path, body=data, headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        payload = json.loads(resp.read().decode("utf-8"))
        conn.close()
        return resp.status, payload

    def assertError(self, status, payload, code, http_status):
        self.assertEqual(http_status, status, payload)
        self.assertEqual(code, payload["error"]["code"])
        self.assertTrue(payload["error"]["message"])


class HealthTest(ServerCase):
    def test_health_reports_model_modes_prompts_and_simulator(self):
        status, h = self.call("GET", "/v1/health")
        self.assertEqual(200, status)
        self.assertEqual("ok", h["status"])
        self.assertEqual(protocol.PROTOCOL, h["protocol"])
        self.assertEqual(["plain", "think", "think-2025-06", "irg"], h["modes"])
        self.assertEqual({"kind": None, "modes": list(protocol.MODES), "source": "stub (no claim)"}, h["weights"])
        self.assertIn("not a model", h["model"]["name"])
        self.assertIn("checkpoint", h["model"])
        self.assertIn("sha256", h["model"])
        self.assertTrue(h["simulator"])
        self.assertEqual(hashlib.sha256(self.model.system_prompts["irg"].encode()).hexdigest(),
                         h["system_prompts"]["irg"])
        self.assertEqual({"capacity": 2, "in_flight": 0, "running_s": None}, h["queue"])


class TrajectoryTest(ServerCase):
    def test_two_turn_trajectory(self):
        status, r = self.call("POST", "/v1/trajectory", request_body())
        self.assertEqual(200, status, r)
        self.assertEqual("geneval/00012/s2", r["id"])
        self.assertEqual(1234567, r["seed"])
        self.assertTrue(r["simulator"])
        self.assertEqual(2, len(r["turns"]))
        for turn in r["turns"]:
            png = base64.b64decode(turn["image_png_base64"])
            self.assertEqual(b"\x89PNG\r\n\x1a\n", png[:8])
            self.assertEqual({"text", "image"}, set(turn["timings_ms"]))
            self.assertGreater(turn["tokens"]["text"], 0)
        self.assertIn("a photo of a bench", r["turns"][0]["text"])

    def test_same_seed_same_pixels_other_seed_other_pixels(self):
        _, a = self.call("POST", "/v1/trajectory", request_body(id="a"))
        _, b = self.call("POST", "/v1/trajectory", request_body(id="b"))
        _, c = self.call("POST", "/v1/trajectory", request_body(id="c", seed=7))
        self.assertEqual(a["turns"][1]["image_png_base64"], b["turns"][1]["image_png_base64"])
        self.assertNotEqual(a["turns"][1]["image_png_base64"], c["turns"][1]["image_png_base64"])

    def test_plain_and_think_modes(self):
        status, r = self.call("POST", "/v1/trajectory", request_body(
            id="p", mode="plain", turns=1, think=None, turn_params=request_body()["turn_params"][:1]))
        self.assertEqual(200, status, r)
        self.assertEqual("", r["turns"][0]["text"])
        self.assertEqual({"image"}, set(r["turns"][0]["timings_ms"]))
        status, r = self.call("POST", "/v1/trajectory", request_body(
            id="t", mode="think", turns=1, turn_params=request_body()["turn_params"][:1]))
        self.assertEqual(200, status, r)
        self.assertTrue(r["turns"][0]["text"].startswith("<think>"))

    def test_omitted_fields_take_the_server_preset(self):
        status, r = self.call("POST", "/v1/trajectory", {"id": "x", "prompt": "a cat", "seed": 3})
        self.assertEqual(200, status, r)
        self.assertEqual(2, len(r["turns"]), "irg-paper: two turns")

    def test_four_turns(self):
        tps = request_body()["turn_params"]
        status, r = self.call("POST", "/v1/trajectory", request_body(id="four", turns=4, turn_params=tps + tps[1:] * 2))
        self.assertEqual(200, status, r)
        self.assertEqual(4, len(r["turns"]))
        self.assertIn("reflection 3", r["turns"][3]["text"])

    def test_repeated_id_is_answered_from_the_cache(self):
        _, first = self.call("POST", "/v1/trajectory", request_body(id="same"))
        _, again = self.call("POST", "/v1/trajectory", request_body(id="same"))
        self.assertEqual(first, again)
        self.assertEqual(1, self.model.calls)
        status, e = self.call("POST", "/v1/trajectory", request_body(id="same", seed=99))
        self.assertError(status, e, "bad_request", 400)


class ValidationTest(ServerCase):
    def check_bad(self, body, fragment, raw=None):
        status, e = self.call("POST", "/v1/trajectory", body, raw=raw)
        self.assertError(status, e, "bad_request", 400)
        self.assertIn(fragment, e["error"]["message"])
        self.assertEqual(0, self.model.calls, "a bad request never reaches the model")

    def test_not_json(self):
        self.check_bad(None, "not JSON", raw=b"{nope")

    def test_unknown_field(self):
        self.check_bad(request_body(cfg_scale=4), "unknown field 'cfg_scale'")

    def test_missing_seed(self):
        self.check_bad(request_body(seed=None), "seed")

    def test_seed_out_of_range(self):
        self.check_bad(request_body(seed=2 ** 31), "seed")

    def test_bool_is_not_an_integer(self):
        self.check_bad(request_body(turns=True), "turns")

    def test_unknown_mode(self):
        self.check_bad(request_body(mode="dream"), "mode")

    def test_single_turn_mode_with_two_turns(self):
        self.check_bad(request_body(mode="think"), "exactly one image")

    def test_turn_params_count(self):
        self.check_bad(request_body(turns=3), "exactly 3")

    def test_bad_renorm_type(self):
        tps = request_body()["turn_params"]
        tps[1]["cfg_renorm_type"] = "channelwise"
        self.check_bad(request_body(turn_params=tps), "turn_params[1].cfg_renorm_type")

    def test_bad_interval(self):
        tps = request_body()["turn_params"]
        tps[0]["cfg_interval"] = [1.0, 0.4]
        self.check_bad(request_body(turn_params=tps), "cfg_interval")

    def test_image_cfg_in_turn_one(self):
        tps = request_body()["turn_params"]
        tps[0]["cfg_img_scale"] = 2.0
        self.check_bad(request_body(turn_params=tps), "turn 1 has no image condition")

    def test_size_not_multiple_of_16(self):
        self.check_bad(request_body(width=1000), "width")

    def test_size_above_max_latent(self):
        self.check_bad(request_body(width=2048), "width")

    def test_wrong_system_prompt_hash(self):
        self.check_bad(request_body(system_prompt_sha256="0" * 64), "system_prompt_sha256")

    def test_plain_with_think(self):
        self.check_bad(request_body(mode="plain", turns=1, turn_params=request_body()["turn_params"][:1]), "plain")

    def test_unknown_path(self):
        status, e = self.call("GET", "/v2/health")
        self.assertError(status, e, "bad_request", 404)


class BusyAndErrorTest(ServerCase):
    max_queue = 1

    def test_full_queue_answers_busy(self):
        self.model.delay_s = 0.5
        results = {}

        def slow():
            results["slow"] = self.call("POST", "/v1/trajectory", request_body(id="slow", turns=1,
                                                                              turn_params=request_body()["turn_params"][:1]))

        t = threading.Thread(target=slow)
        t.start()
        deadline = time.time() + 5
        while self.service.health()["queue"]["in_flight"] == 0 and time.time() < deadline:
            time.sleep(0.01)
        status, e = self.call("POST", "/v1/trajectory", request_body(id="other"))
        t.join()
        self.assertError(status, e, "busy", 503)
        self.assertEqual(200, results["slow"][0])

    def test_out_of_memory_is_503_and_recovers(self):
        class OutOfMemoryError(RuntimeError):  # what torch.cuda raises, by name
            pass

        self.model.fail_next = OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        status, e = self.call("POST", "/v1/trajectory", request_body(id="oom"))
        self.assertError(status, e, "out_of_memory", 503)
        self.assertEqual(1, self.model.oom_recoveries)
        status, r = self.call("POST", "/v1/trajectory", request_body(id="oom"))
        self.assertEqual(200, status, "the same id succeeds on retry")

    def test_other_failure_is_internal(self):
        self.model.fail_next = ValueError("boom")
        status, e = self.call("POST", "/v1/trajectory", request_body(id="x"))
        self.assertError(status, e, "internal", 500)
        self.assertIn("boom", e["error"]["message"])


class PresetAndPromptTest(unittest.TestCase):
    def test_presets_are_the_harness_files(self):
        p = protocol.load_preset("irg-paper")
        self.assertEqual(4096, p["think"]["max_tokens"])
        self.assertEqual("text_channel", p["turn_params"][1]["cfg_renorm_type"])
        self.assertEqual(4, len(protocol.preset_turn_params(p, 4)))
        for name in ("irg-paper", "irg-paper-cfg2", "bagel-plain", "bagel-think", "bagel-think-2025-06"):
            self.assertEqual(name, protocol.load_preset(name)["name"])

    def test_system_prompt_constant_is_read_without_executing_the_module(self):
        path = os.path.join(HERE, "_fake_official.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write('import torch  # never executed\nGEN_THINK_SYSTEM_PROMPT = """line 1\nline 2\n"""\n')
        try:
            self.assertEqual("line 1\nline 2\n", read_string_constant(path, "GEN_THINK_SYSTEM_PROMPT"))
        finally:
            os.remove(path)

    @unittest.skipUnless(os.path.isdir(SHARED_IRG), "shared benchmarks folder not present")
    def test_stub_reads_official_texts_byte_for_byte(self):
        m = StubModel.from_folder(SHARED_IRG)
        with open(os.path.join(SHARED_IRG, "bagel_think_system_prompt.txt"), "rb") as f:
            raw = f.read()
        self.assertEqual(hashlib.sha256(raw).hexdigest(), protocol.sha256_text(m.system_prompts["think"]))


if __name__ == "__main__":
    unittest.main()
