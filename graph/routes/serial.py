"""Plain JSON-ready data from the route answer's dataclasses: :class:`Node` gives each part a
``to_dict()`` from its fields in order (leaving out the optional keys that are None), and
:func:`plain` turns nested parts, lists and enums into dicts, lists and strings. Kept apart from
:mod:`graph.routes.answer` so that module reads as the answer's shape only.
"""

from __future__ import annotations

from dataclasses import fields
from enum import Enum
from typing import Any, ClassVar

__all__ = ["Node", "plain", "field_names", "SCALARS"]

SCALARS = (str, int, float, bool, type(None))
_NAMES: dict[type, tuple[str, ...]] = {}


def field_names(cls: type) -> tuple[str, ...]:
    """The field names of a dataclass, in order (cached: ``fields()`` is slow on a hot path)."""
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def plain(value: Any) -> Any:
    if isinstance(value, SCALARS) and not isinstance(value, Enum):
        return value
    if isinstance(value, list):
        return [plain(v) for v in value]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


class Node:
    """``to_dict()`` from the dataclass fields, in order; fields named in ``_optional`` are left
    out when ``None`` (keys only some answers have)."""

    _optional: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        out = {}
        optional = self._optional
        for name in field_names(type(self)):
            value = getattr(self, name)
            if value is None and name in optional:
                continue
            out[name] = plain(value)
        return out
