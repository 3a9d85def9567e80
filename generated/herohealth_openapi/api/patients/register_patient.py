from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.register_patient_request import RegisterPatientRequest
from ...models.registered_patient import RegisteredPatient
from ...types import Response


def _get_kwargs(
    *,
    body: RegisterPatientRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/patients/register",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> RegisteredPatient | None:
    if response.status_code == 200:
        response_200 = RegisteredPatient.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[RegisteredPatient]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterPatientRequest,
) -> Response[RegisteredPatient]:
    """Register a Patient

     Create or update a patient based on the data sent. If a patient with matching NHS number and DOB
    exists for the practice group, it will be updated. Otherwise, a new patient record is created.

    Args:
        body (RegisterPatientRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RegisteredPatient]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterPatientRequest,
) -> RegisteredPatient | None:
    """Register a Patient

     Create or update a patient based on the data sent. If a patient with matching NHS number and DOB
    exists for the practice group, it will be updated. Otherwise, a new patient record is created.

    Args:
        body (RegisterPatientRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RegisteredPatient
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterPatientRequest,
) -> Response[RegisteredPatient]:
    """Register a Patient

     Create or update a patient based on the data sent. If a patient with matching NHS number and DOB
    exists for the practice group, it will be updated. Otherwise, a new patient record is created.

    Args:
        body (RegisterPatientRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RegisteredPatient]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterPatientRequest,
) -> RegisteredPatient | None:
    """Register a Patient

     Create or update a patient based on the data sent. If a patient with matching NHS number and DOB
    exists for the practice group, it will be updated. Otherwise, a new patient record is created.

    Args:
        body (RegisterPatientRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RegisteredPatient
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
