"""Reading the files users name: bounded in size, and safe on pipes and devices.

A menu or configuration file is read whole, so a path to ``/dev/zero``, ``/dev/urandom`` or
a huge log must stop at a limit rather than fill the memory. A pipe or a device is read as a
stream, as ``cat`` would (``ivrlint check <(git show HEAD:menu.yaml)`` works); a named pipe
that nothing writes to is an error rather than a wait without end.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

CHUNK = 1 << 20


class TooLarge(Exception):
    """The file holds more than ``limit`` bytes; ``size`` is its size when known."""

    def __init__(self, size: int | None, limit: int) -> None:
        super().__init__(f"more than {limit} bytes")
        self.size = size
        self.limit = limit

    def describe(self) -> str:
        """``"file is 31.2 MB"`` or, for a stream, ``"file is larger than 20 MB"``."""
        mb = 1_048_576
        if self.size is None:
            return f"file is larger than {self.limit // mb} MB"
        return f"file is {self.size / mb:.1f} MB"


def exists(path: str | Path) -> bool:
    """Whether anything is at ``path``. False, rather than an error, when the name cannot be
    looked up at all (too long, or holding a NUL character)."""
    try:
        os.stat(path)
    except (OSError, ValueError):
        return False
    return True


def read_bounded(path: str | Path, limit: int) -> bytes:
    """The bytes of ``path``. TooLarge past ``limit`` bytes; OSError when it cannot be read
    (a folder, a missing file, no permission, a named pipe with no writer)."""
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder, not a file", str(path))
    if stat.S_ISREG(info.st_mode) and info.st_size > limit:
        raise TooLarge(info.st_size, limit)
    fifo = stat.S_ISFIFO(info.st_mode)
    # A named pipe opened without O_NONBLOCK waits for a writer; with it, opening returns at
    # once and the first read tells whether anything is writing.
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | (getattr(os, "O_NONBLOCK", 0) if fifo else 0)
    fd = os.open(path, flags)
    try:
        chunks = [_first_of_pipe(fd, path)] if fifo else []
        size = sum(map(len, chunks))
        while size <= limit:
            chunk = os.read(fd, CHUNK)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:
        raise TooLarge(info.st_size if stat.S_ISREG(info.st_mode) else None, limit)
    return b"".join(chunks)


def _first_of_pipe(fd: int, path: str | Path) -> bytes:
    try:
        chunk = os.read(fd, CHUNK)
    except BlockingIOError:  # a writer is there, with nothing written yet: wait for it
        chunk = b""
    else:
        if not chunk:
            raise OSError(errno.EPIPE, "it is a named pipe and nothing is writing to it", str(path))
    os.set_blocking(fd, True)
    return chunk
