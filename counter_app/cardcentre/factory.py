"""The card factory's result file: one line per card, all applied or none.

Columns (Chinese or English headers; the template is production.RESULT_HEADER):
application number, card number, bank, result (produced / failed), reason (for a failed
card), and optionally the date the card was made. Every line is checked first, against
the file itself and against the central database, with the applications locked; each
problem is reported with its line number, in words. One bad line and nothing is applied.
Otherwise every line is applied in the same transaction: produced cards get their number,
bank and date; failed ones their reason.

The file is CSV (UTF-8 or GB18030, as Excel in China saves it) or xlsx.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Connection

from counter_app.batches.spreadsheet import header_positions, read_table
from counter_app.cardcentre.production import card_holders
from counter_app.central.schema import applications
from counter_app.central.transitions import Move, Who, move
from counter_app.domain.cards import MSG_CARD_NUMBER, compact_card_number, is_card_number
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.domain.lifecycle import Status

MSG_COLUMNS = QT_TRANSLATE_NOOP(
    "messages", "The result file lacks the columns: {columns}. The first line must name "
                "the columns (see the template).")
MSG_CANNOT_OPEN = QT_TRANSLATE_NOOP(
    "messages", "The file {file} cannot be opened ({problem}).")
MSG_NO_LINES = QT_TRANSLATE_NOOP("messages", "The result file has no lines of cards.")

# What can be wrong with one line (shown with its line number).
LINE_NO_NUMBER = QT_TRANSLATE_NOOP("messages", "The application number is missing.")
LINE_UNKNOWN = QT_TRANSLATE_NOOP("messages", "No application has the number {number}.")
LINE_AMBIGUOUS = QT_TRANSLATE_NOOP(
    "messages", "More than one application has the number {number}.")
LINE_SAME_APPLICATION = QT_TRANSLATE_NOOP(
    "messages", "Application {number} is also on line {other}.")
LINE_SAME_CARD = QT_TRANSLATE_NOOP("messages", "Card number {card} is also on line {other}.")
LINE_CARD_TAKEN = QT_TRANSLATE_NOOP(
    "messages", "Card number {card} already belongs to application {number}.")
LINE_WITHDRAWN = QT_TRANSLATE_NOOP(
    "messages", "Application {number} was withdrawn; no card is to be made for it.")
LINE_NOT_IN_PRODUCTION = QT_TRANSLATE_NOOP(
    "messages", "Application {number} is not in production (its status is \"{status}\").")
LINE_BAD_RESULT = QT_TRANSLATE_NOOP(
    "messages", "The result \"{value}\" is neither produced nor failed.")
LINE_NO_CARD = QT_TRANSLATE_NOOP("messages", "A produced card needs its card number.")
LINE_NO_REASON = QT_TRANSLATE_NOOP("messages", "A failed card needs the reason.")
LINE_BAD_DATE = QT_TRANSLATE_NOOP(
    "messages", "The date \"{value}\" is not a date (YYYY-MM-DD).")

PRODUCED, FAILED = "produced", "failed"
RESULTS = {
    PRODUCED: ("produced", "ok", "success", "成功", "制卡成功", "已制卡", "已制成"),
    FAILED: ("failed", "fail", "error", "失败", "制卡失败", "未制成"),
}
# column key -> accepted header texts (the template's first)
COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("申请编号", "申请号", "application_number", "application", "number"),
    "card_number": ("社会保障卡号", "社保卡号", "卡号", "card_number", "card"),
    "bank": ("发卡银行", "银行", "bank"),
    "result": ("制卡结果", "结果", "result"),
    "reason": ("失败原因", "原因", "reason"),
    "issued_on": ("制卡日期", "发卡日期", "issued_on", "date"),
}
REQUIRED = ("number", "card_number", "result")


class FactoryFileError(CounterError):
    """The file cannot be read as a result file at all (nothing per line to report)."""
    code = "factory_file"


@dataclass(frozen=True)
class Line:
    number: int                  # as staff see it in the file (the header is line 1)
    application_number: str
    card_number: str
    bank: str
    result: str                  # as written
    reason: str
    issued_on: str = ""


@dataclass(frozen=True)
class Problem:
    line: int
    template: str
    params: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.template.format(**self.params)


@dataclass(frozen=True)
class ImportReport:
    lines: int
    problems: tuple[Problem, ...] = ()
    produced: int = 0
    failed: int = 0

    @property
    def applied(self) -> bool:
        return not self.problems


def read_lines(path: Path) -> list[Line]:
    """The file's lines of cards; FactoryFileError when it is no result file."""
    try:
        table = read_table(path)
    except OSError as exc:
        raise FactoryFileError(MSG_CANNOT_OPEN, file=Path(path).name,
                               problem=exc.strerror or type(exc).__name__) from exc
    except CounterError as exc:
        raise FactoryFileError(exc.template, **exc.params) from exc
    if not table or not any(table[0]):
        raise FactoryFileError(MSG_NO_LINES)
    positions = _positions(table[0])
    lines = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue

        def cell(key: str) -> str:
            index = positions.get(key)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        lines.append(Line(number, cell("number"), compact_card_number(cell("card_number")),
                          cell("bank"), cell("result"), cell("reason"), cell("issued_on")))
    if not lines:
        raise FactoryFileError(MSG_NO_LINES)
    return lines


