"""Render probe sets as web pages in templates neither the corpus nor ``probe_sets.py``
has, so that the same documents can be scored in page layouts the rules were never tuned
on (what extraction costs).

    python scripts/probe_pages.py [--only=TEMPLATE,...] OUT_ROOT SET_DIR...

Each ``SET_DIR`` (``<id>.txt`` + ``gold.jsonl``) becomes ``OUT_ROOT/train/<set>/``: its
``gold.jsonl``, ``rendered/<id>.html``, ``manifest.json`` and ``layouts.json``; score it
with ``python -m pipeline.evaluate --corpus OUT_ROOT --sets train --floors /dev/null``.
Nothing is written into the repository.

The templates, taken in turn, carry what real pages carry around the text: the date
only in JSON-LD, a standfirst, a photo with its caption; a wire story whose paragraphs are
``<br><br>`` runs in one ``<div>`` and whose date is numeric with a time; an old portal
laid out in a table with a "last updated" date days after the story and a column of
related headlines; a news page with a drop cap splitting the first word and "read also"
boxes between paragraphs; an article cut after its second paragraph by a newsletter
sign-up box with the rest behind a "continue reading" button, the date in the canonical
address; a live page of timed entries, the day only in its header; a page that says only
"3 days ago" (the date is in its address) with a summary box repeating the lead; a print
view (see ``print_view``). ``--only`` renders every document in the templates named.
Related headlines are those of the set's other documents (what
an outlet links to), so a rule that reads them proposes events the story does not state.
"""

from __future__ import annotations

import html
import json
import sys
from datetime import date, timedelta
from pathlib import Path

from probe_sets import MONTHS, finish_render, render_main, set_documents, start_render

WORDS = {  # caption, read also, related, updated, home, defence, share, copyright
    "en": ("Archive photo: press office", "READ ALSO", "Related news", "Last updated",
           "Home", "Defence", "Share this story", "All rights reserved"),
    "es": ("Foto de archivo: oficina de prensa", "LEA TAMBIÉN", "Noticias relacionadas",
           "Última actualización", "Inicio", "Defensa", "Compartir", "Todos los derechos "
           "reservados"),
    "pt": ("Foto de arquivo: assessoria de imprensa", "LEIA TAMBÉM", "Notícias relacionadas",
           "Última atualização", "Início", "Defesa", "Compartilhe", "Todos os direitos "
           "reservados"),
}

REL = {  # relative-age words as portals print them next to a story
    "en": "{n} days ago", "es": "hace {n} días", "pt": "há {n} dias",
}
BOX = {  # newsletter box, continue reading, summary, key points, print, updated label
    "en": ("Get our defence newsletter every morning", "Sign up", "Continue reading",
           "Summary", "Print", "Live updates", "Pinned"),
    "es": ("Recibe cada mañana nuestro boletín de defensa", "Suscríbete", "Seguir leyendo",
           "Resumen", "Imprimir", "En directo", "Fijado"),
    "pt": ("Receba toda manhã nossa newsletter de defesa", "Inscreva-se", "Continuar lendo",
           "Resumo", "Imprimir", "Ao vivo", "Fixado"),
}

Page = tuple[str, str, str, list[str], list[str]]  # lang, published, title, paras, related


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _words(published: str, lang: str) -> str:
    d = date.fromisoformat(published)
    month = MONTHS[lang][d.month - 1]
    return f"{month} {d.day}, {d.year}" if lang == "en" else f"{d.day} de {month} de {d.year}"


def _numeric(published: str, lang: str) -> str:
    d = date.fromisoformat(published)
    return f"{d.month:02d}/{d.day:02d}/{d.year} 2:05 PM" if lang == "en" \
        else f"{d.day:02d}/{d.month:02d}/{d.year} 14:05"


def amp_story(site: str, page: Page) -> str:
    lang, published, title, paras, _ = page
    w = WORDS[lang]
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "headline": title, "datePublished": f"{published}T09:30:00-03:00",
                     "publisher": {"@type": "Organization", "name": site}}, ensure_ascii=False)
    body = [f'<p class="standfirst">{_e(paras[0])}</p>'] + [f"<p>{_e(p)}</p>" for p in paras[1:]]
    if len(body) > 2:
        body.insert(2, '<figure><amp-img src="/img/a.jpg" width="800" height="450" '
                       f'layout="responsive"></amp-img><figcaption>{_e(w[0])}</figcaption>'
                       '</figure>')
    return (f'<!doctype html><html amp lang="{lang}"><head><meta charset="utf-8">'
            f'<title>{_e(title)} | {_e(site)}</title>'
            f'<script type="application/ld+json">{ld}</script></head><body>'
            f'<header class="bar"><a href="/">{_e(site)}</a> <a href="/d">{w[5]}</a></header>'
            f'<article><h1>{_e(title)}</h1>{"".join(body)}</article>'
            f'<footer>{_e(site)} - {w[7]}</footer></body></html>\n')


