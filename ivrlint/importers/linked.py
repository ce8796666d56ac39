"""Files an export names from inside itself: a dialplan's ``#include``, a VoiceXML
``<subdialog src>``.

They are read relative to the file that names them, only inside the folder of the file the
user gave (a name reaching outside it is not read, and the importer says so), at most
``MAX_DEPTH`` files deep and ``MAX_FILES`` in all, each bounded in size like the file itself.
A file that names one already being read (a cycle) is not read again. Nothing is read when
the text did not come from the file at ``path`` (a git revision, standard input): the
files beside it on disk may not be the ones it meant.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass

from ivrlint.files import TooLarge, read_bounded
from ivrlint.loader.yamlsource import MAX_FILE_BYTES, SourceError, decode

MAX_DEPTH = 8
MAX_FILES = 64
_WILDCARDS = frozenset("*?[")


@dataclass(frozen=True)
class Link:
    """One file being read: where it is, and how messages name it (relative to the folder
    of the file the user gave)."""

    path: str
    shown: str


class LinkError(Exception):
    """A named file that is not read. ``outside`` and ``unavailable`` (no file on disk to
    read beside) are decisions, not mistakes of the export; the rest are."""

    def __init__(self, message: str, hint: str = "", *, kind: str = "error") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.kind = kind


class Linked:
    """Opens the files one export names, within the bounds above."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.root = ""
        self.count = 0
        self._top: Link | None = None
        self._looked = False

    @property
    def top(self) -> Link | None:
        """The file the user gave; None when the text was not read from it. Looked up when
        a first file is named: most exports name none."""
        if not self._looked:
            self._looked = True
            if self.path and _same_text(self.path, self.text):
                real = os.path.realpath(self.path)
                self.root = os.path.dirname(real)
                self._top = Link(real, os.path.basename(self.path))
        return self._top

    def resolve(self, name: str, chain: tuple[Link, ...]) -> list[Link]:
        """The files ``name`` (written in ``chain[-1]``) stands for: one, or those a wildcard
        matches, sorted. LinkError when none can be read."""
        top = self.top
        if top is None:
            raise LinkError(
                f"'{name}' is not read: the text was not read from a file on disk, so "
                "the files beside it may not be the ones it names",
                kind="unavailable",
            )
        if len(chain) > MAX_DEPTH:
            raise LinkError(
                f"'{name}' is not read: files include each other more than {MAX_DEPTH} deep",
                "flatten the includes",
            )
        base = os.path.dirname(chain[-1].path)
        wanted = os.path.normpath(os.path.join(base, name))
        if _WILDCARDS & set(name):
            found = sorted(p for p in glob.glob(wanted) if os.path.isfile(p))
            if not found:
                raise LinkError(f"'{name}' matches no file", kind="empty")
        else:
            found = [wanted]
        links = []
        for path in found:
            real = os.path.realpath(path)
            if os.path.commonpath([real, self.root]) != self.root:
                raise LinkError(
                    f"'{name}' is outside the folder of {top.shown}: not read",
                    f"check {name} on its own as well",
                    kind="outside",
                )
            shown = os.path.relpath(real, self.root).replace(os.sep, "/")
            if any(link.path == real for link in chain):
                route = " → ".join([*(link.shown for link in chain), shown])
                raise LinkError(
                    f"'{name}' is already being read ({route}): a cycle; not read again",
                    "remove one of the includes",
                )
            links.append(Link(real, shown))
        return links

    def read(self, link: Link) -> str:
        """The text of ``link``; LinkError when it is missing, too large or not text."""
        if self.count >= MAX_FILES:
            raise LinkError(
                f"{link.shown} is not read: more than {MAX_FILES} files are included",
                "check the included files on their own",
            )
        try:
            data = read_bounded(link.path, MAX_FILE_BYTES)
            text = decode(data)
        except FileNotFoundError:
            raise LinkError(f"{link.shown} does not exist", kind="missing") from None
        except TooLarge as exc:
            raise LinkError(f"{link.shown} is not read: {exc.describe()}") from None
        except SourceError as exc:
            raise LinkError(f"{link.shown} is not read: {exc.message}") from None
        except OSError as exc:
            raise LinkError(f"{link.shown} cannot be read: {exc.strerror or exc}") from None
        self.count += 1
        return text


def _same_text(path: str, text: str) -> bool:
    """Whether ``text`` is what the file at ``path`` holds (else it came from elsewhere)."""
    try:
        return decode(read_bounded(path, MAX_FILE_BYTES)) == text
    except (OSError, TooLarge, SourceError, ValueError):
        return False
