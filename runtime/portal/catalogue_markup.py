"""The repeated parts of the catalogue page built in Python: the department and type navigation, the
result rows and the pager. The Jinja loops spent more on about sixty ``url_for`` calls per request
(one per link) than the search itself; here the address is built once and each link only appends
its query string, encoded exactly as ``url_for`` encodes it."""
from __future__ import annotations

from urllib.parse import urlencode

from markupsafe import Markup, escape

from runtime.i18n import gettext as _

from .catalogue_index import CatalogueIndex, ItemPage
from .department_nav import MAX_MATCHES, SHOW_ALL, NavView
from .department_nav import label as region_label
from .page_chrome import ITEM_PLACEHOLDER, fixed_url, url_pattern

_URL_SAFE = "!$'()*,/:;?@"   # werkzeug's url_for leaves these unquoted in query strings


def catalogue_url(**params) -> str:
    """``url_for("portal.catalogue", **params)``: parameters in the given order, None left out."""
    query = urlencode([(k, v) for k, v in params.items() if v is not None], safe=_URL_SAFE)
    base = fixed_url("portal.catalogue")
    return f"{base}?{query}" if query else base


def _current(flag: bool) -> str:
    return ' aria-current="true"' if flag else ""


def _departments_html(browse: NavView, department_id: int | None, dept_prefix: str, dept_suffix: str,
                      keep: dict) -> str:
    """The department part of the navigation: a search box once there are many, the region breadcrumb,
    the regions below (the way to one's own city or county, so first), the departments in groups
    (department_nav.py)."""
    out = []
    if browse.trail:
        crumbs = [f'<a href="{escape(catalogue_url(**keep))}">{escape(_("All regions"))}</a>']
        crumbs += [f'<a href="{escape(catalogue_url(region=key, **keep))}"{_current(key == browse.region)}>{escape(name)}</a>'
                   for key, name in browse.trail]
        out.append(f'<p class="trail">{" › ".join(crumbs)}</p>')
    if browse.matched is not None:
        found = _("%(n)d departments found.") % {"n": browse.matched}
        if browse.matched > MAX_MATCHES:
            found += _("The first %(n)d are listed; type more of the name.") % {"n": MAX_MATCHES}
        out.append(f'<p class="hint">{escape(found)}</p>')
    if browse.below:
        rows = "\n    ".join(f'<li><a href="{escape(catalogue_url(region=key, **keep))}">{escape(name)}</a> '
                              f'{escape(_("(%(n)d departments)") % {"n": n})}</li>' for key, name, n in browse.below)
        out.append(f'<h3>{escape(_("Regions"))}</h3>\n  <ul class="plain">\n    {rows}\n  </ul>')
    for heading, departments in browse.groups:
        if heading:
            out.append(f"<h3>{escape(heading)}</h3>")
        rows = "\n    ".join(f'<li><a href="{escape(dept_prefix)}{int(i)}{dept_suffix}"{_current(department_id == i)}>'
                              f'{escape(name)} ({count})</a></li>' for i, name, count in departments)
        out.append(f'<ul class="plain">\n    {rows}\n  </ul>')
    return "\n  ".join(out)


def _department_search(dq: str, query: str, task_type: str | None) -> str:
    keep = "".join(f'<input type="hidden" name="{name}" value="{escape(value)}">'
                   for name, value in (("q", query), ("type", task_type)) if value)
    return (f'<form class="department-search" method="get" action="{escape(fixed_url("portal.catalogue"))}" '
            f'role="search">\n    <label for="dq">{escape(_("Find a department"))}</label>\n'
            f'    <input id="dq" name="dq" value="{escape(dq)}" maxlength="50">{keep}\n'
            f'    <button type="submit">{escape(_("Find"))}</button>\n  </form>')


def facet_nav(index: CatalogueIndex, browse: NavView, task_types: dict, query: str, department_id: int | None,
              task_type: str | None, dq: str = "", region: str | None = None) -> Markup:
    """Browse by department (grouped by region once there are many, with a name search) and by item type;
    each link keeps the other filter and the search words. ``region``: the region chosen (its items are
    listed), as opposed to ``browse.region``, the one the navigation shows. The type counts are those of
    the department or region chosen."""
    q = query or None
    tail = urlencode([(k, v) for k, v in (("q", q), ("type", task_type)) if v is not None], safe=_URL_SAFE)
    dept_prefix = fixed_url("portal.catalogue") + "?department="
    dept_suffix = escape(f"&{tail}" if tail else "")
    many = index.tree.total > SHOW_ALL
    keep = {"q": q, "type": task_type}
    everything = (f'<ul class="plain">\n    <li><a href="{escape(catalogue_url(q=q, type=task_type))}"'
                  f'{_current(not department_id and not region)}>{escape(_("All departments"))}</a></li>\n  </ul>')
    departments = "\n  ".join(part for part in (_department_search(dq, query, task_type) if many else "",
                                                everything, _departments_html(browse, department_id, dept_prefix,
                                                                              dept_suffix, keep)) if part)
    within = {"department": department_id, "region": region, "dq": dq or None}
    types = [f'<li><a href="{escape(catalogue_url(q=q, **within))}"{_current(not task_type)}>'
             f'{escape(_("All types"))}</a></li>']
    types += [f'<li><a href="{escape(catalogue_url(type=code, q=q, **within))}"'
              f'{_current(task_type == code)}>{escape(task_types.get(code, code))} ({count})</a></li>'
              for code, count in index.types_in(department_id, region)]
    types_html = "\n    ".join(types)
    return Markup(f'<nav class="facets" aria-label="{escape(_("Browse"))}">\n'
                  f'  <h2>{escape(_("By department"))}</h2>\n  <div class="departments">\n  {departments}\n  </div>\n'
                  f'  <h2>{escape(_("By item type"))}</h2>\n  <ul class="plain">\n    {types_html}\n  </ul>\n'
                  f'</nav>')


