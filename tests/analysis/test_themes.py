"""find_themes and the estimators behind it: behaviour, edge cases and contracts."""

import json
import os
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score
from sklearn.utils import estimator_checks

from analysis import find_themes
from analysis.cluster import ThemeClusterer, modularity
from analysis.labels import ThemeLabeller
from analysis.text import tokenise
from analysis.themes import ThemeModel
from analysis.vectorise import CommentVectoriser, LSAReducer, NeighbourSmoother

TOPICS = {
    "parking": [
        "My parking permit renewal took weeks to arrive",
        "Parking permit application website kept crashing",
        "I paid for a resident parking permit and never received it",
        "Why does a visitor parking permit cost so much",
        "The parking permit zone map is confusing",
        "Could not renew my parking permit online",
        "Parking permits should be digital, not paper",
        "Waited a month for my parking permit to be posted",
        "Got a parking fine even though my permit was valid",
        "Renewing the parking permit asked for the same documents again",
        "No parking spaces left in my permit zone after 6pm",
        "The parking permit price went up without warning",
        "Applying for a business parking permit was straightforward",
        "Please let me update the car registration on my parking permit",
    ],
    "bins": [
        "The bins were not collected again this week",
        "Missed bin collection three weeks running",
        "Recycling bin was left unemptied on collection day",
        "Bin collection crews leave rubbish all over the street",
        "Garden waste bin collection is far too expensive",
        "Reported a missed bin collection and nobody came",
        "Our food waste bin has not been collected for a fortnight",
        "Bin collection day changed and no one told us",
        "The bin lorry skipped our road again",
        "Please collect the recycling bins on time",
        "Asked for a new wheelie bin months ago, still waiting",
        "Bins were collected early before we could put them out",
        "Bin collection over the holidays was chaotic",
        "Broken bin lid after the collection crew threw it",
    ],
    "tax": [
        "My council tax bill was wrong this year",
        "Council tax went up again with no improvement",
        "Set up a council tax direct debit easily online",
        "Applying for the council tax single person discount was confusing",
        "Council tax reminder letter arrived after the payment date",
        "I was charged council tax twice this month",
        "Council tax band for my flat seems far too high",
        "Could not find how to pay council tax by card",
        "Council tax refund still not received",
        "Moving house meant two council tax accounts and confusion",
        "The council tax online account keeps logging me out",
        "Council tax instalments should be spread over twelve months",
        "Paid my council tax but still received a summons",
        "Council tax support application took ages to process",
    ],
    "library": [
        "The library opening hours are too short at weekends",
        "Library closes too early on weekdays for people who work",
        "Love the library but wish it opened on Sundays",
        "Library staff were helpful finding the books I needed",
        "Please extend the library opening hours in the evening",
        "The library computers are always booked",
        "Library closed without notice on Saturday",
        "Borrowing library books online was easy",
        "The children's section of the library is wonderful",
        "Reduced library opening hours hurt students",
        "Library wifi is too slow to use",
        "Renewing library books on the app worked well",
        "The library should open earlier in the morning",
        "More study space in the library please",
    ],
}
SYNTHETIC = [text for texts in TOPICS.values() for text in texts]
TRUTH = [topic for topic, texts in TOPICS.items() for _ in texts]


@pytest.fixture(scope="module")
def synthetic_result():
    return find_themes(SYNTHETIC, random_state=0)


def purity(truth, labels):
    """Share of comments whose theme's majority topic is their own (-1 counts as wrong)."""
    groups = {}
    for topic, label in zip(truth, labels, strict=True):
        groups.setdefault(label, []).append(topic)
    right = sum(
        Counter(topics).most_common(1)[0][1] for label, topics in groups.items() if label >= 0
    )
    return right / len(truth)


def check_consistent(result, texts):
    """The invariants every result must keep, whatever the input."""
    assert len(result.labels) == len(texts)
    ids = [theme.id for theme in result.themes]
    assert ids == list(range(len(ids)))
    assert set(result.labels) <= set(ids) | {-1}
    counts = Counter(result.labels)
    for theme in result.themes:
        assert theme.size == counts[theme.id] > 0
        assert 1 <= len(theme.examples) <= 5
        assert len(set(theme.examples)) == len(theme.examples)
        assert all(result.labels[i] == theme.id for i in theme.examples)
        assert isinstance(theme.label, str) and theme.label
        assert all(isinstance(keyword, str) for keyword in theme.keywords)
    labels = [theme.label for theme in result.themes]
    assert len(set(labels)) == len(labels)


# --- recovering obvious topics -------------------------------------------------------------


def test_synthetic_topics_recovered_with_high_purity(synthetic_result):
    check_consistent(synthetic_result, SYNTHETIC)
    assert 3 <= len(synthetic_result.themes) <= 6
    assert purity(TRUTH, synthetic_result.labels) >= 0.9


