from typing import Literal

KnownTitle = Literal[
    "Baron",
    "Baroness",
    "Brigadier",
    "Captain",
    "Colonel",
    "Count",
    "Countess",
    "Dame",
    "Dr",
    "The Dowager Viscountess",
]
Title = KnownTitle | str

TITLE_VALUES: set[KnownTitle] = {
    "Baron",
    "Baroness",
    "Brigadier",
    "Captain",
    "Colonel",
    "Count",
    "Countess",
    "Dame",
    "Dr",
    "The Dowager Viscountess",
}


def check_title(value: str) -> Title:
    """Accept a Title read from Hero.

    A value of the right type but outside TITLE_VALUES is one
    Hero added after this client was generated: it is returned unchanged, so a new release of
    Hero's API never breaks parsing and never loses the value. A value of the wrong type
    raises TypeError.
    """
    if not isinstance(value, str):
        raise TypeError(f"Expected str, got {type(value).__name__}")
    return value
