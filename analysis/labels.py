"""Readable names and keywords for themes, from the themes' own comments.

A class-based TF-IDF over 1-3-word phrases: a phrase scores highly for a theme when many of
the theme's comments use it (tf, a share of the theme) and few comments elsewhere do (idf).
Phrases are matched by their stems, so "bin" and "bins" count together, and shown in the
surface form the comments used most.

The label rule: a label is a 1-3 word phrase written in the theme's comments that neither
begins nor ends with a function word (pronoun, article, preposition, auxiliary: see
analysis/text.py) and whose every content word is in at least MIN_SUPPORT of the theme's
comments (by stem). Among such phrases the best c-TF-IDF score names the theme; when no
phrase qualifies, the content word in most of the theme's comments does.
"""

from collections import Counter, defaultdict
from itertools import count

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator

from analysis.text import is_stop_phrase, phrases, stem

__all__ = ["MIN_SUPPORT", "ThemeLabeller"]

# Every content word of a label is in at least this share of the theme's comments: a label
# names what most of a theme says, not what one striking comment said.
MIN_SUPPORT = 0.4


class ThemeLabeller(BaseEstimator):
    """Name themes with class-based TF-IDF over surface phrases; names are unique.

    :param phrase_preference: when the best candidate is one word, a phrase containing it
        names the theme instead if it scores at least this share of the word's score
        (0.25 read best on CLINC150; 0.1 let in odd fragments such as "phone anymore").
    """

    def __init__(self, max_ngram=3, n_keywords=8, phrase_preference=0.25):
        self.max_ngram = max_ngram
        self.n_keywords = n_keywords
        self.phrase_preference = phrase_preference

    def fit(self, texts, labels, sample_weight=None):
        """Learn ``names_`` and ``keywords_`` (one per theme id 0..max(labels))."""
        labels = np.asarray(labels, dtype=int)
        weight = np.ones(len(labels)) if sample_weight is None else np.asarray(sample_weight)
        n_themes = int(labels.max()) + 1 if len(labels) else 0
        scores, counts, sizes = self._score(texts, labels, weight, n_themes)
        ranked = [self._rank(scores[c], counts[c], sizes[c]) for c in range(n_themes)]
        self.keywords_ = [self._keywords(r) for r in ranked]
        supported = [self._supported(counts[c], sizes[c]) for c in range(n_themes)]
        # Phrases that meet the label rule come first; the rest only to tell names apart.
        ranked = [
            [r for r in rank if r[0] in ok] + [r for r in rank if r[0] not in ok]
            for rank, ok in zip(ranked, supported, strict=True)
        ]
        names = [
            self._name(rank, ok, counts[c])
            for c, (rank, ok) in enumerate(zip(ranked, supported, strict=True))
        ]
        self.names_ = self._unique(names, ranked, sizes)
        return self

    def _supported(self, counts, size):
        """Columns whose every content word is in >= MIN_SUPPORT of the theme's comments."""
        lacking = (counts < MIN_SUPPORT * size - 1e-9).astype(float)
        missing = self.content_matrix_ @ lacking  # content words short of support, per column
        return set(np.flatnonzero((missing == 0) & self.has_content_ & (counts > 0)).tolist())

    def _score(self, texts, labels, weight, n_themes):
        """Return dense c-TF-IDF scores, phrase counts per theme and theme sizes."""
        self.vocabulary_ = {}  # stem key -> column
        surfaces = defaultdict(Counter)
        rows, cols, vals = [], [], []
        for text, label, w in zip(texts, labels, weight, strict=True):
            seen = set()
            for gram in phrases(text, self.max_ngram):
                key = tuple(stem(word) for word in gram)
                column = self.vocabulary_.setdefault(key, len(self.vocabulary_))
                surfaces[column][" ".join(gram)] += w
                seen.add(column)
            # Each comment counts a phrase once: one long comment should not name a theme.
            for column in seen:
                rows.append(label if label >= 0 else n_themes)
                cols.append(column)
                vals.append(w)
        self.keys_ = list(self.vocabulary_)  # column -> stem key
        # The surface form the comments used most; ties go to the alphabetically first.
        self.surface_ = [
            min(surfaces[c].items(), key=lambda item: (-item[1], item[0]))[0]
            for c in range(len(self.vocabulary_))
        ]
        self.content_ = self._content_columns()
        shape = (n_themes + 1, len(self.vocabulary_))  # the last row holds the no-theme -1s
        counts = sp.csr_matrix((vals, (rows, cols)), shape=shape).toarray()
        sizes = np.bincount(
            np.where(labels >= 0, labels, n_themes), weights=weight, minlength=n_themes + 1
        )
        document_frequency = counts.sum(axis=0)
        idf = np.log1p(weight.sum() / np.maximum(document_frequency, 1e-12))
        tf = counts[:n_themes] / np.maximum(sizes[:n_themes, None], 1e-12)
        return tf * idf, counts[:n_themes], sizes[:n_themes]

    def _content_columns(self):
        """For each column, the one-word columns of its content words (None if one is
        missing), so a phrase's support is read from how many comments hold each word; also
        set them as a sparse column x word matrix, for all columns at once."""
        content, rows, cols = [], [], []
        for column, key in enumerate(self.keys_):
            words = self.surface_[column].split()
            columns = [
                self.vocabulary_.get((stem_,))
                for word, stem_ in zip(words, key, strict=True)
                if not is_stop_phrase([word])
            ]
            content.append(None if None in columns else columns)
            for word_column in content[-1] or ():
                rows.append(column)
                cols.append(word_column)
        n_columns = len(self.keys_)
        self.content_matrix_ = sp.csr_matrix(
            (np.ones(len(rows)), (rows, cols)), shape=(n_columns, n_columns)
        )
        self.has_content_ = np.array([bool(c) for c in content], dtype=bool)
        return content

    def _rank(self, scores, counts, size):
        """Columns worth naming the theme, best first.

        A phrase from a single comment of a larger theme says more about that comment than
        about the theme, so it comes only after the phrases that recur.
        """
        present = np.flatnonzero(counts > 0)
        recurring = counts[present] >= 2 if size >= 2 else np.ones(len(present), bool)
        order = np.lexsort((present, -scores[present], ~recurring))
        return [(int(present[i]), float(scores[present[i]])) for i in order]

    def _keywords(self, ranked):
        """Top phrases, where a phrase replaces the single words it is made of."""
        chosen = []
        for column, _ in ranked:
            surface = self.surface_[column]
            words = set(surface.split())
            if any(words <= set(kept.split()) for kept in chosen):
                continue  # "parking" adds nothing once "parking permit" is listed
            parts = [i for i, kept in enumerate(chosen) if " " not in kept and kept in words]
            if parts:  # "parking", "permit", then "parking permit": keep only the phrase
                chosen[parts[0]] = surface
                chosen = [kept for i, kept in enumerate(chosen) if i not in parts[1:]]
            else:
                chosen.append(surface)
            if len(chosen) == self.n_keywords:
                break
        return chosen

    def _name(self, ranked, supported=None, counts=None):
        """The top phrase meeting the label rule; when it is one word, a phrase built on it.

        A phrase joining the two best words ("time zone" for "time" and "zone") reads better
        than either; failing that, a phrase holding the best word that scores at least
        ``phrase_preference`` of it ("add this song" for "song"). With no phrase meeting the
        rule, the content word in most of the theme's comments names it.
        """
        if supported is not None:
            if not supported:
                words = [c for c, _ in ranked if self.content_[c] == [c]]
                # Most comments first; ranked order (the score) breaks ties.
                if words:
                    return self.surface_[min(words, key=lambda c: -counts[c])]
            else:
                ranked = [r for r in ranked if r[0] in supported]
        if not ranked:
            return ""
        top_column, top_score = ranked[0]
        top = self.surface_[top_column]
        if " " in top:
            return top
        # Compare stems, so "calling" in a phrase counts as the word "call".
        keys = self.keys_
        second = next((c for c, _ in ranked[1:] if len(keys[c]) == 1), None)
        phrases = [(c, score) for c, score in ranked[1:] if len(keys[c]) > 1]
        if second is not None:
            for column, _ in phrases:
                if keys[top_column][0] in keys[column] and keys[second][0] in keys[column]:
                    return self.surface_[column]
        for column, score in phrases:
            if score >= self.phrase_preference * top_score and keys[top_column][0] in keys[column]:
                return self.surface_[column]
        # Two unrelated best words joined by a comma read as noise ("hotel, app"): the best
        # word alone is at least something most of the theme's comments say.
        return top

    def _unique(self, names, ranked, sizes):
        """Make names unique: the largest theme keeps a shared name, others gain a word."""
        taken = set()
        out = list(names)
        for c in sorted(range(len(names)), key=lambda c: (-sizes[c], c)):
            name = names[c]
            if name in taken or not name:
                name = self._distinguish(name, ranked[c], taken)
            taken.add(name)
            out[c] = name
        return out

    def _distinguish(self, name, ranked, taken):
        if not name and "other comments" not in taken:
            return "other comments"  # nothing but stop words and numbers to go on
        used = set(name.replace(",", " ").split())
        for column, _ in ranked:
            extra = self.surface_[column]
            if set(extra.split()) <= used or is_stop_phrase(extra.split()):
                continue
            # The theme's next phrase on its own, not glued to the shared name by a comma.
            if extra not in taken:
                return extra
        # Nothing left to tell them apart: number the repeats.
        base = name or "other comments"
        return next(f"{base} ({n})" for n in count(2) if f"{base} ({n})" not in taken)
