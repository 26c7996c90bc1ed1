"""Tokens: language-agnostic words, folding, offsets, and hash values that never change."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rights.matching import prepare, tokenize


def words(text: str) -> list[str]:
    tokens = tokenize(prepare(text))
    return [tokens.text[s:e] for s, e in zip(tokens.starts.tolist(), tokens.ends.tolist(), strict=True)]


def test_pinned_token_hashes() -> None:
    """Stored fingerprints depend on these values: a change here needs a new TOKEN_VERSION."""
    hashes = tokenize("Millbrook votes to bring its river back").hashes.tolist()
    assert [hex(h) for h in hashes] == [
        "0xf4fea6abe5e143f8", "0x37c24ced43ff414b", "0x72c4156cd34a06ed", "0x4e96c1bf315e4a54",
        "0xd759c9b9c59e6087", "0xf94eb76509665e19", "0xe02f433a49cf9c16",
    ]  # fmt: skip


def test_hashes_are_the_same_in_another_process() -> None:
    """Python's own hash() is salted per process; ours must not be."""
    code = "from rights.matching import tokenize; print(tokenize('river back').hashes.tolist())"
    root = Path(__file__).resolve().parent.parent
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root,
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(root)},
        ).stdout
        for seed in ("1", "2")
    }  # fmt: skip
    assert len(outputs) == 1
    assert outputs.pop().strip() == str(tokenize("river back").hashes.tolist())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello, World! It's 2026.", ["Hello", "World", "It", "s", "2026"]),
        ("well-known  e-mail", ["well", "known", "e", "mail"]),
        ("Привет, мир", ["Привет", "мир"]),
        ("東京は晴れ。", ["東", "京", "は", "晴", "れ"]),
        ("हिन्दी भाषा", ["हिन्दी", "भाषा"]),
        ("ง่าย", ["ง่", "า", "ย"]),  # Thai: one token per letter, the tone mark stays with its letter
        ("مرحبا بالعالم", ["مرحبا", "بالعالم"]),
        ("inter\xadnational", ["inter\xadnational"]),  # a soft hyphen does not split a word
        ("", []),
        ("  ...  ", []),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Café CAFÉ", "café café"),  # case
        ("Ｍｉｌｌｂｒｏｏｋ", "millbrook"),  # full-width forms (NFKC)
        ("cafe\u0301", "café"),  # decomposed accents (NFC)
        ("inter\xadnational", "international"),  # soft hyphen
        ("“quoted” — text", '"quoted" - text'),  # punctuation is never part of a word
        ("don’t", "don't"),
    ],
)
def test_folding_makes_variants_equal(a: str, b: str) -> None:
    assert tokenize(prepare(a)).hashes.tolist() == tokenize(prepare(b)).hashes.tolist()


def test_ascii_fast_path_gives_the_same_hashes() -> None:
    ascii_only = tokenize("Millbrook votes to bring its river back").hashes.tolist()
    mixed = tokenize("Millbrook votes to bring its river back é").hashes.tolist()
    assert mixed[:-1] == ascii_only


def test_different_words_differ() -> None:
    hashes = tokenize("river rivers riverside reviver").hashes
    assert len(set(hashes.tolist())) == 4


@settings(deadline=None)
@given(st.text(max_size=300))
def test_offsets_index_the_prepared_text(text: str) -> None:
    prepared = prepare(text)
    tokens = tokenize(prepared)
    assert len(tokens.starts) == len(tokens.ends) == len(tokens.hashes)
    assert np.all(tokens.starts < tokens.ends)
    assert np.all(tokens.ends[:-1] <= tokens.starts[1:])
    for start, end in zip(tokens.starts.tolist(), tokens.ends.tolist(), strict=True):
        assert prepared[start:end].strip() == prepared[start:end]


@settings(deadline=None)
@given(st.lists(st.sampled_from(["river", "Brook", "mill", "東", "Straße", "42"]), max_size=30))
def test_same_words_same_hashes_whatever_the_separators(items: list[str]) -> None:
    assert tokenize(" ".join(items)).hashes.tolist() == tokenize(" , ".join(items)).hashes.tolist()
