"""Measure public pages under concurrent load: cold, cached, and a static file of the same size as the ceiling.

    .venv/bin/python bench/pages.py [--reuse-db] [--duration 10] [--connections 16] [--workers 2]

Serves the demo site the way `make serve` does (gunicorn, production settings, WhiteNoise) from a SQLite
file under /tmp, and loads it with wrk on loopback. Each server run measures the home page, a policy page,
the policy listing with filters and a search, then a static file the size of the policy page served by the
same server in the same run. Runs, both on Redis (bin/cache-server), which production requires: the page cache
off (cold: every request renders), and on.
Prints requests/s and p50/p95 latency, the cached policy page's throughput as a share of the static file's
(target >= 0.6; the median over short policy/static loads back to back, which see the same machine load),
and fails if any response is not a 200. --port and --redis-port move the server and Redis off their default
ports (8765, 56380) when something else listens there.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DB = "/tmp/bench-pages.sqlite3"
WORK_DIR = Path("/tmp/bench-pages")
PORT = 8765
REDIS_PORT = 56380
STATIC_NAME = "bench-payload.html"
TARGET = 0.6

# wrk reports mean and a fixed set of percentiles; this prints exactly what we need as one JSON line.
WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p50_ms": %f, "p95_ms": %f, "status_errors": %d, "socket_errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
"""


def environment(database, page_cache, redis_url):
    """Return the environment of a production-settings process for this benchmark."""
    env = dict(os.environ)
    for name in ("ELASTICSEARCH_URL", "REDIS_URL", "DATABASE_URL"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.pages_settings",
        PYTHONPATH=str(ROOT),
        SECRET_KEY="bench-pages-not-secret",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{database}",
        EMAIL_HOST="localhost",
        BENCH_STATIC_ROOT=str(WORK_DIR / "static"),
        PAGE_CACHE="on" if page_cache else "off",
        REDIS_URL=redis_url,
    )
    return env


def manage(env, *args):
    """Run a management command of the benchmark site and return its output, failing loudly."""
    out = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{out.stderr[-3000:]}")
    return out.stdout


def prepare(database, reuse, redis_url):
    """Create the demo site in `database` and collect its static files."""
    if not reuse and Path(database).exists():
        Path(database).unlink()
    env = environment(database, page_cache=False, redis_url=redis_url)
    manage(env, "migrate", "--noinput")
    if not reuse:
        print("Loading the demo content ...", flush=True)
        manage(env, "load_initial_data")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def pick_urls(database, redis_url):
    """Return the paths to load: home, the policy with most interpretations, filtered listing, a search."""
    script = """
import json
from policies.models import PolicyIndexPage, PolicyPage
policy = max(PolicyPage.objects.live(), key=lambda page: len(page.interpretation_pages))
listing = PolicyIndexPage.objects.live().first()
filters = f"?topic={policy.topic_id}&year={policy.date_published.year}"
print(json.dumps({"policy": policy.url, "listing": listing.url + filters}))
"""
    env = environment(database, page_cache=False, redis_url=redis_url)
    found = json.loads(manage(env, "shell", "-c", script).strip().splitlines()[-1])
    return {
        "home": "/",
        "policy": found["policy"],
        "listing (filtered)": found["listing"],
        "search": "/search/?q=" + urllib.request.quote("大气污染防治"),
    }


