"""Which library reads German news pages best: main text, title and date, boilerplate left out.

    python -m benchmarks.htmlpages            # 20 pages: 5 site layouts x 4 articles
    python -m benchmarks.htmlpages --pages 40

The pages are written here, in the layouts German news sites use (navigation, cookie banner,
breadcrumbs, share buttons, teasers of other articles with whole sentences, author box,
newsletter box, comments, footer), around articles whose text is known: XQuAD's German
passages (48 Wikipedia articles, ``../shared``), five paragraphs each with a subheading and
sometimes a list. For each extractor it counts body paragraphs lost (not found in what it
extracts), boilerplate texts indexed (found there), titles and dates read, and time per page.
Figures go to stdout as Markdown and to ``benchmarks/results/htmlpages.json``.
"""
from __future__ import annotations

import argparse
import html
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from benchmarks.corpora import xquad_passages
from benchmarks.results import RESULTS, save_results

NAV = ["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur", "Wissen", "Regional", "Video", "Podcast"]
BOILERPLATE = {
    "cookie": "Wir verwenden Cookies und ähnliche Technologien, um Ihnen das beste Nutzererlebnis zu bieten. "
              "Mit einem Klick auf Zustimmen erklären Sie sich damit einverstanden.",
    "teaser1": "Bundestag beschließt Haushalt für das kommende Jahr nach langen Verhandlungen der Koalition.",
    "teaser2": "Unwetter in Süddeutschland: Feuerwehr meldet Hunderte Einsätze in der Nacht.",
    "teaser3": "Bahnstreik: Die Gewerkschaft kündigt neue Arbeitsniederlegungen für die kommende Woche an.",
    "newsletter": "Abonnieren Sie unseren Newsletter und erhalten Sie jeden Morgen die wichtigsten Nachrichten.",
    "comment": "Leserin Ingrid schrieb: Endlich berichtet jemand ausführlich darüber, vielen Dank dafür.",
    "author": "Anna Schmidt ist Redakteurin im Ressort Wissen und schreibt über Geschichte und Technik.",
    "footer": "Impressum Datenschutz Kontakt Barrierefreiheit Mediengruppe Nachrichten GmbH",
    "share": "Artikel teilen auf Facebook Artikel drucken Link kopieren",
    "breadcrumb": "Startseite Wissen Geschichte",
}


@dataclass(frozen=True)
class Page:
    """A written page and what it holds: its body paragraphs, title and date."""

    html: str
    title: str
    published: str
    paragraphs: list[str]


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _body(paragraphs: list[str], subheading: str, with_list: bool) -> str:
    parts = [f"<p>{_escape(paragraphs[0])}</p>", f"<p>{_escape(paragraphs[1])}</p>", f"<h2>{_escape(subheading)}</h2>"]
    parts += [f"<p>{_escape(p)}</p>" for p in paragraphs[2:4]]
    if with_list:
        parts.append("<ul>" + "".join(f"<li>{_escape(item)}</li>" for item in paragraphs[4].split(". ")[:3]) + "</ul>")
    else:
        parts.append(f"<p>{_escape(paragraphs[4])}</p>")
    return "\n".join(parts)


def _teasers(tag: str = "div") -> str:
    return "".join(f'<{tag} class="teaser"><a href="/a{n}"><h3>Mehr zum Thema</h3><p>{BOILERPLATE[f"teaser{n}"]}'
                   f"</p></a></{tag}>" for n in (1, 2, 3))


