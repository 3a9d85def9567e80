"""The seam: the only module that imports the generated package `herohealth_openapi`.

Everything the facade needs from `make generate`'s output passes through here, so a
regeneration that renames or removes something fails at import time, in this file.
"""

from __future__ import annotations

import functools
import inspect
import json
import traceback
from collections.abc import Callable
from types import ModuleType
from typing import Any, Generic, TypeVar, cast

import httpx
from attrs import frozen
from herohealth_openapi.api.patients import (
    connect_patient_ehr,
    get_patient,
    get_patient_billing_info,
    get_patient_v2,
    list_ehr_candidates,
    list_patient_attachments,
    list_patient_payment_methods,
    list_patients,
    list_patients_v2,
    merge_patients,
    preview_patient_merge,
    register_patient,
    register_patient_pds,
)
from herohealth_openapi.client import Client as _GeneratedClient
from herohealth_openapi.errors import UnexpectedStatus
from herohealth_openapi.models import (
    Attachment,
    AttachmentList,
    BillingInfo,
    ConnectEhrRequest,
    Identifier,
    Insurance,
    MergePreview,
    MergePreviewRequest,
    MergeRequest,
    Patient,
    PatientList,
    PatientV2,
    PatientV2List,
    PaymentMethod,
    PaymentMethodList,
    PdsLoginRequired,
    RegisteredPatient,
    RegisterPatientRequest,
    RegisterPdsByDemographics,
    RegisterPdsByNhsNumber,
)
from herohealth_openapi.models.data_source import DATA_SOURCE_VALUES, DataSource
from herohealth_openapi.models.patient_search_field import (
    PATIENT_SEARCH_FIELD_VALUES,
    PatientSearchField,
)
from herohealth_openapi.models.record_source import RECORD_SOURCE_VALUES, RecordSource
from herohealth_openapi.models.sex import SEX_VALUES, Sex
from herohealth_openapi.models.title import TITLE_VALUES, Title
from herohealth_openapi.types import UNSET, Unset

from herohealth._errors import ResponseValidationError

__all__ = [
    "DATA_SOURCE_VALUES",
    "OPERATIONS",
    "PATIENT_SEARCH_FIELD_VALUES",
    "RECORD_SOURCE_VALUES",
    "SEX_VALUES",
    "TITLE_VALUES",
    "UNSET",
    "Attachment",
    "AttachmentList",
    "BillingInfo",
    "ConnectEhrRequest",
    "DataSource",
    "Identifier",
    "Insurance",
    "MergePreview",
    "MergePreviewRequest",
    "MergeRequest",
    "Operation",
    "Patient",
    "PatientList",
    "PatientSearchField",
    "PatientV2",
    "PatientV2List",
    "PaymentMethod",
    "PaymentMethodList",
    "PdsLoginRequired",
    "RecordSource",
    "RegisterPatientRequest",
    "RegisterPdsByDemographics",
    "RegisterPdsByNhsNumber",
    "RegisteredPatient",
    "Sex",
    "Title",
    "Unset",
]

# Covariant: an operation that answers a PatientList is one that answers an Envelope.
T_co = TypeVar("T_co", covariant=True)

_GENERATED_PACKAGE = "herohealth_openapi."

# The generated parsers take a client only to read `raise_on_unexpected_status`:
# with it set, a 2xx other than the documented 200 raises instead of parsing to None.
_PARSER_CLIENT = _GeneratedClient(base_url="", raise_on_unexpected_status=True)


