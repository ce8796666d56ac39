"""Write docs/rules.md from the rules' metadata (``--check``: only say whether it is stale).

Run it after adding or changing a rule: ``python scripts/gen_rule_docs.py``. The test suite
fails while docs/rules.md differs from what this script writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ivrlint.ruledocs import missing_docs, rules_markdown
from ivrlint.rules import RULES

TARGET = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the file is stale")
    args = parser.parse_args(argv)
    lacking = {rule.code: missing_docs(rule) for rule in RULES if missing_docs(rule)}
    for code, parts in lacking.items():
        print(f"{code}: the docstring has no {', '.join(parts)}", file=sys.stderr)
    if lacking:
        return 1
    text = rules_markdown()
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
    if args.check:
        if current != text:
            print(f"{TARGET} is stale: run python scripts/gen_rule_docs.py", file=sys.stderr)
            return 1
        return 0
    if current != text:
        TARGET.write_text(text, encoding="utf-8")
        print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
