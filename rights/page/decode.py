"""Page bytes -> text, in the WHATWG order: BOM > Content-Type charset > `<meta>` prescan of the first 1024
bytes > (strict UTF-8 if the bytes are valid UTF-8) > windows-1252. The encoding used and where it came from
are recorded. NUL bytes are removed, undecodable bytes become U+FFFD. Pure."""

from __future__ import annotations

import re
from collections.abc import Mapping

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))

# WHATWG encoding labels -> Python codecs (the common ones; labels are matched lower-case).
_LABELS: dict[str, str] = {}
for _codec, _labels in {
    "utf-8": "utf-8 utf8 unicode-1-1-utf-8 unicode11utf8 unicode20utf8 x-unicode20utf8",
    "cp1252": "windows-1252 cp1252 x-cp1252 iso-8859-1 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 latin1 "
    "l1 ascii us-ascii ansi_x3.4-1968 cp819 ibm819 csisolatin1 iso-ir-100",
    "iso8859_2": "iso-8859-2 iso8859-2 iso88592 iso_8859-2 latin2 l2 csisolatin2",
    "iso8859_3": "iso-8859-3 iso8859-3 latin3 l3",
    "iso8859_4": "iso-8859-4 iso8859-4 latin4 l4",
    "iso8859_5": "iso-8859-5 iso8859-5 iso88595 cyrillic csisolatincyrillic",
    "iso8859_6": "iso-8859-6 iso8859-6 arabic",
    "iso8859_7": "iso-8859-7 iso8859-7 greek greek8",
    "iso8859_8": "iso-8859-8 iso8859-8 hebrew iso-8859-8-i visual",
    "iso8859_10": "iso-8859-10 iso8859-10 latin6",
    "iso8859_13": "iso-8859-13 iso8859-13",
    "iso8859_14": "iso-8859-14 iso8859-14",
    "iso8859_15": "iso-8859-15 iso8859-15 iso885915 latin9 latin-9 l9",
    "iso8859_16": "iso-8859-16 iso8859-16",
    "cp1254": "windows-1254 cp1254 iso-8859-9 iso8859-9 latin5 l5",
    "cp874": "windows-874 iso-8859-11 iso8859-11 tis-620 dos-874",
    "cp1250": "windows-1250 cp1250 x-cp1250",
    "cp1251": "windows-1251 cp1251 x-cp1251",
    "cp1253": "windows-1253 cp1253",
    "cp1255": "windows-1255 cp1255",
    "cp1256": "windows-1256 cp1256",
    "cp1257": "windows-1257 cp1257",
    "cp1258": "windows-1258 cp1258",
    "koi8_r": "koi8-r koi8_r koi8 cskoi8r",
    "koi8_u": "koi8-u koi8-ru",
    "cp866": "ibm866 cp866 866 csibm866",
    "mac_roman": "macintosh mac x-mac-roman csmacintosh",
    "mac_cyrillic": "x-mac-cyrillic x-mac-ukrainian",
    "gb18030": "gb18030 gbk gb2312 gb_2312 gb_2312-80 chinese csgb2312 iso-ir-58 x-gbk csiso58gb231280",
    "big5hkscs": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
    "euc_jp": "euc-jp cseucpkdfmtjapanese x-euc-jp",
    "iso2022_jp": "iso-2022-jp csiso2022jp",
    "cp932": "shift_jis shift-jis sjis ms_kanji x-sjis windows-31j csshiftjis ms932",
    "cp949": "euc-kr ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 korean windows-949 csksc56011987 cseuckr",
    "utf-16-le": "utf-16 utf-16le",
    "utf-16-be": "utf-16be",
}.items():
    for _label in _labels.split():
        _LABELS[_label] = _codec

_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.I)


def codec_for_label(label: str) -> str | None:
    """Python codec for a WHATWG encoding label, or None when the label is unknown."""
    return _LABELS.get(label.strip().lower())


def header_value(headers: Mapping[str, str] | None, name: str) -> str:
    """The value of header `name` (given in lower case), matched case-insensitively; "" when absent."""
    if not headers:
        return ""
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return ""


def decode_html(data: bytes, headers: Mapping[str, str] | None = None) -> tuple[str, str, str, list[str]]:
    """Decode page bytes. Returns (text, codec, source, warnings); source is bom|header|meta|detected|default."""
    warnings: list[str] = []
    codec, source = None, ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            codec, source, data = name, "bom", data[len(bom) :]
            break
    if codec is None:
        match = _HEADER_CHARSET.search(header_value(headers, "content-type"))
        if match:
            codec = codec_for_label(match.group(1))
            source = "header"
            if codec is None:
                warnings.append(f"unknown charset {match.group(1)!r} in Content-Type; ignored")
    if codec is None:
        meta = _META_CHARSET.search(data[:1024])
        if meta:
            label = meta.group(1).decode("ascii", "replace")
            codec = codec_for_label(label)
            if codec is not None and codec.startswith("utf-16"):
                codec = "utf-8"  # WHATWG: a <meta> cannot declare UTF-16 (the bytes would not be ASCII)
            source = "meta"
            if codec is None:
                warnings.append(f"unknown charset {label!r} in <meta>; ignored")
    if codec is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            codec, source = "cp1252", "default"
        else:
            return text.replace("\x00", ""), "utf-8", "detected", warnings
    if source == "meta" and codec in _SINGLE_BYTE_WESTERN and _is_utf8_with_multibyte(data):
        warnings.append(f"<meta> declares {codec} but the bytes are valid UTF-8; read as UTF-8")
        return data.decode("utf-8").replace("\x00", ""), "utf-8", "detected", warnings
    text = data.decode(codec, errors="replace")
    return text.replace("\x00", ""), codec, source, warnings


_SINGLE_BYTE_WESTERN = frozenset({"cp1252", "iso8859_15", "iso8859_2", "cp1250"})


def _is_utf8_with_multibyte(data: bytes) -> bool:
    """Valid UTF-8 holding at least one multi-byte sequence (a saved page whose <meta> was never updated)."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
