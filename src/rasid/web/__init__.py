"""rasid's web pages: Jinja2 templates, static CSS/JS and a vendored Arabic font.

The pages are served by the FastAPI app of :mod:`rasid.api` (``rasid serve``); see
docs/web.md.
"""
