"""Every service that locks rows opens its own transaction.

`select_for_update` outside a transaction is an error on PostgreSQL, but tests that run inside
a test transaction (and SQLite, which ignores the lock) never see it: a decorator lost in a
refactor once turned closing a round into a 500 in production mode only. This reads each
service module and asks that a public function which locks also says `transaction.atomic`.
"""

import importlib
import inspect
import pkgutil

from django.apps import apps

# Locks taken on behalf of a caller that already holds the transaction (each says so).
CALLER_HOLDS_THE_TRANSACTION = {
    "submissions.services.locks.entry_lock",
    "submissions.services.locks.entries_owned_count",
    "submissions.services.locks.entry_number_assign",
    "judging.services.ballots.ballot_review_lock",
    "publishing.services.drafts.winner_drafts_sync",
}


def _service_functions():
    for config in apps.get_app_configs():
        if "site-packages" in config.path:
            continue
        try:
            package = importlib.import_module(f"{config.name}.services")
        except ModuleNotFoundError:
            continue
        modules = [package]
        if hasattr(package, "__path__"):
            modules += [
                importlib.import_module(f"{package.__name__}.{info.name}")
                for info in pkgutil.iter_modules(package.__path__)
            ]
        for module in modules:
            for name, function in inspect.getmembers(module, inspect.isfunction):
                if function.__module__ == module.__name__ and not name.startswith("_"):
                    yield f"{module.__name__}.{name}", function


def test_every_locking_service_opens_its_transaction():
    unguarded = [
        name
        for name, function in _service_functions()
        if "select_for_update" in inspect.getsource(function)
        and "transaction.atomic" not in inspect.getsource(function)
        and name not in CALLER_HOLDS_THE_TRANSACTION
    ]

    assert unguarded == []
