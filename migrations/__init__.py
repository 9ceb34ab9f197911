"""Pulse's schema, built only by named migrations that move forward.

Each module registers one migration on the shared set below; they are imported in order.
Never edit an applied migration: add a new module instead.
"""

from sqlite_utils.migrations import Migrations

migrations = Migrations("pulse")

from migrations import m001_services_and_responses  # noqa: E402, F401

__all__ = ["migrations"]
