"""Training the page model and exporting it for OpenCV's dnn.

    python -m scripts.page_model.train DATA_DIR [--epochs 16] [--out FILE.onnx]

DATA_DIR holds the shards `scripts.page_model.data` wrote. The last shard is kept back to
report how well the model does on photos it never trained on (the Jaccard index of its
thresholded mask against the true page's). The model goes to
kiosk/scanning/data/page_model.onnx unless --out says otherwise. Training runs on the CPU
(PyTorch 2.13, CPU build; not a dependency of the kiosk, which only reads the exported ONNX
file) with fixed seeds; each epoch's weights are kept in DATA_DIR/checkpoint.pt.
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

import cv2
import numpy as np
import torch
from torch import nn

from kiosk.scanning.page_model import INPUT_SIZE  # the size the kiosk feeds it
from scripts.page_model.data import page_mask
from scripts.page_model.net import OUTPUT_STRIDE, PageNet

OUTPUT_SIZE = (INPUT_SIZE[0] // OUTPUT_STRIDE, INPUT_SIZE[1] // OUTPUT_STRIDE)


def load(data_dir: Path) -> tuple[np.ndarray, np.ndarray]:
    """Inputs (N, 3, H, W) uint8 at the model's size and target masks (N, 1, h, w) float32."""
    images, masks = [], []
    for shard in sorted(data_dir.glob("shard_*[0-9].npz")):
        data = np.load(shard)
        for image, corners in zip(data["images"], data["corners"], strict=True):
            frame_size = (image.shape[1], image.shape[0])
            images.append(cv2.resize(image, INPUT_SIZE, interpolation=cv2.INTER_AREA))
            masks.append(page_mask(corners, frame_size, OUTPUT_SIZE))
    return (np.stack(images).transpose(0, 3, 1, 2).copy(),
            np.stack(masks)[:, None].copy())


def _augment(x: torch.Tensor, y: torch.Tensor, generator: torch.Generator
             ) -> tuple[torch.Tensor, torch.Tensor]:
    n = x.shape[0]
    flip_x = torch.rand(n, generator=generator) < 0.5
    flip_y = torch.rand(n, generator=generator) < 0.3
    x[flip_x], y[flip_x] = x[flip_x].flip(3), y[flip_x].flip(3)
    x[flip_y], y[flip_y] = x[flip_y].flip(2), y[flip_y].flip(2)
    gain = 1 + 0.25 * (torch.rand(n, 1, 1, 1, generator=generator) - 0.5)
    cast = 1 + 0.1 * (torch.rand(n, 3, 1, 1, generator=generator) - 0.5)
    offset = 0.1 * (torch.rand(n, 1, 1, 1, generator=generator) - 0.5)
    return (x * gain * cast + offset).clamp(0, 1), y


def _loss(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    bce = nn.functional.binary_cross_entropy_with_logits(logits, target)
    prob = torch.sigmoid(logits)
    inter = (prob * target).sum((1, 2, 3))
    union = (prob + target).sum((1, 2, 3))
    dice = 1 - (2 * inter + 1) / (union + 1)
    return bce + 0.5 * dice.mean()


def evaluate(model: nn.Module, images: np.ndarray, masks: np.ndarray) -> float:
    """Mean Jaccard of the thresholded mask against the truth (an empty truth counts as 1 when
    the model also says no page)."""
    model.eval()
    scores = []
    with torch.no_grad():
        for start in range(0, len(images), 64):
            x = torch.from_numpy(images[start:start + 64]).float() / 255
            prob = torch.sigmoid(model(x)).numpy() > 0.5
            truth = masks[start:start + 64] > 0.5
            inter = (prob & truth).sum((1, 2, 3))
            union = (prob | truth).sum((1, 2, 3))
            scores += list(np.where(union == 0, 1.0, inter / np.maximum(union, 1)))
    model.train()
    return float(np.mean(scores))


def export(model: nn.Module, out: Path) -> None:
    model.eval()
    dummy = torch.zeros(1, 3, INPUT_SIZE[1], INPUT_SIZE[0])
    torch.onnx.export(model, (dummy,), str(out), input_names=["image"], output_names=["logits"],
                      opset_version=13, dynamo=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--epochs", type=int, default=16)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--out", type=Path, default=Path("kiosk/scanning/data/page_model.onnx"))
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(2)
    images, masks = load(args.data)
    held = min(500, len(images) // 10)
    train_x, train_y = images[:-held], masks[:-held]
    val_x, val_y = images[-held:], masks[-held:]
    print(f"{len(train_x)} training photos, {held} held back", flush=True)
    model = PageNet()
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    steps = args.epochs * math.ceil(len(train_x) / args.batch)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=args.lr, total_steps=steps)
    generator = torch.Generator().manual_seed(0)
    started = time.time()
    for epoch in range(args.epochs):
        order = torch.randperm(len(train_x), generator=generator).numpy()
        total = 0.0
        for start in range(0, len(order), args.batch):
            pick = order[start:start + args.batch]
            x = torch.from_numpy(train_x[pick]).float() / 255
            y = torch.from_numpy(train_y[pick])
            x, y = _augment(x, y, generator)
            loss = _loss(model(x), y)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += float(loss) * len(pick)
        print(f"epoch {epoch + 1}: loss {total / len(order):.4f}, held-back Jaccard "
              f"{evaluate(model, val_x, val_y):.4f}, {time.time() - started:.0f} s", flush=True)
        torch.save(model.state_dict(), args.data / "checkpoint.pt")
    export(model, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
