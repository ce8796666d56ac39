"""Files and subroutines an export reaches from inside itself: a dialplan's ``#include``,
``Gosub()``, ``Macro()``; VoiceXML ``<subdialog src>``. Every fixture is written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from importers.helpers import converted_and_read_back, targets
from ivrlint.diagnostics import Pos
from ivrlint.importers.linked import MAX_DEPTH
from ivrlint.loader import load_path, load_text

DIALPLAN = """\
[general]
static=yes

#include "menus/sales.conf"
#tryinclude "optional.conf"

[main]
exten => s,1,Answer()
 same => n,Background(custom/for-sales-press-1&custom/for-support-press-2)
 same => n,WaitExten(5)
exten => 1,1,Gosub(sub-sales,s,1(main))
 same => n,Goto(s,1)
exten => 2,1,Macro(support,2)
 same => n,Hangup()
exten => 3,1,Gosub(sub-announce,s,1)
 same => n,Queue(billing)

[sub-announce]
exten => s,1,Playback(custom/billing-hours)
 same => n,Return()

[macro-support]
exten => s,1,Background(custom/for-printers-press-1&custom/to-go-back-press-9)
 same => n,WaitExten(5)
exten => 1,1,Dial(PJSIP/200)
exten => 9,1,MacroExit()
"""

SALES = """\
; the sales menu, run as a subroutine
[sub-sales]
exten => s,1,Background(custom/new-orders-press-1&custom/back-press-star)
 same => n,WaitExten(5)
exten => 1,1,Queue(sales)
exten => *,1,Return()
"""


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _problems(path: Path) -> list[tuple[str, Pos, str]]:
    loaded = load_path(path)
    return [(code, f.pos, f.message) for code, f in loaded.findings]


# -- Asterisk ---------------------------------------------------------------------------------


def test_menus_reached_through_gosub_macro_and_include(tmp_path: Path) -> None:
    _write(tmp_path, {"extensions.conf": DIALPLAN, "menus/sales.conf": SALES})
    loaded = load_path(tmp_path / "extensions.conf")
    model = loaded.menu
    assert model is not None
    assert loaded.findings == []
    assert model.entry == "main"
    assert targets(model, "main") == {
        "1": ("goto", "sub-sales"),  # Gosub() to a menu run as a subroutine
        "2": ("goto", "macro-support"),  # Macro(support) runs [macro-support]
        "3": ("transfer", "queue-billing"),  # the subroutine plays, returns, then Queue()
    }
    assert model.menus["main"].options[2].say_first == "billing hours"
    # Return() goes on after the Gosub() that called the menu: Goto(s,1) of [main]
    assert targets(model, "sub-sales") == {
        "1": ("transfer", "queue-sales"),
        "*": ("goto", "main"),
    }
    # MacroExit() returns to the caller, which hangs up
    assert targets(model, "macro-support")["9"] == ("action", "hangup")
    # what the included file defines is placed at its #include line
    assert model.menus["sub-sales"].pos == Pos(4, 1)
    notes = {(n.pos.line, n.message) for n in loaded.notes if n.key is None}
    assert (
        4,
        "read menus/sales.conf, included here; what it defines is placed at this line",
    ) in notes
    assert (5, "#tryinclude: optional.conf does not exist") in notes


CONDITIONS = """\
[ivr-main]
exten => s,1,Answer()
 same => n,Background(custom/for-sales-press-1&custom/for-support-press-2)
 same => n,WaitExten(5)
exten => 1,1,GotoIf($["${CALLERID(num)}" = "100"]?vip,s,1)
 same => n,Queue(sales)
exten => 2,1,GosubIf($[${HOUR} > 17]?closed,s,1:open,s,1)
 same => n,Queue(support)
exten => 3,1,GotoIfTime(9:00-17:00,mon-fri,*,*?support-open,s,1)
 same => n,VoiceMail(100@default)

[vip]
exten => s,1,Dial(PJSIP/200)

[closed]
exten => s,1,Playback(custom/we-are-closed)
 same => n,Hangup()

[open]
exten => s,1,Return()

