"""The endpoint's processes: one store owner that holds the store open for writing (and runs updates),
and a pool of query workers reading it, so that one heavy query never blocks a cheap one.

Oxigraph offers no way to stop a running query, so a request past the time limit gets its process
killed and a fresh one started at once (store writes are transactions, so a kill loses no data).
Every process closes its own network access before it opens the store (see ``kg.guard``).
"""
from __future__ import annotations

import ctypes
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import replace
from multiprocessing.connection import Connection

import pyoxigraph as ox

from kg.serve.endpoint import Limits, Reply, Request, error, execute
from kg.serve.guard import close_network

START_WAIT = 60.0
PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Have Linux kill this process when the server dies, even in the middle of a long query."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(0)


def open_store(path: str, writable: bool) -> ox.Store:
    return ox.Store(path) if writable else ox.Store.read_only(path)


def work(path: str, writable: bool, limits: Limits, connection) -> None:
    """A worker's loop: sandbox, open the store, answer requests until the pipe closes.

    A reader reopens its view of the store when the request's generation says an update happened.
    """
    sandboxed = not limits.federation and close_network()
    try:
        store, generation = open_store(path, writable), 0
    except OSError as problem:
        connection.send(error(503, f"cannot open the store: {str(problem).splitlines()[0]}"))
        return
    connection.send(Reply(200, "text/plain", b"sandboxed" if sandboxed else b"ready"))
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        if request.generation != generation and not writable:
            del store  # close the old view before opening the new one: two read-only views at once can crash RocksDB
            store, generation = open_store(path, writable), request.generation
        connection.send(execute(store, request, limits, sandboxed))


class Worker:
    """One process; ``run`` returns its reply, or kills and replaces it past ``timeout`` seconds."""

    def __init__(self, path: str, writable: bool, limits: Limits, timeout: float):
        self.path, self.writable, self.limits, self.timeout = path, writable, limits, timeout
        self.process = self.connection = None
        self.sandboxed = False

    def launch(self) -> None:
        """Start ``python -m kg.serve.workers`` (lighter than a spawn of the CLI) on one end of a socket pair."""
        ours, theirs = socket.socketpair()
        command = [sys.executable, "-m", "kg.serve.workers", str(theirs.fileno()), str(os.getpid())]
        self.process = subprocess.Popen(command, pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL)
        theirs.close()
        self.connection = Connection(ours.detach())
        self.connection.send((self.path, self.writable, self.limits))

    def ready(self) -> Reply:
        """Wait for the launched process to open the store."""
        try:
            reply = self.connection.recv() if self.connection.poll(START_WAIT) else error(503, "the store did not open")
        except EOFError:
            reply = error(503, "the query worker could not start")
        if reply.status != 200:
            self.stop()
        self.sandboxed = reply.body == b"sandboxed"
        return reply

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.connection.close()
        self.process = None

    def restart(self) -> Reply:
        self.stop()
        self.launch()
        return self.ready()

    def run(self, request: Request) -> Reply:
        if self.process is None or self.process.poll() is not None:
            started = self.restart()
            if started.status != 200:
                return started
        self.connection.send(request)
        if self.connection.poll(self.timeout):
            try:
                return self.connection.recv()
            except EOFError:
                self.restart()
                return error(500, "the query worker died; it has been restarted")
        self.restart()
        return error(503, f"query stopped: it ran longer than the {self.timeout:g} s time limit")


class Pool:
    """The store owner and ``size`` query workers; ``query`` and ``update`` block until answered."""

    def __init__(self, path: str, size: int, limits: Limits, timeout: float):
        self.owner = Worker(path, True, limits, timeout)
        self.readers = [Worker(path, False, limits, timeout) for _ in range(size)]
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.timeout, self.generation = timeout, 0
        self.update_lock = threading.Lock()

    def start(self) -> Reply:
        """Start the owner (it takes the store's lock), then the readers beside it."""
        self.owner.launch()
        started = self.owner.ready()
        if started.status != 200:
            return started
        for reader in self.readers:
            reader.launch()
        for reader in self.readers:
            started = reader.ready()
            if started.status != 200:
                self.stop()
                return started
            self.idle.put(reader)
        return started

    @property
    def sandboxed(self) -> bool:
        return self.owner.sandboxed and all(r.sandboxed for r in self.readers)

    def query(self, request: Request) -> Reply:
        try:
            reader = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            return error(503, f"every query worker stayed busy for {self.timeout:g} s; try again later")
        try:
            return reader.run(replace(request, generation=self.generation))
        finally:
            self.idle.put(reader)

    def update(self, request: Request) -> Reply:
        if not self.update_lock.acquire(timeout=self.timeout):
            return error(503, "another update is still running; try again later")
        try:
            reply = self.owner.run(request)
            if reply.status == 204:
                self.generation += 1
            return reply
        finally:
            self.update_lock.release()

    def stop(self) -> None:
        for worker in (self.owner, *self.readers):
            worker.stop()


if __name__ == "__main__":
    die_with_parent(int(sys.argv[2]))
    channel = Connection(int(sys.argv[1]))
    work(*channel.recv(), channel)
