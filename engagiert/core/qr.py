"""QR codes drawn from one matrix: inline SVG for pages, dark runs for PDFs.

The matrix comes from zxing-cpp's encoder; the card (volunteercard) and the authenticator setup
(accounts) use it.
"""

import re

import zxingcpp

QR_LEVEL = "M"
#: Modules of white around the code, as the QR standard asks.
QUIET_ZONE = 4


def qr_runs(text: str) -> tuple[int, list[tuple[int, int, int]]]:
    """The code's size in modules (quiet zone included) and its dark runs (x, y, length) per
    row: one matrix for the SVG and the PDF, drawn as a few hundred rectangles instead of one
    shape per module. The matrix comes from zxing-cpp's encoder (C++, the eight masks scored
    as the standard asks), a few milliseconds where a pure-Python encoder needs 100 or more."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level=QR_LEVEL)
    image = code.to_image(scale=1, add_quiet_zones=False)
    size = image.shape[0]
    # One byte per module, 0 dark and 255 light (the stubs do not declare the buffer protocol).
    pixels = bytes(image)  # type: ignore[call-overload]
    runs = []
    for y in range(size):
        row = pixels[y * size : (y + 1) * size]
        for dark in re.finditer(rb"\x00+", row):
            start, end = dark.span()
            runs.append((start + QUIET_ZONE, y + QUIET_ZONE, end - start))
    return size + 2 * QUIET_ZONE, runs


def qr_svg(text: str, *, label: str) -> str:
    """The code as an inline SVG, one path of dark modules, scaled by CSS."""
    size, runs = qr_runs(text)
    path = "".join(f"M{x} {y}h{length}v1h-{length}z" for x, y, length in runs)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" '
        f'aria-label="{label}" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="#000" d="{path}"/></svg>'
    )
