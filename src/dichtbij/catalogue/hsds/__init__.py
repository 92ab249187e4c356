"""HSDS 3.0 in and out: import, export, the read-only HSDS API and synthetic catalogues.

* :mod:`.importer`: ``catalogue_import`` / ``catalogue_import_file`` (atomic, idempotent)
* :mod:`.exporter`: ``catalogue_export`` / ``catalogue_export_write``
* :mod:`.validation`: the official JSON schemas, Dutch messages per problem
* :mod:`.synthetic`: ``synthetic_catalogue`` for benchmarks
* :mod:`.api`: ``/api/hsds/...`` in the shape of the HSDS 3.0 API

The rules (how referral, waiting time and "at school" are read from attributes, how a
service's region is found, what happens without the schemas) are in ``README.md`` here.
"""
