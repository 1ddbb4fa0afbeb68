"""The CPU-runnable parts of gpu_check/gpu_check.py (deliver item 5): arguments, the tiny configs and tokenizer, a
dry run against a stand-in IRG tree; with torch at hand also the random weights and the flash-attn stand-in."""

import importlib.util
import json
import os
import shutil
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from gpu_check import gpu_check  # noqa: E402
from test_load_path import make_irg_tree  # noqa: E402

HAVE_TORCH = importlib.util.find_spec("torch") is not None


class GpuCheckCpuTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="irg-gpu-check-")
        self.irg = os.path.join(self.tmp, "IRG")
        make_irg_tree(self.irg)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_arguments_and_defaults(self):
        a = gpu_check.build_parser().parse_args(["--official-repo", self.irg])
        self.assertEqual((256, 8, "cuda:0", "auto"), (a.resolution, a.timesteps, a.device, a.flash_attn))
        with self.assertRaises(SystemExit):
            gpu_check.build_parser().parse_args([])

    def test_dry_run_writes_the_tiny_files(self):
        work = os.path.join(self.tmp, "work")
        self.assertEqual(0, gpu_check.main(["--official-repo", self.irg, "--work", work, "--dry-run"]))
        with open(os.path.join(work, "llm_config.json")) as f:
            llm = json.load(f)
        self.assertEqual(2, llm["num_hidden_layers"])
        with open(os.path.join(work, "vit_config.json")) as f:
            self.assertEqual(3, json.load(f)["num_hidden_layers"], "the loader drops one: 2 layers")
        with open(os.path.join(work, "vocab.json")) as f:
            vocab = json.load(f)
        self.assertEqual(list(range(256)), sorted(vocab.values()), "one token per byte, id = byte value")
        self.assertEqual(256 + len(gpu_check.SPECIALS), llm["vocab_size"], "vocab = tokenizer size (issue 19)")

    def test_refuses_a_tree_that_is_not_irgs(self):
        os.remove(os.path.join(self.irg, "SFT", "modeling", "bagel", "bagel.py"))
        with self.assertRaises(ValueError):
            gpu_check.main(["--official-repo", self.irg, "--work", os.path.join(self.tmp, "w"), "--dry-run"])

    def test_bad_resolution(self):
        with self.assertRaises(SystemExit):
            gpu_check.main(["--official-repo", self.irg, "--resolution", "250", "--dry-run"])

    @unittest.skipUnless(HAVE_TORCH, "torch not installed (the GPU machine has it)")
    def test_random_weights_are_seeded(self):
        a = gpu_check.random_state_dict({"w": (3, 4), "b": (4,)}, seed=7)
        b = gpu_check.random_state_dict({"w": (3, 4), "b": (4,)}, seed=7)
        self.assertEqual((3, 4), tuple(a["w"].shape))
        self.assertTrue(all(bool((a[k] == b[k]).all()) for k in a))

    @unittest.skipUnless(HAVE_TORCH, "torch not installed (the GPU machine has it)")
    def test_flash_attn_standin_is_exact_attention(self):
        import math
        import torch
        spec = importlib.util.spec_from_file_location(
            "flash_attn_standin", os.path.join(os.path.dirname(HERE), "gpu_check", "standin", "flash_attn",
                                               "__init__.py"))
        fa = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(fa)
        g = torch.Generator().manual_seed(0)
        q = torch.randn(5, 4, 8, generator=g)
        k = torch.randn(7, 2, 8, generator=g)
        v = torch.randn(7, 2, 8, generator=g)
        cu_q = torch.tensor([0, 2, 5], dtype=torch.int32)
        cu_k = torch.tensor([0, 3, 7], dtype=torch.int32)
        out = fa.flash_attn_varlen_func(q, k, v, cu_q, cu_k, causal=True)
        # sequence 2, head 3 (kv head 1), query 0 of 3 against 4 keys: bottom-right causal -> keys 0..1
        qs, ks, vs = q[2, 3], k[3:5, 1], v[3:5, 1]
        p = torch.softmax(ks @ qs / math.sqrt(8), dim=0)
        self.assertTrue(torch.allclose(out[2, 3], p @ vs, atol=1e-5))


if __name__ == "__main__":
    unittest.main()
