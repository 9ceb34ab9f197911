"""Identifiers that only the words around them give away: names after a cue, street addresses,
dates of birth, vehicle registrations and email addresses spelled out in words.

analysis.redact runs these rules before its number rules. Each pattern marks the identifier
with an "id" group, so a cue ("my name is", "DOB", "Mrs") stays in the comment and only
what follows it goes. Welsh comments get the same treatment as English ones. Decisions worth
knowing:

- Names are only taken after a cue: "my name is" or "fy enw i yw", a title (Mr, Mrs, Ms,
  Miss, Mx, Dr), or a sign-off ("Signed,", "Kind regards", "Cofion", "Yn gywir"). There a
  name is one to three capitalised words or initials, never a common word ("Signed, The
  residents"). After "my name is" a lower-case name counts too, unless the word says something
  about the name instead ("my name is spelt wrong"). "Thanks, Jo" and "Diolch, Siân" count
  only at the very end. A name with no cue ("I spoke to Sarah") is left: nothing tells it
  from an ordinary capitalised word.
- A street address is a house number then a street: capitalised words ending in a street word
  ("14 Maple Close", "3 High St"), or in Welsh a street word first ("12 Heol y Bont",
  "5 Stryd Fawr"). In lower case it needs a cue ("I live at 14 maple close"). A number after
  "bus", "route", "number", "form" or similar is never a house number.
- A date of birth is a whole date right after a cue ("DOB", "date of birth", "born",
  "dyddiad geni", "ganwyd"); every other date stays ("paid on 12/03/2025"), as does a year
  alone ("born in 1954").
- Vehicle registrations: the current format ("AB12 CDE", letters and age identifier as DVLA
  issues them) is taken in capitals anywhere; in lower case, or in the older prefix and suffix
  formats ("A123 BCD", "ABC 123D"), only after a cue ("reg", "number plate", "car").
- A spelled-out email address ("jo dot smith at gmail dot com", "jo(at)example.org") needs a
  known ending and a spelled "dot", a bracketed or spaced "@" or "at", or a well-known mail
  provider, so "the info at gov.uk" stays; the part before "at" may not be a word such as
  "us" or "look" ("find us at cardiff dot gov dot uk").
"""

import re

__all__ = ["CONTEXT_PLACEHOLDERS", "CONTEXT_RULES"]

CONTEXT_PLACEHOLDERS = {
    "name": "[name]",
    "address": "[address]",
    "date_of_birth": "[date of birth]",
    "vehicle_registration": "[vehicle registration]",
}

_FLAGS = re.VERBOSE
_LETTER = r"[^\W\d_]"
# Capital letters of the Latin alphabets (Welsh Ŵ and Ŷ, Polish Ł, French É ...), for names.
_UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
_END = r"(?![^\W_])"  # not followed by a letter or digit

# Words that are never a name, even capitalised after a cue: "Signed, The residents",
# "Thanks Everyone", "Mrs Jones Was rude".
_NOT_NAMES = """
    a about after again all also am an and any are as at be been before best but by can
    council customer dear department did do does every everybody everyone for from good
    great had has have he her here hi his hello how i i'm im in is it its kind lovely many
    me my no not of office ok okay on or our please regards service services she so sorry
    staff still team than thank thanks that the their there these they this those to too
    us very was we were what when where which who why with yes you your
    aren couldn didn doesn don hasn haven isn shouldn wasn won wouldn
    citizen parent resident residents taxpayer user
    dr miss mister mr mrs ms mx parch rev revd
    ac ag ar chi cyngor da diolch dim ddim ef ei ein eich eu fi fy gan gwasanaeth gwych gyda
    hefyd heb hi hon hwn hyn iawn mae mewn ni nid nhw neu o oedd ond pawb roedd tîm wedi y
    ydw ydy yn yng ym yr yw
""".split()
_NOT_NAME = (
    rf"(?!(?i:{'|'.join(map(re.escape, _NOT_NAMES))})(?:['’](?:m|s|d|ll|ve|re|t))?(?![\w'’-]))"
)
# After "my name is", lower-case words that describe the name rather than being it.
_NOT_LOWER_NAMES = """
    above already being below blank changed correct correctly different down empty given
    incorrect incorrectly listed mentioned misspelled misspelt missing now printed recorded
    registered right same showing shown spelled spelling spelt there under used written
    wrong wrongly anghywir
""".split()
_NOT_LOWER_NAME = rf"(?!(?:{'|'.join(_NOT_LOWER_NAMES)}){_END})(?!{_LETTER}+(?:ly|ing){_END})"

