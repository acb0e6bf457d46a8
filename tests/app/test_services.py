from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from app.errors import Cancelled, InputError, WrongCardError
from app.journal import CANCELLED, DONE, FAILED, Journal
from app.services.base import AutoPrompt, CancelToken, Progress, ServiceContext
from app.services.catalog import list_apps
from app.services.change_number import change_number
from app.services.download import download
from app.services.lock import lock
from app.services.migrate import migrate
from app.services.words import Words
from ota.protocol import LoginResponse, OperationState, Role, TerminalKind
from tests.app.fakes import FakePlatform, ScriptedCard, failed, need_card, script, view

OPERATOR = LoginResponse(token="t", expires_at=datetime(2030, 1, 1, tzinfo=UTC), operator="clerk1",
                         role=Role.CLERK, region="GZ", terminal_kind=TerminalKind.COUNTER)
OLD = bytes.fromhex("0102030405060708090A")
NEW = bytes.fromhex("AAAAAAAAAAAAAAAAAAAA")


class Readers:
    """Reader name -> card; with one reader the test swaps what sits on it."""

    def __init__(self, **cards: ScriptedCard) -> None:
        self.cards = cards
        self.opened: list[str | None] = []

    def __call__(self, name: str | None) -> ScriptedCard:
        self.opened.append(name)
        return self.cards[name or "r0"]


class SwapPrompt(AutoPrompt):
    def __init__(self, readers: Readers, new_card: ScriptedCard) -> None:
        super().__init__(True)
        self.readers, self.new_card = readers, new_card

    def ask_for_card(self, role: str, words: Words) -> bool:
        super().ask_for_card(role, words)
        self.readers.cards["r0"] = self.new_card
        return True


def ctx(platform: FakePlatform, readers: Readers, tmp_path: Path, **kw: Any) -> ServiceContext:
    return ServiceContext(client=platform, reader_factory=readers, journal=Journal(tmp_path / "j.sqlite"),  # type: ignore[arg-type]
                          operator=OPERATOR, **kw)


def test_lock_reads_identity_starts_and_journals(tmp_path: Path) -> None:
    card = ScriptedCard(seid=OLD)
    platform = FakePlatform([view(OperationState.DONE, result={"app": "Wallet", "state": "locked"})],
                            first=view(script_=script(1, "80F0808007A0000000041010")))
    c = ctx(platform, Readers(r0=card), tmp_path)
    outcome = lock(c, None, "wallet")
    request = platform.started[0]
    assert request.card.seid == OLD.hex().upper() and len(request.card.cplc) == 84
    assert request.params == {"app_id": "wallet"} and request.kind == "lock"
    assert card.received[:3] == [bytes.fromhex("00A4040000"), bytes.fromhex("80CA9F7F00"),
                                 bytes.fromhex("80CA004500")]
    assert outcome.ok and outcome.operation_id == "op-1"
    entry = c.journal.get(outcome.journal_id)  # type: ignore[union-attr, arg-type]
    assert entry is not None and entry.state == DONE and entry.app_id == "wallet" and entry.operator == "clerk1"
    assert entry.receipt["lines"][0]["value"] == "Wallet"
    assert not card.connected


def test_failed_operation_is_an_outcome_not_an_exception(tmp_path: Path) -> None:
    platform = FakePlatform([failed("se_lost")], first=view(script_=script(1, "80F01080")))
    c = ctx(platform, Readers(r0=ScriptedCard()), tmp_path)
    outcome = lock(c, None, "wallet")
    assert not outcome.ok and outcome.error_code == "se_lost" and outcome.error == Words("se_lost")
    assert c.journal.get(outcome.journal_id).state == FAILED  # type: ignore[union-attr, arg-type]


def test_download_reports_block_progress(tmp_path: Path) -> None:
    seen: list[Progress] = []
    first = view(script_=script(1, "80E602000100", "80E8000001AA", "80E8000101BB", "80E8800201CC"))
    platform = FakePlatform([view(OperationState.DONE)], first=first)
    download(ctx(platform, Readers(r0=ScriptedCard()), tmp_path, on_progress=seen.append), None, "wallet")
    loads = [(p.done, p.total) for p in seen if p.stage == "load"]
    assert loads[-1] == (3, 3) and (1, 3) in loads and (2, 3) in loads
    assert seen[-1].stage == "done"


def test_cancel_before_start_touches_nothing(tmp_path: Path) -> None:
    token = CancelToken()
    token.cancel()
    platform = FakePlatform([], first=view(script_=script(1, "80F01080")))
    card = ScriptedCard()
    c = ctx(platform, Readers(r0=card), tmp_path, cancel=token)
    with pytest.raises(Cancelled):
        lock(c, None, "wallet")
    assert card.received == [] and platform.started == []
    entries = c.journal.day(datetime.now().astimezone().date())  # type: ignore[union-attr]
    assert [e.state for e in entries] == [CANCELLED]


