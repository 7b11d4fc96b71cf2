"""Real SPARQL servers on loopback for the remote-store tests: Virtuoso and the Oxigraph server.

* Virtuoso Open Source 7 from Debian (``virtuoso-t``, package ``virtuoso-opensource``, installed by
  ``scripts/system-deps.sh``): its own database folder and ``virtuoso.ini``, HTTP and SQL ports
  on 127.0.0.1 picked free, writes through ``/sparql-auth`` and ``/sparql-graph-crud-auth`` as
  ``dba``/``dba`` (HTTP Digest), the only account a fresh database has.
* The Oxigraph server (``oxigraph serve``, from the ``oxigraph`` wheel of the test extra) with
  ``--union-default-graph``.

``start_*`` return a ``Server`` once it answers ``ASK {}``; ``Server.stop`` ends the process it
started (by its pid) and nothing else.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

STARTUP_SECONDS = 90.0

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 8
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = {dir}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 8
ServerThreads = 8
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 400
"""


@dataclass
class Server:
    """A server process this test session started."""

    name: str
    url: str            # the --store URL (with credentials where needed)
    ask_url: str        # GET <ask_url>?query=ASK{} answers once the server is up
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        """Terminate the process (kill it after 30 s)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on (now)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def virtuoso_binary() -> str | None:
    return shutil.which("virtuoso-t")


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server of the ``oxigraph`` wheel: next to this Python, or on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def start_virtuoso(folder: Path, *, max_rows: int = 1_000_000) -> Server:
    """Start ``virtuoso-t`` on a fresh database in ``folder``. Raises ``RuntimeError`` if it does not come up."""
    binary = virtuoso_binary()
    if binary is None:
        raise RuntimeError("virtuoso-t is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port, max_rows=max_rows))
    log = folder / "stdout.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=folder,
                                   stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    server = Server("virtuoso", f"http://dba:dba@127.0.0.1:{http_port}/sparql", f"{base}/sparql", process, log)
    return _wait(server)


def start_oxigraph(folder: Path) -> Server:
    """Start ``oxigraph serve --union-default-graph`` on a store in ``folder``."""
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError("the oxigraph server binary is not installed")
    port = free_port()
    log = folder.with_suffix(".log")
    with open(log, "wb") as out:
        process = subprocess.Popen([binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
                                    "--union-default-graph"], stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    return _wait(Server("oxigraph", base, f"{base}/query", process, log))


def _wait(server: Server) -> Server:
    """Poll ``ASK {}`` until the server answers 200; stop it and raise ``RuntimeError`` on timeout or exit."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited with {server.process.returncode}: {_tail(server.log)}")
        try:
            with urllib.request.urlopen(f"{server.ask_url}?query=ASK%7B%7D", timeout=2) as resp:
                if resp.status == 200:
                    return server
        except OSError:
            pass
        time.sleep(0.25)
    server.stop()
    raise RuntimeError(f"{server.name} did not answer within {STARTUP_SECONDS:g} s: {_tail(server.log)}")


def _tail(log: Path, lines: int = 5) -> str:
    try:
        return " | ".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
