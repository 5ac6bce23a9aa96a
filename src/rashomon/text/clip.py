"""Text cut to a line's width for evidence strings and terminal views."""

from __future__ import annotations


def clip(text: str | None, n: int) -> str:
    """``text`` with its whitespace folded, cut to ``n`` characters ending in an ellipsis when longer."""
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"
