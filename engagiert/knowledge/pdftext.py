"""The text of an uploaded PDF, extracted in a child process within limits.

Uploads are untrusted: a few kilobytes of PDF can make a parser work for minutes (pages that
share one huge compressed stream) or give up with an error of its own. So the text is read in
a separate Python process that may use at most `MAX_SECONDS` and `MAX_MEMORY`, reads at most
`MAX_PAGES` pages and returns at most `MAX_CHARS` characters; whatever goes wrong, the answer
is the empty text, never an error. This module runs as that process, and imports nothing but
the standard library and pypdf there.
"""

import io
import subprocess
import sys

#: Pages read, characters kept, seconds and bytes of memory the extraction may use.
MAX_PAGES = 300
MAX_CHARS = 200_000
MAX_SECONDS = 20.0
MAX_MEMORY = 1024 * 1024 * 1024


def _limit_memory() -> None:  # pragma: no cover - runs in the child before it starts
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MAX_MEMORY, MAX_MEMORY))


def pdf_text(data: bytes) -> str:
    """The text of the PDF in `data`, or '' when it cannot be read within the limits."""
    try:
        done = subprocess.run(
            [sys.executable, "-I", __file__, str(MAX_PAGES), str(MAX_CHARS)],
            input=data,
            capture_output=True,
            timeout=MAX_SECONDS,
            preexec_fn=_limit_memory,
            check=True,
        )
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError, OSError):
        return ""
    # NUL cannot be stored in PostgreSQL text, and means nothing to a reader
    return done.stdout.decode("utf-8", "replace").replace("\x00", "")[:MAX_CHARS]


def _extract(data: bytes, *, max_pages: int, max_chars: int) -> str:
    from pypdf import PdfReader

    parts: list[str] = []
    length = 0
    for page in PdfReader(io.BytesIO(data)).pages[:max_pages]:
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text) + 1
        if length >= max_chars:
            break
    return "\n".join(parts)[:max_chars]


if __name__ == "__main__":  # pragma: no cover - the child process
    pages, chars = (int(arg) for arg in sys.argv[1:3])
    text = _extract(sys.stdin.buffer.read(), max_pages=pages, max_chars=chars)
    sys.stdout.buffer.write(text.encode("utf-8", "replace"))
