"""Chinese numerals as used in article and chapter numbers (第十二条, 第一百零三条) and in dates (二〇二四年三月五日).

Two readings, kept apart because they disagree: ``from_chinese`` reads a count written with units (一百零五,
两千), ``digits_from_chinese`` reads a number written digit by digit (a year: 二〇二四). Anything that is not
well-formed in the reading asked for is refused with ValueError, never guessed: 十十, 二二十 or 一百五 have no
single value, and 二〇二四 read with units would be 4.
"""

DIGITS = "零一二三四五六七八九"
UNITS = {"十": 10, "百": 100, "千": 1000}
_VALUES = {ch: value for value, ch in enumerate(DIGITS) if value} | {"两": 2}
_ZEROS = "零〇"
_DIGIT_BY_DIGIT = {ch: value for value, ch in enumerate(DIGITS)} | {"〇": 0, "○": 0}


def to_chinese(number):
    """Write a positive integer below 10,000 in Chinese numerals, as legal texts do."""
    if not 0 < number < 10000:
        raise ValueError(f"article numbers run from 1 to 9999, not {number}")
    parts = []
    pending_zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, value)
        if digit:
            if pending_zero:
                parts.append("零")
                pending_zero = False
            parts.append(DIGITS[digit] + unit)
        elif parts:
            pending_zero = True
    text = "".join(parts)
    # Legal texts write 十二, not 一十二, when ten leads.
    return text[1:] if text.startswith("一十") else text


def from_chinese(text):
    """Read a number below 10,000 written with units (十二, 一百零五, 两千) or in ASCII digits.

    Units fall strictly (千, 百, 十, then the last digit); a skipped unit is marked by exactly one 零 (or 〇)
    before the next digit; 十 may stand alone only at the start (十二); 两 only before 百 or 千. Raise
    ValueError naming the fault otherwise.
    """
    text = text.strip()
    if text.isdecimal():
        return int(text)
    if not text:
        raise ValueError("not a Chinese numeral: the text is empty")
    if text in _ZEROS:
        return 0

    def refuse(reason):
        return ValueError(f"malformed Chinese numeral {text!r}: {reason}")

    if len(text) > 1 and all(ch in _DIGIT_BY_DIGIT for ch in text):
        raise refuse("written digit by digit, as a year is, not with units (digits_from_chinese reads it)")
    total, previous_unit, zero, i = 0, 10000, False, 0
    while i < len(text):
        ch = text[i]
        if ch in _ZEROS:
            if zero or not total:
                raise refuse("零 stands once, between two parts")
            zero, i = True, i + 1
            continue
        if ch in _VALUES:
            digit = _VALUES[ch]
            unit = UNITS.get(text[i + 1], 0) if i + 1 < len(text) else 1
            if not unit:
                raise refuse(f"{ch} is followed by {text[i + 1]}, not by a unit")
            i += 2 if unit > 1 else 1
        elif ch == "十" and i == 0:
            digit, unit, i = 1, 10, 1
        elif ch in UNITS:
            raise refuse(f"{ch} has no digit before it")
        else:
            raise refuse(f"{ch} is not a numeral")
        if unit >= previous_unit:
            raise refuse("units must fall from 千 to 百 to 十")
        if ch == "两" and unit < 100:
            raise refuse("两 stands only before 百 or 千")
        if total and zero != (previous_unit > unit * 10):
            # 一百五 is 150 in speech and 105 to a careless reader: without its 零 it is refused, not guessed.
            raise refuse(
                "零 stands only where a unit is skipped" if zero else f"a unit is skipped before {ch}: 零 is needed"
            )
        total, previous_unit, zero = total + digit * unit, unit, False
    if zero:
        raise refuse("零 cannot end a numeral")
    return total


def digits_from_chinese(text):
    """Read a number written digit by digit (二〇二四, 二零二四) or in ASCII digits; raise ValueError if it is not."""
    text = text.strip()
    if text.isdecimal():
        return int(text)
    if not text or any(ch not in _DIGIT_BY_DIGIT for ch in text):
        raise ValueError(f"not a number written digit by digit: {text!r}")
    return int("".join(str(_DIGIT_BY_DIGIT[ch]) for ch in text))


def article_label(number):
    """Return the heading of an article, e.g. 第十二条."""
    return f"第{to_chinese(number)}条"
