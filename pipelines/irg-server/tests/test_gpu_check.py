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

    def test_device_option(self):
        a = gpu_check.build_parser().parse_args(["--official-repo", self.irg, "--device", "cpu"])
        self.assertEqual("cpu", a.device)
        from irg_server.model_irg import parse_device
        self.assertEqual("cpu", parse_device("cpu"))
        with self.assertRaises(SystemExit):
            gpu_check.build_parser().parse_args(["--official-repo", self.irg, "--mutate", "no-such-mistake"])

    def test_transformer_like_init_rule(self):
        # issue 19: with N(0, 0.02) everywhere the tiny model ignored its context and no flow mistake showed
        self.assertEqual(("const", 1.0), gpu_check.init_rule("language_model.model.norm.weight", (128,)))
        self.assertEqual(("const", 1.0), gpu_check.init_rule("layers.0.input_layernorm.weight", (128,)))
        self.assertEqual(("normal", 0.02), gpu_check.init_rule("layers.0.self_attn.q_proj.bias", (128,)))
        self.assertEqual(("normal", 1.0), gpu_check.init_rule("language_model.model.embed_tokens.weight", (261, 128)))
        self.assertEqual(("normal", 1.0), gpu_check.init_rule("latent_pos_embed.pos_embed", (4096, 128)))
        self.assertEqual(("normal", 0.0625), gpu_check.init_rule("layers.0.mlp.down_proj.weight", (128, 256)))

    def test_the_four_mutations_each_replace_one_named_step_of_irg_model(self):
        from gpu_check.mutations import MUTATIONS, mutated
        from irg_server.model_irg import IrgModel
        self.assertEqual({"turn1-text-cfg-after-prompt", "image-without-vit", "turn2-text-cfg-of-turn1",
                          "image-cfg-without-think"}, set(MUTATIONS))
        for name, cls in MUTATIONS.items():
            own = [k for k in vars(cls) if callable(vars(cls)[k])]
            self.assertEqual(1, len(own), name)
            self.assertTrue(callable(getattr(IrgModel, own[0], None)), "%s replaces IrgModel.%s" % (name, own[0]))
        m = IrgModel.__new__(IrgModel)
        with mutated(m, "image-without-vit"):
            self.assertIsInstance(m, MUTATIONS["image-without-vit"])
        self.assertIs(IrgModel, type(m), "the model is itself again after the block")

    def test_irg_flow_goes_through_the_mutable_steps(self):
        # the mutations can only bite if _irg calls these steps (a refactor that inlines one would blind the check)
        import inspect
        from irg_server.model_irg import IrgModel
        src = inspect.getsource(IrgModel._irg) + inspect.getsource(IrgModel._add_image)
        for step in ("_first_turn_context", "_later_turn_text_cfg", "_add_think_to_image_cfg", "_add_image_vit"):
            self.assertIn("self.%s(" % step, src)

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


class StandinsTest(unittest.TestCase):
    """The stand-ins for packages Debian lacks: importable, and failing loudly where inference should not reach."""

    def setUp(self):
        self.path = os.path.join(os.path.dirname(HERE), "gpu_check", "standin_absent")
        sys.path.insert(0, self.path)
        self.forget()

    def tearDown(self):
        sys.path.remove(self.path)
        self.forget()

    @staticmethod
    def forget():
        for k in [k for k in sys.modules if k.split(".")[0] in ("tokenizers", "cv2")]:
            del sys.modules[k]

    def test_added_token_has_the_librarys_semantics(self):
        import tokenizers
        if not getattr(tokenizers, "STANDIN", False):
            self.skipTest("a real tokenizers is installed")
        a = tokenizers.AddedToken("<|im_start|>", special=True)
        self.assertEqual("<|im_start|>", str(a))
        self.assertFalse(a.normalized, "normalized defaults to not special")
        self.assertEqual(a, tokenizers.AddedToken("<|im_start|>", special=True))
        self.assertNotEqual(a, tokenizers.AddedToken("<|im_end|>", special=True))
        self.assertNotEqual(a, tokenizers.AddedToken("<|im_start|>", special=True, lstrip=True))
        self.assertEqual(1, len({a, tokenizers.AddedToken("<|im_start|>", special=True)}), "hashable")

    def test_everything_else_fails_when_used(self):
        import tokenizers
        from tokenizers.models import BPE
        if not getattr(tokenizers, "STANDIN", False):
            self.skipTest("a real tokenizers is installed")
        with self.assertRaises(NotImplementedError):
            BPE()
        with self.assertRaises(NotImplementedError):
            tokenizers.Tokenizer()

    def test_cv2_fails_when_used(self):
        import cv2
        if not getattr(cv2, "STANDIN", False):
            self.skipTest("a real cv2 is installed")
        with self.assertRaises(NotImplementedError):
            cv2.getRotationMatrix2D((0, 0), 1, 1)


if __name__ == "__main__":
    unittest.main()