_CAPITALISED_WORD = rf"[{_UPPER}](?:\.|{_LETTER}*(?:['’-]{_LETTER}+)*)"  # Jo, J., O'Neill
# A name word: an initial with its full stop, a bare initial before a name ("Mr A Smith"),
# or a capitalised word that is not a common one.
_CAPITALISED = (
    rf"(?:[{_UPPER}]\.|[{_UPPER}](?=[ \t]+{_NOT_NAME}[{_UPPER}]{_LETTER})"
    rf"|{_NOT_NAME}{_CAPITALISED_WORD})"
)
_LOWER = rf"{_NOT_NAME}{_NOT_LOWER_NAME}{_LETTER}+(?:['’-]{_LETTER}+)*"
_PARTICLE = r"(?:ap|ab|ferch|van|von|de|der|den|da|di|du|le|la|bin|ibn|al|el|del|dos|das)"


def _names(word):
    """One to three name words, with particles such as "ap" or "van" between them."""
    return rf"{word}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{word}){{0,2}}{_END}"


_NAME_AFTER_WORDS = re.compile(
    rf"""
    (?i:\bmy[ \t]+(?:(?:full|first|last|given|maiden|married)[ \t]+|sur|fore)?name
        (?:[ \t]+is|['’]s|[ \t]*:)
      | \b(?:sur|full[ \t]+|first[ \t]+)?name[ \t]*:
      | \bI(?:[ \t]+am|['’]m)[ \t]+called
      | \bfy[ \t]+(?:enw|nghyfenw)(?:[ \t]+i)?(?:[ \t]+(?:yw|ydy|ydi)|[ \t]*:)
      | \b(?:cyf)?enw[ \t]*:)
    [ \t]*
    (?P<id>{_names(rf"(?:{_CAPITALISED}|{_LOWER})")})
    """,
    _FLAGS,
)

_NAME_AFTER_TITLE = re.compile(
    rf"""
    (?<![^\W_])(?:M[Rr][Ss]?|mrs?|Ms|Miss|Mx|Dr|Mister|Rev|Revd|Parch)\.?[ \t]+
    (?P<id>{_names(_CAPITALISED)})
    """,
    _FLAGS,
)

_SIGN_OFF = r"""
    signed | (?:kind|best|warm|warmest)[ \t]+regards | regards | best[ \t]+wishes
  | yours[ \t]+(?:sincerely|faithfully|truly) | cofion(?:[ \t]+(?:gorau|cynnes|caredig))?
  | (?:yr[ \t]+eiddoch[ \t]+)?yn[ \t]+gywir | llofnod(?:wyd)? | wedi['’]i[ \t]+lofnodi
"""
_NAME_AFTER_SIGN_OFF = re.compile(
    rf"""
    (?:(?:^|(?<=[\n.!?]))[ \t]*(?i:{_SIGN_OFF})[ \t]*[,:\-–]?
      | (?<![^\W_])(?i:{_SIGN_OFF})[ \t]*[,:\-–])
    \s*
    (?P<id>{_names(_CAPITALISED)})
    """,
    _FLAGS,
)

# "Thanks, Jo" ends a comment; "Thanks, Great service" does not name anyone. Acronyms such as
# NHS or DVLA are thanked too, so a word in capitals is not a name here.
_NAME_AFTER_THANKS = re.compile(
    rf"""
    (?:^|(?<=[\n.!?,]))[ \t]*
    (?i:thanks|thank[ \t]+you|many[ \t]+thanks|cheers
      | diolch(?:[ \t]+yn[ \t]+fawr(?:[ \t]+iawn)?|[ \t]+o[ \t]+galon)?)
    [ \t]*[,!\-–]?\s*
    (?P<id>{_names(rf"(?![A-Z]{{2,}}{_END}){_CAPITALISED}")})
    (?=[ \t]*[.!]*\s*$)
    """,
    _FLAGS,
)

