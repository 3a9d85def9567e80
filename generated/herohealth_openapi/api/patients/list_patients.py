from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.patient_list import PatientList
from ...models.patient_search_field import (
    PatientSearchField,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    field: PatientSearchField | Unset = UNSET,
    search: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_field: str | Unset = UNSET
    if not isinstance(field, Unset):
        json_field = field

    params["field"] = json_field

    params["search"] = search

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/patients",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PatientList | None:
    if response.status_code == 200:
        response_200 = PatientList.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PatientList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    field: PatientSearchField | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Response[PatientList]:
    """List Patients

     Retrieves a list of all patients.

    Args:
        field (PatientSearchField | Unset): The patient field that `search` is matched against.
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PatientList]
    """

    kwargs = _get_kwargs(
        field=field,
        search=search,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    field: PatientSearchField | Unset = UNSET,
    search: str | Unset = UNSET,
) -> PatientList | None:
    """List Patients

     Retrieves a list of all patients.

    Args:
        field (PatientSearchField | Unset): The patient field that `search` is matched against.
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PatientList
    """

    return sync_detailed(
        client=client,
        field=field,
        search=search,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    field: PatientSearchField | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Response[PatientList]:
    """List Patients

     Retrieves a list of all patients.

    Args:
        field (PatientSearchField | Unset): The patient field that `search` is matched against.
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PatientList]
    """

    kwargs = _get_kwargs(
        field=field,
        search=search,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    field: PatientSearchField | Unset = UNSET,
    search: str | Unset = UNSET,
) -> PatientList | None:
    """List Patients

     Retrieves a list of all patients.

    Args:
        field (PatientSearchField | Unset): The patient field that `search` is matched against.
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PatientList
    """

    return (
        await asyncio_detailed(
            client=client,
            field=field,
            search=search,
        )
    ).parsed