def test_forced_number_of_themes(synthetic_result):
    result = find_themes(SYNTHETIC, n_themes=4, random_state=0)
    check_consistent(result, SYNTHETIC)
    assert len(result.themes) == 4
    assert purity(TRUTH, result.labels) >= 0.9


def test_labels_name_the_topic(synthetic_result):
    words = {topic: set() for topic in TOPICS}
    for topic, label in zip(TRUTH, synthetic_result.labels, strict=True):
        if label >= 0:
            words[topic] |= set(synthetic_result.themes[label].label.replace(",", " ").split())
    assert words["parking"] & {"parking", "permit", "permits"}
    assert words["bins"] & {"bin", "bins", "collection", "collected"}
    assert words["tax"] & {"council", "tax"}
    assert words["library"] & {"library", "opening", "hours"}


def test_labels_are_readable_surface_words(synthetic_result):
    for theme in synthetic_result.themes:
        words = theme.label.replace(",", " ").split()
        assert 1 <= len(words) <= 3, theme.label  # the label rule: 1-3 words
        assert not all(word in ENGLISH_STOP_WORDS for word in words)
        # Surface forms: every word was written in one of the theme's own comments.
        members = [
            SYNTHETIC[i] for i, label in enumerate(synthetic_result.labels) if label == theme.id
        ]
        seen = {token for text in members for token in tokenise(text)}
        assert set(words) <= seen, theme.label
        assert theme.keywords and set(" ".join(theme.keywords).split()) <= seen


def test_same_seed_same_result():
    first = find_themes(SYNTHETIC, random_state=3)
    second = find_themes(SYNTHETIC, random_state=3)
    assert first.labels == second.labels
    assert first.themes == second.themes


def test_placeholders_never_become_themes():
    texts = [f"{text}. Contact me on [phone number] or [email]" for text in SYNTHETIC]
    result = find_themes(texts, random_state=0)
    check_consistent(result, texts)
    assert purity(TRUTH, result.labels) >= 0.9
    for theme in result.themes:
        shown = " ".join([theme.label, *theme.keywords])
        assert "phone" not in shown and "email" not in shown and "[" not in shown


# --- edge cases: a sensible result, never an exception --------------------------------------


def test_empty_input():
    result = find_themes([])
    assert result.labels == [] and result.themes == []


@pytest.mark.parametrize(
    "blank", ["", "   ", "\n", "😀😀😀", "👍", "[email]", "[phone number] [postcode]"]
)
def test_blank_emoji_and_placeholder_only_comments_fit_no_theme(blank):
    texts = [*SYNTHETIC, blank, blank]
    result = find_themes(texts, random_state=0)
    check_consistent(result, texts)
    assert result.labels[-2:] == [-1, -1]


def test_only_blank_comments():
    result = find_themes(["", "  ", "🙂", "?!"])
    assert result.labels == [-1] * 4 and result.themes == []


def test_theme_with_nothing_to_name_it_still_gets_a_label():
    result = find_themes(["123", "456 789", "2pm"])
    check_consistent(result, ["123", "456 789", "2pm"])
    assert result.themes[0].label == "other comments"


def test_very_long_comment():
    long = "The bins were not collected and the council never answered my calls. " * 150
    texts = [*SYNTHETIC, long[:10_000]]
    result = find_themes(texts, random_state=0)
    check_consistent(result, texts)
    assert purity(TRUTH, result.labels[:-1]) >= 0.85


def test_many_identical_comments():
    texts = ["The bins were not collected again"] * 500 + SYNTHETIC[:3] + SYNTHETIC[-3:]
    result = find_themes(texts, random_state=0)
    check_consistent(result, texts)
    assert len(set(result.labels[:500])) == 1 and result.labels[0] >= 0
    assert result.themes[result.labels[0]].size >= 500
    assert len(result.themes[result.labels[0]].examples) == 1  # one wording, shown once


