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
view (see ``print_view``); a WordPress post (posted on/by, tags, reader comments with their
own dates, recent posts and archives); a government portal (breadcrumbs, the lead as a
``documentDescription``, "Publicado em … Atualizado em …" in figures); a page showing only
"2 hours ago" with its date in OpenGraph and a JSON-LD ``@graph``, a cookie banner and a
gallery; an AMP page with ad slots, a "next article" teaser and a "most read" list; a forum
thread (the story as the first post, author boxes with join dates, a reply quoting a
paragraph); a section page where the story is one ``<article>`` among teasers.
``--only`` renders every document in the templates named.
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


CHROME = {  # WordPress and portal words: posted on/by, tags, comments, reply, leave a reply,
    # recent posts, archives, breadcrumb "you are here", published, updated, category
    "en": ("Posted on", "by", "Tags", "Comments", "Reply", "Leave a Reply", "Recent Posts",
           "Archives", "You are here", "Published", "Updated", "Category", "News"),
    "es": ("Publicado el", "por", "Etiquetas", "Comentarios", "Responder",
           "Deja una respuesta", "Entradas recientes", "Archivos", "Usted está aquí",
           "Publicado el", "Actualizado el", "Categoría", "Noticias"),
    "pt": ("Publicado em", "por", "Tags", "Comentários", "Responder", "Deixe uma resposta",
           "Posts recentes", "Arquivos", "Você está aqui", "Publicado em", "Atualizado em",
           "Categoria", "Notícias"),
}
COMMENTS = {
    "en": ("Good summary, thanks for posting the full text.",
           "Does anyone know where the original statement can be found?"),
    "es": ("Buen resumen, gracias por publicar el texto completo.",
           "¿Alguien sabe dónde se puede leer el comunicado original?"),
    "pt": ("Bom resumo, obrigado por publicar o texto completo.",
           "Alguém sabe onde se pode ler a nota original?"),
}


def _wp_when(published: str, lang: str, days: int = 0, clock: str = "") -> str:
    d = date.fromisoformat(published) + timedelta(days=days)
    text = _words(d.isoformat(), lang)
    if clock:
        text += {"en": f" at {clock}", "es": f" a las {clock}", "pt": f" às {clock}"}[lang]
    return text


def wordpress(site: str, page: Page) -> str:
    """A WordPress post: 'Posted on <date> by admin', the category, tags under the post,
    previous/next post links, two reader comments with their own later dates and a
    'Leave a Reply' form, and a sidebar of recent posts (the set's other headlines) and
    monthly archives."""
    lang, published, title, paras, related = page
    c = CHROME[lang]
    d = date.fromisoformat(published)
    body = "".join(f"<p>{_e(p)}</p>" for p in paras)
    recent = "".join(f'<li><a href="/?p={i}">{_e(t)}</a></li>' for i, t in enumerate(related))
    months = "".join(f'<li><a href="/{(d.replace(day=1) - timedelta(days=31 * i)).year}/">'
                     f'{MONTHS[lang][(d.month - 1 - i) % 12].capitalize()} '
                     f'{d.year if d.month - i > 0 else d.year - 1}</a></li>' for i in range(4))
    comments = "".join(
        f'<li class="comment"><article class="comment-body"><footer class="comment-meta">'
        f'<b class="fn">{name}</b> <time datetime="{(d + timedelta(days=k + 1)).isoformat()}">'
        f'{_wp_when(published, lang, k + 1, "10:14 am" if lang == "en" else "10:14")}</time>'
        f'</footer><div class="comment-content"><p>{_e(COMMENTS[lang][k])}</p></div>'
        f'<a class="comment-reply-link" href="#">{c[4]}</a></article></li>'
        for k, name in enumerate(("marcos_r", "defensa_watch")))
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="UTF-8"><title>'
            f'{_e(title)} &#8211; {_e(site)}</title><meta name="generator" '
            f'content="WordPress 6.4.2"></head><body class="post-template-default single">'
            f'<header id="masthead" class="site-header"><p class="site-title"><a href="/">'
            f'{_e(site)}</a></p><p class="site-description">Defensa, seguridad y '
            f'geopolítica</p></header><div id="content" class="site-content"><main id="main">'
            f'<article class="post type-post status-publish"><header class="entry-header">'
            f'<h1 class="entry-title">{_e(title)}</h1><div class="entry-meta"><span '
            f'class="posted-on">{c[0]} <a href="/{d.year}/{d.month:02d}/{d.day:02d}/" '
            f'rel="bookmark"><time class="entry-date published" datetime="{published}'
            f'T11:02:00+00:00">{_words(published, lang)}</time></a></span> <span class="byline">'
            f'{c[1]} <span class="author vcard"><a href="/author/admin/">admin</a></span></span>'
            f'</div></header><div class="entry-content">{body}</div><footer class="entry-footer">'
            f'<span class="cat-links">{c[11]}: <a href="/c/">{c[12]}</a></span> <span '
            f'class="tags-links">{c[2]}: <a href="/t/1">Navy</a>, <a href="/t/2">'
            f'Latin America</a></span></footer></article><nav class="post-navigation">'
            f'<div class="nav-previous"><a href="/?p=9">{_e(related[0]) if related else ""}'
            f'</a></div></nav><div id="comments" class="comments-area"><h2 class="comments-'
            f'title">2 {c[3]}</h2><ol class="comment-list">{comments}</ol><div id="respond">'
            f'<h3 class="comment-reply-title">{c[5]}</h3><form><textarea></textarea></form>'
            f'</div></div></main><aside id="secondary" class="widget-area"><section class="'
            f'widget"><h2 class="widget-title">{c[6]}</h2><ul>{recent}</ul></section><section '
            f'class="widget"><h2 class="widget-title">{c[7]}</h2><ul>{months}</ul></section>'
            f'</aside></div><footer class="site-footer">Proudly powered by WordPress</footer>'
            f'</body></html>\n')


