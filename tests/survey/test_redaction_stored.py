"""A citizen's name, address, date of birth and car never reach the database, in either
language, and the thank-you page says how many details were taken out."""

import json

from tests.helpers import page, text_of
from tests.survey.helpers import stored, submit


def test_details_found_from_their_context_are_removed_before_storing(client, service, db):
    comment = (
        "My name is Jo Smith, DOB 07/11/1980. The bin at 14 Maple Close was missed and "
        "the lorry hit my car AB12 CDE. Write to jo dot smith at gmail dot com"
    )
    response = submit(client, rating="1", comment=comment)
    assert response.headers["Location"] == "/s/bins/thanks?removed=5"
    [row] = stored(db)
    assert row["comment"] == (
        "My name is [name], DOB [date of birth]. The bin at [address] was missed and "
        "the lorry hit my car [vehicle registration]. Write to [email]"
    )
    assert json.loads(row["redactions"]) == {
        "name": 1,
        "date_of_birth": 1,
        "address": 1,
        "vehicle_registration": 1,
        "email": 1,
    }
    thanks = page(client.get(response.headers["Location"]))
    assert "We removed 5 personal details from your comment" in text_of(thanks)


def test_welsh_details_are_removed_as_fully(client, service, db):
    comment = "Fy enw i yw Siân Jones ac rwy'n byw yn 12 Heol y Bont. Diolch, Siân"
    response = submit(client, "/s/bins?lang=cy", rating="4", comment=comment)
    assert response.status_code == 302
    [row] = stored(db)
    assert row["comment"] == "Fy enw i yw [name] ac rwy'n byw yn [address]. Diolch, [name]"
    assert row["language"] == "cy"
    assert json.loads(row["redactions"]) == {"name": 2, "address": 1}
