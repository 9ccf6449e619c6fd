"""The production layout on one machine, for the tests and benchmarks that need it: nginx
from Debian's package with the shipped site file in front of gunicorn app servers, task
workers and Redis, all on 127.0.0.1; PostgreSQL (or a SQLite file) given by the caller.

Used by deploy/multiprocess_test.py (the proofs) and bench/load_test.py (Locust through nginx).
Ports from `port_base` on: http, https, app server 1, app server 2, Redis, SMTP. Only the
processes started here are stopped; the database is the caller's.
"""

import base64
import contextlib
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
#: Ports a layout uses from its base on.
PORTS = 6


class Failure(Exception):
    """What the layout failed to do."""


def check(condition: bool, message: str) -> None:
    if not condition:
        raise Failure(message)


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Layout:
    def __init__(
        self,
        work: Path,
        *,
        port_base: int,
        database_url: str,
        app_servers: int = 2,
        env: dict[str, str] | None = None,
    ) -> None:
        check(app_servers in (1, 2), "one or two app servers")
        base = port_base
        self.work = work
        self.http, self.https = base, base + 1
        self.app_ports = (base + 2, base + 3)[:app_servers]
        self.redis_port, self.smtp_port = base + 4, base + 5
        self.url = f"https://127.0.0.1:{self.https}"
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        signing_key = base64.b64encode(secrets.token_bytes(32)).decode()
        self.env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "VOLUNTEERCARD_SIGNING_KEY": signing_key,
            "ALLOWED_HOSTS": "127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": self.url,
            "BEHIND_PROXY": "1",
            "TRUSTED_PROXIES": "127.0.0.1",
            "SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": database_url,
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "STATIC_ROOT": str(work / "static"),
            "MEDIA_ROOT": str(work / "media"),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.smtp_port),
            "SITE_URL": self.url,
            "GUNICORN_WORKERS": "2",
            "LOG_LEVEL": "WARNING",
            **(env or {}),
        }
        self.env.pop("DJANGO_SETTINGS_MODULE", None)

    def ports_free(self) -> None:
        base = self.http
        for port in range(base, base + PORTS):
            check(not port_open(port), f"port {port} is taken")

    def manage(self, *args: str) -> None:
        result = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True
        )
        if result.returncode:
            raise Failure(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")

    def start(self, name: str, command: list[str], **env: str) -> None:
        log = open(self.work / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        self.processes[name] = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**self.env, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()

    def stop(self, name: str, sig: int = signal.SIGTERM) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def alive(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                log = (self.work / f"{name}.log").read_text(errors="replace")[-3000:]
                raise Failure(f"{name} ended unexpectedly (exit {process.returncode}):\n{log}")

    def worker(self, name: str) -> None:
        self.start(name, [PYTHON, "manage.py", "db_worker", "--interval", "0.2"])

    def collect_static(self) -> subprocess.Popen[bytes]:
        """collectstatic in the background (wait for the returned process)."""
        return subprocess.Popen(
            [PYTHON, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
            cwd=ROOT, env=self.env,
        )  # fmt: skip

    def start_redis(self) -> None:
        self.start(
            "redis",
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
        )  # fmt: skip

    def serve(self, workers: int) -> None:
        """The app servers, `workers` task workers and nginx (after start_redis); back when
        all of them and Redis listen."""
        for n, port in enumerate(self.app_ports, 1):
            self.start(
                f"app-{n}",
                [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "engagiert.wsgi"],
                GUNICORN_BIND=f"127.0.0.1:{port}",
            )
        for n in range(1, workers + 1):
            self.worker(f"worker-{n}")
        config = nginx_config(self)
        self.start("nginx", ["nginx", "-c", str(config), "-g", "daemon off;"])
        for port in (*self.app_ports, self.https, self.redis_port):
            wait_for(f"port {port}", listening(port), 60, self)

    def cleanup(self) -> None:
        for name in list(self.processes):
            self.stop(name)


def wait_for(what: str, ready: Callable[[], bool], seconds: float, layout: Layout) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        layout.alive()
        if time.monotonic() > deadline:
            raise Failure(f"{what}: not ready after {seconds:.0f} s")
        time.sleep(0.2)


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def listening(port: int) -> Callable[[], bool]:
    return lambda: port_open(port)


def nginx_config(layout: Layout) -> Path:
    """The shipped site file with this run's certificate, directories and ports (the second
    upstream server left out when there is one), inside a minimal main configuration that
    also names the app server that answered each request."""
    work = layout.work
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(work / "key.pem"), "-out", str(work / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    site = (ROOT / "deploy" / "nginx" / "engagiert.conf").read_text()
    servers = [f"server 127.0.0.1:{port}" for port in layout.app_ports]
    replacements = {
        "engagiert.example.org": "127.0.0.1",
        "/etc/ssl/engagiert/fullchain.pem": str(work / "cert.pem"),
        "/etc/ssl/engagiert/privkey.pem": str(work / "key.pem"),
        "/var/lib/engagiert/static/": f"{work}/static/",
        "server 127.0.0.1:8001": servers[0],
        "server 127.0.0.1:8002": servers[-1],
        "listen 443 ssl": f"listen 127.0.0.1:{layout.https} ssl",
        "listen 80;": f"listen 127.0.0.1:{layout.http};",
    }
    for old, new in replacements.items():
        check(old in site, f"deploy/nginx/engagiert.conf no longer contains {old!r}")
        site = site.replace(old, new)
    site = re.sub(r"\n\s*listen \[::\].*;", "", site)
    if len(servers) == 1:  # the line the second server had, now naming the first again
        first = re.escape(servers[0])
        site = re.sub(rf"(\n\s*{first}[^\n]*)\n\s*{first}[^\n]*", r"\1", site)
    (work / "site.conf").write_text(site)
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (work / "nginx" / folder).mkdir(parents=True, exist_ok=True)
    main = work / "nginx.conf"
    main.write_text(
        f"""user root;
worker_processes 2;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log {work}/nginx-access.log;
    client_body_temp_path {work}/nginx/body;
    proxy_temp_path {work}/nginx/proxy;
    fastcgi_temp_path {work}/nginx/fastcgi;
    uwsgi_temp_path {work}/nginx/uwsgi;
    scgi_temp_path {work}/nginx/scgi;
    add_header X-Upstream $upstream_addr always;
    include {work}/site.conf;
}}
"""
    )
    return main
