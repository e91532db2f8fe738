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

import ctypes
import pickle
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import KgError
from .model import Article, Statement
from .rdf import article_graph
from .store import FLUSH_EVERY, open_local

PR_SET_PDEATHSIG = 1
RESUME = "re-run the same command: it resumes where this stopped"

Added = tuple[str, int, int]  # (article id, statements, triples) of one committed article


def send(stream: BinaryIO, message: object) -> None:
    pickle.dump(message, stream, protocol=pickle.HIGHEST_PROTOCOL)
    stream.flush()


def serve(path: Path, requests: BinaryIO, replies: BinaryIO) -> None:
    """The child's loop: put each (article, statements) that comes, until None or the end of input."""
    try:
        store = open_local(path, create=True)
    except KgError as error:
        send(replies, ("error", error.problem, error.hint, error.exit_code))
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
            send(replies, ("error", f"{path}: writing article {article.id} failed ({error})",
                           f"check the disk and the store folder; {RESUME}", 1))
            return
        send(replies, ("added", (article.id, len(statements), len(graph))))
    store.close()
    send(replies, ("closed",))


def main() -> None:
    """``python -m kg.writer STORE``: the child process."""
    if sys.platform.startswith("linux"):  # the kernel ends this process when its parent dies
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt stops
    replies, sys.stdout = sys.stdout.buffer, sys.stderr  # nothing else may write to the reply stream
    serve(Path(sys.argv[1]), sys.stdin.buffer, replies)


class Writer:
    """The parent's side: ``put`` articles and get back the ones committed; use it as a context manager."""

    def __init__(self, path: Path):
        self.path = path
        self.replies: queue.Queue = queue.Queue()
        self.process: subprocess.Popen | None = None
        self.done = False

    def __enter__(self) -> Writer:
        self.process = subprocess.Popen([sys.executable, "-m", "kg.writer", str(self.path)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        threading.Thread(target=self.listen, name="kg-writer-replies", daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        if not self.done:  # interrupted: what was committed stays, the rest is not reported
            self.process.kill()
        self.process.wait()

    def listen(self) -> None:
        """Move the child's replies to the queue (a thread: waiting on a pipe releases the GIL)."""
        while True:
            try:
                self.replies.put(pickle.load(self.process.stdout))
            except (EOFError, OSError, pickle.UnpicklingError):
                self.replies.put(("gone",))
                return

    def put(self, article: Article, statements: tuple[Statement, ...]) -> Iterator[Added]:
        """Hand one article over; yields the articles committed meanwhile."""
        try:
            send(self.process.stdin, (article, statements))
        except (BrokenPipeError, OSError):
            yield from self.wait("closed")  # raises the child's reason
        yield from self.drain()

    def close(self) -> Iterator[Added]:
        """Write what was handed over, flush and stop; yields the last articles committed."""
        try:
            send(self.process.stdin, None)
        except (BrokenPipeError, OSError):
            pass
        yield from self.wait("closed")
        self.done = True

    def drain(self) -> Iterator[Added]:
        """The articles committed since the last look, without waiting."""
        while True:
            try:
                reply = self.replies.get_nowait()
            except queue.Empty:
                return
            yield from self.read(reply)

    def wait(self, kind: str) -> Iterator[Added]:
        """The articles committed until the child says ``kind``."""
        while (reply := self.replies.get())[0] != kind:
            yield from self.read(reply)

    @staticmethod
    def read(reply: tuple) -> Iterator[Added]:
        if reply[0] == "error":
            raise KgError(*reply[1:])
        if reply[0] == "gone":
            raise KgError("the store writer process stopped unexpectedly", RESUME, 1)
        yield reply[1]


if __name__ == "__main__":
    main()
