"""A real Neo4j Community server without Docker: assembled from Maven Central, run with Java.

Maven Central carries no distribution tarball, so the server's jars are resolved with
`mvn dependency:copy-dependencies` (org.neo4j.app:neo4j-server + org.neo4j:neo4j, which holds the
launcher) into a per-user cache, one folder per release, and run through Neo4j's own launcher
(`org.neo4j.server.startup.Neo4jCommand`, what `bin/neo4j` runs). The release is IMR_NEO4J_VERSION
(default 5.26.30 LTS, Java 17 or 21; 2025.x and 2026.x need Java 21 or 25). Everything that belongs
to one server lives under IMR_HOME/neo4j:

    home/conf/neo4j.conf   written on every start (loopback only, Bolt on a free port)
    home/data, home/logs, home/run/neo4j.pid
    credentials.json       generated password, mode 0600
    server.json            Bolt URI and port, for every `imr` command with the same IMR_HOME
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from graph.errors import ConfigurationError, DatabaseUnavailableError
from imr.settings import DEFAULT_NEO4J_VERSION, Settings

logger = logging.getLogger(__name__)

NEO4J_VERSION = DEFAULT_NEO4J_VERSION
SUPPORTED_JAVA = (17, 21)  # Neo4j 5.x
# Calendar releases (2025.01 on) dropped Java 17; 2025.10 on also run on Java 25.
SUPPORTED_JAVA_CALENDAR = (21, 25)
DEFAULT_BOLT_PORT = 7687
START_TIMEOUT_S = 180
POM_TEMPLATE = Path(__file__).with_name("neo4j_pom.xml")
LAUNCHER = "org.neo4j.server.startup.Neo4jCommand"
ADMIN_LAUNCHER = "org.neo4j.server.startup.Neo4jAdminCommand"

# The JVM flags of the stock 5.x neo4j.conf that matter for a small machine.
JVM_ADDITIONAL = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    # Lucene's SIMD dot products (Panama Vector API) for the vector index. Without it every
    # distance is a scalar loop: 41% of the CPU of an index build (BENCHMARKS.md). Java 17 has
    # the module but Lucene 9 (Neo4j 5.26) uses it only on Java 20+; it is harmless there.
    "--add-modules=jdk.incubator.vector",
)


# Limits for every transaction on the local server, whoever runs it (issue 12). The timeout is the
# default for clients that set none (the console sets its own, shorter one per transaction); it is
# long enough for the application's own longest transactions (an export, a bulk-load fix-up). One
# transaction may use half the heap and all together 70% of it, so a query that collects or sorts
# too much fails with Neo.ClientError.General.TransactionOutOfMemoryError instead of the server.
TRANSACTION_TIMEOUT = "30m"
TRANSACTION_MEMORY_SHARE = 0.5
ALL_TRANSACTIONS_MEMORY_SHARE = 0.7
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)
_UNIT_BYTES = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


def share_of_size(size: str, share: float) -> str | None:
    """`share` of a Neo4j memory size ("2g", "512m") in whole MiB ("1024m"); None when the size
    cannot be read (Neo4j then reports the bad heap setting itself)."""
    match = _SIZE.match(size)
    if not match:
        return None
    size_bytes = float(match.group(1)) * _UNIT_BYTES[match.group(2).lower()]
    return f"{max(1, int(size_bytes * share) >> 20)}m"


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    uri: str | None
    pid: int | None
    version: str | None
    home: str
    log: str


ProgressCallback = Callable[[str], None]


def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "imr-precedent-graph"


def supported_java(neo4j_version: str = NEO4J_VERSION) -> tuple[int, ...]:
    """The Java majors a Neo4j release runs on: 17/21 for 5.x, 21/25 for 2025.x and later."""
    major = int(neo4j_version.split(".", 1)[0])
    return SUPPORTED_JAVA if major < 2025 else SUPPORTED_JAVA_CALENDAR


def distribution_lib_dir(neo4j_version: str = NEO4J_VERSION) -> Path:
    return _cache_root() / f"neo4j-{neo4j_version}" / "lib"


def java_major_version(java: Path) -> int | None:
    try:
        result = subprocess.run(
            [str(java), "-version"], capture_output=True, text=True, timeout=30, check=False
        )
    except OSError:
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr + result.stdout)
    if not match:
        return None
    major = int(match.group(1))
    # Java 8 and older print "1.8.0_x".
    return int(match.group(2) or 0) if major == 1 else major


def find_java(env: dict[str, str] | None = None, neo4j_version: str = NEO4J_VERSION) -> Path:
    """JAVA_HOME if set (it must be supported); else `java` on PATH; else a JDK in /usr/lib/jvm."""
    environ = os.environ if env is None else env
    wanted = supported_java(neo4j_version)
    wanted_text = " or ".join(str(v) for v in wanted)
    java_home = environ.get("JAVA_HOME")
    if java_home:
        java = Path(java_home) / "bin" / "java"
        version = java_major_version(java)
        if version not in wanted:
            raise ConfigurationError(
                f"Neo4j {neo4j_version} needs Java {wanted_text}, but JAVA_HOME={java_home} has "
                f"{'no working java' if version is None else f'Java {version}'}: point JAVA_HOME "
                f"at a Java {wanted[0]} JDK or unset it"
            )
        return java
    candidates: list[Path] = []
    on_path = shutil.which("java", path=environ.get("PATH"))
    if on_path:
        candidates.append(Path(on_path))
    candidates += sorted(Path("/usr/lib/jvm").glob("*/bin/java"))
    found: list[str] = []
    for java in candidates:
        version = java_major_version(java)
        if version in wanted:
            return java
        found.append(f"{java} (Java {version})")
    raise ConfigurationError(
        f"No suitable Java found: Neo4j {neo4j_version} needs Java {wanted_text} "
        f"(found: {', '.join(found) or 'none'}). "
        f"Install one (apt-get install openjdk-{wanted[0]}-jre-headless), set JAVA_HOME to it, "
        "or set NEO4J_URI to an existing server"
    )


def find_maven(env: dict[str, str] | None = None) -> Path:
    environ = os.environ if env is None else env
    mvn = shutil.which("mvn", path=environ.get("PATH"))
    if not mvn:
        raise ConfigurationError(
            "Maven (mvn) not found on PATH: it fetches the Neo4j server from Maven Central. "
            "Install it (apt-get install maven) or set NEO4J_URI to an existing server"
        )
    return Path(mvn)


def ensure_distribution(
    java: Path, progress: ProgressCallback | None = None, neo4j_version: str = NEO4J_VERSION
) -> Path:
    """The server's jars, resolved once per user and version; later starts reuse them."""
    lib = distribution_lib_dir(neo4j_version)
    marker = lib.parent / "complete"
    if marker.is_file():
        return lib
    mvn = find_maven()
    if progress:
        progress(f"Fetching Neo4j {neo4j_version} from Maven Central (first start only)...")
    work = lib.parent
    work.mkdir(parents=True, exist_ok=True)
    pom = work / "pom.xml"
    pom.write_text(
        POM_TEMPLATE.read_text(encoding="utf-8").replace("@NEO4J_VERSION@", neo4j_version),
        encoding="utf-8",
    )
    env = {**os.environ, "JAVA_HOME": str(java.parent.parent)}
    result = subprocess.run(
        [
            str(mvn),
            "-q",
            "-B",
            "-f",
            str(pom),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={lib}",
            "-DincludeScope=runtime",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
        check=False,
    )
    if result.returncode != 0 or not any(lib.glob(f"neo4j-{neo4j_version}.jar")):
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-8:])
        raise ConfigurationError(
            f"Could not fetch Neo4j {neo4j_version} from Maven Central with {mvn}: "
            f"exit {result.returncode}. Check network access to Maven Central. Maven said:\n{tail}"
        )
    marker.write_text(neo4j_version, encoding="utf-8")
    return lib


