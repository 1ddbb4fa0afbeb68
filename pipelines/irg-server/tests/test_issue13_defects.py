"""Checkpoint identity (deliver item 2) and the smaller defects of item 4, each without torch: the model's own code
paths run against recording stand-ins for torch, the Bagel model and PIL images."""

import contextlib
import http.client
import json
import os
import shutil
import sys
import tempfile
import threading
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from irg_server import protocol  # noqa: E402
from irg_server import model_irg  # noqa: E402
from irg_server.model_irg import IrgModel, generated_tokens, parse_device, resolve_weights  # noqa: E402
from irg_server.server import TrajectoryService, build_model, build_parser, is_sticky_cuda_error, make_server  # noqa: E402
from irg_server.stub_model import StubModel  # noqa: E402
from test_protocol import request_body  # noqa: E402


class FakeTensor:
    def __init__(self, rows):
        self.shape = (rows, 1)

    def __getitem__(self, item):
        return self


class FakeCuda:
    def __init__(self, log):
        self.log = log

    def set_device(self, d):
        self.log.append(("set_device", threading.get_ident(), d))

    def manual_seed(self, s):
        self.log.append(("cuda.manual_seed", threading.get_ident(), s))

    def manual_seed_all(self, s):
        self.log.append(("cuda.manual_seed_all", threading.get_ident(), s))

    def synchronize(self, d=None):
        self.log.append(("synchronize", threading.get_ident(), d))


class FakeTorch:
    float16 = "float16"
    bfloat16 = "bfloat16"

    def __init__(self):
        self.log = []
        self.cuda = FakeCuda(self.log)

    def manual_seed(self, s):
        self.log.append(("manual_seed", threading.get_ident(), s))

    def no_grad(self):
        return contextlib.nullcontext()


class FakeImage:
    def __init__(self, size=(64, 64), bbox=(2, 3, 60, 61)):
        self.size = size
        self.bbox = bbox
        self.cropped_to = None

    def getbbox(self):
        return self.bbox

    def crop(self, box):
        out = FakeImage((box[2] - box[0], box[3] - box[1]), None)
        out.cropped_to = box
        return out


def bare_model(device="cuda:1"):
    """An IrgModel without __init__/load: the parts under test get stand-ins."""
    m = IrgModel.__new__(IrgModel)
    m.torch = FakeTorch()
    m.device = device
    m.system_prompts = {"irg": "S-IRG", "think": "S-THINK"}
    m._png = lambda image: b"PNG:%r" % (image.cropped_to,)
    return m


def numpy_stub():
    class NP:
        class random:
            @staticmethod
            def seed(s):
                pass
    return NP


class TokenCountTest(unittest.TestCase):
    def test_start_token_is_not_counted(self):
        # generate_text returns [start, t1, ..., tn] and never the end token (bagel.py:1026, :1085-1089)
        self.assertEqual(4, generated_tokens(5))
        self.assertEqual(0, generated_tokens(1))

    def test_think_reports_sampled_tokens_only(self):
        m = bare_model()
        m.new_token_ids = {"eos_token_id": 9, "bos_token_id": 8}
        m._to_device = lambda gi: gi
        m._autocast = lambda dtype=None: contextlib.nullcontext()

        class Bagel:
            def prepare_start_tokens(self, lens, rope, ids):
                return {"lens": lens}

            def generate_text(self, **kw):
                return FakeTensor(6)  # start token + 5 sampled

        class Tok:
            def decode(self, t):
                return "<|im_start|><think>plan</think> go<|im_end|>"

        m.model, m.tokenizer = Bagel(), Tok()
        text, n = m._think([[], [0], [0]], {"max_tokens": 10, "temperature": 0.3})
        self.assertEqual("<think>plan</think> go", text)
        self.assertEqual(5, n)


