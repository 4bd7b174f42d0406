"""Large web pages under max_bytes: read in full, or refused with an error that says why,
never stored as empty or with half their text (libxml2 stops at a text run over 10 MB and
drops the rest of the page without a word)."""

import hashlib

import pytest

from pipeline.extract import extract
from pipeline.records import Fetched

PARAGRAPH = ("<p>Paragraph {i}: the navy of Chile received a delegation of officers from "
             "China in Valparaiso on 3 March 2024, and the officers toured the academy.</p>")
ARTICLE = "".join(PARAGRAPH.format(i=i) for i in range(40))


def fetched(markup: str) -> Fetched:
    body = markup.encode()
    return Fetched(url="file:///tmp/big.html", final_url="file:///tmp/big.html", source=None,
                   body=body, sha256=hashlib.sha256(body).hexdigest())


@pytest.mark.parametrize("page", [
    # a 12 MB inline script before the article (state of a JavaScript app)
    f"<html><head><title>Big</title><script>var state='{'x' * 12_000_000}';</script>"
    f"</head><body><article>{ARTICLE}</article></body></html>",
    # a 35 MB inline image in the article
    f"<html><head><title>Big</title></head><body><article><img src='data:image/png;base64,"
    f"{'A' * 35_000_000}'>{ARTICLE}</article></body></html>",
    # a 12 MB script in the middle of the article: the second half used to be lost
    f"<html><head><title>Big</title></head><body><article>{ARTICLE[:len(ARTICLE) // 2]}"
    f"<script>var d='{'y' * 12_000_000}';</script>{ARTICLE[len(ARTICLE) // 2:]}</article>"
    f"</body></html>",
], ids=["script-12MB", "image-35MB", "script-mid-article-12MB"])
def test_a_large_page_keeps_its_whole_article(page, settings):
    doc = extract(fetched(page), settings)
    assert (doc.error_class, doc.error) == (None, None)
    assert [i for i in range(40) if f"Paragraph {i}:" in doc.text] == list(range(40))


def test_a_text_run_the_parser_cannot_hold_is_too_large_and_says_why(settings):
    page = (f"<html><head><title>Log</title></head><body><pre>{'z ' * 6_000_000}</pre>"
            f"<article>{ARTICLE}</article></body></html>")
    doc = extract(fetched(page), settings)
    assert (doc.error_class, doc.error) == (
        "too_large", "a run of 12,000,004 characters without markup is over the HTML "
        "parser's limit (10,000,000 characters)")
