"""Articles whose extraction failed (a bug in kg): a one-line cause for standard error, the traceback
for a log file, so that one article never ends a corpus run.

The log is ``kg-errors.log`` in the output folder of ``kg build --out``, else
``kg-errors-<pid>.log`` in the system's temporary folder; it is only created when an article fails.
"""
from __future__ import annotations

import os
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from kg.model import Article

FAILED = 3  # the exit status of a run that went on past articles whose extraction failed
CAUSE_CHARS = 300


@dataclass(frozen=True, slots=True)
class Failure:
    """Why one article's extraction failed: the cause on one line, and the traceback."""

    cause: str
    trace: str = ""

    @classmethod
    def of(cls, error: BaseException) -> Failure:
        message = " ".join(str(error).split())[:CAUSE_CHARS]
        name = type(error).__name__
        return cls(f"{name}: {message}" if message else name, "".join(traceback.format_exception(error)))

    def __str__(self) -> str:
        return self.cause


def default_log(out: Path | None = None) -> Path:
    """Where the tracebacks of a run go: ``out/kg-errors.log``, or a file of this process in the temp folder."""
    return out / "kg-errors.log" if out is not None else Path(tempfile.gettempdir()) / f"kg-errors-{os.getpid()}.log"


def log_failure(log: Path, article: Article, failure: Failure) -> str:
    """Append the article's traceback to ``log``; says where it went, for the one-line report."""
    try:
        with log.open("a", encoding="utf-8", errors="backslashreplace") as stream:
            stream.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} article {article.id} "
                         f"({article.source or 'no source'})\n{failure.trace or failure.cause}\n")
    except OSError as error:
        return f"traceback not logged: cannot write {log} ({error.strerror})"
    return f"traceback in {log}"