def _positions(header: list[str]) -> dict[str, int]:
    positions, missing = header_positions(header, COLUMNS, REQUIRED)
    if missing:
        raise FactoryFileError(MSG_COLUMNS, columns="、".join(missing))
    return positions


def result_of(value: str) -> str | None:
    value = value.strip().lower()
    for result, names in RESULTS.items():
        if value in names:
            return result
    return None


@dataclass(frozen=True)
class _Target:
    site_id: uuid.UUID
    id: uuid.UUID
    status: str


def import_lines(connection: Connection, lines: list[Line], who: Who, now: dt.datetime
                 ) -> ImportReport:
    """Check every line; apply them all in *connection*'s transaction, or none.

    On problems nothing is written (the caller's transaction may still commit: it holds
    no change)."""
    problems: list[Problem] = []
    targets = _targets(connection, {line.application_number for line in lines
                                    if line.application_number})
    holders = card_holders(connection, sorted({line.card_number for line in lines
                                               if line.card_number}))
    seen_numbers: dict[str, int] = {}
    seen_cards: dict[str, int] = {}
    moves: list[Move] = []
    for line in lines:
        found = _check_line(line, targets, holders, seen_numbers, seen_cards)
        if isinstance(found, Move):
            moves.append(found)
        else:
            problems.extend(Problem(line.number, template, params)
                            for template, params in found)
    if problems:
        return ImportReport(len(lines), tuple(sorted(problems, key=lambda p: p.line)))
    stamped = [Move(m.site_id, m.application_id, m.target, m.reason,
                    {**m.card, "issued_on": m.card.get("issued_on") or now.date()}
                    if m.target is Status.PRODUCED else m.card) for m in moves]
    results = move(connection, stamped, who, now)
    refused = [r for r in results if not r.ok]
    if refused:  # cannot happen with the rows locked; never apply half a file
        raise RuntimeError(f"{len(refused)} moves refused after the checks passed")
    produced = sum(1 for m in stamped if m.target is Status.PRODUCED)
    return ImportReport(len(lines), (), produced, len(stamped) - produced)


def _targets(connection: Connection, numbers: set[str]) -> dict[str, list[_Target]]:
    """The applications named in the file, locked until the transaction ends."""
    found: dict[str, list[_Target]] = {}
    ordered = sorted(numbers)
    for start in range(0, len(ordered), 1000):
        rows = connection.execute(
            select(applications.c.number, applications.c.site_id, applications.c.id,
                   applications.c.status)
            .where(applications.c.number.in_(ordered[start:start + 1000]))
            .with_for_update())
        for row in rows:
            found.setdefault(row.number, []).append(_Target(row.site_id, row.id, row.status))
    return found


def _check_line(line: Line, targets, holders, seen_numbers, seen_cards
                ) -> Move | list[tuple[str, dict]]:
    problems: list[tuple[str, dict]] = []
    number, card = line.application_number, line.card_number
    target = None
    if not number:
        problems.append((LINE_NO_NUMBER, {}))
    elif number in seen_numbers:
        problems.append((LINE_SAME_APPLICATION, {"number": number,
                                                 "other": seen_numbers[number]}))
    else:
        seen_numbers[number] = line.number
        candidates = targets.get(number, [])
        if not candidates:
            problems.append((LINE_UNKNOWN, {"number": number}))
        elif len(candidates) > 1:
            problems.append((LINE_AMBIGUOUS, {"number": number}))
        else:
            target = candidates[0]
            if target.status == Status.WITHDRAWN:
                problems.append((LINE_WITHDRAWN, {"number": number}))
            elif target.status != Status.IN_PRODUCTION:
                problems.append((LINE_NOT_IN_PRODUCTION, {"number": number,
                                                          "status": target.status}))
    result = result_of(line.result)
    if result is None:
        problems.append((LINE_BAD_RESULT, {"value": line.result}))
    if card:
        if not is_card_number(card):
            problems.append((MSG_CARD_NUMBER, {}))
        elif card in seen_cards:
            problems.append((LINE_SAME_CARD, {"card": card, "other": seen_cards[card]}))
        else:
            seen_cards[card] = line.number
            holder = holders.get(card)
            if holder is not None and (target is None or (holder[0], holder[1])
                                       != (target.site_id, target.id)):
                problems.append((LINE_CARD_TAKEN, {"card": card, "number": holder[2]}))
    elif result == PRODUCED:
        problems.append((LINE_NO_CARD, {}))
    if result == FAILED and not line.reason:
        problems.append((LINE_NO_REASON, {}))
    issued = None
    if line.issued_on:
        try:
            issued = dt.date.fromisoformat(line.issued_on.replace("/", "-")[:10])
        except ValueError:
            problems.append((LINE_BAD_DATE, {"value": line.issued_on}))
    if problems or target is None:
        return problems
    if result == PRODUCED:
        return Move(target.site_id, target.id, Status.PRODUCED, "",
                    {"card_number": card, "bank": line.bank[:50], "issued_on": issued})
    return Move(target.site_id, target.id, Status.PRODUCTION_FAILED, line.reason)
