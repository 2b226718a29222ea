"""The benchmark harness (bench/README.md): `make bench` or `python bench/run.py`."""
