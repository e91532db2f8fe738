"""kg serve under load: cheap-query latency alone, beside 200 idle or slow connections, and beside two clients
looping heavy queries; server threads; throughput of 50 threads x 20 queries.

Prints ``name=value`` lines (seconds unless named otherwise).
"""
from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHEAP = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def fetch(url: str, query: str) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url + "?query=" + urllib.parse.quote(query), timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def latencies(url: str, count: int) -> list[float]:
    answers = [fetch(url, CHEAP) for _ in range(count)]
    assert all(status == 200 for status, _ in answers), answers
    return [seconds for _, seconds in answers]


def threads_of(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("Threads:")))


def idle_connections(url: str, count: int) -> list[socket.socket]:
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    sockets = [socket.create_connection((host, int(port))) for _ in range(count)]
    for sock in sockets[count // 2:]:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nContent-Length: 100\r\n\r\nSEL")  # a body that never comes
    return sockets


def beside_heavy(url: str, seconds: float) -> list[float]:
    stop = threading.Event()

    def loop():
        while not stop.is_set():
            fetch(url, HEAVY)

    clients = [threading.Thread(target=loop) for _ in range(2)]
    for client in clients:
        client.start()
    time.sleep(1)
    found, ends = [], time.monotonic() + seconds
    while time.monotonic() < ends:
        found += latencies(url, 1)
        time.sleep(0.2)
    stop.set()
    for client in clients:
        client.join()
    return found


def report(name: str, values: list[float]) -> None:
    print(f"{name}_median={statistics.median(values):.3f}")
    print(f"{name}_max={max(values):.3f}")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-serve-"))
    store = folder / "store"
    subprocess.run([sys.executable, "-m", "kg", "build", str(ROOT / "examples" / "seed-article.txt"), "--published",
                    "2021-11-23", "--store", str(store)], check=True, capture_output=True)
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0",
                               "--timeout", "5", "--read-timeout", "30"], stderr=subprocess.PIPE, text=True)
    url = server.stderr.readline().split(" at ")[1].split()[0]
    try:
        report("cheap_alone", latencies(url, 20))
        sockets = idle_connections(url, 200)
        time.sleep(0.5)
        report("cheap_beside_200_idle", latencies(url, 20))
        print(f"server_threads_with_200_idle={threads_of(server.pid)}")
        for sock in sockets:
            sock.close()
        report("cheap_beside_2_heavy_clients", beside_heavy(url, 12))
        started = time.perf_counter()
        with ThreadPoolExecutor(50) as pool:
            statuses = list(pool.map(lambda _: fetch(url, CHEAP)[0], range(1000)))
        print(f"queries_per_second_50_threads={1000 / (time.perf_counter() - started):.0f}")
        print(f"failed_of_1000={sum(status != 200 for status in statuses)}")
    finally:
        server.kill()
        server.wait()


if __name__ == "__main__":
    main()
