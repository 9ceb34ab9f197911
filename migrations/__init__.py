"""Pulse's schema, built only by named migrations that move forward.

Each module registers one migration on the shared set below; they are imported in order.
Never edit an applied migration: add a new module instead.
"""

from sqlite_utils.migrations import Migrations

migrations = Migrations("pulse")

# Imported for their side effect: each registers its migration, in this order.
from migrations import (  # noqa: E402, F401
    m001_services_and_responses,
    m002_weekly_analysis,
    m003_users,
    m004_digest_emails,
    m005_response_deletions,
    m006_unknown_sign_ins,
    m007_session_generation,
    m008_api_tokens,
    m009_theme_edits,
    m010_backlog,
    m011_alerts_webhooks,
    m012_recorder,
    m014_backlog_publications,
    m015_rating_index,
)

__all__ = ["migrations"]
