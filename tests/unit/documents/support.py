"""Helpers for the tests of printed documents and scans: pages as pictures, applications
taken through the counter flow (no Qt)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest

from counter_app.domain.business import BusinessType
from counter_app.domain.lifecycle import Status
from counter_app.domain.people import ApplicantDetails, GuardianDetails
from counter_app.services import intake, printing
from tests.helpers import GUARDIAN_ID, child_id

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


def write_photo(path: Path) -> Path:
    image = np.full((441, 358, 3), 255, np.uint8)
    cv2.ellipse(image, (179, 200), (100, 130), 0, 0, 360, (150, 180, 225), -1)
    assert cv2.imwrite(str(path), image, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return path


def child(name: str = "王䶮𠮷", first17: str = "11010520240315003") -> ApplicantDetails:
    return ApplicantDetails(
        name=name, id_number=child_id(first17), phone="13800138001",
        guardian=GuardianDetails(name="王建国", relation="父亲", id_number=GUARDIAN_ID,
                                 phone="13800138001"))


def application_at(ctx, operator, status: Status, tmp_path: Path, name: str = "王䶮𠮷",
                   first17: str = "11010520240315003"):
    """Take a child's application through the services up to ``status``; returns its id."""
    step = intake.save_applicant(ctx, operator, BusinessType.NEWBORN, child(name, first17))
    if status == Status.REJECTED:
        intake.examine(ctx, operator, step.id, passed=False, codes=["missing_material"],
                       reasons=["缺少出生医学证明原件", "监护人居民身份证已过有效期"])
        return step.id
    steps = [
        lambda: intake.record_materials(ctx, operator, step.id, {
            m.code for m in ctx.rules.materials_for(BusinessType.NEWBORN, True)}),
        lambda: intake.examine(ctx, operator, step.id, passed=True),
        lambda: intake.attach_photo_file(ctx, operator, step.id,
                                         write_photo(tmp_path / f"{step.id}.jpg")),
        lambda: intake.record_form_printed(ctx, operator, step.id,
                                           printing.render_form(ctx, operator, step.id)),
        lambda: intake.mark_signed(ctx, operator, step.id),
        lambda: intake.submit(ctx, operator, step.id),
    ]
    current = step.status
    for next_step in steps:
        if current == status:
            break
        current = next_step().status
    return step.id
