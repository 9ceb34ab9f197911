"""Failed sign-ins for addresses that are not staff, counted as a staff account's are."""

from migrations import migrations


@migrations(name="006_unknown_sign_ins")
def unknown_sign_ins(db):
    """Create the failure counts of unknown addresses, kept by a hash of the address."""
    # Only a hash: the table never holds an address someone typed.
    db.execute(
        """
        CREATE TABLE unknown_sign_ins (
            email_hash TEXT PRIMARY KEY,
            failed_sign_ins INTEGER NOT NULL DEFAULT 0,
            locked_until REAL,
            last_failed_at REAL NOT NULL
        )
        """
    )
