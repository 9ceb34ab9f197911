"""Welsh comments: scored for sentiment as a Welsh speaker reads them, themed by subject.

The comments are the project's own, written for these tests; each sign is the one a Welsh
speaker would give. The vocabulary behind the scorer is analysis/data/welsh_sentiment.json.
"""

import pytest

from analysis import find_themes, score_sentiment
from analysis.summary import Response, analyse_service_week
from analysis.text import tokenise
from analysis.welsh import is_welsh, radicals, theme_tokens

POSITIVE = [
    "Gwasanaeth ardderchog, diolch",
    "Roedd y llyfrgell yn wych",
    "Roedd y staff yn gymwynasgar iawn",
    "Hawdd a chyflym, da iawn",
    "Diolch yn fawr am eich help",
    "Roedd y ddynes ar y ffôn yn hynod o gymwynasgar a chwrtais",
    "Dim problemau o gwbl",
    "Roedd talu'r dreth gyngor ar-lein mor hawdd",
    "Cefais wasanaeth rhagorol gan y cofrestrydd",
    "Roedd y ffurflen yn glir ac yn syml",
    "Staff cyfeillgar a pharod iawn i helpu",
    "Dim ciw o gwbl, diolch i'r system archebu",
    "Rwy'n fodlon iawn gyda'r gwasanaeth",
    "Roedd hi'n hawdd dod o hyd i bopeth heb drafferth",
]
NEGATIVE = [
    "Doedd y staff ddim yn gymwynasgar",
    "Roedd yr aros yn rhy hir",
    "Gwasanaeth gwael iawn",
    "Mae'r wefan yn ofnadwy ac yn araf",
    "Siomedig iawn, does neb yn ateb y ffôn",
    "Roedd y ffurflen yn ddryslyd ac yn gymhleth",
    "Ni chasglwyd y biniau yr wythnos hon eto",
    "Dydy hi ddim yn glir beth i'w wneud",
    "Roedd y dyn ar y ffôn yn anghwrtais",
    "Doedd y dudalen dalu ddim yn gweithio'n iawn",
    "Mae'n rhy anodd talu ar-lein",
    "Dim digon da",
    "Mae'r bin yn dal heb ei gasglu",
    "Roedd y staff yn garedig ond roedd y broses yn hunllef",
]


def score(text, language=None):
    return score_sentiment([text], [language])[0]


def test_scorer_gets_the_sign_a_welsh_speaker_would_give():
    right = [score(t) > 0 for t in POSITIVE] + [score(t) < 0 for t in NEGATIVE]
    assert len(right) >= 20
    wrong = [t for t, ok in zip(POSITIVE + NEGATIVE, right, strict=True) if not ok]
    assert sum(right) / len(right) >= 0.9, wrong


@pytest.mark.parametrize(
    "positive, negative",
    [
        ("Roedd y staff yn gymwynasgar", "Doedd y staff ddim yn gymwynasgar"),
        ("Roedd hi'n glir", "Doedd hi ddim yn glir"),
        ("Roedd y ffurflen yn syml", "Roedd y ffurflen yn rhy hir"),
    ],
)
def test_negation_and_excess_turn_a_comment_round(positive, negative):
    assert score(negative) < 0 <= score(positive)


def test_mutated_forms_score_as_their_radical():
    # soft (wych, dda, gyflym), nasal (nghyflym) and aspirate (chyflym) mutations
    assert score("Gwych") == score("wych", "cy") > 0
    assert score("Roedd o'n dda") > 0 and score("Roedd o'n wael") < 0
    assert "cyflym" in radicals("gyflym") and "cyflym" in radicals("nghyflym")
    assert "cyflym" in radicals("chyflym") and "gwael" in radicals("wael")


def test_iawn_after_an_adjective_strengthens_it_and_eithaf_softens_it():
    assert score("Da iawn") > score("Da") > score("Eithaf da") > 0
    assert score("Siomedig iawn") < score("Siomedig") < 0


def test_please_and_only_carry_no_sentiment():
    assert score("Trefnwch hyn, os gwelwch yn dda.") == 0
    assert score("Dim ond awgrym.") == 0


def test_survey_language_decides_only_when_the_words_do_not():
    assert score("Gwych", "cy") > 0
    assert score("Great", "cy") > 0  # an English word in a Welsh survey is still English
    english = "The staff were not helpful and the wait was awful"
    assert score(english, "cy") == score(english, "en") == score(english) < 0


def test_english_scores_are_unchanged_by_the_welsh_rules():
    texts = ["The staff were really helpful", "I was on hold for an hour", "Bins! bins"]
    assert score_sentiment(texts) == score_sentiment(texts, ["en", "en", "en"])


def test_welsh_is_told_from_its_words():
    assert is_welsh(tokenise("Roedd y llyfrgell yn wych"))
    assert not is_welsh(tokenise("The library was great"))
    assert is_welsh(tokenise("Ardderchog"), "cy") and not is_welsh(tokenise("Ardderchog"))


def test_welsh_function_words_are_not_a_subject():
    assert theme_tokens(tokenise("Roedd y llyfrgell yn wych")) == ["library", "great"]
    english = tokenise("The library was great")
    assert theme_tokens(english) == english


LIBRARY_EN = [
    "The library was great",
    "Library staff were helpful",
    "The library opening hours are too short",
    "Love the new library books",
    "The library was closed when I went",
    "Great library, friendly staff",
]
LIBRARY_CY = [
    "Roedd y llyfrgell yn wych",
    "Mae oriau agor y llyfrgell yn rhy fyr",
    "Llyfrau newydd gwych yn y llyfrgell",
    "Roedd y llyfrgell ar gau pan es i",
]
BINS_EN = [
    "My bin was not collected",
    "The bins were not collected again this week",
    "Recycling bin missed for two weeks",
    "The bin collection was late again",
    "They did not collect my bins",
    "Bin collection missed again",
]
BINS_CY = [
    "Ni chasglwyd y biniau yr wythnos hon eto",
    "Mae'r bin yn dal heb ei gasglu",
    "Casglu biniau'n hwyr eto",
    "Methwyd casglu fy min ailgylchu",
]


def test_welsh_and_english_comments_group_by_subject_not_language():
    texts = LIBRARY_EN + LIBRARY_CY + BINS_EN + BINS_CY
    subject = ["library"] * 10 + ["bins"] * 10
    welsh = [False] * 6 + [True] * 4 + [False] * 6 + [True] * 4
    result = find_themes(texts, n_themes=2, random_state=0)
    for theme in result.themes:
        members = [i for i, label in enumerate(result.labels) if label == theme.id]
        subjects = {subject[i] for i in members}
        assert len(subjects) == 1, [texts[i] for i in members]
        assert {welsh[i] for i in members} == {True, False}  # both languages in each


def test_weekly_analysis_passes_the_survey_language_to_the_scorer():
    # "Help" is a word in both languages; a Welsh survey reads it by the Welsh vocabulary
    assert score("Help", "cy") != score("Help", "en")
    responses = [Response(1, 5, "Help", "cy"), Response(2, 5, "Help", "en")]
    week = analyse_service_week(responses, {}, random_state=0)
    assert week.sentiment == {1: score("Help", "cy"), 2: score("Help", "en")}
