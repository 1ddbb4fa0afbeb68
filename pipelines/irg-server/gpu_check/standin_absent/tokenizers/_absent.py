"""Placeholder classes: importable, unusable."""


def absent(qualname):
    def fail(*_args, **_kwargs):
        raise NotImplementedError("%s: gpu_check's tokenizers stand-in (the Rust library is not installed)"
                                  % qualname)
    return type(qualname.rsplit(".", 1)[-1], (), {"__init__": fail, "__new__": lambda cls, *a, **k: fail(),
                                                    "__module__": qualname.rsplit(".", 1)[0]})