# A house number, not a bus, a route, a form or a floor; "14", "14a", "14-16".
_NOT_HOUSE_NUMBER = "".join(
    rf"(?<!(?i:{re.escape(word)})[ \t])"
    for word in (
        "bus", "route", "number", "no", "no.", "nos", "form", "page", "room", "platform",
        "gate", "junction", "level", "floor", "ward", "bay", "stand", "line", "exit",
        "service", "pier", "lefel", "llawr", "bws", "ffurflen", "tudalen", "ystafell",
    )
)  # fmt: skip
_HOUSE_NUMBER = rf"(?<![\w£$€.,/:-])(?=\d){_NOT_HOUSE_NUMBER}\d{{1,4}}[A-Za-z]?(?:[-–]\d{{1,4}})?,?"
# "the 14 Park Road bus" names a bus route, not a home.
_NOT_A_BUS = (
    rf"(?!(?:[ \t]+{_CAPITALISED_WORD}){{0,2}}[ \t]+(?i:bus|buses|bws|service|route){_END})"
)
_STREETS = r"""
    Street | St | Road | Rd | Avenue | Ave | Lane | Close | Drive | Dr | Way | Crescent | Cres
  | Court | Ct | Place | Pl | Gardens | Gdns | Terrace | Tce | Grove | Hill | Park | Row
  | Square | Sq | Mews | View | Walk | Rise | Green | Parade | Vale | Meadows? | Fields | Croft
  | Wharf | Cottages | Villas | Heights | Boulevard | Approach | Chase | Quay | Wynd | Brow
"""
_STREET_WORD = rf"(?!(?i:car|level)[ \t]+Park){_CAPITALISED_WORD}"
_WELSH_STREETS = r"Heol|Ffordd|Stryd|Lôn|Rhodfa|Cilgant|Teras|Clos|Maes|Llwyn|Rhes|Cwrt|Parc"


def _welsh_street(word):
    """A Welsh street word, then one to three words of its name: "Heol y Bont", "Stryd Fawr"."""
    return rf"(?:{_WELSH_STREETS})(?:['’]r)?(?:[ \t]+(?:(?:y|yr|['’]r|ar)[ \t]+)?{word}){{1,3}}"


_ADDRESS = re.compile(
    rf"""
    (?P<id>{_HOUSE_NUMBER}[ \t]+
        (?:The[ \t]+(?:{_STREET_WORD}[ \t]+){{0,2}}|(?:{_STREET_WORD}[ \t]+){{1,3}})
        (?:{_STREETS}))
    {_END}{_NOT_A_BUS}
    """,
    _FLAGS,
)

_WELSH_ADDRESS = re.compile(
    rf"""
    (?P<id>{_HOUSE_NUMBER}[ \t]+
        {_welsh_street(_CAPITALISED_WORD)})
    {_END}{_NOT_A_BUS}
    """,
    _FLAGS,
)

# In lower case an address needs a cue; English streets end in the street word, Welsh begin.
_ADDRESS_AFTER_WORDS = re.compile(
    rf"""
    (?i:\b(?:live|lives|living|lived|staying|moved)[ \t]+(?:at|to)
      | \b(?:my[ \t]+)?address(?:[ \t]+is|[ \t]*:)
      | \bbyw[ \t]+(?:yn|ar|yng)(?:[ \t]+rhif)?
      | \b(?:fy[ \t]+)?(?:ngh|c)yfeiriad(?:[ \t]+i)?(?:[ \t]+(?:yw|ydy)|[ \t]*:))
    [ \t]+
    (?P<id>{_HOUSE_NUMBER}[ \t]+
        (?:(?:{_LETTER}+[ \t]+){{1,3}}(?i:{_STREETS})
          | (?i:{_welsh_street(rf"{_LETTER}+(?:['’-]{_LETTER}+)*")})))
    {_END}
    """,
    _FLAGS,
)

