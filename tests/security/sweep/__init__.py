"""Route-sweep tables kept per app, so that each capability states who may open its pages.

Each module here may define:
- ``ROUTES``: route name -> (kwargs from the world's objects, expected GET status for each role),
- ``POST_ALLOWED``: route name -> the roles that may POST to it,
- ``world_extend(world)``: adds the objects its routes need to ``world.objects``.
The sweep in ``tests/security/test_route_sweep.py`` merges them with its own table.
"""

import importlib
import pkgutil


def _modules():
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        yield importlib.import_module(f"{__name__}.{info.name}")


def routes() -> dict:
    table = {}
    for module in _modules():
        table.update(getattr(module, "ROUTES", {}))
    return table


def post_allowed() -> dict:
    table = {}
    for module in _modules():
        table.update(getattr(module, "POST_ALLOWED", {}))
    return table


def world_extend(world) -> None:
    for module in _modules():
        extend = getattr(module, "world_extend", None)
        if extend is not None:
            extend(world)
