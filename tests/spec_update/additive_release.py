"""A simulated additive Hero release: openapi.yaml plus a new tag, field and enum value.

Written into a temporary directory by the tests (never into the checkout): a new tag
"Booking - HCA" with a paged list, a get by a patterned path id (declared on the path,
with a cookie parameter of its own), a DELETE of that path with no operationId, a POST
with a required date-time body field and an optional header, and a POST marked
`x-idempotent` (a quote, which changes nothing); a tag "Letters" whose answers are not
JSON (a PDF download, a CSV export with an example); an optional Patient field; a new
`Title` value; getBooking offers a PDF too, listed before its JSON (the SDK still reads
its JSON). Everything here is additive, so the SDK regenerated from it must
keep every guarantee for the new operations with no handwritten line.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
NEW_TITLE = "Mx"
NEW_PATIENT_FIELD = "preferred_name"

_BOOKING = {
    "type": "object",
    "required": ["id", "patient_id", "starts_at", "status"],
    "properties": {
        "id": {"type": "string", "pattern": r"^\d+$"},
        "patient_id": {"type": "string", "pattern": r"^\d+$"},
        "starts_at": {"type": "string", "format": "date-time"},
        "status": {"$ref": "#/components/schemas/BookingStatus"},
        "note": {"type": ["string", "null"]},
    },
}
_SECURED = [{"ApiKey": [], "PracticeGroupId": []}]
_TAG = ["Booking - HCA"]
LETTERS_CSV = "letter_id,subject\nL1,Referral\n"
_PDF = {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}


def _json(schema: str) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


_PATHS: dict[str, Any] = {
    "/v1/bookings": {
        "get": {
            "operationId": "listBookings",
            "tags": _TAG,
            "summary": "List Bookings",
            "description": "Bookings of the practice group, newest first.",
            "security": _SECURED,
            "parameters": [
                {"name": "page_index", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                {"name": "page_size", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                {
                    "name": "status",
                    "in": "query",
                    "schema": {"$ref": "#/components/schemas/BookingStatus"},
                },
            ],
            "responses": {"200": {"description": "Ok", **_json("BookingList")}},
        },
        "post": {
            "operationId": "createBooking",
            "tags": _TAG,
            "summary": "Create a Booking",
            "security": _SECURED,
            "parameters": [
                {
                    "name": "x-correlation-id",
                    "in": "header",
                    "description": "Echoed in Hero's logs.",
                    "schema": {"type": "string"},
                }
            ],
            "requestBody": {"required": True, **_json("CreateBookingRequest")},
            "responses": {"200": {"description": "Ok", **_json("Booking")}},
        },
    },
    "/v1/bookings/quote": {
        "post": {
            "operationId": "quoteBooking",
            "tags": _TAG,
            "summary": "Quote a Booking",
            "description": "What a booking would cost; nothing is booked.",
            "x-idempotent": True,
            "security": _SECURED,
            "requestBody": {"required": True, **_json("CreateBookingRequest")},
            "responses": {"200": {"description": "Ok", **_json("Booking")}},
        }
    },
    "/v1/bookings/{booking_id}": {
        # Declared once for both operations of the path, as OpenAPI allows.
        "parameters": [
            {
                "name": "booking_id",
                "in": "path",
                "required": True,
                "schema": {"type": "string", "pattern": r"^\d+$"},
            }
        ],
        "get": {
            "operationId": "getBooking",
            "tags": _TAG,
            "summary": "Get a Booking",
            "security": _SECURED,
            "parameters": [
                {
                    "name": "locale",
                    "in": "cookie",
                    "schema": {"type": "string", "enum": ["en-GB", "cy-GB"]},
                },
            ],
            "responses": {
                "200": {
                    "description": "Ok",
                    "content": {**_PDF, **_json("Booking")["content"]},
                }
            },
        },
        # No operationId: the SDK and FakeHero name it as the generator does,
        # `delete_v1_bookings_booking_id`.
        "delete": {
            "tags": _TAG,
            "summary": "Cancel a Booking",
            "security": _SECURED,
            "responses": {"204": {"description": "Cancelled"}},
        },
    },
    "/v1/letters/{letter_id}/pdf": {
        "get": {
            "operationId": "downloadLetter",
            "tags": ["Letters"],
            "summary": "Download a Letter as PDF",
            "security": _SECURED,
            "parameters": [
                {"name": "letter_id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "responses": {
                "200": {"description": "The letter", "content": _PDF},
                "404": {
                    "description": "No such letter",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
            },
        }
    },
    "/v1/letters/export": {
        "get": {
            "operationId": "exportLetters",
            "tags": ["Letters"],
            "summary": "Export the Letters as CSV",
            "security": _SECURED,
            "responses": {
                "200": {
                    "description": "One line per letter",
                    "content": {
                        "text/csv; charset=utf-8": {
                            "schema": {"type": "string"},
                            "example": LETTERS_CSV,
                        }
                    },
                }
            },
        }
    },
}

_SCHEMAS: dict[str, Any] = {
    "BookingStatus": {"type": "string", "enum": ["booked", "cancelled"]},
    "Booking": _BOOKING,
    "BookingList": {
        "type": "object",
        "required": ["data", "count"],
        "properties": {
            "data": {"type": "array", "items": {"$ref": "#/components/schemas/Booking"}},
            "count": {"type": "number"},
        },
    },
    "CreateBookingRequest": {
        "type": "object",
        "required": ["patient_id", "starts_at"],
        "properties": {
            "patient_id": {"type": "string", "pattern": r"^\d+$"},
            "starts_at": {"type": "string", "format": "date-time"},
            "note": {"type": "string", "maxLength": 200},
        },
    },
}


def additive_release() -> dict[str, Any]:
    """openapi.yaml with the additions above."""
    spec = copy.deepcopy(yaml.safe_load((ROOT / "openapi.yaml").read_text()))
    spec["paths"].update(copy.deepcopy(_PATHS))
    schemas = spec["components"]["schemas"]
    schemas.update(copy.deepcopy(_SCHEMAS))
    schemas["Title"]["enum"].append(NEW_TITLE)
    schemas["Patient"]["properties"][NEW_PATIENT_FIELD] = {"type": ["string", "null"]}
    return spec


def write_additive_release(directory: Path) -> Path:
    path = directory / "openapi.yaml"
    path.write_text(yaml.safe_dump(additive_release(), sort_keys=False, allow_unicode=True))
    return path
