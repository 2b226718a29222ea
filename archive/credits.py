"""Credit and source sentences, generated from structured fields (being written: see issue 2)."""


def credit_sentence(contributions) -> str:
    raise NotImplementedError


def source_sentence_for(document) -> str:
    raise NotImplementedError
