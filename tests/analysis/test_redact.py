"""Tests for analysis.redact: what is taken out of a comment, and what is left alone."""

import dataclasses

import pytest

from analysis import redact
from analysis.redact import Redaction

EMAIL = "[email]"
PHONE = "[phone number]"
NI = "[National Insurance number]"
NHS = "[NHS number]"
CARD = "[card number]"
POSTCODE = "[postcode]"
BANK = "[bank details]"

# (comment, expected text, expected counts). Phone numbers come from Ofcom's drama ranges and
# card numbers are the card schemes' test numbers, so no real person's details are in here.
POSITIVE_CASES = [
    # Email addresses
    ("Email me at jane.doe@example.com please", f"Email me at {EMAIL} please", {"email": 1}),
    ("JOHN.SMITH@EXAMPLE.GOV.UK", EMAIL, {"email": 1}),
    ("contact: a_b+feedback@sub.example.co.uk.", f"contact: {EMAIL}.", {"email": 1}),
    ("mary.o'neill@example.ie", EMAIL, {"email": 1}),
    ("(bob99@example.org)", f"({EMAIL})", {"email": 1}),
    ("'bob@example.com'", f"'{EMAIL}'", {"email": 1}),
    ("mailto:help-desk@example.net", f"mailto:{EMAIL}", {"email": 1}),
    ("sw1a1aa@example.com", EMAIL, {"email": 1}),
    ("07700900123@example.com", EMAIL, {"email": 1}),
    # UK phone numbers
    ("Call me on 07700 900123", f"Call me on {PHONE}", {"phone": 1}),
    ("+44 7700 900123", PHONE, {"phone": 1}),
    ("(0161) 496 0000", PHONE, {"phone": 1}),
    ("020-7946-0018", PHONE, {"phone": 1}),
    ("01632 960 001", PHONE, {"phone": 1}),
    ("0800 123 4567", PHONE, {"phone": 1}),
    ("07700900123", PHONE, {"phone": 1}),
    ("0044 7700 900123", PHONE, {"phone": 1}),
    ("+44 (0)20 7946 0018", PHONE, {"phone": 1}),
    ("+447700900123", PHONE, {"phone": 1}),
    ("+44-7700-900123", PHONE, {"phone": 1}),
    ("+44 020 7946 0018", PHONE, {"phone": 1}),
    ("tel: 0113 496 0000", f"tel: {PHONE}", {"phone": 1}),
    ("029 2018 0000", PHONE, {"phone": 1}),
    ("028 9649 6000", PHONE, {"phone": 1}),
    ("0808 157 0000", PHONE, {"phone": 1}),
    ("0800 123 456", PHONE, {"phone": 1}),
    ("07700 900 123", PHONE, {"phone": 1}),
    ("ring (020) 7946 0018 after 5", f"ring {PHONE} after 5", {"phone": 1}),
    # Ten digits starting 0 that fail the NHS check are still a phone number.
    ("0800123456", PHONE, {"phone": 1}),
    ("07700900123/07700900456", f"{PHONE}/{PHONE}", {"phone": 2}),
    ("07700\u00a0900123", PHONE, {"phone": 1}),
    # National Insurance numbers
    ("QQ 12 34 56 C", NI, {"ni_number": 1}),
    ("AB123456C", NI, {"ni_number": 1}),
    ("ab123456c", NI, {"ni_number": 1}),
    ("QQ123456C", NI, {"ni_number": 1}),
    ("My NI number is JG 10 37 59 A.", f"My NI number is {NI}.", {"ni_number": 1}),
    ("AB 123456 C", NI, {"ni_number": 1}),
    ("ni: ce 12 34 56 d", f"ni: {NI}", {"ni_number": 1}),
    ("QQ 12 34 56C", NI, {"ni_number": 1}),
    # NHS numbers (valid mod-11 check digit)
    ("943 476 5919", NHS, {"nhs_number": 1}),
    ("9434765919", NHS, {"nhs_number": 1}),
    ("NHS no. 401 023 2137", f"NHS no. {NHS}", {"nhs_number": 1}),
    ("450-557-7104", NHS, {"nhs_number": 1}),
    ("my number is 4857773457, thanks", f"my number is {NHS}, thanks", {"nhs_number": 1}),
    ("640 035 8870", NHS, {"nhs_number": 1}),
    # Payment card numbers (Luhn)
    ("4111 1111 1111 1111", CARD, {"card_number": 1}),
    ("5500-0000-0000-0004", CARD, {"card_number": 1}),
    ("4111111111111111", CARD, {"card_number": 1}),
    ("Amex 3782 822463 10005", f"Amex {CARD}", {"card_number": 1}),
    ("371449635398431", CARD, {"card_number": 1}),
    ("4222222222222", CARD, {"card_number": 1}),
    ("4917610000000000003", CARD, {"card_number": 1}),
    ("5555 5555 5555 4444 expires 12/27", f"{CARD} expires 12/27", {"card_number": 1}),
    ("6011-1111-1111-1117", CARD, {"card_number": 1}),
    # UK postcodes
    ("SW1A 1AA", POSTCODE, {"postcode": 1}),
    ("M1 1AE", POSTCODE, {"postcode": 1}),
    ("b33 8th", POSTCODE, {"postcode": 1}),
    ("CR2 6XH", POSTCODE, {"postcode": 1}),
    ("DN55 1PT", POSTCODE, {"postcode": 1}),
    ("SW1A1AA", POSTCODE, {"postcode": 1}),
    # The street address goes too (tests/analysis/test_redact_context.py).
    (
        "10 Downing Street, London SW1A 2AA.",
        f"[address], London {POSTCODE}.",
        {"address": 1, "postcode": 1},
    ),
    ("Cardiff CF10 1EP", f"Cardiff {POSTCODE}", {"postcode": 1}),
    ("EC1A 1BB", POSTCODE, {"postcode": 1}),
    ("W1A 0AX", POSTCODE, {"postcode": 1}),
    ("GIR 0AA", POSTCODE, {"postcode": 1}),
    ("ll57 2dg", POSTCODE, {"postcode": 1}),
    ("BX1 1LT", POSTCODE, {"postcode": 1}),
    # In capitals an ordinal-shaped inward part is a postcode; compare "the M6 3rd time".
    ("M6 3RD", POSTCODE, {"postcode": 1}),
    # Bank details
    ("sort code 12-34-56", f"sort code {BANK}", {"bank_details": 1}),
    ("12-34-56 12345678", BANK, {"bank_details": 1}),
    (
        "Sort code: 20-00-00, account number 55779911",
        f"Sort code: {BANK}, account number {BANK}",
        {"bank_details": 2},
    ),
    ("paid from 40-47-84", f"paid from {BANK}", {"bank_details": 1}),
    ("account no. 87654321", f"account no. {BANK}", {"bank_details": 1}),
    # Date-shaped, but the words say it is a sort code.
    ("sort code is 010203", f"sort code is {BANK}", {"bank_details": 1}),
]

