from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.patient_v2 import PatientV2
from ...models.record_source import RecordSource
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    data_source: RecordSource | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_data_source: str | Unset = UNSET
    if not isinstance(data_source, Unset):
        json_data_source = data_source

    params["data_source"] = json_data_source

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v2/patients/{id}".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PatientV2 | None:
    if response.status_code == 200:
        response_200 = PatientV2.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PatientV2]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    data_source: RecordSource | Unset = UNSET,
) -> Response[PatientV2]:
    """Get a Patient

     Retrieve patient information.

    Args:
        id (str):
        data_source (RecordSource | Unset): Where patient records are read from, Hero or the EHR.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PatientV2]
    """

    kwargs = _get_kwargs(
        id=id,
        data_source=data_source,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    data_source: RecordSource | Unset = UNSET,
) -> PatientV2 | None:
    """Get a Patient

     Retrieve patient information.

    Args:
        id (str):
        data_source (RecordSource | Unset): Where patient records are read from, Hero or the EHR.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PatientV2
    """

    return sync_detailed(
        id=id,
        client=client,
        data_source=data_source,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    data_source: RecordSource | Unset = UNSET,
) -> Response[PatientV2]:
    """Get a Patient

     Retrieve patient information.

    Args:
        id (str):
        data_source (RecordSource | Unset): Where patient records are read from, Hero or the EHR.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PatientV2]
    """

    kwargs = _get_kwargs(
        id=id,
        data_source=data_source,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    data_source: RecordSource | Unset = UNSET,
) -> PatientV2 | None:
    """Get a Patient

     Retrieve patient information.

    Args:
        id (str):
        data_source (RecordSource | Unset): Where patient records are read from, Hero or the EHR.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PatientV2
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            data_source=data_source,
        )
    ).parsed
