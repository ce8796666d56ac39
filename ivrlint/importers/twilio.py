"""Twilio Studio flow JSON: ``gather-input-on-call`` widgets that offer keys are menus.

A menu's options are the ``match`` transitions of the ``split-based-on`` widget that tests
``{{widgets.MENU.Digits}}``; its ``timeout`` transition is the no-input handling and the
split's ``noMatch`` the no-match handling. Any other widget on the way is followed to where
the call ends: ``connect-call-to``, ``send-to-flex``, ``enqueue-call``, ``record-voicemail``,
another menu, or the end of the flow (Studio hangs up).

A gather that collects data rather than a choice (a card number of ``number_of_digits`` 16
checked against ``1234…``, a PIN rejected by ``not_equal_to 4321``, a name said by speech,
digits handed to a function) is not a menu: the call is followed through it along the path
of a successful entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ivrlint.diagnostics import Pos
from ivrlint.importers.base import Builder, ImportFailed, Resolved, whole_number
from ivrlint.importers.tree import get, items, parse_tree, text
from ivrlint.loader import Loaded
from ivrlint.loader.yamlsource import YMap, YNode, YScalar
from ivrlint.model import DTMF_KEYS, Handler, Menu, Option, Target
from ivrlint.text.prompts import announcements

_DIGITS = re.compile(r"\{\{\s*widgets\.([^.}]+)\.Digits\s*\}\}")
_DEFAULT_NAME = re.compile(r"^If value \w+ ", re.IGNORECASE)
_FOLLOW = ("next", "success", "audioComplete", "noMatch", "incomingCall")
_PASS_THROUGH = ("set-variables",)  # widgets between a gather and its split that change nothing


def read(text_: str, path: str) -> Loaded:
    builder = Builder(path, "twilio", text_)
    try:
        root = parse_tree(text_, is_json=not path.lower().endswith((".yaml", ".yml")))
        return _Importer(builder, root).run()
    except ImportFailed as exc:
        return builder.failed(exc)


class _Importer:
    def __init__(self, builder: Builder, root: YNode) -> None:
        self.b = builder
        definition = get(root, "definition")
        self.root = definition if isinstance(definition, YMap) else root
        if not isinstance(self.root, YMap) or get(self.root, "states") is None:
            raise ImportFailed(
                "not a Twilio Studio flow: no 'states' list at the top level",
                root.pos,
                "export the flow's JSON from Studio (Trigger → Show Flow JSON)",
            )
        self.widgets: dict[str, YMap] = {}
        for state in items(self.root, "states"):
            name = text(state, "name")
            if isinstance(state, YMap) and name:
                self.widgets[name] = state
        # The split that reads a gather's Digits: the one its keypress reaches, else the
        # first that tests them (a flow may test the same Digits in several splits).
        self.splits: dict[str, YMap] = {}
        for name, widget in self.widgets.items():
            reached = self._split_after(name) if text(widget, "type") == _GATHER else None
            if reached is not None and _tested(reached) == name:
                self.splits[name] = reached
        for widget in self.widgets.values():
            source = _tested(widget)
            if text(widget, "type") == "split-based-on" and source:
                self.splits.setdefault(source, widget)
        self.menu_names = [
            n for n, w in self.widgets.items() if text(w, "type") == _GATHER and self._is_menu(n)
        ]

    def _is_menu(self, name: str) -> bool:
        """Whether the gather ``name`` offers a choice of keys (else it collects data)."""
        widget = self.widgets[name]
        digits = text(widget, "properties", "number_of_digits")
        if (whole_number(digits) or 0) > 1:
            return False
        split = self.splits.get(name)
        if split is not None:
            conditions = [
                (text(c, "type") or "", text(c, "value") or "")
                for t in items(split, "transitions")
                for c in items(t, "conditions")
            ]
            # "is (not) blank" tells an answer from none: it chooses no key
            return any(
                _accepts(kind, value) for kind, value in conditions if kind not in _BLANK
            ) and not any(_names_a_number(kind, value) for kind, value in conditions)
        # Keys that reach a split on another widget's Digits, or a prompt that announces
        # keys, make a menu whose choices ivrlint cannot read (reported in _menu).
        return self._split_after(name) is not None or bool(
            announcements(text(widget, "properties", "say") or "")
        )

    def _split_after(self, name: str) -> YMap | None:
        """The split-based-on widget the keys pressed in ``name`` reach, if any."""
        events = {
            text(t, "event"): text(t, "next") for t in items(self.widgets[name], "transitions")
        }
        step, seen = events.get("keypress"), set()
        while step and step not in seen:
            seen.add(step)
            widget = self.widgets.get(step)
            kind = text(widget, "type") if widget is not None else None
            if widget is not None and kind == "split-based-on":
                return widget
            if widget is None or kind not in _PASS_THROUGH:
                return None
            step = self._next_of(widget)
        return None

    def run(self) -> Loaded:
        if not self.menu_names:
            self.b.schema(
                self.root.pos,
                "the flow has no 'gather-input-on-call' widget: no menu for callers to choose from",
                "ivrlint checks menus; this flow has none",
            )
            return self.b.loaded(None)
        for name in self.menu_names:
            self.b.add_menu(self._menu(name), name)
        entry, entry_pos = self._entry()
        return self.b.finish(entry, entry_pos, name=text(self.root, "description"))

    def _entry(self) -> tuple[str, Pos]:
        start = text(self.root, "initial_state") or "Trigger"
        trigger = self.widgets.get(start)
        for transition in items(trigger, "transitions"):
            if text(transition, "event") == "incomingCall" and text(transition, "next"):
                node = get(transition, "next")
                resolved = self._resolve(node, None, set())
                if resolved.target and resolved.target.kind == "goto":
                    return resolved.target.value, resolved.target.pos
        first = self.menu_names[0]
        self.b.note(
            self.widgets[first].pos,
            f"no incoming call leads to a menu; '{first}' is taken as the entry",
        )
        return first, self.widgets[first].pos

    def _menu(self, name: str) -> Menu:
        widget = self.widgets[name]
        prompt_node = get(widget, "properties", "say")
        prompt = text(widget, "properties", "say")
        events = {text(t, "event"): t for t in items(widget, "transitions")}
        options: list[Option] = []
        no_match = None
        split = self.splits.get(name)
        keypress = get(events.get("keypress"), "next")
        reached = self._split_after(name) if split is None else None
        if split is None and reached is not None:
            tested = text(reached, "properties", "input") or ""
            self.b.schema(
                keypress.pos if keypress else widget.pos,
                f"the keys pressed in '{name}' reach '{text(reached, 'name')}', which tests "
                f"{tested or 'nothing'}, not {{{{widgets.{name}.Digits}}}}: the choice made "
                "here is never read",
                f"make '{text(reached, 'name')}' test {{{{widgets.{name}.Digits}}}}",
                name,
            )
        elif split is None:
            self.b.schema(
                keypress.pos if keypress else widget.pos,
                f"the prompt of '{name}' announces keys, but the keys pressed go to "
                f"'{text(keypress) or 'nothing'}', which does not test "
                f"{{{{widgets.{name}.Digits}}}}: ivrlint cannot tell which key leads where",
                "route keypress to a 'Split Based On...' widget on the Digits",
                name,
            )
        if split is not None:
            options, no_match = self._split(name, split)
        return Menu(
            id=name,
            pos=_pos(get(widget, "name"), widget.pos),
            prompt=prompt,
            prompt_pos=prompt_node.pos if prompt_node is not None else None,
            options=tuple(options),
            no_input=self._handler(name, events.get("timeout"), widget.pos),
            no_match=no_match,
        )

    def _split(self, menu: str, split: YMap) -> tuple[list[Option], Handler | None]:
        """The options and the no-match handler of the split that reads ``menu``'s Digits.

        Studio takes the first transition whose conditions all hold. A transition with a
        negative condition (``not_equal_to 1``: "anything but 1") catches every key not
        taken before it except the ones it names: it is the menu's ``no_match``, and the
        keys it leaves out go on to the later transitions, then to ``noMatch``.
        """
        options: list[Option] = []
        taken: set[str] = set()
        left_out: set[str] | None = None  # after a catch-all: the keys it did not catch
        catch_all: Handler | None = None
        fallback: YNode | None = None
        for transition in items(split, "transitions"):
            event = text(transition, "event")
            if event == "noMatch":
                fallback = transition
            if event != "match":
                continue
            accepted = self._accepted(menu, transition)
            if accepted is None:
                continue
            keys, negative = accepted
            open_keys = [
                k for k in DTMF_KEYS if k not in taken and (left_out is None or k in left_out)
            ]
            fresh = [k for k in keys if k in open_keys]
            # "Anything but ..." is the no-match branch when it catches most of the keys
            # still open and some key goes elsewhere; else its keys are written as options.
            most = len(fresh) > len(open_keys) - len(fresh)
            if negative and catch_all is None and most and (taken or fresh != open_keys):
                catch_all = self._handler(menu, transition, split.pos)
                left_out = set(DTMF_KEYS) - taken - set(keys)
                self.b.note(
                    transition.pos,
                    f"{_described(transition)} of '{menu}' catches every other key: "
                    "read as no_match",
                    menu,
                )
                continue
            if keys and not fresh:
                self.b.note(
                    transition.pos,
                    f"{_described(transition)} of '{menu}' is never taken: an earlier "
                    "condition catches its keys first",
                    menu,
                )
            taken.update(fresh)
            options.extend(self._options(menu, transition, fresh))
        if catch_all is None:
            return options, self._handler(menu, fallback, split.pos)
        rest = [k for k in DTMF_KEYS if k in (left_out or set()) and k not in taken]
        if rest:
            several = len(rest) > 1
            where = "where noMatch goes" if fallback is not None else "nowhere: the flow ends"
            self.b.note(
                fallback.pos if fallback is not None else split.pos,
                f"{'keys' if several else 'key'} {', '.join(rest)} of '{menu}' "
                f"{'match' if several else 'matches'} no condition and "
                f"{'go' if several else 'goes'} {where}: written as "
                f"{'options' if several else 'an option'}",
                menu,
            )
            # A split without noMatch has no "next" for them: Studio hangs up.
            options.extend(self._options(menu, fallback or split, rest))
        return options, catch_all

    def _accepted(self, menu: str, transition: YNode) -> tuple[list[str], bool] | None:
        """The keys for which every condition of ``transition`` holds, and whether one of
        them is negative; None (and a note) when a condition is not about keys at all."""
        keys = list(DTMF_KEYS)
        negative = False
        for condition in items(transition, "conditions"):
            kind = text(condition, "type") or ""
            value = text(condition, "value") or ""
            accepted = _accepts(kind, value)
            if accepted is None:
                self.b.note(
                    condition.pos,
                    f"condition '{kind} {value}' of '{menu}' does not test a key a caller "
                    "presses; its transition is skipped",
                    menu,
                )
                return None
            if not accepted and kind not in _NEGATIVE:
                self.b.note(
                    condition.pos,
                    f"condition '{kind} {value}' of '{menu}' is not a "
                    "key a caller presses; skipped",
                    menu,
                )
            negative = negative or kind in _NEGATIVE
            order = accepted if kind == "matches_any_of" else keys
            keys = [k for k in order if k in accepted and k in keys]
        return keys, negative

    def _options(self, menu: str, transition: YNode, keys: list[str]) -> list[Option]:
        if not keys:
            return []
        conditions = items(transition, "conditions")
        condition = conditions[0] if conditions else transition
        value_node = get(condition, "value")
        label = text(condition, "friendly_name")
        if label and (_DEFAULT_NAME.match(label) or label in DTMF_KEYS):
            label = None
        resolved = self._resolve(get(transition, "next"), menu, set(), transition.pos)
        at = value_node.pos if value_node is not None else condition.pos
        return [
            Option(
                key,
                label,
                resolved.target,
                condition.pos,
                at,
                label_pos=_pos(get(condition, "friendly_name"), at) if label else None,
                say_first=resolved.say_first,
            )
            for key in keys
        ]

    def _handler(self, menu: str, transition: YNode | None, fallback: Pos) -> Handler | None:
        if transition is None:
            return None
        resolved = self._resolve(get(transition, "next"), menu, set(), transition.pos)
        then = resolved.target
        if then is not None and then.kind == "action" and then.value == "repeat":
            then = None  # back to the same menu, without a limit
        return Handler(None, then, transition.pos)

    def _resolve(
        self, next_node: YNode | None, menu: str | None, seen: set[str], at: Pos = Pos()
    ) -> Resolved:
        """Follow widgets from ``next_node`` (a transition's "next") to where the call goes;
        ``at`` is the transition, for a "next" that is missing."""
        name = text(next_node)
        pos = next_node.pos if isinstance(next_node, YScalar) else at
        said: list[str] = []
        while True:
            if not name:  # an unconnected transition ends the flow: Studio hangs up
                return Resolved(Target("action", "hangup", pos), _join(said))
            widget = self.widgets.get(name)
            if widget is None:
                return Resolved(Target("goto", name, pos), _join(said))  # IVR105 reports it
            if name in seen:
                return Resolved(None, _join(said))
            seen.add(name)
            kind = text(widget, "type")
            if kind == _GATHER and name in self.menu_names:
                target = (
                    Target("action", "repeat", pos) if name == menu else Target("goto", name, pos)
                )
                return Resolved(target, _join(said))
            if kind == _GATHER:  # collects data: follow a successful entry
                name = self._after_entry(widget)
                continue
            terminal = self._terminal(name, widget, kind, pos)
            if terminal is not None:
                return Resolved(terminal, _join(said))
            if kind == "say-play" and text(widget, "properties", "say"):
                said.append(text(widget, "properties", "say") or "")
            name = self._next_of(widget)

    def _terminal(self, name: str, widget: YMap, kind: str | None, pos: Pos) -> Target | None:
        if kind == "connect-call-to":
            noun = text(widget, "properties", "noun") or "number"
            kind_ = "agent" if noun == "client" else "number"
            return self.b.destination(kind_, _spoken(name), widget.pos, ident=name)
        if kind in ("send-to-flex", "enqueue-call"):
            return self.b.destination("queue", _spoken(name), widget.pos, ident=name)
        if kind == "record-voicemail":
            return self.b.destination("voicemail", _spoken(name), widget.pos, ident=name)
        if kind == "run-subflow":
            return self.b.destination("self-service", _spoken(name), widget.pos, ident=name)
        return None

    def _after_entry(self, widget: YMap) -> str | None:
        """Where a data-collecting gather leads when the caller answers: its keypress (or
        speech) transition, through the split that checks the answer, to its first match."""
        events = {text(t, "event"): text(t, "next") for t in items(widget, "transitions")}
        step = events.get("keypress") or events.get("speech") or events.get("timeout")
        check = self.widgets.get(step or "")
        if check is None or text(check, "type") != "split-based-on":
            return step
        # The first match that accepts an answer; "not_equal_to 4321", "is_blank" reject
        # one, and a correct answer goes on past them, to noMatch when nothing else holds.
        for transition in items(check, "transitions"):
            event = text(transition, "event")
            if event == "match" and text(transition, "next") and not _rejects(transition):
                return text(transition, "next")
        for transition in items(check, "transitions"):
            if text(transition, "event") == "noMatch":
                return text(transition, "next")  # unconnected: the flow ends
        return None

    def _next_of(self, widget: YMap) -> str | None:
        transitions = {text(t, "event"): text(t, "next") for t in items(widget, "transitions")}
        for event in _FOLLOW:
            if transitions.get(event):
                return transitions[event]
        return next((n for n in transitions.values() if n), None)


_GATHER = "gather-input-on-call"


# Conditions that hold for every key but the ones they name ("anything but 1").
_NEGATIVE = frozenset(
    {"not_equal_to", "does_not_match_any_of", "does_not_contain", "does_not_start_with"}
    | {"is_not_blank"}
)

_BLANK = frozenset({"is_blank", "is_not_blank"})
# On a data-entry split: the conditions that hold on a wrong or a missing answer.
_REJECTING = (_NEGATIVE - {"is_not_blank"}) | {"is_blank"}


def _accepts(kind: str, value: str) -> list[str] | None:
    """The keys (Digits of one key) for which a condition holds, in the order written for
    ``matches_any_of``; None when the condition is not about keys (a time, a date)."""
    value = value.strip()
    listed = [v.strip() for v in value.split(",")]
    tests: dict[str, Callable[[str], bool]] = {
        "equal_to": lambda k: k == value,
        "not_equal_to": lambda k: k != value,
        "does_not_match_any_of": lambda k: k not in listed,
        "is_blank": lambda k: False,
        "is_not_blank": lambda k: True,
        "contains": lambda k: value in k,
        "does_not_contain": lambda k: value not in k,
        "starts_with": lambda k: k.startswith(value),
        "does_not_start_with": lambda k: not k.startswith(value),
    }
    if kind == "matches_any_of":
        return [k for k in dict.fromkeys(listed) if k in DTMF_KEYS]
    if kind in tests:
        return [k for k in DTMF_KEYS if tests[kind](k)]
    if kind == "regex":
        try:
            pattern = re.compile(value)
        except re.error:
            return []
        return [k for k in DTMF_KEYS if pattern.fullmatch(k)]
    if kind in ("less_than", "greater_than"):
        bound = _number(value)
        if bound is None:
            return []
        below = kind == "less_than"
        return [
            k for k in DTMF_KEYS if k.isdigit() and (int(k) < bound if below else int(k) > bound)
        ]
    return None


def _names_a_number(kind: str, value: str) -> bool:
    """Whether a condition compares the Digits with a number of several digits (a PIN, a card
    number, an amount): the gather collects data, whatever keys the condition would accept."""
    if kind in ("less_than", "greater_than"):
        bound = _number(value.strip())
        return bound is not None and bound > 10  # every key is below 10
    if kind in ("equal_to", "not_equal_to", "matches_any_of", "does_not_match_any_of"):
        listed = value.split(",") if kind.endswith("any_of") else [value]
        return any(len(v.strip()) > 1 and v.strip().isdigit() for v in listed)
    return False


def _rejects(transition: YNode) -> bool:
    """Whether a transition of a data-entry split is taken on a wrong or missing answer."""
    return any((text(c, "type") or "") in _REJECTING for c in items(transition, "conditions"))


def _number(text_: str) -> float | None:
    try:
        number = float(text_)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def _described(transition: YNode) -> str:
    conditions = [
        f"{text(c, 'type') or ''} {text(c, 'value') or ''}".strip()
        for c in items(transition, "conditions")
    ]
    return f"condition '{' and '.join(conditions)}'"


def _tested(widget: YMap) -> str | None:
    """The widget whose Digits a split tests: ``{{widgets.menu.Digits}}`` → ``menu``."""
    source = _DIGITS.search(text(widget, "properties", "input") or "")
    return source.group(1) if source else None


def _pos(node: YNode | None, fallback: Pos) -> Pos:
    return node.pos if node is not None else fallback


def _spoken(name: str) -> str:
    """A widget name as words: ``front_desk`` → ``front desk``."""
    return re.sub(r"[_-]+", " ", name).strip() or name


def _join(said: list[str]) -> str | None:
    return " ".join(s for s in said if s) or None
