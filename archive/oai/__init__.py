"""OAI-PMH 2.0 at /oai/: the published archive for library catalogues and aggregators to harvest.

protocol: the request's arguments, datestamps, identifiers and errors; tokens: stateless, signed
resumption tokens; records: which published versions a harvester sees, in a stable order; formats:
oai_dc and the archive's own richer record format; verbs: the six verbs; views: the endpoint.

Like everything public, it reads PublishedVersion only: a record's current version, or for a
withdrawn record its last version and the withdrawal time, reported as a deleted record.
"""