def gov_portal(site: str, page: Page) -> str:
    """A government portal (gov.br-like): breadcrumbs, the title, a subtitle, 'Publicado
    em 03/03/2021 10h15 Atualizado em 05/03/2021 18h02' (numeric, the update two days
    later), share buttons, the text, a 'Tags' list and a 'Categoria' line."""
    lang, published, title, paras, _ = page
    c = CHROME[lang]
    d = date.fromisoformat(published)
    up = d + timedelta(days=2)
    def num(x: date) -> str:
        return f"{x.month:02d}/{x.day:02d}/{x.year}" if lang == "en" \
            else f"{x.day:02d}/{x.month:02d}/{x.year}"
    body = "".join(f"<p>{_e(p)}</p>" for p in paras[1:])
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>'
            f'{_e(title)} — {_e(site)}</title></head><body><div id="barra-brasil">'
            f'{_e(site.upper())}</div><div id="wrapper"><nav class="breadcrumb"><span>'
            f'{c[8]}:</span> <a href="/">{WORDS[lang][4]}</a> &gt; <a href="/a">'
            f'{WORDS[lang][5]}</a> &gt; <a href="/n">{c[12]}</a> &gt; <span>{_e(title[:40])}'
            f'...</span></nav><div id="content"><h1 class="documentFirstHeading">{_e(title)}'
            f'</h1><div class="documentDescription">{_e(paras[0])}</div><div '
            f'class="documentByLine"><span class="documentPublished"><span>{c[9]}</span> '
            f'{num(d)} 10h15</span> <span class="documentModified"><span>{c[10]}</span> '
            f'{num(up)} 18h02</span></div><div class="social-links">{WORDS[lang][6]}: '
            f'<a href="#">Facebook</a> <a href="#">X</a> <a href="#">WhatsApp</a> <a href="#">'
            f'Link</a></div><div id="parent-fieldname-text">{body}</div><div class="tags">'
            f'<span>Tags:</span> <a href="/t/1">{WORDS[lang][5]}</a> <a href="/t/2">'
            f'{c[12]}</a></div><div class="categoria">{c[11]}: {WORDS[lang][5]}</div></div>'
            f'</div><footer>{_e(site)}</footer></body></html>\n')


COOKIE = {
    "en": ("We use cookies to improve your experience, analyse traffic and show "
           "personalised advertising. By continuing to browse you accept their use.",
           "Accept all", "Settings", "Gallery", "Photo {i} of {n}", "2 hours ago"),
    "es": ("Utilizamos cookies propias y de terceros para mejorar su experiencia, analizar "
           "el tráfico y mostrar publicidad personalizada. Si continúa navegando, acepta su "
           "uso.", "Aceptar todas", "Configurar", "Galería", "Foto {i} de {n}", "hace 2 horas"),
    "pt": ("Usamos cookies para melhorar sua experiência, analisar o tráfego e exibir "
           "publicidade personalizada. Ao continuar navegando, você concorda com o seu uso.",
           "Aceitar todos", "Configurar", "Galeria", "Foto {i} de {n}", "há 2 horas"),
}


