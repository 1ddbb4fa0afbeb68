"""The shared export step on a stand-in module (Debian python3-torch): (1, 3, S, S) -> (1, D), loadable again."""
import os
import sys
import tempfile
import unittest

import torch

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from export_common import trace_and_save  # noqa: E402


class Stand(torch.nn.Module):
    def forward(self, x):
        return x.mean(dim=(2, 3))


class ExportCommonTest(unittest.TestCase):
    def test_traces_checks_and_saves(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "m.pt")
            trace_and_save(Stand(), 8, out, check=lambda x: Stand()(x))
            m = torch.jit.load(out)
            self.assertEqual([1, 3], list(m(torch.zeros(1, 3, 8, 8)).shape))

    def test_refuses_a_wrong_output_shape(self):
        class Flat(torch.nn.Module):
            def forward(self, x):
                return x.flatten()

        with tempfile.TemporaryDirectory() as d, self.assertRaises(SystemExit):
            trace_and_save(Flat(), 4, os.path.join(d, "m.pt"))


if __name__ == "__main__":
    unittest.main()
