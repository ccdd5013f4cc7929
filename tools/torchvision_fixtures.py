#!/usr/bin/env python3
"""Writes torchvision networks with seeded random weights as safetensors, with input images and
torchvision's log-probabilities, for classify's import parity tests (ImportParityTest).

Each network is one of torchvision 0.14's ResNets (torchvision.models.resnet: its blocks, its
_make_layer and its forward), or the SE-ResNet of timm in timm's parameter names (layer1.0.se.fc1
...): timm cannot be installed here, so its structure is built on torchvision's Bottleneck with an
`se` module of 1x1 convolutions with bias, fc1 and fc2, whose hidden width follows timm's
make_divisible(C * rd_ratio, 8) (timm.layers.SEModule's defaults). Batch-norm layers get random
scales and shifts, running statistics measured on random images, then perturbed, so that the
statistics matter to the result.

Per network NAME the output folder gets
  NAME.safetensors      the state dict (num_batches_tracked included, as int64), written by hand
                        with struct and json (no safetensors package on Debian; nothing pickled)
  NAME-pixels.npy       uint8 (N, H, W, 3) random images
  NAME-logprobs.npy     float32 (N, K) torchvision's log_softmax of the network in eval mode on
                        the images as [0, 1] pixels normalized with ImageNet's mean and std
and fixtures.json lists them with classify's model type and options.

Sets: "small" (the committed fixtures: scaled-down networks, float16 and bfloat16 weights; the
outputs are computed from the weights as stored) and "full" (ResNet-18, ResNet-50 and timm's
SE-ResNet-50 at 3x224x224 with 1000 classes, float32, about 300 MB: CI writes them into target/).

Run with Debian's PyTorch and torchvision (packages python3-torch, python3-torchvision):
  /usr/bin/python3 tools/torchvision_fixtures.py --set full --output target/torchvision-fixtures
"""
import argparse
import json
import os
import struct

import numpy as np
import torch
from torch import nn
from torchvision.models.resnet import BasicBlock, Bottleneck, ResNet

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)
DEPTHS = {18: (BasicBlock, [2, 2, 2, 2]), 34: (BasicBlock, [3, 4, 6, 3]),
          50: (Bottleneck, [3, 4, 6, 3]), 101: (Bottleneck, [3, 4, 23, 3]),
          152: (Bottleneck, [3, 8, 36, 3])}