class Server:
    """Run gunicorn with the benchmark settings on loopback for the duration of a `with` block."""

    def __init__(self, env, workers):
        self.env, self.workers = env, workers

    def __enter__(self):
        log = open(WORK_DIR / "gunicorn.log", "ab")
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "cms.wsgi:application",
                "--config",
                "cms/operations/gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                str(self.workers),
                "--access-logfile",
                "/dev/null",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                fetch("/healthz")
                return self
            except (OSError, urllib.error.URLError):
                time.sleep(0.3)
        self.__exit__()
        raise SystemExit(f"gunicorn did not answer on port {PORT}: see {WORK_DIR / 'gunicorn.log'}")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def fetch(path):
    """GET `path` from the benchmark server as a visitor behind the TLS proxy; return (status, body)."""
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def load(path, duration, connections):
    """Load `path` with wrk for `duration` seconds and return its figures."""
    script = WORK_DIR / "report.lua"
    script.write_text(WRK_REPORT)
    out = subprocess.run(
        [
            "wrk",
            f"--threads={min(2, connections)}",
            f"--connections={connections}",
            f"--duration={duration}s",
            "--timeout=10s",
            "--header=X-Forwarded-Proto: https",
            f"--script={script}",
            f"http://127.0.0.1:{PORT}{path}",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / figures["seconds"]
    return figures


def run_mode(name, env, urls, args):
    """Measure every page and the static file in one server run; return {label: figures}."""
    results = {}
    with Server(env, args.workers):
        for label, path in urls.items():
            status, body = fetch(path)
            if status != 200:
                raise SystemExit(f"{name}: {path} answered {status} before the load")
            # A cached run is measured warm: the first visitor paid for the render above.
            results[label] = load(path, args.duration, args.connections)
            results[label]["bytes"] = len(body)
        results["static file"] = load(f"/static/{STATIC_NAME}", args.duration, args.connections)
        # Cold, the static loads would queue behind renders still in flight: pairs say nothing there.
        ratios = paired_ratios(urls["policy"], args) if env["PAGE_CACHE"] == "on" else []
    return results, ratios


def paired_ratios(policy, args):
    """Return policy/static throughput ratios of short back-to-back loads, the order swapped every round.

    One ten-second load after another meets different neighbours on a shared machine (the ratio of the two
    tables swung from 0.3 to 1.0 between runs at a load average of 10); pairs seconds apart see the same.
    """
    static = f"/static/{STATIC_NAME}"
    ratios = []
    for round_ in range(args.pair_rounds):
        order = (policy, static) if round_ % 2 == 0 else (static, policy)
        rps = {path: load(path, args.pair_seconds, args.connections)["rps"] for path in order}
        ratios.append(rps[policy] / rps[static])
    return ratios


def print_table(name, results):
    print(f"\n{name}")
    print(f"  {'page':<20} {'bytes':>8} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for label, figures in results.items():
        errors = figures["status_errors"] + figures["socket_errors"]
        print(
            f"  {label:<20} {figures.get('bytes', STATIC_SIZE):>8} {figures['rps']:>9.1f} "
            f"{figures['p50_ms']:>8.2f} {figures['p95_ms']:>8.2f} {errors:>7}"
        )


STATIC_SIZE = 0


def main():
    global STATIC_SIZE, PORT, REDIS_PORT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--reuse-db", action="store_true", help="keep the demo site of an earlier run")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections (default 16)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--pair-rounds", type=int, default=7, help="paired policy/static loads (default 7)")
    parser.add_argument("--pair-seconds", type=int, default=3, help="seconds of each paired load (default 3)")
    parser.add_argument("--port", type=int, default=PORT, help=f"gunicorn's port (default {PORT})")
    parser.add_argument("--redis-port", type=int, default=REDIS_PORT, help=f"Redis's port (default {REDIS_PORT})")
    args = parser.parse_args()
    PORT, REDIS_PORT = args.port, args.redis_port
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    redis_env = {**os.environ, "REDIS_PORT": str(REDIS_PORT), "REDIS_DIR": str(WORK_DIR / "redis")}
    # A Redis left by an interrupted run keeps its pid file here: stop it before the folder goes.
    subprocess.run([str(ROOT / "bin" / "cache-server"), "stop"], env=redis_env, check=True)
    shutil.rmtree(WORK_DIR, ignore_errors=True)
    WORK_DIR.mkdir(parents=True)
    # The production settings refuse to start without REDIS_URL, even for the migrations.
    redis = subprocess.run(
        [str(ROOT / "bin" / "cache-server"), "start"], env=redis_env, check=True, capture_output=True, text=True
    ).stdout.strip()
    failures = 0
    try:
        prepare(args.db, args.reuse_db, redis)
        urls = pick_urls(args.db, redis)

        # The ceiling: a static file as large as the policy page, served by WhiteNoise in the same server.
        with Server(environment(args.db, page_cache=False, redis_url=redis), 1):
            status, body = fetch(urls["policy"])
        STATIC_SIZE = len(body)
        (WORK_DIR / "static" / STATIC_NAME).write_bytes(b"x" * STATIC_SIZE)

        print(f"Pages: {urls}")
        print(f"wrk: {args.connections} connections, {args.duration}s a page; gunicorn: {args.workers} sync workers")
        modes = [
            ("cold (page cache off)", environment(args.db, page_cache=False, redis_url=redis)),
            ("cached (Redis)", environment(args.db, page_cache=True, redis_url=redis)),
        ]

        for name, env in modes:
            results, ratios = run_mode(name, env, urls, args)
            print_table(name, results)
            failures += sum(f["status_errors"] + f["socket_errors"] for f in results.values())
            ratio = results["policy"]["rps"] / results["static file"]["rps"]
            if ratios:
                ratio = statistics.median(ratios)
                rounds = " ".join(f"{r:.2f}" for r in ratios)
                print(f"  paired {args.pair_seconds}s loads, policy page / static file: {rounds}")
            verdict = "meets" if ratio >= TARGET else "misses"
            how = f"median of {len(ratios)} pairs" if ratios else "the table's"
            print(f"  policy page / static file throughput = {ratio:.2f}, {how} ({verdict} target >= {TARGET})")
    finally:
        subprocess.run([str(ROOT / "bin" / "cache-server"), "stop"], env=redis_env)
    if failures:
        raise SystemExit(f"{failures} requests failed or answered other than 200 under load")


if __name__ == "__main__":
    main()
