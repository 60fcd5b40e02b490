"""Chromium's fake camera showing a gate code: a second browser launched with the camera's flags (they are set
when a browser starts), for the pages that read codes with the camera."""
import contextlib

import segno

from tests.browser.conftest import CHROMIUM
from tests.browser.conftest import CHROMIUM_ARGS
from tests.browser.conftest import TIMEOUT_MS

PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def write_camera_file(path, text, width=640, height=480):
    """A Y4M video whose frames show `text` as a QR code: what Chromium's fake camera plays."""
    matrix = segno.make(text, error="m").matrix
    scale = min(width, height) * 3 // 4 // (len(matrix) + 8)
    side = (len(matrix) + 8) * scale
    left, top = (width - side) // 2, (height - side) // 2
    luma = bytearray(b"\xff" * (width * height))
    for row_number, row in enumerate(matrix):
        for column, dark in enumerate(row):
            if not dark:
                continue
            y0, x0 = top + (row_number + 4) * scale, left + (column + 4) * scale
            for y in range(y0, y0 + scale):
                luma[y * width + x0:y * width + x0 + scale] = b"\x10" * scale
    chroma = b"\x80" * (width * height // 2)
    frame = b"FRAME\n" + bytes(luma) + chroma
    path.write_bytes(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode() + frame * 2)
    return path


@contextlib.contextmanager
def camera_page(browser, base_url, folder, code):
    """A phone page whose camera shows `code` and is allowed."""
    video = write_camera_file(folder / "gate-code.y4m", code)
    chromium = browser.browser_type.launch(
        executable_path=CHROMIUM, headless=True,
        args=[*CHROMIUM_ARGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
              f"--use-file-for-fake-video-capture={video}"])
    context = chromium.new_context(base_url=base_url, locale="zh-CN", timezone_id="Asia/Shanghai", **PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    context.grant_permissions(["camera"])
    try:
        yield context.new_page()
    finally:
        context.close()
        chromium.close()