class ThinkFlowsTest(unittest.TestCase):
    """bagel-think (Bagel@056b5fd) vs bagel-think-2025-06 (Bagel@738a570 :82-97): only the think's scratch cache
    differs - it holds the prompt a second time; the main context never does."""

    def run_think(self, mode):
        m = bare_model()
        calls = []
        m._new_context = lambda: ["cache", [0], [0]]
        m._add_text = lambda ctx, text, dtype=None: (calls.append(("add", id(ctx), text)), ctx.__setitem__(
            1, [ctx[1][0] + 1]))
        m._cfg_input = lambda ctx, h, w: {"cfg": True}
        m._image = lambda ctx, tp, h, w, cfg_text, cfg_img=None: (calls.append(("image", id(ctx))), FakeImage())[1]

        def think(ctx, think_params, prefill_again=None):
            calls.append(("think", id(ctx), prefill_again))
            return "<think>t</think>", 3
        m._think = think
        req = protocol.validate_trajectory({"id": "x", "prompt": "P", "seed": 1, "mode": mode},
                                           protocol.load_preset("irg-paper"), protocol.MODES,
                                           {"think": None, "think-2025-06": None}, 1024)
        turns = m._bagel_think(req, prefill_prompt_twice=(mode == "think-2025-06"))
        return calls, turns

    def test_new_flow_samples_on_the_context_as_it_is(self):
        calls, _ = self.run_think("think")
        self.assertEqual([c[2] for c in calls if c[0] == "add"], ["S-THINK", "P", "<think>t</think>"])
        self.assertEqual([None], [c[2] for c in calls if c[0] == "think"])

    def test_2025_06_flow_prefills_the_prompt_again_for_the_think_only(self):
        calls, turns = self.run_think("think-2025-06")
        self.assertEqual([c[2] for c in calls if c[0] == "add"], ["S-THINK", "P", "<think>t</think>"],
                         "the main context holds the prompt once")
        self.assertEqual(["P"], [c[2] for c in calls if c[0] == "think"])
        self.assertEqual(3, turns[0]["tokens"]["text"])

    def test_prefill_again_goes_into_a_copy(self):
        m = bare_model()
        m.new_token_ids = {"eos_token_id": 9}
        m._to_device = lambda gi: gi
        m._autocast = lambda dtype=None: contextlib.nullcontext()
        added = []

        def add_text(ctx, text, dtype=None):
            added.append((ctx, text))
            ctx[1] = [ctx[1][0] + 7]
        m._add_text = add_text
        seen = {}

        class Bagel:
            def prepare_start_tokens(self, lens, rope, ids):
                seen["lens"] = lens
                return {}

            def generate_text(self, **kw):
                return FakeTensor(2)

        class Tok:
            def decode(self, t):
                return "<|im_start|>x<|im_end|>"
        m.model, m.tokenizer = Bagel(), Tok()
        ctx = [["main"], [10], [10]]
        m._think(ctx, {"max_tokens": 5, "temperature": 0.3}, prefill_again="P")
        self.assertEqual("P", added[0][1])
        self.assertIsNot(ctx, added[0][0])
        self.assertEqual([17], seen["lens"], "start tokens at the scratch copy's length (738a570 :97)")
        self.assertEqual([[["main"], [10], [10]]], [ctx], "the main context is untouched")


class PresetDefaultsByModeTest(unittest.TestCase):
    def test_think_request_omitting_think_gets_bagel_think_values_on_an_irg_paper_server(self):
        req = protocol.validate_trajectory({"id": "x", "prompt": "p", "seed": 1, "mode": "think"},
                                           protocol.load_preset("irg-paper"), protocol.MODES, {}, 1024)
        bagel = protocol.load_preset("bagel-think")
        self.assertEqual(2048, req["think"]["max_tokens"], "bagel-think's 2048, not irg-paper's 4096")
        self.assertEqual(1, req["turns"])
        self.assertEqual(bagel["turn_params"], req["turn_params"])

    def test_irg_request_on_a_bagel_think_server_gets_irg_paper_values(self):
        req = protocol.validate_trajectory({"id": "x", "prompt": "p", "seed": 1, "mode": "irg"},
                                           protocol.load_preset("bagel-think"), protocol.MODES, {}, 1024)
        self.assertEqual(4096, req["think"]["max_tokens"])
        self.assertEqual(2, req["turns"])
        self.assertEqual(2.0, req["turn_params"][1]["cfg_img_scale"])

    def test_think_2025_06_has_its_own_preset(self):
        req = protocol.validate_trajectory({"id": "x", "prompt": "p", "seed": 1, "mode": "think-2025-06"},
                                           protocol.load_preset("irg-paper"), protocol.MODES, {}, 1024)
        self.assertEqual(2048, req["think"]["max_tokens"])
        self.assertEqual(protocol.load_preset("bagel-think-2025-06")["turn_params"], req["turn_params"])


