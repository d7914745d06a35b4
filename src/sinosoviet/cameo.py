"""CAMEO event codes and their Goldstein weights.

An event's `Coding` names the CAMEO code of one directed action (``"057"``, sign formal
agreement); the weight of that action on Goldstein's conflict-cooperation scale (-10 to +10)
is derived from the code, never stored with the event. The table ships with the package
(``cameo.json``): the 311 codes of the CAMEO codebook (Schrodt, version 1.1b3), with the names
and Goldstein weights of GDELT's lookup tables ``CAMEO.eventcodes.txt`` and
``CAMEO.goldsteinscale.txt`` (``CAMEO_SOURCE`` says where they were read).

    >>> from sinosoviet.cameo import cameo_code, goldstein
    >>> cameo_code("057").name
    'Sign formal agreement'
    >>> goldstein("057"), goldstein("193")
    (8.0, -10.0)
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from attrs import frozen

__all__ = ["CAMEO_SOURCE", "CameoCode", "cameo_code", "cameo_codes", "goldstein"]

_CODE: Final = re.compile(r"[0-9]{2,4}")


@frozen(kw_only=True)
class CameoCode:
    """One CAMEO event code.

    Attributes:
        code: two to four digits: the category (``"05"``), a code (``"057"``) or a sub-code
            (``"0871"``).
        name: the codebook's name for it (``"Sign formal agreement"``).
        goldstein: its weight on Goldstein's scale, from -10 (most conflictual) to +10.

    `root` is the two-digit category it belongs to (``"05"``).
    """

    code: str
    name: str
    goldstein: float

    @property
    def root(self) -> str:
        """The two-digit category of the code."""
        return self.code[:2]

    @property
    def cooperative(self) -> bool:
        """Whether the weight is positive (cooperation), as opposed to zero or negative."""
        return self.goldstein > 0


def _read_table() -> str:
    path = os.path.join(os.path.dirname(__file__), "cameo.json")
    if os.path.isfile(path):
        # The usual case, a package on disk: importlib.resources would cost imports at start-up.
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    from importlib.resources import files  # a zipped package, say

    return files("sinosoviet").joinpath("cameo.json").read_text(encoding="utf-8")


@functools.cache
def _table() -> tuple[Mapping[str, CameoCode], Mapping[str, str]]:
    raw = json.loads(_read_table())
    codes = {
        code: CameoCode(code=code, name=name, goldstein=float(weight)) for code, name, weight in raw["codes"]
    }
    return MappingProxyType(codes), MappingProxyType(dict(raw["source"]))


def cameo_codes() -> Mapping[str, CameoCode]:
    """Every CAMEO code, by code, in code order (a read-only mapping)."""
    return _table()[0]


def cameo_code(code: str) -> CameoCode:
    """The CAMEO code record for ``code``.

    Raises:
        TypeError: ``code`` is not a string.
        ValueError: ``code`` is not a CAMEO code; the message says so and quotes it.
    """
    if not isinstance(code, str):
        raise TypeError(f"a CAMEO code is a string of digits such as '057', not {type(code).__name__}")
    found = cameo_codes().get(code)
    if found is None:
        shape = "" if _CODE.fullmatch(code) else " (two to four digits, such as '057')"
        raise ValueError(f"{code!r} is not a CAMEO code{shape}")
    return found


def goldstein(code: str) -> float:
    """The Goldstein weight of a CAMEO code, from -10 to +10.

    Raises:
        TypeError: ``code`` is not a string.
        ValueError: ``code`` is not a CAMEO code.
    """
    return cameo_code(code).goldstein


#: Where the code table was read: title, file and commit, the codebook, the weights' origin.
CAMEO_SOURCE: Final[Mapping[str, str]] = MappingProxyType(
    {
        "title": "CAMEO event codes and Goldstein scale weights (GDELT lookup tables)",
        "read_in": (
            "github:mpiccirilli/UNDP-BCPR-Project, CAMEO.eventcodes.txt and CAMEO.goldsteinscale.txt,"
            " commit e009a802f0e801526a6ff9a70d452b5cecd7ccb6"
        ),
        "codebook": (
            "Philip A. Schrodt, CAMEO Conflict and Mediation Event Observations Event and Actor"
            " Codebook, version 1.1b3 (March 2012)"
        ),
        "weights": (
            "Joshua S. Goldstein, 'A Conflict-Cooperation Scale for WEIS Events Data', Journal of"
            " Conflict Resolution 36 (1992), as mapped to CAMEO codes by GDELT"
        ),
    }
)
