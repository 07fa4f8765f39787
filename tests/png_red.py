#!/usr/bin/env python3
"""png_red.py FILE.png TOP: how many pixels of the band of the first TOP rows are strongly red
(R >= 160, G <= 60, B <= 60), printed as a number: the banner of `watch --serve` after a broken
save (tests/serve.sh). Reads 8-bit RGB or RGBA, non-interlaced PNGs (what Chromium writes)
with zlib alone.

png_red.py --crop IN.png OUT.png HEIGHT: IN's first HEIGHT rows as an RGB PNG, each row with
the filter that compresses best, deflated at level 9 (the README's screenshot)."""
import struct
import sys
import zlib


def read_png(path, limit=None):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, w = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or interlace != 0:
                raise ValueError("unsupported PNG (depth %d, colour type %d)" % (depth, ctype))
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h if limit is None else min(h, limit)):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def red_count(path, top):
    w, h, bpp, rows = read_png(path, top)
    n = 0
    for line in rows[:top]:
        for x in range(w):
            r, g, b = line[x * bpp], line[x * bpp + 1], line[x * bpp + 2]
            if r >= 160 and g <= 60 and b <= 60:
                n += 1
    return n


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def write_rgb(path, w, rows):
    out, prev = bytearray(), bytearray(w * 3)
    for line in rows:
        cands = []
        for f in range(5):
            enc = bytearray([f])
            for i in range(len(line)):
                a = line[i - 3] if i >= 3 else 0
                b, c = prev[i], (prev[i - 3] if i >= 3 else 0)
                pred = (0, a, b, (a + b) // 2, 0)[f]
                if f == 4:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                enc.append((line[i] - pred) & 255)
            cands.append((sum(v if v < 128 else 256 - v for v in enc[1:]), enc))
        out += min(cands, key=lambda t: t[0])[1]
        prev = line
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, len(rows), 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(bytes(out), 9)) + chunk(b"IEND", b"")
    open(path, "wb").write(png)


if __name__ == "__main__":
    if sys.argv[1] == "--crop":
        w, h, bpp, rows = read_png(sys.argv[2], int(sys.argv[4]))
        keep = []
        for line in rows[:int(sys.argv[4])]:
            keep.append(bytearray(b for x in range(w) for b in line[x * bpp:x * bpp + 3]))
        write_rgb(sys.argv[3], w, keep)
    else:
        print(red_count(sys.argv[1], int(sys.argv[2])))
