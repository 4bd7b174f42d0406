"""Web pages: main text without chrome lines set as article paragraphs, and the
publication date from markup or from a byline in words. Pages written here."""

import hashlib

import pytest

from pipeline.extract import extract
from pipeline.extract.chrome import chrome_kind
from pipeline.records import Fetched

BODY = ["El ministro de Defensa recibió en Lima a una delegación de oficiales de la Armada "
        "china, que llegó al Callao a bordo del buque escuela Qi Jiguang.",
        "Durante la visita, los oficiales recorrieron la Escuela Naval y conversaron sobre "
        "cursos de formación para cadetes de ambos países.",
        "La delegación partió el viernes rumbo a Valparaíso, donde hará una escala de cuatro "
        "días antes de seguir hacia el sur."]


def page(extra_head: str = "", byline: str = "", inside: str = "") -> Fetched:
    paragraphs = [f"<p>{BODY[0]}</p>", f"<p>{BODY[1]}</p>", inside, f"<p>{BODY[2]}</p>"]
    markup = (f"<!DOCTYPE html><html lang='es'><head><title>Visita naval</title>{extra_head}"
              f"</head><body><header><nav><a href='/'>Inicio</a></nav></header><main>"
              f"<article><h1>Visita naval china en Lima</h1>{byline}{''.join(paragraphs)}"
              f"</article></main><footer>Todos los derechos reservados</footer></body></html>")
    body = markup.encode()
    return Fetched(url="file:///visita.html", final_url="file:///visita.html", source=None,
                   body=body, sha256=hashlib.sha256(body).hexdigest())


@pytest.mark.parametrize("chrome", [
    "<p>Lea también: La Armada peruana despide al buque escuela Unión</p>",
    "<p>Leia também: Marinha recebe navio-escola chinês no Rio</p>",
    "<p>Read also: Chinese training ship reaches the Pacific</p>",
    "<p>Foto: El buque Qi Jiguang en el muelle del Callao. (Marina de Guerra)</p>",
    "<p>Etiquetas: Armada, China, Perú</p>",
    "<p>Compartir: Facebook | X | WhatsApp</p>",
    "<p>3 comentarios</p>",
    "<p>Suscríbete a nuestro boletín y recibe las noticias de defensa</p>",
    "<p>Última actualización: 17 de julio de 2024</p>",
    "<p>Atualizado em 17/07/2024 14h30</p>",
    "<p>© 2024 Diario del Puerto</p>",
    "<p>Todos los derechos reservados. Diario del Puerto, 2024</p>",
    "<p>Registrado: Mar 2015</p>",
    "<p>Joined: Mar 2015</p>",
    "<p>Mensagens: 311</p>",
    "<p>- (sigue) -</p>",
])
def test_chrome_lines_in_the_article_never_reach_the_text(chrome, settings):
    doc = extract(page(inside=chrome), settings)
    assert doc.text.splitlines()[-3:] == BODY
    assert chrome.removeprefix("<p>").removesuffix("</p>")[:20] not in doc.text
    assert any(w.startswith("removed chrome lines: ") for w in doc.warnings)


def test_a_paragraph_that_merely_opens_with_a_chrome_word_is_kept():
    for line in ("Photographs of the ceremony were released by the ministry.",
                 "Video footage showed the ship entering the port of Callao.",
                 "Related talks will follow in Brasília next month.",
                 "Updated figures released on Monday show the navy received six boats.",
                 "Joined by the Chilean frigate, the ship sailed south on Monday."):
        assert chrome_kind(line) is None


@pytest.mark.parametrize("extra_head, byline, published", [
    ('<script type="application/ld+json">{"@type": "NewsArticle", '
     '"datePublished": "2024-07-08T10:00:00-05:00"}</script>', "", "2024-07-08"),
    ('<meta property="article:published_time" content="2024-07-08">', "", "2024-07-08"),
    ("", '<div class="author-line">Por Ana Torres | Publicado el 8 de julio de 2024</div>',
     "2024-07-08"),
    ("", '<p class="meta">Publicado em 8 de julho de 2024, às 10h</p>', "2024-07-08"),
    ("", '<span class="date">July 8, 2024</span>', "2024-07-08"),
    ("", '<time>8 de julio de 2024</time>', "2024-07-08"),
    ("", "", None),
])
def test_publication_date_from_markup_or_a_byline_in_words(extra_head, byline, published,
                                                          settings):
    assert extract(page(extra_head, byline), settings).published == published


