"""Pixel statistics of a PNG for the report render test (Python standard library only).

Usage: png_stats.py FILE
Decodes 8-bit RGB or RGBA non-interlaced PNGs (what headless Chromium writes): inflates the
IDAT stream, undoes the five scanline filters, and prints one JSON object:
  {"width": W, "height": H, "non_white": N, "colours": C}
where non_white counts pixels whose RGB is not (255, 255, 255) and colours counts distinct RGB
values (capped at 100000).
"""
import json
import struct
import sys
import zlib


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def main():
    data = open(sys.argv[1], "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit("not a PNG")
    position, idat, header = 8, b"", None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        chunk = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        position += 12 + length
    width, height, depth, colour_type, _, _, interlace = header
    if depth != 8 or colour_type not in (2, 6) or interlace != 0:
        raise SystemExit("unsupported PNG: depth %d colour type %d interlace %d" % (depth, colour_type, interlace))
    channels = 3 if colour_type == 2 else 4
    stride = width * channels
    raw = zlib.decompress(idat)
    previous = bytearray(stride)
    non_white, colours = 0, set()
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                line[i] = (line[i] + paeth(a, b, c)) & 0xFF
        for x in range(0, stride, channels):
            pixel = bytes(line[x:x + 3])
            if pixel != b"\xff\xff\xff":
                non_white += 1
            if len(colours) < 100000:
                colours.add(pixel)
        previous = line
    print(json.dumps({"width": width, "height": height, "non_white": non_white, "colours": len(colours)}))


main()