@frozen
class Operation(Generic[T_co]):
    """One API operation, as the facade sees it.

    `idempotent` says whether the request may be sent again after it may have
    reached Hero (a timeout, a 5xx). Operations that create or change records
    (register, merge, EHR connect) are not: sending them twice could duplicate
    a patient or merge twice. They are retried only when the SDK knows the
    request never left (a failed connect).
    """

    operation_id: str
    module: ModuleType
    idempotent: bool

    @property
    def has_body(self) -> bool:
        # The generator writes `asyncio` (parsed result) only for responses with a body.
        return hasattr(self.module, "asyncio")

    @property
    def parameters(self) -> frozenset[str]:
        """The arguments the generated request builder takes (path, query and `body`).

        The page rule reads these: an operation that declares `page_index` and
        `page_size` is paged with them (see herohealth.pagination).
        """
        return _parameter_names(self.module._get_kwargs)

    def request_kwargs(self, **arguments: Any) -> dict[str, Any]:
        """method, url (with path parameters percent-encoded), params, json, headers."""
        build = cast(Callable[..., dict[str, Any]], self.module._get_kwargs)
        return build(**arguments)

    def parse(self, response: httpx.Response) -> T_co:
        """The typed result of a 2xx response; ResponseValidationError if it does not fit."""
        if not self.has_body:
            return cast(T_co, None)
        where = f"the {self.operation_id} response"
        try:
            parsed = self.module._parse_response(client=_PARSER_CLIENT, response=response)
            return cast(T_co, parsed)
        except json.JSONDecodeError:
            raise ResponseValidationError(response, where, None, "body is not JSON") from None
        except KeyError as error:
            field = str(error.args[0]) if error.args else None
            raise ResponseValidationError(
                response, where, field, "required field missing"
            ) from None
        except (ValueError, TypeError, AttributeError) as error:
            # The generated parsers raise these for a value of the wrong type or format.
            # The original message may quote the value (patient data), so it is dropped.
            field = _failing_field(error)
            raise ResponseValidationError(response, where, field, "invalid value") from None
        except UnexpectedStatus:
            problem = f"undocumented success status {response.status_code}"
            raise ResponseValidationError(response, where, None, problem) from None


@functools.cache
def _parameter_names(build: Callable[..., Any]) -> frozenset[str]:
    # Keyed by the function, not the module: read once per list call site's builder.
    return frozenset(inspect.signature(build).parameters)


def _failing_field(error: BaseException) -> str | None:
    """The field being parsed when `error` was raised, where the traceback shows it.

    The generated `from_dict` parses a nullable or union field in a nested
    `_parse_<field>` function; the innermost such frame of the generated package
    names the field (frames of the libraries it calls, such as dateutil's own
    `_parse_digits`, do not count).
    """
    field = None
    for frame, _ in traceback.walk_tb(error.__traceback__):
        if not frame.f_globals.get("__name__", "").startswith(_GENERATED_PACKAGE):
            continue
        name = frame.f_code.co_name.removeprefix("_parse_")
        if name != frame.f_code.co_name and not name.startswith("response"):
            field = name
    return field


GET_PATIENT: Operation[Patient] = Operation("get_patient", get_patient, idempotent=True)
GET_PATIENT_V2: Operation[PatientV2] = Operation("get_patient_v2", get_patient_v2, idempotent=True)
LIST_PATIENTS: Operation[PatientList] = Operation("list_patients", list_patients, idempotent=True)
LIST_PATIENTS_V2: Operation[PatientV2List] = Operation(
    "list_patients_v2", list_patients_v2, idempotent=True
)
GET_BILLING_INFO: Operation[BillingInfo] = Operation(
    "get_patient_billing_info", get_patient_billing_info, idempotent=True
)
LIST_PAYMENT_METHODS: Operation[PaymentMethodList] = Operation(
    "list_patient_payment_methods", list_patient_payment_methods, idempotent=True
)
LIST_ATTACHMENTS: Operation[AttachmentList] = Operation(
    "list_patient_attachments", list_patient_attachments, idempotent=True
)
LIST_EHR_CANDIDATES: Operation[PatientV2List] = Operation(
    "list_ehr_candidates", list_ehr_candidates, idempotent=True
)
# A preview changes nothing; asking twice only issues another token.
PREVIEW_MERGE: Operation[MergePreview] = Operation(
    "preview_patient_merge", preview_patient_merge, idempotent=True
)
MERGE: Operation[None] = Operation("merge_patients", merge_patients, idempotent=False)
CONNECT_EHR: Operation[None] = Operation(
    "connect_patient_ehr", connect_patient_ehr, idempotent=False
)
# Register creates a patient when no match exists: a repeat could create two.
REGISTER: Operation[RegisteredPatient] = Operation(
    "register_patient", register_patient, idempotent=False
)
REGISTER_PDS: Operation[RegisteredPatient | PdsLoginRequired] = Operation(
    "register_patient_pds", register_patient_pds, idempotent=False
)

OPERATIONS: dict[str, Operation[Any]] = {
    op.operation_id: op
    for op in (
        GET_PATIENT,
        GET_PATIENT_V2,
        LIST_PATIENTS,
        LIST_PATIENTS_V2,
        GET_BILLING_INFO,
        LIST_PAYMENT_METHODS,
        LIST_ATTACHMENTS,
        LIST_EHR_CANDIDATES,
        PREVIEW_MERGE,
        MERGE,
        CONNECT_EHR,
        REGISTER,
        REGISTER_PDS,
    )
}
