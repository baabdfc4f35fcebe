"""rasid (راصد, "the observer"): an Arabic-first news intelligence engine.

    >>> from rasid import analyze
    >>> record = analyze(open("article.txt").read(), published="2024-10-11")
"""

__version__ = "0.1.0"


def analyze(text: str, published=None, **kwargs):
    """Analyse one Arabic text; see :func:`rasid.pipeline.analyze`."""
    from rasid.pipeline import analyze as _analyze

    return _analyze(text, published, **kwargs)


__all__ = ["__version__", "analyze"]
