"""The lint engine: which rules run with which settings, and running them on files."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ivrlint.diagnostics import Diagnostic, Finding, Pos, Severity
from ivrlint.gcpause import paused_gc
from ivrlint.loader import Loaded, load_path
from ivrlint.rules import RULES
from ivrlint.rules.base import Context, Rule


class SettingsError(ValueError):
    """A selector, severity or option that does not fit any rule."""


@dataclass(frozen=True)
class Settings:
    """What to check. Selectors are codes (``IVR101``), code prefixes (``IVR1``), dotted names
    (``structure.max-depth``) or name prefixes (``structure``)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class ActiveRule:
    rule: type[Rule]
    severity: Severity
    options: Mapping[str, Any]


def matches(rule: type[Rule], selector: str) -> bool:
    text = selector.strip()
    if text.upper() == "ALL":
        return True
    code, name = rule.code, rule.name
    return (
        code.startswith(text.upper()) or name == text.lower() or name.startswith(f"{text.lower()}.")
    )


def resolve(settings: Settings) -> list[ActiveRule]:
    """The rules to run, each with its severity and options; SettingsError when one is wrong."""
    for selector in (*settings.select, *settings.ignore):
        if not any(matches(rule, selector) for rule in RULES):
            raise SettingsError(f"'{selector}' matches no rule code or name (see 'ivrlint rules')")
    active: list[ActiveRule] = []
    for rule in RULES:
        selected = not settings.select or any(matches(rule, s) for s in settings.select)
        if not selected or any(matches(rule, s) for s in settings.ignore):
            continue
        active.append(ActiveRule(rule, _severity(rule, settings), _options(rule, settings)))
    return active


def _severity(rule: type[Rule], settings: Settings) -> Severity:
    for key in (rule.code, rule.name):
        if key in settings.severity:
            return settings.severity[key]
    return rule.severity


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
    return values


class Linter:
    def __init__(self, settings: Settings | None = None) -> None:
        self.active = resolve(settings or Settings())
        self._by_code = {a.rule.code: a for a in self.active}

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

    def _lint_loaded(self, loaded: Loaded) -> list[Diagnostic]:
        diagnostics = [
            self._diagnostic(loaded.path, self._by_code[code], finding)
            for code, finding in loaded.findings
            if code in self._by_code
        ]
        if loaded.menu is not None:
            ctx = Context(loaded.menu)
            for active in self.active:
                if not active.rule.from_loader:
                    diagnostics.extend(self._run(active, ctx, loaded.path))
        return sorted(set(diagnostics), key=lambda d: d.sort_key)

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
        return Diagnostic(
            path=path,
            line=finding.pos.line,
            column=finding.pos.column,
            code=active.rule.code,
            name=active.rule.name,
            severity=active.severity,
            message=finding.message,
            hint=finding.hint,
            menu=finding.menu,
            key=finding.key,
            related=finding.related,
        )
