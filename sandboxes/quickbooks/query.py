"""The QuickBooks query language:

    SELECT * | COUNT(*) | field, ... FROM Entity
      [WHERE cond [AND cond ...]]   cond: field (= | != | < | <= | > | >=) value
                                          | field IN (value, ...) | field LIKE '%text%'
      [ORDERBY field [ASC|DESC][, ...]] [STARTPOSITION n] [MAXRESULTS n]

Keywords, entity and field names are case-insensitive; fields may be dotted
(MetaData.LastUpdatedTime); a *Ref field compares its value. Name lists answer only
active entities unless the query says something about Active, as QuickBooks does.
At most 1000 rows per query; 100 when MAXRESULTS is not given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cmp_to_key
from typing import Any

from sandboxes.quickbooks import faults
from sandboxes.quickbooks.clock import parse_time
from sandboxes.quickbooks.kinds import BY_LOWER_NAME, EntityKind

MAX_RESULTS = 1000
DEFAULT_MAX_RESULTS = 100
_TOKEN = re.compile(
    r"\s*(?:(?P<string>'(?:[^'\\]|\\.|'')*')|(?P<number>-?\d+(?:\.\d+)?)"
    r"|(?P<op><=|>=|!=|<>|=|<|>)|(?P<punct>[(),*])|(?P<word>[A-Za-z_][\w.]*))"
)


@dataclass(frozen=True)
class Condition:
    path: tuple[str, ...]
    operator: str  # = != < <= > >= IN LIKE
    values: tuple[Any, ...]


@dataclass
class Query:
    kind: EntityKind
    count: bool = False
    fields: tuple[str, ...] = ()  # empty: all
    conditions: list[Condition] = field(default_factory=list)
    order: list[tuple[tuple[str, ...], bool]] = field(default_factory=list)  # (path, desc)
    start: int = 1
    max_results: int = DEFAULT_MAX_RESULTS


def parse(text: str) -> Query:
    tokens = _tokenize(text)
    parser = _Parser(tokens, text)
    return parser.query()


def run(query: Query, entities: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Matching entities, ordered and paged (all of them for COUNT)."""
    filters_active = any(c.path[0].casefold() == "active" for c in query.conditions)
    rows = [
        entity
        for entity in entities
        if all(_matches(entity, condition) for condition in query.conditions)
        and (filters_active or not query.kind.has_active or entity.get("Active", True))
    ]
    if query.count:
        return rows
    for path, descending in reversed(query.order):  # stable sorts, last key first
        rows.sort(key=_sort_key(path), reverse=descending)
    page = rows[query.start - 1 : query.start - 1 + query.max_results]
    if query.fields:
        wanted = {name.casefold() for name in query.fields} | {"id", "synctoken"}
        page = [{k: v for k, v in row.items() if k.casefold() in wanted} for row in page]
    return page


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise _parse_error(text[position:].strip().split(" ")[0], position)
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


def _parse_error(near: str, column: int) -> faults.QuickBooksFault:
    return faults.validation(
        "4000",
        "Error parsing query",
        f'QueryParserError: Encountered "{near}" at line 1, column {column + 1}.',
    )