def wire_br(site: str, page: Page) -> str:
    lang, published, title, paras, _ = page
    w = WORDS[lang]
    text = "<br><br>\n".join(_e(p) for p in paras)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>'
            f'{_e(title)}</title></head><body><div id="masthead">{_e(site.upper())}</div>'
            f'<div class="story"><h2 class="hl">{_e(title)}</h2><span class="dt">'
            f'{_numeric(published, lang)}</span><div class="story-body">{text}</div>'
            f'<div class="tools">{w[6]}: E-mail | Print</div></div>'
            f'<p class="copy">&copy; {date.fromisoformat(published).year} {_e(site)}. {w[7]}.'
            '</p></body></html>\n')


def portal_table(site: str, page: Page) -> str:
    lang, published, title, paras, related = page
    w = WORDS[lang]
    later = (date.fromisoformat(published) + timedelta(days=9)).isoformat()
    links = "".join(f'<li><a href="/n/{i}">{_e(t)}</a></li>' for i, t in enumerate(related))
    body = "".join(f"<p>{_e(p)}</p>" for p in paras)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>'
            f'{_e(site)} - {_e(title)}</title></head><body><table width="100%"><tr>'
            f'<td class="nav" width="18%"><a href="/">{w[4]}</a><br><a href="/d">{w[5]}</a>'
            f'</td><td class="main"><h1>{_e(title)}</h1><p class="fecha">'
            f'{_words(published, lang)}</p>{body}<p class="update">{w[3]}: '
            f'{_words(later, lang)}</p></td><td class="side" width="24%"><h3>{w[2]}</h3><ul>'
            f'{links}</ul></td></tr></table></body></html>\n')


def inline_related(site: str, page: Page) -> str:
    lang, published, title, paras, related = page
    w = WORDS[lang]
    parts = []
    for i, p in enumerate(paras):
        text = _e(p)
        if i == 0 and len(p) > 1 and p[0].isalpha() and p[1].isalpha():
            text = f'<span class="dropcap">{_e(p[0])}</span>{_e(p[1:])}'
        parts.append(f"<p>{text}</p>")
        if i % 3 == 1 and related:
            t = related[(i // 3) % len(related)]
            parts.append(f'<aside class="inline-related"><strong>{w[1]}</strong> '
                         f'<a href="/r/{i}">{_e(t)}</a></aside>')
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>'
            f'{_e(title)}</title><meta property="article:published_time" '
            f'content="{published}T08:00:00Z"></head><body><nav><a href="/">{_e(site)}</a>'
            f'</nav><main><h1>{_e(title)}</h1><time datetime="{published}">'
            f'{_words(published, lang)}</time><div class="article-body">{"".join(parts)}'
            f'</div><div class="newsletter">Newsletter</div></main></body></html>\n')


def _slug(title: str) -> str:
    keep = "".join(c.lower() if c.isalnum() else "-" for c in title[:60])
    return "-".join(w for w in keep.split("-") if w)


def newsletter_break(site: str, page: Page) -> str:
    """An article split after its second paragraph by a newsletter sign-up box and a
    'continue reading' button; the rest sits in a second, collapsed container. The date
    is in the URL path of the canonical link and in a visible numeric byline."""
    lang, published, title, paras, _ = page
    b = BOX[lang]
    d = date.fromisoformat(published)
    url = f"https://www.example.org/{d.year}/{d.month:02d}/{d.day:02d}/{_slug(title)}/"
    first = "".join(f"<p>{_e(p)}</p>" for p in paras[:2])
    rest = "".join(f"<p>{_e(p)}</p>" for p in paras[2:])
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>'
            f'{_e(title)} - {_e(site)}</title><link rel="canonical" href="{url}"></head>'
            f'<body><header><a href="/">{_e(site)}</a></header><article><h1>{_e(title)}</h1>'
            f'<div class="byline">{_e(site)} | {_words(published, lang)}</div>'
            f'<div class="body-part">{first}</div>'
            f'<div class="nl-box"><h4>{_e(b[0])}</h4><form><input type="email" '
            f'placeholder="email"><button>{_e(b[1])}</button></form></div>'
            f'<div class="body-part collapsed">{rest}</div>'
            f'<button class="continue">{_e(b[2])}</button></article>'
            f'<footer>{_e(site)}</footer></body></html>\n')


