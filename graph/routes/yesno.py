"""The yes / no / unknown vocabulary of a boolean fact of the case, defined once for the whole
project: the route finder's ``--fact key=value`` (:func:`graph.routes.facts.parse_facts`) and the
app's form (``graph.ui.routeform``) accept the same words, in English and Chinese. A fact nobody
states is *unknown*, never *no*.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

__all__ = ["YesNo", "YES_WORDS", "NO_WORDS", "UNKNOWN_WORDS", "parse_yes_no", "yes_no"]


class YesNo(str, Enum):
    """A boolean fact's three states; unknown is never no."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


YES_WORDS = frozenset({"yes", "y", "true", "1", "是", "对"})
NO_WORDS = frozenset({"no", "n", "false", "0", "否", "不"})
UNKNOWN_WORDS = frozenset({"unknown", "?", "", "不详", "未知"})


def parse_yes_no(value: Any) -> bool | None:
    """``"yes"`` / ``"是"`` … → True, ``"no"`` / ``"否"`` … → False, ``"unknown"`` / ``""`` … → None
    (booleans and None pass through); anything else raises ``ValueError``."""
    if isinstance(value, bool) or value is None:
        return value
    text = str(value).strip().lower()
    if text in YES_WORDS:
        return True
    if text in NO_WORDS:
        return False
    if text in UNKNOWN_WORDS:
        return None
    raise ValueError(f"not yes, no or unknown: {value!r}")


def yes_no(value: Any) -> YesNo:
    """True / False / None as :class:`YesNo`."""
    return YesNo.YES if value is True else YesNo.NO if value is False else YesNo.UNKNOWN
