"""Bounded decoding of response bodies: gzip, deflate and brotli bombs never expand in memory.

httpx's own decoders call `decompress()` with no output limit (a 1.6 KB brotli body came out as one 1 GiB
chunk), so bodies are read raw and decoded here in steps of at most 64 KiB of output, counting decoded bytes
as they appear and stopping at the limit. The raw byte count is capped too (an endless body).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from typing import Protocol

import brotli

STEP = 64 * 1024


class TooLargeError(Exception):
    """The body (raw or decoded) went past the size limit."""


class BadEncodingError(Exception):
    """The Content-Encoding is unknown, or the body is not what it claims to be."""


class Decoder(Protocol):
    def feed(self, data: bytes) -> Iterator[bytes]: ...

    def flush(self) -> Iterator[bytes]: ...


class ZlibDecoder:
    """gzip (multi-member), zlib-wrapped deflate, or raw deflate (sniffed from the first bytes)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._obj: zlib._Decompress | None = None

    def _start(self, data: bytes) -> zlib._Decompress:
        if self.kind == "gzip":
            wbits = 31
        else:  # "deflate" should be zlib-wrapped; some servers send it raw
            wrapped = len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
            wbits = 15 if wrapped else -15
        return zlib.decompressobj(wbits)

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            while data:
                if self._obj is None:
                    self._obj = self._start(data)
                obj = self._obj
                yield from self._drain(obj, data)
                data = b""
                if obj.eof and obj.unused_data:
                    if self.kind != "gzip" or obj.unused_data[:2] != b"\x1f\x8b":
                        return  # trailing garbage after the stream: ignore it
                    data, self._obj = obj.unused_data, None  # the next gzip member
        except zlib.error as exc:
            raise BadEncodingError(f"{self.kind} data is corrupt ({exc})") from exc

    @staticmethod
    def _drain(obj: zlib._Decompress, data: bytes) -> Iterator[bytes]:
        while True:
            out = obj.decompress(data, STEP)
            data = obj.unconsumed_tail
            if out:
                yield out
            elif not data:
                return

    def flush(self) -> Iterator[bytes]:
        if self._obj is None:
            return
        try:
            yield from self._drain(self._obj, b"")
        except zlib.error as exc:
            raise BadEncodingError(f"{self.kind} data is corrupt ({exc})") from exc
        if not self._obj.eof:
            raise BadEncodingError(f"{self.kind} stream ends early")


class BrotliDecoder:
    """brotli with `output_buffer_limit`: never more than STEP bytes out per call."""

    def __init__(self) -> None:
        self._obj = brotli.Decompressor()

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            out = self._obj.process(data, output_buffer_limit=STEP)
            if out:
                yield out
            while not self._obj.can_accept_more_data():
                out = self._obj.process(b"", output_buffer_limit=STEP)
                if not out:
                    return
                yield out
        except brotli.error as exc:
            raise BadEncodingError(f"br data is corrupt ({exc})") from exc

    def flush(self) -> Iterator[bytes]:
        try:
            while not self._obj.is_finished():
                out = self._obj.process(b"", output_buffer_limit=STEP)
                if not out:
                    raise BadEncodingError("br stream ends early")
                yield out
        except brotli.error as exc:
            raise BadEncodingError(f"br data is corrupt ({exc})") from exc


def decoders_for(content_encoding: str | None) -> list[Decoder]:
    """Decoders in the order to apply them (the reverse of the order the server applied the codings)."""
    names = [n.strip().lower() for n in (content_encoding or "").split(",") if n.strip()]
    chain: list[Decoder] = []
    for name in reversed(names):
        if name in ("identity", ""):
            continue
        if name in ("gzip", "x-gzip"):
            chain.append(ZlibDecoder("gzip"))
        elif name == "deflate":
            chain.append(ZlibDecoder("deflate"))
        elif name == "br":
            chain.append(BrotliDecoder())
        else:
            raise BadEncodingError(f"unsupported Content-Encoding {name!r}")
    return chain


class BodyReader:
    """Accumulates a body: raw bytes in, decoded bytes counted, `TooLargeError` past `max_bytes`.

    With `truncate=True` the reader keeps the first `max_bytes` decoded bytes and sets `truncated` instead
    of raising (robots.txt: parse the prefix).
    """

    def __init__(self, content_encoding: str | None, max_bytes: int, *, truncate: bool = False) -> None:
        self.decoders = decoders_for(content_encoding)
        self.max_bytes = max_bytes
        self.truncate = truncate
        self.truncated = False
        self.raw_bytes = 0
        self.size = 0
        self._parts: list[bytes] = []

    def feed(self, raw: bytes) -> None:
        if self.truncated:
            return
        self.raw_bytes += len(raw)
        if self.decoders and self.raw_bytes > self.max_bytes and not self.truncate:
            raise TooLargeError(f"more than {self.max_bytes} bytes on the wire")
        for piece in _through(self.decoders, [raw]):
            self._add(piece)
            if self.truncated:
                return

    def _add(self, piece: bytes) -> None:
        room = self.max_bytes - self.size
        if len(piece) > room:
            if not self.truncate:
                raise TooLargeError(f"more than {self.max_bytes} bytes once decoded")
            piece, self.truncated = piece[:room], True
        self.size += len(piece)
        self._parts.append(piece)

    def finish(self) -> bytes:
        if not self.truncated:
            for index, decoder in enumerate(self.decoders):
                for piece in _through(self.decoders[index + 1 :], decoder.flush()):
                    self._add(piece)
                    if self.truncated:
                        break
        return b"".join(self._parts)


def _through(decoders: list[Decoder], pieces: Iterable[bytes]) -> Iterator[bytes]:
    stream: Iterable[bytes] = pieces
    for decoder in decoders:
        stream = _pipe(decoder, stream)
    return iter(stream)


def _pipe(decoder: Decoder, stream: Iterable[bytes]) -> Iterator[bytes]:
    for chunk in stream:
        yield from decoder.feed(chunk)


def decode_bounded(data: bytes, content_encoding: str | None, max_bytes: int) -> bytes:
    """Decode a whole body at once, under the same limits (sitemaps served as `.xml.gz` files)."""
    reader = BodyReader(content_encoding, max_bytes)
    for start in range(0, len(data), STEP):
        reader.feed(data[start : start + STEP])
    return reader.finish()