def _layouts() -> list[Callable[[str, str, str, str], str]]:
    """Five site layouts: title, display date, ISO date, body → a page."""
    nav = "<nav><ul>" + "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV) + "</ul></nav>"
    cookie = f'<div id="cookie-banner" class="consent">{BOILERPLATE["cookie"]}<button>Zustimmen</button></div>'
    footer = f'<footer class="site-footer"><p>{BOILERPLATE["footer"]}</p><p>© 2024</p></footer>'
    share = f'<div class="share-buttons">{BOILERPLATE["share"]}</div>'

    def public_broadcaster(title, shown, iso, body):
        return (f"<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>{title} | tagesschau.de</title>"
                f"<meta property='article:published_time' content='{iso}'></head><body>{cookie}"
                f"<header class='header'>{nav}</header><main><article><div class='meta'>Stand: {shown} Uhr</div>"
                f"<h1>{title}</h1>{body}{share}</article><aside class='related'>{_teasers()}</aside></main>"
                f"{footer}<script>var tracking = {{'page': 'artikel', 'ressort': 'wissen'}};</script></body></html>")

    def magazine(title, shown, iso, body):
        return (f"<!DOCTYPE html><html><head><title>{title} - DER MAGAZIN</title>"
                f"<script type='application/ld+json'>{{\"@type\": \"NewsArticle\", \"datePublished\": \"{iso}\"}}"
                f"</script></head><body><div class='topbar'>{nav}</div>{cookie}<div class='breadcrumb'>"
                f"{BOILERPLATE['breadcrumb']}</div><div class='article-wrapper'><h1 class='headline'>{title}</h1>"
                f"<time datetime='{iso}'>{shown} Uhr</time><div class='article-body'>{body}</div>"
                f"<div class='author-box'>{BOILERPLATE['author']}</div>{share}</div>"
                f"<section class='more-articles'>{_teasers('article')}</section>"
                f"<div class='newsletter-signup'><p>{BOILERPLATE['newsletter']}</p></div>{footer}</body></html>")

    def weekly(title, shown, iso, body):
        return (f"<html><head><meta charset='utf-8'><title>{title} | ZEIT</title>"
                f"<meta name='date' content='{iso}'></head><body><header>{nav}</header><main id='main'>"
                f"<article class='article'><header class='article-header'><h1>{title}</h1>"
                f"<p class='byline'>Von Anna Schmidt, {shown} Uhr</p></header><div class='article-page'>{body}</div>"
                f"</article><section id='comments' class='comments'><h2>Kommentare</h2><p>{BOILERPLATE['comment']}"
                f"</p></section></main>{footer}</body></html>")

    def regional(title, shown, iso, body):
        # A table layout with no article or main element, as older regional sites have.
        return (f"<html><head><title>{title} - Lokalanzeiger</title></head><body><table><tr><td class='menu'>"
                f"{nav}</td><td class='content'><h1>{title}</h1><p class='datum'>{shown}</p>{body}"
                f"<p class='newsletter'>{BOILERPLATE['newsletter']}</p></td><td class='sidebar'>{_teasers()}"
                f"</td></tr></table><div class='footer'>{BOILERPLATE['footer']}</div></body></html>")

    def blog(title, shown, iso, body):
        return (f"<!doctype html><html><head><title>{title}</title><style>p {{ margin: 0 }}</style></head><body>"
                f"<div id='cookie-notice'>{BOILERPLATE['cookie']}</div><div class='site'><div class='nav-menu'>"
                f"{nav}</div><div class='post'><h1 class='entry-title'>{title}</h1><span class='posted-on'>"
                f"Veröffentlicht am {shown}</span><div class='entry-content'>{body}</div></div><div class='widget'>"
                f"{_teasers()}</div><div id='respond' class='comment-respond'><p>{BOILERPLATE['comment']}</p></div>"
                f"</div>{footer}</body></html>")

    return [public_broadcaster, magazine, weekly, regional, blog]


def pages(count: int = 20) -> list[Page]:
    """``count`` pages: the layouts in turn, each around the next XQuAD article."""
    articles: dict[str, list[str]] = {}
    for passage in xquad_passages():
        articles.setdefault(passage["title"], []).append(passage["text"])
    layouts = _layouts()
    written = []
    for number, (slug, paragraphs) in enumerate(list(articles.items())[:count]):
        title = slug.replace("_", " ")
        day = 1 + number % 28
        shown, iso = f"{day:02d}.06.2024, 09:{10 + number:02d}", f"2024-06-{day:02d}T09:{10 + number:02d}:00+02:00"
        body = _body(paragraphs, f"Hintergrund zu {title}", with_list=number % 3 == 0)
        text = layouts[number % len(layouts)](_escape(title), shown, iso, body)
        listed = paragraphs[:4] + (paragraphs[4].split(". ")[:3] if number % 3 == 0 else [paragraphs[4]])
        written.append(Page(text, title, iso[:10], listed))
    return written


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def measure(extract: Callable[[str], tuple[str, str | None, str | None]], written: Sequence[Page]) -> dict:
    """Body paragraphs lost and boilerplate texts kept over the pages, titles and dates read, ms per page."""
    lost = kept = titles = dates = 0
    times = []
    for page in written:
        started = time.perf_counter()
        text, title, published = extract(page.html)
        times.append((time.perf_counter() - started) * 1000)
        found = _normalised(text)
        lost += sum(_normalised(p) not in found for p in page.paragraphs)
        kept += sum(_normalised(b)[:40] in found for b in BOILERPLATE.values()) + sum(
            f" {n.lower()} " in f" {found} " and n.lower() not in _normalised(" ".join(page.paragraphs))
            for n in NAV[5:])
        titles += bool(title) and _normalised(title) == _normalised(page.title)
        dates += bool(published) and published.startswith(page.published)
    return {"pages": len(written), "paragraphs": sum(len(p.paragraphs) for p in written), "lost": lost,
            "boilerplate_kept": kept, "titles": titles, "dates": dates, "ms_per_page": statistics.median(times)}


