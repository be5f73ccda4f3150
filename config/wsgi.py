import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
# Import the URLconf (and the views and numpy/scipy behind it) when a worker boots, not on the
# first request it serves.
get_resolver().url_patterns  # noqa: B018 (loading is the point)
