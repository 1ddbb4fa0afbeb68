"""Stand-ins that let mmcv-full 1.7 and mmdet 2.x import from their source trees on a CPU-only Python without
their compiled parts (docs/geneval.md, "Real-architecture check", detector part). Used by check_real_architecture.py;
never by export_mask2former.py, which runs in the official environment with the real packages.

* `mmcv._ext` is mmcv-full's C++/CUDA extension. mmcv/utils/ext_loader.py (open-mmlab/mmcv@v1.7.1 l.12-16) imports
  it and asserts that every op name listed by an op module exists. The stand-in answers every such name with a
  function that RAISES when called, and records the call: the detector check then proves that the CPU forward of
  Mask2Former never calls a compiled op (MultiScaleDeformableAttention.forward uses
  `multi_scale_deformable_attn_pytorch` for CPU tensors, mmcv/ops/multi_scale_deform_attn.py l.352-360).
* `pycocotools` (a C extension with no Debian package) is imported by mmdet modules that Mask2Former's inference
  never uses (COCO dataset API, RLE encoding of masks for datasets, polygon masks). Every function raises when
  called, `COCO`/`COCOeval` are classes whose constructors raise (mmdet subclasses them at import).
"""
import importlib.machinery
import sys
import types

CALLS = []  # (module, name) of every stand-in function that was called; the check asserts it stays empty


class StandInCalled(RuntimeError):
    pass


def _raiser(module, name):
    def call(*args, **kwargs):
        CALLS.append((module, name))
        raise StandInCalled(f"{module}.{name} was called: it is a stand-in for a compiled op that the CPU "
                            "path of the official code must not use")
    call.__name__ = name
    return call


class _StandInModule(types.ModuleType):
    """Every public attribute exists and is a function that raises when called (PEP 562 style)."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        fn = _raiser(self.__name__, name)
        setattr(self, name, fn)
        return fn


def _module(name, cls=types.ModuleType):
    m = cls(name)
    m.__spec__ = importlib.machinery.ModuleSpec(name, None)  # torch._dynamo calls find_spec on loaded modules
    return m


def install_mmcv_ext():
    """Registers the stand-in as `mmcv._ext` (ext_loader's importlib.import_module finds it in sys.modules)."""
    ext = _module("mmcv._ext", _StandInModule)
    sys.modules["mmcv._ext"] = ext
    return ext


def install_pycocotools():
    """An importable pycocotools whose every function raises (skipped when a real one is importable)."""
    import importlib.util
    if importlib.util.find_spec("pycocotools") is not None:
        return False
    root = _module("pycocotools")
    root.__path__ = []
    root.__version__ = "0-stand-in"
    mask = _module("pycocotools.mask", _StandInModule)
    coco = _module("pycocotools.coco")
    cocoeval = _module("pycocotools.cocoeval")

    def refusing_class(module, name):
        def __init__(self, *args, **kwargs):
            _raiser(module, name)()
        return type(name, (), {"__init__": __init__})
    coco.COCO = refusing_class("pycocotools.coco", "COCO")
    cocoeval.COCOeval = refusing_class("pycocotools.cocoeval", "COCOeval")
    root.mask, root.coco, root.cocoeval = mask, coco, cocoeval
    sys.modules.update({"pycocotools": root, "pycocotools.mask": mask, "pycocotools.coco": coco,
                        "pycocotools.cocoeval": cocoeval})
    return True
