"""Configuration files: ``[tool.ivrlint]`` in ``pyproject.toml`` or a ``.ivrlint.toml``.

A checked file uses the nearest configuration found walking up from its folder; in one folder
``.ivrlint.toml`` wins over ``pyproject.toml`` (and a ``pyproject.toml`` without a
``[tool.ivrlint]`` table does not count). Lookups are cached per folder. Every mistake in a
file (an unknown key, a bad value, a rule that does not exist) is a ConfigError naming the
file and line. The format is documented in docs/configuration.md.

TOML is read with the standard library's tomllib, which is fast and always there but keeps no
positions. Positions are needed only to report a mistake, so on that path alone the line of
the offending key is looked up in the file's text (``TomlLines``).
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ivrlint.diagnostics import Severity
from ivrlint.engine import PathIgnore, Settings
from ivrlint.rules import CATALOGUE, lookup
from ivrlint.rules.base import Rule

if TYPE_CHECKING:
    import tomllib

CONFIG_FILE = ".ivrlint.toml"
PYPROJECT = "pyproject.toml"
# In one folder the first of these that configures ivrlint wins.
CONFIG_NAMES = (CONFIG_FILE, PYPROJECT)
TOP_KEYS = ("extends", "select", "ignore", "per-file-ignores", "rules")
SEVERITY_KEY = "severity"
MAX_CONFIG_BYTES = 4 * 1_048_576

KeyPath = tuple[str, ...]


class ConfigError(Exception):
    """A configuration file that cannot be used; ``str()`` names the file and line."""

    def __init__(self, path: Path | str, line: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.path = str(path)
        self.line = line
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        path = self.path
        try:
            relative = os.path.relpath(path) if os.path.isabs(path) else path
        except ValueError:  # another drive on Windows
            relative = path
        if not relative.startswith(".."):
            path = relative  # configuration files are found by absolute paths; show them short
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.message}"


class Config(NamedTuple):
    """The settings one configuration file stands for, its extended files included."""

    path: Path
    settings: Settings
    files: tuple[Path, ...] = ()  # this file and every file it extends


class _Layer:
    """What one file says, before the files it extends are merged under it. A plain class,
    not a dataclass: nothing compares or prints it, and a dataclass would compile its
    generated methods on every run (docs/performance.md)."""

    __slots__ = ("ignore", "options", "per_file", "select", "severity")

    def __init__(
        self,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] | None = None,
        severity: dict[str, Severity] | None = None,
        options: dict[str, dict[str, Any]] | None = None,
        per_file: list[PathIgnore] | None = None,
    ) -> None:
        self.select = select
        self.ignore = ignore
        self.severity: dict[str, Severity] = severity if severity is not None else {}
        self.options: dict[str, dict[str, Any]] = options if options is not None else {}
        self.per_file: list[PathIgnore] = per_file if per_file is not None else []

    def under(self, child: _Layer) -> _Layer:
        """This layer with ``child`` on top: the child's values win."""
        options = {code: dict(values) for code, values in self.options.items()}
        for code, values in child.options.items():
            options.setdefault(code, {}).update(values)
        return _Layer(
            select=child.select if child.select is not None else self.select,
            ignore=child.ignore if child.ignore is not None else self.ignore,
            severity={**self.severity, **child.severity},
            options=options,
            per_file=[*self.per_file, *child.per_file],
        )


# -- loading ----------------------------------------------------------------------------------


def load_config(path: Path | str) -> Config:
    """The configuration in ``path`` (a ``pyproject.toml`` or an ivrlint TOML file)."""
    config = _Loader().load(Path(path), required=True)
    assert config is not None  # required=True raises instead
    return config


