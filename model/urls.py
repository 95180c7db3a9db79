"""Profile URLs: only http(s), normalised so that the same person's profile always gives the same key."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit, urlunsplit

from model.errors import InvalidInput


def normalise_profile_url(raw: str) -> str:
    """Lower-case host (and LinkedIn slug), decoded %-escapes, no query, fragment or trailing slash.

    Raises InvalidInput for anything that is not an absolute http(s) URL.
    """
    text = raw.strip()
    if "://" not in text and text.lower().startswith(("www.", "linkedin.com/")):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        port = parts.port  # raises for a port out of range
    except ValueError:  # "http://[::1" and the like
        raise InvalidInput(f"'{raw}' is not a valid web address.") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(f"'{raw}' is not a web address: a profile URL starts with https:// or http://.")
    host = parts.hostname.lower()
    path = unquote(parts.path).rstrip("/")
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        # Country subdomains (de.linkedin.com) and http:// all lead to the same profile.
        scheme, host, path = "https", "www.linkedin.com", path.lower()
    port_text = f":{port}" if port else ""
    return urlunsplit((scheme, host + port_text, path, "", ""))


def is_openable(url: str) -> bool:
    """Only http(s) links are ever handed to the browser."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def checked_web_url(raw: str) -> str:
    """An http(s) link kept as written (post URLs are case-sensitive); raises InvalidInput otherwise."""
    text = raw.strip()
    if not is_openable(text):
        raise InvalidInput(f"'{raw}' is not a web address: links start with https:// or http://.")
    return text
