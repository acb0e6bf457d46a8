"""The reference platform: the secure-channel service the terminal relays for (DESIGN.md §4).

``create_app`` (``api.py``) builds the FastAPI app on an injected database; ``engine.py`` runs
operation flows step by step; ``leases.py`` keeps one link per SE; ``keystore.py`` holds card
keys; ``auth.py`` logs operators in; ``audit.py`` chains the audit log.
"""
