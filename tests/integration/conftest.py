"""Fixtures for tests through the real PC/SC stack (run them under ``flock /tmp/pcsc.lock``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from ota.vse.vpcd import VpcdServer
from tests.integration.pcsc_stack import READERS, PcscStack


@pytest.fixture
def serve_card(pcsc_stack: PcscStack) -> Iterator[Callable[..., VpcdServer]]:
    """``serve_card(card, slot=0)`` serves ``card`` on a vpcd slot until the test ends, and
    returns once pcscd sees it present."""
    pcsc_stack.ensure_running()  # a previous test may have stopped it
    servers: list[tuple[VpcdServer, int]] = []

    def serve(card: object, slot: int = 0, wait: bool = True) -> VpcdServer:
        server = pcsc_stack.serve(card, slot, wait)
        servers.append((server, slot))
        return server

    yield serve
    for server, _slot in servers:
        server.stop()
    for _server, slot in servers:
        pcsc_stack.wait_card(slot, present=False)


@pytest.fixture
def reader_names() -> tuple[str, str]:
    return READERS