class GuidanceValidatorTest(unittest.TestCase):
    def check(self, turn_index, **over):
        body = request_body()
        body["turn_params"][turn_index].update(over)
        with self.assertRaises(protocol.ProtocolError) as e:
            protocol.validate_trajectory(body, protocol.load_preset("irg-paper"), protocol.MODES, {}, 1024)
        self.assertEqual("bad_request", e.exception.code)
        return e.exception.message

    def test_image_guidance_without_text_guidance_is_refused(self):
        msg = self.check(1, cfg_text_scale=1.0)
        self.assertIn("cfg_img_scale 2.0 needs cfg_text_scale > 1", msg)

    def test_scales_below_one_are_refused(self):
        self.assertIn("cfg_text_scale must be a number in [1, 100]", self.check(0, cfg_text_scale=0.5))
        self.assertIn("cfg_img_scale must be a number in [1, 100]", self.check(1, cfg_img_scale=0.0))

    def test_text_guidance_off_without_image_guidance_is_allowed(self):
        body = request_body(mode="plain", turns=1, think=None)
        body["turn_params"] = [dict(body["turn_params"][0], cfg_text_scale=1.0)]
        req = protocol.validate_trajectory(body, protocol.load_preset("irg-paper"), protocol.MODES, {}, 1024)
        self.assertEqual(1.0, req["turn_params"][0]["cfg_text_scale"])


class DevicePerThreadTest(unittest.TestCase):
    def test_handler_thread_selects_the_device_before_seeding(self):
        m = bare_model("cuda:3")
        m._bagel_plain = lambda req: [{"text": "", "image": FakeImage(), "timings_ms": {}, "tokens": {}}]
        had_numpy = "numpy" in sys.modules
        if not had_numpy and __import__("importlib").util.find_spec("numpy") is None:
            sys.modules["numpy"] = numpy_stub()
        try:
            req = {"seed": 5, "mode": "plain"}
            t = threading.Thread(target=m.generate, args=(req,))
            t.start()
            t.join()
        finally:
            if not had_numpy and isinstance(sys.modules.get("numpy"), type):
                del sys.modules["numpy"]
        mine = [e for e in m.torch.log if e[1] == t.ident]
        self.assertEqual(("set_device", t.ident, "cuda:3"), mine[0], "first call in the handler thread")
        self.assertIn(("cuda.manual_seed", t.ident, 5), mine)

    def test_sync_names_the_device(self):
        m = bare_model("cuda:2")
        m._sync()
        self.assertEqual(("synchronize", threading.get_ident(), "cuda:2"), m.torch.log[-1])

    def test_device_strings(self):
        self.assertEqual("cuda:2", parse_device("cuda:2"))
        self.assertEqual("cuda:0", parse_device("cuda"))
        with self.assertRaises(ValueError):
            parse_device("gpu1")


class BboxCropTest(unittest.TestCase):
    def finish(self, mode):
        m = bare_model()
        return m._finish(mode, [{"text": "", "image": FakeImage(), "timings_ms": {}, "tokens": {}}])[0]

    def test_bagel_modes_crop_like_the_wise_script(self):
        for mode in ("plain", "think", "think-2025-06"):
            t = self.finish(mode)
            self.assertEqual((2, 3, 60, 61), t["crop_box"], mode)
            self.assertEqual(b"PNG:(2, 3, 60, 61)", t["png"], mode)

    def test_irg_does_not_crop(self):
        t = self.finish("irg")
        self.assertNotIn("crop_box", t)
        self.assertEqual(b"PNG:None", t["png"])

    def test_all_black_image_keeps_its_frame(self):
        image, box = model_irg.crop_to_bbox(FakeImage((32, 16), None))
        self.assertEqual((0, 0, 32, 16), box)

    @unittest.skipUnless(__import__("importlib").util.find_spec("PIL"), "PIL not installed")
    def test_real_pil_crop(self):
        from PIL import Image
        img = Image.new("RGB", (16, 16))
        img.putpixel((3, 4), (255, 0, 0))
        img.putpixel((9, 10), (0, 255, 0))
        out, box = model_irg.crop_to_bbox(img)
        self.assertEqual((3, 4, 10, 11), box)
        self.assertEqual((7, 7), out.size)


