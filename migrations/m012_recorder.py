"""The recorder role (staff who enter feedback told to them), and who entered each response."""

from migrations import migrations

_OLD_CHECK = "CHECK (role IN ('admin', 'owner', 'viewer'))"
_NEW_CHECK = "CHECK (role IN ('admin', 'owner', 'viewer', 'recorder'))"


@migrations(name="012_recorder", transactional=False)
def recorder(db):
    """Let users.role be 'recorder'; add responses.entered_by.

    SQLite cannot change a CHECK in place, so users is rebuilt from its own CREATE statement
    (keeping any column added since). Foreign keys must be off while it is, or dropping the
    old table would delete every user's service assignments with it; that pragma only takes
    effect outside a transaction, hence transactional=False and a transaction of its own.
    """
    conn = db.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN")
        try:
            _rebuild_users(conn)
            # Set for responses recorded by staff (source 'staff'): who typed it in.
            conn.execute(
                "ALTER TABLE responses ADD COLUMN entered_by INTEGER "
                "REFERENCES users(id) ON DELETE SET NULL"
            )
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"foreign keys broken by the users rebuild: {broken[:5]}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def _rebuild_users(conn):
    (create,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'"
    ).fetchone()
    if _OLD_CHECK not in create:
        raise RuntimeError("users.role's CHECK is not the one this migration expects")
    extras = [
        sql
        for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'users' "
            "AND type IN ('index', 'trigger') AND sql IS NOT NULL"
        )
    ]
    new = create.replace(_OLD_CHECK, _NEW_CHECK).replace(
        "CREATE TABLE users", "CREATE TABLE users_new", 1
    )
    conn.execute(new)
    conn.execute("INSERT INTO users_new SELECT * FROM users")
    conn.execute("DROP TABLE users")
    conn.execute("ALTER TABLE users_new RENAME TO users")
    for sql in extras:
        conn.execute(sql)