NEGATIVE_CASES = [
    "I waited 2 hours",
    "Appointment at 10:30",
    "Open until 2pm",
    "It cost £45.50",
    "A fine of £1,250",
    "Booked on 12/03/2026",
    "Booked on 3 March 2026",
    "Booked on 2026-03-12",
    "Booked on 12-03-2026",
    "Booked on 12-03-26",
    "Booked on 01-02-2026",
    "I called 3 times",
    "I am 84",
    "Filled in form 27B",
    "See page 3 of 7",
    "Every year since 2019",
    "95% of the time",
    "The A1 road was shut",
    "The M1 motorway was shut",
    "M25 junction 10 at 2pm",
    "After my COVID-19 jab",
    "The helpline should be 24/7",
    "Flat 4B",
    "1 in 10 people",
    "order number 1234 5678 9012 3456",
    "reference 1234567890",
    "NHS number 943 476 5918",
    "9434765918",
    "AB123456E",
    "DF 12 34 56 A",
    "Flight BA123",
    "version 2.0.1",
    "It was 21°C inside",
    "my handle is @pulse_gov",
    "1st class post, 2nd attempt",
    "ring 999 or 111",
    "phone 0161 496 and ask",
    "12345678",
    "Queue of 45 minutes, 120 people ahead",
    "£12,345,678",
    "Open 8:00-18:30",
    "3.5 stars out of 5",
    "Room 101",
    "on the M6 3rd time",
    "my office is on the W1 2nd floor",
    "ps5 2nd hand",
    "A4 1st page",
    "XY1 2AB",
    "Gwasanaeth gwych, diolch yn fawr iawn",
]


@pytest.mark.parametrize(("text", "expected_text", "expected_counts"), POSITIVE_CASES)
def test_redacts_identifier(text, expected_text, expected_counts):
    result = redact(text)
    assert result.text == expected_text
    assert result.counts == expected_counts


