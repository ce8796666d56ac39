"""The lint engine: which rules run with which settings, and running them on files."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ivrlint.diagnostics import Diagnostic, Finding, Pos, Severity
from ivrlint.gcpause import paused_gc
from ivrlint.loader import Loaded, load_path
from ivrlint.rules import CATALOGUE, Entry
from ivrlint.rules.base import Context

if TYPE_CHECKING:
    from ivrlint.callusage import CallSource
    from ivrlint.rules.base import Rule

UNUSED = "IVR003"  # file.unused-suppression, reported by the engine from the file's comments
# A file without such a comment has no suppression directive (the test ivrlint.suppressions
# starts with): the module is imported only for a file that has one.
DIRECTIVE_MARK = re.compile(r"#[ \t]*ivrlint[ \t]*:")


class SettingsError(ValueError):
    """A selector, severity or option that does not fit any rule."""


class PathIgnore(NamedTuple):
    """Rules not to run on files matching a glob, relative to the folder ``base``."""

    base: Path
    pattern: str
    selectors: tuple[str, ...]
    regex: re.Pattern[str]

    def matches(self, path: str) -> bool:
        relative = os.path.relpath(os.path.abspath(path), self.base).replace(os.sep, "/")
        return not relative.startswith("../") and self.regex.fullmatch(relative) is not None


@dataclass(frozen=True)
class Settings:
    """What to check. Selectors are codes (``IVR101``), code prefixes (``IVR1``), dotted names
    (``structure.max-depth``) or name prefixes (``structure``)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    per_file_ignores: tuple[PathIgnore, ...] = ()

    def over(self, base: Settings) -> Settings:
        """These settings (from the command line) over ``base`` (from a config file):
        ``select`` replaces the base's, ``ignore`` adds to it, severities and options win."""
        options = {code: dict(values) for code, values in base.options.items()}
        for code, values in self.options.items():
            options.setdefault(code, {}).update(values)
        return Settings(
            select=self.select or base.select,
            ignore=(*base.ignore, *self.ignore),
            severity={**base.severity, **self.severity},
            options=options,
            per_file_ignores=(*base.per_file_ignores, *self.per_file_ignores),
        )


class ActiveRule:
    """A rule that runs, with its severity and options. The rule's module is imported when
    the rule is first needed: a call-log rule without a log never is."""

    def __init__(self, entry: Entry, settings: Settings) -> None:
        self.entry = entry
        self.code = entry.code
        self._settings = settings
        if any(key in settings.options for key in (entry.code, entry.name)):
            _ = self.options  # a wrong option fails now, before any file is read

    @cached_property
    def rule(self) -> type[Rule]:
        return self.entry.load()

    @cached_property
    def severity(self) -> Severity:
        for key in (self.entry.code, self.entry.name):
            if key in self._settings.severity:
                return self._settings.severity[key]
        return self.rule.severity

    @cached_property
    def options(self) -> Mapping[str, Any]:
        return _options(self.rule, self._settings)


def resolve(settings: Settings) -> list[ActiveRule]:
    """The rules to run, each with its severity and options; SettingsError when one is wrong."""
    for selector in (*settings.select, *settings.ignore):
        if not any(entry.matches(selector) for entry in CATALOGUE):
            raise SettingsError(f"'{selector}' matches no rule code or name (see 'ivrlint rules')")
    active: list[ActiveRule] = []
    for entry in CATALOGUE:
        selected = not settings.select or any(entry.matches(s) for s in settings.select)
        if not selected or any(entry.matches(s) for s in settings.ignore):
            continue
        active.append(ActiveRule(entry, settings))
    return active


def _options(rule: type[Rule], settings: Settings) -> dict[str, Any]:
    values = rule.defaults()
    specs = {o.name: o for o in rule.options}
    for key in (rule.code, rule.name):
        for name, value in settings.options.get(key, {}).items():
            if name not in specs:
                known = ", ".join(specs) or "none"
                raise SettingsError(f"{rule.code} has no option '{name}' (options: {known})")
            try:
                values[name] = specs[name].coerce(value)
            except ValueError as exc:
                raise SettingsError(f"{rule.code}: {exc}") from None
    try:
        rule.check_options(values)
    except ValueError as exc:
        raise SettingsError(f"{rule.code}: {exc}") from None
    return values


