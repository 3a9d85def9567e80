"""Async Python SDK for the Hero Health Public API."""

from herohealth._version import __version__

__all__ = ["__version__"]
