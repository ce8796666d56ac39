"""Menu versions named on the command line: a file, or a file at a git revision.

``ivrlint diff HEAD~1:menus/main.yaml menus/main.yaml`` compares the committed menu with the
working copy. ``REV:PATH`` follows git's own rule: PATH is relative to the repository's top
folder, ``REV:./PATH`` to the current folder.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass

from ivrlint.files import exists
from ivrlint.loader import Loaded, load_bytes, load_path

_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


class SourceError(Exception):
    """The named version cannot be read; the message says why and what to do."""


@dataclass(frozen=True)
class Source:
    spec: str  # as the user wrote it
    revision: str | None  # None: a file on disk
    path: str


def parse_source(spec: str) -> Source:
    """A file when it exists (or looks like a path); ``REV:PATH`` otherwise."""
    if exists(spec) or _WINDOWS_DRIVE.match(spec) or ":" not in spec:
        return Source(spec, None, spec)
    revision, _, path = spec.partition(":")
    if not revision or not path:
        raise SourceError(f"'{spec}' is neither a file nor REVISION:PATH (e.g. HEAD~1:menu.yaml)")
    if revision.startswith("-"):  # git would read it as an option
        raise SourceError(f"'{spec}': a git revision cannot start with '-'")
    return Source(spec, revision, path)


def load_source(spec: str, source_format: str | None = None) -> Loaded:
    """Load the menu version ``spec`` names, in ``source_format`` or the detected format
    (any format ``ivrlint check`` reads); SourceError when it cannot be read."""
    source = parse_source(spec)
    if source.revision is None:
        try:
            return load_path(source.path, source_format)
        except FileNotFoundError:
            raise SourceError(f"no such file: {spec}") from None
        except IsADirectoryError:
            raise SourceError(f"{spec} is a folder; name one menu file") from None
        except OSError as exc:
            raise SourceError(f"cannot read {spec}: {exc.strerror or exc}") from None
    return load_bytes(git_show(source), source.path, source_format)


def git_show(source: Source) -> bytes:
    """The bytes of ``source.path`` at ``source.revision``, read with ``git show``."""
    object_name = f"{source.revision}:{source.path}"
    _git(["rev-parse", "--show-toplevel"], f"'{source.spec}' names a git revision, but")
    kind = _git(["cat-file", "-t", object_name], f"cannot read '{source.spec}':").strip()
    if kind != b"blob":
        what = "folder" if kind == b"tree" else kind.decode()
        raise SourceError(f"'{source.spec}' is a {what} in git; name one menu file")
    return _git(["show", object_name], f"cannot read '{source.spec}':")


def _git(args: list[str], context: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise SourceError(f"{context} git is not installed") from None
    except subprocess.TimeoutExpired:
        raise SourceError(f"{context} git did not answer within 60 s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        text = message[0] if message else f"git {args[0]} failed"
        text = text.removeprefix("fatal: ")
        if "not a git repository" in text:
            text = "the current folder is not inside a git repository"
        raise SourceError(f"{context} {text}")
    return done.stdout
