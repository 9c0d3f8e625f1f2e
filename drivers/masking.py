"""The masking rules for personal data, at the bottom layer so every layer uses the same ones.

    mask_id_number("510104199001011234") -> "510***********1234"
    mask_name("张三")                     -> "张*"
    mask_phone("13812345678")            -> "138****5678"
    mask_address("湖北省襄阳市保康县…")     -> "湖北省襄阳市****"
    mask_birth_date("1958-03-12")        -> "1958-**-**"

The ID card reader's `IdentityCard.mask()` and the kiosk's `kiosk.masking` (screens, paper and
logs) both apply these, so there is one copy of the rules. Nothing here knows where the text
came from.
"""

from __future__ import annotations


def keep_ends(text: str, head: int = 3, tail: int = 4) -> str:
    """Keep `head` characters at the start and `tail` at the end; star the rest."""
    text = text.strip()
    if len(text) <= head + tail:
        return "*" * len(text)
    return text[:head] + "*" * (len(text) - head - tail) + text[-tail:]


def mask_id_number(number: str) -> str:
    """Keep the first 3 and last 4 characters: `510***********1234`."""
    return keep_ends(number)


def mask_name(name: str) -> str:
    """Keep the first character of a Chinese name (`张*`), or each word's initial (`Z*** S**`)."""
    name = name.strip()
    if not name:
        return ""
    if " " in name or name.isascii():
        return " ".join(word[0] + "*" * (len(word) - 1) for word in name.split())
    return name[0] + "*" * (len(name) - 1)


def mask_phone(phone: str) -> str:
    """Keep the first 3 and last 4 digits: `138****5678`."""
    return keep_ends(phone)


def mask_address(address: str) -> str:
    """Keep the first six characters (province and city, roughly) and hide the rest."""
    address = address.strip()
    return address[:6] + "****" if len(address) > 6 else "****"


def mask_document_number(number: str) -> str:
    """A travel-permit or card number: its first and last two characters, `H0*****56`."""
    return keep_ends(number, head=2, tail=2)


def mask_birth_date(iso_date: str) -> str:
    """Keep the year only: `1958-**-**`. With the masked ID number's kept ends, a full birth
    date would give away all but three digits of the number."""
    return iso_date[:4] + "-**-**" if len(iso_date) >= 4 else "****-**-**"
