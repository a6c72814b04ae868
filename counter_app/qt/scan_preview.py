"""Show a straightened scan with what is wrong with it; staff accept it or retake it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QWidget

from counter_app.documents.rectify import Rectified
from counter_app.qt.uiload import load_ui

RETAKE = 2  # dialog result besides Accepted (1) and Rejected (0)


class ScanPreviewDialog(QDialog):
    def __init__(self, material_label: str, scan: Rectified,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = load_ui(self, "scan_preview.ui")
        self.ui.material_label.setText(material_label)
        self.ui.image_label.setPixmap(_pixmap(scan).scaled(
            640, 420, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))
        self.ui.quality_label.setText(self._verdict(scan))
        self.ui.quality_label.setStyleSheet(
            "color: #1e7b34;" if scan.acceptable else "color: #c0392b;")
        self.ui.accept_button.clicked.connect(self.accept)
        self.ui.retake_button.clicked.connect(lambda: self.done(RETAKE))

    def _verdict(self, scan: Rectified) -> str:
        from PySide6.QtCore import QCoreApplication
        if scan.acceptable:
            return self.tr("The scan is sharp and readable.")
        return "\n".join(QCoreApplication.translate("messages", problem)
                         for problem in scan.problems)


def _pixmap(scan: Rectified) -> QPixmap:
    rgb = scan.image[:, :, ::-1].copy()  # OpenCV is BGR
    height, width = rgb.shape[:2]
    image = QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(image.copy())  # copy: the numpy buffer goes away
