#!/usr/bin/env python3
"""The PyTorch twin of `mml train` for bench/train-vs-pytorch.sh: the same model, data, split,
batch size, optimizer and per-epoch work (a training pass over fold 0's training samples, then a
validation pass with the loss and accuracy), in plain PyTorch with PIL + numpy.

Mirrors mml's layers exactly:
  mlp: Flatten, per hidden width Linear-ReLU, then the head Linear(num_classes)
  cnn: per entry of channels Conv3x3(pad 1)-BatchNorm-ReLU-MaxPool2, global average pooling, head Linear
Inputs: the task's channel count (--channels 1 for grey files, 3 to widen them as mml used to),
values in [0, 1] normalised with ImageNet's mean/std (grey: the means of the RGB values, as mml).
Data: every PNG decoded once into a uint8 array (mml's decoded-image cache), batches drawn from a
fresh permutation each epoch, converted to float and normalised per batch.
Prints one JSON line per epoch: {"epoch", "seconds", "train_seconds", "val_seconds", "train_loss",
"val_loss", "val_accuracy"}.
"""
import argparse
import json
import os
import time

import numpy as np
import torch
from PIL import Image

IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]


def load(desc_path, channels):
    desc = json.load(open(desc_path))
    root = os.path.dirname(desc_path)
    folds = desc["train_folds"]
    samples = desc["train_samples"]
    names = [desc["idx_to_class"][k] for k in sorted(desc["idx_to_class"], key=int)]
    val_ids = folds[0]
    train_ids = [i for f in folds[1:] for i in f]

    def decode(ids):
        xs = []
        ys = []
        for i in ids:
            im = Image.open(os.path.join(root, samples[i]["image"]))
            im = im.convert("L" if channels == 1 else "RGB")
            a = np.asarray(im, dtype=np.uint8)
            xs.append(a[None] if a.ndim == 2 else a.transpose(2, 0, 1))
            ys.append(int(samples[i]["class"]))
        return torch.from_numpy(np.stack(xs)), torch.tensor(ys, dtype=torch.int64)

    return decode(train_ids), decode(val_ids), len(names)


def model(arch, in_ch, hw, hidden, conv_channels, num_classes):
    layers = []
    if arch == "mlp":
        layers.append(torch.nn.Flatten())
        width = in_ch * hw[0] * hw[1]
        for h in hidden:
            layers += [torch.nn.Linear(width, h), torch.nn.ReLU()]
            width = h
    else:
        c_in = in_ch
        for c in conv_channels:
            layers += [torch.nn.Conv2d(c_in, c, 3, 1, 1), torch.nn.BatchNorm2d(c), torch.nn.ReLU(),
                       torch.nn.MaxPool2d(2, 2)]
            c_in = c
        layers += [torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten()]
        width = c_in
    layers.append(torch.nn.Linear(width, num_classes))
    return torch.nn.Sequential(*layers)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--desc", required=True)
    p.add_argument("--arch", default="mlp")
    p.add_argument("--hidden", default="256")
    p.add_argument("--conv-channels", default="32,64")
    p.add_argument("--channels", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--epochs", type=int, default=6)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(a.seed)
    (xt, yt), (xv, yv), k = load(a.desc, a.channels)
    c = a.channels
    mean_v = IMAGENET_MEAN if c == 3 else [sum(IMAGENET_MEAN) / 3]
    std_v = IMAGENET_STD if c == 3 else [sum(IMAGENET_STD) / 3]
    mean = torch.tensor(mean_v).view(1, c, 1, 1)
    std = torch.tensor(std_v).view(1, c, 1, 1)
    hidden = [int(h) for h in a.hidden.split(",") if h]
    convs = [int(h) for h in a.conv_channels.split(",") if h]
    net = model(a.arch, c, xt.shape[2:], hidden, convs, k)
    opt = torch.optim.Adam(net.parameters(), lr=a.lr)
    loss_fn = torch.nn.CrossEntropyLoss()

    def prep(x):
        return (x.float().div_(255) - mean) / std

    for epoch in range(a.epochs):
        t0 = time.perf_counter()
        net.train()
        perm = torch.randperm(len(yt))
        loss_sum = torch.zeros(())
        n = 0
        for s in range(0, len(perm), a.batch):
            idx = perm[s:s + a.batch]
            x = prep(xt[idx])
            y = yt[idx]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(net(x), y)
            loss.backward()
            opt.step()
            loss_sum += loss.detach() * len(idx)
            n += len(idx)
        t1 = time.perf_counter()
        net.eval()
        correct = 0
        vloss = 0.0
        with torch.no_grad():
            for s in range(0, len(yv), a.batch):
                x = prep(xv[s:s + a.batch])
                y = yv[s:s + a.batch]
                out = net(x)
                vloss += float(loss_fn(out, y)) * len(y)
                correct += int((out.argmax(1) == y).sum())
        t2 = time.perf_counter()
        print(json.dumps({"epoch": epoch + 1, "seconds": t2 - t0, "train_seconds": t1 - t0, "val_seconds": t2 - t1,
                          "train_loss": float(loss_sum) / n, "val_loss": vloss / len(yv),
                          "val_accuracy": correct / len(yv)}), flush=True)


if __name__ == "__main__":
    main()
