"""A stand-in for Hugging Face's ``tokenizers`` (the Rust library), which Debian does not package, for the CPU
equality check. IRG and BAGEL use the slow, pure-Python ``Qwen2Tokenizer`` (IRG@3eee315
SFT/modeling/qwen2/tokenization_qwen2.py), which never runs a fast tokenizer, but transformers@v4.44.2 cannot load it
without this library:

* it imports names from ``tokenizers`` at module level even on slow paths (``configuration_utils`` ->
  ``modeling_gguf_pytorch_utils`` -> ``integrations/ggml.py:24-25``; ``convert_slow_tokenizer.py:26-27``);
* without it, its own fallback ``AddedToken`` (``tokenization_utils_base.py:82-106``) is a ``@dataclass(eq=True)``
  with no fields: unhashable, and every instance equal to every other, so ``PreTrainedTokenizer.__init__``
  (``tokenization_utils.py:437``) raises ``TypeError: unhashable type: 'AddedToken'``.

So this package gives transformers a working ``AddedToken`` with the library's semantics (below) and importable,
unusable placeholders for everything else: any other name fails when it is called. cpu_check.sh links it into the
CPU root's site folder with a ``.dist-info`` saying 0.19.1 (transformers@v4.44.2 requires tokenizers>=0.19,<0.20,
dependency_versions_table.py) so transformers takes the library's ``AddedToken``; gpu_check.py also appends this
folder to the END of ``sys.path``, so an installed ``tokenizers`` always wins.
"""

from . import decoders, models, normalizers, pre_tokenizers, processors, trainers  # noqa: F401
from ._absent import absent

STANDIN = True
__version__ = "0.19.1"


class AddedToken:
    """tokenizers' ``AddedToken`` (bindings/python/src/tokenizer.rs, PyAddedToken): the constructor's defaults
    (``normalized`` defaults to ``not special``), ``str`` = content, equality over all six fields (``__richcmp__``
    compares the Rust ``AddedToken`` values), hash over the content only (the Rust ``Hash`` impl of
    ``tokenizer/added_vocabulary.rs``)."""

    def __init__(self, content="", single_word=False, lstrip=False, rstrip=False, normalized=None, special=False):
        self.content = content
        self.single_word = single_word
        self.lstrip = lstrip
        self.rstrip = rstrip
        self.special = special
        self.normalized = (not special) if normalized is None else normalized

    def _key(self):
        return self.content, self.single_word, self.lstrip, self.rstrip, self.normalized, self.special

    def __getstate__(self):
        return {"content": self.content, "single_word": self.single_word, "lstrip": self.lstrip,
                "rstrip": self.rstrip, "normalized": self.normalized, "special": self.special}

    def __setstate__(self, state):
        self.__dict__.update(state)

    def __eq__(self, other):
        return isinstance(other, AddedToken) and self._key() == other._key()

    def __hash__(self):
        return hash(self.content)

    def __str__(self):
        return self.content

    def __repr__(self):
        return ("AddedToken(%r, rstrip=%s, lstrip=%s, single_word=%s, normalized=%s, special=%s)"
                % (self.content, self.rstrip, self.lstrip, self.single_word, self.normalized, self.special))


def __getattr__(name):
    return absent("tokenizers." + name)
