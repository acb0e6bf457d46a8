"""New virtual cards get per-card keys (``ota.vse.factory``), as the demo's batches expect."""

from __future__ import annotations

from pathlib import Path

import pytest

from ota.gp.constants import DEFAULT_TEST_KEY
from ota.gp.diversify import Diversification, diversify
from ota.gp.diversify_aes import KDF3, diversify_kdf3
from ota.gp.scp02 import StaticKeys
from ota.gp.scp03 import Scp03Keys
from ota.vse import cli
from ota.vse.factory import SCP03, new_card
from ota.vse.state import load_state

OLD, NEW = bytes.fromhex("86860100000000000001"), bytes.fromhex("86860100000000000002")  # the demo's phones


def _keys(card_keys: object) -> tuple[bytes, bytes, bytes]:
    return card_keys.enc, card_keys.mac, card_keys.dek  # type: ignore[attr-defined]


def test_an_scp02_card_holds_the_master_key_diversified_emv_cpg204() -> None:
    old, new = new_card(None, OLD), new_card(None, NEW)
    expected = diversify(StaticKeys.single(DEFAULT_TEST_KEY), OLD, Diversification.EMV_CPG204)
    assert _keys(old.state.key_sets[0]) == _keys(expected)
    assert old.state.key_sets[0].enc != new.state.key_sets[0].enc  # one key set per card
    assert DEFAULT_TEST_KEY not in _keys(old.state.key_sets[0])


def test_an_scp03_card_holds_kdf3_keys_and_a_batch_wide_card_the_master_key() -> None:
    seid = bytes.fromhex("86860300000000000001")
    card = new_card(None, seid, scp=SCP03)
    expected = diversify_kdf3(Scp03Keys(DEFAULT_TEST_KEY, DEFAULT_TEST_KEY, DEFAULT_TEST_KEY), seid)
    assert (card.state.scp, card.state.i) == (SCP03, 0x70)
    assert _keys(card.state.key_sets[0]) == _keys(expected)
    wide = new_card(None, OLD, kdf="none")
    assert _keys(wide.state.key_sets[0]) == (DEFAULT_TEST_KEY,) * 3


def test_a_method_of_the_other_protocol_is_refused() -> None:
    with pytest.raises(ValueError, match="SCP02 cards take"):
        new_card(None, OLD, kdf=KDF3)
    with pytest.raises(ValueError, match="SCP03 cards take"):
        new_card(None, OLD, scp=SCP03, kdf=Diversification.VISA2.value)


def test_vse_new_makes_per_card_keys_unless_told_none(tmp_path: Path) -> None:
    assert cli.main(["new", "--state", str(tmp_path / "a.json"), "--seid", OLD.hex()]) == 0
    assert cli.main(["new", "--state", str(tmp_path / "b.json"), "--seid", OLD.hex(), "--kdf", "none"]) == 0
    per_card, wide = load_state(tmp_path / "a.json"), load_state(tmp_path / "b.json")
    expected = diversify(StaticKeys.single(DEFAULT_TEST_KEY), OLD, Diversification.EMV_CPG204)
    assert _keys(per_card.key_sets[0]) == _keys(expected)
    assert _keys(wide.key_sets[0]) == (DEFAULT_TEST_KEY,) * 3
