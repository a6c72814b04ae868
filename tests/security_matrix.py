"""docs/SECURITY.md's privilege matrix against a live central database: who may read,
insert, update, delete or truncate each table, which row policies fence it, and which
functions a device may call and whose rights they run with.

    python -m tests.security_matrix URL      # prints the live matrix as the doc holds it
    python -m tests.security_matrix --update # rewrites the doc's matrix from a fresh central
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import psycopg

DOC = Path(__file__).resolve().parents[1] / "docs" / "SECURITY.md"
PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE")
ROLES = ("counter", "card_centre", "engine")  # suffixes of the roles `central init` makes


def live(url: str) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """(table rows, function rows) of the database at *url*, as the doc's tables hold them."""
    with psycopg.connect(url) as conn:
        prefix = conn.execute("SELECT value FROM central_settings WHERE key = 'role_prefix'"
                              ).fetchone()[0]
        roles = [f"{prefix}_{suffix}" for suffix in ROLES]
        tables = [name for (name,) in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
            "AND tablename LIKE 'central%' ORDER BY tablename")]
        table_rows = []
        for table in tables:
            cells = [table]
            for role in roles:
                held = [p for p in PRIVILEGES if conn.execute(
                    "SELECT has_table_privilege(%s, %s, %s)", (role, table, p)).fetchone()[0]]
                if "SELECT" not in held and (columns := _readable_columns(conn, role, table)):
                    held.insert(0, f"SELECT ({' '.join(columns)})")
                cells.append(", ".join(held) or "-")
            policies = [name for (name,) in conn.execute(
                "SELECT policyname FROM pg_policies WHERE tablename = %s ORDER BY policyname",
                (table,))]
            cells.append(", ".join(policies) or "-")
            table_rows.append(tuple(cells))
        function_rows = [
            (f"{name}({args})", "yes" if device else "-",
             owner.removeprefix(prefix + "_"), "definer" if definer else "invoker")
            for name, args, device, owner, definer in conn.execute(
                "SELECT p.proname, pg_get_function_identity_arguments(p.oid), "
                "has_function_privilege(%s, p.oid, 'EXECUTE'), r.rolname, p.prosecdef "
                "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "JOIN pg_roles r ON r.oid = p.proowner "
                "WHERE n.nspname = 'public' AND p.proname LIKE 'central%%' "
                "ORDER BY p.proname", (roles[0],))]
    return table_rows, function_rows


def _readable_columns(conn, role: str, table: str) -> list[str]:
    """The columns *role* may read where it may not read the whole table."""
    return [name for (name,) in conn.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
        "AND NOT attisdropped AND has_column_privilege(%s, attrelid, attnum, 'SELECT') "
        "ORDER BY attnum", (table, role))]


def documented() -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    text = DOC.read_text(encoding="utf-8")
    return _table(text, "tables"), _table(text, "functions")


def _table(text: str, name: str) -> list[tuple[str, ...]]:
    block = re.search(rf"<!-- matrix:{name} -->(.*?)<!-- /matrix:{name} -->", text, re.S)
    assert block, f"docs/SECURITY.md has no matrix:{name} block"
    rows = []
    for line in block.group(1).strip().splitlines()[2:]:  # after the header and its rule
        rows.append(tuple(cell.strip().strip("`") for cell in line.strip().strip("|")
                          .split("|")))
    return rows


def markdown(table_rows, function_rows) -> str:
    lines = ["<!-- matrix:tables -->",
             "| table | counter (device) | card centre | engine (functions) | row policies |",
             "|---|---|---|---|---|"]
    lines += [f"| `{r[0]}` | {' | '.join(r[1:])} |" for r in table_rows]
    lines += ["<!-- /matrix:tables -->", "", "<!-- matrix:functions -->",
              "| function | a device may call | owner | runs with the rights of |",
              "|---|---|---|---|"]
    lines += [f"| `{r[0]}` | {r[1]} | {r[2]} | {r[3]} |" for r in function_rows]
    lines.append("<!-- /matrix:functions -->")
    return "\n".join(lines)


def update_doc() -> None:
    """Rewrite the doc's matrix from a freshly initialised central database."""
    from tests import pg_helpers

    url = pg_helpers.new_central()
    try:
        matrix = markdown(*live(url))
    finally:
        pg_helpers.drop_database(url)
    text = DOC.read_text(encoding="utf-8")
    DOC.write_text(re.sub(r"<!-- matrix:tables -->.*<!-- /matrix:functions -->",
                          lambda _match: matrix, text, flags=re.S), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--update"]:
        update_doc()
    else:
        print(markdown(*live(sys.argv[1])))
