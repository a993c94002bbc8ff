"""Which library reads German news pages best: main text, title and date, boilerplate left out.

    python -m benchmarks.htmlpages            # 20 written pages; the 8 real pages in tests/data/pages
    python -m benchmarks.htmlpages --pages 40 --trafilatura ~/src/trafilatura   # its 84 tested real pages

The pages are written here, in the layouts German news sites use (navigation, cookie banner,
breadcrumbs, share buttons, teasers of other articles with whole sentences, author box,
newsletter box, comments, footer), around articles whose text is known: XQuAD's German
passages (48 Wikipedia articles, ``../shared``), five paragraphs each with a subheading and
sometimes a list. For each extractor it counts body paragraphs lost (not found in what it
extracts), boilerplate texts indexed (found there), titles and dates read, and time per page.

Real pages: the web pages trafilatura's own tests read (its repository's ``tests/cache``), with
the text its tests expect each page's extraction to hold and the boilerplate they expect it
not to (``tests/realworld_tests.py``, read here without running it). Eight of them, small and
gzipped, are in ``tests/data/pages`` (:data:`REAL_PAGE_NAMES`, written by
``--save-real-pages`` from a checkout of trafilatura); ``--trafilatura DIR`` measures all of them.
trafilatura's tests keep reader comments, which Fundstelle leaves out on purpose: a snippet of a
comment counts as missed. Figures go to stdout as Markdown and to
``benchmarks/results/htmlpages.json``.
"""
from __future__ import annotations

import argparse
import ast
import gzip
import html
import json
import re
import statistics
import subprocess
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
    """Fundstelle's HTML reader (indexer.sources.html), as an index run reads a page: its title,
    subheadings and paragraphs, which are what the index holds."""
    from indexer.sources import read_source

    (article,) = read_source(page.encode("utf-8"), "page.html")
    texts = [text for p in article.paragraphs for text in (p.heading, p.text) if text]
    return " ".join(dict.fromkeys(texts)), article.title, article.published


# --- real pages --------------------------------------------------------------------------------

#: The real pages in tests/data/pages: German pages where Fundstelle lost text or kept boilerplate
#: (issue 28), and one with decomposed umlauts.
REAL_PAGE_NAMES = ("adac.de.kindersitze.html", "schleifen.ucoz.de.briefe.html", "luxuriousmagazine.com.polo.html",
                   "dw.com.uncork.html", "speicherguide.de.schwierige.html", "de.creativecommons.org.endlich.html",
                   "wehranlage-horka.de.887.html", "franziska-elea.de.vuitton.html")
REAL_PAGES = Path(__file__).resolve().parents[1] / "tests" / "data" / "pages"


@dataclass(frozen=True)
class RealPage:
    """A real page and the snippets trafilatura's tests expect in its text, and not."""

    name: str
    html: str
    expected: list[str]
    boilerplate: list[str]


def realworld_snippets(tests: Path) -> dict[str, dict]:
    """The snippets of trafilatura's ``realworld_tests.py`` by page file: each ``assert "…" in
    result`` (expected) and ``not in result`` (boilerplate) after a call that loads the page."""
    tree = ast.parse(tests.read_text(encoding="utf-8"))
    mock = next(ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)
                and getattr(node.targets[0], "id", "") == "MOCK_PAGES")
    found: dict[str, dict] = {}
    for function in (node for node in tree.body if isinstance(node, ast.FunctionDef)):
        url = None
        for statement in function.body:
            for node in ast.walk(statement):
                if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                        and node.args[0].value in mock:
                    url = node.args[0].value
            if not isinstance(statement, ast.Assert) or url is None:
                continue
            tests_ = statement.test.values if isinstance(statement.test, ast.BoolOp) else [statement.test]
            for test in tests_:
                if (isinstance(test, ast.Compare) and isinstance(test.left, ast.Constant)
                        and isinstance(test.left.value, str) and len(test.ops) == 1
                        and isinstance(test.comparators[0], ast.Name) and test.comparators[0].id == "result"
                        and isinstance(test.ops[0], (ast.In, ast.NotIn))):
                    page = found.setdefault(mock[url], {"url": url, "expected": [], "boilerplate": []})
                    kind = "expected" if isinstance(test.ops[0], ast.In) else "boilerplate"
                    if test.left.value not in page[kind]:
                        page[kind].append(test.left.value)
    return found


def real_pages(trafilatura: Path | None = None) -> list[RealPage]:
    """The real pages of tests/data/pages, or every page of a trafilatura checkout's tests."""
    from indexer.sources import decode_text

    if trafilatura is None:
        snippets = json.loads((REAL_PAGES / "snippets.json").read_text(encoding="utf-8"))
        return [RealPage(name, decode_text(gzip.decompress((REAL_PAGES / f"{name}.gz").read_bytes())),
                         page["expected"], page["boilerplate"]) for name, page in sorted(snippets.items())]
    snippets = realworld_snippets(trafilatura / "tests" / "realworld_tests.py")
    return [RealPage(name, decode_text((trafilatura / "tests" / "cache" / name).read_bytes()), page["expected"],
                     page["boilerplate"]) for name, page in sorted(snippets.items())]


