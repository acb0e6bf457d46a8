from __future__ import annotations

import pytest

from app.errors import Cancelled
from app.reader.errors import CardRemovedError, ReaderTimeoutError
from app.relay import ScriptProgress, relay_operation, run_script
from ota.protocol import CardIdentity, Opening, OperationState
from tests.app.fakes import FakePlatform, ScriptedCard, failed, need_card, script, view


class Flag:
    def __init__(self, after: int | None = None, card: ScriptedCard | None = None) -> None:
        self.after, self.card = after, card

    @property
    def cancelled(self) -> bool:
        return self.card is not None and len(self.card.received) >= (self.after or 0)


def test_runs_all_commands_and_reports_responses() -> None:
    card = ScriptedCard(handler=lambda a: b"\xAA\x90\x00")
    result = run_script(card, script(3, "80F01080", "80F01081"))
    assert result.step == 3 and result.completed and result.error is None
    assert result.responses == ["AA9000", "AA9000"]
    assert card.received == [bytes.fromhex("80F01080"), bytes.fromhex("80F01081")]


def test_stops_at_first_unaccepted_sw() -> None:
    answers = iter([b"\x90\x00", b"\x6a\x80", b"\x90\x00"])
    card = ScriptedCard(handler=lambda a: next(answers))
    result = run_script(card, script(1, "80E60000", "80E60001", "80E60002"))
    assert not result.completed
    assert result.responses == ["9000", "6A80"]
    assert len(card.received) == 2


def test_accept_list_allows_other_sw() -> None:
    card = ScriptedCard(handler=lambda a: b"\x63\x10")
    result = run_script(card, script(1, "80F24000", accept=["9000", "6310"]))
    assert result.completed and result.responses == ["6310"]


def test_card_removed_mid_script_is_reported_with_what_ran() -> None:
    card = ScriptedCard(remove_after=2)
    result = run_script(card, script(2, "80E80000", "80E80001", "80E88002"))
    assert result.error == "card_removed" and not result.completed
    assert result.responses == ["9000", "9000"]


def test_progress_counts_load_blocks() -> None:
    seen: list[ScriptProgress] = []
    card = ScriptedCard()
    run_script(card, script(1, "80E602000100", "80E8000001AA", "80E8800101BB", "80E60C0000"), seen.append)
    assert seen[0] == ScriptProgress(1, 0, 4, 0, 2)
    assert [p.load_done for p in seen] == [0, 0, 1, 2, 2]
    assert seen[-1].done == 4


def test_cancel_between_apdus_never_inside_one() -> None:
    card = ScriptedCard()
    with pytest.raises(Cancelled) as info:
        run_script(card, script(1, "80E80000", "80E80001", "80E80002"), cancel=Flag(after=2, card=card))
    assert len(card.received) == 2
    assert info.value.partial.responses == ["9000", "9000"]  # type: ignore[attr-defined]


def test_relay_posts_each_step_until_done() -> None:
    card = ScriptedCard()
    platform = FakePlatform([view(step=2, script_=script(2, "80F01080")), view(OperationState.DONE, step=2)])
    final = relay_operation(platform, card, view(script_=script(1, "80500000080102030405060708")))
    assert final.state == OperationState.DONE
    assert [p.step for p in platform.posted] == [1, 2]


def test_relay_returns_failed_view() -> None:
    platform = FakePlatform([failed("se_lost")])
    final = relay_operation(platform, ScriptedCard(), view(script_=script(1, "80F01080")))
    assert final.state == OperationState.FAILED and final.error and final.error.code == "se_lost"


def test_relay_cancel_tells_platform() -> None:
    card = ScriptedCard()
    platform = FakePlatform([])
    with pytest.raises(Cancelled):
        relay_operation(platform, card, view(script_=script(1, "80F01080", "80F01081")), cancel=Flag(1, card))
    assert platform.cancelled == ["op-1"]
    assert platform.posted == []


def test_relay_card_removed_then_platform_fails_it() -> None:
    platform = FakePlatform([failed("card_removed")])
    final = relay_operation(platform, ScriptedCard(remove_after=0), view(script_=script(1, "80F01080")))
    assert platform.posted[0].error == "card_removed"
    assert final.state == OperationState.FAILED


def test_relay_card_removed_while_platform_still_running_cancels_and_raises() -> None:
    platform = FakePlatform([view(step=2, script_=script(2, "80F01080"))])
    with pytest.raises(CardRemovedError):
        relay_operation(platform, ScriptedCard(remove_after=0), view(script_=script(1, "80F01080")))
    assert platform.cancelled == ["op-1"]


def test_relay_need_card_posts_identity_and_switches_transport() -> None:
    old, new = ScriptedCard(), ScriptedCard(seid=b"\x09" * 10)
    identity = CardIdentity(atr="3B00", seid="09" * 10)
    platform = FakePlatform([need_card(step=2), view(step=3, script_=script(3, "80E60C00")),
                             view(OperationState.DONE, step=3)])
    final = relay_operation(platform, old, view(script_=script(1, "80F01080")),
                            on_need_card=lambda v: (new, identity))
    assert final.state == OperationState.DONE
    assert platform.posted[1].step == 2 and platform.posted[1].card == identity
    assert platform.posted[1].responses == []
    assert new.received == [bytes.fromhex("80E60C00")]


def test_relay_need_card_answer_carries_the_new_cards_opening() -> None:
    """The new card's script 1 (issue 15 item 2) goes with its identity; a reader failing during
    it only means the platform sends script 1 itself."""
    new = ScriptedCard(seid=b"\x09" * 10)
    identity = CardIdentity(atr="3B00", seid="09" * 10)
    opening = Opening(challenge_id="c0", commands=["00A4040008A00000015100000000", "8050000008" + "11" * 8 + "00"],
                      responses=["9000", "00" * 28 + "9000"])
    asked: list[int] = []

    def open_new_card() -> Opening:
        asked.append(len(platform.posted))  # after the card was placed, before the post
        return opening

    platform = FakePlatform([view(step=3, script_=script(3, "8482000010")), view(OperationState.DONE, step=3)])
    relay_operation(platform, ScriptedCard(), need_card(step=2), on_need_card=lambda v: (new, identity),
                    open_new_card=open_new_card)
    assert asked == [0] and platform.posted[0].card == identity and platform.posted[0].opening == opening

    def unplugged() -> Opening:
        raise CardRemovedError("gone")

    platform = FakePlatform([view(OperationState.FAILED, step=3)])
    relay_operation(platform, ScriptedCard(), need_card(step=2), on_need_card=lambda v: (new, identity),
                    open_new_card=unplugged)
    assert platform.posted[0].card == identity and platform.posted[0].opening is None


def test_relay_need_card_without_handler_returns_view() -> None:
    platform = FakePlatform([need_card()])
    final = relay_operation(platform, ScriptedCard(), view(script_=script(1, "80F01080")))
    assert final.state == OperationState.NEED_CARD


def test_reader_timeout_is_reported_then_raised() -> None:
    class Slow(ScriptedCard):
        def transmit(self, apdu: bytes) -> bytes:
            raise ReaderTimeoutError("slow")

    platform = FakePlatform([failed("reader.timeout")])
    with pytest.raises(ReaderTimeoutError):
        relay_operation(platform, Slow(), view(script_=script(1, "80F01080")))
    assert platform.posted[0].error == "reader.timeout" and not platform.posted[0].completed


def test_running_view_without_script_is_a_protocol_error() -> None:
    from app.errors import TerminalError

    with pytest.raises(TerminalError):
        relay_operation(FakePlatform([]), ScriptedCard(), view(script_=None))