@pytest.mark.parametrize("text", NEGATIVE_CASES)
def test_leaves_ordinary_text_alone(text):
    result = redact(text)
    assert result.text == text
    assert result.counts == {}


@pytest.mark.parametrize(("text", "expected_text", "_counts"), POSITIVE_CASES)
def test_redacting_twice_changes_nothing(text, expected_text, _counts):
    again = redact(redact(text).text)
    assert again.text == expected_text
    assert again.counts == {}


def test_table_sizes():
    # The issue asks for at least 60 positive and 30 negative cases; keep them from shrinking.
    assert len(POSITIVE_CASES) >= 60
    assert len(NEGATIVE_CASES) >= 30


def test_several_kinds_in_one_comment():
    text = (
        "I'm Jo (jo@example.com, 07700 900123 or 0161 496 0000). NI QQ 12 34 56 C, "
        "NHS 943 476 5919, home CR2 6XH, paid with 4111 1111 1111 1111 from sort code "
        "12-34-56. Waited 2 hours on 12/03/2026."
    )
    result = redact(text)
    assert result.text == (
        f"I'm Jo ({EMAIL}, {PHONE} or {PHONE}). NI {NI}, "
        f"NHS {NHS}, home {POSTCODE}, paid with {CARD} from sort code "
        f"{BANK}. Waited 2 hours on 12/03/2026."
    )
    assert result.counts == {
        "email": 1,
        "phone": 2,
        "ni_number": 1,
        "nhs_number": 1,
        "postcode": 1,
        "card_number": 1,
        "bank_details": 1,
    }


@pytest.mark.parametrize(
    ("text", "expected_text"),
    [
        ("call 07700 900123.", f"call {PHONE}."),
        ("call 07700 900123, or email", f"call {PHONE}, or email"),
        ("(07700 900123)", f"({PHONE})"),
        ("email: a@example.com;", f"email: {EMAIL};"),
        ('"SW1A 1AA"', f'"{POSTCODE}"'),
        ("card 4111111111111111!", f"card {CARD}!"),
        ("NI: AB123456C?", f"NI: {NI}?"),
    ],
)
def test_surrounding_punctuation_is_kept(text, expected_text):
    assert redact(text).text == expected_text


def test_empty_string():
    assert redact("") == Redaction("", {})


def test_none_is_treated_as_empty():
    assert redact(None) == Redaction("", {})


def test_other_types_are_refused():
    with pytest.raises(TypeError, match="str or None"):
        redact(7700900123)


def test_result_is_frozen():
    result = redact("07700 900123")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "changed"


def test_welsh_comment_with_email():
    text = "Roedd y staff yn wych. E-bostiwch fi: ffion.ap.rhys@example.cymru, diolch yn fawr."
    result = redact(text)
    assert result.text == f"Roedd y staff yn wych. E-bostiwch fi: {EMAIL}, diolch yn fawr."
    assert result.counts == {"email": 1}


def test_welsh_letters_beside_a_postcode():
    text = "Rwy'n byw yng Nghaerdydd, CF10 1EP, ger yr afon — gwasanaeth ardderchog."
    assert redact(text).text == (
        f"Rwy'n byw yng Nghaerdydd, {POSTCODE}, ger yr afon — gwasanaeth ardderchog."
    )


def test_long_comment():
    sentence = "I waited 2 hours on 12/03/2026 and rang 07700 900123 about form 27B. "
    repeats = 150
    text = sentence * repeats
    assert len(text) > 10_000
    result = redact(text)
    expected = f"I waited 2 hours on 12/03/2026 and rang {PHONE} about form 27B. " * repeats
    assert result.text == expected
    assert result.counts == {"phone": repeats}


def test_long_run_of_digits_is_not_a_card_or_phone():
    text = "1" * 10_000
    assert redact(text) == Redaction(text, {})


def test_card_is_not_split_into_a_phone_number():
    # The last three groups on their own read as 0770 0900 1231, a mobile number; cards go
    # first, so the whole card becomes one placeholder rather than "4000 [phone number]".
    result = redact("card 4000 0770 0900 1231 thanks")
    assert result.text == f"card {CARD} thanks"
    assert result.counts == {"card_number": 1}


def test_international_prefix_wins_over_nhs_check():
    # 4857773457 passes the NHS check, but after +44 it is a phone number.
    result = redact("+44 4857773457")
    assert result == Redaction(PHONE, {"phone": 1})


def test_account_and_sort_code_pair_counts_once():
    result = redact("pay 12-34-56, 12345678 today")
    assert result == Redaction(f"pay {BANK} today", {"bank_details": 1})