def save_real_pages(trafilatura: Path) -> None:
    """Write :data:`REAL_PAGE_NAMES` from a trafilatura checkout into tests/data/pages, gzipped,
    with their snippets (``snippets.json``)."""
    snippets = realworld_snippets(trafilatura / "tests" / "realworld_tests.py")
    REAL_PAGES.mkdir(parents=True, exist_ok=True)
    for name in REAL_PAGE_NAMES:
        data = (trafilatura / "tests" / "cache" / name).read_bytes()
        (REAL_PAGES / f"{name}.gz").write_bytes(gzip.compress(data, 9, mtime=0))
    chosen = {name: snippets.get(name, {"url": None, "expected": [], "boilerplate": []}) for name in REAL_PAGE_NAMES}
    (REAL_PAGES / "snippets.json").write_text(json.dumps(chosen, ensure_ascii=False, indent=1) + "\n",
                                              encoding="utf-8")


def _plain(text: str) -> str:
    """Text compared as trafilatura's tests compare it, soft hyphens and runs of space aside."""
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def measure_real(extract: Callable[[str], tuple[str, str | None, str | None]], written: Sequence[RealPage]) -> dict:
    """Expected snippets found and boilerplate snippets kept over the real pages, ms per page."""
    found = kept = 0
    times, missed, kept_texts = [], [], []
    for page in written:
        started = time.perf_counter()
        try:
            text = _plain(extract(page.html)[0])
        except Exception as exc:  # a third-party extractor failing on a page finds nothing there
            text = ""
            missed.append(f"{page.name}: {type(exc).__name__}")
        times.append((time.perf_counter() - started) * 1000)
        for snippet in page.expected:
            if _plain(snippet) in text:
                found += 1
            else:
                missed.append(f"{page.name}: {snippet}")
        for snippet in page.boilerplate:
            if _plain(snippet) in text:
                kept += 1
                kept_texts.append(f"{page.name}: {snippet}")
    return {"pages": len(written), "expected": sum(len(p.expected) for p in written), "found": found,
            "boilerplate": sum(len(p.boilerplate) for p in written), "kept": kept,
            "ms_per_page": statistics.median(times), "missed": missed, "boilerplate_kept": kept_texts}


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


def _table(header: Sequence[str], results: dict, cells: Callable[[dict], list[str]]) -> list[str]:
    """A Markdown table of each extractor's ``results`` (a message where it could not run)."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for name, r in results.items():
        row = [r] + [""] * (len(header) - 2) if isinstance(r, str) else cells(r)
        lines.append("| " + " | ".join([name, *row]) + " |")
    return lines


def markdown(report: dict) -> str:
    lines = [f"{report['pages']} pages in {len(_layouts())} site layouts, {report['paragraphs']} body paragraphs, "
             f"{len(BOILERPLATE) + len(NAV) - 5} boilerplate texts a page at most:", ""]
    lines += _table(["extractor", "body paragraphs lost", "boilerplate texts indexed", "titles read", "dates read",
                     "ms/page"], report["extractors"],
                    lambda r: [str(r["lost"]), str(r["boilerplate_kept"]), f"{r['titles']} / {r['pages']}",
                               f"{r['dates']} / {r['pages']}", f"{r['ms_per_page']:.1f}"])
    real = report.get("real")
    if real:
        lines += ["", f"Real pages ({real['source']}): text trafilatura's tests expect found, boilerplate they "
                  "expect left out kept:", ""]
        lines += _table(["extractor", "expected text found", "boilerplate kept", "ms/page"], real["extractors"],
                        lambda r: [f"{r['found']} of {r['expected']}", f"{r['kept']} of {r['boilerplate']}",
                                   f"{r['ms_per_page']:.1f}"])
    return "\n".join(lines)


def _source_of(trafilatura: Path | None) -> str:
    if trafilatura is None:
        return f"the {len(REAL_PAGE_NAMES)} in tests/data/pages"
    commit = subprocess.run(["git", "-C", str(trafilatura), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=False).stdout.strip()
    return f"all of trafilatura's tested pages{f' at {commit}' if commit else ''}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--json", type=Path, default=RESULTS / "htmlpages.json")
    parser.add_argument("--trafilatura", type=Path, metavar="DIR",
                        help="a checkout of trafilatura: measure every real page its tests read")
    parser.add_argument("--save-real-pages", type=Path, metavar="DIR",
                        help="write tests/data/pages from this checkout of trafilatura, then stop")
    args = parser.parse_args(argv)
    if args.save_real_pages:
        save_real_pages(args.save_real_pages)
        return 0
    written = pages(args.pages)
    real = real_pages(args.trafilatura)
    report: dict = {"pages": len(written), "paragraphs": sum(len(p.paragraphs) for p in written), "extractors": {},
                    "real": {"source": _source_of(args.trafilatura), "extractors": {}}}
    for name, extract in EXTRACTORS.items():
        try:
            report["extractors"][name] = measure(extract, written)
            report["real"]["extractors"][name] = measure_real(extract, real)
        except ImportError as exc:
            report["extractors"][name] = report["real"]["extractors"][name] = f"not installed ({exc.name})"
    print(markdown(report))
    save_results(args.json, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
