"""tokenizers.pre_tokenizers stand-in (see the package docstring)."""

from ._absent import absent


def __getattr__(name):
    return absent(__name__ + "." + name)
