"""Theme finding (in progress)."""


def find_themes(texts, *, n_themes=None, random_state=0):
    raise NotImplementedError
