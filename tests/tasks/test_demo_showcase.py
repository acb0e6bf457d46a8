"""`hallterm demo --showcase`: a scheduled upgrade reaches both demo phones by PUSH and the wallet
agent, and the day's bill file lands on the local BOSS FTP inbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from ota.platform.demo import DEMO_SEIDS


def test_demo_showcase(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "demo"
    assert main(["demo", "--headless", "--showcase", "--pcsc", "no", "--data-dir", str(data)]) == 0
    note = capsys.readouterr().out
    for seid in DEMO_SEIDS:
        assert f"SE {seid}: done, 2/2 operations" in note
    assert "upgrade JCMemory (delete, then download)" in note and ": finished" in note
    bills = sorted((data / "boss-ftp").glob("HALLTERM_BILL_*.txt"))
    assert bills and all(Path(f"{b}.sha256").exists() for b in bills)
    assert any("|FUNC_DOWNLOAD|download|" in b.read_text() for b in bills)
    assert str(bills[0]) in note
