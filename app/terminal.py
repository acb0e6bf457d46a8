"""Wiring: from a :class:`TerminalConfig` to the client, journal and readers the services use.

The CLI and the GUI both start here, so a terminal behaves the same whichever face it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests

from app.client import PlatformClient
from app.config import TerminalConfig
from app.journal import Journal
from app.reader import PcscReader, choose_reader, list_readers
from app.services.base import (
    AutoPrompt,
    CancelToken,
    CardReader,
    OperatorPrompt,
    Progress,
    ReaderFactory,
    ServiceContext,
)
from ota.protocol import LoginResponse


def pcsc_reader_factory(config: TerminalConfig) -> ReaderFactory:
    """Readers through PC/SC: ``name`` is a case-insensitive part of a reader's name."""

    def factory(name: str | None) -> CardReader:
        chosen = choose_reader(list_readers(), name or config.reader_preferred, config.reader_ignore)
        return PcscReader(chosen)

    return factory


def reader_factory_for(config: TerminalConfig) -> ReaderFactory:
    """PC/SC, or the demo's in-process virtual SEs when the config names card files (beside
    PC/SC with ``pcsc_too``)."""
    if not config.virtual_readers:
        return pcsc_reader_factory(config)
    from app.demo import file_reader_factory  # the only way app reaches ota.vse

    virtual = file_reader_factory(config)
    if not config.pcsc_too:
        return virtual
    pcsc = pcsc_reader_factory(config)

    def factory(name: str | None) -> CardReader:
        wanted = (name or config.reader_preferred or "").casefold()
        in_process = wanted and any(wanted in reader.casefold() for reader in config.virtual_readers)
        return virtual(name) if in_process else pcsc(name)

    return factory


def reader_names(config: TerminalConfig) -> list[str]:
    if not config.virtual_readers:
        return list_readers()
    virtual = list(config.virtual_readers)
    return [n for n in list_readers() if n not in virtual] + virtual if config.pcsc_too else virtual


@dataclass
class Terminal:
    """One terminal's long-lived parts."""

    config: TerminalConfig
    client: PlatformClient
    journal: Journal
    reader_factory: ReaderFactory
    source: Path | None = None
    operator: LoginResponse | None = field(default=None)

    @classmethod
    def open(cls, config: TerminalConfig, source: Path | None = None,
             session: requests.Session | None = None) -> Terminal:
        url = config.require_platform(source or "config")
        client = PlatformClient(url, session or requests.Session(), ca_file=config.ca_file,
                                client_cert=config.client_cert_pair())
        return cls(config, client, Journal(config.journal_file()), reader_factory_for(config), source)

    def login(self, operator: str, password: str) -> LoginResponse:
        self.operator = self.client.login(operator, password, self.config.terminal_id)
        return self.operator

    def context(
        self,
        prompt: OperatorPrompt | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        cancel: CancelToken | None = None,
    ) -> ServiceContext:
        if self.operator is None:
            raise RuntimeError("log in before running a service")
        return ServiceContext(
            client=self.client, reader_factory=self.reader_factory, journal=self.journal,
            operator=self.operator, prompt=prompt or AutoPrompt(), on_progress=on_progress,
            cancel=cancel or CancelToken(), terminal_id=self.config.terminal_id,
        )

    def close(self) -> None:
        # The client's own pool, not only its session's: a kept-alive connection left open holds a
        # stopping in-process platform for its grace period (was 10 s per demo teardown).
        self.client.close()
        self.journal.close()
