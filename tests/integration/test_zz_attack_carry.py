from __future__ import annotations

import dataclasses, json, struct, threading, traceback

import psycopg
import pytest

from counter_app.central import admin as central_admin, credentials
from counter_app.central.carried import (MAGIC, CarryError, CarriedPackage, read_header, seal)
from counter_app.services import carrying, syncing
from counter_app.services.context import open_context
from counter_app.services.enrolment import enrol
from counter_app.sync import carry
from tests.sync_helpers import payloads, queue

pytestmark = pytest.mark.postgres


@pytest.fixture
def carry_key(central, tmp_path):
    path = tmp_path / "admin" / "carry.key"
    path.parent.mkdir()
    carrying.make_carry_key(central, path)
    return path


def _craft(ctx, tmp_path, name, mutate=None, export_id="c" * 32, raw_package=None):
    collected = carry.collect(ctx.sessions, ctx.files, "x")
    if mutate:
        mutate(collected.package)
    enr = credentials.load(ctx.files)
    key = carry.device_key(ctx.files)
    pkg = collected.package
    header = carry.header_for(collected, export_id, enr.device_id, enr.site_code,
                              "2026-12-07T00:00:00", carry.device_key_id(key))
    data = seal(pkg, header, carry.central_key(ctx.sessions), key)
    (tmp_path / name).write_bytes(data)
    return tmp_path / name


def _counts(url):
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT (SELECT count(*) FROM central_applied_operations),"
                            " (SELECT count(*) FROM central_carried_imports)").fetchone()


def _try(fn):
    try:
        fn()
    except CarryError as exc:
        return f"CarryError: {exc}"
    except BaseException as exc:
        return f"UNCAUGHT {type(exc).__name__}: {str(exc)[:300]}"
    return "ok"


def test_header_recursion(central, carry_key, tmp_path):
    head = b"[" * 60000
    f = tmp_path / "h.carry"
    f.write_bytes(MAGIC + struct.pack(">I", len(head)) + head + struct.pack(">Q", 0) + b"x" * 64)
    print("HEADER NESTED:", _try(lambda: carrying.central_import(central, f, carry_key, tmp_path / "r")))


def test_signed_crafted(ctx, admin, central, carry_key, tmp_path):
    syncing.sync_now(ctx)
    queue(ctx, payloads(2, "SC001", "X"), photo_bytes=1000)
    cases = {
        "nested_payload": lambda p: p.operations[0].__setitem__("payload", "[" * 100000 + "]" * 100000),
        "inf_upto": lambda p: setattr(p, "audit_upto", float("inf")),
        "nan_payload": lambda p: p.operations[0].__setitem__("payload", '{"x": NaN}'),
        "huge_seq": lambda p: p.operations[-1].__setitem__("seq", 2**70),
        "neg_seq": lambda p: p.operations[-1].__setitem__("seq", -5),
        "bad_audit": lambda p: p.audit.append({"records": [], "ranges": [], "head": "zz"}),
        "dup_seq": lambda p: p.operations.append({**p.operations[0], "op_id": "00000000-0000-0000-0000-000000000001"}),
    }
    for i, (name, mutate) in enumerate(cases.items()):
        before = _counts(central)
        f = _craft(ctx, tmp_path, name + ".carry", mutate, export_id=f"{i:032x}")
        print(name, "->", _try(lambda: carrying.central_import(central, f, carry_key, tmp_path / (name + ".r"))),
              "counts", before, "->", _counts(central))


def test_export_id_squatting(ctx, admin, central, carry_key, settings, tmp_path):
    syncing.sync_now(ctx)
    queue(ctx, payloads(2, "SC001", "V"), photo_bytes=1000)
    victim = tmp_path / "victim.carry"
    carrying.export_outbox(ctx, admin, victim)
    victim_export = read_header(victim.read_bytes(), "v").header.export_id
    # a counter of another site
    central_admin.add_site(central, "SC002", "other")
    root = tmp_path / "b"
    ctx_b = open_context(dataclasses.replace(settings, data_dir=root / "data", config_dir=root / "config"))
    enrol(ctx_b, central_admin.add_device(central, "SC002", "B").code())
    syncing.sync_now(ctx_b)
    queue(ctx_b, payloads(1, "SC002", "W"))
    squat = _craft(ctx_b, tmp_path, "squat.carry", export_id=victim_export)
    print("SQUAT:", _try(lambda: carrying.central_import(central, squat, carry_key, tmp_path / "s.r")))
    print("VICTIM:", _try(lambda: carrying.central_import(central, victim, carry_key, tmp_path / "v.r")))


def test_concurrent_imports(ctx, admin, central, carry_key, tmp_path):
    syncing.sync_now(ctx)
    queue(ctx, payloads(30, "SC001", "C"), photo_bytes=20000)
    f = tmp_path / "c.carry"
    carrying.export_outbox(ctx, admin, f)
    out = {}
    barrier = threading.Barrier(2)

    def run(i):
        barrier.wait()
        out[i] = _try(lambda: carrying.central_import(central, f, carry_key, tmp_path / f"c{i}.r"))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    print("CONCURRENT:", out, [p.name for p in tmp_path.glob("c*.r")])


def test_session_and_device_login(ctx, admin, central, carry_key):
    from sqlalchemy import text
    from counter_app.central.carry_import import _as_device
    syncing.sync_now(ctx)
    enr = credentials.load(ctx.files)
    with psycopg.connect(central) as conn:
        role = conn.execute("SELECT role_name FROM central_devices WHERE id = %s", (enr.device_id,)).fetchone()[0]
    eng = _as_device(central, role)
    with eng.connect() as c:
        print("IMPORT SESSION:", c.execute(text("SELECT session_user, current_user, current_setting('statement_timeout'), current_setting('lock_timeout'), (SELECT usename FROM pg_stat_activity WHERE pid = pg_backend_pid())")).one())
        for stmt in ("RESET SESSION AUTHORIZATION", "SELECT current_user"):
            try:
                print(stmt, c.execute(text(stmt)).fetchall() if stmt.startswith("SELECT") else c.execute(text(stmt)))
            except Exception as exc:
                print(stmt, "->", type(exc).__name__)
    eng.dispose()
    with psycopg.connect(enr.url, autocommit=True) as conn:
        print("device settings:", conn.execute("SELECT current_setting('statement_timeout'), current_setting('search_path')").fetchone())
        for stmt in (f'CREATE SCHEMA "{role}"', "CREATE FUNCTION public.zz() RETURNS int LANGUAGE sql AS 'select 1'",
                     "CREATE TEMP TABLE zz(x int)", "CREATE FUNCTION pg_temp.zz() RETURNS int LANGUAGE sql AS 'select 1'",
                     "SELECT count(*) FROM pg_namespace WHERE has_schema_privilege(oid, 'CREATE')"):
            try:
                print(stmt, "->", conn.execute(stmt).fetchall() if stmt.startswith("SELECT") else "OK!!")
            except Exception as exc:
                print(stmt, "->", type(exc).__name__)