class Linter:
    def __init__(self, settings: Settings | None = None, calls: CallSource | None = None) -> None:
        self.settings = settings or Settings()
        self.calls = calls  # call data for the IVR4xx rules (``--calls``)
        self.active = resolve(self.settings)
        self._by_code = {a.code: a for a in self.active}

    def lint_path(self, path: str, source_format: str | None = None) -> list[Diagnostic]:
        """Diagnostics of one file; an unreadable file is an IVR001 diagnostic too."""
        try:
            loaded = load_path(path, source_format)
        except OSError as exc:
            finding = Finding(
                pos=Pos(),
                message=f"cannot read the file: {exc.strerror or exc}",
                hint="check the path and its permissions",
            )
            loaded = Loaded(path, None, [("IVR001", finding)])
        return self.lint_loaded(loaded)

    def lint_loaded(self, loaded: Loaded) -> list[Diagnostic]:
        with paused_gc():
            return self._lint_loaded(loaded)

    def active_for(self, path: str) -> list[ActiveRule]:
        """The rules that run on ``path``: the active ones less its per-file ignores."""
        selectors = [
            s
            for ignore in self.settings.per_file_ignores
            if ignore.matches(path)
            for s in ignore.selectors
        ]
        if not selectors:
            return self.active
        return [a for a in self.active if not any(a.entry.matches(s) for s in selectors)]

    def _lint_loaded(self, loaded: Loaded) -> list[Diagnostic]:
        active = self.active_for(loaded.path)
        by_code = self._by_code if active is self.active else {a.code: a for a in active}
        diagnostics = [
            self._diagnostic(loaded.path, by_code[code], finding)
            for code, finding in loaded.findings
            if code in by_code
        ]
        if loaded.menu is not None:
            ctx = Context(loaded.menu, call_source=self.calls)
            for rule in active:
                if rule.entry.calls and self.calls is None:
                    continue  # finds nothing without a call log; not even imported
                if not rule.rule.from_loader:
                    diagnostics.extend(self._run(rule, ctx, loaded.path))
        if loaded.text and DIRECTIVE_MARK.search(loaded.text):
            diagnostics = self._suppress(loaded, diagnostics, by_code)
        return sorted(set(diagnostics), key=lambda d: d.sort_key)

    def _suppress(
        self, loaded: Loaded, diagnostics: list[Diagnostic], by_code: Mapping[str, ActiveRule]
    ) -> list[Diagnostic]:
        """Drop what ``# ivrlint: disable`` comments silence; report those that silence nothing."""
        from ivrlint.suppressions import apply as apply_suppressions
        from ivrlint.suppressions import parse as parse_suppressions

        suppressions = parse_suppressions(loaded.text)
        if not suppressions.directives and not suppressions.problems:
            return diagnostics
        kept, unused = apply_suppressions(
            suppressions, diagnostics, loaded.menu, by_code.__contains__
        )
        if UNUSED in by_code:
            kept.extend(self._diagnostic(loaded.path, by_code[UNUSED], f) for f in unused)
        return kept

    def _run(self, active: ActiveRule, ctx: Context, path: str) -> Iterable[Diagnostic]:
        try:
            findings = list(active.rule().check(ctx, active.options))
        except Exception as exc:  # a bug in one rule must not hide the others' findings
            findings = [
                Finding(
                    Pos(),
                    f"internal error in rule {active.rule.code}: {type(exc).__name__}: {exc}",
                    "this is a bug in ivrlint; please report it with the menu file",
                )
            ]
        return [self._diagnostic(path, active, f) for f in findings]

    @staticmethod
    def _diagnostic(path: str, active: ActiveRule, finding: Finding) -> Diagnostic:
        end = finding.end
        return Diagnostic(
            path=path,
            line=finding.pos.line,
            column=finding.pos.column,
            end_line=end.line if end is not None else None,
            end_column=end.column if end is not None else None,
            code=active.entry.code,
            name=active.entry.name,
            severity=active.severity,
            message=finding.message,
            hint=finding.hint,
            menu=finding.menu,
            key=finding.key,
            related=finding.related,
        )


class Checker:
    """Lints each file with the settings of its configuration file, under ``overrides`` (the
    command line's). The configuration is ``config`` when given, none when ``isolated``, else
    the nearest one up the file's folders. One Linter is built per configuration file."""

    def __init__(
        self,
        overrides: Settings | None = None,
        *,
        config: str | Path | None = None,
        isolated: bool = False,
        calls: CallSource | None = None,
    ) -> None:
        from ivrlint.config import ConfigFinder, load_config

        self.overrides = overrides or Settings()
        self.calls = calls
        resolve(self.overrides)  # a bad command-line selector fails before any file is read
        self._fixed = load_config(config) if config is not None else None
        self._finder = ConfigFinder() if config is None and not isolated else None
        self._linters: dict[Path | None, Linter] = {}

    def linter_for(self, path: str) -> Linter:
        """The linter for ``path``; raises ConfigError when its configuration is wrong."""
        config = self._fixed or (self._finder.for_path(path) if self._finder else None)
        key = config.path if config is not None else None
        linter = self._linters.get(key)
        if linter is None:
            base = config.settings if config is not None else Settings()
            linter = self._linters[key] = Linter(self.overrides.over(base), self.calls)
        return linter

    def lint_path(self, path: str, source_format: str | None = None) -> list[Diagnostic]:
        return self.linter_for(path).lint_path(path, source_format)

    def codes_for(self, path: str) -> tuple[str, ...]:
        """Codes of the rules that run on ``path``."""
        return tuple(a.code for a in self.linter_for(path).active_for(path))
