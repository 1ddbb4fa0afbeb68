#!/usr/bin/env python3
"""Writes python-word-chars.txt: which code points Python's `re` calls word characters on a str pattern
(CPython Modules/_sre/sre.c SRE_UNI_IS_WORD: ch.isalnum() or ch == '_'), for TiifReplyParserTest.

Run with any python3 (its unicodedata version is written into the header):
    python3 python_word_chars.py > python-word-chars.txt
Lines: `W <first> <last>` (hex) = a run of word characters; `A <first> <last>` = a run of assigned code points
(general category other than Cn), so a JVM with another Unicode version compares only what both define.
"""
import sys
import unicodedata


def runs(pred):
    start = None
    for cp in range(0x110001):
        hit = cp < 0x110000 and pred(cp)
        if hit and start is None:
            start = cp
        elif not hit and start is not None:
            yield start, cp - 1
            start = None


def main():
    out = sys.stdout
    out.write("# Python %s, unicodedata %s\n" % (sys.version.split()[0], unicodedata.unidata_version))
    for a, b in runs(lambda cp: chr(cp).isalnum() or chr(cp) == "_"):
        out.write("W %X %X\n" % (a, b))
    for a, b in runs(lambda cp: unicodedata.category(chr(cp)) != "Cn"):
        out.write("A %X %X\n" % (a, b))


if __name__ == "__main__":
    main()