[support-open]
exten => s,1,Queue(support)
"""


def test_conditional_branches_follow_one_way_and_name_the_other(tmp_path: Path) -> None:
    """GotoIf()/GosubIf() go the way for when the condition fails, GotoIfTime() the way for
    the hours it names; the converted file names the way not shown."""
    _write(tmp_path, {"extensions.conf": CONDITIONS})
    loaded = load_path(tmp_path / "extensions.conf")
    assert loaded.menu is not None
    assert loaded.findings == []
    assert targets(loaded.menu, "ivr-main") == {
        "1": ("transfer", "queue-sales"),  # not a caller 100: the next priority
        "2": ("transfer", "queue-support"),  # before 18:00: [open] returns, then Queue()
        "3": ("transfer", "queue-support"),  # in office hours: [support-open]
    }
    notes = {(n.pos.line, n.message) for n in loaded.notes}
    assert (
        5,
        'GotoIf($["${CALLERID(num)}" = "100"]?…): only one way is followed, to the next '
        "priority; when it holds the call goes to vip,s,1, which this file does not show",
    ) in notes
    assert (
        7,
        "GosubIf($[${HOUR} > 17]?…): only one way is followed, to open,s,1; when it holds "
        "the call goes to closed,s,1, which this file does not show",
    ) in notes
    assert (
        9,
        "GotoIfTime(9:00-17:00,mon-fri,*,*?…): only one way is followed, to "
        "support-open,s,1; outside those hours the call goes to the next priority, which "
        "this file does not show",
    ) in notes
    assert len([n for n in loaded.notes if "only one way" in n.message]) == 3


def test_a_conditional_call_with_arguments_is_split_outside_its_brackets(tmp_path: Path) -> None:
    plan = CONDITIONS.replace(
        "GosubIf($[${HOUR} > 17]?closed,s,1:open,s,1)",
        "GosubIf($[${HOUR} > 17]?closed,s,1(a:b):open,s,1(x,y))",
    )
    _write(tmp_path, {"extensions.conf": plan})
    loaded = load_path(tmp_path / "extensions.conf")
    assert loaded.menu is not None
    assert loaded.findings == []
    assert targets(loaded.menu, "ivr-main")["2"] == ("transfer", "queue-support")
    assert any(
        "to open,s,1(x,y); when it holds the call goes to closed,s,1(a:b)" in n.message
        for n in loaded.notes
    )


def test_converted_dialplan_names_the_included_file(tmp_path: Path) -> None:
    _write(tmp_path, {"extensions.conf": DIALPLAN, "menus/sales.conf": SALES})
    loaded = load_path(tmp_path / "extensions.conf")
    text, again = converted_and_read_back(loaded, "extensions.conf", tmp_path)
    assert (
        "  sub-sales:  # from extensions.conf:4; read menus/sales.conf, included here; what it "
        "defines is placed at this line\n" in text
    )
    assert loaded.menu is not None
    assert targets(again, "sub-sales") == targets(loaded.menu, "sub-sales")


def test_missing_include_is_reported_with_the_file_and_line(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "extensions.conf": DIALPLAN.replace('#tryinclude "optional.conf"', '#include "a.conf"'),
            "menus/sales.conf": SALES,
            "a.conf": '; shared\n\n#include "gone.conf"\n',
        },
    )
    assert _problems(tmp_path / "extensions.conf") == [
        ("IVR002", Pos(5, 1), "#include (a.conf:3): gone.conf does not exist"),
    ]


def test_include_cycle_is_reported_and_read_once(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "extensions.conf": DIALPLAN,
            "menus/sales.conf": SALES + '#include "../extensions.conf"\n',
        },
    )
    loaded = load_path(tmp_path / "extensions.conf")
    assert [(c, f.pos, f.message) for c, f in loaded.findings] == [
        (
            "IVR002",
            Pos(4, 1),
            "#include (menus/sales.conf:7): '../extensions.conf' is already being read "
            "(extensions.conf → menus/sales.conf → extensions.conf): a cycle; not read again",
        ),
    ]
    assert loaded.menu is not None
    assert set(loaded.menu.menus) == {"sub-sales", "main", "macro-support"}


def test_include_depth_is_bounded(tmp_path: Path) -> None:
    files = {f"f{n}.conf": f'#include "f{n + 1}.conf"\n' for n in range(MAX_DEPTH + 2)}
    files["extensions.conf"] = DIALPLAN.replace('#tryinclude "optional.conf"', '#include "f0.conf"')
    files["menus/sales.conf"] = SALES
    _write(tmp_path, files)
    ((code, pos, message),) = _problems(tmp_path / "extensions.conf")
    assert (code, pos) == ("IVR002", Pos(5, 1))
    assert message == (
        f"#include (f{MAX_DEPTH - 1}.conf:1): 'f{MAX_DEPTH}.conf' is not read: files include "
        f"each other more than {MAX_DEPTH} deep"
    )


def test_include_outside_the_folder_is_not_read_and_said(tmp_path: Path) -> None:
    secret = "[secret]\nexten => s,1,Background(x)\n same => n,WaitExten()\nexten => 1,1,Hangup()\n"
    (tmp_path / "secret.conf").write_text(secret, encoding="utf-8")
    folder = tmp_path / "pbx"
    _write(
        folder,
        {
            "extensions.conf": DIALPLAN.replace(
                '#tryinclude "optional.conf"', '#include "../secret.conf"'
            ),
            "menus/sales.conf": SALES,
        },
    )
    loaded = load_path(folder / "extensions.conf")
    assert loaded.findings == []
    assert loaded.menu is not None
    assert set(loaded.menu.menus) == {"sub-sales", "main", "macro-support"}
    assert (
        Pos(5, 1),
        "#include: '../secret.conf' is outside the folder of extensions.conf: not read",
    ) in [(n.pos, n.message) for n in loaded.notes]


def test_include_is_not_followed_for_text_not_read_from_that_file(tmp_path: Path) -> None:
    _write(tmp_path, {"extensions.conf": DIALPLAN, "menus/sales.conf": SALES})
    # a git revision or standard input: the text differs from the file on disk
    loaded = load_text(DIALPLAN + "\n; changed\n", str(tmp_path / "extensions.conf"))
    assert loaded.menu is not None
    assert "sub-sales" not in loaded.menu.menus
    assert any("not read from a file on disk" in n.message for n in loaded.notes)


def test_recursive_gosub_is_bounded(tmp_path: Path) -> None:
    text = (
        "[main]\nexten => s,1,Background(custom/press-1)\n same => n,WaitExten()\n"
        "exten => 1,1,Gosub(loop,s,1)\n\n[loop]\nexten => s,1,Gosub(loop,s,1)\n"
        " same => n,Return()\n"
    )
    loaded = load_text(text, "extensions.conf")
    assert [(c, f.pos, f.message) for c, f in loaded.findings] == [
        (
            "IVR002",
            Pos(7, 14),
            "Gosub()/Macro() calls nest more than 16 deep here: ivrlint stops following them",
        ),
    ]


# -- VoiceXML ---------------------------------------------------------------------------------

MAIN_VXML = """\
<?xml version="1.0" encoding="UTF-8"?>
<vxml xmlns="http://www.w3.org/2001/vxml" version="2.1">
  <menu id="main" dtmf="true">
    <prompt>For billing, press 1. For your balance, press 2. For support, press 3.</prompt>
    <choice next="#billing">Billing</choice>
    <choice next="#balance">Balance</choice>
    <choice next="#support">Support</choice>
  </menu>
  <form id="billing">
    <subdialog name="pin" src="#get_pin">
      <filled><goto next="#billing_menu"/></filled>
    </subdialog>
  </form>
  <form id="balance">
    <subdialog name="acct" src="shared/account.vxml"/>
    <block><goto next="#main"/></block>
  </form>
  <form id="support">
    <subdialog name="s" src="%s"/>
  </form>
  <form id="get_pin">
    <field name="pin" type="digits"><prompt>Enter your PIN.</prompt></field>
    <filled><return/></filled>
  </form>
  <menu id="billing_menu">
    <prompt>To pay, press 1. For the main menu, press 9.</prompt>
    <choice dtmf="1" next="#pay">Pay</choice>
    <choice dtmf="9" next="#main">Main menu</choice>
  </menu>
  <form id="pay"><transfer dest="tel:+15550100"/></form>
