"""The results revision of a round, and the triggers that move it on (see
`judging.models.revisions.RoundResultsRevision`). PostgreSQL and SQLite; the SQL is written here
rather than imported so that the migration never changes under later code."""

from django.db import migrations, models

TABLE = "judging_roundresultsrevision"

# For each watched table: the SELECT giving the round ids a row of it (ROW = NEW or OLD) feeds.
ROUNDS_OF = {
    "judging_score": (
        "SELECT a.round_id FROM judging_review r JOIN judging_assignment a "
        "ON a.id = r.assignment_id WHERE r.id = ROW.review_id"
    ),
    "judging_review": "SELECT a.round_id FROM judging_assignment a WHERE a.id = ROW.assignment_id",
    "judging_assignment": "SELECT ROW.round_id WHERE ROW.round_id IS NOT NULL",
    "judging_criterion": "SELECT ROW.round_id WHERE ROW.round_id IS NOT NULL",
    "judging_roundentry": "SELECT ROW.round_id WHERE ROW.round_id IS NOT NULL",
    "judging_conflict": (
        "SELECT re.round_id FROM judging_roundentry re WHERE re.entry_id = ROW.entry_id"
    ),
    # Entry references label the analysis's entries; only a change of reference counts.
    "submissions_entry": (
        "SELECT re.round_id FROM judging_roundentry re WHERE re.entry_id = ROW.id"
    ),
}


def bump(table: str, row: str) -> str:
    # INSERT ... SELECT needs its WHERE before ON CONFLICT for SQLite's parser (hence the
    # derived table with its own WHERE).
    return (
        f"INSERT INTO {TABLE} (round_id, revision) "
        f"SELECT ids.round_id, 1 FROM ({ROUNDS_OF[table].replace('ROW', row)}) AS ids(round_id) "
        f"WHERE true ON CONFLICT (round_id) DO UPDATE SET revision = {TABLE}.revision + 1"
    )


def bump_sqlite(table: str, row: str) -> str:
    # SQLite has no column list on a derived table's alias: name the column in the SELECT.
    select = ROUNDS_OF[table].replace("ROW", row)
    select = select.replace("SELECT a.round_id", "SELECT a.round_id AS round_id")
    select = select.replace("SELECT re.round_id", "SELECT re.round_id AS round_id")
    select = select.replace(f"SELECT {row}.round_id", f"SELECT {row}.round_id AS round_id")
    return (
        f"INSERT INTO {TABLE} (round_id, revision) SELECT ids.round_id, 1 FROM ({select}) AS ids "
        f"WHERE true ON CONFLICT (round_id) DO UPDATE SET revision = {TABLE}.revision + 1"
    )


def postgresql_sql() -> list[str]:
    statements = []
    for table in ROUNDS_OF:
        name = f"laurel_results_revision_{table}"
        if table == "submissions_entry":
            body = f"{bump(table, 'NEW')};"
            events = "UPDATE OF reference"
            when = "WHEN (OLD.reference IS DISTINCT FROM NEW.reference) "
        else:
            body = (
                f"IF TG_OP <> 'DELETE' THEN {bump(table, 'NEW')}; END IF; "
                f"IF TG_OP <> 'INSERT' THEN {bump(table, 'OLD')}; END IF;"
            )
            events = "INSERT OR UPDATE OR DELETE"
            when = ""
        statements.append(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {body} RETURN NULL; END $$"
        )
        statements.append(
            f"CREATE TRIGGER {name} AFTER {events} ON {table} FOR EACH ROW {when}"
            f"EXECUTE FUNCTION {name}()"
        )
    return statements


def sqlite_sql() -> list[str]:
    statements = []
    for table in ROUNDS_OF:
        name = f"laurel_results_revision_{table}"
        if table == "submissions_entry":
            statements.append(
                f"CREATE TRIGGER {name}_update AFTER UPDATE OF reference ON {table} "
                f"WHEN OLD.reference IS NOT NEW.reference "
                f"BEGIN {bump_sqlite(table, 'NEW')}; END"
            )
            continue
        statements += [
            f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} "
            f"BEGIN {bump_sqlite(table, 'NEW')}; END",
            f"CREATE TRIGGER {name}_update AFTER UPDATE ON {table} "
            f"BEGIN {bump_sqlite(table, 'NEW')}; {bump_sqlite(table, 'OLD')}; END",
            f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} "
            f"BEGIN {bump_sqlite(table, 'OLD')}; END",
        ]
    return statements


def drop_sql(vendor: str) -> list[str]:
    statements = []
    for table in ROUNDS_OF:
        name = f"laurel_results_revision_{table}"
        if vendor == "postgresql":
            statements += [
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"DROP FUNCTION IF EXISTS {name}()",
            ]
        else:
            statements += [
                f"DROP TRIGGER IF EXISTS {name}_{event}" for event in ("insert", "update", "delete")
            ]
    return statements


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = postgresql_sql()
    elif vendor == "sqlite":
        statements = sqlite_sql()
    else:
        raise RuntimeError(f"no results-revision triggers written for {vendor}")
    for statement in statements:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    for statement in drop_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("judging", "0002_names_single_line"),
        ("submissions", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="RoundResultsRevision",
            fields=[
                (
                    "round_id",
                    models.BigIntegerField(
                        primary_key=True, serialize=False, verbose_name="round"
                    ),
                ),
                ("revision", models.PositiveBigIntegerField(default=0, verbose_name="revision")),
            ],
            options={
                "verbose_name": "results revision of a round",
                "verbose_name_plural": "results revisions of rounds",
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
