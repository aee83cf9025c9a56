#!/usr/bin/env python3
"""Writes a deterministic 28x28 grey 10-class PNG task as a class-per-folder tree for
`mml create mode.importer=folder`: train/<class>/*.png (train_n images) and test/<class>/*.png.

Each class is a shape (disc, square, triangle, cross, bars, ring, dots, ...) at a random position,
size and brightness on a noisy background, so the task is learnable but not trivial.
Usage: make_task.py OUT_DIR [train_n=5000] [test_n=500] [seed=7]
"""
import os
import sys

import numpy as np
from PIL import Image, ImageDraw

CLASSES = ["disc", "square", "triangle", "cross", "hbar", "vbar", "diagonal", "ring", "dots", "xshape"]


def draw(cls, rng):
    img = Image.new("L", (28, 28), 0)
    d = ImageDraw.Draw(img)
    r = int(rng.integers(5, 10))
    cx, cy = (int(v) for v in rng.integers(r + 1, 28 - r - 1, size=2))
    fg = int(rng.integers(150, 256))
    w = int(rng.integers(2, 4))
    box = [cx - r, cy - r, cx + r, cy + r]
    if cls == "disc":
        d.ellipse(box, fill=fg)
    elif cls == "square":
        d.rectangle(box, fill=fg)
    elif cls == "triangle":
        d.polygon([(cx, cy - r), (cx - r, cy + r), (cx + r, cy + r)], fill=fg)
    elif cls == "cross":
        d.rectangle([cx - r, cy - w // 2, cx + r, cy + w // 2 + 1], fill=fg)
        d.rectangle([cx - w // 2, cy - r, cx + w // 2 + 1, cy + r], fill=fg)
    elif cls == "hbar":
        d.rectangle([cx - r, cy - w, cx + r, cy + w], fill=fg)
    elif cls == "vbar":
        d.rectangle([cx - w, cy - r, cx + w, cy + r], fill=fg)
    elif cls == "diagonal":
        d.line([(cx - r, cy - r), (cx + r, cy + r)], fill=fg, width=w + 1)
    elif cls == "ring":
        d.ellipse(box, outline=fg, width=w)
    elif cls == "dots":
        for dx, dy in ((-r // 2, -r // 2), (r // 2, r // 2), (-r // 2, r // 2)):
            d.ellipse([cx + dx - 2, cy + dy - 2, cx + dx + 2, cy + dy + 2], fill=fg)
    else:  # xshape
        d.line([(cx - r, cy - r), (cx + r, cy + r)], fill=fg, width=w)
        d.line([(cx - r, cy + r), (cx + r, cy - r)], fill=fg, width=w)
    a = np.asarray(img, dtype=np.float32)
    a += rng.normal(0, 40, size=a.shape) + rng.uniform(0, 60)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def main():
    out = sys.argv[1]
    train_n = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    test_n = int(sys.argv[3]) if len(sys.argv) > 3 else 500
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    rng = np.random.default_rng(seed)
    for split, n in (("train", train_n), ("test", test_n)):
        for c in CLASSES:
            os.makedirs(os.path.join(out, split, c), exist_ok=True)
        for i in range(n):
            c = CLASSES[i % len(CLASSES)]
            draw(c, rng).save(os.path.join(out, split, c, "%s_%05d.png" % (split, i)))


if __name__ == "__main__":
    main()
