"""spaCy's tokenizer with its chunk cache kept useful.

spaCy tokenizes a text one whitespace-delimited chunk at a time and caches each chunk's
tokens, but it stops caching for the rest of a text after the first chunk that holds a
special case ("U.S.", "Feb.", "don't"; spaCy issue #1250), so in running text most chunks
are split again by the affix regexes every time. ``ChunkCachedTokenizer`` first
tokenizes each chunk it has not seen alone (which caches it unless it is itself special),
then the whole text, which finds its chunks in the cache. The tokens are the same: the
cache holds what the tokenizer makes of a chunk anywhere. Both the cache and the set of
chunks seen stop growing at ``MAX_CHUNKS`` per language.
"""

from __future__ import annotations

from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from pipeline.nlp.marks import TEXT

MAX_CHUNKS = 100_000  # distinct chunks cached per language (a few MB)


class ChunkCachedTokenizer:
    """Wraps a spaCy ``Tokenizer``: same tokens, new chunks cached first (module doc)."""

    def __init__(self, tokenizer: Tokenizer, max_chunks: int = MAX_CHUNKS):
        self.tokenizer = tokenizer
        self.max_chunks = max_chunks
        tokenizer.max_cache_size = max(tokenizer.max_cache_size, max_chunks)
        self.seen: set[str] = set()

    def __call__(self, text: str) -> Doc:
        seen = self.seen
        if len(seen) < self.max_chunks:
            new = set(text.split()) - seen
            if len(new) > self.max_chunks - len(seen):
                new = set(sorted(new)[: self.max_chunks - len(seen)])
            tokenize = self.tokenizer
            for chunk in new:
                tokenize(chunk)
            seen |= new
        doc = self.tokenizer(text)
        doc.user_data[TEXT] = text  # (the same as ``doc.text``, which joins every token)
        return doc

    def __getattr__(self, name: str):  # rules, explain, vocab, ... of the wrapped tokenizer
        if name == "tokenizer":  # (not set yet: being unpickled)
            raise AttributeError(name)
        return getattr(self.tokenizer, name)
