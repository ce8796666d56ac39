"""Asterisk dialplan (``extensions.conf``): contexts that play a prompt and wait are menus.

A context is a menu when it plays with ``Background()`` (or ``Playback()``) and waits with
``WaitExten()`` or ``Background()``, and has extensions a caller can press. Single-key
extensions (``1``, ``*``, ``_X``, ``_[1-3]``) are its options; ``t`` and ``i`` are what
happens on no input and on a wrong key. Each option's target is found by following its
priorities to the first ``Goto()``, ``Dial()``, ``Queue()``, ``VoiceMail()`` or ``Hangup()``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ivrlint.diagnostics import Pos
from ivrlint.importers.base import Builder, Resolved, slug, whole_number, words_of_sound
from ivrlint.importers.linked import Link, Linked, LinkError
from ivrlint.loader import Loaded
from ivrlint.model import DTMF_KEYS, Handler, Menu, Option, Target

_LINE = re.compile(r"^(?P<indent>\s*)(?P<kind>exten|same|include)\s*=>?\s*(?P<rest>.*)$", re.I)
_HEADER = re.compile(r"^\s*\[(?P<name>[^\]]+)\]\s*(?:\((?P<opts>[^)]*)\))?")
_PRIORITY = re.compile(r"^(?P<prio>[0-9]+|n|hint|s)(?:\((?P<label>[^)]*)\))?$", re.IGNORECASE)
_LIMIT = re.compile(r"\$\{?(\w+)\}?\s*(>=|>|=|==)\s*([0-9]{1,9})(?![0-9])")
_CLASSES = {"X": "0123456789", "Z": "123456789", "N": "23456789"}
_WAIT_APPS = {"background", "waitexten", "read"}
_CONDITIONAL = {"gotoif", "gosubif", "gotoiftime"}
_SKIP_SECTIONS = {"general", "globals"}
MAX_CALL_DEPTH = 16
# Extensions Asterisk runs by itself (hang-up, timeout, invalid, ...): never a menu's start.
_SPECIAL = frozenset({"h", "t", "T", "i", "a", "o", "e", "fax", "talk"})


@dataclass
class Step:
    app: str  # lower case
    args: list[str]
    pos: Pos  # where the application name is written
    label: str | None = None


@dataclass
class Extension:
    name: str
    pos: Pos
    steps: list[Step] = field(default_factory=list)


@dataclass(frozen=True)
class Frame:
    """Where a ``Gosub()`` (``kind`` "gosub") or ``Macro()`` goes on when it returns."""

    kind: str
    context: str
    ext: Extension
    index: int


@dataclass
class Context:
    name: str
    pos: Pos
    extensions: dict[str, Extension] = field(default_factory=dict)
    includes: list[tuple[str, Pos]] = field(default_factory=list)


def read(text: str, path: str) -> Loaded:
    builder = Builder(path, "asterisk", text)
    parser = _Parser(builder, text)
    parser.parse(text)
    return _Importer(builder, parser.contexts).run()


# -- parsing ------------------------------------------------------------------------------


def _strip_comment(line: str) -> str:
    out, escaped = [], False
    for ch in line:
        if ch == ";" and not escaped:
            break
        escaped = ch == "\\" and not escaped
        out.append(ch)
    return "".join(out).rstrip()


def _top_level_partition(text: str, sep: str) -> tuple[str, str]:
    """``text`` before and after the first ``sep`` outside brackets: the ``?`` and ``:`` of
    ``GosubIf($[${X}]?sub,s,1(a:b):other,s,1(c,d))``."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(depth - 1, 0)
        elif ch == sep and depth == 0:
            return text[:i], text[i + 1 :]
    return text, ""


