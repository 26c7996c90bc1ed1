"""Evaluation gate: the detectors on real labelled pages must not fall below the pinned floors.

Uses the shared corpus and its official scorer (`../shared/eval/score_signals.py`); skipped when they are absent
(set RIGHTS_SHARED to point elsewhere). The floors live in tests/eval_floors.json.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from rights.api import inspect
from rights.report.inspection import inspection_dict

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RIGHTS_SHARED", ROOT.parent / "shared"))
LABELS = SHARED / "corpus" / "labels" / "signals-dev.jsonl"
SCORER = SHARED / "eval" / "score_signals.py"
FLOORS = json.loads((ROOT / "tests" / "eval_floors.json").read_text())["signals"]

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not (LABELS.exists() and SCORER.exists()), reason="shared corpus not available"),
]


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_signals", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _predict(lab: dict[str, Any]) -> dict[str, Any]:
    url = lab.get("page_url")
    if url and url.startswith("hard::"):
        url = None
    return inspection_dict(inspect(str(SHARED / "corpus" / lab["file"]), url=url))


def _metrics() -> dict[str, float]:
    score = _scorer()
    labels = [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]
    tp = fp = fn = 0
    origin_ok = origin_n = lic_ok = lic_n = lic_fp = lic_none = cr_ok = cr_n = st_ok = st_n = 0
    for lab in labels:
        pred = _predict(lab)
        rep_g, rep_p = lab["republication"], pred["republication"] or {}
        gold, got = bool(rep_g["is_republication"]), bool(rep_p.get("is_republication"))
        tp, fp, fn = tp + (gold and got), fp + (got and not gold), fn + (gold and not got)
        if gold and rep_g.get("origin_name"):
            origin_n += 1
            same_host = rep_g.get("origin_url") and score.host(rep_p.get("origin_url")) == score.host(
                rep_g["origin_url"]
            )
            origin_ok += got and (
                score.names_match(rep_p.get("origin_name"), rep_g["origin_name"], rep_g.get("origin_url"))
                or bool(same_host)
            )
        gl, pl = lab.get("license") or {}, pred.get("license") or {}
        gid = score.lic_id(gl) if gl.get("scope") in ("article", "site", None) else ""
        if gid:
            lic_n += 1
            lic_ok += score.lic_id(pl) == gid
        else:
            lic_none += 1
            lic_fp += bool(score.lic_id(pl)) and pl.get("scope") in ("article", "site", None)
        gc, pc = lab.get("copyright") or {}, pred.get("copyright") or {}
        if gc.get("holder"):
            cr_n += 1
            cr_ok += score.holder_match(pc.get("holder"), gc["holder"])
        gs, ps = (lab.get("reuse_terms") or {}).get("stance"), (pred.get("reuse_terms") or {}).get("stance")
        if gs or ps:
            st_n += 1
            st_ok += gs == ps
    _, _, f1 = score.prf(tp, fp, fn)
    return {
        "republication_f1": f1,
        "origin_name": origin_ok / origin_n,
        "license_id": lic_ok / lic_n,
        "license_false_positive_rate_max": lic_fp / lic_none,
        "copyright_holder": cr_ok / cr_n,
        "reuse_terms_stance": st_ok / st_n,
    }


def test_signal_quality_stays_above_the_floors() -> None:
    """Every headline metric is at or above its pinned floor (the false-positive rate at or below)."""
    got = _metrics()
    for name, floor in FLOORS.items():
        if name.endswith("_max"):
            assert got[name] <= floor, f"{name} = {got[name]:.3f} rose above {floor}"
        else:
            assert got[name] >= floor, f"{name} = {got[name]:.3f} fell below {floor}"
