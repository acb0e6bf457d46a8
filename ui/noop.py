"""``QT_TRANSLATE_NOOP`` typed as returning ``str``: PySide6's stub says ``object``.

lupdate finds the marked texts by the function's name, wherever it is imported from.
"""


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate looks for
    return source