def liveblog(site: str, page: Page) -> str:
    """A live page: each paragraph an entry with its own clock time (the newest first, as
    live pages order them) and the day only in the page's header; the first entry pinned."""
    lang, published, title, paras, _ = page
    b = BOX[lang]
    entries = []
    n = len(paras)
    for i, p in enumerate(paras):
        hh, mm = 9 + (n - i) // 2, (17 * (n - i)) % 60
        clock = f"{hh}:{mm:02d}" if lang != "en" else f"{hh}:{mm:02d} GMT"
        pin = f'<span class="pin">{_e(b[6])}</span>' if i == 0 else ""
        entries.append(f'<div class="entry"><time class="entry-time">{clock}</time>{pin}'
                       f'<div class="entry-body"><p>{_e(p)}</p></div></div>')
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>'
            f'{_e(b[5])}: {_e(title)}</title></head><body><div class="top">{_e(site)}</div>'
            f'<main><span class="live-badge">{_e(b[5])}</span><h1>{_e(title)}</h1>'
            f'<p class="day">{_words(published, lang)}</p><div class="live">'
            f'{"".join(entries)}</div></main></body></html>\n')


def relative_age(site: str, page: Page) -> str:
    """A portal that prints only 'n days ago' next to the story and the date in the URL of
    its share links, with a summary box repeating the lead paragraph above the body."""
    lang, published, title, paras, _ = page
    b = BOX[lang]
    d = date.fromisoformat(published)
    url = f"https://noticias.example.org/{d.year}/{d.month:02d}/{d.day:02d}/{_slug(title)}.html"
    body = "".join(f"<p>{_e(p)}</p>" for p in paras)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>'
            f'{_e(title)}</title><meta property="og:url" content="{url}"></head><body>'
            f'<div class="brand">{_e(site)}</div><h1 class="headline">{_e(title)}</h1>'
            f'<div class="meta"><span class="age">{REL[lang].format(n=3)}</span></div>'
            f'<div class="summary-box"><strong>{_e(b[3])}</strong><p>{_e(paras[0])}</p></div>'
            f'<div class="content">{body}</div><div class="share"><a href="https://x.example/'
            f'share?u={url}">X</a></div></body></html>\n')


def print_view(site: str, page: Page) -> str:
    """A print view: one <font> element for the whole page, a 'Print' link, the title in
    <b>, then the date in figures and the page's address (year and month in its path) as
    lines of text, paragraphs parted only by <br><br>, the site's copyright at the end."""
    lang, published, title, paras, _ = page
    b = BOX[lang]
    d = date.fromisoformat(published)
    url = f"https://www.example.org/{d.year}/{d.month:02d}/{_slug(title)}"
    body = "<br><br>".join(_e(p) for p in paras)
    return (f'<html><head><title>{_e(site)} :: {_e(b[4])}</title></head>'
            f'<body onload="window.print()"><font face="Arial" size="2">'
            f'<a href="javascript:window.print()">{_e(b[4])}</a><br><br>'
            f'<b>{_e(title)}</b><br>{_numeric(published, lang)}<br>{url}<br><br>{body}'
            f'<br><br>&copy; {_e(site)}</font></body></html>\n')


TEMPLATES = {"amp_story": amp_story, "wire_br": wire_br, "portal_table": portal_table,
             "inline_related": inline_related, "newsletter_break": newsletter_break,
             "liveblog": liveblog, "relative_age": relative_age, "print_view": print_view}


def render_set(folder: Path, out_root: Path, chosen: list[str] | None = None) -> int:
    """Write ``out_root/train/<set>/`` for one set; returns how many pages."""
    rendered = start_render(folder, out_root)
    documents = set_documents(folder)
    titles = {doc_id: (doc["lang"], title) for doc_id, doc, title, _ in documents}
    chosen = chosen or list(TEMPLATES)
    manifest, layouts = {}, {}
    site = folder.name.upper() + " Diario"
    for i, (doc_id, doc, title, paras) in enumerate(documents):
        related = [t for o, (lang, t) in titles.items()
                   if o != doc_id and lang == doc["lang"]][:3]
        layout = chosen[i % len(chosen)]
        page = (doc["lang"], doc["published"], title, paras, related)
        (rendered / f"{doc_id}.html").write_text(TEMPLATES[layout](site, page), encoding="utf-8")
        manifest[doc_id], layouts[doc_id] = f"{doc_id}.html", layout
    finish_render(rendered, manifest, layouts)
    return len(manifest)


def main(argv: list[str]) -> int:
    return render_main(argv, __doc__ or "", render_set, "pages")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
