#!/usr/bin/env python3
"""PyTorch reference for classify's training and inference throughput.

Builds the same networks as classify's model plugins (simple-cnn; resnet with the small stem,
depth 20 in the CIFAR layout and depth 18 in the ImageNet layout; projection shortcuts; resnet9,
Page's DAWNBench network; batch norm momentum 0.1 = DJL's 0.9) and times, on 1x28x28 input and 10 classes:
  train: SGD (momentum 0.9, lr 0.01) steps on tensors already in memory, batch 128 by default,
         each step forcing the loss to the host (as classify's benchmarks do);
  infer: forward passes in eval mode under no_grad, batch 256.
Warm-up steps are excluded. Prints one JSON line per model.

With --recipe CONFIG --holdout FILE it instead trains a classify recipe (a configs/*.yaml) the
way classify does, on the same training images with the same held-out ids (the holdout.csv of a
classify run of that recipe), and prints one line per epoch and a JSON summary: wall seconds from
the start (data loading included) to each epoch's end, validation accuracy, the best epoch, the time
to first reach 0.93 and 0.94, and the wall time of the whole run including the prediction of the
test images. It understands the keys the recipes use (resnet/small stem with depth, width and
dropPath; resnet9 with width and scale; random-crop, random-flip, random-erasing, trivial-augment, normalize, mixup and cutmix; sgd with momentum,
nesterov and weight decay; the cosine schedule stepped per epoch with warm-up epochs; label
smoothing; train.ema, whose batch-norm statistics are recomputed as classify does; augment.tta,
averaged in probability as classify does) and refuses any other.

Run with Debian's PyTorch (package python3-torch, 1.13 on Debian 12), on an idle machine:
  /usr/bin/python3 bench/pytorch_reference.py [--threads 2] [--steps 20] [--warmup 5]
  /usr/bin/python3 bench/pytorch_reference.py --recipe configs/fashion-fast-cpu.yaml \
      --holdout runs/fashion-fast-cpu/holdout.csv
"""
import argparse
import json
import math
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
    def __init__(self, cin, width, stride, drop_path=0.0):
        super().__init__()
        self.drop = DropPath(drop_path)
        self.branch = nn.Sequential(
            nn.Conv2d(cin, width, 3, stride, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
            nn.Conv2d(width, width, 3, 1, 1, bias=False), nn.BatchNorm2d(width))
        self.shortcut = nn.Identity() if stride == 1 and cin == width else nn.Sequential(
            nn.Conv2d(cin, width, 1, stride, bias=False), nn.BatchNorm2d(width))

    def forward(self, x):
        return torch.relu(self.drop(self.branch(x)) + self.shortcut(x))


class DropPath(nn.Module):
    """Zeroes a whole residual branch per image with probability p, scaling kept ones by 1/(1-p)."""

    def __init__(self, p):
        super().__init__()
        self.p = p

    def forward(self, x):
        if not self.training or self.p == 0:
            return x
        keep = (torch.rand(x.shape[0], 1, 1, 1) >= self.p).to(x.dtype)
        return x * keep / (1 - self.p)


def resnet(widths, units, classes=10, channels=1, drop_path=0.0):
    layers = [nn.Conv2d(channels, widths[0], 3, 1, 1, bias=False), nn.BatchNorm2d(widths[0]),
              nn.ReLU()]
    cin = widths[0]
    blocks = sum(units)
    index = 0
    for stage, (width, count) in enumerate(zip(widths, units)):
        for unit in range(count):
            stride = 2 if stage > 0 and unit == 0 else 1
            # timm's linear rule, as classify's model.dropPath: block i of n drops with p * i / (n - 1)
            rate = drop_path * index / (blocks - 1) if blocks > 1 else 0.0
            layers.append(Basic(cin, width, stride, rate))
            cin = width
            index += 1
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, classes)]
    return nn.Sequential(*layers)


