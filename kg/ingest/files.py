"""Reading article files safely: regular files only, opened without blocking, read within a bound.

A named pipe, a device (a link to ``/dev/zero``), a socket or a folder where a file should be is a
:class:`BadInput` naming it, found by the file's type before anything is read; a FIFO is opened
without blocking, so nothing waits for a writer.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from kg.errors import BadInput

MAX_BYTES = 5_000_000
SPLIT_HINT = "split it into articles: one per file, or one per line of a .jsonl corpus"
KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
         (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))
NOT_REGULAR_HINT = "kg reads regular files only: copy it to a file, or pipe it in with: kg build - < PATH"


def os_problem(path: Path, error: OSError) -> BadInput:
    """The BadInput for a file the OS would not let us read."""
    if isinstance(error, FileNotFoundError):
        hint = "the link is broken: fix or remove it" if path.is_symlink() else "check the path"
        return BadInput(str(path), "no such file", hint)
    if isinstance(error, PermissionError):
        return BadInput(str(path), "permission denied", "make the file readable (chmod +r)")
    return BadInput(str(path), f"cannot read ({error.strerror or error})", "check the path")


def kind_of(mode: int) -> str:
    return next((name for test, name in KINDS if test(mode)), "not a regular file")


def check_regular(path: Path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise BadInput(str(path), f"this is {kind_of(mode)}, not a regular file", NOT_REGULAR_HINT)


def is_regular(path: Path) -> bool:
    """True for a regular file (links followed); False for anything else, or nothing there."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


@contextmanager
def open_regular(path: Path) -> Iterator[BinaryIO]:
    """``path`` open for reading in binary, if it is a regular file (checked before and after opening)."""
    try:
        check_regular(path, path.stat().st_mode)
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise os_problem(path, error) from None
    try:
        check_regular(path, os.fstat(handle).st_mode)  # the path may have changed since it was looked at
        os.set_blocking(handle, True)
        stream = os.fdopen(handle, "rb")
    except BaseException:
        os.close(handle)
        raise
    with stream:
        yield stream


def too_large(where: str, size: float) -> BadInput:
    return BadInput(where, f"{size / 1e6:.1f} MB is more than the {MAX_BYTES / 1e6:.0f} MB kg reads as one article",
                    SPLIT_HINT)


def read_bytes(path: Path) -> bytes:
    """Read one article file; refuse, before reading, one above MAX_BYTES, and never read more."""
    with open_regular(path) as stream:
        try:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_BYTES:
                raise too_large(str(path), size)
            data = stream.read(MAX_BYTES + 1)
        except OSError as error:
            raise os_problem(path, error) from None
    if len(data) > MAX_BYTES:  # it grew while we read
        raise too_large(str(path), len(data))
    return data