def _split_args(text: str) -> list[str]:
    """Split ``a,b(c,d),${e,f}`` at the top-level commas."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif quoted:
            pass  # agi(googletts.agi,"Hello, and welcome",en): the comma is text
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(depth - 1, 0)
        if ch in ",|" and depth == 0 and not quoted:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip())
    return parts


_DIRECTIVE = re.compile(r"#\s*(?P<word>[A-Za-z]+)\s*(?P<arg>.*)$")


class _Parser:
    """Reads a dialplan and the files it ``#include``s, as Asterisk does: in place, so an
    included file's lines without a ``[context]`` header go on in the current context.

    Everything read from an included file is placed at the ``#include`` line of the file
    the user gave (positions are of that file); the converted file notes which file each
    include read.
    """

    def __init__(self, builder: Builder, text: str) -> None:
        self.b = builder
        self.linked = Linked(builder.path, text)
        self.contexts: dict[str, Context] = {}
        self.current: Context | None = None
        self.last_ext: Extension | None = None

    def parse(self, text: str, chain: tuple[Link, ...] = (), at: Pos | None = None) -> None:
        in_block = False
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw
            if in_block:
                if "--;" not in line:
                    continue
                line, in_block = line.split("--;", 1)[1], False
            if ";--" in line and "--;" not in line.split(";--", 1)[1]:
                line, in_block = line.split(";--", 1)[0], True
            line = _strip_comment(line)
            if line.strip():
                self._line(line, number, chain, at)

    def _line(self, line: str, number: int, chain: tuple[Link, ...], at: Pos | None) -> None:
        def place(column: int) -> Pos:
            return at if at is not None else Pos(number, column)

        header = _HEADER.match(line)
        if header:
            name = header.group("name").strip()
            skip = name.lower() in _SKIP_SECTIONS
            self.current = None if skip else self.contexts.get(name)
            if self.current is None and not skip:
                pos = place(line.index("[") + 2)
                self.current = self.contexts[name] = Context(name, pos)
            self.last_ext = None
            return
        if line.lstrip().startswith("#"):
            column = len(line) - len(line.lstrip()) + 1
            self._directive(line.strip(), number, place(column), chain, at)
            return
        match = _LINE.match(line)
        if match is None or self.current is None:
            return
        kind, rest = match.group("kind").lower(), match.group("rest")
        rest_col = line.index(rest) + 1 if rest else len(line) + 1
        if kind == "include":
            self.current.includes.append((rest.strip(), place(rest_col)))
            return
        parts = rest.split(",", 2) if kind == "exten" else ["", *rest.split(",", 1)]
        if len(parts) < 3:
            self.b.schema(
                place(rest_col),
                f"cannot read this {kind} line: expected "
                + (
                    "'exten => EXT,PRIORITY,Application(...)'"
                    if kind == "exten"
                    else "'same => PRIORITY,Application(...)'"
                ),
            )
            return
        ext_name, prio, app_text = parts[0].strip(), parts[1].strip(), parts[2].strip()
        if kind == "exten":
            ext = self.current.extensions.get(ext_name)
            if ext is None:
                ext = Extension(ext_name, place(rest_col))
                self.current.extensions[ext_name] = ext
            self.last_ext = ext
        elif self.last_ext is None:
            self.b.schema(place(match.start("kind") + 1), "'same =>' before any 'exten =>'")
            return
        prio_match = _PRIORITY.match(prio)
        if prio_match and prio_match.group("prio").lower() == "hint":
            return
        app_col = line.index(app_text, line.index(prio, rest_col - 1)) + 1 if app_text else 1
        app, _, args = app_text.partition("(")
        args = args[: args.rfind(")")] if ")" in args else args
        step = Step(
            app.strip().lower(),
            _split_args(args) if args else [],
            place(app_col),
            prio_match.group("label") if prio_match else None,
        )
        self.last_ext.steps.append(step)

    def _directive(
        self, line: str, number: int, pos: Pos, chain: tuple[Link, ...], at: Pos | None
    ) -> None:
        found = _DIRECTIVE.match(line)
        word = found.group("word").lower() if found else ""
        name = found.group("arg").strip().strip('"<>').strip() if found else ""
        here = f"{chain[-1].shown}:{number}" if chain else None
        where = f" ({here})" if here else ""
        if word not in ("include", "tryinclude") or not name:
            self.b.note(pos, f"'{line}'{where} is not followed; import that file too")
            return
        top = self.linked.top
        if top is None:
            self.b.note(
                pos,
                f"'{line}'{where} is not followed: the dialplan was not read "
                "from a file on disk, so the files beside it may not be the ones meant",
            )
            return
        chain = chain or (top,)
        try:
            links = self.linked.resolve(name, chain)
        except LinkError as exc:
            self._not_read(exc, pos, word, where)
            return
        for link in links:
            try:
                text = self.linked.read(link)
            except LinkError as exc:
                self._not_read(exc, pos, word, where)
                continue
            self.b.note(
                pos,
                f"read {link.shown}, included{where or ' here'}; what it defines is "
                f"placed at this line",
            )
            self.parse(text, (*chain, link), at or pos)

    def _not_read(self, exc: LinkError, pos: Pos, word: str, where: str) -> None:
        if exc.kind in ("outside", "unavailable") or (
            word == "tryinclude" and exc.kind in ("missing", "empty")
        ):
            self.b.note(pos, f"#{word}{where}: {exc.message}")
            return
        self.b.schema(
            pos,
            f"#{word}{where}: {exc.message}",
            exc.hint or "fix the file name (it is read relative to the file that includes it)",
        )


def pattern_keys(name: str) -> list[str] | None:
    """The DTMF keys an extension name stands for; None when it is not a single key."""
    if name in DTMF_KEYS:
        return [name]
    if not name.startswith("_") or any(c in name for c in ".!"):
        return None
    body, keys = name[1:], []
    if body.upper() in _CLASSES:
        return list(_CLASSES[body.upper()])
    if body.startswith("[") and body.endswith("]") and "]" not in body[1:-1]:
        inner = body[1:-1]
        for match in re.finditer(r"(.)-(.)|(.)", inner):
            if match.group(3):
                keys.append(match.group(3))
            else:
                lo, hi = match.group(1), match.group(2)
                keys.extend(chr(c) for c in range(ord(lo), ord(hi) + 1))
        return [k for k in dict.fromkeys(keys) if k in DTMF_KEYS] or None
    return [body] if body in DTMF_KEYS else None


# -- building the model -------------------------------------------------------------------


class _Importer:
    def __init__(self, builder: Builder, contexts: dict[str, Context]) -> None:
        self.b = builder
        self.contexts = contexts
        self.menu_ids: dict[str, str] = {}
        for name, ctx in contexts.items():
            if self._is_menu(ctx):
                self.menu_ids[name] = builder.unique_id(name, set(self.menu_ids.values()), "menu")
        self._noted: set[tuple[Pos, str]] = set()  # a step is followed once per path to it
        # Menus run as subroutines: where each call goes on after its Return().
        self.callers: dict[str, list[tuple[Frame, Pos]]] = {}
        for ctx in contexts.values():
            for ext in ctx.extensions.values():
                for index, step in enumerate(ext.steps):
                    called = _called_context(step, ctx.name)
                    if called in self.menu_ids:
                        frame = Frame(step.app, ctx.name, ext, index + 1)
                        self.callers.setdefault(called, []).append((frame, step.pos))

    def _is_menu(self, ctx: Context) -> bool:
        waits = any(
            s.app in _WAIT_APPS - {"read"} for e in ctx.extensions.values() for s in e.steps
        )
        keys = any(pattern_keys(n) or n in ("t", "i") for n in self._extensions(ctx))
        return waits and keys

    def _extensions(self, ctx: Context, seen: frozenset[str] = frozenset()) -> dict[str, Extension]:
        """The context's extensions, then those it includes (its own win)."""
        found = dict(ctx.extensions)
        for name, _ in ctx.includes:
            included = self.contexts.get(name)
            if included is not None and name not in seen:
                for ext_name, ext in self._extensions(included, seen | {ctx.name}).items():
                    found.setdefault(ext_name, ext)
        return found

    def _owner(self, ctx: Context, ext: Extension) -> str:
        """The context that defines ``ext`` (``ctx`` itself, or one it includes)."""
        if ctx.extensions.get(ext.name) is ext:
            return ctx.name
        return next(
            (c.name for c in self.contexts.values() if c.extensions.get(ext.name) is ext), ctx.name
        )

    def run(self) -> Loaded:
        if not self.contexts:
            self.b.schema(
                Pos(),
                "no dialplan context ('[name]' followed by 'exten =>' lines)",
                "is this an extensions.conf? name the format with --from",
            )
            return self.b.loaded(None)
        if not self.menu_ids:
            first = next(iter(self.contexts.values()))
            self.b.schema(
                first.pos,
                "no context of this dialplan is a menu: none plays a prompt with Background() "
                "and waits for a key with WaitExten()",
                "ivrlint checks IVR menus; point it at the context that holds one",
            )
            return self.b.loaded(None)
        links: dict[str, set[str]] = {}
        for name in self.menu_ids:
            menu = self._menu(self.contexts[name])
            self.b.add_menu(menu, name)
            targets = [o.target for o in menu.options]
            targets += [h.then for h in (menu.no_input, menu.no_match) if h is not None]
            links[menu.id] = {
                t.value for t in targets if t and t.kind == "goto" and t.value != menu.id
            }
        # The entry is a menu no other menu leads to; of several (a dialplan often keeps the
        # sample [demo] context), the one that leads to the most menus, then the first.
        children = set().union(*links.values())
        roots = [mid for mid in self.menu_ids.values() if mid not in children]
        # A menu run as a subroutine (Gosub, Macro) is never where a call starts.
        called = {self.menu_ids[name] for name in self.callers}
        candidates = roots or [m for m in self.menu_ids.values() if m not in called]
        entry = max(candidates or list(self.menu_ids.values()), key=lambda m: len(_reach(m, links)))
        entry_ctx = next(n for n, mid in self.menu_ids.items() if mid == entry)
        if len(roots) > 1:
            self.b.note(
                self.contexts[entry_ctx].pos,
                f"several menus are not reached from another menu ({', '.join(roots)}); "
                f"'{entry}', which leads to the most menus, is taken as the entry",
            )
        return self.b.finish(entry, self.contexts[entry_ctx].pos)

    def _returns(self, ctx: Context, menu_id: str) -> tuple[Frame, ...]:
        """Where a Return() in a menu run as a subroutine goes: after the first call."""
        callers = self.callers.get(ctx.name, [])
        if len(callers) > 1:
            first = callers[0][1]
            self.b.note(
                ctx.pos,
                f"'{ctx.name}' is called from {len(callers)} places; a Return() in it is "
                f"followed back to the first, at line {first.line}",
                menu_id,
            )
        return (callers[0][0],) if callers else ()

    def _menu(self, ctx: Context) -> Menu:
        menu_id = self.menu_ids[ctx.name]
        returns = self._returns(ctx, menu_id)
        extensions = self._extensions(ctx)
        prompt, prompt_pos = self._prompt(extensions)
        options: list[Option] = []
        for name, ext in extensions.items():
            keys = pattern_keys(name)
            if keys is None:
                if name.startswith("_"):
                    owner = self._owner(ctx, ext)
                    where = f"'{owner}'" + (
                        f" (included by '{ctx.name}')" if owner != ctx.name else ""
                    )
                    self.b.note(
                        ext.pos,
                        f"pattern {name} in context {where} matches numbers of more than "
                        "one digit (direct dialling), not a menu choice",
                        menu_id,
                    )
                continue
            defined = {o.key for o in options} | set(extensions)
            for key in keys:
                if key in defined and key != name:
                    continue  # an explicit extension wins over a pattern
                reported = len(self.b.findings)
                resolved = self._resolve(ctx.name, ext, 0, menu_id, frozenset(), returns)
                if resolved.target is None and len(self.b.findings) == reported:
                    self.b.schema(
                        ext.pos,
                        f"ivrlint cannot tell where key {key} of menu '{menu_id}' leads: its "
                        "priorities loop back without reaching a Goto(), Dial(), Queue(), "
                        "VoiceMail() or Hangup()",
                        "check this choice by hand",
                        menu_id,
                    )
                options.append(
                    Option(
                        key=key,
                        label=None,
                        target=resolved.target,
                        pos=ext.pos,
                        key_pos=ext.pos,
                        say_first=resolved.say_first,
                    )
                )
        return Menu(
            id=menu_id,
            pos=ctx.pos,
            prompt=prompt,
            prompt_pos=prompt_pos,
            options=tuple(options),
            options_pos=None,
            no_input=self._handler(ctx, extensions.get("t"), menu_id, returns),
            no_match=self._handler(ctx, extensions.get("i"), menu_id, returns),
        )

    def _prompt(self, extensions: dict[str, Extension]) -> tuple[str | None, Pos | None]:
        # The menu starts at 's', else at the extension that plays and waits (a context
        # entered at '_1XX' or '800'); 'h', 't', 'i' and the like are never the start.
        others = [e for n, e in extensions.items() if pattern_keys(n) is None and n not in _SPECIAL]
        start = extensions.get("s") or next(
            (e for e in others if any(s.app in _WAIT_APPS for s in e.steps)),
            others[0] if others else None,
        )
        phrases: list[str] = []
        pos = None
        for step in start.steps if start else []:
            spoken = _spoken(step)
            if spoken:
                phrases.extend(spoken)
                pos = pos or step.pos
            if step.app in ("waitexten", "read"):
                break
        text = ". ".join(p for p in phrases if p)
        return (text or None), pos

    def _handler(
        self, ctx: Context, ext: Extension | None, menu_id: str, returns: tuple[Frame, ...]
    ) -> Handler | None:
        if ext is None:
            return None
        retries = retries_pos = None
        for step in ext.steps:
            condition = ",".join(step.args) if step.app == "gotoif" else ""
            limit = _LIMIT.search(condition.split("?", 1)[0])
            if limit is None or "?" not in condition:
                continue
            # A counter compared with a bound: the retries end there, the branch is "then".
            bound = int(limit.group(3))
            retries = max(bound - 1, 0) if limit.group(2) != ">" else bound
            retries_pos = step.pos
            branch = condition.split("?", 1)[1]
            target = self._goto(
                ctx.name, ext, branch.split(":", 1)[0], step.pos, menu_id, frozenset(), returns
            )
            return Handler(retries, target.target, ext.pos, retries_pos)
        resolved = self._resolve(ctx.name, ext, 0, menu_id, frozenset(), returns)
        then = resolved.target
        if then is not None and then.kind == "action" and then.value == "repeat":
            then = None  # the menu plays again and again: no limit, nowhere after
        return Handler(retries, then, ext.pos, retries_pos)

    # -- following priorities -------------------------------------------------------------

    def _resolve(
        self,
        ctx_name: str,
        ext: Extension,
        index: int,
        menu_id: str,
        seen: frozenset[str],
        returns: tuple[Frame, ...] = (),
    ) -> Resolved:
        """Follow the priorities of ``ext`` from ``index``; ``returns`` are where the
        ``Gosub()``/``Macro()`` calls being run go on when they return."""
        said: list[str] = []
        marker = f"{ctx_name},{ext.name},{index}" + "".join(
            f"<{f.context},{f.ext.name},{f.index}" for f in returns
        )
        if marker in seen:
            return Resolved(None)
        seen = seen | {marker}
        for offset, step in enumerate(ext.steps[index:]):
            app, args = step.app, step.args
            if app in _CONDITIONAL and args:
                branch = self._branch(step, menu_id)
                if branch is None:  # the condition fails and no label is given: go on
                    continue
                plain = "goto" if app.startswith("goto") else "gosub"
                step = Step(plain, branch, step.pos, step.label)
                app, args = step.app, step.args
            if app == "goto" and args:
                resolved = self._goto(
                    ctx_name, ext, ",".join(args), step.pos, menu_id, seen, returns
                )
                return Resolved(resolved.target, _join(said, resolved.say_first))
            if app in ("gosub", "macro") and args:
                frame = Frame(app, ctx_name, ext, index + offset + 1)
                resolved = self._call(step, frame, menu_id, seen, returns)
                return Resolved(resolved.target, _join(said, resolved.say_first))
            if app in ("return", "macroexit"):
                resolved = self._return(step, menu_id, seen, returns)
                return Resolved(resolved.target, _join(said, resolved.say_first))
            following = ext.steps[index + offset + 1 :]
            if app == "background" and following and following[0].app != "waitexten":
                said.extend(_spoken(step))  # plays, then the extension goes on
                continue
            if app == "read" and following:
                said.extend(_spoken(step))  # collects digits into a variable, then goes on
                continue
            if app in ("dial", "queue", "voicemail", "hangup") or app in _WAIT_APPS:
                return Resolved(self._terminal(step, ctx_name, menu_id), _join(said))
            said.extend(_spoken(step))
        if returns and returns[-1].kind == "macro":  # a macro returns at its last priority
            resolved = self._return(None, menu_id, seen, returns)
            return Resolved(resolved.target, _join(said, resolved.say_first))
        return Resolved(
            Target("action", "hangup", ext.steps[-1].pos if ext.steps else ext.pos), _join(said)
        )

    def _branch(self, step: Step, menu_id: str) -> list[str] | None:
        """The one branch of ``GotoIf(cond?yes:no)``, ``GosubIf()`` or ``GotoIfTime(times?yes:no)``
        a menu file can hold, and a note naming the other: a time condition takes its branch
        for the hours it names (the menu as callers hear it then), any other condition the
        branch for when it fails (the way on when nothing special holds). None: go on to the
        next priority."""
        condition, branches = _top_level_partition(",".join(step.args), "?")
        yes, no = (b.strip() for b in _top_level_partition(branches, ":"))
        taken, other = (yes, no) if step.app == "gotoiftime" else (no, yes)
        name = {"gotoif": "GotoIf", "gosubif": "GosubIf", "gotoiftime": "GotoIfTime"}[step.app]
        when = "outside those hours" if step.app == "gotoiftime" else "when it holds"
        message = (
            f"{name}({condition.strip()}?…): only one way is followed, to "
            f"{taken or 'the next priority'}; {when} the call goes to "
            f"{other or 'the next priority'}, which this file does not show"
        )
        if (step.pos, message) not in self._noted:
            self._noted.add((step.pos, message))
            self.b.note(step.pos, message, menu_id)
        return _split_args(taken) if taken else None

    def _call(
        self,
        step: Step,
        frame: Frame,
        menu_id: str,
        seen: frozenset[str],
        returns: tuple[Frame, ...],
    ) -> Resolved:
        """Run the subroutine ``Gosub(ctx,ext,prio(args))`` or ``Macro(name,args)`` calls."""
        if len(returns) >= MAX_CALL_DEPTH:
            self.b.schema(
                step.pos,
                f"Gosub()/Macro() calls nest more than {MAX_CALL_DEPTH} deep here: ivrlint "
                "stops following them",
                "does a subroutine call itself?",
                menu_id,
            )
            return Resolved(None)
        if step.app == "macro":
            spec = f"macro-{step.args[0].strip()},s,1"
        else:
            parts = [p.strip() for p in step.args]
            parts[-1] = parts[-1].split("(", 1)[0].strip()  # 1(arg1,arg2): the priority
            spec = ",".join(parts)
        return self._goto(
            frame.context, frame.ext, spec, step.pos, menu_id, seen, (*returns, frame)
        )

    def _return(
        self, step: Step | None, menu_id: str, seen: frozenset[str], returns: tuple[Frame, ...]
    ) -> Resolved:
        """Go on after the call being run returns; a Return() with no call hangs up."""
        if not returns:
            pos = step.pos if step is not None else Pos()
            self.b.note(
                pos,
                "Return() with no Gosub() that leads here: Asterisk hangs up",
                menu_id,
            )
            return Resolved(Target("action", "hangup", pos))
        frame = returns[-1]
        return self._resolve(frame.context, frame.ext, frame.index, menu_id, seen, returns[:-1])

    def _terminal(self, step: Step, ctx_name: str, menu_id: str) -> Target | None:
        app, args = step.app, step.args
        first = args[0] if args else ""
        if app == "hangup":
            return Target("action", "hangup", step.pos)
        if app == "queue":
            return self.b.destination("queue", first, step.pos)
        if app == "voicemail":
            return self.b.destination("voicemail", first, step.pos)
        if app == "dial":
            device = first.split("&", 1)[0]
            outside = "@" in device or device.count("/") >= 2 or bool(re.search(r"\d{7,}", device))
            return self.b.destination(
                "number" if outside else "agent", first, step.pos, prefix="dial"
            )
        # Background()/WaitExten() outside the menu's start: the keys go to this context.
        if ctx_name in self.menu_ids:
            target_id = self.menu_ids[ctx_name]
            if target_id == menu_id:
                return Target("action", "repeat", step.pos)
            return Target("goto", target_id, step.pos)
        return None

    def _goto(
        self,
        ctx_name: str,
        ext: Extension,
        spec: str,
        pos: Pos,
        menu_id: str,
        seen: frozenset[str],
        returns: tuple[Frame, ...] = (),
    ) -> Resolved:
        parts = [p.strip() for p in spec.split(",") if p.strip()] if spec else []
        if len(parts) == 3:
            target_ctx, target_ext, prio = parts
        elif len(parts) == 2:
            target_ctx, target_ext, prio = ctx_name, parts[0], parts[1]
        elif len(parts) == 1:
            target_ctx, target_ext, prio = ctx_name, ext.name, parts[0]
        else:
            return Resolved(None)
        if target_ctx not in self.contexts:
            if "$" not in target_ctx:  # a menu that is not defined: IVR105 reports it
                return Resolved(Target("goto", slug(target_ctx), pos))
            self.b.schema(
                pos,
                f"Goto() to '{target_ctx}' is computed when the call runs; ivrlint cannot "
                "follow it",
                "write the context name, or check this choice by hand",
                menu_id,
            )
            return Resolved(None)
        context = self.contexts[target_ctx]
        extensions = self._extensions(context)
        if target_ctx in self.menu_ids and (target_ext == "s" or target_ext not in extensions):
            target_id = self.menu_ids[target_ctx]
            if target_id == menu_id:
                return Resolved(Target("action", "repeat", pos))
            return Resolved(Target("goto", target_id, pos))
        target = extensions.get(target_ext)
        if target is None:
            self.b.schema(
                pos,
                f"Goto() names extension '{target_ext}' of context '{target_ctx}', which it "
                "does not have",
                menu=menu_id,
            )
            return Resolved(None)
        index = _priority_index(target, prio)
        if index is None:
            self.b.schema(
                pos,
                f"Goto() names priority '{prio}' of extension '{target_ext}' in context "
                f"'{target_ctx}', which has no priority labelled so: Asterisk hangs up here",
                f"label a priority of '{target_ext}' with ({prio}), or fix the Goto()",
                menu_id,
            )
            return Resolved(None)
        return self._resolve(target_ctx, target, index, menu_id, seen, returns)