def portal(cells: str) -> Fetched:
    markup = ("<!DOCTYPE html><html lang='es'><head><meta charset='utf-8'><title>Portal</title>"
              f"</head><body><table width='100%'><tr>{cells}</tr></table></body></html>")
    body = markup.encode()
    return Fetched(url="file:///portal.html", final_url="file:///portal.html", source=None,
                   body=body, sha256=hashlib.sha256(body).hexdigest())


def test_a_page_laid_out_in_a_table_keeps_its_paragraphs(settings):
    # an old portal: menu, story and related headlines side by side in one table row; read
    # as a table, the story ran into one line between "| Inicio" and "| Noticias ... |"
    story = "".join(f"<p>{line}</p>" for line in BODY)
    doc = extract(portal(
        "<td class='nav'><a href='/'>Inicio</a><br><a href='/d'>Defensa</a></td>"
        f"<td class='main'><h1>Visita naval china en Lima</h1>{story}</td>"
        "<td class='side'><h3>Noticias relacionadas</h3><ul><li><a href='/1'>La fragata "
        "Almirante Grau llegó a Panamá</a></li></ul></td>"), settings)
    lines = doc.text.splitlines()
    assert all(line in lines for line in BODY)
    assert "|" not in doc.text


def test_a_data_table_in_a_story_stays_rows_of_cells(settings):
    rows = ("<td>Buque</td><td>Puerto</td></tr><tr><td>Qi Jiguang</td><td>Callao</td></tr>"
            "<tr><td>Unión</td><td>Valparaíso</td>")
    markup = ("<!DOCTYPE html><html lang='es'><head><title>Escalas</title></head><body>"
              f"<article><h1>Escalas</h1><p>{BODY[0]}</p><p>{BODY[1]}</p><table><tr>{rows}"
              f"</tr></table><p>{BODY[2]}</p></article></body></html>")
    body = markup.encode()
    doc = extract(Fetched(url="file:///t.html", final_url="file:///t.html", source=None,
                          body=body, sha256=hashlib.sha256(body).hexdigest()), settings)
    assert any("Qi Jiguang" in line and "Callao" in line for line in doc.text.splitlines())


@pytest.mark.parametrize("lang, stamp, dateline, published", [
    ("en", "11/07/2012 2:05 PM", "SEOUL, Nov. 7 (Newswire) -- South Korea has agreed to sell "
     "twenty basic trainer aircraft to Peru, the procurement agency said.", "2012-11-07"),
    ("es", "07/11/2012 14:05", "LIMA, 7 de noviembre (Agencia) - El Ministerio de Defensa "
     "firmó la compra de veinte aviones de entrenamiento básico.", "2012-11-07"),
])
def test_a_date_in_figures_is_read_the_way_the_dateline_states_it(lang, stamp, dateline,
                                                                  published, settings):
    assert stamped_story(settings, lang, stamp, [dateline] + BODY).published == published


def stamped_story(settings, lang: str, stamp: str, paragraphs: list[str]):
    """A story page with its date in a span above the text, as wire portals print it."""
    paras = "<br><br>".join(paragraphs)
    markup = (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>Venta"
              f"</title></head><body><div class='story'><h2>Venta de aviones</h2><span "
              f"class='dt'>{stamp}</span><div class='story-body'>{paras}</div></div>"
              "</body></html>")
    body = markup.encode()
    return extract(Fetched(url="file:///w.html", final_url="file:///w.html", source=None,
                           body=body, sha256=hashlib.sha256(body).hexdigest()), settings)


@pytest.mark.parametrize("lang, stamp, published", [
    ("en", "11/09/2020 2:05 PM", "2020-11-09"),  # a US page: month first
    ("es", "11/09/2020 2:05 p.m.", "2020-09-11"),  # Bogotá: day first, whatever the clock
    ("en", "11/09/2020 14:05", "2020-09-11"),  # no twelve-hour clock: as read before
])
def test_a_date_in_figures_with_a_twelve_hour_clock_on_an_english_page_is_month_first(
        lang, stamp, published, settings):
    story = {"en": "The hospital ship reached the port on a ten-day mission of the navy, "
                   "with doctors and nurses who will treat patients ashore.",
             "es": "El buque hospital llegó al puerto en una misión de diez días de la marina, "
                   "con médicos y enfermeras que atenderán pacientes en tierra."}[lang]
    assert stamped_story(settings, lang, stamp, [story] * 3).published == published


