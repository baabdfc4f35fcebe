"""Named-entity logic behind the ``rasid_ner`` component (rasid.pipeline.ner).

- :mod:`rasid.ner.features`: token norms the statistical model is trained and run on.
- :mod:`rasid.ner.geo`: GPE vs LOC from data files (countries, cities, regions).
- :mod:`rasid.ner.gazetteer`: the normalisation- and clitic-aware gazetteer ruler
  (WEAPON, FAC, agencies, outlets, leaders) over rasid's tokens.
"""
