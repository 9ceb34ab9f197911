"""Sentiment scores behave the way a person reading the comments would expect."""

import pytest

from analysis import score_sentiment
from analysis.sentiment import ALL_RULES, DOMAIN_VOCABULARY, PulseAnalyser


def score(text):
    return score_sentiment([text])[0]


def test_helpful_staff_is_clearly_positive():
    assert score("The staff were really helpful") > 0.3


def test_on_hold_then_cut_off_is_negative():
    assert score("I was on hold for an hour and then cut off") < 0


def test_negation_turns_praise_into_complaint():
    assert score("not helpful") < 0
    assert score("The staff were not helpful") < 0 < score("The staff were helpful")


def test_no_before_a_problem_is_praise():
    assert score("No problems at all, very quick") > 0
    assert score("Staff were lovely, no complaints") > 0


def test_but_shifts_weight_to_the_second_clause():
    assert score("The staff were friendly but the wait was awful") < 0
    assert score("The wait was awful but the staff were friendly") > 0


def test_however_works_like_but():
    assert score("The form was awful however the helpline was great") > 0
    assert score("The helpline was great however the form was awful") < 0
    vader_rule = PulseAnalyser(rules=ALL_RULES - {"contrast"})  # VADER knows only "but"
    text = "The helpline was great however the form was complicated"
    assert score(text) < vader_rule.compound(text)


def test_contrast_only_reweighs_its_own_sentence():
    text = "Lovely staff. The wait was long but it got sorted."
    vader_rule = PulseAnalyser(rules=ALL_RULES - {"contrast"})
    # VADER halves everything before the first "but", including "Lovely" a sentence earlier
    assert score(text) > vader_rule.compound(text) > 0


def test_shouting_amplifies():
    assert score("The staff were RUDE") < score("The staff were rude") < 0
    assert score("The staff were GREAT") > score("The staff were great") > 0


def test_a_comment_typed_all_in_capitals_is_not_shouting():
    # VADER's rule: capitals count as emphasis only next to lower-case words
    assert score("THE STAFF WERE RUDE") == score("the staff were rude")


def test_exclamation_marks_amplify():
    assert score("The staff were rude!!!") < score("The staff were rude")


def test_denied_plain_statement_is_a_mild_complaint():
    for text in ["The letter never arrived", "It did not work", "I won't be back"]:
        assert -0.5 < score(text) < 0, text


def test_nothing_as_an_answer_is_not_a_complaint():
    # "How could we improve?" -> "Nothing" means the service was fine
    assert score("Nothing") == 0.0
    assert score("Nothing to improve") > 0
    assert score("I wouldn't change a thing, great service") > 0


def test_denied_comparative_is_a_superlative():
    assert score("I couldn't be happier") > 0
    assert score("It could not be worse") < 0


def test_too_before_a_plain_word_is_a_complaint():
    assert score("The form took too long") < 0
    assert score("Too many questions") < 0
    assert score("Me too") == 0.0
    assert score("I liked it too") > 0


def test_inflected_forms_reach_the_lexicon():
    plain = PulseAnalyser(rules=ALL_RULES - {"inflections"})
    for text in ["The website crashed", "Constant delays", "They stopped answering"]:
        assert score(text) < 0, text
    assert plain.compound("The website crashed") == 0.0
    assert score("It helped") > 0 == plain.compound("It helped")


def test_derived_forms_are_not_matched():
    # a stemmer would score "used" like "useful" and "likely" like "like"
    assert score("I used the website") == 0.0
    assert score("It will likely arrive on Monday") == 0.0


def test_a_repeated_word_is_read_in_its_own_place():
    # nltk's loop reads the second "good" as if it were the first, missing the "not"
    assert score("The food was good but the service was not good") < 0


def test_empty_whitespace_and_missing_text_score_zero():
    assert score_sentiment(["", "   ", "\n\t", None]) == [0.0, 0.0, 0.0, 0.0]


def test_no_texts_gives_no_scores():
    assert score_sentiment([]) == []


def test_order_and_length_preserved():
    texts = ["Brilliant service", "", "Awful, I was cut off twice", None, "It was fine"]
    scores = score_sentiment(texts)
    assert len(scores) == len(texts)
    assert scores[0] > 0.5
    assert scores[2] < -0.5
    assert scores[1] == scores[3] == 0.0
    assert scores == [score(t) for t in texts]


def test_a_tuple_is_accepted():
    assert score_sentiment(("good", "bad")) == score_sentiment(["good", "bad"])


def test_a_single_string_is_refused():
    with pytest.raises(TypeError):
        score_sentiment("The staff were helpful")


def test_a_value_that_is_not_text_is_refused():
    with pytest.raises(TypeError):
        score_sentiment(["fine", 3])


@pytest.mark.parametrize(
    "text",
    [
        "GOOD GOOD GOOD great excellent amazing wonderful!!!!!!!!",
        "worst worst worst horrible awful terrible disgusting!!!!!!!!",
        "not not not not bad",
        ":) :( <3 </3 :-D",
        "?!?!?!?!?!?!",
        "but but but however",
        "🎉" * 50,
    ],
)
def test_scores_stay_within_minus_one_and_one(text):
    assert -1.0 <= score(text) <= 1.0


def test_a_ten_thousand_character_comment():
    sentence = "The staff were helpful but the website kept crashing. "
    text = (sentence * 200)[:10_000]
    assert len(text) == 10_000
    result = score(text)
    assert isinstance(result, float)
    assert -1.0 <= result < 0


