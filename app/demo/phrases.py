"""Hand-written phrasings behind the demo comments, read from phrases.json beside this file.

Each theme in THEMES has English core sentences ("en"), optional follow-up sentences ("more")
and a smaller set of Welsh sentences ("cy"). The generator strings a core sentence together
with an optional opener, follow-up, closer and (rarely) a piece of personal data, so a few
hundred sentences become thousands of different comments. "{thing}" stands for what the person
was doing in that service ("booking", "payment") and only appears in English text, because
Welsh mutations make a drop-in noun unsafe.

OPENERS and CLOSERS are keyed by tone, shared by every theme: "negative" goes with complaints,
"mixed" with a middling rating, "positive" with praise. PERSONAL holds sentences with personal
data whose placeholders the generator fills with fictional values: POSTCODES appear in
published addressing guidance, so none points at a real home, and TEST_CARDS are card numbers
payment providers publish for testing (each passes the Luhn check).
"""

import json
from pathlib import Path

_DATA = json.loads((Path(__file__).parent / "phrases.json").read_text(encoding="utf-8"))

OPENERS = _DATA["OPENERS"]
CLOSERS = _DATA["CLOSERS"]
OPENERS_CY = _DATA["OPENERS_CY"]
CLOSERS_CY = _DATA["CLOSERS_CY"]
THEMES = _DATA["THEMES"]
PERSONAL = _DATA["PERSONAL"]
PERSONAL_CY = _DATA["PERSONAL_CY"]
EMAIL_NAMES = _DATA["EMAIL_NAMES"]
STREETS = _DATA["STREETS"]
POSTCODES = _DATA["POSTCODES"]
TEST_CARDS = _DATA["TEST_CARDS"]
