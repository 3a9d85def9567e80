"""What a plugged handler may answer: what openapi.yaml documents for its operation.

A handler a test plugs in (`FakeHero.handle`) is the test's own code, so its answers are
checked before they are sent, as requests are (`_checks.py`), against the openapi.yaml the
fake reads at run time; the fake's own answers (the Patients operations, answers built from
the spec) are not, to keep it fast: tests check those, every operation's, by these same
checks (tests/testing/test_fake_built_in_answers.py). An answer is off spec when:

- its status is not one the operation documents (its own code, its range such as "2XX",
  or `default`), unless it is an error (4xx, 5xx): Hero answers 401, 403, 404, 422, 429
  and 5xx to any operation without documenting them, as the fake does. A status that is
  not an HTTP status (200-599) is off spec too;
- its body is not what that response documents: none where it documents no content, bytes
  where it documents a media type that is not JSON (a PDF), else JSON that validates
  against its schema (a required field missing, a wrong type, a value outside an enum...);
- its body is not JSON at all (a `datetime`, a float NaN), whatever its status.

An off-spec answer is not sent: the client gets a 500 whose `message` says what is wrong,
and the `OffSpecAnswer` is kept until `FakeHero.check_answers()` raises it (as the
`fake_hero` fixture's teardown, `with FakeHero() as fake:` and `fake.serve()` do on exit),
so the test fails even when the code under test swallowed the 500. Each message names the
operation, the status and the field, with the rule broken, never the value (it may be
patient data). `Answer(..., off_spec=True)` sends an answer unchecked, on purpose.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator

from herohealth._validation import rule_problem
from herohealth.testing._calls import Answer
from herohealth.testing._spec import Operation, Spec, is_json

_SHOWN = 3  # problems an OffSpecAnswer lists; it counts the rest


class OffSpecAnswer(AssertionError):
    """A handler plugged with `FakeHero.handle` answered what openapi.yaml does not allow.

    Attributes: `operation` (its operationId), `status` (the status the handler chose, as
    given), `problems` ((field, rule) pairs: the field a dotted path into the body such as
    `data[0].uid`, "" for the status or the body as a whole). The message names them, never
    a value. An AssertionError, so pytest reports it as a failed check.
    """

    def __init__(
        self, message: str, operation: str, status: object, problems: Sequence[tuple[str, str]]
    ) -> None:
        super().__init__(message)
        self.operation = operation
        self.status = status
        self.problems = list(problems)

    def __reduce__(self) -> tuple[Any, ...]:  # pickled whole (pytest-xdist, multiprocessing)
        return type(self), (str(self), self.operation, self.status, self.problems), self.__dict__


def off_spec_answer(
    op: Operation, status: object, problems: Sequence[tuple[str, str]]
) -> OffSpecAnswer:
    """The OffSpecAnswer for `problems`: the operation, the status, each field and rule."""
    listed = "; ".join(
        f"field {field}: {rule}" if field else rule for field, rule in problems[:_SHOWN]
    )
    if len(problems) > _SHOWN:
        listed += f"; and {len(problems) - _SHOWN} more"
    is_code = isinstance(status, int) and not isinstance(status, bool)
    shown = status if is_code else f"a status of type {type(status).__name__}"
    message = (
        f"FakeHero: the handler plugged for {op.id} ({op.method} {op.path}) answered "
        f"{shown} off spec (openapi.yaml): {listed}. Fix the handler, or send such an "
        "answer on purpose with Answer(status, body, off_spec=True)"
    )
    return OffSpecAnswer(message, op.id, status, problems)


class AnswerChecks:
    """The checks of one spec's answers, each response schema's validator built once."""

    def __init__(self, spec: Spec) -> None:
        self._spec = spec
        self._validators: dict[str, Validator] = {}

    def off_spec(self, op: Operation, reply: Answer) -> OffSpecAnswer | None:
        """Why `reply` is not an answer openapi.yaml allows `op`, or None if it is."""
        problems = list(self._problems(op, reply))
        return off_spec_answer(op, reply.status, problems) if problems else None

    def _problems(self, op: Operation, reply: Answer) -> Iterator[tuple[str, str]]:
        status, body = reply.status, reply.body
        if isinstance(status, bool) or not isinstance(status, int) or not 200 <= status <= 599:
            yield "", "its status is not an HTTP status code (an int from 200 to 599)"
            return
        if body is not None and not isinstance(body, bytes):
            try:
                json.dumps(body, allow_nan=False)
            except ValueError as error:  # NaN or infinity, or a circular reference
                holds = "refers to itself" if "ircular" in str(error) else "holds NaN or infinity"
                yield "", f"the body is not JSON (it {holds})"
                return
            except TypeError as error:  # names the type, never the value
                yield "", f"the body is not JSON ({error})"
                return
        documented = op.documented(status)
        if documented is None:
            if status < 400:
                yield "", f"the operation documents no {status} ({_statuses(op)})"
            return  # an error it does not document: Hero's own, any operation may answer it
        media = documented.media_type
        if media is None:
            if body not in (None, b""):
                yield "", f"the operation documents no content for its {status}, and it has a body"
        elif documented.schema_at is None and not is_json(media):
            if not isinstance(body, bytes):
                yield "", f"the body must be bytes: the operation documents {media} for it"
        elif isinstance(body, bytes):
            yield "", f"the body must be JSON, not bytes: the operation documents {media} for it"
        elif body is None:
            yield "", f"it has no body: the operation documents {media} for it"
        elif documented.schema_at is not None:
            validator = self._validator(documented.schema_at)
            yield from _deduplicated(_fields(validator.iter_errors(body)))

    def _validator(self, pointer: str) -> Validator:
        if pointer not in self._validators:
            self._validators[pointer] = self._spec.validator(pointer)
        return self._validators[pointer]


def _statuses(op: Operation) -> str:
    listed = sorted(op.responses)
    return f"only {', '.join(listed)}" if listed else "nor any other status"


def _fields(errors: Iterable[ValidationError]) -> Iterator[tuple[str, str]]:
    """(field, rule) for each problem, the variant that came nearest for a oneOf/anyOf."""
    for error in errors:
        leaf = best_match([error]) if error.context else error
        path = list(leaf.absolute_path)
        if leaf.validator == "required":
            names: Any = leaf.validator_value
            for name in names:
                if isinstance(leaf.instance, dict) and name not in leaf.instance:
                    yield _place([*path, name]), "is required"
        elif leaf.validator == "additionalProperties" and isinstance(leaf.instance, dict):
            named, _, rule = rule_problem(leaf).partition(": ")  # "property x: is not..."
            yield _place([*path, named.removeprefix("property ")]), rule
        else:
            yield _place(path), rule_problem(leaf)


def _place(path: Sequence[Any]) -> str:
    """A field's place in the body as the SDK's ResponseValidationError names it:
    `data[0].uid`; "body" for the body itself."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text or "body"


def _deduplicated(problems: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            yield problem
