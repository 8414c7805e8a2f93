"""Lazy registries: a table of ``name -> "module:Class"`` whose classes are imported
only when asked for (engines, output formats and QA checks each keep one)."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from polyglot.errors import UsageError


def load_registered(registry: Mapping[str, str], name: str, what: str) -> Any:
    """The class registered under ``name`` in ``registry``, imported now; an unknown
    name is a usage error listing the choices (``what`` names the kind: "engine")."""
    try:
        target = registry[name]
    except KeyError:
        raise UsageError(
            f"unknown {what} {name!r}", f"choose one of: {', '.join(sorted(registry))}"
        ) from None
    module_name, class_name = target.split(":")
    return getattr(importlib.import_module(module_name), class_name)
