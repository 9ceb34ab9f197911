"""Personal-data redaction: swap identifiers in a comment for bracketed placeholders.

GOV.UK hides comments that hold an email or National Insurance number; Pulse redacts them
before storing instead, and keeps a count of what it took out. Decisions worth knowing:

- Kinds run in a fixed order (email; then the rules that need the words around an
  identifier, in analysis.redact_context: spelled-out email, date of birth, street address,
  vehicle registration, name; then card, international phone, NHS, bank details, UK phone,
  NI number, postcode), skipping a pass when the comment has too few digits for it (or, for
  a rule that needs context, none of its cue words). Each pass
  works on the previous pass's output, and no placeholder contains a digit or "@", so later
  passes cannot match inside a placeholder, and running redact() on redacted text changes
  nothing.
- Card numbers need a Luhn check and NHS numbers a mod-11 check, so order numbers and other
  long references mostly survive (about 1 in 10 and 1 in 11 pass by chance, and are taken:
  better to lose a reference than leak a number). A 10-digit number that fails the NHS check
  can still be a phone number if it starts with 0; one that passes counts as an NHS number.
- National Insurance numbers follow HMRC's letter rules (first letter not D, F, I, Q, U or V;
  second not D, F, I, O, Q, U or V; suffix A to D). The one exception is the prefix QQ: HMRC
  uses "QQ 12 34 56 C" as its example, and people copy that shape when writing their own.
- Sort codes: "12-34-56" alone is only taken when it cannot be read as a date (dd-mm-yy,
  mm-dd-yy or yy-mm-dd), so "12-03-26" stays. After the words "sort code", or when followed
  by an 8-digit account number, any sort code is taken.
- Postcodes need a real postcode area and the inward part ("M1 1AE"); "M1" or "SW1A" alone is
  left, as is a road name. "b33 8th" must count, so an inward part that reads as an ordinal is
  only refused after a one-letter, one-digit outward part ("the M6 3rd time").
- None is treated as "" so a missing comment needs no special case; other non-strings raise
  TypeError rather than being silently turned into text.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from analysis.redact_context import CONTEXT_PLACEHOLDERS, CONTEXT_RULES

__all__ = ["PLACEHOLDERS", "PLACEHOLDER_PATTERN", "Redaction", "redact"]

# What each kind is replaced with; other modules read this to recognise placeholders.
PLACEHOLDERS = {
    "email": "[email]",
    "card_number": "[card number]",
    "phone": "[phone number]",
    "nhs_number": "[NHS number]",
    "bank_details": "[bank details]",
    "ni_number": "[National Insurance number]",
    "postcode": "[postcode]",
    **CONTEXT_PLACEHOLDERS,
}
# Any one of those placeholders in a stored comment.
PLACEHOLDER_PATTERN = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS.values()))


@dataclass(frozen=True)
class Redaction:
    """A comment with identifiers replaced, and how many of each kind were replaced."""

    text: str
    counts: dict[str, int] = field(default_factory=dict)


def _digits(text: str) -> str:
    return "".join(char for char in text if char in "0123456789")


def _passes_luhn(candidate: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(_digits(candidate))):
        value = int(char)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _passes_nhs_check(candidate: str) -> bool:
    digits = _digits(candidate)
    weights = range(10, 1, -1)
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], weights, strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    # A remainder that gives 10 is never issued, so such a number is not an NHS number.
    return check != 10 and check == int(digits[9])


def _cannot_be_a_date(candidate: str) -> bool:
    first, middle, last = (int(part) for part in candidate.split("-"))
    day_month = 1 <= first <= 31 and 1 <= middle <= 12
    month_day = 1 <= first <= 12 and 1 <= middle <= 31
    year_month_day = 1 <= middle <= 12 and 1 <= last <= 31
    return not (day_month or month_day or year_month_day)


# Every postcode area in use, with BF (forces) and BX (non-geographic). Checking the area keeps
# ordinary codes such as "ps5 2nd" or "A4 1st" out, since PS and A are not areas.
_POSTCODE_AREAS = frozenset(
    """
    AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL
    DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW
    KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH
    RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF
    WN WR WS WV YO ZE
    """.split()
)


def _is_postcode(candidate: str) -> bool:
    compact = "".join(candidate.split()).upper()
    if compact == "GIR0AA":
        return True
    area = compact[:2] if compact[1].isalpha() else compact[:1]
    if area not in _POSTCODE_AREAS:
        return False
    # "M6 3rd time", "W1 2nd floor": a one-letter, one-digit outward part before a lower-case
    # ordinal reads as a road or a floor. Written in capitals ("M6 3RD") it is a postcode.
    ordinal = candidate[-2:]
    looks_like_ordinal = ordinal.lower() in ("st", "nd", "rd", "th") and not ordinal.isupper()
    return not (looks_like_ordinal and len(compact) == 5)


# Number patterns use ASCII so \d and \w mean 0-9 and [A-Za-z0-9_]: a digit in another script
# is not part of a UK identifier. Separators allow a no-break space, common in pasted text.
_NUMBER_FLAGS = re.ASCII | re.VERBOSE
_WORD_FLAGS = re.ASCII | re.VERBOSE | re.IGNORECASE

_EMAIL = re.compile(
    r"""
    (?<![\w.%+-])                       # start at the beginning of the address, not inside it
    [\w.%+-]+(?:'[\w.%+-]+)*            # local part; an inner apostrophe as in o'neill
    @(?:[\w-]+\.)+[^\W\d_]{2,}          # domain ending in a letters-only top-level domain
    """,
    re.VERBOSE,
)

_CARD = re.compile(
    r"""
    (?<![\w+])
    (?:
        [1-9]\d{12,18}                                          # unbroken, 13 to 19 digits
      | [1-9]\d{3}(?P<sep>[ \xa0-])\d{4}(?P=sep)\d{4}(?P=sep)\d{4}(?:(?P=sep)\d{3})?  # 4-4-4-4
      | [1-9]\d{3}(?P<amex>[ \xa0-])\d{6}(?P=amex)\d{4,5}        # 4-6-5 and 4-6-4
    )
    (?!\d)
    """,
    _NUMBER_FLAGS,
)

_INTERNATIONAL_PHONE = re.compile(
    r"""
    (?<![\w+])
    (?:\+|00)44[ \xa0-]?
    (?:\(0\)[ \xa0-]?|0)?               # "+44 (0)20 ..." and the common "+44 020 ..."
    [1-9](?:[ \xa0-]?\d){8,9}           # 9 or 10 digits after the country code
    (?!\d)
    """,
    _NUMBER_FLAGS,
)

_NHS_NUMBER = re.compile(
    r"""
    (?<![\w+])
    \d{3}(?P<sep>[ \xa0-]?)\d{3}(?P=sep)\d{4}   # 3-3-4 with one kind of separator, or none
    (?!\d)
    """,
    _NUMBER_FLAGS,
)

_SORT_CODE_AND_ACCOUNT = re.compile(
    r"""
    (?<![\w-])
    \d{2}-\d{2}-\d{2}[ \xa0,/]{1,3}\d{8}
    (?!\d)
    """,
    _NUMBER_FLAGS,
)

_SORT_CODE_AFTER_WORDS = re.compile(
    r"""
    \bsort[ -]?codes?\W{0,3}(?:is\W{1,3})?
    (?P<id>\d{2}[ \xa0-]?\d{2}[ \xa0-]?\d{2})
    (?!\d)
    """,
    _WORD_FLAGS,
)

_ACCOUNT_AFTER_WORDS = re.compile(
    r"""
    \b(?:account|acc|a/c)(?:[ ]?(?:number|num|no)\.?)?\W{0,3}(?:is\W{1,3})?
    (?P<id>\d{8})
    (?!\d)
    """,
    _WORD_FLAGS,
)

_SORT_CODE_ALONE = re.compile(r"(?<![\w-])\d{2}-\d{2}-\d{2}(?![\w-])", re.ASCII)

_UK_PHONE = re.compile(
    r"""
    (?<![\w+])
    (?:
        \(0[1-9]\d\)(?:[ \xa0-]?\d){8}          # (020) 7946 0018
      | \(0[1-9]\d{2}\)(?:[ \xa0-]?\d){6,7}     # (0161) 496 0000
      | \(0[1-9]\d{3}\)(?:[ \xa0-]?\d){5,6}     # (01632) 960001
      | \(0[1-9]\d{4}\)(?:[ \xa0-]?\d){4,5}     # (016977) 0000
      # Unbracketed: the first three digits stay together, so "01-02-2026" is never a phone
      # number, then 10 or 11 digits in all.
      | 0[1-9]\d(?:[ \xa0-]?\d){7,8}
    )
    (?!\d)
    """,
    _NUMBER_FLAGS,
)

_NI_NUMBER = re.compile(
    r"""
    (?<![a-z0-9])
    (?:[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]|QQ)
    [ \xa0-]?\d{2}[ \xa0-]?\d{2}[ \xa0-]?\d{2}[ \xa0-]?[A-D]
    (?![a-z0-9])
    """,
    _WORD_FLAGS,
)

_POSTCODE = re.compile(
    r"""
    (?<![a-z0-9])
    (?:
        [A-Z]{1,2}\d[A-Z\d]?                # outward part: area (checked later) and district
        [ \xa0]?\d[ABD-HJLNP-UW-Z]{2}        # inward part: sector and unit (no C I K M O V)
      | GIR[ \xa0]?0AA
    )
    (?![a-z0-9])
    """,
    _WORD_FLAGS,
)

_Check = Callable[[str], bool] | None

# The order is deliberate: emails go first (outside this table) because they can hold digits;
# card numbers are longer than phone numbers; "+44" makes a phone number certain, so it goes
# before the NHS check can claim its digits; the NHS check goes before UK phone numbers because
# a checked number is the stronger claim. The last column is the fewest digits a match can
# have, so a comment such as "waited 2 hours" skips every pass it cannot match.
_RULES: tuple[tuple[str, re.Pattern[str], _Check, int], ...] = (
    ("card_number", _CARD, _passes_luhn, 13),
    ("phone", _INTERNATIONAL_PHONE, None, 11),
    ("nhs_number", _NHS_NUMBER, _passes_nhs_check, 10),
    ("bank_details", _SORT_CODE_AND_ACCOUNT, None, 14),
    ("bank_details", _SORT_CODE_AFTER_WORDS, None, 6),
    ("bank_details", _ACCOUNT_AFTER_WORDS, None, 8),
    ("bank_details", _SORT_CODE_ALONE, _cannot_be_a_date, 6),
    ("phone", _UK_PHONE, None, 10),
    ("ni_number", _NI_NUMBER, None, 6),
    ("postcode", _POSTCODE, _is_postcode, 1),  # GIR 0AA has one digit
)

_WITHOUT_DIGITS = str.maketrans("", "", "0123456789")


def _replace_all(
    text: str, kind: str, pattern: re.Pattern[str], check: _Check, counts: dict[str, int]
) -> str:
    placeholder = PLACEHOLDERS[kind]
    found = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal found
        # An "id" group marks the identifier inside a longer match, so lead-in words such as
        # "sort code" stay in the comment and only the number goes.
        start, end = match.span("id") if "id" in pattern.groupindex else match.span()
        if check is not None and not check(match.string[start:end]):
            return match.group()
        found += 1
        return match.string[match.start() : start] + placeholder + match.string[end : match.end()]

    text = pattern.sub(replace, text)
    if found:
        counts[kind] = counts.get(kind, 0) + found
    return text


def redact(text: str | None) -> Redaction:
    """Replace personal identifiers in a comment with placeholders, counting each kind."""
    if text is None:
        return Redaction("", {})
    if not isinstance(text, str):
        raise TypeError(f"redact() needs a str or None, not {type(text).__name__}")
    counts: dict[str, int] = {}
    if "@" in text:
        text = _replace_all(text, "email", _EMAIL, None, counts)
    # Counted once: later passes only remove digits, so this stays a safe upper bound.
    digit_count = len(text) - len(text.translate(_WITHOUT_DIGITS))
    # Cues are looked for once, in the comment as given: a pass only swaps text for a
    # placeholder, and no rule's cue can match inside one.
    lowered = text.lower()
    for kind, pattern, check, fewest_digits, cues in CONTEXT_RULES:
        if digit_count >= fewest_digits and (not cues or any(cue in lowered for cue in cues)):
            text = _replace_all(text, kind, pattern, check, counts)
    for kind, pattern, check, fewest_digits in _RULES:
        if digit_count >= fewest_digits:
            text = _replace_all(text, kind, pattern, check, counts)
    return Redaction(text, counts)
