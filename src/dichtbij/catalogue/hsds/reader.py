"""Reading HSDS input one object at a time: from a file (streamed) or from data.

The input is one of

* the shared dataset's wrapper ``{meta, taxonomies, taxonomy_terms, organizations,
  locations, services, service_at_locations}``;
* a JSON list of HSDS service objects;
* a single HSDS service object.

Both readers yield the same :class:`Entry` objects in input order, so the importer has
one path. The file reader never holds more than one list item (plus a read buffer) in
memory: it cuts the text with the standard library's C decoder
(:meth:`json.JSONDecoder.raw_decode`), so a catalogue of 20,000 services (~200 MB) is
read in bounded memory. Invalid JSON raises :class:`JsonSyntaxError` with the line and
column, when the reader gets there.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, NoReturn, TextIO

from django.utils.translation import gettext

from dichtbij.catalogue.hsds.constants import WRAPPER_LISTS, WRAPPER_OTHER

#: Keys only a wrapper has (a service object never has them).
_WRAPPER_ONLY: Final = frozenset(WRAPPER_LISTS) - {"service_at_locations"} | WRAPPER_OTHER
_WHITESPACE: Final = " \t\n\r"
_CHUNK: Final = 1 << 20

#: The English messages of :class:`json.JSONDecodeError`, in Dutch.
_SYNTAX_MESSAGES: Final = (
    ("Expecting value", "waarde verwacht"),
    ("Expecting ',' delimiter", "komma verwacht"),
    ("Expecting ':' delimiter", "dubbele punt verwacht"),
    (
        "Expecting property name enclosed in double quotes",
        "naam tussen dubbele aanhalingstekens verwacht",
    ),
    ("Unterminated string", "tekst zonder afsluitend aanhalingsteken"),
    ("Invalid control character", "ongeldig stuurteken in tekst"),
    ("Invalid \\uXXXX escape", "ongeldige \\u-escape"),
    ("Invalid \\escape", "ongeldige escape in tekst"),
    ("Extra data", "extra tekens na het einde"),
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One object of the input.

    ``section`` is the wrapper list it is in (``services``, ``organizations``, ...; a
    plain service or list of services counts as ``services``); ``label`` names its
    place for messages (``services[12]``, ``[3]``, ``(dienst)``).
    """

    section: str
    label: str
    value: object


@dataclass(frozen=True, slots=True)
class ShapeProblem:
    """The input is valid JSON but not in one of the accepted shapes."""

    label: str
    message: str


