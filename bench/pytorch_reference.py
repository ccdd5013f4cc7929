#!/usr/bin/env python3
"""PyTorch reference for classify's training and inference throughput.

Builds the same networks as classify's model plugins (simple-cnn; resnet with the small stem,
depth 20 in the CIFAR layout and depth 18 in the ImageNet layout; projection shortcuts; batch norm
momentum 0.1 = DJL's 0.9) and times, on 1x28x28 input and 10 classes:
  train: SGD (momentum 0.9, lr 0.01) steps on tensors already in memory, batch 128 by default,
         each step forcing the loss to the host (as classify's benchmarks do);
  infer: forward passes in eval mode under no_grad, batch 256.
Warm-up steps are excluded. Prints one JSON line per model.

Run with Debian's PyTorch (package python3-torch, 1.13 on Debian 12), on an idle machine:
  /usr/bin/python3 bench/pytorch_reference.py [--threads 2] [--steps 20] [--warmup 5]
"""
import argparse
import json
import time

import torch
from torch import nn


def simple_cnn(kernel=5, channels=(10, 20), hidden=50, classes=10):
    size = ((28 - kernel + 1) // 2 - kernel + 1) // 2
    return nn.Sequential(
        nn.Conv2d(1, channels[0], kernel), nn.MaxPool2d(2), nn.ReLU(),
        nn.Conv2d(channels[0], channels[1], kernel), nn.MaxPool2d(2), nn.ReLU(),
        nn.Flatten(), nn.Linear(channels[1] * size * size, hidden), nn.ReLU(),
        nn.Linear(hidden, classes))


class Basic(nn.Module):
    def __init__(self, cin, width, stride):
        super().__init__()
        self.branch = nn.Sequential(
            nn.Conv2d(cin, width, 3, stride, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
            nn.Conv2d(width, width, 3, 1, 1, bias=False), nn.BatchNorm2d(width))
        self.shortcut = nn.Identity() if stride == 1 and cin == width else nn.Sequential(
            nn.Conv2d(cin, width, 1, stride, bias=False), nn.BatchNorm2d(width))

    def forward(self, x):
        return torch.relu(self.branch(x) + self.shortcut(x))


def resnet(widths, units, classes=10, channels=1):
    layers = [nn.Conv2d(channels, widths[0], 3, 1, 1, bias=False), nn.BatchNorm2d(widths[0]),
              nn.ReLU()]
    cin = widths[0]
    for stage, (width, count) in enumerate(zip(widths, units)):
        for unit in range(count):
            stride = 2 if stage > 0 and unit == 0 else 1
            layers.append(Basic(cin, width, stride))
            cin = width
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, classes)]
    return nn.Sequential(*layers)


MODELS = {
    "simple-cnn": lambda: simple_cnn(),
    "resnet-20": lambda: resnet((16, 32, 64), (3, 3, 3)),
    "resnet-18": lambda: resnet((64, 128, 256, 512), (2, 2, 2, 2)),
}


def train_rate(model, batch, warmup, steps):
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.rand(batch, 1, 28, 28)
    y = torch.randint(0, 10, (batch,))
    for i in range(warmup + steps):
        if i == warmup:
            start = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        loss.item()
    return batch * steps / (time.perf_counter() - start)


def infer_rate(model, batch, warmup, steps):
    model.eval()
    x = torch.rand(batch, 1, 28, 28)
    with torch.no_grad():
        for i in range(warmup + steps):
            if i == warmup:
                start = time.perf_counter()
            model(x).argmax(1).numpy()
    return batch * steps / (time.perf_counter() - start)


def profile(model, batch, warmup, steps):
    """Milliseconds per phase of a training step, as classify's StepProfileBenchmark splits it."""
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.rand(batch, 1, 28, 28)
    y = torch.randint(0, 10, (batch,))
    sums = [0.0] * 5
    for i in range(warmup + steps):
        model.train()
        opt.zero_grad(set_to_none=True)
        t0 = time.perf_counter()
        scores = model(x)
        t1 = time.perf_counter()
        loss = loss_fn(scores, y)
        t2 = time.perf_counter()
        loss.backward()
        t3 = time.perf_counter()
        opt.step()
        t4 = time.perf_counter()
        model.eval()
        with torch.no_grad():
            model(x)
        t5 = time.perf_counter()
        if i >= warmup:
            for k, (a, b) in enumerate([(t0, t1), (t1, t2), (t2, t3), (t3, t4), (t4, t5)]):
                sums[k] += (b - a) * 1000
    names = ["forward_ms", "loss_ms", "backward_ms", "update_ms", "inference_forward_ms"]
    return {n: round(v / steps, 1) for n, v in zip(names, sums)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--profile", action="store_true",
                        help="print milliseconds per phase of a step instead of images/s")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    for name in args.models.split(","):
        model = MODELS[name]()
        parameters = sum(p.numel() for p in model.parameters())
        if args.profile:
            print(json.dumps({"framework": "pytorch " + torch.__version__, "model": name,
                              "batch_size": args.batch_size, "threads": torch.get_num_threads(),
                              **profile(model, args.batch_size, args.warmup, args.steps)}),
                  flush=True)
            continue
        train = train_rate(model, args.batch_size, args.warmup, args.steps)
        infer = infer_rate(model, 256, args.warmup, args.steps)
        print(json.dumps({
            "framework": "pytorch " + torch.__version__, "model": name,
            "parameters": parameters, "threads": torch.get_num_threads(),
            "batch_size": args.batch_size, "train_images_per_second": round(train, 1),
            "inference_images_per_second": round(infer, 1)}), flush=True)


if __name__ == "__main__":
    main()
