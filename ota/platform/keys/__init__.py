"""The key service (seed §5.8.9, issue 13): where card keys live and what may be done with them.

* ``ota.platform.keystore``: the :class:`~ota.platform.keystore.KeyStore` interface and the
  software back end (key sets sealed with AES-GCM in the database);
* ``pkcs11``: the HSM back end (SoftHSM2 in tests): master keys are token objects, per-card
  keys and session keys are derived inside the token, MACs and cryptograms computed there;
* ``spec``: ``--keystore software`` / ``--keystore pkcs11:...`` to a key service;
* ``versions``: key versions, KCVs and the list a ceremony shows (never a key);
* ``ceremony``: key import from 2-3 separately entered components, each KCV-checked;
* ``rollover``: per-SE key version and sequence counter, and moving a batch to a new version
  with PUT KEY at each card's next contact;
* ``cli``: ``hallterm platform keys ...``.
"""
