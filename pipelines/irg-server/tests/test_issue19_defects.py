"""Issue 19: weights identity in every answer (deliver item 4, server side) and the smaller server defects of item 5,
each over real HTTP or on real files, without torch."""

import http.client
import json
import os
import shutil
import socket
import sys
import tempfile
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from irg_server import protocol  # noqa: E402
from irg_server.model_irg import sha256_file  # noqa: E402
from irg_server.server import DEFAULT_CACHE_BYTES, TrajectoryService, build_parser, content_length, make_server  # noqa: E402
from irg_server.stub_model import StubModel  # noqa: E402
from test_protocol import request_body  # noqa: E402


class Served:
    """A TrajectoryService over a loopback HTTP server, for one test."""

    def __init__(self, model, **kw):
        self.model = model
        self.service = TrajectoryService(model, protocol.load_preset("irg-paper"), **kw)
        self.server = make_server(self.service, "127.0.0.1", 0, quiet=True)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def call(self, method, path, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.request(method, path, body=json.dumps(body).encode() if body is not None else None)
        r = conn.getresponse()
        out = r.status, json.loads(r.read())
        conn.close()
        return out


class BlockingModel(StubModel):
    """A stub whose generate waits for ``release`` and then raises ``fail`` (if set): a long model call."""

    def __init__(self, **kw):
        super().__init__(**kw)
        self.started = threading.Event()
        self.release = threading.Event()
        self.fail = None

    def generate(self, req):
        with self._lock:
            self.calls += 1
        self.started.set()
        self.release.wait(10)
        if self.fail is not None:
            raise self.fail
        return super().generate(req)


def small(**over):
    return request_body(width=64, height=64, **over)


class AnswerIdentityTest(unittest.TestCase):
    def test_every_answer_carries_the_checkpoint_hash_and_weights_kind(self):
        s = Served(StubModel(weights="irg", sha256="ab" * 32))
        try:
            status, a = s.call("POST", "/v1/trajectory", small(id="x"))
            self.assertEqual(200, status, a)
            self.assertEqual("ab" * 32, a["model"]["sha256"])
            self.assertEqual("irg", a["weights"]["kind"])
            self.assertEqual(["irg"], a["weights"]["modes"])
            status, again = s.call("POST", "/v1/trajectory", small(id="x"))
            self.assertEqual(a, again, "a cached answer names the same checkpoint")
        finally:
            s.close()

    def test_unhashed_checkpoint_says_null_not_nothing(self):
        s = Served(StubModel())
        try:
            status, a = s.call("POST", "/v1/trajectory", small(id="y"))
            self.assertEqual(200, status)
            self.assertIn("sha256", a["model"])
            self.assertIsNone(a["model"]["sha256"])
            self.assertIsNone(a["weights"]["kind"])
        finally:
            s.close()


class WeightsModeTest(unittest.TestCase):
    def test_a_mode_the_weights_are_not_meant_for_is_refused(self):
        s = Served(StubModel(weights="irg", sha256="cd" * 32))
        try:
            body = request_body(id="p", mode="plain", turns=1, width=64, height=64, think=None, turn_params=None)
            status, e = s.call("POST", "/v1/trajectory", body)
            self.assertEqual((400, "bad_request"), (status, e["error"]["code"]))
            self.assertIn("holds irg weights", e["error"]["message"])
            self.assertIn("--allow-weights-mismatch", e["error"]["message"])
            self.assertEqual(0, s.model.calls, "nothing was drawn")
            status, _ = s.call("POST", "/v1/trajectory", small(id="i"))
            self.assertEqual(200, status, "its own mode is served")
        finally:
            s.close()

    def test_bagel_weights_refuse_irg(self):
        s = Served(StubModel(weights="bagel"))
        try:
            status, e = s.call("POST", "/v1/trajectory", small(id="i"))
            self.assertEqual(400, status)
            self.assertIn("not for mode irg", e["error"]["message"])
        finally:
            s.close()

    def test_the_override_serves_it(self):
        s = Served(StubModel(weights="irg"), allow_weights_mismatch=True)
        try:
            body = request_body(id="p", mode="plain", turns=1, width=64, height=64, think=None, turn_params=None)
            status, a = s.call("POST", "/v1/trajectory", body)
            self.assertEqual(200, status, a)
            self.assertEqual("irg", a["weights"]["kind"], "the answer still says whose weights drew it")
        finally:
            s.close()

    def test_flag(self):
        self.assertTrue(build_parser().parse_args(["--allow-weights-mismatch"]).allow_weights_mismatch)
        self.assertFalse(build_parser().parse_args([]).allow_weights_mismatch)


class RunningAgeTest(unittest.TestCase):
    def test_health_reports_how_long_the_running_request_has_run(self):
        now = [1000.0]
        model = BlockingModel()
        s = Served(model, clock=lambda: now[0])
        try:
            self.assertIsNone(s.call("GET", "/v1/health")[1]["queue"]["running_s"], "idle: no age")
            t = threading.Thread(target=s.call, args=("POST", "/v1/trajectory", small(id="slow")))
            t.start()
            self.assertTrue(model.started.wait(10))
            now[0] += 125.4
            self.assertEqual(125, s.call("GET", "/v1/health")[1]["queue"]["running_s"])
            model.release.set()
            t.join(10)
            self.assertIsNone(s.call("GET", "/v1/health")[1]["queue"]["running_s"], "finished: no age")
        finally:
            model.release.set()
            s.close()


class StickyErrorQueueTest(unittest.TestCase):
    def test_a_request_admitted_before_the_error_is_refused_not_run(self):
        model = BlockingModel()
        model.fail = RuntimeError("CUDA error: an illegal memory access was encountered")
        s = Served(model, max_queue=2)
        results = {}
        try:
            first = threading.Thread(target=lambda: results.update(a=s.call("POST", "/v1/trajectory", small(id="a"))))
            first.start()
            self.assertTrue(model.started.wait(10))
            second = threading.Thread(target=lambda: results.update(b=s.call("POST", "/v1/trajectory", small(id="b"))))
            second.start()
            for _ in range(500):   # b is admitted and waits for the model lock
                if s.service._admitted == 2:
                    break
                time.sleep(0.01)
            self.assertEqual(2, s.service._admitted)
            model.release.set()
            first.join(10)
            second.join(10)
            self.assertEqual(500, results["a"][0])
            self.assertEqual((500, "internal"), (results["b"][0], results["b"][1]["error"]["code"]))
            self.assertIn("restarted", results["b"][1]["error"]["message"])
            self.assertEqual(1, model.calls, "the waiting request never reached the broken GPU")
        finally:
            model.release.set()
            s.close()


class CacheBytesTest(unittest.TestCase):
    def test_cache_is_bounded_by_bytes(self):
        s = Served(StubModel(image_side=64))
        try:
            self.assertEqual(200, s.call("POST", "/v1/trajectory", small(id="k0"))[0])
            one = s.service.cache_usage()[1]   # one answer and its canonical request
        finally:
            s.close()
        s = Served(StubModel(image_side=64), cache_bytes=int(2.5 * one))
        try:
            for i in range(6):
                self.assertEqual(200, s.call("POST", "/v1/trajectory", small(id="k%d" % i, seed=i))[0])
            n, used = s.service.cache_usage()
            self.assertLessEqual(used, int(2.5 * one))
            self.assertEqual(2, n, "the two newest answers fit, the oldest were dropped")
            calls = s.model.calls
            s.call("POST", "/v1/trajectory", small(id="k5", seed=5))
            self.assertEqual(calls, s.model.calls, "the newest is answered from the cache")
            s.call("POST", "/v1/trajectory", small(id="k0", seed=0))
            self.assertEqual(calls + 1, s.model.calls, "the oldest was dropped and is computed again")
        finally:
            s.close()

    def test_an_answer_larger_than_the_bound_is_not_cached(self):
        s = Served(StubModel(), cache_bytes=100)
        try:
            self.assertEqual(200, s.call("POST", "/v1/trajectory", small(id="big"))[0])
            self.assertEqual((0, 0), s.service.cache_usage())
        finally:
            s.close()

    def test_default_holds_about_sixteen_real_answers(self):
        real_answer = 4 << 20   # two 1024px PNGs of ~1.5 MB, base64
        self.assertEqual(16, DEFAULT_CACHE_BYTES // real_answer)
        self.assertEqual(DEFAULT_CACHE_BYTES >> 20, build_parser().parse_args([]).cache_mb)


class SidecarKeyTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="irg-sidecar-")
        self.path = os.path.join(self.tmp, "ema_bf16.safetensors")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_same_size_same_mtime_other_content_is_hashed_again(self):
        with open(self.path, "wb") as f:
            f.write(b"A" * 4096)
        st = os.stat(self.path)
        first = sha256_file(self.path)
        self.assertTrue(os.path.isfile(self.path + ".sha256"))
        # another checkpoint of the same size copied in place with the old mtime kept (cp -p, rsync -t)
        other = os.path.join(self.tmp, "other")
        with open(other, "wb") as f:
            f.write(b"B" * 4096)
        os.replace(other, self.path)
        os.utime(self.path, ns=(st.st_atime_ns, st.st_mtime_ns))
        self.assertEqual(st.st_size, os.stat(self.path).st_size)
        self.assertEqual(st.st_mtime_ns, os.stat(self.path).st_mtime_ns)
        second = sha256_file(self.path)
        self.assertNotEqual(first, second)
        import hashlib
        self.assertEqual(hashlib.sha256(b"B" * 4096).hexdigest(), second)

    def test_unchanged_file_is_read_from_the_sidecar(self):
        with open(self.path, "wb") as f:
            f.write(b"C" * 100)
        digest = sha256_file(self.path)
        with open(self.path + ".sha256", encoding="ascii") as f:
            key = f.read().split(" ", 1)[1]
        with open(self.path + ".sha256", "w", encoding="ascii") as f:
            f.write("%s %s" % ("0" * 64, key))   # a planted digest is returned: the sidecar was used
        self.assertEqual("0" * 64, sha256_file(self.path))
        self.assertNotEqual(digest, "0" * 64)

    def test_an_old_style_sidecar_is_not_trusted(self):
        with open(self.path, "wb") as f:
            f.write(b"D" * 100)
        st = os.stat(self.path)
        with open(self.path + ".sha256", "w", encoding="ascii") as f:
            f.write("%s %d %d\n" % ("0" * 64, st.st_size, int(st.st_mtime)))
        import hashlib
        self.assertEqual(hashlib.sha256(b"D" * 100).hexdigest(), sha256_file(self.path))


class ContentLengthTest(unittest.TestCase):
    def test_parsing(self):
        self.assertEqual(0, content_length(None))
        self.assertEqual(12, content_length(" 12 "))
        for bad in ("-1", "abc", "1e3", "", "+5", "١٢"):
            self.assertIsNone(content_length(bad), bad)

    def raw(self, port, length):
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(("POST /v1/trajectory HTTP/1.1\r\nHost: x\r\nContent-Length: %s\r\n\r\n{}" % length)
                         .encode("ascii"))
            data = b""
            while b"\r\n\r\n" not in data or len(data) < data.index(b"\r\n\r\n") + 4 + 10:
                chunk = sock.recv(65536)   # a timeout here (5 s) is the old defect: read(-1) waits for EOF
                if not chunk:
                    break
                data += chunk
            return data

    def test_negative_length_is_refused_at_once(self):
        s = Served(StubModel())
        try:
            for length in ("-1", "abc"):
                data = self.raw(s.port, length)
                self.assertTrue(data.startswith(b"HTTP/1.1 400"), data[:80])
                self.assertIn(b"Content-Length must be a non-negative integer", data)
            self.assertEqual(0, s.model.calls)
        finally:
            s.close()


if __name__ == "__main__":
    unittest.main()
