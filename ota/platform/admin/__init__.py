"""The platform's administration (issue 14; seed §5.4–§5.7, §5.8.1): services, REST, CLI.

One module per subject (``releases``, ``archive``, ``providers``, ``batches``, ``system``,
``transfer``); ``policy`` says which role may do what; ``routes`` puts them under
``/api/v1/admin`` and ``cli`` under ``hallterm platform``.  Each service function takes a
database session and typed input and returns typed views, so REST and CLI share one path.
"""
