"""Pinyin proposed from a Chinese name (pypinyin), for staff to check and edit.

Surnames read differently from the same character elsewhere (单 shàn, 曾 zēng…), and a
few are two characters; both are handled here because pypinyin reads words, not names.
"""

from __future__ import annotations

from dataclasses import dataclass

COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
    "司徒", "夏侯", "令狐", "端木", "澹台", "轩辕", "西门", "南宫", "独孤"})
SURNAME_READINGS = {"单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "朴": "piao",
                    "区": "ou", "查": "zha", "覃": "qin", "尉": "yu", "乐": "yue", "盖": "ge",
                    "缪": "miao", "秘": "bi", "召": "shao", "种": "chong", "繁": "po"}


@dataclass(frozen=True)
class PinyinProposal:
    text: str        # e.g. "WANG YAN", "OUYANG NANA"
    complete: bool   # False when a character has no known reading (e.g. 𠮷): staff must add it


def propose_pinyin(name: str) -> PinyinProposal:
    from pypinyin import Style, lazy_pinyin  # a large dictionary: load on first use

    name = "".join(name.split())
    if not name:
        return PinyinProposal("", True)
    unknown: list[str] = []

    def read(text: str) -> str:
        syllables = lazy_pinyin(text, style=Style.NORMAL,
                                errors=lambda chars: unknown.extend(chars) or [])
        return "".join(syllables)

    if "·" in name:  # transliterated names (阿依古丽·买买提): one word per part
        parts = [read(part) for part in name.split("·")]
    else:
        cut = 2 if name[:2] in COMPOUND_SURNAMES else 1
        surname = SURNAME_READINGS.get(name[0]) if cut == 1 else None
        parts = [surname or read(name[:cut]), read(name[cut:])]
    text = " ".join(part for part in parts if part).upper()
    return PinyinProposal(text, complete=not unknown)
