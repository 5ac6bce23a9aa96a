"""Local web app and JSON API over a Rashomon database."""

from rashomon.web.app import create_app

__all__ = ["create_app"]