@pytest.mark.parametrize("stamp, address, published", [
    ("03/27/2019 9:40 AM", "https://news.example.net/2019/03/frigate-visit", "2019-03-27"),
    ("04/09/2019 9:40 AM", "https://news.example.net/2019/04/frigate-visit", "2019-04-09"),
    ("04/09/2019 9:40 AM", "https://news.example.net/2019/09/frigate-visit", "2019-09-04"),
    ("01/15/2021 10:00", "https://news.example.net/2021/01/frigate-visit", "2021-01-15"),
])
def test_a_date_in_figures_is_read_in_the_month_the_printed_address_names(stamp, address,
                                                                           published, settings):
    paras = "<br><br>".join(BODY)
    markup = (f"<html><head><title>Imprimir</title></head><body><font size='2'>"
              f"<a href='javascript:window.print()'>Imprimir</a><br><br><b>Visita naval</b>"
              f"<br>{stamp}<br>{address}<br><br>{paras}</font></body></html>")
    body = markup.encode()
    doc = extract(Fetched(url="file:///p.html", final_url="file:///p.html", source=None,
                          body=body, sha256=hashlib.sha256(body).hexdigest()), settings)
    assert doc.published == published


MORE = ["El agregado de Defensa de la embajada acompañó a la delegación durante toda la jornada "
        "y ofreció una recepción en la residencia del embajador.",
        "Los cadetes peruanos visitaron el buque y conversaron con sus pares sobre la vida a "
        "bordo y los cursos de navegación que siguen en la escuela.",
        "La Marina de Guerra informó que el programa de intercambio continuará el próximo año "
        "con una visita de cadetes peruanos a la academia naval de Dalian."]


def _fetched(markup: str, name: str = "g.html") -> Fetched:
    body = markup.encode()
    return Fetched(url=f"file:///{name}", final_url=f"file:///{name}", source=None,
                   body=body, sha256=hashlib.sha256(body).hexdigest())


@pytest.mark.parametrize("lang, published_at, updated_at, published", [
    ("pt", "12/06/2024 10h15", "14/06/2024 18h02", "2024-06-12"),
    ("es", "05/03/2021 09h00", "07/03/2021 11h30", "2021-03-05"),
    ("en", "07/27/2024 10h15", "07/29/2024 18h02", "2024-07-27"),
    ("en", "04/01/2024 10h15", "04/03/2024 18h02", "2024-04-01"),  # the update just after
    ("pt", "12 de junho de 2024 10h15", "14 de junho de 2024 18h02", "2024-06-12"),
])
def test_a_portal_s_published_date_is_not_its_update_and_its_lead_is_kept(
        lang, published_at, updated_at, published, settings):
    labels = {"pt": ("Publicado em", "Atualizado em"), "es": ("Publicado el", "Actualizado el"),
              "en": ("Published", "Updated")}[lang]
    body = "".join(f"<p>{p}</p>" for p in BODY[1:] + MORE)
    markup = (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>Visita"
              f"</title></head><body><nav class='breadcrumb'><a href='/'>Inicio</a> &gt; "
              f"<a href='/n'>Noticias</a></nav><div id='content'><h1>Visita naval china en "
              f"Lima</h1><div class='documentDescription'>{BODY[0]}</div><div class='"
              f"documentByLine'><span class='documentPublished'><span>{labels[0]}</span> "
              f"{published_at}</span> <span class='documentModified'><span>{labels[1]}</span> "
              f"{updated_at}</span></div><div class='social-links'>Compartir: <a href='#'>"
              f"Facebook</a> <a href='#'>X</a></div><div id='parent-fieldname-text'>{body}"
              f"</div><div class='tags'><span>Tags:</span> <a href='/t/1'>Defensa</a></div>"
              f"</div></body></html>")
    doc = extract(_fetched(markup), settings)
    assert doc.published == published
    assert 0 <= doc.text.find(BODY[0]) < doc.text.find(BODY[1])  # the standfirst, in a <div>


def english_page(inside: str, head: str = "") -> Fetched:
    """An English page (``lang='en'``) holding ``inside`` in its body."""
    return _fetched(f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Visit"
                    f"</title>{head}</head><body>{inside}</body></html>")


