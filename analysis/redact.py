"""Personal-data redaction (in progress)."""


def redact(text):
    raise NotImplementedError