def fundstelle(page: str) -> tuple[str, str | None, str | None]:
    """Fundstelle's HTML reader (indexer.sources.html), as an index run uses it."""
    from indexer.sources.html import parse_html

    article = parse_html(page, "")
    return " ".join(p.text for p in article.paragraphs), article.title, article.published


def trafilatura_default(page: str, **options: bool) -> tuple[str, str | None, str | None]:
    import trafilatura

    result = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=True,
                                         **options)
    if result is None:
        return "", None, None
    return result.text or "", result.title, result.date


def trafilatura_recall(page: str) -> tuple[str, str | None, str | None]:
    return trafilatura_default(page, favor_recall=True)


def readability_lxml(page: str) -> tuple[str, str | None, str | None]:
    from readability import Document

    document = Document(page)
    text = re.sub(r"<[^>]+>", " ", document.summary(html_partial=True))
    return html.unescape(text), document.short_title(), None


_BOILERPLATE_CLASS = re.compile(r"cookie|consent|teaser|related|share|social|comment|respond|newsletter|footer|"
                                r"header|nav|menu|breadcrumb|banner|promo|author|widget|sidebar|more-", re.I)


def selectolax_rules(page: str) -> tuple[str, str | None, str | None]:
    """selectolax with rules of our own: drop scripts, navigation and boxes by tag and class, keep
    the article element (or main, or body). The rules were written knowing these pages' class
    names: its figures here flatter it, against libraries made on thousands of real sites."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(page)
    for node in tree.css("script, style, nav, footer, aside, form, noscript, header"):
        node.decompose()
    for node in tree.css("[class], [id]"):
        if _BOILERPLATE_CLASS.search(f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"):
            node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body
    blocks = [node.text(separator=" ") for node in root.css("p, li, h2, h3, blockquote")] if root else []
    title = tree.css_first("h1")
    return " ".join(blocks), title.text() if title else None, None


EXTRACTORS: dict[str, Callable[[str], tuple[str, str | None, str | None]]] = {
    "Fundstelle (indexer.sources.html)": fundstelle,
    "trafilatura 2.3 (bare_extraction)": trafilatura_default,
    "trafilatura 2.3 (bare_extraction, favor_recall)": trafilatura_recall,
    "readability-lxml 0.9 (summary)": readability_lxml,
    "selectolax 1.0 + own rules": selectolax_rules,
}


def markdown(report: dict) -> str:
    lines = [f"{report['pages']} pages in {len(_layouts())} site layouts, {report['paragraphs']} body paragraphs, "
             f"{len(BOILERPLATE) + len(NAV) - 5} boilerplate texts a page at most:", "",
             "| extractor | body paragraphs lost | boilerplate texts indexed | titles read | dates read | ms/page |",
             "| --- | --- | --- | --- | --- | --- |"]
    for name, r in report["extractors"].items():
        if isinstance(r, str):
            lines.append(f"| {name} | {r} | | | | |")
            continue
        lines.append(f"| {name} | {r['lost']} | {r['boilerplate_kept']} | {r['titles']} / {r['pages']} | "
                     f"{r['dates']} / {r['pages']} | {r['ms_per_page']:.1f} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--json", type=Path, default=RESULTS / "htmlpages.json")
    args = parser.parse_args(argv)
    written = pages(args.pages)
    report: dict = {"pages": len(written), "paragraphs": sum(len(p.paragraphs) for p in written), "extractors": {}}
    for name, extract in EXTRACTORS.items():
        try:
            report["extractors"][name] = measure(extract, written)
        except ImportError as exc:
            report["extractors"][name] = f"not installed ({exc.name})"
    print(markdown(report))
    save_results(args.json, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
