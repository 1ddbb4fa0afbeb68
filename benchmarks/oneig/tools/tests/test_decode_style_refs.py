"""python3 -m unittest discover -s tests (from benchmarks/oneig/tools; Debian python3-torch)."""
import json
import os
import sys
import tempfile
import unittest

import torch

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import decode_style_refs  # noqa: E402


class DecodeStyleRefsTest(unittest.TestCase):
    def test_bfloat16_rows_keep_their_length_and_values(self):
        torch.manual_seed(0)
        refs = {"watercolor": (torch.randn(3, 1280) * 0.02).to(torch.bfloat16),
                "lego": torch.nn.functional.normalize(torch.randn(3, 768), dim=1)}
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, "SE_embed.pt")
            dst = os.path.join(d, "SE_embed.json")
            torch.save(refs, src)
            decode_style_refs.decode(src, dst)
            with open(dst) as f:
                out = json.load(f)
        w = out["watercolor"]
        self.assertEqual([3, 1280], w["shape"])
        self.assertEqual("torch.bfloat16", w["dtype"])
        self.assertEqual([1280] * 3, [len(r) for r in w["data"]])
        self.assertEqual(refs["watercolor"].float().tolist(), w["data"])
        self.assertEqual([768] * 3, [len(r) for r in out["lego"]["data"]])


if __name__ == "__main__":
    unittest.main()
