"""Exports: canonical JSON, CSV, pandas, dyad-years, TimelineJS, JSON-LD, Data Package, Parquet, graphs.

Every export takes a `Dataset`, None for the shipped data, or any iterable of records (a query
result): a selection is written with what it references (`selection`). `record_from_dict`
rebuilds a record from its JSON form. docs/export.md is the codebook of every column.

Besides the four forms below: `timeline` / `write_timeline` (TimelineJS JSON), `jsonld` /
`write_jsonld` (JSON-LD), `write_datapackage` (a Frictionless Data Package), `write_parquet` /
`to_arrow` (Parquet; the ``parquet`` extra) and `to_graph` / `write_graph` (a networkx graph;
the ``graph`` extra).

* `write_json` writes the canonical JSON files, the folder `sinosoviet.load` reads back into an
  equal dataset. It is the lossless form.
* `write_csv` writes one CSV file per record type with flat columns (see `flat_table`). A
  multi-valued field is one cell, its values joined with `SEPARATOR` (``" | "``); inside a
  value, a literal ``|`` is written ``\\|`` and a literal backslash ``\\\\``, so that
  `split_cell` always gets the values back. Dates are EDTF text plus ``_earliest`` and
  ``_latest`` columns in ISO form (blank where the end is open or unknown).
* `to_dataframes` gives the same tables as pandas DataFrames (the ``pandas`` extra), with
  tuples for multi-valued cells and datetimes for the bounds.
* `dyad_years` (and `write_dyad_years`, `dyad_years_frame`) gives one row per year of the
  China (710) – Russia/USSR (365) dyad in Correlates of War conventions, with the codes of the
  peer datasets (`peer_episodes`: COW alliances, ATOP, MID, COW wars, ICB, UCDP, rivalries);
  years outside `coverage` raise `CoverageError`.

`record_dict` is the JSON form of one record, the same as the data files hold, built without
cattrs so that the command line can print JSON without importing it.
"""

from __future__ import annotations

from sinosoviet._peers import PeerEpisode, peer_episodes
from sinosoviet.export._csv import to_dataframes, write_csv
from sinosoviet.export._datapackage import (
    DATA_LICENSE,
    DATA_SOURCES,
    FOREIGN_KEYS,
    datapackage_descriptor,
    write_datapackage,
)
from sinosoviet.export._dyads import (
    DYAD_YEAR_COLUMNS,
    CoverageError,
    DyadYear,
    coverage,
    dyad_years,
    dyad_years_frame,
    principal_periods,
    write_dyad_years,
)
from sinosoviet.export._graph import EDGE_TYPES, node_id, to_graph, write_graph
from sinosoviet.export._json import write_json
from sinosoviet.export._jsonld import ACTOR_TYPES, BASE_IRI, jsonld, write_jsonld
from sinosoviet.export._parquet import to_arrow, write_parquet
from sinosoviet.export._tables import (
    CODING_COLUMNS,
    NAME_COLUMNS,
    SCHEMES,
    SEPARATOR,
    TABLES,
    Cell,  # noqa: F401 - the type of a table cell, used in annotations
    Data,  # noqa: F401 - what every export takes, used in annotations
    coding_table,
    flat_table,
    join_cell,
    multi_valued,
    record_dict,
    record_from_dict,
    selection,
    split_cell,
)
from sinosoviet.export._timeline import timeline, write_timeline

__all__ = [
    "ACTOR_TYPES",
    "BASE_IRI",
    "CODING_COLUMNS",
    "CoverageError",
    "DATA_LICENSE",
    "DATA_SOURCES",
    "DYAD_YEAR_COLUMNS",
    "DyadYear",
    "EDGE_TYPES",
    "FOREIGN_KEYS",
    "NAME_COLUMNS",
    "PeerEpisode",
    "SCHEMES",
    "SEPARATOR",
    "TABLES",
    "coding_table",
    "coverage",
    "datapackage_descriptor",
    "dyad_years",
    "dyad_years_frame",
    "flat_table",
    "join_cell",
    "jsonld",
    "multi_valued",
    "node_id",
    "peer_episodes",
    "principal_periods",
    "record_dict",
    "record_from_dict",
    "selection",
    "split_cell",
    "timeline",
    "to_arrow",
    "to_dataframes",
    "to_graph",
    "write_csv",
    "write_datapackage",
    "write_dyad_years",
    "write_graph",
    "write_json",
    "write_jsonld",
    "write_parquet",
    "write_timeline",
]

# Document the public functions where users import them from. Classes keep their defining
# module, so that typing.get_type_hints resolves their annotations there.
for _name in __all__:
    _value = globals()[_name]
    if callable(_value) and not isinstance(_value, type) and _value.__module__.startswith(f"{__name__}."):
        _value.__module__ = __name__
del _name, _value