def _invalid(detail: str) -> faults.QuickBooksFault:
    return faults.validation("4001", "Invalid query", f"QueryValidationError: {detail}")


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], text: str) -> None:
        self.tokens = tokens
        self.position = 0
        self.text = text

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.position] if self.position < len(self.tokens) else ("end", "")

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token[0] == "end":
            raise _parse_error("<EOF>", len(self.text))
        self.position += 1
        return token

    def keyword(self, word: str) -> bool:
        kind, value = self.peek()
        if kind == "word" and value.upper() == word:
            self.position += 1
            return True
        return False

    def expect(self, word: str) -> None:
        if not self.keyword(word):
            raise _parse_error(self.peek()[1] or "<EOF>", self.position)

    def query(self) -> Query:
        self.expect("SELECT")
        count, fields = self.projection()
        self.expect("FROM")
        entity = self.take()[1]
        kind = BY_LOWER_NAME.get(entity.casefold())
        if kind is None:
            raise _invalid(f"{entity} is not a supported entity")
        query = Query(kind, count, fields)
        if self.keyword("WHERE"):
            query.conditions.append(self.condition())
            while self.keyword("AND"):
                query.conditions.append(self.condition())
        if self.keyword("ORDERBY") or (self.keyword("ORDER") and self.keyword("BY")):
            query.order.append(self.ordering())
            while self.peek() == ("punct", ","):
                self.take()
                query.order.append(self.ordering())
        if self.keyword("STARTPOSITION"):
            query.start = max(1, self.integer())
        if self.keyword("MAXRESULTS"):
            query.max_results = self.integer()
            if query.max_results > MAX_RESULTS:
                raise _invalid(f"MAXRESULTS {query.max_results} is over the limit of {MAX_RESULTS}")
        if self.peek()[0] != "end":
            raise _parse_error(self.peek()[1], self.position)
        return query

    def projection(self) -> tuple[bool, tuple[str, ...]]:
        if self.peek() == ("punct", "*"):
            self.take()
            return False, ()
        if self.keyword("COUNT"):
            for expected in ("(", "*", ")"):
                if self.take() != ("punct", expected):
                    raise _parse_error(expected, self.position)
            return True, ()
        names = [self.word()]
        while self.peek() == ("punct", ","):
            self.take()
            names.append(self.word())
        return False, tuple(names)

    def word(self) -> str:
        kind, value = self.take()
        if kind != "word":
            raise _parse_error(value, self.position)
        return value

    def integer(self) -> int:
        kind, value = self.take()
        if kind != "number" or not value.isdigit():
            raise _parse_error(value, self.position)
        return int(value)

    def condition(self) -> Condition:
        path = tuple(self.word().split("."))
        kind, operator = self.take()
        if kind == "op":
            return Condition(path, "!=" if operator == "<>" else operator, (self.value(),))
        if kind == "word" and operator.upper() == "LIKE":
            return Condition(path, "LIKE", (self.value(),))
        if kind == "word" and operator.upper() == "IN":
            if self.take() != ("punct", "("):
                raise _parse_error(operator, self.position)
            values = [self.value()]
            while self.peek() == ("punct", ","):
                self.take()
                values.append(self.value())
            if self.take() != ("punct", ")"):
                raise _parse_error(")", self.position)
            return Condition(path, "IN", tuple(values))
        raise _parse_error(operator, self.position)

    def value(self) -> Any:
        kind, value = self.take()
        if kind == "string":
            return value[1:-1].replace("\\'", "'").replace("''", "'")
        if kind == "number":
            return float(value) if "." in value else int(value)
        if kind == "word" and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise _parse_error(value, self.position)

    def ordering(self) -> tuple[tuple[str, ...], bool]:
        path = tuple(self.word().split("."))
        if self.keyword("DESC"):
            return path, True
        self.keyword("ASC")
        return path, False


def _get(entity: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = entity
    for part in path:
        if not isinstance(value, dict):
            return None
        key = next((k for k in value if k.casefold() == part.casefold()), None)
        value = value.get(key) if key is not None else None
    if isinstance(value, dict) and "value" in value:  # a *Ref compares its value
        value = value["value"]
    return value


def _normalise(value: Any) -> Any:
    """Comparable form: times as datetimes, text case-insensitive, numeric text as numbers."""
    if isinstance(value, str):
        if len(value) >= 10 and value[4:5] == "-":
            moment = parse_time(value)
            if moment is not None:
                return moment
        return value.casefold()
    return value


def _sort_key(path: tuple[str, ...]) -> Any:
    def compare(a: dict[str, Any], b: dict[str, Any]) -> int:
        return _compare(_get(a, path), _get(b, path))

    return cmp_to_key(compare)


def _compare(left: Any, right: Any) -> int:
    a, b = _normalise(left), _normalise(right)
    if a is None or b is None:
        return (a is not None) - (b is not None)
    if isinstance(a, datetime) != isinstance(b, datetime):
        a, b = str(a), str(b)
    try:
        order: int = (a > b) - (a < b)
    except TypeError:
        order = (str(a) > str(b)) - (str(a) < str(b))
    return order


def _matches(entity: dict[str, Any], condition: Condition) -> bool:
    actual = _get(entity, condition.path)
    if actual is None and condition.path[0].casefold() == "active":
        actual = True
    operator = condition.operator
    if operator == "IN":
        return any(_compare(actual, value) == 0 for value in condition.values)
    if operator == "LIKE":
        pattern = "".join(".*" if ch == "%" else re.escape(ch) for ch in str(condition.values[0]))
        return actual is not None and re.fullmatch(pattern, str(actual), re.I | re.S) is not None
    if actual is None:
        return operator == "!="
    order = _compare(actual, _coerce(actual, condition.values[0]))
    return {
        "=": order == 0, "!=": order != 0, "<": order < 0,
        "<=": order <= 0, ">": order > 0, ">=": order >= 0,
    }[operator]  # fmt: skip


def _coerce(actual: Any, wanted: Any) -> Any:
    """Compare numeric text (Ids, amounts) numerically when the other side is a number."""
    if isinstance(wanted, str) and isinstance(actual, int | float) and not isinstance(actual, bool):
        try:
            return float(wanted)
        except ValueError:
            return wanted
    return wanted
