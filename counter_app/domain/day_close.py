"""Why an open item may stay open when a supervisor closes the day: the reason codes of the
rules' `[day_close.reasons]` (resources/rules/*.toml), parsed here and checked by
domain/business.py like the other sections, a mistake named with its line.

A reason is `code = "words printed"`, or a table with the words (`label`), two flags and
the kinds of open item it fits: `continues = true` when the application may still be
continued on a later day (the applicant comes back to sign: its records stay open after
the close), `needs_note = true` when the supervisor must add a note (the reason "other"),
`kinds = ["unsent", "refused"]` the open items it may be given to (the kinds of
counter_app.services.worklists; without it, every kind), so that e.g. "network down" is
never given to a draft, which it would lock. Without the section the built-in reasons
below apply.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from counter_app.domain.cards import RuleValueError, checked_section

REASON_CODE = re.compile(r"[a-z][a-z0-9_]{0,39}")  # stored in a 40-character column
_KEYS = {"reasons"}
_REASON_KEYS = {"label", "continues", "needs_note", "kinds"}
# The kinds of open item (counter_app.services.worklists.WorkKind's values, in its order).
ITEM_KINDS = ("review", "unsent", "refused", "unsigned", "old_drafts", "returned")


@dataclass(frozen=True)
class CloseReason:
    code: str
    label: str                     # the words printed (Chinese)
    continues: bool = False        # the application may be continued on a later day
    needs_note: bool = False       # the supervisor must add a note
    kinds: tuple[str, ...] = ()    # the kinds of open item it fits; () for every kind

    def fits(self, kind: str) -> bool:
        """May this reason be given to an open item of *kind* (a WorkKind value)?"""
        return not self.kinds or str(kind) in self.kinds


_AT_THE_COUNTER = ("review", "returned", "unsigned", "old_drafts")
DEFAULT_REASONS = (
    CloseReason("applicant_returns", "申请人另日回来补签或补材料", continues=True,
                kinds=("returned", "unsigned", "old_drafts")),
    CloseReason("review_next_day", "主管次日审核", continues=True, kinds=("review",)),
    CloseReason("correction_next_day", "经办人另日更正后重新初审", continues=True,
                kinds=("returned",)),
    CloseReason("network_down", "网络中断，恢复后自动上传", kinds=("unsent",)),
    CloseReason("refusal_followed_up", "中心退回，已联系申请人处理", continues=True,
                kinds=("refused",)),
    CloseReason("applicant_gave_up", "申请人放弃办理，另日撤回", continues=True,
                kinds=_AT_THE_COUNTER),
    CloseReason("other", "其他原因（见备注）", needs_note=True),
)


@dataclass(frozen=True)
class DayCloseRules:
    reasons: Mapping[str, CloseReason] = field(
        default_factory=lambda: {r.code: r for r in DEFAULT_REASONS})

    def reason(self, code: str) -> CloseReason | None:
        return self.reasons.get(code)


def parse_day_close_rules(section: object) -> DayCloseRules:
    """The `[day_close]` section; RuleValueError naming the key at fault."""
    section = checked_section(section, "day_close", _KEYS)
    if "reasons" not in section:
        return DayCloseRules()
    table = section["reasons"]
    if not isinstance(table, dict) or not table:
        raise RuleValueError("reasons", "[day_close.reasons] must list at least one reason")
    return DayCloseRules({code: _reason(code, entry) for code, entry in table.items()})


def _reason(code: str, entry: object) -> CloseReason:
    if not REASON_CODE.fullmatch(code):
        raise RuleValueError(code, f"[day_close.reasons] {code!r}: a code is lower-case "
                                   "letters, digits and _ (at most 40)")
    if isinstance(entry, str):
        entry = {"label": entry}
    if not isinstance(entry, dict):
        raise RuleValueError(code, f"[day_close.reasons] {code!r} needs the words to print")
    unknown = sorted(set(entry) - _REASON_KEYS)
    if unknown:
        raise RuleValueError(code, f"[day_close.reasons] {code!r}: unknown key {unknown[0]!r}")
    label = entry.get("label")
    if not isinstance(label, str) or not label.strip():
        raise RuleValueError(code, f"[day_close.reasons] {code!r} needs the words to print")
    flags = {key: entry.get(key, False) for key in ("continues", "needs_note")}
    for key, value in flags.items():
        if not isinstance(value, bool):
            raise RuleValueError(code, f"[day_close.reasons] {code!r}: {key} must be true "
                                       f"or false, not {value!r}")
    return CloseReason(code, label.strip(), **flags, kinds=_kinds(code, entry))


def _kinds(code: str, entry: dict) -> tuple[str, ...]:
    """The reason's `kinds`: a non-empty list of known kinds; () when absent (every kind)."""
    if "kinds" not in entry:
        return ()
    kinds = entry["kinds"]
    if (not isinstance(kinds, list) or not kinds
            or not all(isinstance(kind, str) for kind in kinds)):
        raise RuleValueError(code, f"[day_close.reasons] {code!r}: kinds must be a list of "
                                   f"kinds of open item, not {kinds!r}")
    unknown = [kind for kind in kinds if kind not in ITEM_KINDS]
    if unknown:
        raise RuleValueError(code, f"[day_close.reasons] {code!r}: unknown kind "
                                   f"{unknown[0]!r} (one of {', '.join(ITEM_KINDS)})")
    return tuple(dict.fromkeys(kinds))