def conv_bn(cin, cout):
    return [nn.Conv2d(cin, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]


class Residual(nn.Module):
    """x + two conv-BN-ReLU units of x: the residual blocks of ResNet-9."""

    def __init__(self, width):
        super().__init__()
        self.branch = nn.Sequential(*conv_bn(width, width), *conv_bn(width, width))

    def forward(self, x):
        return x + self.branch(x)


class Scale(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor


def resnet9(widths=(64, 128, 256, 512), classes=10, channels=1, scale=0.125):
    """Page's ResNet-9 (DAWNBench 2018), as classify's resnet9 plugin."""
    layers = conv_bn(channels, widths[0])
    layers += conv_bn(widths[0], widths[1]) + [nn.MaxPool2d(2), Residual(widths[1])]
    layers += conv_bn(widths[1], widths[2]) + [nn.MaxPool2d(2)]
    layers += conv_bn(widths[2], widths[3]) + [nn.MaxPool2d(2), Residual(widths[3])]
    layers += [nn.AdaptiveMaxPool2d(1), nn.Flatten(), nn.Linear(widths[3], classes, bias=False),
               Scale(scale)]
    return nn.Sequential(*layers)


MODELS = {
    "simple-cnn": lambda: simple_cnn(),
    "resnet9-w0.25": lambda: resnet9((16, 32, 64, 128)),
    "resnet9-w0.5": lambda: resnet9((32, 64, 128, 256)),
    "resnet-20": lambda: resnet((16, 32, 64), (3, 3, 3)),
    "resnet-18": lambda: resnet((64, 128, 256, 512), (2, 2, 2, 2)),
    "resnet-18-w0.25": lambda: resnet((16, 32, 64, 128), (2, 2, 2, 2)),
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


RESNET_UNITS = {18: (2, 2, 2, 2), 34: (3, 4, 6, 3)}


class RecipeError(Exception):
    pass


def recipe_model(spec):
    if spec.get("type") == "resnet9":
        if set(spec) - {"type", "width", "scale"}:
            raise RecipeError("model: resnet9 takes only width and scale")
        width = float(spec.get("width", 1.0))
        widths = tuple(max(1, int(math.floor(w * width + 0.5))) for w in (64, 128, 256, 512))
        return resnet9(widths, scale=float(spec.get("scale", 0.125)))
    known = {"type", "depth", "stem", "width", "dropPath"}
    if spec.get("type") != "resnet" or spec.get("stem", "small") != "small" or set(spec) - known:
        raise RecipeError("model: only type resnet with the small stem and keys %s" % sorted(known))
    depth = int(spec.get("depth", 18))
    if depth not in RESNET_UNITS:
        raise RecipeError("model.depth: one of %s" % sorted(RESNET_UNITS))
    width = float(spec.get("width", 1.0))
    # classify's ResNetOptions.scaled: round to the nearest integer, at least 1
    widths = tuple(max(1, int(math.floor(w * width + 0.5))) for w in (64, 128, 256, 512))
    return resnet(widths, RESNET_UNITS[depth], drop_path=float(spec.get("dropPath", 0.0)))


class BatchAugment:
    """The recipe's train augmentation on a float batch N x 1 x H x W in [0, 1]."""

    def __init__(self, steps, generator):
        import torchvision.transforms as T
        self.steps = []
        self.mixers = []  # mixup and cutmix, on the whole batch after the per-image steps
        self.generator = generator
        for step in steps:
            kind = step.get("type")
            if kind in ("mixup", "cutmix"):
                alpha = float(step.get("alpha", 0.2 if kind == "mixup" else 1.0))
                self.mixers.append((kind, torch.distributions.Beta(alpha, alpha),
                                    float(step.get("probability", 1.0))))
                continue
            if self.mixers:
                raise RecipeError("augment.train: %s after mixup or cutmix" % kind)
            if kind == "random-crop":
                self.steps.append(("crop", int(step.get("padding", 0)), int(step["size"])))
            elif kind == "random-flip":
                if step.get("vertical") or not step.get("horizontal", True):
                    raise RecipeError("augment.train: random-flip only horizontal")
                self.steps.append(("flip", float(step.get("probability", 0.5))))
            elif kind == "trivial-augment":
                self.steps.append(("trivial", T.TrivialAugmentWide(int(step.get("bins", 31)))))
            elif kind == "random-erasing":
                scale = tuple(step.get("scale", (0.02, 0.33)))
                ratio = tuple(step.get("ratio", (0.3, 3.3)))
                self.steps.append(("erase", T.RandomErasing(
                    float(step.get("probability", 0.5)), scale, ratio, float(step.get("value", 0)))))
            elif kind == "normalize":
                mean = torch.tensor(step["mean"]).view(1, -1, 1, 1)
                std = torch.tensor(step["std"]).view(1, -1, 1, 1)
                self.steps.append(("normalize", mean, std))
            else:
                raise RecipeError("augment: %s is not understood by this reference" % kind)

    def __call__(self, x):
        for step in self.steps:
            kind = step[0]
            if kind == "crop":
                pad, size = step[1], step[2]
                padded = nn.functional.pad(x, (pad, pad, pad, pad))
                span = padded.shape[-1] - size + 1
                tops = torch.randint(0, span, (x.shape[0],), generator=self.generator)
                lefts = torch.randint(0, span, (x.shape[0],), generator=self.generator)
                x = torch.stack([padded[i, :, t:t + size, l:l + size]
                                 for i, (t, l) in enumerate(zip(tops.tolist(), lefts.tolist()))])
            elif kind == "flip":
                flip = torch.rand(x.shape[0], generator=self.generator) < step[1]
                x = torch.where(flip.view(-1, 1, 1, 1), x.flip(-1), x)
            elif kind == "trivial":
                as_bytes = (x * 255).round().to(torch.uint8)
                x = torch.stack([step[1](image) for image in as_bytes]).float() / 255
            elif kind == "erase":
                x = torch.stack([step[1](image) for image in x])
            else:
                x = (x - step[1]) / step[2]
        return x

    def mix(self, x, y, classes):
        """Mixes the batch as classify's mixup and cutmix do (one lambda from Beta(alpha, alpha)
        and one random pairing per mixed batch; for cutmix a box of about 1 - lambda of the area
        centred on a random pixel and clipped, the labels weighted by the pixels each image keeps);
        returns the images and the targets as class probabilities, N x classes."""
        targets = nn.functional.one_hot(y, classes).float()
        for kind, beta, probability in self.mixers:
            if torch.rand(1, generator=self.generator).item() >= probability:
                continue
            lam = beta.sample().item()
            partners = torch.randperm(x.shape[0], generator=self.generator)
            if kind == "mixup":
                x = lam * x + (1 - lam) * x[partners]
            else:
                h, w = x.shape[2], x.shape[3]
                cut = math.sqrt(1 - lam)
                bh, bw = int(h * cut), int(w * cut)
                row = torch.randint(0, h, (1,), generator=self.generator).item()
                col = torch.randint(0, w, (1,), generator=self.generator).item()
                top, bottom = max(0, row - bh // 2), min(h, row + bh // 2)
                left, right = max(0, col - bw // 2), min(w, col + bw // 2)
                x = x.clone()
                x[:, :, top:bottom, left:right] = x[partners, :, top:bottom, left:right]
                lam = 1 - (bottom - top) * (right - left) / (h * w)
            targets = lam * targets + (1 - lam) * targets[partners]
        return x, targets


def normalize_only(steps, x):
    for step in steps:
        if step.get("type") != "normalize":
            raise RecipeError("augment.eval: only normalize")
        x = (x - torch.tensor(step["mean"]).view(1, -1, 1, 1)) / torch.tensor(
            step["std"]).view(1, -1, 1, 1)
    return x


def train_recipe(args):
    import csv
    import os
    import numpy as np
    import yaml
    start = time.perf_counter()
    with open(args.recipe) as f:
        config = yaml.safe_load(f)
    base = os.path.dirname(os.path.abspath(args.recipe))
    data, train = config["data"], config["train"]
    seed = int(train.get("seed", 42))
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    images = np.load(os.path.join(base, data["train"]["images"]))
    with open(os.path.join(base, data["train"]["labels"])) as f:
        labels = {int(r["id"]): int(r["label"]) for r in csv.DictReader(f)}
    with open(args.holdout) as f:
        held = {int(r["id"]) for r in csv.DictReader(f)}
    train_ids = [i for i in range(len(images)) if i not in held]
    held_ids = sorted(held)
    to_tensor = lambda ids: torch.from_numpy(images[ids]).float().unsqueeze(1) / 255
    x_train, y_train = to_tensor(train_ids), torch.tensor([labels[i] for i in train_ids])
    x_val, y_val = to_tensor(held_ids), torch.tensor([labels[i] for i in held_ids])
    test = torch.from_numpy(np.load(os.path.join(base, data["test"]["images"]))).float()
    test = test.unsqueeze(1) / 255
    model = recipe_model(config["model"])
    classes = 10  # the networks above end in 10 classes, as Fashion-MNIST
    augment = BatchAugment(config["augment"]["train"], generator)
    eval_steps = config["augment"].get("eval", [])
    opt = train["optimizer"]
    if opt.get("type") != "sgd":
        raise RecipeError("train.optimizer: only sgd")
    lr = float(opt["learningRate"])
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=float(opt.get("momentum", 0)),
                                weight_decay=float(opt.get("weightDecay", 0)),
                                nesterov=bool(opt.get("nesterov", False)))
    epochs, batch = int(train["epochs"]), int(train.get("batchSize", 32))
    sched = train.get("scheduler", {})
    warm = int(sched.get("warmupEpochs", 0))
    min_lr = float(sched.get("minLr", 0))
    if sched.get("type") != "cosine":
        raise RecipeError("train.scheduler: only cosine")

    def rate(done):  # classify's CosineSchedule, stepped per epoch
        if done < warm:
            return lr * (done + 1) / (warm + 1)
        t = min(done - warm, epochs - warm)
        return min_lr + (lr - min_lr) * (1 + math.cos(math.pi * t / (epochs - warm))) / 2

    loss_fn = nn.CrossEntropyLoss(label_smoothing=float(train.get("labelSmoothing", 0)))
    ema_spec = train.get("ema")
    ema = None
    if ema_spec:
        import copy
        ema = copy.deepcopy(model)
        for p in ema.parameters():
            p.requires_grad_(False)
    if isinstance(ema_spec, (int, float)) and not isinstance(ema_spec, bool):
        ema_spec = {"decay": ema_spec}
    ema_decay = float((ema_spec or {}).get("decay", 0.999))
    ema_warm = int((ema_spec or {}).get("warmupSteps", 0))
    # As classify: batch-norm statistics are recomputed for the averaged weights before each
    # validation from the same training batches (0: averaged like the weights, as timm).
    ema_bn_batches = int((ema_spec or {}).get("batchNormBatches", 16))
    statistics_ids = torch.randperm(len(x_train), generator=torch.Generator().manual_seed(seed))
    statistics_ids = statistics_ids[:max(1, min(ema_bn_batches, len(x_train) // batch)) * batch]

    def is_statistic(name):
        return name.endswith("running_mean") or name.endswith("running_var")
    steps = 0

    views = config["augment"].get("tta") or []
    if isinstance(views, str):
        views = [] if views == "none" else [v.strip() for v in views.split(",")]
    for view in views:
        if view not in ("flip", "shift", "shift2"):
            raise RecipeError("augment.tta: unknown view %s" % view)

    def shifted(x, dim, d):  # moved by d pixels along dim, the border repeated (as classify)
        n = x.shape[dim]
        if d > 0:
            return torch.cat([x.narrow(dim, 0, 1).expand_as(x.narrow(dim, 0, d)),
                              x.narrow(dim, 0, n - d)], dim)
        d = -d
        return torch.cat([x.narrow(dim, d, n - d),
                          x.narrow(dim, n - 1, 1).expand_as(x.narrow(dim, 0, d))], dim)

    def scores_of(net, x):  # softmax averaged over augment.tta's views, as classify
        if not views:
            return net(x)
        inputs = [x] + ([x.flip(3)] if "flip" in views else [])
        for d, name in ((1, "shift"), (2, "shift2")):
            if name in views:
                inputs += [shifted(x, 3, d), shifted(x, 3, -d), shifted(x, 2, d),
                           shifted(x, 2, -d)]
        return sum(net(v).softmax(1) for v in inputs) / len(inputs)

    def accuracy(net, x, y):
        net.eval()
        correct = 0
        with torch.no_grad():
            for i in range(0, len(x), 256):
                scores = scores_of(net, normalize_only(eval_steps, x[i:i + 256]))
                correct += (scores.argmax(1) == y[i:i + 256]).sum().item()
        return correct / len(x)

    history, reached = [], {}
    for epoch in range(epochs):
        for group in optimizer.param_groups:
            group["lr"] = rate(epoch)
        model.train()
        order = torch.randperm(len(x_train), generator=generator)
        for i in range(0, len(order), batch):
            ids = order[i:i + batch]
            x = augment(x_train[ids])
            # soft targets only when the batch is mixed: class indices otherwise, as before
            target = y_train[ids]
            if augment.mixers:
                x, target = augment.mix(x, target, classes)
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x), target)
            loss.backward()
            optimizer.step()
            steps += 1
            if ema is not None:
                d = ema_decay * min(1.0, steps / ema_warm) if ema_warm else ema_decay
                with torch.no_grad():
                    for (name, a), p in zip(ema.state_dict().items(), model.state_dict().values()):
                        if ema_bn_batches and is_statistic(name):
                            continue
                        if a.dtype.is_floating_point:
                            a.sub_(p).mul_(d).add_(p)
                        else:
                            a.copy_(p)
            loss.item()
        if ema is not None and ema_bn_batches:
            ema.train()
            with torch.no_grad():
                for i in range(0, len(statistics_ids), batch):
                    ema(normalize_only(eval_steps, x_train[statistics_ids[i:i + batch]]))
        acc = accuracy(ema if ema is not None else model, x_val, y_val)
        elapsed = time.perf_counter() - start
        history.append({"epoch": epoch + 1, "seconds": round(elapsed, 1), "val_accuracy": acc})
        for target in (0.93, 0.94, 0.95):
            if acc >= target and target not in reached:
                reached[target] = (epoch + 1, round(elapsed, 1))
        print("epoch %d/%d  lr %.4f  val acc %.4f  %.1f s from start" % (
            epoch + 1, epochs, rate(epoch), acc, elapsed), flush=True)
    best = max(history, key=lambda h: h["val_accuracy"])
    final = ema if ema is not None else model
    final.eval()
    with torch.no_grad():
        for i in range(0, len(test), 256):
            scores_of(final, normalize_only(eval_steps, test[i:i + 256])).argmax(1)
    summary = {"framework": "pytorch " + torch.__version__, "recipe": args.recipe,
               "threads": torch.get_num_threads(), "epochs": epochs,
               "train_images": len(x_train), "holdout_images": len(x_val),
               "best_epoch": best["epoch"], "best_val_accuracy": best["val_accuracy"],
               "last_val_accuracy": history[-1]["val_accuracy"],
               "seconds_to_0.93": reached.get(0.93, (None, None))[1],
               "seconds_to_0.94": reached.get(0.94, (None, None))[1],
               "seconds_to_0.95": reached.get(0.95, (None, None))[1],
               "wall_seconds": round(time.perf_counter() - start, 1), "curve": history}
    print(json.dumps(summary), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--profile", action="store_true",
                        help="print milliseconds per phase of a step instead of images/s")
    parser.add_argument("--recipe", help="a classify configuration to train as classify does")
    parser.add_argument("--holdout", help="with --recipe: the holdout.csv of a classify run")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    if args.recipe:
        if not args.holdout:
            parser.error("--recipe needs --holdout (a classify run's holdout.csv)")
        try:
            train_recipe(args)
        except RecipeError as e:
            parser.exit(2, "pytorch_reference: %s: %s\n" % (args.recipe, e))
        return
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
