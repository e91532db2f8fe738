"""Store writes in a process of their own, beside the extraction in this one.

spaCy's parse and Oxigraph's writes both hold the GIL, so a thread would not overlap them; a
child process does. It owns the on-disk store (RocksDB admits one writer), builds each article's
graph, puts it in one transaction and reports each article once committed, so what this process
reports as added is on disk. Requests go to its standard input, pickled (a full pipe makes the
parser wait: memory stays bounded), and replies come back on its standard output. The child stops
at its first failure, which is raised here, and ends with its parent: a killed build leaves whole
articles only.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # Windows: no pipe resizing
    fcntl = None

from kg.errors import KgError
from kg.model import Article, Statement
from kg.graph.rdf import article_graph
from kg.store.backend import FLUSH_EVERY, open_local

AVAILABLE = os.name == "posix"  # select() on pipes; elsewhere the store is written in line
PR_SET_PDEATHSIG = 1
PIPE_SIZE = 1 << 20  # bytes of requests in flight (Linux): a few hundred articles, a bound on memory
POLL = 0.5  # seconds between looks at a child that may have stopped
FRAME = ">I"  # a reply's length, before the reply
HEADER = struct.calcsize(FRAME)
RESUME = "re-run the same command: it resumes where this stopped"

Added = tuple[str, int, int]  # (article id, statements, triples) of one committed article


def send(stream: BinaryIO, message: object) -> None:
    pickle.dump(message, stream, protocol=pickle.HIGHEST_PROTOCOL)
    stream.flush()


def reply(stream: BinaryIO, message: object) -> None:
    """One reply as a length-prefixed frame, in one write (the parent reads without blocking)."""
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack(FRAME, len(payload)) + payload)
    stream.flush()


def serve(path: Path, requests: BinaryIO, replies: BinaryIO) -> None:
    """The child's loop: put each (article, statements) that comes, until None or the end of input."""
    try:
        store = open_local(path, create=True)
    except KgError as error:
        reply(replies, ("error", error.problem, error.hint, error.exit_code))
        return
    count = 0
    while True:
        try:
            item = pickle.load(requests)
        except EOFError:  # the parent is gone: what was committed stays
            return
        if item is None:
            break
        article, statements = item
        try:
            graph = article_graph(article, statements)
            store.put(graph)
            count += 1
            if count % FLUSH_EVERY == 0:
                store.flush()
        except Exception as error:  # the store's own failure (disk full...), raised in the parent
            reply(replies, ("error", f"{path}: writing article {article.id} failed ({error})",
                           f"check the disk and the store folder; {RESUME}", 1))
            return
        reply(replies, ("added", (article.id, len(statements), len(graph))))
    store.close()
    reply(replies, ("closed",))


def main() -> None:
    """``python -m kg.store.writer STORE``: the child process."""
    if sys.platform.startswith("linux"):  # the kernel ends this process when its parent dies
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt stops
    replies, sys.stdout = sys.stdout.buffer, sys.stderr  # nothing else may write to the reply stream
    serve(Path(sys.argv[1]), sys.stdin.buffer, replies)


class Writer:
    """The parent's side: ``put`` articles and get back the ones committed; use it as a context manager.

    No threads here: a thread woken by the pipe would take the GIL from the parser again and again.
    Requests go through a pipe enlarged where the system allows (a batch of parsed articles comes at
    once), and replies are read without blocking, as length-prefixed frames.
    """

    def __init__(self, path: Path):
        self.path = path
        self.process: subprocess.Popen | None = None
        self.received = bytearray()
        self.ended = self.done = False

    def __enter__(self) -> Writer:
        self.process = subprocess.Popen([sys.executable, "-m", "kg.store.writer", str(self.path)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        if fcntl is not None and hasattr(fcntl, "F_SETPIPE_SZ"):
            with contextlib.suppress(OSError):
                fcntl.fcntl(self.process.stdin.fileno(), fcntl.F_SETPIPE_SZ, PIPE_SIZE)
        os.set_blocking(self.process.stdout.fileno(), False)
        return self

    def __exit__(self, kind, error, trace) -> None:
        if not self.done and kind is not None and issubclass(kind, Exception):
            with contextlib.suppress(Exception):  # a failure here (bad input...): write what was handed over
                for _ in self.close():
                    pass
        if not self.done:  # interrupted (Ctrl-C, the caller stopped early): what was committed stays
            self.process.kill()
        self.process.wait()

    def put(self, article: Article, statements: tuple[Statement, ...]) -> Iterator[Added]:
        """Hand one article over; yields the articles committed meanwhile."""
        try:
            send(self.process.stdin, (article, statements))
        except (BrokenPipeError, OSError):
            yield from self.wait("closed")  # raises the child's reason
        yield from self.drain()

    def close(self) -> Iterator[Added]:
        """Write what was handed over, flush and stop; yields the last articles committed."""
        with contextlib.suppress(BrokenPipeError, OSError):
            send(self.process.stdin, None)
        yield from self.wait("closed")
        self.done = True

    def drain(self) -> Iterator[Added]:
        """The articles committed since the last look, without waiting."""
        for message in self.messages():
            yield from self.read(message)

    def wait(self, kind: str) -> Iterator[Added]:
        """The articles committed until the child says ``kind``."""
        while True:
            select.select([self.process.stdout], [], [], POLL)
            for message in self.messages():
                if message[0] == kind:
                    return
                yield from self.read(message)

    def messages(self) -> Iterator[tuple]:
        """The complete replies read so far; ("gone",) once the child's output has ended."""
        while not self.ended:
            try:
                chunk = os.read(self.process.stdout.fileno(), 1 << 16)
            except BlockingIOError:
                break
            self.received += chunk
            self.ended = not chunk
        while len(self.received) >= HEADER:
            (size,) = struct.unpack(FRAME, self.received[:HEADER])
            if len(self.received) < HEADER + size:
                break
            yield pickle.loads(self.received[HEADER:HEADER + size])
            del self.received[:HEADER + size]
        if self.ended:
            yield ("gone",)

    @staticmethod
    def read(message: tuple) -> Iterator[Added]:
        if message[0] == "error":
            raise KgError(*message[1:])
        if message[0] == "gone":
            raise KgError("the store writer process stopped unexpectedly", RESUME, 1)
        yield message[1]


if __name__ == "__main__":
    main()
