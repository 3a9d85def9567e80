"""What openapi.yaml marks `deprecated: true` reaches users, from the spec alone.

The additive release deprecates an operation (getBookingDetails, with an `x-deprecation`
hint), a query parameter (searchBookings' `nhs_number`) and a body field beside its `$ref`
(createBooking's `clinic_code`). The method is decorated with PEP 702's
`@typing_extensions.deprecated`, so type checkers flag its callers and calling it warns; a
deprecated argument warns when given, naming it and never its value. Either way the request
is still sent and answered: Hero still serves what it deprecates.
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import herohealth_openapi
import pytest
from pytest_httpx import HTTPXMock

from herohealth import HeroHealth, InvalidInputError
from herohealth._generated import operation
from tests.spec_update.additive.test_new_operations import BASE, booking

DETAILS_URL = f"{BASE}/v1/booking-details/7"
SEARCH_URL = f"{BASE}/v1/bookings/search"
NHS_NUMBER = "9434765919"  # valid check digit: the domain check sdk.yaml names passes it
OPERATION_WARNING = (
    r"^booking_hca\.get_booking_details is deprecated in Hero's API description: "
    r"Use GET /v1/bookings/\{booking_id\}, which answers the same Booking\.$"
)
ARGUMENT_WARNING = (
    r"^the argument nhs_number of booking_hca\.search_bookings is deprecated "
    r"in Hero's API description$"
)
LIST_ARGUMENT_WARNING = (
    r"^the argument clinic of booking_hca\.list_bookings is deprecated in Hero's API description$"
)
CLINIC_WARNING = (
    r"^the argument clinic_code of booking_hca\.create_booking is deprecated "
    r"in Hero's API description$"
)


async def test_a_deprecated_operation_warns_at_the_call_and_is_still_sent(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(url=DETAILS_URL, json=booking())
    with pytest.warns(DeprecationWarning, match=OPERATION_WARNING) as caught:
        found = await hero.booking_hca.get_booking_details("7")
    assert found.id == "7"
    assert len(httpx_mock.get_requests()) == 1
    [warning] = caught
    assert warning.filename == __file__  # the user's line, not the SDK's


async def test_its_raw_response_method_warns_too(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=DETAILS_URL, json=booking())
    with pytest.warns(DeprecationWarning, match=OPERATION_WARNING) as caught:
        raw = await hero.booking_hca.with_raw_response.get_booking_details("7")
    assert raw.status_code == 200
    assert raw.parse().id == "7"
    assert [w.filename for w in caught] == [__file__]


async def test_its_docstring_says_deprecated_first(hero: HeroHealth) -> None:
    method = hero.booking_hca.get_booking_details
    doc = inspect.getdoc(method)
    assert doc is not None
    assert doc.splitlines()[:3] == [
        "Deprecated. Use GET /v1/bookings/{booking_id}, which answers the same Booking.",
        "",
        "Get a Booking's Details",
    ]
    # PEP 702's runtime attribute, which IDEs and linters read.
    assert method.__deprecated__.startswith("booking_hca.get_booking_details is deprecated")  # type: ignore[attr-defined]
    assert not hasattr(hero.booking_hca.get_booking, "__deprecated__")


async def test_a_deprecated_argument_warns_naming_it_never_its_value(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(json=[booking()])
    with pytest.warns(DeprecationWarning, match=ARGUMENT_WARNING) as caught:
        found = await hero.booking_hca.search_bookings(nhs_number=NHS_NUMBER, ids=["7"])
    assert [b.id for b in found] == ["7"]
    [sent] = httpx_mock.get_requests()
    assert sent.url.params["nhs_number"] == NHS_NUMBER  # still sent, as given
    [warning] = caught
    assert NHS_NUMBER not in str(warning.message)
    assert warning.filename == __file__
    assert inspect.getdoc(hero.booking_hca.search_bookings) is not None
    assert "nhs_number: Deprecated. Search by patient id" in str(
        inspect.getdoc(hero.booking_hca.search_bookings)
    )


async def test_a_paged_list_warns_once_at_the_call_not_for_each_page(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    pages = f"{BASE}/v1/bookings?page_size=1&clinic=north"
    httpx_mock.add_response(url=f"{pages}&page_index=0", json={"data": [booking()], "count": 2})
    second = booking(id="8")
    httpx_mock.add_response(url=f"{pages}&page_index=1", json={"data": [second], "count": 2})
    with pytest.warns(DeprecationWarning, match=LIST_ARGUMENT_WARNING) as caught:
        listing = hero.booking_hca.list_bookings(clinic="north", page_size=1)
    [warning] = caught  # at the call, before any page is fetched
    assert warning.filename == __file__
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a page that warned again would fail here
        assert [b.id async for b in listing] == ["7", "8"]
    assert len(httpx_mock.get_requests()) == 2  # still sent, on every page
    assert all(r.url.params["clinic"] == "north" for r in httpx_mock.get_requests())


async def test_a_field_deprecated_beside_its_ref_warns_too(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # `clinic_code: {$ref: ClinicCode, deprecated: true}`: the keyword beside the $ref counts,
    # though the schema it refers to is not deprecated.
    httpx_mock.add_response(method="POST", json=booking())
    with pytest.warns(DeprecationWarning, match=CLINIC_WARNING) as caught:
        await hero.booking_hca.create_booking(
            patient_id="1234", starts_at="2026-12-01T09:30:00Z", clinic_code="LDS01"
        )
    [sent] = httpx_mock.get_requests()
    assert json.loads(sent.content)["clinic_code"] == "LDS01"  # still sent, as given
    assert [w.filename for w in caught] == [__file__]


async def test_the_argument_warns_before_anything_is_checked_or_sent(hero: HeroHealth) -> None:
    # A value its check refuses is still named as deprecated; nothing is sent (pytest-httpx
    # fails the test on any request), and neither message holds the value.
    with (
        pytest.warns(DeprecationWarning, match=ARGUMENT_WARNING) as caught,
        pytest.raises(InvalidInputError) as refused,
    ):
        await hero.booking_hca.search_bookings(nhs_number="9434765910")
    assert refused.value.field == "nhs_number"
    assert "9434765910" not in str(refused.value)
    assert all("9434765910" not in str(w.message) for w in caught)


async def test_calls_without_anything_deprecated_warn_nothing(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(url=f"{SEARCH_URL}?ids=7", json=[booking()])
    httpx_mock.add_response(url=f"{BASE}/v1/bookings/7", json=booking())
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the call
        await hero.booking_hca.search_bookings(ids=["7"], nhs_number=None)  # None: not sent
        await hero.booking_hca.get_booking("7")
    assert len(httpx_mock.get_requests()) == 2


def test_the_operation_metadata_names_the_deprecated_arguments() -> None:
    # Generated from the spec: no hand table anywhere.
    assert operation("searchBookings").deprecated == frozenset({"nhs_number"})
    assert operation("listBookings").deprecated == frozenset({"clinic"})
    assert operation("createBooking").deprecated == frozenset({"clinic_code"})
    assert operation("getBookingDetails").deprecated == frozenset()  # the method itself warns
    assert operation("getBooking").deprecated == frozenset()


CONSUMER = """
from herohealth import HeroHealth


async def call(hero: HeroHealth) -> None:
    await hero.booking_hca.get_booking_details("7")
    await hero.booking_hca.get_booking("7")
"""


def test_type_checkers_flag_a_call_of_the_deprecated_method(tmp_path: Path) -> None:
    # mypy reports PEP 702 deprecations with `--enable-error-code deprecated` (pyright's
    # reportDeprecated does the same); the package's own modules are not what is checked.
    (tmp_path / "consumer.py").write_text(CONSUMER)
    package = Path(herohealth_openapi.__file__).parents[1]
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(  # noqa: S603 - our own interpreter's mypy, fixed arguments
        [
            *(str(Path(sys.executable).parent / "mypy"), "--strict", "--no-incremental"),
            *("--enable-error-code", "deprecated", "--follow-imports", "silent"),
            *("--no-error-summary", "consumer.py"),
        ],
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": os.pathsep.join([str(package), str(root / "src")])},
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 1, result.stdout + result.stderr
    assert errors[0].startswith("consumer.py:6: error: ")
    assert "get_booking_details is deprecated in Hero's API description" in errors[0]
    assert errors[0].endswith("[deprecated]")
