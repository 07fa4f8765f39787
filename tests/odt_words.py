#!/usr/bin/env python3
"""odt_words.py MD TEXT: the acceptance's reading of LibreOffice's PDF of an ODT. Every word of
more than three letters of the Markdown MD (its comments left out) is in TEXT (pdftotext's text
of the PDF), in order, none missing. TEXT is read without the page header (the first page's
first line, wherever it comes again) and the footers ("D mese YYYY — Pagina N di M", which
pdftotext may glue to the last line of a page), as one run of letters and digits: a word
hyphenated at a line's or a page's end, or spaced apart by a justified line, is whole again.
The images' descriptions are no text in LibreOffice's PDF: a sitting with images does not
suit this check. Prints the words missing, or nothing."""
import re, sys
md = re.sub(r"<!--.*?-->", " ", open(sys.argv[1], encoding="utf-8").read(), flags=re.S)
words = [w for w in re.findall(r"[A-Za-zÀ-ÿ0-9]+", md) if len(w) > 3]
pages = open(sys.argv[2], encoding="utf-8").read().split("\f")
head = pages[0].split("\n")[0]
text = "\n".join(l for l in "\n".join(pages).split("\n") if l != head)
text = re.sub(r"[0-9]+º? [a-z]+ [0-9]{4} — Pagina [0-9]+ di [0-9]+", "", text)
got = "".join(re.findall(r"[A-Za-zÀ-ÿ0-9]+", text))
pos, miss = 0, []
for w in words:
    i = got.find(w, pos)
    if i < 0:
        miss.append(w)
    else:
        pos = i + len(w)
sys.exit(0 if words and not miss else "%d words, missing: %s" % (len(words), miss[:10]))
