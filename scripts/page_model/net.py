"""The page model's network: a small U-Net giving each cell of the frame its chance of being page.

Input: the frame shrunk to 160×96, BGR scaled to 0..1. Output: logits at 80×48 (a stride-2
first layer; the detector upsamples the probabilities). Four levels down to 10×6 give every
cell the whole frame as context, which is what tells the document from a second sheet or a
pale patch of desk. About 60 million multiply-adds: a few milliseconds in OpenCV's dnn on
one core. Only plain convolutions, batch norms (folded on export), ReLU, max-pooling, nearest
upsampling and concatenation, so any OpenCV build runs it.
"""

from __future__ import annotations

import torch
from torch import nn

OUTPUT_STRIDE = 2


def _block(cin: int, cout: int, stride: int = 1) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout),
                         nn.ReLU(inplace=True))


class PageNet(nn.Module):
    def __init__(self, widths: tuple[int, ...] = (16, 32, 48, 64)) -> None:
        super().__init__()
        w0, w1, w2, w3 = widths
        self.stem = nn.Sequential(_block(3, 12, 2), _block(12, w0))          # 80×48
        self.down1 = nn.Sequential(nn.MaxPool2d(2), _block(w0, w1), _block(w1, w1))  # 40×24
        self.down2 = nn.Sequential(nn.MaxPool2d(2), _block(w1, w2), _block(w2, w2))  # 20×12
        self.down3 = nn.Sequential(nn.MaxPool2d(2), _block(w2, w3), _block(w3, w3))  # 10×6
        self.up2 = _block(w3 + w2, w2)
        self.up1 = _block(w2 + w1, w1)
        self.up0 = _block(w1 + w0, w0)
        self.head = nn.Conv2d(w0, 1, 1)
        self.upsample = nn.Upsample(scale_factor=2, mode="nearest")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        s0 = self.stem(x)
        s1 = self.down1(s0)
        s2 = self.down2(s1)
        s3 = self.down3(s2)
        u2 = self.up2(torch.cat([self.upsample(s3), s2], 1))
        u1 = self.up1(torch.cat([self.upsample(u2), s1], 1))
        u0 = self.up0(torch.cat([self.upsample(u1), s0], 1))
        return self.head(u0)