class _Loader:
    def __init__(self) -> None:
        self.stack: list[Path] = []
        self.files: list[Path] = []

    def load(self, path: Path, *, required: bool) -> Config | None:
        layer = self.layer(path, required=required)
        if layer is None:
            return None
        settings = Settings(
            select=layer.select or (),
            ignore=layer.ignore or (),
            severity=layer.severity,
            options=layer.options,
            per_file_ignores=tuple(layer.per_file),
        )
        return Config(path, settings, tuple(self.files))

    def layer(self, path: Path, *, required: bool) -> _Layer | None:
        import tomllib  # only when a configuration file exists

        text = _read(path)
        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise _syntax_error(path, text, exc) from None
        prefix: KeyPath = ()
        if path.name == PYPROJECT:
            prefix = ("tool", "ivrlint")
            table = document.get("tool", {}).get("ivrlint")
            if table is None:
                if required:
                    raise ConfigError(path, 0, "has no [tool.ivrlint] table")
                return None
        else:
            table = document
        if not isinstance(table, dict):
            raise ConfigError(
                path, TomlLines(text).line_of(prefix), "ivrlint's settings must be a table"
            )
        self.files.append(path)
        reader = _Reader(path, text, prefix)
        layer = reader.read(table)
        if "extends" not in table:
            return layer
        return self.extended(path, reader, table["extends"]).under(layer)

    def extended(self, path: Path, reader: _Reader, value: Any) -> _Layer:
        if not isinstance(value, str) or not value:
            raise reader.error(("extends",), "extends takes the path of another config file")
        if "\x00" in value:
            raise reader.error(("extends",), "extends names a path with a NUL character")
        target = (path.parent / value).resolve()
        self.stack.append(path.resolve())
        if target in self.stack:
            chain = " -> ".join(str(p) for p in [*self.stack, target])
            raise reader.error(("extends",), f"extends makes a cycle: {chain}")
        if not _is_file(target):
            raise reader.error(("extends",), f"extends names {value!r}, which is not a file")
        parent = self.layer(target, required=True)
        self.stack.pop()
        assert parent is not None
        return parent


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long to look up
        return False


