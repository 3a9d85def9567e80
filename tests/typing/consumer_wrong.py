"""Mistakes a user could make with the installed `herohealth` wheel: `mypy --strict` must flag
exactly the lines marked `# E: <part of mypy's message>`, and no other line. pyright in strict
mode must flag the same lines, and no other (in its own words: only the lines are compared).

Checked with consumer_ok.py by tests/typing/test_consumer_typing.py; never run.
"""

from typing import Any

from herohealth import NULL, HeroHealth, KnownSex, NotFoundError, Page, Patient
from herohealth.testing import Answer, FakeHero, FakeRequest, RecordedRequest, no_retry_waits


async def mistakes(hero: HeroHealth) -> None:
    await hero.patients.get(1234)  # E: incompatible type "int"; expected "str"
    await hero.patients.list(search=NULL)  # E: incompatible type "Null"; expected "str | None"
    patient = await hero.patients.get("1")
    bad: int = patient.id  # E: expression has type "str", variable has type "int"
    name: str = patient.first_name  # E: "str | Unset | None", variable has type "str"
    await hero.patients.register(
        first_name="Ada",
        last_name="Lovelace",
        dob="1989-04-11",
        mobile="1",
        sex="Man",  # E: Argument "sex" to "register" of "PatientsResource" has incompatible type
    )
    sex: KnownSex = "Man"  # E: Incompatible types in assignment
    raw = await hero.patients.with_raw_response.get("1")
    raw_id: int = raw.parse().id  # E: expression has type "str", variable has type "int"
    await hero.patients.fetch("1")  # E: has no attribute "fetch"
    await hero.patients.get("1", timeot=3)  # E: Unexpected keyword argument "timeot"
    # Hero does not page Patients lists: page_size is for lists whose operation declares it.
    hero.patients.list(page_size=50)  # E: Unexpected keyword argument "page_size"
    hero.with_options(timeot=3)  # E: Unexpected keyword argument "timeot"
    await hero.patients.get("1", max_retries="2")  # E: incompatible type "str"; expected "int"
    await hero.patients.get("1", total_timeout="9")  # E: type "str"; expected "float | None"
    await hero.patients.get("1", extra_body=["x"])  # E: expected "Mapping[str, object]"
    HeroHealth(timeout="5")  # E: incompatible type "str"; expected "float | Timeout"

    patients: list[Patient] = await hero.patients.list()  # E: "Page[Patient]", variable has type
    not_awaited: Page[Patient] = hero.patients.list()  # E: "AsyncPaginator[Patient]", variable
    print(hero.patients.list().data)  # E: "AsyncPaginator[Patient]" has no attribute "data"
    unawaited: Patient = hero.patients.get("1")  # E: "Coroutine[Any, Any, Patient]", variable

    await hero.patients.register(  # E: Missing named argument "dob"
        first_name="Ada", last_name="Lovelace", mobile="07700900123"
    )
    # A PDS trace is by NHS number or by demographics (the body's oneOf), never both.
    await hero.patients.register_pds(  # E: No overload variant of "register_pds"
        dob="1989-04-11", nhs_number="9434765919", postcode="LS6 3AA"
    )
    await hero.patients.with_raw_response.register_pds(  # E: No overload variant matches
        dob="1989-04-11", postcode="LS6 3AA", forename="Ada"
    )

    try:
        await hero.patients.get("1")
    except NotFoundError as error:
        request_id: str = error.request_id  # E: "str | None", variable has type "str"
        print(bad, name, sex, raw_id, patients, not_awaited, unawaited, request_id)


# ---- a user's tests, on herohealth.testing ----------------------------------------------


def by_id(booking_id: str) -> dict[str, Any]:  # takes an id, not the FakeRequest
    return {"id": booking_id}


def slow_down(request: FakeRequest) -> Answer:
    return Answer(429, {"message": "Slow down"}, headers={"retry-after": 5})  # E: "str": "int"


def booked(request: FakeRequest) -> Answer:
    return Answer(200, {"data": [], "count": 0}, offspec=True)  # E: keyword argument "offspec"


def not_found(request: FakeRequest) -> Answer:
    return Answer("404", {"message": "No booking"})  # E: type "str"; expected "int"


@no_retry_waits  # E: Too many arguments for "no_retry_waits"
async def test_gives_up(hero: HeroHealth) -> None: ...


@no_retry_waits()
async def test_retries(fake_hero: FakeHero, hero: HeroHealth) -> None: ...


async def fake_mistakes(fake_hero: FakeHero, hero: HeroHealth) -> None:
    FakeHero("pg-2")  # E: Too many positional arguments for "FakeHero"
    fake_hero.handle(booked)  # E: Missing positional argument "handler" in call to "handle"
    fake_hero.handle("getBooking", by_id)  # E: Argument 2 to "handle" of "FakeHero" has
    fake_hero.add_patient(first_name="Ada", last_name="Lovelace")  # E: Missing named argument
    await fake_hero.patient("1")  # E: Incompatible types in "await"
    fake_hero.fail_next(status="503")  # E: Argument "status" to "fail_next" of "FakeHero"
    fake_hero.malform_next("truncated")  # E: incompatible type "Literal['truncated']"
    with fake_hero.serve():  # E: has no attribute "__enter__"; maybe "__aenter__"?
        print("serving")
    fake_hero.check_answer()  # E: "FakeHero" has no attribute "check_answer"
    last = fake_hero.requests[-1]
    status: int = last.status  # E: "int | None", variable has type "int"
    ids: list[int] = last.query.getlist("ids")  # E: type "list[str]", variable has type
    last.headers["x-trace"] = "1"  # E: Unsupported target for indexed assignment
    RecordedRequest(
        "GET",
        "/v1/patients",
        {"ids": [1, 2]},  # E: Argument 3 to "RecordedRequest" has incompatible type
        None,
        200,
        "pg-1",
        "list_patients",
        "fake-1",
    )
    await test_retries(hero, fake_hero)  # E: Argument 1 to "test_retries" has incompatible
    print(status, ids)
