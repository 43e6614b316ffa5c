"""A matcher keeps its terms in columns when pickled (issue 12: a 1M-entry matcher must unpickle
in a fraction of a second); what comes back must be every Term exactly, and find the same."""

import pickle

from workbench.glossary import Glossary, read_glossary_csv

CSV = """id,type,zh,zh_variants,en,en_variants,en_forbidden,ja,status,note,case_sensitive
org.cib,org,刑事警察局,刑事局,Criminal Investigation Bureau,CIB,\
Criminal Police Bureau,刑事局,approved,,
term.red,term,紅色通緝令,,Red Notice,,,,approved,,true
term.arrest,term,逮捕,,arrest,,,逮捕,approved,,
title.dir,title,局長,,Director,Commissioner,,,approved,,
person.x,person,劉世芳,,Liu Shyh-fang,,,,approved,,
"""
TEXT = ("The CIB issued a Red Notice; 刑事警察局 arrests, a red notice, arrested 逮捕 by the "
        "Commissioners and Director Liu Shyh-fang of the Criminal Police Bureau, 刑事局.")


def test_unpickled_matcher_has_every_term_and_finds_the_same():
    g = Glossary(read_glossary_csv("t.csv", text=CSV))
    fresh = g.matcher
    loaded = pickle.loads(pickle.dumps(fresh, protocol=pickle.HIGHEST_PROTOCOL))
    assert loaded._terms is None  # columns, not objects, came back
    roles = {t.role for t in fresh.terms}
    assert {"canonical", "variant", "forbidden", "inflected"} <= roles
    for kw in ({}, {"langs": {"en"}}, {"langs": {"zh", "ja"}, "roles": {"canonical"}},
               {"overlapping": True}):
        assert loaded.find(TEXT, **kw) == fresh.find(TEXT, **kw)  # Match and Term equality
    assert loaded.find(TEXT)  # the text does hold terms
    assert loaded.terms == fresh.terms
    again = pickle.loads(pickle.dumps(loaded))  # pickling an unpickled matcher keeps it all
    assert again.terms == fresh.terms and again.find(TEXT) == fresh.find(TEXT)
