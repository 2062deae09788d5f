"""The catalogue list's search: a substring of a model's name, family or
provider, found through an index of its three-letter pieces.

Each model keeps its search text (name, family and provider in lower case)
and the codes of every three-character piece of it (`search_grams`, a jsonb
list of integers under a GIN index; both kept by summary.py). A search of
three or more characters asks the index for the models holding all of its
pieces, then checks the substring on those few; a shorter one scans.
PostgreSQL's pg_trgm does this better, but it is an extension the embedded
server does not ship.

Both sides are made in SQL, the search's from `lower()` of what was typed
as the stored text's is, so they agree whatever the database's locale. A
piece's code is made of its three characters' code points; two pieces may
share a code, which only lets an extra model through to the substring check.
"""

from __future__ import annotations

from django.db.models import QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

from apps.catalogue.models import AIModel

MIN_INDEXED = 3


def grams_sql(text: str) -> str:
    """SQL for the codes of every three-character piece of the SQL
    expression `text`, as a jsonb list, once each."""

    def code(offset: str) -> str:
        return f"mod(ascii(substr({text}, i{offset}, 1)), 1024)"

    codes = f"{code('')} * 1048576 + {code(' + 1')} * 1024 + {code(' + 2')}"
    return (
        f"(SELECT coalesce(jsonb_agg(DISTINCT {codes}), '[]'::jsonb)"
        f" FROM generate_series(1, length({text}) - 2) AS i)"
    )


def matching(models: QuerySet[AIModel], q: str) -> QuerySet[AIModel]:
    """The models whose name, family or provider's name holds `q`, any case."""
    if len(q) >= MIN_INDEXED:
        pieces = RawSQL(grams_sql("lower(%s::text)"), [q] * 4)
        models = models.filter(search_grams__contains=pieces)
    return models.filter(search_text__contains=Lower(Value(q)))
