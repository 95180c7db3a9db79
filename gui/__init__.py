"""Overture's Qt user interface: shows what the services return and asks them to act."""
