"""Precision and recall of IVR301 (label.ambiguous) and IVR302 (label.vague) on hand-labelled
pairs of sibling choices. Run by hand: ``python benchmarks/eval_labels.py [SET...]``.

A SET is ``tuned`` (tests/eval/label_pairs.yaml), ``heldout`` (label_pairs_heldout.yaml),
``test`` (label_pairs_test.yaml), ``fresh`` (label_pairs_fresh.yaml), ``fifth``
(label_pairs_fifth.yaml), ``sixth`` (label_pairs_sixth.yaml), ``seventh``
(label_pairs_seventh.yaml), ``eighth`` (label_pairs_eighth.yaml), ``ninth``
(label_pairs_ninth.yaml), ``tenth`` (label_pairs_tenth.yaml) or the path of a file of the same
form; without one, every named set is scored, in that order, then summed up in one table. Each
file holds ``pairs`` with ``a``, ``b``, ``language``, ``ambiguous`` and optionally ``vague``
(which of ``a``/``b`` is vague). A pair is judged exactly as the rules judge two choices of one
menu, with the rules' default options. ``--show`` lists the pairs the rules get wrong. A pair
that two choices of one menu of the rules' own test cases (tests/rules/cases) also carry is
left out, and counted: the rules were written to pass it. ``--embeddings`` turns IVR301's
optional embedding signal on (it needs ``pip install 'ivrlint[embeddings]'``), at
``--threshold`` (default: the rule's). ``--domain bank,telecom`` scores only the pairs of those
lines of business; ``--domain core`` the six the rules were first written for (banks, telecoms,
retailers, utilities, clinics, airlines).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ivrlint.rules.ivr301_label_ambiguous import LabelAmbiguous  # noqa: E402
from ivrlint.rules.ivr302_label_vague import LabelVague  # noqa: E402
from ivrlint.text.labels import Likeness, ambiguity, read  # noqa: E402


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def line(self, name: str) -> str:
        return (
            f"{name:32s} precision {self.precision:.2f}  recall {self.recall:.2f}  "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn})"
        )


def evaluate(
    pairs: list[dict[str, Any]], show: bool, likeness: Likeness | None = None
) -> tuple[Score, Score]:
    ambiguous, vague = Score(), Score()
    seen_labels: set[tuple[str, str]] = set()
    for pair in pairs:
        language = pair["language"]
        vocab_a = LabelAmbiguous.vocabulary(language, LabelAmbiguous.defaults())
        vocab_v = LabelVague.vocabulary(language, LabelVague.defaults())
        a, b = read(pair["a"], vocab_a), read(pair["b"], vocab_a)
        found = ambiguity(a, b, vocab_a, likeness)
        ambiguous.add(found is not None, bool(pair["ambiguous"]))
        if show and (found is not None) != bool(pair["ambiguous"]):
            why = found.explain() if found else "not flagged"
            verdict = "FP" if found else "FN"
            print(f"  IVR301 {verdict} [{language}] {pair['a']!r} / {pair['b']!r}: {why}")
        for side in ("a", "b"):
            text = pair[side]
            if (language, text) in seen_labels:
                continue  # a label scored once, however many pairs it is in
            seen_labels.add((language, text))
            predicted = read(text, vocab_v).vague
            actual = side in (pair.get("vague") or [])
            vague.add(predicted, actual)
            if show and predicted != actual:
                print(f"  IVR302 {'FP' if predicted else 'FN'} [{language}] {text!r}")
    return ambiguous, vague


CASES = ROOT / "tests" / "rules" / "cases"


def _norm(label: str) -> str:
    return " ".join(label.casefold().replace("ё", "е").split())


def rule_case_menus() -> list[set[str]]:
    """The labels of each menu of the rules' test cases (tests/rules/cases)."""
    found = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            doc = yaml.safe_load(case["menu"])
            menus = doc.get("menus") if isinstance(doc, dict) else None
            for menu in (menus or {}).values():
                options = menu.get("options") if isinstance(menu, dict) else None
                if isinstance(options, dict):
                    options = list(options.values())
                found.append(
                    {
                        _norm(o["label"])
                        for o in options or ()
                        if isinstance(o, dict) and isinstance(o.get("label"), str)
                    }
                )
    return found


