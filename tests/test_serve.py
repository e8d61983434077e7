"""The live proof's server: its endpoints, and that it serves nothing but its own page and proofs."""

import json
import os
import re
import socket

import pytest
from serve_fixtures import copy_sample_page, get, start_server, stop_server

from layout.serve.app import ProofServer
from layout.serve.session import ProofSession

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The sample page built once and served on a free local port."""
    folder = tmp_path_factory.mktemp("page")
    spec = copy_sample_page(folder)
    scratch = tmp_path_factory.mktemp("scratch")
    session = ProofSession(spec, scratch)
    session.rebuild()
    server = ProofServer(session, port=0)
    start_server(server)
    yield server, scratch
    stop_server(server)


def test_the_page_its_proof_and_status(served):
    server, _ = served
    status, body, headers = get(server, "/")
    assert status == 200 and b"page.js" in body and headers["Content-Type"].startswith("text/html")
    status, proof, headers = get(server, "/proof.png")
    assert status == 200 and proof.startswith(PNG_MAGIC) and headers["Content-Type"] == "image/png"
    assert get(server, "/proof/1.png")[1] == proof
    report = json.loads(get(server, "/status.json")[1])
    assert report["build"] == 1 and report["ok"] and report["errors"] == []
    page = report["pages"][0]
    assert page["version"] == 1 and page["fit"]["body_lines"] > 100
    assert page["overset"] == [] and page["grid"]["rows"] > 50
    assert [item["page"] for item in report["underset"]] == [1] * len(page["underset"])


def test_a_line_of_the_proof_names_its_file_and_line(served):
    server, _ = served
    lines = json.loads(get(server, "/paragraphs/1.json")[1])["lines"]
    article = served[0].session.page(1).inputs.articles[0].read_text(encoding="utf-8").split("\n")
    places = {line["where"] for line in lines}
    assert len(places) > 20
    for line in lines:
        number = int(line["where"].rsplit(":", 1)[1])
        start = "".join(line["text"].split())[:4]
        assert start in "".join(article[number - 1].split()), line
        left, top, width, height = line["box"]
        assert 0 <= left < 1 and 0 <= top < 1 and width > 0 and height > 0


@pytest.mark.parametrize("path", [
    "/../etc/passwd", "/..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/proof/../status.json", "/proof/%2e%2e/page.toml", "//etc/passwd", "/etc/passwd", "/page.toml",
    "/article.txt", "/page.html", "/app.py", "/proof/0.png", "/proof/2.png", "/proof/1.json", "/paragraphs/1.png",
    "/proof/%31.png", "/proof/1.png/..", "/proof/01.png", "/proof/page-1.pdf", "/page-1.pdf",
    "/thumbnail/1.png", "/thumbnail/1.json",  # one page: no strip, no thumbnails
])
def test_paths_outside_the_route_table_are_not_found(served, path):
    status, body, _ = get(served[0], path)
    assert status == 404 and b"root:" not in body


def test_absolute_paths_and_symlinks_are_not_found(served, tmp_path):
    server, scratch = served
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    (scratch / "evil.png").symlink_to(secret)
    (scratch / "proof").mkdir(exist_ok=True)
    (scratch / "proof" / "3.png").symlink_to(secret)
    article = server.session.page(1).inputs.articles[0]
    for path in (f"/{secret}", str(secret), f"/{article}", "/evil.png", "/proof/evil.png", "/proof/3.png"):
        status, body, _ = get(server, path)
        assert status == 404 and b"secret" not in body, path


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_no_request_writes(served, method):
    server, scratch = served
    before = sorted(os.listdir(scratch)), server.session.status()["build"]
    for path in ("/", "/status.json", "/proof.png", "/proof/1.png", "/events", "/new.png"):
        status, _, headers = get(server, path, method)
        assert status == 405 and headers["Allow"] == "GET, HEAD"
    assert (sorted(os.listdir(scratch)), server.session.status()["build"]) == before


def test_head_answers_without_a_body(served):
    status, body, headers = get(served[0], "/proof.png", "HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 1000


def test_it_listens_on_this_machine_only_by_default(served):
    server = ProofServer(served[0].session)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_with_a_token_every_request_must_carry_it(served):
    server = ProofServer(served[0].session, token="s3cret-token")
    start_server(server)
    try:
        for path in ("/", "/proof.png", "/status.json", "/events", "/paragraphs/1.json", "/nothing"):
            assert get(server, path)[0] == 403, path
            assert get(server, path + "?token=wrong")[0] == 403, path
        assert get(server, "/status.json?token=s3cret-token")[0] == 200
        assert get(server, "/proof/1.png?token=s3cret-token")[0] == 200
        assert get(server, "/nothing?token=s3cret-token")[0] == 404
        page = get(server, "/?token=s3cret-token")[1]  # what the page then loads carries it too
        for asset in re.findall(rb'(?:src|href)="([^"]+)"', page):
            assert asset.endswith(b"?token=s3cret-token") and get(server, "/" + asset.decode())[0] == 200
        assert server.url.endswith("/?token=s3cret-token")
    finally:
        server.server_close()


def test_events_send_the_current_build_at_once(served):
    host, port = served[0].server_address[:2]
    with socket.create_connection((host, port), timeout=30) as connection:
        connection.sendall(b"GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
        received = b""
        while b"\n\n" not in received.split(b"\r\n\r\n", 1)[-1]:
            received += connection.recv(65536)
    head, stream = received.split(b"\r\n\r\n", 1)
    assert b"text/event-stream" in head
    event, data = stream.split(b"\n")[:2]
    assert event == b"event: build" and json.loads(data.removeprefix(b"data: "))["build"] == 1