def og_gallery(site: str, page: Page) -> str:
    """A page that shows only '2 hours ago' while its date is in OpenGraph
    (article:published_time, with a later article:modified_time) and in a Yoast-style
    JSON-LD @graph; a cookie banner opens the body and an image gallery with numbered
    captions sits after the lead."""
    lang, published, title, paras, _ = page
    k = COOKIE[lang]
    d = date.fromisoformat(published)
    ld = json.dumps({"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "@id": "https://www.example.org/n/#webpage", "name": title,
         "datePublished": f"{published}T17:40:00+00:00",
         "dateModified": f"{(d + timedelta(days=1)).isoformat()}T08:00:00+00:00"},
        {"@type": "Organization", "name": site}]}, ensure_ascii=False)
    shots = "".join(f'<figure class="gallery-item"><img src="/g/{i}.jpg" alt=""><figcaption>'
                    f'{_e(k[4].format(i=i, n=4))} · {_e(WORDS[lang][0])}</figcaption></figure>'
                    for i in range(1, 5))
    body = [f"<p>{_e(p)}</p>" for p in paras]
    body.insert(1, f'<div class="gallery"><h3>{k[3]}</h3>{shots}</div>')
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>'
            f'{_e(title)}</title><meta property="og:type" content="article">'
            f'<meta property="og:title" content="{_e(title)}">'
            f'<meta property="article:published_time" content="{published}T17:40:00+00:00">'
            f'<meta property="article:modified_time" content="'
            f'{(d + timedelta(days=1)).isoformat()}T08:00:00+00:00">'
            f'<script type="application/ld+json">{ld}</script></head><body>'
            f'<div id="cookie-notice" class="cookie-banner"><p>{_e(k[0])}</p><button>{k[1]}'
            f'</button><button>{k[2]}</button></div><header><a href="/">{_e(site)}</a></header>'
            f'<main><h1>{_e(title)}</h1><div class="meta"><span class="time-ago">{k[5]}</span>'
            f'</div><div class="entry">{"".join(body)}</div></main></body></html>\n')


AMP = {"en": ("Advertisement", "Next article", "Most read"),
       "es": ("Publicidad", "Siguiente noticia", "Lo más leído"),
       "pt": ("Publicidade", "Próxima notícia", "Mais lidas")}


def amp_ads(site: str, page: Page) -> str:
    """An AMP page with ad slots (labelled) after every third paragraph, a 'next article'
    teaser (another story's headline and the opening of its lead), and a 'most read'
    list; the date in a <time> with a visible numeric date and time."""
    lang, published, title, paras, related = page
    a = AMP[lang]
    body = []
    for i, p in enumerate(paras):
        body.append(f"<p>{_e(p)}</p>")
        if i % 3 == 2:
            body.append(f'<div class="ad-slot"><span class="ad-label">{a[0]}</span><amp-ad '
                        f'width="300" height="250" type="doubleclick" data-slot="/1/{i}">'
                        f'</amp-ad></div>')
    teaser = ""
    if related:
        teaser = (f'<aside class="next-article"><span>{a[1]}</span><h2><a href="/n/next">'
                  f'{_e(related[0])}</a></h2></aside>')
    most = "".join(f'<li><a href="/m/{i}">{_e(t)}</a></li>' for i, t in enumerate(related[1:]))
    return (f'<!doctype html><html ⚡ lang="{lang}"><head><meta charset="utf-8"><title>'
            f'{_e(title)}</title><link rel="canonical" href="https://www.example.org/n/1">'
            f'</head><body><header class="amp-header"><a href="/">{_e(site)}</a></header>'
            f'<article><h1>{_e(title)}</h1><div class="byline"><time datetime="{published}'
            f'T14:05">{_numeric(published, lang)}</time></div>{"".join(body)}</article>'
            f'{teaser}<section class="most-read"><h3>{a[2]}</h3><ol>{most}</ol></section>'
            f'<footer>{_e(site)} - {WORDS[lang][7]}</footer></body></html>\n')


FORUM = {"en": ("Forum index", "Posted", "wrote", "Quote", "Joined", "Posts", "Page 1 of 1"),
         "es": ("Índice del foro", "Publicado", "escribió", "Citar", "Registrado",
                "Mensajes", "Página 1 de 1"),
         "pt": ("Índice do fórum", "Postado", "escreveu", "Citar", "Registrado",
                "Mensagens", "Página 1 de 1")}
