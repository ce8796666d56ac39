"""What a rule is: metadata (code, name, severity, options, documentation) and a check."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from ivrlint.diagnostics import Finding, Severity
from ivrlint.flow import Flow
from ivrlint.model import Menu, MenuFile, Option
from ivrlint.text.language import detect, normalise_language
from ivrlint.text.speech import DEFAULT_WORDS_PER_MINUTE

if TYPE_CHECKING:
    from ivrlint.callusage import CallSource, CallUsage

OPERATOR_KEY = "0"


class RuleOption(NamedTuple):
    """A typed, documented setting of a rule. The type is the default's type."""

    name: str
    default: Any
    help: str
    minimum: float | None = None  # a number: the smallest value that makes sense
    choices: tuple[str, ...] = ()  # text: the values allowed, when they are few

    def coerce(self, value: Any) -> Any:
        """``value`` checked against the default's type and limits; raises ValueError when it
        does not fit.

        A list or tuple default (a word list, a glossary) takes a list of items of its items'
        type (text when the default is empty) and becomes a tuple.
        """
        kind = type(self.default)
        if kind in (tuple, list):
            return self._coerce_items(value)
        if isinstance(value, bool) == (kind is bool):
            if kind is float and isinstance(value, int):
                value = float(value)
            if isinstance(value, kind):
                return self._within_limits(value)
        raise ValueError(
            f"option '{self.name}' takes {kind.__name__}, not {type(value).__name__} {value!r}"
        )

    def _within_limits(self, value: Any) -> Any:
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"option '{self.name}' takes a finite number, not {value}")
        if self.minimum is not None and value < self.minimum:
            least = int(self.minimum) if isinstance(value, int) else self.minimum
            raise ValueError(f"option '{self.name}' must be at least {least}, not {value}")
        if self.choices and value not in self.choices:
            allowed = ", ".join(repr(c) for c in self.choices)
            raise ValueError(f"option '{self.name}' takes one of {allowed}, not {value!r}")
        return value

    def _coerce_items(self, value: Any) -> tuple[Any, ...]:
        item = type(self.default[0]) if self.default else str
        if isinstance(value, list | tuple) and all(
            isinstance(v, item) and not isinstance(v, bool) for v in value
        ):
            return tuple(value)
        raise ValueError(
            f"option '{self.name}' takes a list of {item.__name__}, "
            f"not {type(value).__name__} {value!r}"
        )


class Context:
    """What rules look at: the file's model and analyses computed once and shared."""

    def __init__(
        self,
        menu: MenuFile,
        words_per_minute: float = DEFAULT_WORDS_PER_MINUTE,
        call_source: CallSource | None = None,
    ) -> None:
        self.file = menu
        self.words_per_minute = words_per_minute
        self.call_source = call_source

    @cached_property
    def calls(self) -> CallUsage | None:
        """What call logs say about this file (``--calls``); None without a log."""
        return self.call_source.usage_for(self.file) if self.call_source else None

    @cached_property
    def flow(self) -> Flow:
        return Flow(self.file, self.words_per_minute)

    def flow_at(self, words_per_minute: float) -> Flow:
        """The flow with prompt times at another speaking rate (a rule's own option)."""
        if words_per_minute == self.words_per_minute:
            return self.flow
        return Flow(self.file, words_per_minute)

    def transfers_to_person(self, option: Option) -> bool:
        """Whether choosing ``option`` hands the call straight to a person."""
        if option.target is None or option.target.kind != "transfer":
            return False
        dest = self.file.destination_for(option.target)
        return dest is not None and dest.human

    def is_operator(self, option: Option, key: str = OPERATOR_KEY) -> bool:
        """The conventional "0 for a person" choice, which is navigation rather than a topic."""
        return option.key == key and self.transfers_to_person(option)

    def choices(self, menu: Menu) -> list[Option]:
        """The options that choose something: not repeat, back, main or the operator key."""
        return [o for o in menu.options if not o.is_navigation and not self.is_operator(o)]

    @cached_property
    def language(self) -> str:
        declared = normalise_language(self.file.language)
        if declared:
            return declared
        texts: list[str] = []
        for m in self.file.menus.values():
            texts.append(m.prompt or "")
            texts.extend(o.label or "" for o in m.options)
        return detect(texts)


class Rule:
    """Base class of every rule. A subclass's docstring is its documentation.

    The docstring has a one-line summary, a paragraph on why it hurts callers, then
    ``Bad:`` and ``Good:`` sections with indented YAML examples.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    options: ClassVar[tuple[RuleOption, ...]] = ()
    # Rules whose findings come from the loader (IVR001, IVR002) have no check of their own.
    from_loader: ClassVar[bool] = False

    def check(self, ctx: Context, opts: Mapping[str, Any]) -> Iterator[Finding]:
        raise NotImplementedError

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        return {o.name: o.default for o in cls.options}

    @classmethod
    def check_options(cls, opts: Mapping[str, Any]) -> None:
        """Raise ValueError when options that each fit their type cannot work together or
        here (an option that needs an extra which is not installed)."""

    @classmethod
    def doc(cls) -> str:
        import inspect  # only documentation needs it; keep it off the check path

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The docstring's first paragraph, on one line."""
        return " ".join(cls.doc().split("\n\n", 1)[0].split())

    @classmethod
    def doc_section(cls, title: str) -> str:
        """The text under ``title:`` in the docstring (up to the next section)."""
        lines = cls.doc().splitlines()
        out: list[str] = []
        inside = False
        for line in lines:
            if line.rstrip() == f"{title}:":
                inside = True
                continue
            if inside and line and not line.startswith(" ") and line.rstrip().endswith(":"):
                break
            if inside:
                out.append(line)
        import inspect

        return inspect.cleandoc("\n".join(out)) if out else ""