def process_alive(pid: int) -> bool:
    """Running, and not a zombie: a killed server whose parent never reaped it still answers
    `kill -0` but serves nothing."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return True  # no /proc (macOS): kill -0 is all there is
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the server binds: connections of a killed predecessor in TIME_WAIT must not move
        # the server to another port (clients hold the URI).
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def pick_bolt_port(preferred: int | None) -> int:
    for port in (preferred, DEFAULT_BOLT_PORT):
        if port and port_is_free(port):
            return port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LocalServer:
    """The Neo4j server that belongs to one IMR_HOME."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.root = settings.server_dir
        self.home = self.root / "home"
        self.state_file = self.root / "server.json"
        self.credentials_file = self.root / "credentials.json"
        self.pid_file = self.home / "run" / "neo4j.pid"
        self.log_file = self.home / "logs" / "neo4j.log"

    # -- state -----------------------------------------------------------------------------
    def _state(self) -> dict[str, object]:
        if self.state_file.is_file():
            return json.loads(self.state_file.read_text(encoding="utf-8"))
        return {}

    def pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            return None
        return pid if process_alive(pid) else None

    def uri(self) -> str | None:
        uri = self._state().get("uri")
        return str(uri) if uri else None

    def credentials(self) -> tuple[str, str]:
        data = json.loads(self.credentials_file.read_text(encoding="utf-8"))
        return data["user"], data["password"]

    def status(self, version_probe: Callable[[], str | None] | None = None) -> ServerStatus:
        pid = self.pid()
        version = version_probe() if (pid and version_probe) else None
        return ServerStatus(
            running=pid is not None,
            uri=self.uri(),
            pid=pid,
            version=version,
            home=str(self.root),
            log=str(self.log_file),
        )

    # -- lifecycle ---------------------------------------------------------------------------
    def start(
        self,
        wait_until_ready: Callable[[str, str, str, float], None],
        progress: ProgressCallback | None = None,
    ) -> ServerStatus:
        """Start (or find running) and block until Bolt answers with our credentials."""
        if self.pid() is not None and self.uri():
            user, password = self.credentials()
            wait_until_ready(str(self.uri()), user, password, 30)
            return self.status()
        version = self.settings.neo4j_version
        self._refuse_other_release(version)
        java = find_java(neo4j_version=version)
        lib = ensure_distribution(java, progress, version)
        self._lay_out_home(lib)
        port = pick_bolt_port(int(self._state().get("bolt_port") or 0) or None)
        self._write_config(port)
        self._ensure_credentials(java)
        uri = f"bolt://127.0.0.1:{port}"
        self._write_state({"uri": uri, "bolt_port": port, "version": version})
        if progress:
            progress(f"Starting Neo4j {version} on {uri} (home {self.root})...")
        result = self._launch(java, LAUNCHER, "start")
        if result.returncode != 0:
            raise DatabaseUnavailableError(
                f"Neo4j did not start (exit {result.returncode}): "
                f"{(result.stdout + result.stderr).strip()[-600:]}\nSee {self.log_file}"
            )
        user, password = self.credentials()
        try:
            wait_until_ready(uri, user, password, START_TIMEOUT_S)
        except DatabaseUnavailableError as error:
            raise DatabaseUnavailableError(
                f"{error}\nLast lines of {self.log_file}:\n{self._log_tail()}"
            ) from error
        return self.status()

    def stop(self, timeout_s: float = 60) -> bool:
        """Stop the server; True if one was running."""
        pid = self.pid()
        if pid is None:
            return False
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return False
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.pid() is None:
                return True
            time.sleep(0.3)
        os.kill(pid, signal.SIGKILL)
        return True

    # -- offline administration (bulk import) -------------------------------------------------
    def has_store(self, database: str = "neo4j") -> bool:
        """Whether the database's files exist (it has been started or imported once)."""
        return (self.home / "data" / "databases" / database).is_dir()

    def admin(self, *args: str, timeout_s: float = 24 * 3600) -> subprocess.CompletedProcess[str]:
        """`neo4j-admin ARGS` against this server's home and config, e.g. a full database import.

        Offline commands need the server stopped; one that never started gets its home and config
        laid out here, so an import can be its very first database.
        """
        if self.pid() is not None:
            raise DatabaseUnavailableError(
                f"The Neo4j server under {self.root} is running: stop it (`imr neo4j stop`) first"
            )
        version = self.settings.neo4j_version
        self._refuse_other_release(version)
        java = find_java(neo4j_version=version)
        self._lay_out_home(ensure_distribution(java, None, version))
        if not (self.home / "conf" / "neo4j.conf").is_file():
            self._write_config(pick_bolt_port(int(self._state().get("bolt_port") or 0) or None))
        return self._launch(java, ADMIN_LAUNCHER, *args, timeout_s=timeout_s)

    # -- helpers -----------------------------------------------------------------------------
    def _refuse_other_release(self, version: str) -> None:
        # A newer release migrates the store on start and an older one cannot read it afterwards:
        # a home is never moved to another release behind its owner's back.
        recorded = self._state().get("version")
        has_data = any((self.home / "data" / "databases").glob("*"))
        if recorded and recorded != version and has_data:
            raise ConfigurationError(
                f"{self.root} holds a Neo4j {recorded} database but IMR_NEO4J_VERSION is "
                f"{version}: set IMR_NEO4J_VERSION={recorded}, or use another IMR_HOME for "
                f"Neo4j {version}"
            )

    def _lay_out_home(self, lib: Path) -> None:
        for sub in ("conf", "data", "logs", "run", "plugins", "import", "certificates"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        link = self.home / "lib"
        if link.is_symlink() or link.exists():
            if link.resolve() == lib.resolve():
                return
            link.unlink()
        link.symlink_to(lib, target_is_directory=True)

    def _write_config(self, port: int) -> None:
        lines = [
            "# Written by `imr neo4j start` on every start; edit IMR_NEO4J_* settings instead.",
            "server.default_listen_address=127.0.0.1",
            "server.default_advertised_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{port}",
            f"server.bolt.advertised_address=127.0.0.1:{port}",
            "server.http.enabled=false",
            "server.https.enabled=false",
            "dbms.security.auth_enabled=true",
            "dbms.usage_report.enabled=false",
            f"server.memory.heap.initial_size={self.settings.neo4j_heap}",
            f"server.memory.heap.max_size={self.settings.neo4j_heap}",
            f"server.memory.pagecache.size={self.settings.neo4j_pagecache}",
            "server.directories.import=import",
            f"db.transaction.timeout={TRANSACTION_TIMEOUT}",
            *self._memory_limits(),
            *(f"server.jvm.additional={flag}" for flag in JVM_ADDITIONAL),
        ]
        (self.home / "conf" / "neo4j.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _memory_limits(self) -> list[str]:
        heap = self.settings.neo4j_heap
        limits = [
            ("db.memory.transaction.max", share_of_size(heap, TRANSACTION_MEMORY_SHARE)),
            ("db.memory.transaction.total.max", share_of_size(heap, ALL_TRANSACTIONS_MEMORY_SHARE)),
        ]
        return [f"{name}={value}" for name, value in limits if value]

    def _ensure_credentials(self, java: Path) -> None:
        if self.credentials_file.is_file():
            return
        if any((self.home / "data" / "databases").glob("system")):
            raise ConfigurationError(
                f"{self.credentials_file} is missing but the server under {self.home} was already "
                f"initialised with another password: remove {self.root} to start afresh"
            )
        password = secrets.token_urlsafe(24)  # [A-Za-z0-9_-]: one token in an @-file
        self.root.mkdir(parents=True, exist_ok=True)
        # A command-line argument is readable by every user (ps, /proc/*/cmdline) while the
        # command runs; neo4j-admin (picocli) reads `@FILE` as arguments instead, and its
        # launcher passes the `@FILE` (not the password) on to the JVM it starts.
        argument_file = self.root / f".initial-password-{secrets.token_hex(4)}"
        descriptor = os.open(argument_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(password + "\n")
            result = self._launch(
                java, ADMIN_LAUNCHER, "dbms", "set-initial-password", f"@{argument_file}"
            )
        finally:
            argument_file.unlink(missing_ok=True)
        if result.returncode != 0:
            raise ConfigurationError(
                f"Could not set the initial Neo4j password (exit {result.returncode}); "
                f"see {self.log_file}"
            )
        descriptor = os.open(self.credentials_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump({"user": "neo4j", "password": password}, handle)

    def _write_state(self, updates: dict[str, object]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        state = {**self._state(), **updates}
        self.state_file.write_text(json.dumps(state, indent=2), encoding="utf-8")

    def _launch(
        self, java: Path, main_class: str, *args: str, timeout_s: float = 300
    ) -> subprocess.CompletedProcess[str]:
        java_home = java.resolve().parent.parent
        env = {
            **os.environ,
            "JAVA_HOME": str(java_home),
            "PATH": f"{java_home / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
            "NEO4J_HOME": str(self.home),
            "NEO4J_CONF": str(self.home / "conf"),
        }
        # Own session: the server outlives the command that started it, and a Ctrl-C in the
        # terminal must not reach it.
        return subprocess.run(
            [str(java), "-cp", str(self.home / "lib" / "*"), main_class, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout_s,
            check=False,
            start_new_session=True,
            cwd=self.home,
        )

    def _log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_file.read_text(encoding="utf-8").splitlines()[-lines:])
        except OSError:
            return "(no log yet)"


def status_as_json(status: ServerStatus) -> str:
    return json.dumps(asdict(status), indent=2)