_DAY = r"(?:[0-2]?\d|3[01])(?:st|nd|rd|th|af|il|ydd|edd|fed|ed|eg|ain)?"
_YEAR = r"(?:(?:19|20)\d\d|['’]?\d\d)"
_MONTH = r"""
    (?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?
      | sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?
      | ionawr|chwefror|[mf]awrth|ebrill|[mf]ai|[mf]ehefin|g?orffennaf|awst|[mf]edi|hydref
      | [td]achwedd|rh?agfyr)\.?
"""
_DATE_OF_BIRTH = re.compile(
    rf"""
    (?:\bd\.?o\.?b\b\.?|\bdate[ \t]+of[ \t]+birth|\bbirth[ \t]?date|\bborn
      | \bdyddiad[ \t]+geni|\bganwyd|\bngeni)
    (?:[ \t]*(?:[:\-–=]|(?:is|was|on|the|ar|yw|ydy|oedd|fi|i){_END})){{0,3}}[ \t]*
    (?P<id>
        \d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d\d)
      | (?:19|20)\d\d-\d\d-\d\d
      | {_DAY}(?:[ \t]+(?:of|o))?[ \t]+{_MONTH},?[ \t]+{_YEAR}
      | {_MONTH}[ \t]+{_DAY},?[ \t]+{_YEAR})
    (?![\w/.-]*\d)
    """,
    _FLAGS | re.IGNORECASE,
)

_AGE_IDENTIFIER = r"(?:0[2-9]|[12]\d|5[1-9]|[67]\d)"
# DVLA's current format: a region letter (never I, J, Q, T, U or Z), an office letter (never
# I, Q or Z), the age identifier, then three letters (never I or Q).
_CURRENT_REGISTRATION = rf"[A-HK-PRSV-Y][A-HJ-PR-Y]{_AGE_IDENTIFIER}[ \xa0]?[A-HJ-PR-Z]{{3}}"
_REGISTRATION = re.compile(
    rf"(?<![^\W_])(?P<id>{_CURRENT_REGISTRATION}){_END}",
    _FLAGS,
)
_REGISTRATION_CUE_FILLER = rf"(?:[ \t]*(?:[:\-–]|(?:is|was|yw|ydy){_END})){{0,2}}[ \t]*"
# After "reg" or "number plate" any format, in any case; after "car" or "van" only the current
# format, since in "the van A14 was" the A14 is a road.
_REGISTRATION_AFTER_WORDS = re.compile(
    rf"""
    (?:\b(?:reg(?:istration)?(?:[ \t]+(?:number|no\.?|plate))?|(?:number|licen[cs]e)[ \t]+plate
        | rhif[ \t]+cofrestru|plât[ \t]+rhif)
       {_REGISTRATION_CUE_FILLER}
       (?P<id>{_CURRENT_REGISTRATION}
         | [A-HJ-NP-Y]\d{{1,3}}[ \xa0]?[A-HJ-PR-Y]{{3}}
         | [A-HJ-PR-Y]{{3}}[ \xa0]?\d{{1,3}}[A-HJ-NP-Y]))
    {_END}
    """,
    _FLAGS | re.IGNORECASE,
)
_REGISTRATION_AFTER_VEHICLE = re.compile(
    rf"""
    \b(?:car|van|vehicle|motorbike|fan|nghar|char|gar|cerbyd|ngherbyd){_REGISTRATION_CUE_FILLER}
    (?P<id>{_CURRENT_REGISTRATION})
    {_END}
    """,
    _FLAGS | re.IGNORECASE,
)