def test_a_date_element_s_own_date_beats_its_figures_read_the_other_way(settings):
    body = "".join(f"<p>{p}</p>" for p in BODY)
    page = english_page(f"<article><h1>Visita naval china en Lima</h1><div class='byline'><time "
                        f"datetime='2022-01-12T14:05'>01/12/2022 2:05 PM</time></div>{body}"
                        f"</article>",
                        "<link rel='canonical' href='https://www.example.org/n/1'>")
    assert extract(page, settings).published == "2022-01-12"


@pytest.mark.parametrize("lang, stamp, published", [
    ("es", "Publicado: 16 oct 2013 21:41", "2013-10-16"),
    ("pt", "Postado: 05 fev 2019 08:02", "2019-02-05"),
    ("pt", "Postado: 03 set 2018 18:15", "2018-09-03"),
])
def test_a_forum_post_s_date_with_the_month_in_three_letters(lang, stamp, published, settings):
    first = "<br><br>".join(BODY)
    markup = (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>Visita"
              f"</title></head><body><h2 class='topic-title'>Visita naval china en Lima</h2>"
              f"<div class='post'><dl class='postprofile'><dt>naval_fan</dt></dl><div "
              f"class='postbody'><p class='author'>{stamp}</p><div class='content'>{first}"
              f"</div></div></div></body></html>")
    assert extract(_fetched(markup), settings).published == published


def test_a_press_wire_release_is_dated_by_its_dateline_not_by_its_list_of_other_releases(
        settings):
    # the release's own day is in its dateline; the page's only other dates are those of
    # the same source's earlier releases, listed at the foot
    earlier = "".join(f"<li><span class='dt'>{d}, 09:00 ET</span> <a href='/r/{k}'>Earlier "
                      f"release {k}</a></li>" for k, d in enumerate(
                          ["Oct 23, 2018", "Mar 02, 2018", "Jun 23, 2021"]))
    lead = (f"March 31, 2024 /PRDispatch/ -- {BODY[0]}")
    body = "".join(f"<p>{p}</p>" for p in [lead] + BODY[1:] + MORE)
    page = english_page(f"<main><h1>Naval visit release</h1><div class='meta'>News provided by "
                        f"<a href='/o'>Harbour Forum</a></div><article>{body}</article><section "
                        f"class='more'><h2>Also from this source</h2><ul>{earlier}</ul></section>"
                        f"</main>")
    assert extract(page, settings).published == "2024-03-31"


@pytest.mark.parametrize("stamp, published", [
    ("01.04.2024", "2024-04-01"),  # dotted: day first on an English page too
    ("12.03.2024", "2024-03-12"),
])
def test_a_dotted_labelled_date_on_an_english_page_is_day_first(stamp, published, settings):
    body = "".join(f"<p>{p}</p>" for p in BODY + MORE)
    page = english_page(f"<article><h1>Naval visit</h1><div class='entry-meta'><span class="
                        f"'posted-on'>Published: {stamp}</span> <span class='updated-on'>Last "
                        f"updated: {stamp} 16:05</span></div>{body}</article>")
    assert extract(page, settings).published == published


@pytest.mark.parametrize("intro, full", [("itemIntroText", "itemFullText"),
                                         ("introtext", "fulltext")])
def test_a_cms_intro_set_apart_from_the_full_text_is_the_story_s_lead(intro, full, settings):
    """Joomla/K2 write the lead in an intro block beside the full-text block; the lead
    states the news and must not be lost with the intro."""
    rest = "".join(f"<p>{p}</p>" for p in BODY[1:] + MORE)
    markup = (f"<!DOCTYPE html><html lang='es'><head><meta charset='utf-8'><title>Visita</title>"
              f"</head><body><nav><a href='/'>Inicio</a></nav><div id='k2Container' class="
              f"'itemView'><h2 class='itemTitle'>Visita naval china en Lima</h2><div class="
              f"'itemBody'><div class='{intro}'><p><strong>{BODY[0]}</strong></p></div><div "
              f"class='{full}'>{rest}</div></div><div class='itemTags'>Etiquetas: <a href='#'>"
              f"Armada</a></div></div></body></html>")
    doc = extract(_fetched(markup), settings)
    assert 0 <= doc.text.find(BODY[0]) < doc.text.find(BODY[1])
