"""The one escaping helper for user text on a page: whatever a reader typed, or a shared link
carried (``?origin=…``, fact keys and values, ``as_of``), reaches ``st.markdown``, ``st.error``,
``st.warning``, ``st.info``, ``st.success``, ``st.caption`` or a card only through :func:`md`.

Why: Streamlit renders those as Markdown. A link with ``origin=![px](http://127.0.0.1:8799/x.png)``
made the browser fetch an image from a host of the link-maker's choosing, and a crafted value
drew headings and links inside the error box. :func:`md` returns text that renders as exactly
the characters given: every Markdown-active ASCII punctuation mark is backslash-escaped
(CommonMark §2.4 allows it for all ASCII punctuation), line breaks become spaces (no heading,
list or quote can start), a leading list or heading marker is escaped, and the text is cut to a
length a message needs. Plain Python, no Streamlit: tested on its own (tests/test_adversarial_app.py).
"""

from __future__ import annotations

import re

__all__ = ["md", "md_join", "MAX_CHARS"]

MAX_CHARS = 300
_ACTIVE = re.compile(r"([\\`*_{}\[\]()#+!<>|~$:&=\"'^])")
_BREAKS = re.compile(r"[\r\n\t\u2028\u2029\x0b\x0c]+")


def md(text: object, limit: int = MAX_CHARS) -> str:
    """``text`` made inert for Markdown: shown as typed, never as markup."""
    value = _BREAKS.sub(" ", "" if text is None else str(text))
    if len(value) > limit:
        value = value[:limit] + "…"
    value = _ACTIVE.sub(r"\\\1", value)
    if value[:1] in ("-", ".") or re.match(r"\d+[.)]", value):
        value = "\\" + value if value[:1] in ("-", ".") else re.sub(r"^(\d+)([.)])", r"\1\\\2", value)
    return value


def md_join(items, sep: str = ", ") -> str:
    """Several user values, each escaped, joined by ``sep``."""
    return sep.join(md(i) for i in items)