class WeightsTest(unittest.TestCase):
    def test_stated_weights(self):
        self.assertEqual(("irg", "--weights irg"), resolve_weights("irg", None))
        self.assertEqual(["plain", "think", "think-2025-06"], model_irg.weights_info("bagel", "x")["modes"])
        self.assertEqual(["irg"], model_irg.weights_info("irg", "x")["modes"])

    def test_auto_detects_a_known_hash_and_refuses_an_unknown_one(self):
        table = {"ab" * 32: {"weights": "bagel", "name": "BAGEL-7B-MoT ema.safetensors"}}
        self.assertEqual(("bagel", "detected: BAGEL-7B-MoT ema.safetensors"), resolve_weights("auto", "ab" * 32, table))
        with self.assertRaises(ValueError) as e:
            resolve_weights("auto", "cd" * 32, table)
        self.assertIn("--weights irg|bagel", str(e.exception))
        with self.assertRaises(ValueError):
            resolve_weights("auto", None, table)

    def test_shipped_table_is_valid(self):
        model_irg.known_checkpoints()

    def test_auto_without_hash_is_refused_at_construction(self):
        tmp = tempfile.mkdtemp()
        try:
            for name in model_irg.PROMPT_FILES.values():
                with open(os.path.join(tmp, name), "w") as f:
                    f.write("x")
            with self.assertRaises(ValueError) as e:
                IrgModel(official_repo=tmp, model_path=tmp, system_prompts_dir=tmp, hash_checkpoint=False)
            self.assertIn("--skip-checkpoint-hash", str(e.exception))
            m = IrgModel(official_repo=tmp, model_path=tmp, system_prompts_dir=tmp, hash_checkpoint=False,
                         weights="bagel", device="cuda:1")
            self.assertEqual("cuda:1", m.device)
        finally:
            shutil.rmtree(tmp)

    def test_server_flag_reaches_the_stub(self):
        args = build_parser().parse_args(["--model", "stub", "--weights", "irg"])
        model = build_model(args, build_parser())
        self.assertEqual({"kind": "irg", "modes": ["irg"], "source": "stub --weights irg"}, model.info()["weights"])

    def test_health_reports_weights_and_hash(self):
        service = TrajectoryService(StubModel(weights="bagel", sha256="ef" * 32), protocol.load_preset("irg-paper"))
        h = service.health()
        self.assertEqual("bagel", h["weights"]["kind"])
        self.assertEqual(["plain", "think", "think-2025-06"], h["weights"]["modes"])
        self.assertEqual("ef" * 32, h["model"]["sha256"])
        self.assertEqual(h["system_prompts"]["think"], h["system_prompts"]["think-2025-06"])


class StickyCudaErrorTest(unittest.TestCase):
    def setUp(self):
        self.model = StubModel()
        self.service = TrajectoryService(self.model, protocol.load_preset("irg-paper"))
        self.server = make_server(self.service, "127.0.0.1", 0, quiet=True)
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def call(self, method, path, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.server_address[1], timeout=10)
        conn.request(method, path, body=json.dumps(body).encode() if body is not None else None)
        r = conn.getresponse()
        out = r.status, json.loads(r.read())
        conn.close()
        return out

    def test_health_fails_and_work_is_refused_after_a_sticky_error(self):
        self.model.fail_next = RuntimeError("CUDA error: an illegal memory access was encountered")
        status, e = self.call("POST", "/v1/trajectory", request_body(id="a"))
        self.assertEqual((500, "internal"), (status, e["error"]["code"]))
        status, h = self.call("GET", "/v1/health")
        self.assertEqual(200, status)
        self.assertEqual("failed", h["status"])
        self.assertIn("illegal memory access", h["problem"])
        calls = self.model.calls
        status, e = self.call("POST", "/v1/trajectory", request_body(id="b"))
        self.assertEqual((500, "internal"), (status, e["error"]["code"]))
        self.assertIn("restarted", e["error"]["message"])
        self.assertEqual(calls, self.model.calls, "no more work reaches the model")

    def test_out_of_memory_and_ordinary_errors_keep_it_healthy(self):
        self.model.fail_next = RuntimeError("CUDA out of memory. Tried to allocate 2 GiB")
        self.assertEqual(503, self.call("POST", "/v1/trajectory", request_body(id="a"))[0])
        self.model.fail_next = ValueError("boom")
        self.assertEqual(500, self.call("POST", "/v1/trajectory", request_body(id="b"))[0])
        self.assertEqual("ok", self.call("GET", "/v1/health")[1]["status"])
        self.assertEqual(200, self.call("POST", "/v1/trajectory", request_body(id="c"))[0])

    def test_classification(self):
        self.assertTrue(is_sticky_cuda_error(RuntimeError("CUDA error: device-side assert triggered")))
        self.assertTrue(is_sticky_cuda_error(RuntimeError("CUBLAS_STATUS_EXECUTION_FAILED when calling cublasGemmEx")))
        self.assertFalse(is_sticky_cuda_error(RuntimeError("CUDA error: out of memory")))
        self.assertFalse(is_sticky_cuda_error(KeyError("x")))


if __name__ == "__main__":
    unittest.main()
