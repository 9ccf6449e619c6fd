"""German text helpers shared by search features."""

import unicodedata

_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(text: str) -> str:
    """Lower-case with umlauts spelled out, so »Lünen« and »Luenen« compare equal."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_SPELLED_OUT)
    # Other accents (é, ł …) lose their marks.
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def search_key(text: str) -> str:
    """Every spelling a person might type: »Mönchengladbach« → moenchengladbach monchengladbach."""
    spelled_out = fold(text)
    stripped = "".join(
        char
        for char in unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
        if not unicodedata.combining(char)
    )
    return spelled_out if stripped == spelled_out else f"{spelled_out} {stripped}"


def whole_number(text: str | None, *, max_digits: int = 18) -> int | None:
    """The number a text of ASCII digits stands for, else None. Unlike `str.isdigit`, which
    also accepts »²« or »①« (where `int()` then fails), and without a length that overflows
    a database integer."""
    if not text or len(text) > max_digits or not (text.isascii() and text.isdigit()):
        return None
    return int(text)
