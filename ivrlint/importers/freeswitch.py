"""FreeSWITCH IVR menus (``ivr.conf.xml`` or an ``ivr_menus/*.xml`` include).

Each ``<menu name=...>`` is a menu and each ``<entry action=... digits=...>`` an option:
``menu-sub`` goes to another menu, ``menu-top`` to the first, ``menu-back`` back,
``menu-exit`` ends the call and ``menu-exec-app`` runs an application (``transfer``,
``bridge``, ``voicemail``, ``hangup``, ``ivr``...). ``digits`` may be a regular expression
(``/^[12]$/``); it stands for every single key it matches. After ``max-timeouts`` silences
or ``max-failures`` wrong keys FreeSWITCH plays ``exit-sound`` and leaves the menu
(``exec-on-max-timeouts``/``exec-on-max-failures`` run an application instead).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ivrlint.diagnostics import Pos
from ivrlint.importers.base import Builder, ImportFailed, whole_number, words_of_sound
from ivrlint.importers.xmltree import Element, parse_xml
from ivrlint.loader import Loaded
from ivrlint.model import DTMF_KEYS, Handler, Menu, Option, Target

_DEFAULT_MAX = 3


def read(text_: str, path: str) -> Loaded:
    builder = Builder(path, "freeswitch", text_)
    try:
        root = parse_xml(text_)
    except ImportFailed as exc:
        return builder.failed(exc)
    menus = [m for m in root.iter("menu") if m.attrs.get("name")]
    included = [e for e in root.iter("X-PRE-PROCESS") if e.attrs.get("cmd") == "include"]
    if not menus and included:
        builder.schema(
            included[0].pos,
            f"this ivr.conf holds no menu itself: it includes {included[0].attrs.get('data', '')}",
            "check the included files (conf/ivr_menus/*.xml) instead",
        )
        return builder.loaded(None)
    if not menus:
        builder.schema(
            root.pos,
            "no <menu name=...> element: this is not a FreeSWITCH IVR file",
            "point ivrlint at ivr.conf.xml or a file under ivr_menus/",
        )
        return builder.loaded(None)
    ids = {m.attrs["name"]: builder.unique_id(m.attrs["name"], set(), "menu") for m in menus}
    children: set[str] = set()
    for element in menus:
        menu = _menu(builder, element, ids)
        builder.add_menu(menu, element.attrs["name"])
        children.update(
            o.target.value
            for o in menu.options
            if o.target and o.target.kind == "goto" and o.target.value != menu.id
        )
    entry = next((m for m in menus if ids[m.attrs["name"]] not in children), menus[0])
    entry_id = ids[entry.attrs["name"]]
    # menu-top in the first menu plays that menu again: the caller is already at the top.
    top = builder.menus[entry_id]
    builder.menus[entry_id] = replace(
        top,
        options=tuple(
            replace(o, target=Target("action", "repeat", o.target.pos))
            if o.target is not None and (o.target.kind, o.target.value) == ("action", "main")
            else o
            for o in top.options
        ),
    )
    return builder.finish(entry_id, entry.attr_pos("name"))


def _menu(b: Builder, element: Element, ids: dict[str, str]) -> Menu:
    menu_id = ids[element.attrs["name"]]
    prompt = _sound_text(element.attrs.get("greet-long") or element.attrs.get("greet-short"))
    prompt_attr = "greet-long" if "greet-long" in element.attrs else "greet-short"
    options: list[Option] = []
    for entry in element.find("entry"):
        digits = entry.attrs.get("digits", "")
        keys = _keys(digits)
        if not keys:
            b.note(
                entry.attr_pos("digits"),
                f"digits {digits!r} of menu '{menu_id}' match no "
                "single key (extension dialling); not a menu choice",
                menu_id,
            )
            continue
        target = _target(b, entry, ids, menu_id)
        for key in keys:
            if key in {o.key for o in options} and len(keys) > 1:
                continue  # an earlier entry already answers this key
            options.append(Option(key, None, target, entry.pos, entry.attr_pos("digits")))
    return Menu(
        id=menu_id,
        pos=element.attr_pos("name"),
        prompt=prompt,
        prompt_pos=element.attr_pos(prompt_attr) if prompt else None,
        options=tuple(options),
        no_input=_handler(b, element, "max-timeouts", "exec-on-max-timeouts", ids, menu_id),
        no_match=_handler(b, element, "max-failures", "exec-on-max-failures", ids, menu_id),
    )


def _handler(
    b: Builder, element: Element, limit: str, action: str, ids: dict[str, str], menu_id: str
) -> Handler:
    raw = element.attrs.get(limit) or element.attrs.get("max-failures") or ""
    number = whole_number(raw)
    retries = number - 1 if number else _DEFAULT_MAX - 1
    at = element.attr_pos(limit) if limit in element.attrs else element.attr_pos("name")
    then: Target | None = Target("action", "hangup", at)
    if action in element.attrs:
        then = _app(b, element.attrs[action], element.attr_pos(action), ids, menu_id)
    return Handler(retries, then, at, at if raw else None)


def _target(b: Builder, entry: Element, ids: dict[str, str], menu_id: str) -> Target | None:
    action = entry.attrs.get("action", "")
    param = entry.attrs.get("param", "")
    pos = entry.attr_pos("action")
    if action == "menu-sub":
        name = param.strip()
        return Target("goto", ids.get(name, name), entry.attr_pos("param"))
    if action == "menu-top":
        return Target("action", "main", pos)
    if action == "menu-back":
        return Target("action", "back", pos)
    if action == "menu-exit":
        return Target("action", "hangup", pos)
    if action in ("menu-play-sound", "menu-say-phrase", "menu-say-text"):
        return Target("action", "repeat", pos)
    if action == "menu-exec-app":
        return _app(b, param, entry.attr_pos("param"), ids, menu_id)
    b.schema(
        pos,
        f"unknown entry action '{action}'",
        "FreeSWITCH entries use menu-exec-app, menu-sub, menu-top, menu-back, menu-exit, "
        "menu-play-sound",
        menu_id,
    )
    return None


def _app(b: Builder, param: str, pos: Pos, ids: dict[str, str], menu_id: str) -> Target | None:
    app, _, args = param.strip().partition(" ")
    app, args = app.lower(), args.strip()
    if app == "hangup":
        return Target("action", "hangup", pos)
    if app == "ivr":
        name = args.split()[0] if args else ""
        if ids.get(name) == menu_id:
            return Target("action", "repeat", pos)
        return Target("goto", ids.get(name, name), pos)
    if app == "voicemail":
        return b.destination("voicemail", args, pos)
    if app == "bridge":
        outside = "gateway/" in args or bool(re.search(r"\d{7,}", args))
        return b.destination("number" if outside else "agent", args, pos, prefix="bridge")
    if app == "transfer":
        return b.destination("number", args, pos, prefix="transfer")
    if app in ("playback", "phrase", "speak", "say", "sleep", "set", "log"):
        return Target("action", "repeat", pos)  # the menu plays again afterwards
    return b.destination("self-service", param.strip(), pos, prefix=app or "app")


def _keys(digits: str) -> list[str]:
    digits = digits.strip()
    if digits in DTMF_KEYS:
        return [digits]
    if len(digits) > 2 and digits.startswith("/") and digits.endswith("/"):
        try:
            pattern = re.compile(digits[1:-1])
        except re.error:
            return []
        return [k for k in DTMF_KEYS if pattern.search(k)]
    return []


def _sound_text(value: str | None) -> str | None:
    """What a greeting says: ``say:...`` text, a phrase's name, or a sound file's words."""
    if not value:
        return None
    kind, sep, rest = value.partition(":")
    if sep and kind in ("say", "speak"):
        return rest.strip()
    if sep and kind == "phrase":
        return words_of_sound(rest)
    return ". ".join(words_of_sound(part) for part in value.split("!") if part.strip())
