"""The error the store raises when a change is refused."""


class FieldError(ValueError):
    """A change was refused; the message says why in plain words, and field names the form
    field it is about (None if none)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field
