"""Joining a log to a menu: choices told by key or by the next place, where calls ended,
what could not be mapped, and node maps."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ivrlint.calls import read_events
from ivrlint.calls.menu_paths import menu_usage, read_node_map
from ivrlint.calls.table import ReadError
from ivrlint.callusage import CallUsage, MappingSummary, MenuUsage, OptionUsage
from ivrlint.loader import load_path, load_text

ROOT = Path(__file__).resolve().parents[2]
ACME = load_path(str(ROOT / "menus" / "acme-support.yaml")).menu
assert ACME is not None


def usage(tmp_path: Path, rows: str, node_map: dict[str, str] | None = None) -> CallUsage:
    path = tmp_path / "log.csv"
    path.write_text(textwrap.dedent(rows).lstrip(), encoding="utf-8")
    assert ACME is not None
    return menu_usage(read_events([path]), ACME, node_map)


KEYED = """\
    call_id,timestamp,node,event,key
    c1,2024-03-01T09:00:00Z,main,enter,2
    c1,2024-03-01T09:00:10Z,billing,answer,
    c1,2024-03-01T09:01:10Z,front-desk,answer,
    c2,2024-03-01T09:00:00Z,main,enter,1
    c2,2024-03-01T09:00:05Z,orders,enter,2
    c2,2024-03-01T09:00:10Z,returns,answer,
    c2,2024-03-01T09:01:10Z,billing,resolve,
    c2,2024-03-01T09:02:10Z,survey,answer,
    c3,2024-03-01T09:00:00Z,main,enter,
    c4,2024-03-01T09:00:00Z,main,enter,
    c4,2024-03-01T09:00:30Z,front-desk,answer,
    c5,2024-03-01T09:00:00Z,main,enter,1
    c5,2024-03-01T09:00:05Z,orders,enter,1
    c5,2024-03-01T09:00:10Z,order-status-bot,enter,
    c5,2024-03-01T09:00:40Z,main,enter,7
    c5,2024-03-01T09:00:45Z,main,enter,2
    c5,2024-03-01T09:00:50Z,billing,answer,
    c6,2024-03-01T09:00:00Z,sales,answer,
    c7,2024-03-01T09:00:00Z,main,enter,
    c7,2024-03-01T09:00:09Z,sales,answer,
    c8,2024-03-01T09:00:00Z,main,enter,t
    c8,2024-03-01T09:00:20Z,front-desk,answer,
"""


def test_choices_and_where_calls_ended(tmp_path: Path) -> None:
    u = usage(tmp_path, KEYED)
    assert u.keyed
    # c5 chose 2 at main after the bot handed it back: its last key there (7 was a slip).
    assert u.option("main", "2") == OptionUsage(
        "main", "2", 2, 0, (("billing", 1), ("front-desk", 1))
    )
    # c2 was resolved at billing (then sent to a survey); c5's first pass ended at the bot.
    assert u.option("main", "1").ended == (("billing", 1), ("order-status-bot", 1))
    assert u.option("orders", "2").ended == (("billing", 1),)
    assert u.menu("main") == MenuUsage(
        "main", reached=7, decided=5, unidentified=1, hangups=1, no_input=1, zero_out=1
    )
    assert u.menu("orders") == MenuUsage("orders", reached=2, decided=2, unidentified=0, hangups=0)
    assert u.summary == MappingSummary(
        calls=8, mapped=6, no_menu=1, unidentified=1, unexplained=(("main", "sales", 1),)
    )
    assert u.routed == {"billing": 2, "front-desk": 2, "order-status-bot": 1, "returns": 1}
    assert u.moves[("main", "menu:orders")] == 2


def test_without_a_key_column_the_next_place_tells_the_choice(tmp_path: Path) -> None:
    rows = "\n".join(",".join(line.split(",")[:4]) for line in textwrap.dedent(KEYED).splitlines())
    u = usage(tmp_path, rows)
    assert not u.keyed
    assert u.option("main", "2").calls == 2
    assert u.option("orders", "2").calls == 1
    # c4 and c8 went where 0, no input and no match all lead: zero-outs, not told apart.
    assert u.menu("main").zero_out == 2
    assert u.menu("main").zero_outs == 2


def test_options_sharing_a_place_are_not_guessed(tmp_path: Path) -> None:
    menu = load_text(
        textwrap.dedent(
            """\
            ivrlint: 1
            entry: main
            menus:
              main:
                options:
                  "1": { label: Billing, transfer: accounts }
                  "2": { label: Payments, transfer: accounts }
            destinations:
              accounts: { kind: queue }
            """
        ),
        "m.yaml",
    ).menu
    assert menu is not None
    path = tmp_path / "log.csv"
    path.write_text(
        "call_id,timestamp,node\nc1,1,main\nc1,2,accounts\nc2,1,main\nc2,2,accounts\n",
        encoding="utf-8",
    )
    u = menu_usage(read_events([path]), menu)
    assert u.option("main", "1") == OptionUsage("main", "1", 0, unresolved=2, ended=())
    assert u.option("main", "2").unresolved == 2
    assert u.menu("main").unidentified == 2
    assert u.summary.unidentified == 2


def test_node_map_joins_other_names(tmp_path: Path) -> None:
    rows = """\
        call_id,timestamp,node,key
        c1,2024-03-01T09:00:00Z,IVR Main,2
        c1,2024-03-01T09:00:10Z,Billing Q,
    """
    unmapped = usage(tmp_path, rows)
    assert unmapped.summary.no_menu == 1
    mapped = usage(tmp_path, rows, {"IVR Main": "main", "Billing Q": "billing", "X": "nowhere"})
    assert mapped.option("main", "2").ended == (("billing", 1),)
    assert mapped.summary.bad_node_map == (("X", "nowhere"),)


def test_read_node_map(tmp_path: Path) -> None:
    good = tmp_path / "map.yaml"
    good.write_text('"IVR Main": main\nBilling Q: billing\n7: orders\n', encoding="utf-8")
    assert read_node_map(good) == {"IVR Main": "main", "Billing Q": "billing", "7": "orders"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- main\n", "a node map is a mapping"),
        ("", "a node map is a mapping"),
        ("a: [1, 2]\n", "'a' maps to [1, 2], not an id"),
        ("a: {b\n", "not a YAML or JSON file"),
    ],
)
def test_bad_node_maps_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReadError, match=r"map\.yaml") as caught:
        read_node_map(path)
    assert message in caught.value.message


def test_keys_are_found_without_the_chains_source_rows(tmp_path: Path) -> None:
    """The chain builder may stop exposing each row's place in the file: the keys are then
    found by ordering the log the same way."""
    from dataclasses import replace

    from ivrlint.calls import build_chains
    from ivrlint.calls.menu_paths import _source_rows

    path = tmp_path / "log.csv"
    path.write_text(textwrap.dedent(KEYED).lstrip(), encoding="utf-8")
    log = read_events([path])
    chains = build_chains(log)
    bare = replace(chains, events=chains.events.drop(columns="source_row"))
    assert _source_rows(log, bare).tolist() == _source_rows(log, chains).tolist()
