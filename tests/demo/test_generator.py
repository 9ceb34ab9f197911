"""The demo data generator: valid rows, stable for a seed, and stories for the digest to find."""

import re
import statistics
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.demo import SERVICES, generate_responses

LONDON = ZoneInfo("Europe/London")
# The window ends on Sunday 29 March 2026, the day the clocks go forward, so the rows cross a
# daylight-saving change.
LAST_MONDAY = date(2026, 3, 23)
FIRST_MONDAY = LAST_MONDAY - timedelta(weeks=11)

CRASH = re.compile(r"crash|timed out|timing out|timeouts|payment|chwalu|talu", re.IGNORECASE)
FULLY_BOOKED = re.compile(r"fully booked|slot", re.IGNORECASE)
ON_HOLD = re.compile(r"on hold|cut off|in the queue|nhorri|yn y ciw", re.IGNORECASE)
COMPLAINT_WORDS = re.compile(r"on hold|cut off|crash|hasn't been collected|fully booked", re.I)
PRAISE_WORDS = re.compile(r"\b(kind|kindness|patient|helpful|friendly)\b", re.IGNORECASE)
EMAIL = re.compile(r"\b[\w.+-]+@example\.(com|org|net)\b")
PHONE = re.compile(r"(\+44 ?7700|07700) ?900 ?\d{3}|020 ?7946 ?0\d{3}|0161 ?496 ?0\d{3}")
NI_NUMBER = re.compile(r"\bQQ ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
NHS_NUMBER = re.compile(r"\b(\d{3}) (\d{3}) (\d{4})\b")
CARD_NUMBER = re.compile(r"\b\d{4} \d{4} \d{4} \d{4}\b")

WELSH_WORDS = {
    "yn",
    "y",
    "yr",
    "ar",
    "am",
    "o",
    "mae",
    "roedd",
    "doedd",
    "dydy",
    "ddim",
    "dim",
    "wedi",
    "fy",
    "ond",
    "gyda",
    "ac",
    "iawn",
    "diolch",
    "gwych",
    "eto",
    "bob",
    "mi",
    "ei",
    "nag",
    "rhaid",
    "ble",
}
ENGLISH_WORDS = {"the", "and", "was", "is", "my", "it", "to", "of", "but", "not", "with"}


@pytest.fixture(scope="module")
def rows():
    return list(generate_responses(last_week_monday=LAST_MONDAY))


def week_of(row):
    """1 for the first week of the window, 12 for the last, counted in London time."""
    local = row["submitted_at"].astimezone(LONDON).date()
    return (local - FIRST_MONDAY).days // 7 + 1


def of_service(rows, slug):
    return [row for row in rows if row["service"] == slug]


def share(rows, pattern):
    with_comment = [row for row in rows if row["comment"]]
    return sum(bool(pattern.search(row["comment"])) for row in with_comment) / len(with_comment)


def luhn_valid(number):
    digits = [int(d) for d in number if d.isdigit()][::-1]
    doubled = [d * 2 - 9 if d * 2 > 9 else d * 2 for d in digits[1::2]]
    total = sum(digits[::2]) + sum(doubled)
    return total % 10 == 0


def nhs_valid(number):
    digits = [int(d) for d in number if d.isdigit()]
    check = 11 - sum(d * (10 - i) for i, d in enumerate(digits[:9])) % 11
    return check != 10 and (0 if check == 11 else check) == digits[9]


def test_same_seed_gives_identical_rows(rows):
    assert list(generate_responses(last_week_monday=LAST_MONDAY)) == rows
    again = list(generate_responses(seed=7, last_week_monday=LAST_MONDAY))
    assert again == list(generate_responses(seed=7, last_week_monday=LAST_MONDAY))


def test_different_seed_gives_different_rows(rows):
    other = list(generate_responses(seed=2027, last_week_monday=LAST_MONDAY))
    assert other != rows
    assert {row["comment"] for row in other} != {row["comment"] for row in rows}


def test_last_week_must_start_on_a_monday():
    with pytest.raises(ValueError, match="Monday"):
        generate_responses(last_week_monday=date(2026, 3, 25))
    with pytest.raises(ValueError):
        generate_responses(weeks=0, last_week_monday=LAST_MONDAY)


def test_enough_rows_for_a_demo(rows):
    assert 5000 <= len(rows) <= 9000


def test_every_row_is_valid(rows):
    start = datetime.combine(FIRST_MONDAY, datetime.min.time(), tzinfo=LONDON).astimezone(UTC)
    end = datetime.combine(
        LAST_MONDAY + timedelta(days=7), datetime.min.time(), tzinfo=LONDON
    ).astimezone(UTC)
    slugs = {service["slug"] for service in SERVICES}
    for row in rows:
        assert set(row) == {
            "service",
            "rating",
            "comment",
            "language",
            "channel",
            "outcome",
            "submitted_at",
        }
        assert row["service"] in slugs
        assert type(row["rating"]) is int and 1 <= row["rating"] <= 5
        assert isinstance(row["comment"], str) and len(row["comment"]) <= 1250
        assert row["comment"] == row["comment"].strip()
        assert row["language"] in {"en", "cy"}
        assert row["channel"] in {"online", "phone", "face-to-face", "post"}
        assert row["outcome"] in {"completed", "not-eligible", "error", "other", None}
        moment = row["submitted_at"]
        assert moment.tzinfo is UTC
        assert start <= moment < end


def test_rows_come_in_time_order(rows):
    times = [row["submitted_at"] for row in rows]
    assert times == sorted(times)


def test_window_follows_the_weeks_argument_across_the_autumn_clock_change():
    last = date(2025, 11, 3)  # the clocks went back on Sunday 26 October 2025
    short = list(generate_responses(weeks=3, last_week_monday=last))
    first = last - timedelta(weeks=2)
    local_days = {row["submitted_at"].astimezone(LONDON).date() for row in short}
    assert min(local_days) >= first
    assert max(local_days) <= last + timedelta(days=6)
    assert {(day - first).days // 7 for day in local_days} == {0, 1, 2}
    assert 1000 < len(short) < 2500


def test_services_have_short_slugs_and_welsh_names():
    slugs = [service["slug"] for service in SERVICES]
    assert len(slugs) == len(set(slugs)) >= 6
    for service in SERVICES:
        assert re.fullmatch(r"[a-z][a-z0-9-]{2,24}", service["slug"])
        assert service["name_en"] and service["name_cy"]
        assert service["name_cy"] != service["name_en"]
    names_cy = {service["slug"]: service["name_cy"] for service in SERVICES}
    assert "treth gyngor" in names_cy["council-tax"].lower()


def test_every_service_gets_responses_in_realistic_proportions(rows):
    counts = Counter(row["service"] for row in rows)
    assert set(counts) == {service["slug"] for service in SERVICES}
    assert counts["register-death"] >= 100
    assert counts["council-tax"] > 5 * counts["register-death"]
    assert counts["missed-bins"] > 5 * counts["register-death"]
    assert counts["council-tax"] > 2 * counts["blue-badge"]
    for week in range(1, 13):
        assert any(week_of(row) == week for row in of_service(rows, "register-death"))


def test_payment_outage_spikes_then_fades(rows):
    parking = of_service(rows, "parking-permits")
    early = [row for row in parking if week_of(row) in (1, 2)]
    peak = [row for row in parking if week_of(row) in (6, 7)]
    late = [row for row in parking if week_of(row) in (11, 12)]
    assert share(peak, CRASH) > 0.2
    assert share(peak, CRASH) > 5 * share(early, CRASH)
    assert share(late, CRASH) < 0.02
    peak_rating = statistics.mean(row["rating"] for row in peak)
    assert peak_rating < statistics.mean(row["rating"] for row in early) - 0.3
    assert peak_rating < statistics.mean(row["rating"] for row in late) - 0.3
    errors = Counter(week_of(row) for row in parking if row["outcome"] == "error")
    assert errors[6] + errors[7] > 3 * (errors[1] + errors[2] + 1)


def test_fully_booked_complaints_only_appear_in_the_last_weeks(rows):
    recycling = of_service(rows, "recycling-booking")
    by_week = Counter(week_of(row) for row in recycling if FULLY_BOOKED.search(row["comment"]))
    assert all(by_week[week] == 0 for week in range(1, 10))
    assert by_week[12] >= 10
    assert by_week[12] > by_week[10]


def test_waiting_on_hold_is_a_complaint_every_week(rows):
    council_tax = of_service(rows, "council-tax")
    weeks = {week_of(row) for row in council_tax if ON_HOLD.search(row["comment"])}
    assert weeks == set(range(1, 13))


def test_staff_are_praised_with_high_ratings(rows):
    registrar = [
        row["rating"]
        for row in of_service(rows, "register-death")
        if re.search(r"registrar|cofrestrydd", row["comment"], re.IGNORECASE)
    ]
    call_handler = [
        row["rating"]
        for row in of_service(rows, "missed-bins")
        if re.search(r"on the phone|call handler|ar y ffôn", row["comment"], re.IGNORECASE)
    ]
    assert len(registrar) >= 10 and len(call_handler) >= 20
    assert statistics.mean(registrar) >= 4.2
    assert statistics.mean(call_handler) >= 4.2


def test_ratings_follow_the_tone_of_the_comment(rows):
    complaints = [row["rating"] for row in rows if COMPLAINT_WORDS.search(row["comment"])]
    praise = [row["rating"] for row in rows if PRAISE_WORDS.search(row["comment"])]
    assert len(complaints) >= 100 and len(praise) >= 100
    assert statistics.mean(complaints) < 2.2
    assert statistics.mean(praise) > 4.2


def test_ratings_are_mostly_satisfied_with_real_dissatisfaction(rows):
    counts = Counter(row["rating"] for row in rows)
    satisfied = (counts[4] + counts[5]) / len(rows)
    assert 0.55 < satisfied < 0.85
    for rating in range(1, 6):
        assert counts[rating] / len(rows) > 0.03


def test_about_half_leave_a_comment_and_they_vary(rows):
    comments = [row["comment"] for row in rows if row["comment"]]
    assert 0.40 <= len(comments) / len(rows) <= 0.55
    assert len(set(comments)) >= 1000
    most_common_count = Counter(comments).most_common(1)[0][1]
    assert most_common_count / len(comments) < 0.02


def test_some_responses_are_in_welsh_and_read_as_welsh(rows):
    welsh = [row for row in rows if row["language"] == "cy"]
    assert 0.05 <= len(welsh) / len(rows) <= 0.08
    texts = [row["comment"] for row in welsh if row["comment"]]
    assert len(texts) >= 50
    for text in texts:
        words = set(re.findall(r"[^\W\d_]+", text.lower()))
        assert words & WELSH_WORDS, text
        assert not words & ENGLISH_WORDS, text
    english = [row["comment"] for row in rows if row["language"] == "en" and row["comment"]]
    assert not any("diolch" in text.lower() for text in english)


def test_some_comments_hold_personal_data_for_the_redactor(rows):
    comments = [row["comment"] for row in rows if row["comment"]]
    emails = [text for text in comments if EMAIL.search(text)]
    phones = [text for text in comments if PHONE.search(text)]
    ni_numbers = [text for text in comments if NI_NUMBER.search(text)]
    nhs_numbers = [m.group(0) for text in comments for m in NHS_NUMBER.finditer(text)]
    cards = [m.group(0) for text in comments for m in CARD_NUMBER.finditer(text)]
    assert emails and phones and ni_numbers and nhs_numbers and cards
    assert all(nhs_valid(number) for number in nhs_numbers)
    assert all(luhn_valid(number) for number in cards)
    personal = [
        text
        for text in comments
        if any(p.search(text) for p in (EMAIL, PHONE, NI_NUMBER, NHS_NUMBER, CARD_NUMBER))
    ]
    assert 0.01 <= len(personal) / len(comments) <= 0.05


def test_channels_and_opening_hours_are_plausible(rows):
    channels = Counter(row["channel"] for row in rows)
    assert channels["online"] / len(rows) > 0.6
    assert 0 < channels["post"] / len(rows) < 0.03
    registering = Counter(row["channel"] for row in of_service(rows, "register-death"))
    assert registering.most_common(1)[0][0] == "face-to-face"
    for row in rows:
        if row["channel"] in ("phone", "face-to-face", "post"):
            local = row["submitted_at"].astimezone(LONDON)
            assert local.weekday() != 6
            assert 9 <= local.hour <= 17
    online = [row["submitted_at"].astimezone(LONDON) for row in rows if row["channel"] == "online"]
    working_hours = sum(9 <= moment.hour < 18 for moment in online)
    assert working_hours / len(online) > 0.55


def test_outcomes_fit_each_service(rows):
    outcomes = Counter(row["outcome"] for row in rows)
    assert outcomes["completed"] / len(rows) > 0.75
    badge = Counter(row["outcome"] for row in of_service(rows, "blue-badge"))
    assert badge["not-eligible"] > 0
    not_eligible = [row["rating"] for row in rows if row["outcome"] == "not-eligible"]
    assert statistics.mean(not_eligible) < 2.5
    assert all(row["outcome"] != "not-eligible" for row in rows if row["service"] != "blue-badge")
