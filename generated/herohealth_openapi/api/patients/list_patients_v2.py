from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.patient_v2_list import PatientV2List
from ...models.record_source import RecordSource
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    field: str | Unset = UNSET,
    search: str | Unset = UNSET,
    data_source: RecordSource | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["field"] = field

    params["search"] = search

    json_data_source: str | Unset = UNSET
    if not isinstance(data_source, Unset):
        json_data_source = data_source

    params["dataSource"] = json_data_source

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v2/patients",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PatientV2List | None:
    if response.status_code == 200:
        response_200 = PatientV2List.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PatientV2List]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    field: str | Unset = UNSET,
    search: str | Unset = UNSET,
    data_source: RecordSource | Unset = UNSET,
) -> Response[PatientV2List]:
    """List Patients (v2)

     Retrieves a list of all patients, from either the EHR or HERO.

    Args:
        field (str | Unset):
        search (str | Unset):
        data_source (RecordSource | Unset): Where patient records are read from, Hero or the EHR.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PatientV2List]
    """

    kwargs = _get_kwargs(
        field=field,
        search=search,
        data_source=data_source,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    field: str | Unset = UNSET,
    search: str | Unset = UNSET,
    data_source: RecordSource | Unset = UNSET,
) -> PatientV2List | None:
    """List Patients (v2)

     Retrieves a list of all patients, from either the EHR or HERO.

    Args:
        field (str | Unset):
        search (str | Unset):
        data_source (RecordSource | Unset): Where patient records are read from, Hero or the EHR.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PatientV2List
    """

    return sync_detailed(
        client=client,
        field=field,
        search=search,
        data_source=data_source,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    field: str | Unset = UNSET,
    search: str | Unset = UNSET,
    data_source: RecordSource | Unset = UNSET,
) -> Response[PatientV2List]:
    """List Patients (v2)

     Retrieves a list of all patients, from either the EHR or HERO.

    Args:
        field (str | Unset):
        search (str | Unset):
        data_source (RecordSource | Unset): Where patient records are read from, Hero or the EHR.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PatientV2List]
    """

    kwargs = _get_kwargs(
        field=field,
        search=search,
        data_source=data_source,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    field: str | Unset = UNSET,
    search: str | Unset = UNSET,
    data_source: RecordSource | Unset = UNSET,
) -> PatientV2List | None:
    """List Patients (v2)

     Retrieves a list of all patients, from either the EHR or HERO.

    Args:
        field (str | Unset):
        search (str | Unset):
        data_source (RecordSource | Unset): Where patient records are read from, Hero or the EHR.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PatientV2List
    """

    return (
        await asyncio_detailed(
            client=client,
            field=field,
            search=search,
            data_source=data_source,
        )
    ).parsed
