"""Overture's domain: the relationship pipeline, its rules and its storage. Never imports Qt."""
