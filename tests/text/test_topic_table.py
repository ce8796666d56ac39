"""The thesaurus' compiled table, read bucket by bucket (ivrlint/text/buckets.py)."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

from ivrlint.text import buckets, thesaurus
from ivrlint.text.buckets import Sections, bucket_of, pack
from ivrlint.text.labels import Vocabulary, read
from ivrlint.text.lexicon import DATA, builtin
from ivrlint.text.words import stems

ROOT = Path(__file__).resolve().parents[2]


class Counting(Sections):
    """Sections that remember which were read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.asked: list[int] = []

    def read(self, index: int) -> object:
        self.asked.append(index)
        return super().read(index)


def shipped_bytes() -> bytes:
    return (DATA / thesaurus.TABLE).read_bytes()


def text_topics() -> dict[tuple[str, ...], str]:
    built = thesaurus.parse(thesaurus.shipped_text())
    return built.phrases.without(builtin("stop", "en"), built.capitals).entries


def test_sections_round_trip_and_refuse_a_foreign_or_cut_file() -> None:
    data = pack([{"head": 1}, ("a", "b"), {}])
    table = Sections(data)
    assert table.count == 3
    assert [table.read(i) for i in range(3)] == [{"head": 1}, ("a", "b"), {}]
    with pytest.raises(ValueError, match="not a table"):
        Sections(b"\x00" * 64)
    with pytest.raises(ValueError, match="cut short"):
        Sections(data[:-1])
    with pytest.raises(ValueError, match="cut short"):
        Sections(data[:24])


def test_bucket_of_is_a_stable_hash_of_the_word() -> None:
    # CRC-32 of the UTF-8 bytes: the same in every process, whatever PYTHONHASHSEED says
    assert bucket_of("card", 2048) == 0x161498D3 % 2048 == 211
    assert bucket_of("карт", 1) == 0


def test_reading_a_label_reads_only_the_buckets_of_its_words() -> None:
    sections = Counting(shipped_bytes())
    shelved = thesaurus.load(sections)
    assert sections.asked == [0]  # the head only
    vocab = Vocabulary("en", shelved)
    label = read("Lost or stolen card", vocab)
    assert label.meanings == {"c:card-lost"}
    words = {w for w in stems("Lost or stolen card") if w not in vocab.stop}  # as labels are read
    count = sections.count - 1
    assert sorted(sections.asked[1:]) == sorted({1 + bucket_of(w, count) for w in words})
    read("Stolen card", vocab)  # its buckets were read already
    assert len(sections.asked) == 1 + len({bucket_of(w, count) for w in words})


def test_a_shelved_list_finds_what_the_whole_list_finds() -> None:
    shelved = thesaurus.load(Sections(shipped_bytes())).compiled
    assert shelved is not None
    whole = thesaurus.load(Sections(shipped_bytes())).compiled
    assert whole is not None
    whole.tables()  # every bucket read
    texts = [
        "Card blocked",
        "Карта заблокирована",
        "My broadband is slow",
        "Заказ отменён",
        "Lost or stolen card, mortgage and home loans",
    ]
    for text in texts:
        assert list(shelved.find(stems(text))) == list(whole.find(stems(text)))
    assert "mortgag" in shelved
    assert shelved.entries == whole.entries == text_topics()
    assert list(shelved.entries) == list(whole.entries)  # the same order, whatever was read


def test_a_damaged_bucket_falls_back_to_the_text() -> None:
    data = bytearray(shipped_bytes())
    count = Sections(bytes(data)).count
    second = struct.unpack_from("<I", data, buckets._OFFSETS + 4 * 2)[0]  # section 2's start
    data[second + 7] ^= 0x80  # one bit: marshal alone could read garbage or crash
    shelved = thesaurus.load(Sections(bytes(data))).compiled
    assert shelved is not None
    topics = text_topics()
    key = next(k for k in topics if bucket_of(k[0], count - 1) == 1)  # a phrase of section 2
    assert [m.entry for m in shelved.find(key)] == [topics[key]]
    assert shelved.entries == topics


def test_a_damaged_section_is_refused_before_it_is_read() -> None:
    data = bytearray(buckets.pack([{"a": ("b",)}, {"c": ("d",)}]))
    assert Sections(bytes(data)).read(1) == {"c": ("d",)}
    data[-2] ^= 0x01
    with pytest.raises(ValueError, match="section 1 of the table is damaged"):
        Sections(bytes(data)).read(1)
    assert Sections(bytes(data)).read(0) == {"a": ("b",)}


def test_a_table_without_buckets_is_refused() -> None:
    with pytest.raises(ValueError, match="without buckets"):
        thesaurus.load(Sections(buckets.pack([{"concepts": {}}])))


def test_a_check_of_a_small_menu_reads_few_buckets() -> None:
    code = (
        "import sys\n"
        "from ivrlint.text import buckets\n"
        "asked = []\n"
        "read = buckets.Sections.read\n"
        "def counting(self, index):\n"
        "    asked.append((index, self.count))\n"
        "    return read(self, index)\n"
        "buckets.Sections.read = counting\n"
        "from ivrlint.cli import app\n"
        "try:\n"
        "    app(['check', '-q', 'menus/acme-support.yaml'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "asked = [(i, n) for i, n in asked if n > 1]  # the thesaurus, not the stem table\n"
        "print(len(asked), len({i for i, _ in asked}), asked[0][1])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    read, distinct, total = map(int, result.stdout.split())
    assert read == distinct  # no section read twice
    assert 2 <= read <= total // 20
