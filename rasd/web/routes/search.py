"""The front page and full-text search with facets."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from rasd.store.reports import report_summary
from rasd.web.facets import facets
from rasd.web.labels import labels
from rasd.web.queries import COUNT_CAP, LEVELS, PAGE_SIZE, RANK_CAP, Filters, search_page
from rasd.web.render import reading, render

router = APIRouter()

FACET_TITLES = {"event_type": "Event type", "perpetrator": "Perpetrator",
                "governorate": "Governorate", "source": "Source",
                "corroboration": "Corroboration"}


@router.get("/", response_class=HTMLResponse)
def home() -> RedirectResponse:
    return RedirectResponse("/search", status_code=303)


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)


def _date(raw: str | None, name: str, problems: list[str]) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        problems.append(f"{name}: not a date (YYYY-MM-DD), ignored")
        return None


def _page(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() and 0 < int(raw) < 100_000 else 1


def _filters(request: Request, problems: list[str]) -> Filters:
    args = request.query_params
    level = args.get("corroboration", "")
    return Filters(
        q=args.get("q", "")[:500], event_type=args.get("event_type", ""),
        perpetrator=args.get("perpetrator", ""), governorate=args.get("governorate", ""),
        source=args.get("source", ""), corroboration=level if level in LEVELS else "",
        date_from=_date(args.get("date_from"), "from", problems),
        date_to=_date(args.get("date_to"), "to", problems), page=_page(args.get("page")))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request) -> HTMLResponse:
    """The results page; its facets come from /search/facets (htmx loads them after)."""
    problems: list[str] = []
    filters = _filters(request, problems)
    with reading(request) as conn:
        page = search_page(conn, filters)
        summary = report_summary(conn) if not filters.q and not filters.active() else None
        names = labels(conn, [filters.perpetrator, filters.source]) | LEVELS
    params = {"q": filters.q, **filters.active()}
    return render(request, "search.html", page=page, params=params, problems=problems,
                  titles=FACET_TITLES, page_size=PAGE_SIZE, summary=summary, cap=COUNT_CAP,
                  rank_cap=RANK_CAP, names=names, pages=(page.total + PAGE_SIZE - 1) // PAGE_SIZE)


@router.get("/search/facets", response_class=HTMLResponse)
def search_facets(request: Request) -> HTMLResponse:
    """Facet counts over the hits (the first COUNT_CAP of them): a fragment of the results
    page, which htmx loads after it."""
    filters = _filters(request, [])
    with reading(request) as conn:
        found = facets(conn, filters)
    params_out = {"q": filters.q, **filters.active()}
    return render(request, "_facets.html", facets=found.values, over=found.over,
                  capped=found.capped, params=params_out, titles=FACET_TITLES)