def make_divisible(value, divisor=8):
    """timm's rounding of the SE hidden width with SEModule's round_limit 0."""
    return max(divisor, int(value + divisor / 2) // divisor * divisor)


class SqueezeExcite(nn.Module):
    """timm's SEModule with its defaults: mean, fc1 (1x1 conv, bias), ReLU, fc2, sigmoid."""

    def __init__(self, channels, rd_ratio):
        super().__init__()
        hidden = make_divisible(channels * rd_ratio)
        self.fc1 = nn.Conv2d(channels, hidden, kernel_size=1, bias=True)
        self.act = nn.ReLU(inplace=True)
        self.fc2 = nn.Conv2d(hidden, channels, kernel_size=1, bias=True)

    def forward(self, x):
        scale = self.fc2(self.act(self.fc1(x.mean((2, 3), keepdim=True))))
        return x * scale.sigmoid()


def se_bottleneck(rd_ratio):
    """torchvision's Bottleneck with timm's SE after bn3, before the shortcut is added."""

    class SeBottleneck(Bottleneck):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.se = SqueezeExcite(self.conv3.out_channels, rd_ratio)

        def forward(self, x):
            out = self.relu(self.bn1(self.conv1(x)))
            out = self.relu(self.bn2(self.conv2(out)))
            out = self.se(self.bn3(self.conv3(out)))
            identity = x if self.downsample is None else self.downsample(x)
            return self.relu(out + identity)

    return SeBottleneck


class ScaledResNet(ResNet):
    """torchvision's ResNet with every width times `width` and optionally classify's small stem
    (3x3/1 conv, no max-pool); width 1 and the imagenet stem is torchvision's network."""

    def __init__(self, block, layers, classes, width=1.0, small_stem=False):
        nn.Module.__init__(self)
        widths = [max(1, round(w * width)) for w in (64, 128, 256, 512)]
        self._norm_layer = nn.BatchNorm2d
        self.dilation, self.groups, self.base_width = 1, 1, 64
        self.inplanes = widths[0]
        self.conv1 = (nn.Conv2d(3, widths[0], 3, 1, 1, bias=False) if small_stem
                      else nn.Conv2d(3, widths[0], 7, 2, 3, bias=False))
        self.bn1 = nn.BatchNorm2d(widths[0])
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.Identity() if small_stem else nn.MaxPool2d(3, 2, 1)
        self.layer1 = self._make_layer(block, widths[0], layers[0])
        self.layer2 = self._make_layer(block, widths[1], layers[1], stride=2)
        self.layer3 = self._make_layer(block, widths[2], layers[2], stride=2)
        self.layer4 = self._make_layer(block, widths[3], layers[3], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(widths[3] * block.expansion, classes)
        for module in self.modules():
            if isinstance(module, nn.Conv2d):
                nn.init.kaiming_normal_(module.weight, mode="fan_out", nonlinearity="relu")


def build(spec):
    block, layers = DEPTHS[spec["options"]["depth"]]
    if spec["model"] == "se-resnet":
        block = se_bottleneck(1.0 / spec["options"].get("reduction", 16))
    return ScaledResNet(block, layers, spec["classes"], spec["options"].get("width", 1.0),
                        spec["options"]["stem"] == "small")


def normalize(pixels):
    x = torch.from_numpy(pixels).permute(0, 3, 1, 2).float() / 255
    return (x - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1)


def randomize_batch_norm(model, images):
    """Random scales and shifts, statistics of random images, then perturbed statistics."""
    norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    with torch.no_grad():
        for norm in norms:
            norm.weight.uniform_(0.5, 1.5)
            norm.bias.normal_(0, 0.2)
            norm.reset_running_stats()
            norm.momentum = None  # a cumulative average over the calibration batch
        model.train()
        model(images)
        model.eval()
        for norm in norms:
            norm.running_mean.add_(torch.randn_like(norm.running_mean) * 0.1)
            norm.running_var.mul_(torch.empty_like(norm.running_var).uniform_(0.7, 1.4))
            norm.momentum = 0.1


def round_to(model, dtype):
    """Rounds every floating parameter and buffer to the stored dtype, so that the reference
    outputs are those of the weights as the file holds them."""
    with torch.no_grad():
        for tensor in list(model.parameters()) + list(model.buffers()):
            if tensor.is_floating_point():
                tensor.copy_(tensor.to(dtype).float())


def tensor_bytes(name, tensor, dtype):
    tensor = tensor.detach().contiguous()
    if not tensor.is_floating_point():
        return "I64", tensor.numpy().astype("<i8").tobytes()
    if dtype == "F16":
        return dtype, tensor.to(torch.float16).numpy().astype("<f2").tobytes()
    if dtype == "BF16":
        return dtype, tensor.to(torch.bfloat16).view(torch.int16).numpy().astype("<i2").tobytes()
    return "F32", tensor.float().numpy().astype("<f4").tobytes()


def write_safetensors(path, state, dtype):
    """The safetensors format: an 8-byte little-endian header length, the JSON header (padded
    with spaces to 8 bytes), then the tensors' bytes at the header's data_offsets."""
    header, chunks, offset = {}, [], 0
    for name, tensor in state.items():
        code, data = tensor_bytes(name, tensor, dtype)
        header[name] = {"dtype": code, "shape": list(tensor.shape),
                        "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    header["__metadata__"] = {"format": "pt", "source": "classify tools/torchvision_fixtures.py"}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text)
        for data in chunks:
            out.write(data)


SETS = {
    "small": [
        {"name": "resnet18-w0.125-f16", "model": "resnet", "dtype": "F16", "classes": 5,
         "input": [3, 64, 64], "images": 4,
         "options": {"depth": 18, "stem": "imagenet", "width": 0.125}},
        {"name": "seresnet50-w0.125-bf16", "model": "se-resnet", "dtype": "BF16", "classes": 4,
         "input": [3, 32, 32], "images": 4,
         "options": {"depth": 50, "stem": "small", "width": 0.125, "reduction": 4}},
    ],
    "full": [
        {"name": "resnet18", "model": "resnet", "dtype": "F32", "classes": 1000,
         "input": [3, 224, 224], "images": 2, "options": {"depth": 18, "stem": "imagenet"}},
        {"name": "resnet50", "model": "resnet", "dtype": "F32", "classes": 1000,
         "input": [3, 224, 224], "images": 2, "options": {"depth": 50, "stem": "imagenet"}},
        {"name": "seresnet50", "model": "se-resnet", "dtype": "F32", "classes": 1000,
         "input": [3, 224, 224], "images": 2,
         "options": {"depth": 50, "stem": "imagenet", "reduction": 16}},
    ],
}


def write(spec, folder, seed):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = build(spec)
    channels, height, width = spec["input"]
    calibration = rng.integers(0, 256, (8, height, width, channels), dtype=np.uint8)
    randomize_batch_norm(model, normalize(calibration))
    if spec["dtype"] != "F32":
        round_to(model, torch.float16 if spec["dtype"] == "F16" else torch.bfloat16)
    pixels = rng.integers(0, 256, (spec["images"], height, width, channels), dtype=np.uint8)
    with torch.no_grad():
        logprobs = torch.log_softmax(model(normalize(pixels)), dim=1).numpy().astype(np.float32)
    name = spec["name"]
    write_safetensors(os.path.join(folder, name + ".safetensors"), model.state_dict(),
                      spec["dtype"])
    np.save(os.path.join(folder, name + "-pixels.npy"), pixels)
    np.save(os.path.join(folder, name + "-logprobs.npy"), logprobs)
    entry = dict(spec)
    entry.update(weights=name + ".safetensors", pixels=name + "-pixels.npy",
                 logprobs=name + "-logprobs.npy", seed=seed)
    return entry


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=sorted(SETS), default="full")
    parser.add_argument("--output", required=True)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    os.makedirs(args.output, exist_ok=True)
    torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))
    entries = [write(spec, args.output, args.seed + i) for i, spec in enumerate(SETS[args.set])]
    with open(os.path.join(args.output, "fixtures.json"), "w") as out:
        json.dump({"torch": torch.__version__, "fixtures": entries}, out, indent=2)
        out.write("\n")
    for entry in entries:
        print("wrote", os.path.join(args.output, entry["weights"]))


if __name__ == "__main__":
    main()
