#!/usr/bin/env python3
"""odt_check.py ODT MD [WORDS]: the .odt package verbale writes (from the Markdown MD, written
with it), read as LibreOffice reads it. The zip: mimetype the first entry, stored, no extra field, holding
application/vnd.oasis.opendocument.text; content.xml, styles.xml, meta.xml and
META-INF/manifest.xml there, every entry listed in the manifest. Every XML file parses. styles.xml
names the paragraph styles Titolo, Oggetto, Corpo, Votazione, Esito and Firma, the language
it-IT in the default style, an A4 page, a footer with the page number and the page count.
meta.xml has a title and dc:language it-IT. content.xml has as many Titolo, Oggetto, Esito and
Firma paragraphs as MD has headings of level 1 and 2, votes ("### Votazione n. ") and
signatures (the paragraphs between <!-- verbale:firme --> and <!-- verbale:fine -->). The vote
figures of MD (lines "Presenti: 19", "Favorevoli: 12", ...) are the Votazione paragraphs of
that shape, in the same order. With WORDS (mdtool text of MD), every word of it is in
content.xml's text (paragraphs one a line), in order, as words.py reads a PDF's text. Prints
the first problem, or nothing."""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

import words

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
MIME = b"application/vnd.oasis.opendocument.text"
NAMED = ["Titolo", "Oggetto", "Corpo", "Votazione", "Esito", "Firma"]
FIGURES = re.compile(r"^(Presenti|Votanti|Favorevoli|Contrari|Astenut[oi]|Schede bianche|Schede nulle): [0-9]+$")


def q(name):
    prefix, local = name.split(":")
    return "{%s}%s" % (NS[prefix], local)


def text_of(el, out):
    """The text of el in document order: text:s a space (c of them), text:tab a tab,
    text:line-break a newline."""
    if el.tag == q("text:s"):
        out.append(" " * int(el.get(q("text:c"), "1")))
    elif el.tag == q("text:tab"):
        out.append("\t")
    elif el.tag == q("text:line-break"):
        out.append("\n")
    elif el.text:
        out.append(el.text)
    for child in el:
        text_of(child, out)
        if child.tail:
            out.append(child.tail)


def main():
    odt, md_path = sys.argv[1:3]
    md_text = open(md_path, encoding="utf-8").read()
    md = md_text.splitlines()
    firme = re.search(r"<!-- verbale:firme -->\n(.*?)<!-- verbale:fine -->", md_text, re.S)
    expect = {"Titolo": sum(l.startswith("# ") for l in md), "Oggetto": sum(l.startswith("## ") for l in md),
              "Esito": sum(l.startswith("### Votazione n. ") for l in md),
              "Firma": len([p for p in firme.group(1).split("\n\n") if p.strip()]) if firme else 0}
    z = zipfile.ZipFile(odt)
    infos = z.infolist()
    first = infos[0]
    if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED or first.extra:
        sys.exit("the first entry is not mimetype, stored, without an extra field: %r" % first)
    if z.read("mimetype") != MIME:
        sys.exit("mimetype holds %r" % z.read("mimetype"))
    names = [i.filename for i in infos]
    for need in ["content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"]:
        if need not in names:
            sys.exit("no %s in %s" % (need, names))
    trees = {}
    for n in names:
        if n.endswith(".xml"):
            try:
                trees[n] = ET.fromstring(z.read(n))
            except ET.ParseError as e:
                sys.exit("%s does not parse: %s" % (n, e))
    listed = {e.get(q("manifest:full-path")) for e in trees["META-INF/manifest.xml"].iter(q("manifest:file-entry"))}
    for n in names:
        if n not in ("mimetype", "META-INF/manifest.xml") and n not in listed:
            sys.exit("%s is not in the manifest" % n)
    styles = trees["styles.xml"]
    defined = {s.get(q("style:name")) for s in styles.iter(q("style:style")) if s.get(q("style:family")) == "paragraph"}
    for n in NAMED:
        if n not in defined:
            sys.exit("styles.xml has no paragraph style %s" % n)
    lang = [t for d in styles.iter(q("style:default-style")) if d.get(q("style:family")) == "paragraph"
            for t in d.iter(q("style:text-properties"))]
    if not lang or lang[0].get(q("fo:language")) != "it" or lang[0].get(q("fo:country")) != "IT":
        sys.exit("the default paragraph style is not in it-IT")
    page = next(styles.iter(q("style:page-layout-properties")))
    if (page.get(q("fo:page-width")), page.get(q("fo:page-height"))) != ("595.276pt", "841.890pt"):
        sys.exit("the page is not A4: %s x %s" % (page.get(q("fo:page-width")), page.get(q("fo:page-height"))))
    footer = next(styles.iter(q("style:footer")), None)
    if footer is None or next(footer.iter(q("text:page-number")), None) is None or next(footer.iter(q("text:page-count")), None) is None:
        sys.exit("the footer has no page number and page count fields")
    meta = trees["meta.xml"]
    title = next(meta.iter(q("dc:title")), None)
    language = next(meta.iter(q("dc:language")), None)
    if title is None or not (title.text or "").strip() or language is None or language.text != "it-IT":
        sys.exit("meta.xml lacks a title or dc:language it-IT")
    body = trees["content.xml"].find(q("office:body"))
    paras = [p for p in body.iter() if p.tag in (q("text:p"), q("text:h"))]
    count = {}
    for p in paras:
        name = p.get(q("text:style-name"), "")
        name = name[3:] if name.startswith("Pb_") else name
        count[name] = count.get(name, 0) + 1
    for name, n in expect.items():
        if count.get(name, 0) != n:
            sys.exit("%d paragraphs of style %s, not %d" % (count.get(name, 0), name, n))
    lines = []
    for p in paras:
        out = []
        text_of(p, out)
        lines.append("".join(out))
    want = [l.strip() for l in md if FIGURES.match(l.strip())]
    got = [" ".join(l.split()) for p, l in zip(paras, lines)
           if p.get(q("text:style-name")) == "Votazione" and FIGURES.match(l.strip())]
    if not want or want != got:
        sys.exit("the vote figures differ: the Markdown %s, the ODT %s" % (want[:8], got[:8]))
    if len(sys.argv) > 3:
        problem = words.in_order(words.split(open(sys.argv[3], encoding="utf-8").read()),
                                 words.split("\n".join(lines)))
        if problem:
            sys.exit(problem)


main()