def apart_from_rule_cases(
    pairs: list[dict[str, Any]], menus: list[set[str]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The pairs to score, and those left out because two choices of one rule case's menu
    carry them: the rules were written to pass those, so they would flatter the figure."""
    scored: list[dict[str, Any]] = []
    left_out: list[dict[str, Any]] = []
    for pair in pairs:
        a, b = _norm(pair["a"]), _norm(pair["b"])
        clash = any(a in labels and b in labels for labels in menus)
        (left_out if clash else scored).append(pair)
    return scored, left_out


SETS = {
    "tuned": ROOT / "tests" / "eval" / "label_pairs.yaml",
    "heldout": ROOT / "tests" / "eval" / "label_pairs_heldout.yaml",
    "test": ROOT / "tests" / "eval" / "label_pairs_test.yaml",
    "fresh": ROOT / "tests" / "eval" / "label_pairs_fresh.yaml",
    "fifth": ROOT / "tests" / "eval" / "label_pairs_fifth.yaml",
    "sixth": ROOT / "tests" / "eval" / "label_pairs_sixth.yaml",
    "seventh": ROOT / "tests" / "eval" / "label_pairs_seventh.yaml",
    "eighth": ROOT / "tests" / "eval" / "label_pairs_eighth.yaml",
    "ninth": ROOT / "tests" / "eval" / "label_pairs_ninth.yaml",
    "tenth": ROOT / "tests" / "eval" / "label_pairs_tenth.yaml",
}
CORE = ("bank", "telecom", "retail", "utility", "clinic", "airline")


def in_domains(pairs: list[dict[str, Any]], domains: str | None) -> list[dict[str, Any]]:
    """The pairs of the lines of business ``domains`` names (comma-separated; ``core`` for
    the six core ones); all pairs without it."""
    if not domains:
        return pairs
    wanted = {d.strip() for d in domains.split(",") if d.strip()}
    if "core" in wanted:
        wanted = (wanted - {"core"}) | set(CORE)
    return [p for p in pairs if p.get("domain") in wanted]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "sets", nargs="*", help=f"{', '.join(SETS)} or a file (default: every named set)"
    )
    parser.add_argument(
        "--domain", help="only these lines of business, comma-separated; 'core': the six"
    )
    parser.add_argument("--show", action="store_true", help="list the pairs judged wrongly")
    parser.add_argument(
        "--embeddings", action="store_true", help="turn IVR301's embedding signal on"
    )
    parser.add_argument(
        "--threshold",
        type=float,
        default=LabelAmbiguous.defaults()["embedding_threshold"],
        help="with --embeddings: the meaning similarity from which two labels read alike",
    )
    args = parser.parse_args()
    names = args.sets or [name for name, path in SETS.items() if path.is_file()]
    likeness = None
    if args.embeddings:
        from ivrlint.text import embeddings

        if not embeddings.available():
            parser.error(f"--embeddings: {embeddings.missing_message()}")
        likeness = embeddings.shipped(args.threshold)
    rows: list[tuple[str, int, Score, Score]] = []
    menus = rule_case_menus()
    for name in names:
        path = SETS.get(name, Path(name))
        if not path.is_file():
            parser.error(f"{name}: no such set or file (sets: {', '.join(SETS)})")
        pairs, left_out = apart_from_rule_cases(
            in_domains(yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"], args.domain),
            menus,
        )
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        if not pairs:
            print(f"{shown}: no pairs to score" + (f" of {args.domain}" if args.domain else ""))
            continue
        print(f"{shown}: {len(pairs)} pairs", end="")
        print(f" ({len(left_out)} more left out: they are rule cases)" if left_out else "")
        if likeness is not None:
            likeness.prepare(p[side] for p in pairs for side in ("a", "b"))
        ambiguous, vague = evaluate(pairs, args.show, likeness)
        print("  " + ambiguous.line("IVR301 label.ambiguous (pairs)"))
        print("  " + vague.line("IVR302 label.vague (labels)"))
        rows.append((name if name in SETS else str(shown), len(pairs), ambiguous, vague))
    if len(rows) > 1:
        print()
        print("| set | pairs | IVR301 P | IVR301 R | IVR302 P | IVR302 R |")
        print("|---|---|---|---|---|---|")
        for name, count, ambiguous, vague in rows:
            print(
                f"| {name} | {count} | {ambiguous.precision:.2f} | {ambiguous.recall:.2f} "
                f"| {vague.precision:.2f} | {vague.recall:.2f} |"
            )


if __name__ == "__main__":
    main()
