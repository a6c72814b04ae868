"""Helpers for the tests of printed documents and scans: pages as pictures, applications
taken through the counter flow (no Qt)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest

from counter_app.domain.lifecycle import Status
from counter_app.domain.people import ApplicantDetails
from tests.helpers import application_at as shared_application_at
from tests.helpers import child_details

POPPLER = all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdftoppm", "pdfinfo"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="needs poppler-utils")
needs_zbar = pytest.mark.skipif(not shutil.which("zbarimg"), reason="needs zbar-tools")


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def page_image(pdf: Path, page: int = 1, dpi: int = 200) -> np.ndarray:
    """One page rendered by poppler, grey-scale."""
    stem = pdf.with_name(f"{pdf.stem}-p{page}-{dpi}")
    run("pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(page), "-l", str(page),
        "-singlefile", str(pdf), str(stem))
    return cv2.imread(f"{stem}.png", cv2.IMREAD_GRAYSCALE)


def as_scan(page: np.ndarray, angle: float = 0.0, noise: float = 0.0, seed: int = 5,
            quality: int = 75) -> bytes:
    """The page as a scanner or a document camera gives it: turned, noisy, JPEG."""
    h, w = page.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    turned = cv2.warpAffine(page, turn, (w, h), borderValue=255, flags=cv2.INTER_LINEAR)
    noisy = turned.astype(np.float32) + np.random.default_rng(seed).normal(0, noise, turned.shape)
    ok, encoded = cv2.imencode(".jpg", np.clip(noisy, 0, 255).astype(np.uint8),
                               [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return encoded.tobytes()


def child(name: str = "王䶮𠮷", first17: str = "11010520240315003") -> ApplicantDetails:
    return child_details(name, first17)


def application_at(ctx, operator, status: Status, tmp_path: Path, name: str = "王䶮𠮷",
                   first17: str = "11010520240315003"):
    """As tests.helpers.application_at, with a name holding an Extension B character."""
    return shared_application_at(ctx, operator, status, tmp_path, name, first17)
