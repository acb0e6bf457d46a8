"""Billing (seed §5.7.2): charge types, per-provider strategies, space and function charges,
bills per cycle, and the BOSS bill file sent by FTP with a checksum."""