@pytest.mark.parametrize("n_texts", [1, 2, 3])
def test_fewer_comments_than_themes_requested(n_texts):
    texts = SYNTHETIC[:: len(SYNTHETIC) // n_texts][:n_texts]
    result = find_themes(texts, n_themes=10, random_state=0)
    check_consistent(result, texts)
    assert 1 <= len(result.themes) <= n_texts


def test_single_theme_requested():
    result = find_themes(SYNTHETIC, n_themes=1)
    check_consistent(result, SYNTHETIC)
    assert len(result.themes) == 1


def test_welsh_comments():
    welsh = [
        "Roedd y gwasanaeth casglu biniau yn ardderchog",
        "Ni chasglwyd y biniau yr wythnos hon eto",
        "Mae'r biniau ailgylchu wedi bod yn llawn ers pythefnos",
        "Roedd talu'r dreth gyngor ar-lein yn hawdd",
        "Mae'r dreth gyngor yn rhy uchel eleni",
        "Cefais fil treth gyngor anghywir",
        "Diolch yn fawr am y gwasanaeth",
    ]
    texts = welsh + SYNTHETIC
    result = find_themes(texts, random_state=0)
    check_consistent(result, texts)
    only_welsh = find_themes(welsh, random_state=0)
    check_consistent(only_welsh, welsh)
    for theme in only_welsh.themes:  # Welsh function words do not end a label
        assert theme.label.split()[-1] not in {"yn", "y", "yr", "a", "wedi", "mae"}


def test_duplicates_and_near_duplicates_with_small_input():
    texts = ["Bins!", "bins", "BINS", "Bins.", "parking"]
    result = find_themes(texts, random_state=0)
    check_consistent(result, texts)
    assert len(set(result.labels[:4])) == 1


# --- the fitted model, for later weeks ------------------------------------------------------


def test_model_transforms_and_predicts_new_comments(synthetic_result):
    model = synthetic_result.model
    vectors = model.transform(["Parking permit never arrived", "bins not emptied"])
    assert vectors.shape == (2, model.centres_.shape[1])
    predicted = model.predict(["My parking permit renewal is late", "", "🙂"])
    parking = synthetic_result.labels[0]
    assert list(predicted) == [parking, -1, -1]


def test_modularity_of_two_separate_triangles():
    triangle = np.ones((3, 3)) - np.eye(3)
    graph = sp.csr_matrix(sp.block_diag([triangle, triangle]))
    assert modularity(graph, [0, 0, 0, 1, 1, 1]) == pytest.approx(0.5)
    assert modularity(graph, [0] * 6) == pytest.approx(0.0)


# --- the scikit-learn estimator contract ----------------------------------------------------

ESTIMATORS = [
    CommentVectoriser(),
    LSAReducer(),
    NeighbourSmoother(),
    ThemeClusterer(),
    ThemeLabeller(),
    ThemeModel(),
]
CONTRACT_CHECKS = [
    estimator_checks.check_no_attributes_set_in_init,
    estimator_checks.check_parameters_default_constructible,
    estimator_checks.check_get_params_invariance,
    estimator_checks.check_set_params,
    estimator_checks.check_estimator_cloneable,
    estimator_checks.check_estimator_repr,
]


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
@pytest.mark.parametrize("check", CONTRACT_CHECKS, ids=lambda c: c.__name__)
def test_estimator_contract(estimator, check):
    check(type(estimator).__name__, estimator)


def test_fit_returns_self_and_keeps_random_state():
    rng = np.random.RandomState(0)
    X = rng.rand(40, 5)
    clusterer = ThemeClusterer(n_clusters=3, random_state=rng)
    assert clusterer.fit(X) is clusterer and clusterer.random_state is rng
    texts = SYNTHETIC[:20]
    vectoriser = CommentVectoriser()
    assert vectoriser.fit(texts) is vectoriser
    reducer = LSAReducer(n_components=5, random_state=7)
    assert reducer.fit(vectoriser.transform(texts)) is reducer and reducer.random_state == 7
    model = ThemeModel(random_state=5)
    assert model.fit(texts) is model and model.random_state == 5


# --- real data: a quick sanity check on part of CLINC150 ------------------------------------


def _clinc_path():
    root = os.environ.get("PULSE_SHARED_DATA")
    base = Path(root) if root else Path(__file__).resolve().parents[3] / "shared" / "data"
    return base / "clinc150" / "data_full.json"


@pytest.mark.shared_data
def test_clinc150_subset_beats_plain_tfidf_kmeans():
    path = _clinc_path()
    if not path.is_file():
        pytest.skip(f"CLINC150 not found at {path}")
    rows = json.loads(path.read_text(encoding="utf-8"))["test"]
    intents = sorted({intent for _, intent in rows})[::5]  # 30 of the 150 intents
    rows = [(text, intent) for text, intent in rows if intent in set(intents)]
    texts, truth = [text for text, _ in rows], [intent for _, intent in rows]
    baseline = KMeans(30, n_init=3, random_state=0).fit_predict(
        TfidfVectorizer().fit_transform(texts)
    )
    plain = normalized_mutual_info_score(truth, baseline)
    for n_themes in (30, None):
        result = find_themes(texts, n_themes=n_themes, random_state=0)
        labels = np.array(result.labels)
        labels[labels < 0] = labels.max() + 1 + np.arange((labels < 0).sum())
        ours = normalized_mutual_info_score(truth, labels)
        assert ours >= plain + 0.08, (n_themes, ours, plain)  # about 0.90 against 0.80
    assert 15 <= len(result.themes) <= 60  # chosen: 32