class JsonSyntaxError(Exception):
    """The file is not valid JSON (or not UTF-8); ``message`` is Dutch."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- From data -------------------------------------------------------------------------


def entries_from_data(data: object) -> Iterator[Entry | ShapeProblem]:
    """The entries of input that is already in memory (parsed JSON)."""
    if isinstance(data, Mapping):
        if _WRAPPER_ONLY & data.keys():
            yield from _wrapper_entries(data)
        else:
            yield Entry("services", gettext("(dienst)"), data)
    elif isinstance(data, Sequence) and not isinstance(data, str | bytes):
        for index, item in enumerate(data):
            yield Entry("services", f"[{index}]", item)
    else:
        yield _shape_problem()


def count_entries(data: object) -> int:
    """How many entries :func:`entries_from_data` yields (for progress)."""
    if isinstance(data, Mapping):
        if _WRAPPER_ONLY & data.keys():
            return sum(
                len(value) for key in WRAPPER_LISTS if isinstance(value := data.get(key), list)
            )
        return 1
    if isinstance(data, Sequence) and not isinstance(data, str | bytes):
        return len(data)
    return 0


def _wrapper_entries(data: Mapping[str, object]) -> Iterator[Entry | ShapeProblem]:
    for key, value in data.items():
        if key in WRAPPER_OTHER:
            continue
        if key not in WRAPPER_LISTS:
            yield _unknown_key(key)
        elif not isinstance(value, list):
            yield ShapeProblem(key, gettext("moet een lijst zijn"))
        else:
            for index, item in enumerate(value):
                yield Entry(key, f"{key}[{index}]", item)


def _unknown_key(key: str) -> ShapeProblem:
    return ShapeProblem(
        str(key),
        gettext("onbekend onderdeel; verwacht: %(keys)s")
        % {"keys": ", ".join(["meta", *WRAPPER_LISTS])},
    )


def _shape_problem() -> ShapeProblem:
    return ShapeProblem(
        "(bestand)",
        gettext(
            "verwacht een JSON-object (een HSDS-dienst of de sociale-kaartomslag met "
            "services) of een lijst van HSDS-diensten"
        ),
    )


# --- From a file -----------------------------------------------------------------------


class JsonStream:
    """Reads ``handle`` piece by piece; tracks line and column for messages."""

    def __init__(self, handle: TextIO, chunk_size: int = _CHUNK) -> None:
        self._handle = handle
        self._chunk = chunk_size
        self._buffer = ""
        self._pos = 0
        self._eof = False
        self._line = 1  # line number at the start of the buffer
        self._column = 0  # characters since the last newline, at the start of the buffer
        self._consumed = 0  # characters dropped from the front of the buffer
        self._decoder = json.JSONDecoder()

    @property
    def position(self) -> int:
        """Characters read and parsed so far."""
        return self._consumed + self._pos

    def entries(self) -> Iterator[Entry | ShapeProblem]:
        """The entries of the file, in order."""
        first = self._peek()
        if first == "[":
            self._pos += 1
            for index, item in enumerate(self._array_items()):
                yield Entry("services", f"[{index}]", item)
        elif first == "{":
            self._pos += 1
            yield from self._object_entries()
        elif first == "":
            raise JsonSyntaxError(gettext("het bestand is leeg"))
        else:
            self._read_value()  # raises for invalid JSON
            yield _shape_problem()
            self._end()
            return
        self._end()

    # --- Structure -----------------------------------------------------------------

    def _object_entries(self) -> Iterator[Entry | ShapeProblem]:
        is_wrapper = False
        pending: dict[str, object] = {}
        for key in self._object_keys():
            if key in _WRAPPER_ONLY:
                is_wrapper = True
            streamable = key in WRAPPER_LISTS and (is_wrapper or key != "service_at_locations")
            if streamable and self._peek() == "[":
                self._pos += 1
                for index, item in enumerate(self._array_items()):
                    yield Entry(key, f"{key}[{index}]", item)
            else:
                pending[key] = self._read_value()
        if not is_wrapper:
            yield Entry("services", gettext("(dienst)"), pending)
            return
        for key, value in pending.items():
            if key in WRAPPER_OTHER:
                continue
            if key not in WRAPPER_LISTS:
                yield _unknown_key(key)
            elif not isinstance(value, list):
                yield ShapeProblem(key, gettext("moet een lijst zijn"))
            else:
                for index, item in enumerate(value):
                    yield Entry(key, f"{key}[{index}]", item)

    def _object_keys(self) -> Iterator[str]:
        """After ``{``: each key, leaving the reader at its value; consumes ``}``."""
        if self._peek() == "}":
            self._pos += 1
            return
        while True:
            if self._peek() != '"':
                self._fail(self.position, "Expecting property name enclosed in double quotes")
            key = self._read_value()
            assert isinstance(key, str)
            self._expect(":", "Expecting ':' delimiter")
            yield key
            char = self._peek()
            self._pos += 1
            if char == "}":
                return
            if char != ",":
                self._fail(self.position - 1, "Expecting ',' delimiter")

    def _array_items(self) -> Iterator[object]:
        """After ``[``: each item; consumes ``]``."""
        if self._peek() == "]":
            self._pos += 1
            return
        while True:
            yield self._read_value()
            char = self._peek()
            self._pos += 1
            if char == "]":
                return
            if char != ",":
                self._fail(self.position - 1, "Expecting ',' delimiter")

    def _end(self) -> None:
        if self._peek() != "":
            self._fail(self.position, "Extra data")

    # --- Characters ----------------------------------------------------------------

    def _fill(self, at_least: int = 0) -> bool:
        """Read more text; False at the end of the file."""
        if self._eof:
            return False
        if self._pos > self._chunk:
            self._compact()
        try:
            text = self._handle.read(max(self._chunk, at_least))
        except UnicodeDecodeError as error:
            raise JsonSyntaxError(
                gettext("het bestand is geen geldige UTF-8-tekst (%(detail)s)")
                % {"detail": error.reason}
            ) from error
        if not text:
            self._eof = True
            return False
        self._buffer += text
        return True

    def _compact(self) -> None:
        dropped = self._buffer[: self._pos]
        newlines = dropped.count("\n")
        if newlines:
            self._line += newlines
            self._column = len(dropped) - dropped.rfind("\n") - 1
        else:
            self._column += len(dropped)
        self._consumed += self._pos
        self._buffer = self._buffer[self._pos :]
        self._pos = 0

    def _peek(self) -> str:
        """The next non-space character (not consumed), or "" at the end."""
        while True:
            buffer = self._buffer
            pos = self._pos
            while pos < len(buffer) and buffer[pos] in _WHITESPACE:
                pos += 1
            self._pos = pos
            if pos < len(buffer):
                return buffer[pos]
            if not self._fill():
                return ""

    def _expect(self, char: str, english: str) -> None:
        if self._peek() != char:
            self._fail(self.position, english)
        self._pos += 1

    def _read_value(self) -> object:
        self._peek()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as error:
                where = self._consumed + error.pos  # before _fill moves the buffer
                truncated = error.msg.startswith("Unterminated string") or (
                    error.pos >= len(self._buffer) - 32
                )
                if truncated and self._fill(at_least=len(self._buffer)):
                    continue
                self._fail(where, error.msg)
            if end >= len(self._buffer) and self._fill():
                continue  # a number or literal may go on in the next piece
            self._pos = end
            return value

    def _fail(self, position: int, english: str) -> NoReturn:
        offset = position - self._consumed
        before = self._buffer[:offset]
        newlines = before.count("\n")
        line = self._line + newlines
        column = offset - before.rfind("\n") if newlines else self._column + offset + 1
        dutch = next((nl for en, nl in _SYNTAX_MESSAGES if english.startswith(en)), english)
        raise JsonSyntaxError(
            gettext("ongeldige JSON op regel %(line)d, kolom %(column)d: %(message)s")
            % {"line": line, "column": column, "message": dutch}
        )
