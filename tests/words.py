#!/usr/bin/env python3
"""words.py TEXT PDFTEXT: every word of TEXT (what the Markdown says) appears in PDFTEXT (what
pdftotext gives back) in the same order, quotes, apostrophes, dashes and ellipses folded
(fold). Words hyphenated at a line end are joined (with or without their hyphen, as the word
needs), and so are web addresses broken after '/', '.', '?' or '&'; up to SKIP words of the PDF
may come between two words of the text (page headers and footers, list markers). Prints the
first word not found, or 'N words in order'."""
import sys
import unicodedata

SKIP = 40


# The PDF sets quotes, apostrophes, dashes and ellipses as cmark's smart punctuation does (stile.yaml's
# virgolette) while the Markdown keeps the source's: both sides are compared folded.
FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"',
                      "\u00bb": '"'})


def fold(text):
    return text.replace("---", "\u2014").replace("--", "\u2013").replace("...", "\u2026").translate(FOLD)


def split(text):
    text = unicodedata.normalize("NFC", fold(text.replace("\u00ad", "")))
    return text.split()


def in_order(want, got):
    """None when every word of want is in got in order, else a message."""
    pos = 0
    for i, w in enumerate(want):
        found = None
        for j in range(pos, min(len(got), pos + SKIP + 1)):
            if got[j] == w:
                found = j + 1
                break
            # a word broken at line ends, maybe more than once
            k, acc = j, got[j]
            while acc[-1:] in ("-", "/", ".", "?", "&") and k + 1 < len(got) and len(acc) < len(w) + 2:
                nxt = got[k + 1]
                if acc.endswith("-") and w.startswith(acc[:-1] + nxt):
                    acc = acc[:-1] + nxt
                elif w.startswith(acc + nxt):
                    acc = acc + nxt
                else:
                    break
                k += 1
            if acc == w:
                found = k + 1
                break
        if found is None:
            ctx = " ".join(got[pos:pos + 12])
            return f"word {i + 1} of {len(want)} not found in order: {w!r}; the PDF goes on: {ctx!r}"
        pos = found
    return None


if __name__ == "__main__":
    want = split(open(sys.argv[1], encoding="utf-8", errors="replace").read())
    got = split(open(sys.argv[2], encoding="utf-8", errors="replace").read())
    problem = in_order(want, got)
    print(problem or f"{len(want)} words in order")
    sys.exit(1 if problem else 0)
