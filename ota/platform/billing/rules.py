"""The space-charge tables of seed §5.7.2.2.1 (charge) and §5.7.2.2.2 (release), as functions.

§5.7.2.2.1, by provider type, operation and security-domain space type:

====  ===========  ==================  ===========================  ======  ==========================
row   provider     operation           SD type (of the SD / app's)  size    charge
====  ===========  ==================  ===========================  ======  ==========================
1-4   China Mobile any                 any                          XX      none
5     third party  app download        app in non-fixed-space SD    XX      users × size × unit price
6     third party  app download        app in fixed-space SD        0       none (the SD's space paid)
7     third party  SD creation         non-fixed-space SD           0       none
8     third party  SD creation         fixed-space SD               XX      users × size × unit price
9     third party  preset SD           non-fixed-space SD           0       none
10    third party  preset SD           fixed-space SD               XX      users × size × unit price
11    third party  preset app          app in non-fixed-space SD    XX      users × size × unit price
12    third party  preset app          app in fixed-space SD        0       none
====  ===========  ==================  ===========================  ======  ==========================

§5.7.2.2.2 releases what was charged: an application deletion releases its size (rows 1, 5), a
China Mobile SD deletion its size (row 2), a third-party SD deletion releases 0 (row 7) — and
deleting only the instance (code left on the SE) keeps the subscription (the note).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ProviderType(StrEnum):
    CHINA_MOBILE = "mobile"
    THIRD_PARTY = "third_party"


class SpaceOp(StrEnum):
    APP_DOWNLOAD = "app_download"
    SD_CREATE = "sd_create"
    PRESET_APP = "preset_app"
    PRESET_SD = "preset_sd"
    APP_DELETE = "app_delete"
    SD_DELETE = "sd_delete"


class SdSpace(StrEnum):
    FIXED = "fixed"
    NON_FIXED = "non_fixed"


@dataclass(frozen=True)
class SpaceDecision:
    charged: bool
    size: int
    row: int
    """The row of the seed's table that decided it."""


_CHARGE_ROWS: dict[tuple[SpaceOp, SdSpace], tuple[int, bool]] = {
    (SpaceOp.APP_DOWNLOAD, SdSpace.NON_FIXED): (5, True),
    (SpaceOp.APP_DOWNLOAD, SdSpace.FIXED): (6, False),
    (SpaceOp.SD_CREATE, SdSpace.NON_FIXED): (7, False),
    (SpaceOp.SD_CREATE, SdSpace.FIXED): (8, True),
    (SpaceOp.PRESET_SD, SdSpace.NON_FIXED): (9, False),
    (SpaceOp.PRESET_SD, SdSpace.FIXED): (10, True),
    (SpaceOp.PRESET_APP, SdSpace.NON_FIXED): (11, True),
    (SpaceOp.PRESET_APP, SdSpace.FIXED): (12, False),
}
_MOBILE_ROWS = {SpaceOp.APP_DOWNLOAD: 1, SpaceOp.SD_CREATE: 2, SpaceOp.PRESET_APP: 3, SpaceOp.PRESET_SD: 4}


def space_charge(provider: ProviderType, op: SpaceOp, sd: SdSpace, size: int) -> SpaceDecision:
    """§5.7.2.2.1: is this operation's space charged, and for how many bytes."""
    if op not in _MOBILE_ROWS:
        raise ValueError(f"{op} is a release, see space_release")
    if provider == ProviderType.CHINA_MOBILE:
        return SpaceDecision(False, size, _MOBILE_ROWS[op])
    row, charged = _CHARGE_ROWS[(op, sd)]
    return SpaceDecision(charged, size if charged else 0, row)


@dataclass(frozen=True)
class SpaceRelease:
    size: int
    keeps_subscription: bool
    row: int


def space_release(provider: ProviderType, op: SpaceOp, size: int, instance_only: bool = False) -> SpaceRelease:
    """§5.7.2.2.2: what a deletion releases; deleting only the instance keeps the subscription."""
    if instance_only:
        return SpaceRelease(0, True, 0)
    rows = {
        (ProviderType.CHINA_MOBILE, SpaceOp.APP_DELETE): (1, size),
        (ProviderType.CHINA_MOBILE, SpaceOp.SD_DELETE): (2, size),
        (ProviderType.THIRD_PARTY, SpaceOp.APP_DELETE): (5, size),
        (ProviderType.THIRD_PARTY, SpaceOp.SD_DELETE): (7, 0),
    }
    if (provider, op) not in rows:
        raise ValueError(f"{op} is not a deletion")
    row, released = rows[(provider, op)]
    return SpaceRelease(released, False, row)


def units(size: int, granularity: int) -> int:
    """Billable units of ``granularity`` bytes, rounded up (计费粒度, e.g. per KB)."""
    if granularity <= 0:
        raise ValueError("granularity must be positive")
    return -(-size // granularity)


def space_amount(users: int, size: int, granularity: int, unit_price: int) -> int:
    """users × space (in units) × unit price, in fen."""
    return users * units(size, granularity) * unit_price