def _rows(result: ItemPage) -> str:
    """The table body: code, name linked to the guide, department, links to the guide and to apply."""
    guide, apply = escape(_("Guide")), escape(_("Apply"))
    guide_head, guide_tail = url_pattern("portal.guide", "item_id", ITEM_PLACEHOLDER)
    apply_head, apply_tail = url_pattern("portal.apply_info", "item_id", ITEM_PLACEHOLDER)
    rows = []
    for item in result.items:
        guide_url = f"{guide_head}{item.id}{guide_tail}"
        rows.append(f'<tr>\n  <td class="code">{escape(item.code)}</td>\n'
                    f'  <td><a href="{guide_url}">{escape(item.name)}</a></td>\n'
                    f'  <td>{escape(item.department_name)}</td>\n'
                    f'  <td><a href="{guide_url}">{guide}</a> · '
                    f'<a href="{apply_head}{item.id}{apply_tail}">{apply}</a></td>\n</tr>')
    return "\n".join(rows)


def results(result: ItemPage, query: str, department_id: int | None, task_type: str | None,
            region: str | None = None, dq: str = "") -> Markup:
    """How many items were found (in the region chosen, if any), the page of them (or a hint when none:
    an empty region says so), and the pager."""
    place = region_label(region) if region and not department_id else ""   # a department chosen lists its own
    found = escape(_("%(region)s: %(n)d items found.") % {"region": place, "n": result.total} if place
                   else _("%(n)d items found.") % {"n": result.total})
    more = pager(result, query, department_id, task_type, region, dq)
    if not result.items:
        if place and result.in_scope == 0:
            hint = (f'{escape(_("No items are published in %(region)s yet.") % {"region": place})} '
                    f'<a href="{escape(catalogue_url(q=query or None, type=task_type))}">'
                    f'{escape(_("See the items of all regions"))}</a>')
            return Markup(f'  <p>{hint}</p>\n  {more}')   # "0 items found" would only repeat it
        else:
            hint = escape(_("No items match. Try fewer words or another department."))
        return Markup(f'  <p>{found}</p>\n  <p>{hint}</p>\n  {more}')
    head = "".join(f'<th scope="col">{escape(label)}</th>'
                   for label in (_("Item code"), _("Item name"), _("Department"), _("Actions")))
    return Markup(f'  <p>{found}</p>\n  <table class="list">\n    <thead><tr>{head}</tr></thead>\n    <tbody>\n'
                  f'{_rows(result)}\n    </tbody>\n  </table>\n  {more}')


def search_filters(department_id: int | None, task_type: str | None, region: str | None = None,
                   dq: str = "") -> Markup:
    """The filters a new search keeps: the department, type and region being browsed, the department search."""
    fields = [f'<input type="hidden" name="{name}" value="{escape(value)}">'
              for name, value in (("department", department_id), ("type", task_type), ("region", region),
                                  ("dq", dq)) if value]
    return Markup(" ".join(fields))


def pager(result: ItemPage, query: str, department_id: int | None, task_type: str | None,
          region: str | None = None, dq: str = "") -> Markup:
    """Previous and next page, keeping everything chosen: words, department, type, region, department search."""
    if result.pages <= 1:
        return Markup("")

    def link(page: int) -> str:
        return escape(catalogue_url(q=query or None, department=department_id, type=task_type, region=region,
                                    dq=dq or None, page=page))
    parts = []
    if result.page > 1:
        parts.append(f'<a href="{link(result.page - 1)}" rel="prev">{escape(_("Previous page"))}</a>')
    label = _("Page %(page)d of %(pages)d") % {"page": result.page, "pages": result.pages}
    parts.append(f"<span>{escape(label)}</span>")
    if result.page < result.pages:
        parts.append(f'<a href="{link(result.page + 1)}" rel="next">{escape(_("Next page"))}</a>')
    links = "\n  ".join(parts)
    return Markup(f'<nav class="pager" aria-label="{escape(_("Pages"))}">\n  {links}\n</nav>')
