"""Check results: each with its measured value, the limit, the outcome and its words.

The words are English templates marked for translation (context "messages"); the Qt
layer shows them in Chinese. A check that cannot be measured because an earlier one
failed (no face, so no eyes) is skipped rather than failed, so a photo fails for the
reason that matters. CHECKS lists every check in order of importance: the first failing
check gives the single hint the operator sees.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from counter_app.domain.errors import QT_TRANSLATE_NOOP


class Outcome(enum.StrEnum):
    PASS = "pass"
    FAIL = "fail"
    SKIP = "skip"


@dataclass(frozen=True)
class CheckText:
    title: str
    template: str          # formatted with measured, low, high
    hint_low: str = ""     # the fix when the value is below the limit (or absent)
    hint_high: str = ""    # the fix when it is above
    display: str = "{:.0f}"  # one value with its unit, for tables (numbers need no words)


CHECKS: dict[str, CheckText] = {
    "face_count": CheckText(
        QT_TRANSLATE_NOOP("messages", "One face"),
        QT_TRANSLATE_NOOP("messages", "Faces found: {measured:.0f}; exactly one is needed."),
        hint_low=QT_TRANSLATE_NOOP("messages", "No face found: look into the camera"),
        hint_high=QT_TRANSLATE_NOOP("messages", "Only the applicant may be in the picture")),
    "face_resolution": CheckText(
        QT_TRANSLATE_NOOP("messages", "Face large enough"),
        QT_TRANSLATE_NOOP(
            "messages",
            "The face is {measured:.0f} px wide in the capture; at least {low:.0f} px are needed."),
        hint_low=QT_TRANSLATE_NOOP("messages", "Move closer"),
        display="{:.0f} px"),
    "face_width": CheckText(
        QT_TRANSLATE_NOOP("messages", "Face width"),
        QT_TRANSLATE_NOOP(
            "messages",
            "Face width in the photo {measured:.0f} px; {low:.0f} to {high:.0f} px are needed."),
        hint_low=QT_TRANSLATE_NOOP("messages", "Move closer"),
        hint_high=QT_TRANSLATE_NOOP("messages", "Move back"),
        display="{:.0f} px"),
    "head_top": CheckText(
        QT_TRANSLATE_NOOP("messages", "Top of the head"),
        QT_TRANSLATE_NOOP(
            "messages",
            "Top of the head {measured:.0f} px below the top edge; {low:.0f} to {high:.0f} px "
            "are needed."),
        hint_low=QT_TRANSLATE_NOOP("messages", "Head too high in the picture"),
        hint_high=QT_TRANSLATE_NOOP("messages", "Head too low in the picture"),
        display="{:.0f} px"),
    "face_centre": CheckText(
        QT_TRANSLATE_NOOP("messages", "Face centred"),
        QT_TRANSLATE_NOOP(
            "messages",
            "The face is {measured:+.0f} px from the middle; {low:+.0f} to {high:+.0f} px are "
            "allowed."),
        hint_low=QT_TRANSLATE_NOOP("messages", "Face too far left in the picture"),
        hint_high=QT_TRANSLATE_NOOP("messages", "Face too far right in the picture"),
        display="{:+.0f} px"),
    "eye_line": CheckText(
        QT_TRANSLATE_NOOP("messages", "Eye line"),
        QT_TRANSLATE_NOOP(
            "messages",
            "Eye line {measured:.0f} px above the bottom edge; at least {low:.0f} px are needed."),
        hint_low=QT_TRANSLATE_NOOP("messages", "Eyes too low in the picture"),
        display="{:.0f} px"),
    "eyes": CheckText(
        QT_TRANSLATE_NOOP("messages", "Eyes open"),
        QT_TRANSLATE_NOOP("messages", "{measured:.0f} of 2 eyes found."),
        hint_low=QT_TRANSLATE_NOOP("messages", "Open the eyes and look into the camera")),
    "roll": CheckText(
        QT_TRANSLATE_NOOP("messages", "Head level"),
        QT_TRANSLATE_NOOP(
            "messages",
            "The head is tilted {measured:+.1f}°; {low:+.0f}° to {high:+.0f}° are allowed."),
        hint_low=QT_TRANSLATE_NOOP("messages", "Hold the head straight"),
        hint_high=QT_TRANSLATE_NOOP("messages", "Hold the head straight"),
        display="{:+.1f}°"),
    "yaw": CheckText(
        QT_TRANSLATE_NOOP("messages", "Facing the camera"),
        QT_TRANSLATE_NOOP(
            "messages",
            "The head is turned about {measured:+.0f}°; {low:+.0f}° to {high:+.0f}° are allowed."),
        hint_low=QT_TRANSLATE_NOOP("messages", "Look straight into the camera"),
        hint_high=QT_TRANSLATE_NOOP("messages", "Look straight into the camera"),
        display="{:+.0f}°"),
    "under_exposure": CheckText(
        QT_TRANSLATE_NOOP("messages", "Not too dark"),
        QT_TRANSLATE_NOOP(
            "messages",
            "{measured:.0%} of the face is too dark; at most {high:.0%} is allowed."),
        hint_high=QT_TRANSLATE_NOOP("messages", "Too dark: more light on the face"),
        display="{:.0%}"),
    "over_exposure": CheckText(
        QT_TRANSLATE_NOOP("messages", "Not too bright"),
        QT_TRANSLATE_NOOP(
            "messages",
            "{measured:.0%} of the face is over-exposed; at most {high:.0%} is allowed."),
        hint_high=QT_TRANSLATE_NOOP("messages", "Too bright: less light on the face"),
        display="{:.0%}"),
    "even_light": CheckText(
        QT_TRANSLATE_NOOP("messages", "Even lighting"),
        QT_TRANSLATE_NOOP(
            "messages",
            "One side of the face is {measured:.0%} darker; at most {high:.0%} is allowed."),
        hint_high=QT_TRANSLATE_NOOP("messages", "Light both sides of the face evenly"),
        display="{:.0%}"),
    "sharpness": CheckText(
        QT_TRANSLATE_NOOP("messages", "Sharp"),
        QT_TRANSLATE_NOOP("messages", "Sharpness {measured:.0f}; at least {low:.0f} is needed."),
        hint_low=QT_TRANSLATE_NOOP("messages", "Blurred: hold still and focus")),
    "natural_colour": CheckText(
        QT_TRANSLATE_NOOP("messages", "Colour photo"),
        QT_TRANSLATE_NOOP(
            "messages",
            "Face colour {measured:.1f}; at least {low:.1f} is needed (black and white is not "
            "accepted)."),
        hint_low=QT_TRANSLATE_NOOP("messages", "Use a colour picture"),
        display="{:.1f}"),
    "background_white": CheckText(
        QT_TRANSLATE_NOOP("messages", "White background"),
        QT_TRANSLATE_NOOP(
            "messages",
            "Background brightness {measured:.0f}; at least {low:.0f} is needed."),
        hint_low=QT_TRANSLATE_NOOP("messages", "The background is not white")),
    "background_even": CheckText(
        QT_TRANSLATE_NOOP("messages", "Even background"),
        QT_TRANSLATE_NOOP(
            "messages",
            "Background variation {measured:.0f}; at most {high:.0f} is allowed."),
        hint_high=QT_TRANSLATE_NOOP("messages", "Remove shadows and objects from the background")),
    "colour_cast": CheckText(
        QT_TRANSLATE_NOOP("messages", "No colour cast"),
        QT_TRANSLATE_NOOP(
            "messages",
            "Colour cast of the background {measured:.1f}; at most {high:.1f} is allowed."),
        hint_high=QT_TRANSLATE_NOOP("messages", "Colour cast: check the white balance"),
        display="{:.1f}"),
    "file_size": CheckText(
        QT_TRANSLATE_NOOP("messages", "File size"),
        QT_TRANSLATE_NOOP(
            "messages",
            "File size {measured:.1f} KB; {low:.0f} to {high:.0f} KB are needed."),
        display="{:.1f} KB"),
    "dimensions": CheckText(
        QT_TRANSLATE_NOOP("messages", "Photo size"),
        QT_TRANSLATE_NOOP("messages", "The photo is {measured} px; {low} px are needed."),
        display="{} px"),
}

# Checks that finishing cannot do without: without exactly one face there is nothing to
# cut the photo around, so no override can let such a capture through.
BLOCKING = frozenset({"face_count"})
# Only measurable on the finished file: the live check leaves them out.
FINISHED_ONLY = ("file_size", "dimensions")


@dataclass(frozen=True)
class CheckResult:
    name: str
    outcome: Outcome
    measured: float | str | None = None
    low: float | str | None = None
    high: float | str | None = None
    hint: str = ""
    params: dict = field(default_factory=dict, compare=False)

    @property
    def passed(self) -> bool:
        return self.outcome != Outcome.FAIL

    @property
    def title(self) -> str:
        return CHECKS[self.name].title

    @property
    def template(self) -> str:
        return "" if self.outcome == Outcome.SKIP else CHECKS[self.name].template

    def message(self) -> str:
        """The English message (the Qt layer translates `template` instead)."""
        return self.template.format(**self.params)

    def value_text(self) -> str:
        return "" if self.measured is None else self._shown(self.measured)

    def limit_text(self) -> str:
        low, high = self.low, self.high
        if low is None and high is None:
            return ""
        if isinstance(low, str) or low == high:
            return self._shown(low)
        if low is not None and high is not None:
            if low == -high:
                return "±" + self._shown(high).lstrip("+")
            shown_low, shown_high = self._shown(low), self._shown(high)
            number, _, unit = shown_low.partition(" ")
            if unit and shown_high.endswith(" " + unit):  # 193–221 px, not 193 px – 221 px
                shown_low = number
            return f"{shown_low}–{shown_high}"
        return f"≥ {self._shown(low)}" if low is not None else f"≤ {self._shown(high)}"

    def _shown(self, value: float | str) -> str:
        return CHECKS[self.name].display.format(value)


def within(name: str, measured: float, low: float | None = None,
           high: float | None = None) -> CheckResult:
    """Pass when low <= measured <= high (a missing bound is no bound)."""
    text = CHECKS[name]
    if low is not None and measured < low:
        outcome, hint = Outcome.FAIL, text.hint_low
    elif high is not None and measured > high:
        outcome, hint = Outcome.FAIL, text.hint_high
    else:
        outcome, hint = Outcome.PASS, ""
    return CheckResult(name, outcome, measured, low, high, hint,
                       {"measured": measured, "low": low, "high": high})


def equals(name: str, measured: str, wanted: str) -> CheckResult:
    outcome = Outcome.PASS if measured == wanted else Outcome.FAIL
    return CheckResult(name, outcome, measured, wanted, wanted, "",
                       {"measured": measured, "low": wanted, "high": wanted})


def skipped(name: str) -> CheckResult:
    return CheckResult(name, Outcome.SKIP)


def first_hint(results: list[CheckResult] | tuple[CheckResult, ...]) -> str:
    """The fix that matters most: the hint of the first failing check, in CHECKS order."""
    order = list(CHECKS)
    failing = sorted((r for r in results if r.outcome == Outcome.FAIL and r.hint),
                     key=lambda r: order.index(r.name))
    return failing[0].hint if failing else ""
