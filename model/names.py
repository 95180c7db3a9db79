"""Ordering and matching people's names the way a person reads them: case and accents do not matter."""

from __future__ import annotations

import re
import unicodedata

# Combining marks left after NFKD decomposition (accents, diaeresis, cedilla...); other scripts keep their letters.
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def name_sort_key(name: str) -> str:
    """Case- and accent-folded text: "Émile" and "emile" compare equal. Cheap for plain ASCII, the common case."""
    if name.isascii():
        return name.lower()
    return _MARKS.sub("", unicodedata.normalize("NFKD", name.casefold()))
