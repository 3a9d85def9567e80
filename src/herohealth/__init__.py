"""Async Python SDK for the Hero Health Public API.

```python
from herohealth import HeroHealth

async with HeroHealth() as hero:  # HERO_API_KEY, HERO_PRACTICE_GROUP_ID from the environment
    patient = await hero.patients.get("1234")
```
"""

from herohealth._client import HeroHealth
from herohealth._config import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, Environment
from herohealth._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    HeroError,
    InternalServerError,
    InvalidInputError,
    MergeTokenError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    UnprocessableEntityError,
)
from herohealth._generated import (
    Attachment,
    AttachmentList,
    BillingInfo,
    DataSource,
    Identifier,
    Insurance,
    Patient,
    PatientList,
    PatientSearchField,
    PatientV2,
    PatientV2List,
    PaymentMethod,
    PaymentMethodList,
    PdsLoginRequired,
    RecordSource,
    RegisteredPatient,
    Sex,
    Title,
)
from herohealth._request import RequestOptions
from herohealth._version import __version__
from herohealth.merge import FieldChange, MergePreview
from herohealth.pagination import AsyncPaginator, Page, PaginationError

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncPaginator",
    "Attachment",
    "AttachmentList",
    "AuthenticationError",
    "BadRequestError",
    "BillingInfo",
    "ConflictError",
    "DataSource",
    "Environment",
    "FieldChange",
    "HeroError",
    "HeroHealth",
    "Identifier",
    "Insurance",
    "InternalServerError",
    "InvalidInputError",
    "MergePreview",
    "MergeTokenError",
    "NotFoundError",
    "Page",
    "PaginationError",
    "Patient",
    "PatientList",
    "PatientSearchField",
    "PatientV2",
    "PatientV2List",
    "PaymentMethod",
    "PaymentMethodList",
    "PdsLoginRequired",
    "PermissionDeniedError",
    "RateLimitError",
    "RecordSource",
    "RegisteredPatient",
    "RequestOptions",
    "ResponseValidationError",
    "Sex",
    "Title",
    "UnprocessableEntityError",
    "__version__",
]