def test_cancel_during_script_cancels_on_platform(tmp_path: Path) -> None:
    token = CancelToken()

    def handler(apdu: bytes) -> bytes:
        token.cancel()  # the operator presses cancel while the first APDU runs
        return b"\x90\x00"

    platform = FakePlatform([], first=view(script_=script(1, "80E8000001AA", "80E8800101BB")))
    card = ScriptedCard(handler=handler)
    with pytest.raises(Cancelled):
        download(ctx(platform, Readers(r0=card), tmp_path, cancel=token), None, "wallet")
    assert len(card.received) == 4  # 3 identity reads + the one APDU that was running
    assert platform.cancelled == ["op-1"]


def test_migrate_one_reader_asks_to_swap(tmp_path: Path) -> None:
    old, new = ScriptedCard(seid=OLD), ScriptedCard(seid=NEW)
    readers = Readers(r0=old)
    prompt = SwapPrompt(readers, new)
    platform = FakePlatform([need_card("target", step=2), view(step=2, script_=script(2, "80E60C00")),
                             view(OperationState.DONE, step=2)], first=view(script_=script(1, "80F24000")))
    outcome = migrate(ctx(platform, readers, tmp_path, prompt=prompt), None, "wallet")
    assert outcome.ok
    assert [r for r, _ in prompt.asked] == ["target"]
    assert platform.posted[1].card is not None and platform.posted[1].card.seid == NEW.hex().upper()
    assert bytes.fromhex("80E60C00") in new.received and bytes.fromhex("80E60C00") not in old.received


def test_migrate_two_readers_needs_no_prompt(tmp_path: Path) -> None:
    old, new = ScriptedCard(seid=OLD), ScriptedCard(seid=NEW)
    prompt = AutoPrompt()
    platform = FakePlatform([need_card("target", step=2), view(step=2, script_=script(2, "80E60C00")),
                             view(OperationState.DONE, step=2)], first=view(script_=script(1, "80F24000")))
    outcome = migrate(ctx(platform, Readers(r0=old, r1=new), tmp_path, prompt=prompt), "r0", "wallet", "r1")
    assert outcome.ok and prompt.asked == []
    assert platform.posted[1].card.seid == NEW.hex().upper()  # type: ignore[union-attr]


def test_migrate_same_phone_again_is_refused_then_cancelled(tmp_path: Path) -> None:
    old = ScriptedCard(seid=OLD)
    readers = Readers(r0=old)
    platform = FakePlatform([need_card("target", step=2)], first=view(script_=script(1, "80F24000")))
    with pytest.raises(WrongCardError):
        migrate(ctx(platform, readers, tmp_path, prompt=AutoPrompt(True)), None, "wallet")
    assert platform.cancelled == ["op-1"]


def test_migrate_operator_cancels_at_prompt(tmp_path: Path) -> None:
    platform = FakePlatform([need_card("target", step=2)], first=view(script_=script(1, "80F24000")))
    with pytest.raises(Cancelled):
        migrate(ctx(platform, Readers(r0=ScriptedCard()), tmp_path, prompt=AutoPrompt(False)), None, "wallet")
    assert platform.cancelled == ["op-1"]


def test_expected_seid_is_checked(tmp_path: Path) -> None:
    readers = Readers(r0=ScriptedCard(seid=OLD))
    prompt = SwapPrompt(readers, ScriptedCard(seid=NEW))
    platform = FakePlatform([need_card("source", expected=OLD.hex(), step=2), view(OperationState.DONE, step=2)],
                            first=view(script_=script(1, "80F24000")))
    readers_then_back = prompt
    with pytest.raises(WrongCardError):
        migrate(ctx(platform, readers, tmp_path, prompt=readers_then_back), None, "wallet")


def test_change_number_validates_input(tmp_path: Path) -> None:
    c = ctx(FakePlatform([]), Readers(r0=ScriptedCard()), tmp_path)
    with pytest.raises(InputError):
        change_number(c, None, "not-a-number", "460001234567890")
    with pytest.raises(InputError):
        change_number(c, None, "13800138000", "12")


def test_change_number_sends_params(tmp_path: Path) -> None:
    platform = FakePlatform([view(OperationState.DONE, result={"msisdn": "13800138000"})],
                            first=view(script_=script(1, "80E2900003AABBCC")))
    outcome = change_number(ctx(platform, Readers(r0=ScriptedCard()), tmp_path), None, "13800138000",
                            "460001234567890")
    assert platform.started[0].params == {"new_msisdn": "13800138000", "imsi": "460001234567890"}
    assert outcome.msisdn == "13800138000"


def test_catalog(tmp_path: Path) -> None:
    apps = list_apps(ctx(FakePlatform([]), Readers(r0=ScriptedCard()), tmp_path))
    assert apps[0].app_id == "wallet" and apps[0].aid == "A0000000041010"
    assert (apps[0].title_zh, apps[0].title_en) == ("钱包", "") and apps[0].size is None  # data, as entered
