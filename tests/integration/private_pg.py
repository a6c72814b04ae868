"""A PostgreSQL server of the test's own, to stop, crash and restart at will (the shared
server on 5432 is never touched), and a TCP proxy between the counter and it that can
refuse, swallow or cut connections.

    with private_postgres() as cluster:       # initdb + start on a free port
        url = cluster.create_database("central")
        cluster.stop("immediate")             # as good as a crash: recovery on start
        cluster.start()

The cluster lives in a temporary directory removed afterwards, even on failure. initdb
and the server refuse to run as root, so as root they run as the ``postgres`` user (the
directory is given to it). Trust authentication on 127.0.0.1 and the socket directory
only. When no PostgreSQL binaries are found the test is skipped, but fails with CI=true.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import struct
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

SERVER_OPTIONS = (
    "-c listen_addresses=127.0.0.1 -c max_connections=60 -c shared_buffers=16MB "
    # fsync only protects against the machine losing power; a server that is killed (what
    # the tests do) recovers its committed transactions from the WAL in memory either way.
    "-c fsync=off -c full_page_writes=off -c log_min_messages=warning")


def unavailable(reason: str):
    """Skip, or with CI=true fail: CI must run these tests."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"private PostgreSQL cluster required in CI: {reason}")
    pytest.skip(reason)


def find_bindir() -> Path | None:
    """COUNTER_TEST_PG_BIN, else the newest /usr/lib/postgresql/*/bin, else PATH."""
    candidates = [os.environ.get("COUNTER_TEST_PG_BIN", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                         key=lambda p: [int(n) for n in re.findall(r"\d+", p)], reverse=True)
    on_path = shutil.which("initdb")
    candidates.append(str(Path(on_path).parent) if on_path else "")
    for candidate in filter(None, candidates):
        if (Path(candidate) / "initdb").is_file() and (Path(candidate) / "pg_ctl").is_file():
            return Path(candidate)
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateCluster:
    def __init__(self, base: Path, bindir: Path, owner: pwd.struct_passwd | None) -> None:
        self.base, self.bindir, self.owner = base, bindir, owner
        self.data, self.log = base / "data", base / "server.log"
        self.port = free_port()
        self.running = False

    # -- commands, as the postgres user when we are root ---------------------------------
    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        options: dict = {}
        env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
        if self.owner is not None:
            options = {"user": self.owner.pw_uid, "group": self.owner.pw_gid,
                       "extra_groups": []}
            env["HOME"] = str(self.base)
        return subprocess.run([str(self.bindir / args[0]), *args[1:]], cwd=self.base,
                              env=env, capture_output=True, text=True, timeout=timeout,
                              **options)

    def _check(self, what: str, result: subprocess.CompletedProcess) -> None:
        if result.returncode != 0:
            raise RuntimeError(f"{what} failed ({result.returncode}): {result.stdout}"
                               f"{result.stderr}\n--- server log:\n{self.log_tail()}")

    def initdb(self) -> None:
        self._check("initdb", self._run("initdb", "-D", str(self.data), "-A", "trust",
                                        "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8",
                                        "--no-sync"))

    def start(self, timeout: float = 60) -> None:
        """Start (after a stop or a crash: crash recovery first) and wait until it
        accepts connections."""
        options = f"-p {self.port} -k {self.base} {SERVER_OPTIONS}"
        result = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w",
                           "-t", str(int(timeout)), "-o", options, "start",
                           timeout=timeout + 30)
        self._check("pg_ctl start", result)
        self.running = True

    def stop(self, mode: str = "fast") -> None:
        """Stop; mode "immediate" drops every connection at once without a checkpoint,
        as a crashed server would (the next start recovers from the WAL)."""
        result = self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60",
                           "stop")
        self._check(f"pg_ctl stop -m {mode}", result)
        self.running = False

    def require_passwords(self) -> None:
        """From now on every login but the superuser's proves its password (SCRAM) over
        TCP, as a city's server does; the superuser keeps trust (the tests' administrator).
        Restarts the server."""
        (self.data / "pg_hba.conf").write_text(
            "local all all trust\n"
            "host all postgres 127.0.0.1/32 trust\n"
            "host all all 127.0.0.1/32 scram-sha-256\n")
        self.stop()
        self.start()

    def postmaster_pid(self) -> int | None:
        pid_file = self.data / "postmaster.pid"
        with suppress(OSError, ValueError, IndexError):
            return int(pid_file.read_text().split()[0])
        return None

    def log_tail(self, chars: int = 3000) -> str:
        with suppress(OSError):
            return self.log.read_text(errors="replace")[-chars:]
        return ""

    # -- databases ------------------------------------------------------------------------
    def url(self, database: str = "postgres", port: int | None = None) -> str:
        return f"postgresql://postgres@127.0.0.1:{port or self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop it and the roles `central init` made for it (named after it)."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            roles = conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s "
                                 "ORDER BY length(rolname) DESC", (name + "\\_%",)).fetchall()
            for (role,) in roles:
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