REPLY = {"en": "Interesting. This fits with what has been going on all year.",
         "es": "Interesante. Encaja con lo que viene pasando todo el año.",
         "pt": "Interessante. Combina com o que vem acontecendo o ano todo."}


def forum_thread(site: str, page: Page) -> str:
    """A defence forum thread: the story pasted as the first post (the title as the
    thread's), each post with its author box (join date, post count) and a 'Posted'
    timestamp; the second post quotes the story's second paragraph ('X wrote:') and adds
    one line; a later third post is a short comment."""
    lang, published, title, paras, _ = page
    f = FORUM[lang]
    d = date.fromisoformat(published)

    def stamp(days: int, clock: str) -> str:
        x = d + timedelta(days=days)
        return f"{MONTHS['en'][x.month - 1][:3]} {x.day:02d}, {x.year} {clock}" \
            if lang == "en" else f"{x.day:02d} {MONTHS[lang][x.month - 1][:3]} {x.year} {clock}"

    def post(n: int, who: str, days: int, clock: str, inner: str) -> str:
        return (f'<div class="post" id="p{n}"><dl class="postprofile"><dt>{who}</dt><dd>'
                f'{f[4]}: Mar 2015</dd><dd>{f[5]}: {311 * n}</dd></dl><div class="postbody">'
                f'<p class="author">{f[1]}: {stamp(days, clock)}</p><div class="content">'
                f'{inner}</div></div></div>')

    first = "<br><br>".join(_e(p) for p in paras)
    quoted = _e(paras[1] if len(paras) > 1 else paras[0])
    second = (f'<blockquote><cite>naval_fan {f[2]}:</cite>{quoted}</blockquote>'
              f'{_e(REPLY[lang])}')
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>'
            f'{_e(title)} - {_e(site)}</title></head><body><div class="navbar"><a href="/">'
            f'{f[0]}</a> &raquo; {WORDS[lang][5]}</div><h2 class="topic-title">{_e(title)}</h2>'
            f'<div class="pagination">{f[6]}</div>'
            + post(1, "naval_fan", 0, "9:41 pm" if lang == "en" else "21:41", first)
            + post(2, "Tiago_BR", 1, "8:02 am" if lang == "en" else "08:02", second)
            + post(3, "kraken", 3, "6:15 pm" if lang == "en" else "18:15", _e(REPLY[lang]))
            + f'<div class="pagination">{f[6]}</div></body></html>\n')


TEASE = {"en": ("More news", "Read more"), "es": ("Más noticias", "Leer más"),
         "pt": ("Mais notícias", "Leia mais")}


def section_front(site: str, page: Page) -> str:
    """The story as one <article> among teaser <article>s (other stories' headlines and
    a 'read more' link) on a section page, as state news agencies' sites (RIA, Xinhua
    in Spanish) lay them out; the story's date a numeric one in its own <article>."""
    lang, published, title, paras, related = page
    t = TEASE[lang]
    teasers = [f'<article class="teaser"><h3><a href="/n/{i}">{_e(r)}</a></h3><a class="more" '
               f'href="/n/{i}">{t[1]}</a></article>' for i, r in enumerate(related)]
    story = (f'<article class="main-story"><h1>{_e(title)}</h1><div class="date">'
             f'{_numeric(published, lang)}</div>'
             + "".join(f"<p>{_e(p)}</p>" for p in paras) + "</article>")
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>'
            f'{_e(title)} - {_e(site)}</title></head><body><header><a href="/">{_e(site)}'
            f'</a> | {WORDS[lang][5]}</header><div class="column">{teasers[0] if teasers else ""}'
            f'{story}<h2>{t[0]}</h2>{"".join(teasers[1:])}</div><footer>&copy; {_e(site)}'
            f'</footer></body></html>\n')


TEMPLATES = {"amp_story": amp_story, "wire_br": wire_br, "portal_table": portal_table,
             "inline_related": inline_related, "newsletter_break": newsletter_break,
             "liveblog": liveblog, "relative_age": relative_age, "print_view": print_view,
             "wordpress": wordpress, "gov_portal": gov_portal, "og_gallery": og_gallery,
             "amp_ads": amp_ads, "forum_thread": forum_thread, "section_front": section_front}


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