def test_emoji_only_comments():
    assert score("👍") > 0
    assert score("🙂🙂") > 0
    assert score("😡") < 0
    assert score("😢") < 0
    assert score("🏛️") == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Gwasanaeth ardderchog, diolch yn fawr",  # Welsh
        "Le service était très lent",
        "服务很好",
        "خدمة ممتازة",
        "Обслуживание ужасное",
        "Ça m’a pris 3 heures — inadmissible !",
        "\x85\u200b\ufeff",
    ],
)
def test_other_languages_and_odd_characters_do_not_crash(text):
    assert -1.0 <= score(text) <= 1.0


def test_the_analyser_is_built_once():
    from analysis import sentiment

    score_sentiment(["one"])
    first = sentiment._shared_analyser()
    score_sentiment(["two"])
    assert sentiment._shared_analyser() is first


# Every addition to the lexicon, with a sentence using it and the way the addition should
# move that sentence's score: +1 up, -1 down, 0 towards neutral.
VOCABULARY_EFFECTS = [
    ("wait", "I had to wait for a callback", -1),
    ("waiting", "I was kept waiting", -1),
    ("waited", "I waited at the counter", -1),
    ("queue", "There was a queue outside", -1),
    ("queuing", "I spent the morning queuing", -1),
    ("chase", "I had to chase them three times", -1),
    ("slow", "The website is slow", -1),
    ("late", "The letter came late", -1),
    ("overdue", "My payment is overdue", -1),
    ("unanswered", "My emails went unanswered", -1),
    ("unreachable", "The office was unreachable", -1),
    ("unresponsive", "The helpline was unresponsive", -1),
    ("glitchy", "The app is glitchy", -1),
    ("buggy", "The form is buggy", -1),
    ("clunky", "The booking system is clunky", -1),
    ("hassle", "Renewing was a hassle", -1),
    ("complicated", "The guidance is complicated", -1),
    ("impossible", "It was impossible to book", -1),
    ("pointless", "The phone menu is pointless", -1),
    ("nightmare", "Changing my address was a nightmare", -1),
    ("shambles", "The whole process is a shambles", -1),
    ("unhelpful", "The adviser was unhelpful", -1),
    ("dismissive", "The receptionist was dismissive", -1),
    ("inefficient", "The process is inefficient", -1),
    ("inaccessible", "The building is inaccessible", -1),
    ("disorganised", "The appointment system is disorganised", -1),
    ("outdated", "The information is outdated", -1),
    ("overcharged", "I was overcharged for the certificate", -1),
    ("expensive", "The fee is expensive", -1),
    ("quick", "The form was quick", 1),
    ("quickly", "They replied quickly", 1),
    ("fast", "The service was fast", 1),
    ("speedy", "A speedy decision", 1),
    ("prompt", "The reply was prompt", 1),
    ("promptly", "They answered promptly", 1),
    ("smooth", "The process was smooth", 1),
    ("smoothly", "It all went smoothly", 1),
    ("simple", "The form was simple", 1),
    ("straightforward", "Applying was straightforward", 1),
    ("seamless", "The switch was seamless", 1),
    ("polite", "The officer was polite", 1),
    ("professional", "The staff were professional", 1),
    ("knowledgeable", "The adviser was knowledgeable", 1),
    ("informative", "The letter was informative", 1),
    ("intuitive", "The website is intuitive", 1),
    ("convenient", "The opening hours are convenient", 1),
    ("organised", "The clinic was organised", 1),
    ("sorted", "They got it sorted the same day", 1),
    ("on hold", "I was on hold", -1),
    ("cut off", "The call was cut off", -1),
    ("timed out", "The page timed out", -1),
    ("no response", "There was no response to my email", -1),
    ("no reply", "Still no reply", -1),
    ("never heard back", "I never heard back", -1),
    ("a joke", "The service is a joke", -1),
    ("run around", "They gave me the run around", -1),
    ("pillar to post", "I was sent from pillar to post", -1),
    ("round in circles", "I went round in circles", -1),
    ("red tape", "So much red tape", -1),
    ("waste of time", "The visit was a waste of time", -1),
    ("hassle free", "Renewing was hassle-free", 1),
    ("on time", "The assessor arrived on time", 1),
    ("nothing to improve", "Nothing to improve", 1),
    ("wouldn't change", "I wouldn't change anything", 1),
    ("would not change", "I would not change anything", 1),
    ("don't know", "I don't know", 0),
    ("not sure", "Not sure", 0),
    ("thumbs up", "👍", 1),
    ("thumbs down", "👎", -1),
    ("pouting face", "😡", -1),
]


def test_every_vocabulary_addition_has_a_test():
    assert sorted(term for term, _, _ in VOCABULARY_EFFECTS) == sorted(DOMAIN_VOCABULARY)


@pytest.mark.parametrize(("term", "text", "direction"), VOCABULARY_EFFECTS)
def test_vocabulary_addition_moves_the_score_the_right_way(term, text, direction):
    without = PulseAnalyser(vocabulary={k: v for k, v in DOMAIN_VOCABULARY.items() if k != term})
    before = without.compound(text)
    after = score(text)
    if direction > 0:
        assert after > before
        assert after > 0
    elif direction < 0:
        assert after < before
        assert after < 0
    else:
        assert after == 0.0 != before


@pytest.mark.shared_data
def test_beats_plain_vader_on_labelled_review_sentences():
    from benchmarks.quality_sentiment import data_folder, evaluate

    folder = data_folder()
    if folder is None:
        pytest.skip("shared evaluation data not found")
    for name, figures in evaluate(folder).items():
        assert figures["pulse_f1"] > figures["plain_f1"] + 0.02, name
        assert figures["pulse_neutral"] < figures["plain_neutral"], name