_SPELLED_DOT = r"(?:[ \t]*[(\[{<][ \t]*dot[ \t]*[)\]}>][ \t]*|[ \t]+dot[ \t]+)"
_SPELLED_AT = r"(?:[ \t]*[(\[{<][ \t]*at[ \t]*[)\]}>][ \t]*|[ \t]+at[ \t]+|[ \t]+@[ \t]*|@[ \t]+)"
_ENDINGS = "com|net|org|uk|cymru|wales|scot|ie|eu|io|info|biz|me|edu|email"
_SPELLED_EMAIL = re.compile(
    rf"""
    (?<![\w.+@-])
    (?P<local>[a-z0-9_+-]+(?:(?:{_SPELLED_DOT}|\.)[a-z0-9_+-]+){{0,4}})
    (?P<at>{_SPELLED_AT}|@)
    (?P<domain>[a-z0-9-]+(?:(?:{_SPELLED_DOT}|\.)[a-z0-9-]+){{0,3}}(?:{_SPELLED_DOT}|\.)(?:{_ENDINGS}))
    {_END}
    """,
    _FLAGS | re.IGNORECASE | re.ASCII,
)
_MAIL_PROVIDERS = frozenset(
    """
    aol blueyonder btinternet btopenworld gmail gmx googlemail hotmail icloud live mail me msn
    ntlworld outlook proton protonmail sky talktalk tiscali virginmedia yahoo ymail
    """.split()
)
_NOT_LOCAL_PARTS = frozenset(
    """
    all and apply arrived available be best book booked but check even find found first go
    here him home is it just last later least look looked looking me night noon not online
    once only or page paid pay read see site still that them then there this times us visit
    was we website work you
    """.split()
)

_WORD_DOT = re.compile(r"\bdot\b", re.IGNORECASE)


def _is_spelled_email(candidate):
    parts = _SPELLED_EMAIL.fullmatch(candidate)
    if parts is None or parts["local"].lower() in _NOT_LOCAL_PARTS:
        return False
    # "gmail dot com", "jo(at)example.org", "jo @ example.org": spelled out or spaced out.
    if _WORD_DOT.search(candidate) or parts["at"].strip().lower() != "at":
        return True
    # "jo at gmail.com" is an address; "the info at gov.uk" is a website.
    return parts["domain"].split(".")[0].lower() in _MAIL_PROVIDERS


# What a comment must hold (lower-cased) for a rule to be worth running.
_AT_CUES = (" at", "\tat", "(at", "[at", "{at", "<at", "@")
_BIRTH_CUES = ("dob", "d.o.b", "birth", "born", "geni", "ganwyd")
_HOME_CUES = ("live", "living", "staying", "moved", "address", "byw", "yfeiriad")
_PLATE_CUES = ("reg", "plate", "cofrestru", "plât")
_VEHICLE_CUES = ("car", "van", "vehicle", "motorbike", "fan", "char", "gar", "cerbyd", "ngh")
_NAME_CUES = ("name", "called", "enw")
_TITLE_CUES = ("mr", "ms", "miss", "mx", "dr", "mister", "rev", "parch")
_SIGN_OFF_CUES = ("sign", "regards", "wishes", "yours", "cofion", "gywir", "llofnod", "lofnodi")
_THANKS_CUES = ("thank", "cheers", "diolch")

# (kind, pattern, check, fewest digits, cues), run in this order before analysis.redact's
# number rules: dates of birth and addresses go before names, so "14 Oak Dr" is an address.
# A rule with cues runs only when the comment holds one of them, which spares most comments
# most of the patterns.
CONTEXT_RULES = (
    ("email", _SPELLED_EMAIL, _is_spelled_email, 0, _AT_CUES),
    ("date_of_birth", _DATE_OF_BIRTH, None, 3, _BIRTH_CUES),
    ("address", _ADDRESS, None, 1, ()),
    ("address", _WELSH_ADDRESS, None, 1, ()),
    ("address", _ADDRESS_AFTER_WORDS, None, 1, _HOME_CUES),
    ("vehicle_registration", _REGISTRATION, None, 2, ()),
    ("vehicle_registration", _REGISTRATION_AFTER_WORDS, None, 1, _PLATE_CUES),
    ("vehicle_registration", _REGISTRATION_AFTER_VEHICLE, None, 2, _VEHICLE_CUES),
    ("name", _NAME_AFTER_WORDS, None, 0, _NAME_CUES),
    ("name", _NAME_AFTER_TITLE, None, 0, _TITLE_CUES),
    ("name", _NAME_AFTER_SIGN_OFF, None, 0, _SIGN_OFF_CUES),
    ("name", _NAME_AFTER_THANKS, None, 0, _THANKS_CUES),
)
