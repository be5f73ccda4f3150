"""Requests per second and latency of the main pages under gunicorn (2 workers) on PostgreSQL.

    DATABASE_URL=postgres://... python benchmarks/seed_scale.py      # once: a full season
    DATABASE_URL=postgres://... python benchmarks/bench_pages.py [--seconds 10] [--connections 8]

Each page is measured with wrk (apt-get install wrk) beside /robots.txt, a trivial Django view,
in the same run; the table gives the ratio. Signed-in pages use sessions made for the seeded
users (an entrant, a judge, the chair of the first category).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from _setup import (
    PRODUCTION_ENV,
    ROOT,
    collectstatic,
    django_setup,
    free_port,
    print_table,
    production_mode,
    session_for,
)

# The app servers and this script share settings: the session hash depends on SECRET_KEY.
production_mode()
django_setup()

from django.conf import settings  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from judging.enums import JuryRole  # noqa: E402
from judging.models import JuryMember, Round  # noqa: E402

WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %f %f %f %d %d\\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.errors.status, summary.requests))
end
"""


def url_or_none(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def measure(base: str, path: str, cookie: str | None, seconds: int, connections: int, script):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "60s", "-s", script]
    command.append(base + path)
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps, p50, p95, bad, total = re.search(r"RESULT (\S+) (\S+) (\S+) (\d+) (\d+)", output).groups()
    return float(rps), float(p50), float(p95), int(bad), int(total)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _status(url: str, cookie: str | None) -> int:
    """The page's own status: a redirect (e.g. to sign-in) is not the page."""
    headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (http on loopback)
    try:
        opener = urllib.request.build_opener(_NoRedirect)
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if _status(base + "/robots.txt", None) == 200:
                return
        except OSError:
            time.sleep(0.3)
    sys.exit("gunicorn did not answer")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("Set DATABASE_URL to the PostgreSQL database seeded by seed_scale.py")
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    entrant = User.objects.get(email="entrant0@scale.example")
    chair_seat = JuryMember.objects.filter(
        role=JuryRole.CHAIR, category__edition__award__slug="scale-award"
    ).first()
    judge = (
        JuryMember.objects.filter(category=chair_seat.category, role=JuryRole.JUDGE).first().user
    )
    round_ = Round.objects.filter(category=chair_seat.category).first()
    pages = [
        ("trivial view (/robots.txt)", "/robots.txt", None),
        (
            "winner page",
            url_or_none(
                "public:winner-detail",
                award_slug="scale-award",
                year=2000,
                category_slug="idea",
                winner_slug="winner-2000-0",
            ),
            None,
        ),
        ("award page", url_or_none("public:award-detail", award_slug="scale-award"), None),
        (
            "entrant dashboard",
            url_or_none("submissions:entry-list"),
            session_for(entrant.pk, entrant.get_session_auth_hash()),
        ),
        (
            "judge dashboard",
            url_or_none("judging:dashboard"),
            session_for(judge.pk, judge.get_session_auth_hash()),
        ),
        (
            "chair results page",
            url_or_none("judging:round-results", round_id=round_.pk),
            session_for(chair_seat.user.pk, chair_seat.user.get_session_auth_hash()),
        ),
    ]
    env = {**os.environ, **PRODUCTION_ENV}
    collectstatic(env)
    port = free_port()
    server = subprocess.Popen(
        [os.path.join(os.path.dirname(sys.executable), "gunicorn"), "config.wsgi", "-w", "2",
         "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    rows = []
    try:
        _wait_until_up(base)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        trivial_rps = None
        for label, path, cookie in pages:
            if path is None:
                rows.append((label, "no such page yet", "", "", "", ""))
                continue
            status = _status(base + path, cookie)
            if status != 200:
                rows.append((label, f"answers {status}", "", "", "", ""))
                continue
            # A warm-up pass fills caches and connection pools before the measured run.
            measure(base, path, cookie, 2, args.connections, script.name)
            rps, p50, p95, bad, total = measure(
                base, path, cookie, args.seconds, args.connections, script.name
            )
            trivial_rps = trivial_rps or rps
            rows.append(
                (
                    label,
                    f"{rps:8.1f}",
                    f"{p50:7.1f}",
                    f"{p95:7.1f}",
                    f"{rps / trivial_rps:5.2f}",
                    f"{bad}/{total}",
                )
            )
    finally:
        server.terminate()
        server.wait(timeout=20)
    print_table(
        f"gunicorn -w 2, PostgreSQL, wrk -c{args.connections} for {args.seconds}s per page",
        rows,
        ("page", "req/s", "p50 ms", "p95 ms", "vs trivial", "non-2xx"),
    )


if __name__ == "__main__":
    main()
