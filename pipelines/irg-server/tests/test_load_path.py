"""Deliver item 1: the official code is imported from IRG's own tree (<IRG> and <IRG>/SFT on sys.path), never from a
BAGEL checkout that happens to be on the path. Uses a stand-in tree laid out like IRG@3eee315 (no torch)."""

import os
import shutil
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from irg_server import model_irg  # noqa: E402
from irg_server.model_irg import LoadPathError, check_irg_tree, install_import_path, verify_imported  # noqa: E402

OWNED = ("data", "modeling", "SFT")


def write(root, rel, text=""):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def make_irg_tree(root):
    """The files and imports of IRG@3eee315 that matter for the load path: SFT/ has no __init__.py (a namespace
    package, as in the official tree), SFT/modeling/bagel/bagel.py imports the top-level `data` package
    (bagel.py:14) and qwen2_navit.py the top-level `modeling` package (:25-34)."""
    write(root, "pyproject.toml", '[project]\nname = "IRG"\nversion = "0.1.0"\n')
    write(root, "eval/multi_turn/tiif/tiif_multi_turn_gen.py", 'GEN_THINK_SYSTEM_PROMPT = """stand-in\n"""\n')
    write(root, "SFT/data/__init__.py", "")
    write(root, "SFT/data/data_utils.py", "TREE = 'irg'\n")
    write(root, "SFT/modeling/__init__.py", "from . import bagel, qwen2\n")
    write(root, "SFT/modeling/qwen2/__init__.py", "TREE = 'irg'\n")
    write(root, "SFT/modeling/bagel/__init__.py", "from .bagel import DATA_TREE\nfrom .qwen2_navit import QWEN_TREE\n")
    write(root, "SFT/modeling/bagel/bagel.py", "from data.data_utils import TREE as DATA_TREE\n")
    write(root, "SFT/modeling/bagel/qwen2_navit.py", "from modeling.qwen2 import TREE as QWEN_TREE\n")


def make_bagel_tree(root):
    """A BAGEL checkout: the same top-level `data` and `modeling` packages, marked 'bagel'."""
    write(root, "pyproject.toml", '[project]\nname = "bagel"\n')
    write(root, "data/__init__.py", "")
    write(root, "data/data_utils.py", "TREE = 'bagel'\n")
    write(root, "modeling/__init__.py", "")
    write(root, "modeling/qwen2/__init__.py", "TREE = 'bagel'\n")
    write(root, "modeling/bagel/__init__.py", "")
    write(root, "modeling/bagel/bagel.py", "")
    write(root, "modeling/bagel/qwen2_navit.py", "")


class LoadPathTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="irg-load-path-")
        self.irg = os.path.join(self.tmp, "IRG")
        self.bagel = os.path.join(self.tmp, "Bagel")
        make_irg_tree(self.irg)
        make_bagel_tree(self.bagel)
        self.saved_path = list(sys.path)
        self.saved_modules = {k: v for k, v in sys.modules.items() if k.split(".")[0] in OWNED}
        self.forget()

    def tearDown(self):
        self.forget()
        sys.modules.update(self.saved_modules)
        sys.path[:] = self.saved_path
        shutil.rmtree(self.tmp, ignore_errors=True)

    @staticmethod
    def forget():
        for k in [k for k in sys.modules if k.split(".")[0] in OWNED]:
            del sys.modules[k]

    def test_imports_irgs_own_data_and_modeling_even_with_bagel_earlier_on_the_path(self):
        sys.path.insert(0, self.bagel)  # e.g. PYTHONPATH=/path/Bagel
        root, sft = install_import_path(self.irg)
        self.assertEqual([root, sft], sys.path[:2], "<IRG> then <IRG>/SFT, ahead of everything else")
        import SFT.modeling.bagel as bagel  # what IrgModel.load imports (tiif_multi_turn_gen.py:13-20)
        self.assertEqual("irg", bagel.DATA_TREE, "top-level data package from <IRG>/SFT, not from BAGEL")
        self.assertEqual("irg", bagel.QWEN_TREE, "top-level modeling package from <IRG>/SFT, not from BAGEL")
        verify_imported(self.irg)

    def test_without_sft_on_the_path_the_model_code_cannot_be_imported(self):
        # the defect: only the repository root on sys.path -> ModuleNotFoundError: No module named 'data'
        sys.path.insert(0, os.path.realpath(self.irg))
        with self.assertRaises(ModuleNotFoundError) as e:
            import SFT.modeling.bagel  # noqa: F401
        self.assertEqual("data", e.exception.name)

    def test_data_already_imported_from_bagel_is_refused(self):
        sys.path.insert(0, self.bagel)
        import data.data_utils  # noqa: F401 - a BAGEL `data` already in this process
        with self.assertRaises(LoadPathError) as e:
            install_import_path(self.irg)
        self.assertIn("'data'", str(e.exception))
        self.assertIn("fresh process", str(e.exception))

    def test_verify_imported_names_modules_from_elsewhere(self):
        sys.path.insert(0, self.bagel)
        import modeling.qwen2  # noqa: F401
        with self.assertRaises(LoadPathError) as e:
            verify_imported(self.irg)
        self.assertIn("modeling", str(e.exception))

    def test_a_bagel_checkout_is_not_an_irg_tree(self):
        with self.assertRaises(LoadPathError) as e:
            check_irg_tree(self.bagel)
        self.assertIn("not a checkout of Osilly/Interleaving-Reasoning-Generation", str(e.exception))
        self.assertIn(os.path.join("SFT", "modeling", "bagel", "bagel.py"), str(e.exception))

    def test_pyproject_must_name_irg(self):
        write(self.irg, "pyproject.toml", '[project]\nname = "something-else"\n')
        with self.assertRaises(LoadPathError) as e:
            check_irg_tree(self.irg)
        self.assertIn("pyproject.toml", str(e.exception))

    def test_load_is_wired_to_the_checked_path(self):
        # IrgModel.load must go through install_import_path / verify_imported, not a bare sys.path.insert
        import inspect
        src = inspect.getsource(model_irg.IrgModel.load)
        self.assertIn("install_import_path(self.official_repo)", src)
        self.assertIn("verify_imported(self.official_repo)", src)
        self.assertNotIn("sys.path.insert", src)


if __name__ == "__main__":
    unittest.main()
