"""HallTerm terminal core: card access, platform client, counter services. No Qt here."""

__version__ = "0.1.0"
