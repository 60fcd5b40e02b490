"""Load for the benchmarks: keep-alive HTTP/1.1 connections on asyncio, driven closed-loop or open-loop.

Standard library only. The client is kept small (no header parsing beyond what HTTP/1.1 framing needs) because
it runs on the same two cores as the server it measures: the less it spends per request, the less it takes from
the server, and it takes the same from every server it is compared across.

- `closed_loop`: each connection sends its next request as soon as the last answer is read; it measures how
  many answers a second the server can give (a ceiling, or a page's throughput).
- `open_loop`: requests are due at fixed times (a fixed arrival rate shared out over the connections, as desks
  scanning at a fair), and latency counts from the time a request was due, not from when it could be sent, so
  that a slow answer also delays, and is charged for, the requests queued behind it.
"""
import asyncio
import dataclasses
import logging
import statistics
import time

logger = logging.getLogger(__name__)

TIMEOUT = 60  # seconds one request may take before the run gives up on it (counted as an error)


class ConnectionLost(Exception):
    """The server closed the connection before answering (an idle keep-alive connection it timed out)."""


@dataclasses.dataclass
class Answer:
    status: int
    headers: dict
    body: bytes


class Connection:
    """One keep-alive connection, opened again when the server closed it."""

    def __init__(self, port, host="127.0.0.1"):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def request(self, method, path, headers=None, body=b""):
        """The answer; a connection found closed before any byte of the answer came is opened again once."""
        for attempt in range(2):
            fresh = self.writer is None
            if fresh:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            try:
                return await self._exchange(method, path, headers or {}, body)
            except (ConnectionLost, ConnectionResetError, BrokenPipeError):
                self.close()
                if fresh or attempt:
                    raise
        raise AssertionError("unreachable")

    async def _exchange(self, method, path, headers, body):
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", f"Content-Length: {len(body)}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as error:
            if not error.partial:
                raise ConnectionLost() from None
            raise
        status_line, *header_lines = head[:-4].decode("latin-1").split("\r\n")
        answer_headers = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            value = value.strip()
            # Set-Cookie may come several times: keep them all, one a line.
            answer_headers[name] = f"{answer_headers[name]}\n{value}" if name in answer_headers else value
        content = await self._body(answer_headers)
        if answer_headers.get("connection", "").lower() == "close":
            self.close()
        return Answer(int(status_line.split(" ", 2)[1]), answer_headers, content)

    async def _body(self, headers):
        if "content-length" in headers:
            return await self.reader.readexactly(int(headers["content-length"]))
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunks.append(await self.reader.readexactly(size + 2))
                if size == 0:
                    return b"".join(chunk[:-2] for chunk in chunks)
        content = await self.reader.read()
        self.close()
        return content

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


@dataclasses.dataclass
class Result:
    """One request's outcome: its status (0 for a failure without an answer), seconds, and the answer."""

    index: int
    status: int
    seconds: float
    answer: Answer | None = None
    error: str = ""


@dataclasses.dataclass
class Run:
    results: list
    seconds: float  # from the first request sent (or due) to the last answer

    @property
    def per_second(self):
        return len(self.results) / self.seconds if self.seconds else 0.0

    def statuses(self):
        counts = {}
        for result in self.results:
            counts[result.status] = counts.get(result.status, 0) + 1
        return dict(sorted(counts.items()))

    def percentile(self, share):
        """The latency in ms below which `share` of the requests were answered (nearest rank)."""
        times = sorted(result.seconds for result in self.results)
        if not times:
            return float("nan")
        rank = max(1, min(len(times), round(share * len(times) + 0.5)))
        return times[rank - 1] * 1000

    @property
    def median_ms(self):
        return statistics.median(result.seconds for result in self.results) * 1000 if self.results else float("nan")


async def _send(connection, index, request, started, keep):
    """One request, timed from `started` (when it was sent, or when it was due)."""
    method, path, headers, body = request
    try:
        answer = await asyncio.wait_for(connection.request(method, path, headers, body), TIMEOUT)
    except (TimeoutError, OSError, asyncio.IncompleteReadError, ConnectionLost, ValueError) as error:
        connection.close()
        return Result(index, 0, time.perf_counter() - started, error=f"{type(error).__name__}: {error}")
    return Result(index, answer.status, time.perf_counter() - started, answer if keep(answer) else None)


def _keep_none(_answer):
    return False


async def _closed_loop(port, make_request, connections, seconds, keep):
    deadline = time.perf_counter() + seconds
    counter = iter(range(10**12))
    results = []

    async def client():
        connection = Connection(port)
        try:
            while time.perf_counter() < deadline:
                index = next(counter)
                results.append(await _send(connection, index, make_request(index), time.perf_counter(), keep))
        finally:
            connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(connections)))
    return Run(results, time.perf_counter() - started)


def closed_loop(port, make_request, connections, seconds, keep=_keep_none):
    """`connections` clients, each sending its next request when the last is answered, for `seconds`.

    `make_request(index)` gives (method, path, headers, body bytes); `keep(answer)` says whether a result keeps
    the answer (the default keeps none: a run of long pages would hold all their bodies).
    """
    return asyncio.run(_closed_loop(port, make_request, connections, seconds, keep))


async def _open_loop(port, make_request, connections, rate, count, keep):
    start = time.perf_counter() + 0.05  # time for every client to be waiting on its first due time
    results = []

    async def client(number):
        connection = Connection(port)
        try:
            for index in range(number, count, connections):
                due = start + index / rate
                delay = due - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                results.append(await _send(connection, index, make_request(index), due, keep))
        finally:
            connection.close()

    await asyncio.gather(*(client(number) for number in range(connections)))
    return Run(sorted(results, key=lambda result: result.index), time.perf_counter() - start)


def open_loop(port, make_request, connections, rate, seconds, keep=_keep_none):
    """`rate × seconds` requests due at fixed times, `1 / rate` apart, dealt round-robin to `connections`
    clients; each client sends its requests in turn, no sooner than they are due. A result's `seconds` counts
    from when the request was due."""
    count = max(1, round(rate * seconds))
    return asyncio.run(_open_loop(port, make_request, connections, rate, count, keep))