def _called_context(step: Step, ctx_name: str) -> str | None:
    """The context a ``Gosub()`` or ``Macro()`` step runs, if it is one of those."""
    if step.app == "macro" and step.args:
        return f"macro-{step.args[0].strip()}"
    if step.app == "gosub" and step.args:
        return step.args[0].strip() if len(step.args) == 3 else ctx_name
    return None


def _priority_index(ext: Extension, prio: str) -> int | None:
    """The index of priority ``prio`` (a number or a label); None for a label not there."""
    number = whole_number(prio)
    if number is not None:
        return max(number - 1, 0)
    for index, step in enumerate(ext.steps):
        if step.label == prio:
            return index
    return None


def _spoken(step: Step) -> list[str]:
    """What a step says to the caller, as words: sound files, digits, or text-to-speech."""
    app, args = step.app, step.args
    if app in ("background", "playback", "read") and args:
        sounds = args[1] if app == "read" and len(args) > 1 else args[0] if app != "read" else ""
        return [w for w in (words_of_sound(s) for s in sounds.split("&") if s.strip()) if w]
    if app in ("saydigits", "sayalpha", "saynumber") and args:
        return [args[0]]
    if app in ("agi", "eagi") and len(args) > 1 and "tts" in args[0].lower():
        return [args[1].strip().strip('"').strip()]  # agi(googletts.agi,"Press 1 for...",en)
    if app in ("festival", "flite", "espeak") and args:
        return [args[0].strip().strip('"')]
    return []


def _reach(start: str, links: dict[str, set[str]]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in links.get(todo.pop(), set()) - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


def _join(said: list[str], more: str | None = None) -> str | None:
    parts = [s for s in [*said, more or ""] if s]
    return ". ".join(parts) or None
