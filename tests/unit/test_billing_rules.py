"""Seed §5.7.2.2.1 / §5.7.2.2.2 row by row."""

from __future__ import annotations

import pytest

from ota.platform.billing.rules import (
    ProviderType,
    SdSpace,
    SpaceOp,
    space_amount,
    space_charge,
    space_release,
    units,
)

CM, TP = ProviderType.CHINA_MOBILE, ProviderType.THIRD_PARTY
FIXED, FREE = SdSpace.FIXED, SdSpace.NON_FIXED


@pytest.mark.parametrize(("provider", "op", "sd", "row", "charged", "size"), [
    (CM, SpaceOp.APP_DOWNLOAD, FREE, 1, False, 4096),
    (CM, SpaceOp.APP_DOWNLOAD, FIXED, 1, False, 4096),
    (CM, SpaceOp.SD_CREATE, FIXED, 2, False, 4096),
    (CM, SpaceOp.PRESET_APP, FREE, 3, False, 4096),
    (CM, SpaceOp.PRESET_SD, FIXED, 4, False, 4096),
    (TP, SpaceOp.APP_DOWNLOAD, FREE, 5, True, 4096),
    (TP, SpaceOp.APP_DOWNLOAD, FIXED, 6, False, 0),
    (TP, SpaceOp.SD_CREATE, FREE, 7, False, 0),
    (TP, SpaceOp.SD_CREATE, FIXED, 8, True, 4096),
    (TP, SpaceOp.PRESET_SD, FREE, 9, False, 0),
    (TP, SpaceOp.PRESET_SD, FIXED, 10, True, 4096),
    (TP, SpaceOp.PRESET_APP, FREE, 11, True, 4096),
    (TP, SpaceOp.PRESET_APP, FIXED, 12, False, 0),
])
def test_charge_table(provider: ProviderType, op: SpaceOp, sd: SdSpace, row: int, charged: bool, size: int) -> None:
    decision = space_charge(provider, op, sd, 4096)
    assert (decision.row, decision.charged, decision.size) == (row, charged, size)


@pytest.mark.parametrize(("provider", "op", "row", "released"), [
    (CM, SpaceOp.APP_DELETE, 1, 4096),
    (CM, SpaceOp.SD_DELETE, 2, 4096),
    (TP, SpaceOp.APP_DELETE, 5, 4096),
    (TP, SpaceOp.SD_DELETE, 7, 0),
])
def test_release_table(provider: ProviderType, op: SpaceOp, row: int, released: int) -> None:
    release = space_release(provider, op, 4096)
    assert (release.row, release.size, release.keeps_subscription) == (row, released, False)


def test_deleting_only_the_instance_keeps_the_subscription() -> None:
    assert space_release(TP, SpaceOp.APP_DELETE, 4096, instance_only=True).keeps_subscription


def test_amount_is_users_times_units_times_price() -> None:
    assert units(1025, 1024) == 2 and units(1024, 1024) == 1
    assert space_amount(users=3, size=2500, granularity=1024, unit_price=5) == 3 * 3 * 5
    with pytest.raises(ValueError):
        space_charge(TP, SpaceOp.APP_DELETE, FIXED, 1)
