"""Two ways to reach the fake: in process (httpx's ASGITransport) or on a loopback port.

The loopback server is uvicorn, run as a task in the caller's event loop, bound to
127.0.0.1 only (never another interface), on a free port the OS picks.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import AsyncIterator, Generator
from typing import Any

import httpx
import uvicorn
from starlette.types import ASGIApp

from herohealth.testing._faults import ConnectionDropped

LOOPBACK = "127.0.0.1"
STARTUP_TIMEOUT = 10.0  # seconds for uvicorn to bind and start
# In-flight requests (a delayed answer) get this long at shutdown, then are cancelled.
SHUTDOWN_GRACE = 1


class InProcessTransport(httpx.ASGITransport):
    """ASGITransport that enforces the request's read timeout as a whole-answer deadline.

    httpx's own timeouts live in its network layer, which an in-process call skips; without
    this a `delay_next` longer than the client's timeout would just be waited out.
    """

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
        deadline = timeouts.get("read")
        if deadline is None:
            return await super().handle_async_request(request)
        try:
            async with asyncio.timeout(deadline):
                return await super().handle_async_request(request)
        except TimeoutError:
            raise httpx.ReadTimeout(
                "The fake Hero did not answer in time", request=request
            ) from None


def in_process_client(app: ASGIApp, base_url: str, **kwargs: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=InProcessTransport(app=app), base_url=base_url, **kwargs)


class _QuietDrops(logging.Filter):
    """Hides uvicorn's traceback for a connection the fake dropped on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, ConnectionDropped)


class _Server(uvicorn.Server):
    """uvicorn, minus its signal handlers.

    uvicorn takes over SIGINT and SIGTERM while it serves, as a server that owns its process
    would; the fake serves inside the caller's process (a test run, a service under test),
    so those signals keep meaning what the caller made them mean.
    """

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


@contextlib.asynccontextmanager
async def serve_loopback(app: ASGIApp, port: int = 0) -> AsyncIterator[str]:
    """Serve `app` on http://127.0.0.1:<port> until the block exits; yields the base URL."""
    # The socket is bound here, not by uvicorn: a taken port raises OSError to the caller
    # (uvicorn would call sys.exit), and the address is known before the server starts.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.bind((LOOPBACK, port))
    except OSError:
        listener.close()
        raise
    config = uvicorn.Config(
        app,
        host=LOOPBACK,
        lifespan="off",
        interface="asgi3",
        ws="none",
        log_config=None,  # leave the user's logging configuration alone
        access_log=False,
        server_header=False,
        timeout_graceful_shutdown=SHUTDOWN_GRACE,
    )
    server = _Server(config)
    quiet = _QuietDrops()
    uvicorn_errors = logging.getLogger("uvicorn.error")
    uvicorn_errors.addFilter(quiet)
    task = asyncio.create_task(server.serve(sockets=[listener]), name="fake-hero-uvicorn")
    try:
        async with asyncio.timeout(STARTUP_TIMEOUT):
            while not server.started:
                if task.done():
                    task.result()  # raises what stopped it
                    raise RuntimeError("the fake Hero's server stopped before it started")
                await asyncio.sleep(0.005)
        yield f"http://{LOOPBACK}:{listener.getsockname()[1]}"
    finally:
        server.should_exit = True
        try:
            await task
        finally:
            uvicorn_errors.removeFilter(quiet)
            listener.close()
