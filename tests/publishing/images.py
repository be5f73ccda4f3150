import io

from PIL import Image


def png_bytes(width=640, height=400) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#1d4d3a").save(buffer, format="PNG")
    return buffer.getvalue()
