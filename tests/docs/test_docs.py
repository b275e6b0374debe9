"""The docs are kept complete by tests: every command and every setting is documented."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from rasd.cli import app
from rasd.settings import describe

DOCS = Path(__file__).parents[2] / "docs"


def _commands() -> set[str]:
    group = typer.main.get_command(app)
    return set(group.commands)  # type: ignore[attr-defined]


def test_every_command_has_a_section() -> None:
    headings = set(re.findall(r"^## (\S+)$", (DOCS / "cli.md").read_text(), re.M))
    missing = _commands() - headings
    assert not missing, f"docs/cli.md lacks sections for: {sorted(missing)}"


def test_every_setting_is_documented() -> None:
    text = (DOCS / "cli.md").read_text()
    missing = [env for _, env, _, _ in describe() if f"`{env}`" not in text]
    assert not missing, f"docs/cli.md lacks settings: {missing}"
