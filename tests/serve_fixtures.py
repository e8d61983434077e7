"""A copy of the sample page in a temporary folder, served live, for the serve tests."""

import http.client
import shutil
import threading
from pathlib import Path

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "examples" / "beita"


def copy_sample_page(folder: Path) -> Path:
    """The sample page spec and article copied into `folder`, pictures still from images/beita."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLE / "article.txt", folder / "article.txt")
    spec = (SAMPLE / "page.toml").read_text(encoding="utf-8")
    images = (ROOT / "images" / "beita").resolve().as_posix()
    (folder / "page.toml").write_text(spec.replace('dir = "../../images/beita"', f'dir = "{images}"'),
                                      encoding="utf-8")
    return folder / "page.toml"


def start_server(server) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread


def stop_server(server) -> None:
    server.session.stop()
    server.shutdown()
    server.server_close()


def get(server, path: str, method: str = "GET") -> tuple[int, bytes, dict]:
    """A request with `path` sent exactly as written (no client-side clean-up of .. or %2e)."""
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()