</vxml>
"""

ACCOUNT_VXML = """\
<?xml version="1.0" encoding="UTF-8"?>
<vxml xmlns="http://www.w3.org/2001/vxml" version="2.1">
  <menu id="acct">
    <prompt>For checking, press 1. For savings, press 2. To go back, press star.</prompt>
    <choice dtmf="1" next="#checking">Checking</choice>
    <choice dtmf="2" next="#savings">Savings</choice>
    <choice dtmf="*" next="#done">Back</choice>
  </menu>
  <form id="checking"><transfer dest="tel:+15550101"/></form>
  <form id="savings"><block><prompt>Zero.</prompt><goto next="#done"/></block></form>
  <form id="done"><block><return/></block></form>
</vxml>
"""


def test_subdialogs_in_the_document_and_in_a_relative_file(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {"main.vxml": MAIN_VXML % "#get_pin", "shared/account.vxml": ACCOUNT_VXML},
    )
    loaded = load_path(tmp_path / "main.vxml")
    model = loaded.menu
    assert model is not None
    assert loaded.findings == []
    assert targets(model, "main") == {
        "1": ("goto", "billing_menu"),  # PIN subdialog returns, <filled> goes on
        "2": ("goto", "shared-account:acct"),  # a menu in another document
        "3": ("action", "hangup"),  # the same subdialog, then nothing: the document ends
    }
    # <return/> from that document goes on after the <subdialog>: back to main
    assert targets(model, "shared-account:acct") == {
        "1": ("transfer", "transfer-tel:-15550101"),
        "2": ("goto", "main"),
        "*": ("goto", "main"),
    }
    assert model.menus["shared-account:acct"].pos == Pos(15, 5)


def test_subdialog_srcexpr_of_one_string_is_followed_and_others_are_noted(
    tmp_path: Path,
) -> None:
    main = MAIN_VXML.replace('src="shared/account.vxml"', "srcexpr=\"'shared/account.vxml'\"")
    main = main.replace('src="%s"', "srcexpr=\"base + '/support.vxml'\"")
    _write(tmp_path, {"main.vxml": main, "shared/account.vxml": ACCOUNT_VXML})
    loaded = load_path(tmp_path / "main.vxml")
    assert loaded.menu is not None
    assert loaded.findings == []
    led_to = targets(loaded.menu, "main")
    assert led_to["2"] == ("goto", "shared-account:acct")  # as with src="…"
    assert (
        Pos(19, 5),
        "<subdialog srcexpr=\"base + '/support.vxml'\">: computed when the call runs; not followed",
    ) in [(n.pos, n.message) for n in loaded.notes]


@pytest.mark.parametrize(
    ("src", "files", "expected"),
    [
        ("missing.vxml", {}, "<subdialog src='missing.vxml'>: missing.vxml does not exist"),
        (
            "broken.vxml",
            {"broken.vxml": "<vxml><menu>\n"},
            "<subdialog src='broken.vxml'>: not well-formed XML: no element found (at line 2 "
            "of broken.vxml)",
        ),
        (
            "loop.vxml",
            {"loop.vxml": '<vxml><form id="f"><subdialog src="loop.vxml"/></form></vxml>'},
            "<subdialog src='loop.vxml'> (in loop.vxml): 'loop.vxml' is already being read "
            "(main.vxml → loop.vxml → loop.vxml): a cycle; not read again",
        ),
        (
            "sub*.vxml",
            {"sub1.vxml": ACCOUNT_VXML, "sub2.vxml": ACCOUNT_VXML},
            "<subdialog src='sub*.vxml'>: names 2 files; a <subdialog> runs one document",
        ),
    ],
)
def test_subdialog_files_that_cannot_be_read(
    tmp_path: Path, src: str, files: dict[str, str], expected: str
) -> None:
    _write(tmp_path, {"main.vxml": MAIN_VXML % src, "shared/account.vxml": ACCOUNT_VXML, **files})
    problems = _problems(tmp_path / "main.vxml")
    assert [(code, message) for code, _, message in problems] == [("IVR002", expected)]
    assert problems[0][1] == Pos(19, 30) or src == "loop.vxml"


def test_subdialog_on_a_server_is_noted_not_read(tmp_path: Path) -> None:
    src = "https://example.com/help.vxml"
    _write(tmp_path, {"main.vxml": MAIN_VXML % src, "shared/account.vxml": ACCOUNT_VXML})
    loaded = load_path(tmp_path / "main.vxml")
    assert loaded.findings == []
    assert (
        Pos(19, 30),
        f"<subdialog src='{src}'>: a document on a server is not followed",
    ) in [(n.pos, n.message) for n in loaded.notes]


def test_subdialog_entity_attack_is_refused(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE v [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n'
        "<vxml><menu><prompt>&b;</prompt></menu></vxml>\n"
    )
    _write(
        tmp_path,
        {
            "main.vxml": MAIN_VXML % "bomb.vxml",
            "shared/account.vxml": ACCOUNT_VXML,
            "bomb.vxml": bomb,
        },
    )
    ((code, pos, message),) = _problems(tmp_path / "main.vxml")
    assert (code, pos) == ("IVR002", Pos(19, 30))
    assert message.startswith("<subdialog src='bomb.vxml'>: XML refused for safety")
