"""Writing the files users ask for (reports, graphs, converted menus) without ever
clobbering something they own: an existing file is replaced only with ``--force``, an input
file never, and a write is atomic, so an interrupted run leaves the old file whole."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


class OutputError(Exception):
    """The output cannot be written where asked; the message says what to do."""


def check_output_path(path: Path, *, force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Raise OutputError when writing ``path`` would overwrite an input or, without
    ``force``, any existing file. Call it before doing the work, so a long run does not end
    in a refusal. A pipe or a device (``/dev/stdout``, ``/dev/null``) is written into, not
    replaced, and needs no ``--force``."""
    try:
        target = path.resolve()
        if any(Path(source).resolve() == target for source in inputs):
            raise OutputError(f"{path} is one of the inputs; choose another output file")
        if path.is_dir():
            raise OutputError(f"{path} is a folder; name an output file")
        if path.exists() and not force and not _special(path):
            raise OutputError(f"{path} already exists; pass --force to replace it")
        if not path.parent.exists():
            raise OutputError(f"folder {path.parent} does not exist")
    except (OSError, ValueError) as exc:  # a name too long, a folder without permission
        raise OutputError(f"cannot write {path}: {getattr(exc, 'strerror', None) or exc}") from None


def write_output(
    path: Path, data: str | bytes, *, force: bool = False, inputs: Iterable[Path] = ()
) -> None:
    """Write ``data`` to ``path``; OutputError (naming the file and the reason) when it
    cannot be written."""
    check_output_path(path, force=force, inputs=inputs)
    payload = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
    try:
        if _special(path):
            with open(path, "wb") as handle:
                handle.write(payload)
        else:
            # Through a link to the file it names: the link stays.
            _replace(path.resolve() if path.is_symlink() else path, payload)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def _replace(path: Path, payload: bytes) -> None:
    """Write a temporary file next to ``path``, then rename it over ``path``: atomic."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        # mkstemp creates the file 0600; give the user's usual permissions, as open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _special(path: Path) -> bool:
    """A pipe, a device or a socket: something to write into, never to replace."""
    try:
        return not stat.S_ISREG(path.stat().st_mode) and not path.is_dir()
    except OSError:
        return False
