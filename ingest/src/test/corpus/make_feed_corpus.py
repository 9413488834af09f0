#!/usr/bin/env python3
"""Writes the hard-feed corpus: ingest/src/test/resources/feeds/<group>/<name>.<ext> and, beside
each feed, <name>.expect.json with the values FeedParserCorpusTest asserts.

The feeds are written here rather than by hand because many must be exact bytes (UTF-16/32,
legacy charsets, gzip, control characters). Expected values are written by hand beside each
input: they say what the feed means, they are not copied from the parser's output.

Run: python3 ingest/src/test/corpus/make_feed_corpus.py (it rewrites the corpus directory).
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import corpus_base  # noqa: E402
import corpus_formats  # noqa: E402,F401
import corpus_json_sitemap  # noqa: E402,F401
import corpus_encoding_entities  # noqa: E402,F401
import corpus_dates  # noqa: E402,F401
import corpus_broken  # noqa: E402,F401

if __name__ == "__main__":
    for group in {c["group"] for c in corpus_base.CASES}:
        shutil.rmtree(os.path.join(corpus_base.ROOT, group), ignore_errors=True)
    n = corpus_base.write_all()
    print(f"{n} feeds written under {os.path.normpath(corpus_base.ROOT)}")
