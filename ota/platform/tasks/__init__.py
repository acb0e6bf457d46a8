"""Tasks (seed §5.8.6), the per-SE queue (§5.8.8) and their delivery by SMS PUSH (§5.8.5).

``schemas.py`` the API shapes; ``targets.py`` which SEs a task names; ``service.py`` create,
list, show (with failure statistics), cancel, retry; ``pull.py`` the wallet client's pull by push
serial; ``worker.py`` claims due work and pushes it; ``router.py`` the HTTP routes; ``cli.py``
``hallterm platform task …`` and ``hallterm platform worker``.
"""
