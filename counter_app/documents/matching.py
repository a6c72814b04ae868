"""Does a scanned page belong to the application staff are attaching it to?"""

from __future__ import annotations

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

MSG_WRONG_APPLICATION = QT_TRANSLATE_NOOP(
    "messages", "This page belongs to application {found}, not to application {expected}. "
                "Attach it to its own application, or scan the right page.")


class WrongApplication(CounterError):
    """The page's QR code names another application."""

    code = "scan_wrong_application"

    def __init__(self, found: str, expected: str) -> None:
        self.found, self.expected = found, expected
        super().__init__(MSG_WRONG_APPLICATION, found=found, expected=expected)


def check_page_belongs_to(page_number: str, application_number: str) -> None:
    """WrongApplication unless the number read from the page is the application's."""
    if page_number.strip() != application_number.strip():
        raise WrongApplication(found=page_number, expected=application_number)
