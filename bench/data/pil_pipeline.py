#!/usr/bin/env python3
"""The PIL + numpy twin of mml's training data path (bench/data/vs-pil.sh): decode the PNGs of a
task's training samples, per image a horizontal flip (p 0.5), a rotation by up to 15 degrees
(bilinear), a random 28x28 crop resized to 32x32 (bilinear) -- mml's augmentations=basic --, conversion to float in [0, 1],
ImageNet normalisation (grey: the RGB means), then batches of 64 stacked into one float32 array
(what a DataLoader hands to the model). Single process, like mml with num_workers=0.
Modes: cold (decode every pass) and warm (decoded images kept in memory, as mml's cache).
Prints JSON: {"mode", "images", "seconds"} per pass.
"""
import json
import os
import random
import sys
import time

import numpy as np
from PIL import Image

MEAN = sum([0.485, 0.456, 0.406]) / 3
STD = sum([0.229, 0.224, 0.225]) / 3


def augment(im, rng):
    if rng.random() < 0.5:
        im = im.transpose(Image.FLIP_LEFT_RIGHT)
    im = im.rotate(rng.uniform(-15, 15), resample=Image.BILINEAR)
    x = rng.randint(0, im.width - 28)
    y = rng.randint(0, im.height - 28)
    im = im.crop((x, y, x + 28, y + 28)).resize((32, 32), Image.BILINEAR)
    a = np.asarray(im, dtype=np.float32) / 255.0
    return (a - MEAN) / STD


def main():
    desc_path, passes = sys.argv[1], int(sys.argv[2])
    desc = json.load(open(desc_path))
    root = os.path.dirname(desc_path)
    files = [os.path.join(root, desc["train_samples"][i]["image"]) for f in desc["train_folds"] for i in f]
    rng = random.Random(1)
    cache = None
    for mode in ["cold"] * passes + ["warm"] * (passes + 1):
        t0 = time.perf_counter()
        if mode == "warm" and cache is None:
            cache = [Image.open(f).convert("L") for f in files]
            for im in cache:
                im.load()
            continue
        batch = []
        for i, f in enumerate(files):
            im = cache[i] if mode == "warm" else Image.open(f).convert("L")
            batch.append(augment(im, rng))
            if len(batch) == 64:
                np.stack(batch)[:, None]
                batch = []
        if batch:
            np.stack(batch)[:, None]
        print(json.dumps({"mode": mode, "images": len(files), "seconds": time.perf_counter() - t0}), flush=True)


if __name__ == "__main__":
    main()
