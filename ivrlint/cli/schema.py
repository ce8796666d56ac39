"""``ivrlint schema``: the JSON Schema of the menu format, for editors."""

from __future__ import annotations

import typer


def schema() -> None:
    """Print the JSON Schema of the menu format (for yaml-language-server and other editors)."""
    from importlib.resources import files

    text = files("ivrlint").joinpath("data/menu.schema.json").read_text(encoding="utf-8")
    typer.echo(text, nl=not text.endswith("\n"))
