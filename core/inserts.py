"""Many plain rows written in one statement, for the bulk import's translated texts.

Django's bulk_create passes every value of every row through its field (pre_save, then
get_db_prep_save, then the compiler's checks for expressions): about 3 µs a value, which
made the import's translated texts and their segments, tens of thousands of rows of a few
integers and a text, cost more in Python than to write. Here the caller gives the values
as the database takes them, and what every row shares is prepared once.
"""

from django.db import connections


def insert_rows(model, names, rows, using="default", **same):
    """Insert `rows`, tuples of values for the fields `names` in the database's own form
    (integers, texts, booleans), each with the values of `same` (field name -> value,
    prepared once by its field). Nothing is returned: rows that must be read back by id
    belong in bulk_create.
    """
    if not rows:
        return
    connection = connections[using]
    opts = model._meta
    fields = [opts.get_field(name) for name in [*names, *same]]
    shared = [
        field.get_db_prep_save(field.pre_save(model(**{field.attname: value}), True), connection)
        for field, value in zip(fields[len(names) :], same.values(), strict=True)
    ]
    # Only the model's own table and column names go into the text; values are parameters.
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(opts.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One statement with a list per column, as Django's bulk_create sends them.
            lists = ", ".join(
                f"%s::{field.db_type(connection)}[]" for field in fields[: len(names)]
            )
            constants = "".join(
                f", %s::{field.db_type(connection)}" for field in fields[len(names) :]
            )
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT *{constants} FROM UNNEST({lists})",  # noqa: S608
                [*shared, *(list(column) for column in zip(*rows, strict=True))],
            )
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                [(*row, *shared) for row in rows],
            )
