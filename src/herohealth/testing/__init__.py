"""A fake Hero Health Public API for tests: in memory, stateful, in process or on a port.

```python
from datetime import date

from herohealth import HeroHealth
from herohealth.testing import FakeHero

fake = FakeHero()
patient_id = fake.add_patient(first_name="Ada", last_name="Lovelace", dob=date(1989, 4, 11))
async with HeroHealth(
    api_key=fake.api_key,
    practice_group_id=fake.practice_group_id,
    base_url=fake.base_url,
    http_client=fake.client(),
) as hero:
    assert (await hero.patients.get(patient_id)).first_name == "Ada"
```

It answers every operation of openapi.yaml (the copy shipped with the SDK, or
`FakeHero(spec=path)`), read at run time: the 13 Patients operations are stateful, every
other one answers a schema-valid body built from the spec, and `fake.handle(operation_id,
handler)` makes any operation the test's own (its answers checked against the spec: one
that does not fit is answered 500 and raised as `OffSpecAnswer` by `check_answers()`).

How it behaves, where Hero's reference leaves a choice (details in each module):

- Auth, from the spec's security schemes: 401 when a header (`x-api-key`,
  `x-practice-group-id`) is missing, 403 when the key is not the practice group's.
  Another group's patients, EHR records and tokens are 404s.
- Errors: a JSON body `{"message": ...}`; a 422 (a path, query, header or body value
  openapi.yaml refuses, or an invalid NHS number or date of birth) also lists
  `"errors": [{"field", "message"}]`; a body that is not JSON is a 400. An unknown or
  non-digit patient id is a 404.
- register: upsert on NHS number + dob within the group (never an archived patient).
- register_pds: by NHS number, found or created "from PDS"; by demographics, the one
  matching patient, else the `{"message", "login_url"}` answer (the fake has no Spine).
- Merge: the result is the main patient with its empty fields filled from the incoming
  one; merging archives the incoming one. A token is bound to the pair and to both
  patients' state at the preview; a stale, reused, unknown or other-pair token is a 409
  "The merge token is invalid or expired (<reason>); ...".
- Faults: `fail_next`, `delay_next`, `malform_next`, `drop_next` arm the next matching
  request(s); `requests` logs every request, headers included (never the API key).

`no_retry_waits()` makes the SDK's retries skip their waits (a context manager, decorator
or fixture helper), so a test of retrying is quick: it records what would have been waited.

Needs the `testing` extra: `pip install 'herohealth-sdk[testing]'` (starlette, uvicorn,
jsonschema, pyyaml).
"""

try:
    import jsonschema  # noqa: F401
    import starlette  # noqa: F401
    import uvicorn  # noqa: F401
    import yaml  # noqa: F401
except ImportError as error:  # pragma: no cover - depends on what is installed
    raise ImportError(
        "herohealth.testing needs the testing extra: pip install 'herohealth-sdk[testing]'"
    ) from error

from herohealth.testing._calls import Answer, FakeRequest, Handler, QueryValues, RecordedRequest
from herohealth.testing._fake import FakeHero
from herohealth.testing._faults import ConnectionDropped, MalformKind
from herohealth.testing._verdicts import OffSpecAnswer
from herohealth.testing._waits import no_retry_waits

__all__ = [
    "Answer",
    "ConnectionDropped",
    "FakeHero",
    "FakeRequest",
    "Handler",
    "MalformKind",
    "OffSpecAnswer",
    "QueryValues",
    "RecordedRequest",
    "no_retry_waits",
]
