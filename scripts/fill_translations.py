"""Fill unfinished entries of the Chinese catalogue from "source<TAB>translation" lines.

Usage: .venv/bin/python scripts/fill_translations.py < pairs.tsv
Entries not listed stay unfinished (and tests/qt/test_language.py says which).
"""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[1] / "resources/translations/counter_zh_CN.ts"


def main() -> int:
    pairs = dict(line.rstrip("\n").split("\t", 1) for line in sys.stdin if "\t" in line)
    tree = ET.parse(CATALOGUE)
    filled = 0
    for message in tree.iter("message"):
        translation = message.find("translation")
        source = message.findtext("source")
        if translation.get("type") == "unfinished" and source in pairs:
            translation.text = pairs[source]
            del translation.attrib["type"]
            filled += 1
    tree.write(CATALOGUE, encoding="utf-8", xml_declaration=True)
    print(f"filled {filled} of {len(pairs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
