"""flask demo: loads the demo services and responses once."""

from app.store import list_services


def test_demo_loads_services_and_redacted_responses_once(runner, db):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert len(list_services(db)) >= 6
    total = db.execute("SELECT count(*) FROM responses").fetchone()[0]
    assert total >= 5000
    assert "http://127.0.0.1:5000/s/" in result.output
    redacted = db.execute("SELECT count(*) FROM responses WHERE redactions != '{}'").fetchone()[0]
    assert redacted > 20
    leftover = db.execute(
        "SELECT count(*) FROM responses WHERE comment LIKE '%@%' OR comment GLOB '*07700 9*'"
    ).fetchone()[0]
    assert leftover == 0
    again = runner.invoke(args=["demo"])
    assert "already loaded" in again.output
    assert db.execute("SELECT count(*) FROM responses").fetchone()[0] == total
