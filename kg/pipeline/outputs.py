"""Writing outputs atomically: every file is complete, or the old one is left untouched."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from kg.errors import KgError


def prepare_dir(directory: Path) -> Path:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise KgError(f"{directory}: cannot create output folder ({error.strerror})",
                      "choose a writable --out folder") from None
    if not os.access(directory, os.W_OK):
        raise KgError(f"{directory}: output folder is not writable", "choose a writable --out folder")
    return directory


def file_mode() -> int:
    """The mode a new file gets from the user's umask (0644 with the usual 022)."""
    mask = os.umask(0o077)
    os.umask(mask)
    return 0o666 & ~mask


def write_files(files: Mapping[Path, str | bytes | Path]) -> None:
    """Write every file to a temporary neighbour first, then rename them all into place; a Path value is
    a file already written on the same file system, moved into place with the others.

    Each file gets the mode the user's umask gives (a temporary file alone would stay 0600).
    """
    staged: list[tuple[Path, Path]] = []
    mode = file_mode()
    try:
        for path, content in files.items():
            prepare_dir(path.parent)
            if isinstance(content, Path):
                os.chmod(content, mode)
                staged.append((content, path))
                continue
            handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            os.fchmod(handle, mode)
            with os.fdopen(handle, "wb") as stream:
                stream.write(content.encode("utf-8") if isinstance(content, str) else content)
                stream.flush()
                os.fsync(stream.fileno())
            staged.append((Path(name), path))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, path in staged:
        os.replace(temporary, path)
