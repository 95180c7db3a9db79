"""Ordering people's names the way a person reads a list: case and accents do not change the order."""

from __future__ import annotations

import unicodedata


def name_sort_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
