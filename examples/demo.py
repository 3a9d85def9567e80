"""The SDK end to end, on a fake Hero served on this machine's loopback port.

Run it with `make demo`. No credentials and no Hero host: `herohealth.testing.FakeHero`
plays Hero, and everything below goes through the public SDK over real HTTP.
"""

from __future__ import annotations

import asyncio
from datetime import date

from herohealth import HeroHealth, InvalidInputError, MergePreview, NotFoundError, Patient
from herohealth.testing import FakeHero


def show(title: str) -> None:
    print(f"\n== {title}")


def table(patients: list[Patient]) -> None:
    print(f"{'id':>4}  {'name':<20} {'born':<10}  {'NHS number':<10}  status")
    for p in patients:
        name = f"{p.first_name} {p.last_name}"
        born = p.dob.date().isoformat() if p.dob else "-"
        print(f"{p.id:>4}  {name:<20} {born:<10}  {p.nhs_number or '-':<10}  {p.status}")


async def run(hero: HeroHealth) -> None:
    """What a clinic's service would do with the SDK."""
    show("Register three patients (one of them twice, as two records)")
    ada = await hero.patients.register(
        first_name="Ada", last_name="Lovelace", dob=date(1989, 4, 11),
        mobile="07700900001", nhs_number="943 476 5919",
    )  # fmt: skip
    await hero.patients.register(
        first_name="Alan", last_name="Turing", dob=date(1954, 6, 7),
        mobile="07700900002", nhs_number="9434765005",
    )  # fmt: skip
    duplicate = await hero.patients.register(
        first_name="Ada", last_name="Lovelace", dob=date(1989, 4, 11),
        mobile="07700900003", email="ada@example.org", town="London",
    )  # fmt: skip
    print(f"registered ids {ada.patient_id}, ..., {duplicate.patient_id}")

    show("List them (an AsyncPaginator: one request per page, items as they come)")
    table([patient async for patient in hero.patients.list()])
    page = await hero.patients.list(field="nhs_number", search="9434765919")
    print(f"search by NHS number: {len(page.data)} of {page.count}: {page.data[0].first_name}")

    show("Preview merging the duplicate into Ada's record")

    def confirm(preview: MergePreview) -> bool:
        for change in preview.changes:
            print(f"  {change.name:<16} {change.old!s:<18} -> {change.new}")
        print("  (a clinician would confirm here; the demo says yes)")
        return True

    merged = await hero.patients.merge_patients(
        ada.patient_id, duplicate.patient_id, confirm=confirm
    )
    print(f"merged: {merged is not None}")

    show("After the merge")
    table(
        [
            await hero.patients.get(ada.patient_id),
            await hero.patients.get(duplicate.patient_id),
        ]
    )

    show("Typed errors")
    try:
        await hero.patients.get("999999")
    except NotFoundError as error:
        print(f"NotFoundError: {error.status_code}, request id {error.request_id}")
    try:
        await hero.patients.register_pds(nhs_number="943 476 5918", dob=date(1989, 4, 11))
    except InvalidInputError as error:
        print(f"InvalidInputError (nothing sent): {error.field}: {error.problem}")


async def main() -> None:
    fake = FakeHero()
    async with (
        fake.serve() as base_url,
        HeroHealth(
            api_key=fake.api_key, practice_group_id=fake.practice_group_id, base_url=base_url
        ) as hero,
    ):
        print(f"Fake Hero listening on {base_url}")
        await run(hero)


if __name__ == "__main__":
    asyncio.run(main())