def _read(path: Path) -> str:
    from ivrlint.files import TooLarge, read_bounded

    try:
        return read_bounded(path, MAX_CONFIG_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(path, 0, "is not UTF-8 text") from None
    except TooLarge as exc:
        raise ConfigError(
            path, 0, f"is not a configuration file: {exc.describe()}", "check the path"
        ) from None
    except OSError as exc:
        raise ConfigError(path, 0, f"cannot be read: {exc.strerror or exc}") from None


def _syntax_error(path: Path, source: str, exc: tomllib.TOMLDecodeError) -> ConfigError:
    text = str(exc)
    found = re.search(r"\(at line (\d+), column \d+\)", text)
    line = int(found.group(1)) if found else max(1, len(source.splitlines()))
    message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", text)
    return ConfigError(path, line, f"is not valid TOML: {message}")


class _Reader:
    """Checks one ivrlint table and turns it into a layer."""

    def __init__(self, path: Path, text: str, prefix: KeyPath) -> None:
        self.path = path
        self.text = text
        self.prefix = prefix

    def error(self, keys: KeyPath, message: str, hint: str = "") -> ConfigError:
        line = TomlLines(self.text).line_of((*self.prefix, *keys))
        return ConfigError(self.path, line, message, hint)

    def read(self, table: Mapping[str, Any]) -> _Layer:
        for key in table:
            if key not in TOP_KEYS:
                raise self.error((key,), f"unknown key '{key}'", _did_you_mean(key, TOP_KEYS))
        layer = _Layer()
        if "select" in table:
            layer.select = self.selectors(("select",), table["select"])
        if "ignore" in table:
            layer.ignore = self.selectors(("ignore",), table["ignore"])
        if "per-file-ignores" in table:
            layer.per_file = self.per_file(table["per-file-ignores"])
        if "rules" in table:
            self.rules(table["rules"], layer)
        return layer

    def selectors(self, keys: KeyPath, value: Any) -> tuple[str, ...]:
        name = ".".join(keys)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(keys, f'{name} takes a list of rule codes or names, like ["IVR1"]')
        for selector in value:
            if not selector.strip() or not any(rule.matches(selector) for rule in CATALOGUE):
                raise self.error(
                    keys,
                    f"'{selector}' in {name} matches no rule code or name",
                    _did_you_mean(selector, _rule_words()) or "see 'ivrlint rules'",
                )
        return tuple(value)

    def per_file(self, value: Any) -> list[PathIgnore]:
        key = "per-file-ignores"
        if not isinstance(value, dict):
            raise self.error((key,), f"{key} takes a table of glob = [rule codes or names]")
        base = self.path.resolve().parent
        ignores = []
        for pattern, codes in value.items():
            try:
                regex = glob_regex(pattern)
            except ValueError as exc:
                raise self.error((key, pattern), str(exc), "fix the set in brackets") from None
            ignores.append(PathIgnore(base, pattern, self.selectors((key, pattern), codes), regex))
        return ignores

    def rules(self, value: Any, layer: _Layer) -> None:
        if not isinstance(value, dict):
            raise self.error(("rules",), "rules takes a table per rule: [rules.IVR102]")
        for key, body in value.items():
            rule = lookup(key)
            if rule is None:
                raise self.error(
                    ("rules", key),
                    f"rules.{key}: no rule has this code or name",
                    _did_you_mean(key, _rule_words()) or "see 'ivrlint rules'",
                )
            if not isinstance(body, dict):
                raise self.error(("rules", key), f"rules.{key} takes a table of options")
            self.rule_settings(rule, key, body, layer)

    def rule_settings(
        self, rule: type[Rule], key: str, body: Mapping[str, Any], layer: _Layer
    ) -> None:
        specs = {o.name: o for o in rule.options}
        for name, value in body.items():
            keys = ("rules", key, name)
            if name == SEVERITY_KEY:
                layer.severity[rule.code] = self.severity(keys, value)
                continue
            if name not in specs:
                known = ", ".join([SEVERITY_KEY, *specs])
                hint = _did_you_mean(name, [SEVERITY_KEY, *specs]) or f"{rule.code} takes {known}"
                raise self.error(keys, f"{rule.code} ({rule.name}) has no option '{name}'", hint)
            try:
                coerced = specs[name].coerce(value)
            except ValueError as exc:
                raise self.error(keys, f"{rule.code}: {exc}") from None
            layer.options.setdefault(rule.code, {})[name] = coerced

    def severity(self, keys: KeyPath, value: Any) -> Severity:
        try:
            if not isinstance(value, str):
                raise ValueError(f"severity takes text, not {value!r}")
            return Severity.parse(value)
        except ValueError as exc:
            raise self.error(
                keys, str(exc), 'write severity = "error", "warning" or "info"'
            ) from None


def _rule_words() -> list[str]:
    return [rule.code for rule in CATALOGUE] + [rule.name for rule in CATALOGUE]


def _did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        close = [c for c in choices if c.upper() == word.upper()]
    return f"did you mean '{close[0]}'?" if close else ""


# -- paths --------------------------------------------------------------------------------------


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob as a regex over a ``/``-separated relative path.

    ``*`` and ``?`` stay within one folder, ``**`` spans any number of folders, ``[abc]`` is
    a set. A pattern without ``/`` matches a file name in any folder, as in ``.gitignore``.
    """
    text = pattern.strip().removeprefix("./")
    parts: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if text.startswith("**/", i):
            parts.append("(?:.*/)?")
            i += 3
            continue
        if text.startswith("**", i):
            parts.append(".*")
            i += 2
            continue
        if char == "*":
            parts.append("[^/]*")
        elif char == "?":
            parts.append("[^/]")
        elif char == "[" and (end := text.find("]", i + 2)) > 0:
            body = text[i + 1 : end]
            negate = body.startswith("!")
            body = re.escape(body[1:] if negate else body).replace("\\-", "-")
            parts.append(f"[{'^' if negate else ''}{body}]")
            i = end + 1
            continue
        else:
            parts.append(re.escape(char))
        i += 1
    anchor = "" if "/" in text else "(?:.*/)?"
    try:
        return re.compile(f"{anchor}{''.join(parts)}")
    except re.error as exc:  # a set like [z-a]
        raise ValueError(f"'{pattern}' is not a valid glob: {exc.msg}") from None


# -- discovery ----------------------------------------------------------------------------------


class ConfigFinder:
    """The configuration of each checked file: the nearest one up its folders. Each folder is
    looked at once and each file read once, however many files are checked."""

    def __init__(self) -> None:
        self._by_name: dict[str, Config | None] = {}
        self._by_folder: dict[Path, Config | None] = {}
        self._by_file: dict[Path, Config | None] = {}

    def for_path(self, path: str | Path) -> Config | None:
        name = os.path.dirname(os.path.abspath(path))
        if name in self._by_name:  # the common case: a file in a folder seen before
            return self._by_name[name]
        self._by_name[name] = found = self._walk(Path(name))
        return found

    def _walk(self, folder: Path) -> Config | None:
        visited: list[Path] = []
        found: Config | None = None
        for candidate in (folder, *folder.parents):
            if candidate in self._by_folder:
                found = self._by_folder[candidate]
                break
            visited.append(candidate)
            found = self._in_folder(candidate)
            if found is not None:
                break
        for seen in visited:
            self._by_folder[seen] = found
        return found

    def _in_folder(self, folder: Path) -> Config | None:
        for name in CONFIG_NAMES:
            path = folder / name
            if path in self._by_file:
                config = self._by_file[path]
            elif path.is_file():
                config = _Loader().load(path, required=name != PYPROJECT)
                self._by_file[path] = config
            else:
                continue
            if config is not None:
                return config
        return None


# -- positions ----------------------------------------------------------------------------------

_BARE = r"[A-Za-z0-9_-]+"
_KEY = rf"(?:{_BARE}|\"(?:[^\"\\]|\\.)*\"|'[^']*')"
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Table header, assignment and key patterns: compiled only for an error message (about
    1 ms that a check with a correct configuration need not pay)."""
    return (
        re.compile(rf"\s*\[\[?\s*(?P<keys>{_DOTTED})\s*\]\]?"),
        re.compile(rf"\s*(?P<keys>{_DOTTED})\s*="),
        re.compile(_KEY),
    )


class TomlLines:
    """Where each table header and key of a TOML text is written, for error messages."""

    def __init__(self, text: str) -> None:
        self.entries: list[tuple[KeyPath, int]] = list(self._scan(text))

    @staticmethod
    def _scan(text: str) -> Iterator[tuple[KeyPath, int]]:
        table: KeyPath = ()
        in_string = ""
        header_pattern, assign_pattern, _ = _patterns()
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string:
                if line.count(in_string) % 2:
                    in_string = ""
                continue
            if header := header_pattern.match(line):
                table = _keys(header["keys"])
                yield table, number
            elif assign := assign_pattern.match(line):
                yield (*table, *_keys(assign["keys"])), number
                rest = line[assign.end() :]
                for quotes in ('"""', "'''"):
                    if rest.count(quotes) % 2:
                        in_string = quotes

    def line_of(self, keys: KeyPath) -> int:
        """The line of ``keys``; else of the nearest enclosing key written; else of the first
        key inside it; 0 when nothing matches."""
        best, best_length = 0, -1
        for path, line in self.entries:
            if path == keys:
                return line
            if keys[: len(path)] == path and len(path) > best_length:
                best, best_length = line, len(path)
        if best_length > 0:
            return best
        inside = [line for path, line in self.entries if path[: len(keys)] == keys]
        return min(inside, default=best)


def _keys(text: str) -> KeyPath:
    parts: list[str] = []
    for match in _patterns()[2].finditer(text):
        part = match.group()
        if part[0] == '"':
            part = _unescape(part)
        elif part[0] == "'":
            part = part[1:-1]
        parts.append(part)
    return tuple(parts)


def _unescape(quoted: str) -> str:
    if "\\" not in quoted:
        return quoted[1:-1]
    import json  # TOML's basic-string escapes are JSON's, bar \e and \x, rare in keys

    try:
        text: str = json.loads(quoted)
    except ValueError:
        return quoted[1:-1]
    return text
