"""How Chinese documents number things: chapters 一、二、…, steps ①②…."""

DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1–99 in Chinese numerals, as chapters are numbered: 一, 十, 十一, 二十, 九十九."""
    if not 0 < n < 100:
        raise ValueError(f"chinese_number covers 1–99, not {n}")
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{DIGITS[tens] if tens > 1 else ''}十{DIGITS[ones] if ones else ''}"


def circled(n: int) -> str:
    """①–⑳ for 1–20, then (21), (22), …"""
    return chr(0x2460 + n - 1) if 1 <= n <= 20 else f"({n})"
