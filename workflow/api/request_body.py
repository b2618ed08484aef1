"""Reading a JSON request body strictly: an object, known fields, the right types — or a 400/422 problem."""

from __future__ import annotations

from typing import Any

from flask import request

from workflow.services.errors import InvalidInput

INT_LIMIT = 2**31 - 1  # every integer the API stores or looks up fits a 32-bit database column
_TYPES = {"string": str, "integer": int, "boolean": bool, "object": dict, "array": list}


def json_body(schema: dict[str, Any]) -> dict[str, Any]:
    """The request's JSON object, checked against ``schema``'s required fields and simple types.

    :raise InvalidInput: for a missing or non-object body, a missing required field or a wrong type.
    """
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise InvalidInput("Send a JSON object with Content-Type: application/json.")
    errors: dict[str, str] = {}
    for name in schema.get("required", []):
        if name not in data or data[name] is None:
            errors[name] = "Required."
    for name, spec in schema.get("properties", {}).items():
        if name not in data or data[name] is None:
            continue
        wanted = spec.get("type")
        kinds = wanted if isinstance(wanted, list) else [wanted]
        python_types = tuple(_TYPES[k] for k in kinds if k in _TYPES)
        value = data[name]
        if python_types and (
            not isinstance(value, python_types) or (isinstance(value, bool) and bool not in python_types)
        ):
            errors[name] = f"Must be of type {' or '.join(k for k in kinds if k != 'null')}."
        elif "enum" in spec and value not in spec["enum"]:
            errors[name] = "Must be one of: " + ", ".join(spec["enum"]) + "."
        elif isinstance(value, int) and not isinstance(value, bool):
            too_small = value < spec.get("minimum", -INT_LIMIT)
            if too_small or value > spec.get("maximum", INT_LIMIT):
                errors[name] = "Out of range."
        elif isinstance(value, str) and "maxLength" in spec and len(value) > spec["maxLength"]:
            errors[name] = f"At most {spec['maxLength']} characters."
    if errors:
        raise InvalidInput("The request body is invalid.", errors=errors)
    return data