@contextmanager
def private_postgres() -> Iterator[PrivateCluster]:
    """A fresh cluster, started; stopped and deleted afterwards whatever happens."""
    bindir = find_bindir()
    if bindir is None:
        unavailable("no PostgreSQL server binaries (initdb, pg_ctl); set COUNTER_TEST_PG_BIN")
    owner = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam(os.environ.get("COUNTER_TEST_PG_USER", "postgres"))
        except KeyError:
            unavailable("running as root and there is no 'postgres' user to run the server")
    base = Path(tempfile.mkdtemp(prefix="counter-pg-"))  # short: the socket path is limited
    cluster = PrivateCluster(base, bindir, owner)
    try:
        if owner is not None:
            os.chown(base, owner.pw_uid, owner.pw_gid)
        cluster.initdb()
        for attempt in range(3):  # the free port may be taken meanwhile
            try:
                cluster.start()
                break
            except RuntimeError:
                if attempt == 2:
                    raise
                cluster.port = free_port()
        yield cluster
    finally:
        if cluster.postmaster_pid() is not None:
            with suppress(Exception):
                cluster.stop("immediate")
        shutil.rmtree(base, ignore_errors=True)


class TcpProxy:
    """127.0.0.1:<port> in front of a server port. Modes for new connections:
    "forward" (pass through), "reset" (accept, then reset at once: a refusal the client
    sees as a dropped connection), "blackhole" (accept and never answer: a dead network).
    cut() resets every connection in progress, as a network failure mid-conversation."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.mode = "forward"
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._thread = threading.Thread(target=self._accept, name="tcp-proxy", daemon=True)
        self._thread.start()

    def _keep(self, *sockets: socket.socket) -> None:
        with self._lock:
            self._open.update(sockets)

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            if self.mode == "reset":
                _reset(client)
            elif self.mode == "blackhole":
                self._keep(client)
            else:
                try:
                    server = socket.create_connection(("127.0.0.1", self.target_port), 5)
                    server.settimeout(None)
                except OSError:
                    _reset(client)
                    continue
                self._keep(client, server)
                for source, target in ((client, server), (server, client)):
                    threading.Thread(target=self._pump, args=(source, target),
                                     daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        for sock in (source, target):
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        with self._lock:
            sockets, self._open = self._open, set()
        for sock in sockets:
            _reset(sock)

    def close(self) -> None:
        self._closed = True
        with suppress(OSError):
            self._listener.close()
        self._thread.join(5)
        self.cut()


def _reset(sock: socket.socket) -> None:
    """Close with a TCP reset rather than an orderly FIN."""
    with suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with suppress(OSError):
        sock.close()


@contextmanager
def tcp_proxy(target_port: int) -> Iterator[TcpProxy]:
    proxy = TcpProxy(target_port)
    try:
        yield proxy
    finally:
        proxy.close()


def wait_until(condition, timeout: float, interval: float = 0.05, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for "
                                 f"{what or condition}")
        time.sleep(interval)
