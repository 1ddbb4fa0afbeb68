"""Test pictures for the real-architecture checks (benchmarks/*/tools/check_real_architecture.py): smooth colour
fields with texture, saved as PNG because the official classes read files. scripts/cpu-env/real-architecture-check.sh
puts this folder on PYTHONPATH."""
import os

import numpy as np
from PIL import Image


def textured_pngs(out, n, seed, sizes):
    """n PNGs image_NN.png in out, sizes cycled from sizes ((width, height) pairs); returns their paths."""
    rng = np.random.default_rng(seed)
    paths = []
    for i in range(n):
        w, h = sizes[i % len(sizes)]
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        base = rng.uniform(0, 255, size=(3,))
        freq = rng.uniform(0.005, 0.05, size=(3, 2))
        img = np.stack([base[c] * 0.5 + 100 * np.sin(freq[c, 0] * xx + freq[c, 1] * yy) for c in range(3)], -1)
        img += rng.normal(0, 20, size=img.shape)
        p = os.path.join(out, f"image_{i:02d}.png")
        Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB").save(p)
        paths.append(p)
    return paths
